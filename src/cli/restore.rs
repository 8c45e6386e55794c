//! `tienda restore FILE`: puts a backup in place of the shop's database,
//! while the shop is stopped.
//!
//! The backup is copied into the data directory and checked there
//! (integrity, a Tienda schema no newer than this binary) before anything
//! is replaced; the database it replaces is kept beside it, whole (its
//! write-ahead log included), so a restore can itself be undone.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::config::Config;
use crate::db::migrate::{MIGRATIONS, latest};

/// What a checked backup holds, to tell the owner what they restored.
struct Contents {
    version: i64,
    orders: i64,
    products: i64,
    newest_order: Option<String>,
}

pub fn restore(config: &Config, file: &Path) -> Result<(), String> {
    if !file.is_file() {
        return Err(format!("there is no file {}", file.display()));
    }
    crate::data_dir::prepare(&config.data_dir).map_err(|e| e.to_string())?;
    let _lock = crate::data_dir::Lock::acquire(&config.data_dir).map_err(|e| super::message_of(&e))?;
    let db_path = config.db_path();
    let incoming = sibling(&db_path, "restoring");
    std::fs::copy(file, &incoming).map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
    let contents = match check(&incoming) {
        Ok(contents) => contents,
        Err(problem) => {
            let _ = std::fs::remove_file(&incoming);
            return Err(format!(
                "{} cannot be restored: {problem}. Nothing was changed.",
                file.display()
            ));
        }
    };

    let kept = if db_path.exists() {
        let kept = sibling(
            &db_path,
            &format!("replaced-{}", chrono::Utc::now().format("%Y%m%d-%H%M%S")),
        );
        let current =
            Connection::open(&db_path).map_err(|e| format!("cannot open the current database: {e}"))?;
        crate::db::backup::copy_to(&current, &kept).map_err(|e| {
            format!("cannot keep a copy of the current database, so nothing was changed: {e}")
        })?;
        drop(current);
        Some(kept)
    } else {
        None
    };
    // The old log must go before the new file takes the name: SQLite would
    // replay it into the restored database.
    for suffix in ["-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", db_path.display()));
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot remove {}: {e}", path.display())),
        }
    }
    std::fs::rename(&incoming, &db_path).map_err(|e| format!("cannot put the backup in place: {e}"))?;
    if let Ok(dir) = std::fs::File::open(&config.data_dir) {
        let _ = dir.sync_all();
    }

    println!(
        "Restored {} into {}: {} orders (newest {}), {} products, schema version {}{}.",
        file.display(),
        db_path.display(),
        contents.orders,
        contents.newest_order.as_deref().unwrap_or("none"),
        contents.products,
        contents.version,
        if contents.version < latest(MIGRATIONS) {
            "; the shop upgrades it when it starts"
        } else {
            ""
        }
    );
    if let Some(kept) = kept {
        println!("The database it replaced is kept at {}.", kept.display());
    }
    Ok(())
}

/// `db_path` with `.suffix` added: `tienda.db.restoring`.
fn sibling(db_path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}.{suffix}", db_path.display()))
}

/// Whether `path` is a sound Tienda database this binary can open.
fn check(path: &Path) -> Result<Contents, String> {
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    let problems = crate::db::backup::integrity_problems(&conn)
        .map_err(|e| format!("it is not a readable SQLite database ({e})"))?;
    if !problems.is_empty() {
        return Err(format!("it is damaged: {}", problems.join("; ")));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('users', 'products', 'orders')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    if version < 1 || tables < 3 {
        return Err("it is not a Tienda database".into());
    }
    if version > latest(MIGRATIONS) {
        return Err(format!(
            "it has schema version {version}, newer than this binary knows ({}); restore it with a newer Tienda",
            latest(MIGRATIONS)
        ));
    }
    let count = |sql: &str| {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map_err(|e| e.to_string())
    };
    Ok(Contents {
        version,
        orders: count("SELECT count(*) FROM orders")?,
        products: count("SELECT count(*) FROM products")?,
        newest_order: conn
            .query_row("SELECT max(created_at) FROM orders", [], |r| r.get(0))
            .map_err(|e| e.to_string())?,
    })
}

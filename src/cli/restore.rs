//! `tienda restore FILE`: puts a backup in place of the shop's database,
//! while the shop is stopped.
//!
//! The backup is copied into the data directory and checked there
//! (integrity, a Tienda schema no newer than this binary) before anything
//! is replaced; the database it replaces is kept beside it, whole (its
//! write-ahead log included), so a restore can itself be undone.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::text;
use crate::config::Config;
use crate::db::migrate::{MIGRATIONS, latest};
use crate::i18n::{FluentValue, Lang, t, t_with};

/// What a checked backup holds, to tell the owner what they restored.
struct Contents {
    version: i64,
    orders: i64,
    products: i64,
    newest_order: Option<String>,
}

pub fn restore(config: &Config, lang: Lang, file: &Path) -> Result<(), String> {
    if !file.is_file() {
        return Err(t_with(
            lang,
            "cli-restore-no-file",
            &[("path", text(file.display()))],
        ));
    }
    crate::data_dir::prepare(&config.data_dir).map_err(|e| e.to_string())?;
    let _lock = crate::data_dir::Lock::acquire(&config.data_dir).map_err(|e| super::message_of(&e.into()))?;
    let db_path = config.db_path();
    let incoming = sibling(&db_path, "restoring");
    std::fs::copy(file, &incoming).map_err(|e| {
        t_with(
            lang,
            "cli-restore-cannot-copy",
            &[("path", text(file.display())), ("error", text(e))],
        )
    })?;
    let contents = match check(&incoming, lang) {
        Ok(contents) => contents,
        Err(problem) => {
            let _ = std::fs::remove_file(&incoming);
            let args = [("path", text(file.display())), ("problem", text(problem))];
            return Err(t_with(lang, "cli-restore-refused", &args));
        }
    };

    let kept = if db_path.exists() {
        let kept = sibling(
            &db_path,
            &format!("replaced-{}", chrono::Utc::now().format("%Y%m%d-%H%M%S")),
        );
        let copied = crate::db::file_check::check(&db_path).is_ok()
            && Connection::open(&db_path)
                .is_ok_and(|current| crate::db::backup::copy_to(&current, &kept).is_ok());
        if !copied {
            // A file that is not a database, is cut short or has damaged
            // pages cannot be copied page by page: its bytes, and its
            // log's, are kept as they are (the shop is stopped).
            for suffix in ["", "-wal"] {
                let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
                if suffix.is_empty() || from.exists() {
                    std::fs::copy(&from, format!("{}{suffix}", kept.display()))
                        .map_err(|e| t_with(lang, "cli-restore-cannot-keep", &[("error", text(e))]))?;
                }
            }
        }
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
            Err(e) => {
                let args = [("path", text(path.display())), ("error", text(e))];
                return Err(t_with(lang, "cli-restore-cannot-remove", &args));
            }
        }
    }
    std::fs::rename(&incoming, &db_path)
        .map_err(|e| t_with(lang, "cli-restore-cannot-place", &[("error", text(e))]))?;
    if let Ok(dir) = std::fs::File::open(&config.data_dir) {
        let _ = dir.sync_all();
    }

    let newest = match contents.newest_order {
        Some(newest) => newest,
        None => t(lang, "cli-restore-no-orders"),
    };
    let args = [
        ("file", text(file.display())),
        ("db", text(db_path.display())),
        ("orders", FluentValue::from(contents.orders)),
        ("newest", text(newest)),
        ("products", FluentValue::from(contents.products)),
        ("version", text(contents.version)),
    ];
    let said = if contents.version < latest(MIGRATIONS) {
        "cli-restore-done-upgrade"
    } else {
        "cli-restore-done"
    };
    println!("{}", t_with(lang, said, &args));
    if let Some(kept) = kept {
        println!(
            "{}",
            t_with(lang, "cli-restore-kept", &[("path", text(kept.display()))])
        );
    }
    Ok(())
}

/// `db_path` with `.suffix` added: `tienda.db.restoring`.
fn sibling(db_path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}.{suffix}", db_path.display()))
}

/// Whether `path` is a sound Tienda database this binary can open.
fn check(path: &Path, lang: Lang) -> Result<Contents, String> {
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    let problems = crate::db::backup::integrity_problems(&conn)
        .map_err(|e| t_with(lang, "cli-restore-unreadable", &[("error", text(e))]))?;
    if !problems.is_empty() {
        let args = [("problems", text(problems.join("; ")))];
        return Err(t_with(lang, "cli-restore-damaged", &args));
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
        return Err(t(lang, "cli-restore-not-tienda"));
    }
    if version > latest(MIGRATIONS) {
        let args = [("version", text(version)), ("latest", text(latest(MIGRATIONS)))];
        return Err(t_with(lang, "cli-restore-too-new", &args));
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

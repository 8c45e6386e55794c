//! `tienda backup` and `tienda check`: safe to run while the shop serves.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::config::Config;

fn open_existing(config: &Config, flags: OpenFlags) -> Result<Connection, String> {
    let path = config.db_path();
    if !path.is_file() {
        return Err(format!("there is no database at {}", path.display()));
    }
    let conn = Connection::open_with_flags(&path, flags).map_err(|e| e.to_string())?;
    conn.busy_timeout(Duration::from_secs(10))
        .map_err(|e| e.to_string())?;
    Ok(conn)
}

/// A consistent copy of the database, even while the shop keeps writing.
pub fn backup(config: &Config, target: &Path) -> Result<(), String> {
    if target.exists() {
        return Err(format!("{} exists already; choose a new file", target.display()));
    }
    let source = open_existing(config, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    crate::db::backup::copy_to(&source, target).map_err(|e| format!("the backup failed: {e}"))?;
    println!(
        "Backed up {} to {}.",
        config.db_path().display(),
        target.display()
    );
    Ok(())
}

/// SQLite's integrity and foreign-key checks; an error lists the problems.
pub fn check(config: &Config) -> Result<(), String> {
    let conn = open_existing(config, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut problems = crate::db::backup::integrity_problems(&conn).map_err(|e| e.to_string())?;
    let mut stmt = conn
        .prepare("PRAGMA foreign_key_check")
        .map_err(|e| e.to_string())?;
    let rows = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} row {} points to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .map_err(|e| e.to_string())?;
    for row in rows {
        problems.push(row.map_err(|e| e.to_string())?);
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if problems.is_empty() {
        println!("{}: ok (schema version {version})", config.db_path().display());
        Ok(())
    } else {
        Err(format!("the database has problems:\n{}", problems.join("\n")))
    }
}

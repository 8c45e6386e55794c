//! `tienda backup` and `tienda check`: safe to run while the shop serves.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::text;
use crate::config::Config;
use crate::i18n::{Lang, t, t_with};

fn open_existing(config: &Config, lang: Lang, flags: OpenFlags) -> Result<Connection, String> {
    let path = config.db_path();
    if !path.is_file() {
        return Err(t_with(lang, "cli-no-database", &[("path", text(path.display()))]));
    }
    crate::db::file_check::check(&path)
        .map_err(|e| crate::start_error::StartError::opening(&config.data_dir, &path, e).to_string())?;
    let conn = Connection::open_with_flags(&path, flags).map_err(|e| e.to_string())?;
    conn.busy_timeout(Duration::from_secs(10))
        .map_err(|e| e.to_string())?;
    Ok(conn)
}

/// A consistent copy of the database, even while the shop keeps writing.
pub fn backup(config: &Config, lang: Lang, target: &Path) -> Result<(), String> {
    if target.exists() {
        return Err(t_with(
            lang,
            "cli-backup-exists",
            &[("path", text(target.display()))],
        ));
    }
    let source = open_existing(config, lang, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    crate::db::backup::copy_to(&source, target)
        .map_err(|e| t_with(lang, "cli-backup-failed", &[("error", text(e))]))?;
    let args = [
        ("from", text(config.db_path().display())),
        ("to", text(target.display())),
    ];
    println!("{}", t_with(lang, "cli-backup-done", &args));
    Ok(())
}

/// SQLite's integrity and foreign-key checks; an error lists the problems.
pub fn check(config: &Config, lang: Lang) -> Result<(), String> {
    let conn = open_existing(config, lang, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut problems = crate::db::backup::integrity_problems(&conn).map_err(|e| e.to_string())?;
    let mut stmt = conn
        .prepare("PRAGMA foreign_key_check")
        .map_err(|e| e.to_string())?;
    let rows = stmt
        .query_map([], |r| {
            let args = [
                ("table", text(r.get::<_, String>(0)?)),
                ("row", text(r.get::<_, i64>(1)?)),
                ("parent", text(r.get::<_, String>(2)?)),
            ];
            Ok(t_with(lang, "cli-check-missing-row", &args))
        })
        .map_err(|e| e.to_string())?;
    for row in rows {
        problems.push(row.map_err(|e| e.to_string())?);
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if problems.is_empty() {
        let args = [
            ("path", text(config.db_path().display())),
            ("version", text(version)),
        ];
        println!("{}", t_with(lang, "cli-check-ok", &args));
        Ok(())
    } else {
        Err(format!(
            "{}\n{}",
            t(lang, "cli-check-problems"),
            problems.join("\n")
        ))
    }
}

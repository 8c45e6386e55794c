//! Consistent copies of the live database, for `tienda backup` and the
//! shop's own backups, and the integrity check that `tienda check` and
//! `tienda restore` run on a database file.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::error::Error;

/// Copies the database `source` is connected to into a new file `target`,
/// a single file (no `-wal` beside it) that opens on its own.
///
/// SQLite's online backup runs here in one step, not in slices: a backup
/// taken in slices starts over whenever another connection writes between
/// two of them, so under steady orders it never finished. One step reads
/// the whole file in one read transaction, which in WAL mode does not hold
/// the writers up, and the copy is the database as of that transaction.
pub fn copy_to(source: &Connection, target: &Path) -> Result<(), Error> {
    let mut copy = Connection::open(target)
        .map_err(|e| Error::internal(format!("cannot create {}: {e}", target.display())))?;
    {
        let backup = Backup::new(source, &mut copy)?;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                // Only another process's exclusive lock (a restore, say)
                // answers busy here; wait for it to end.
                _ => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    }
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// What SQLite's integrity check finds wrong with the database; empty
/// when it is sound.
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>, rusqlite::Error> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let row = row?;
        if row != "ok" {
            problems.push(row);
        }
    }
    Ok(problems)
}

//! Queries on `settings`, the shop's key/value settings.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Error;

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, Error> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

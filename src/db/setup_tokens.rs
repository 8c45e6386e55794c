//! The first-run setup link: at most one token, usable once.

use rusqlite::{Connection, params};

use crate::error::Error;

/// Replaces any earlier setup token with this one.
pub fn replace(conn: &Connection, token_hash: &str) -> Result<(), Error> {
    conn.execute("DELETE FROM setup_tokens", [])?;
    conn.execute(
        "INSERT INTO setup_tokens (token_hash, created_at) VALUES (?1, ?2)",
        params![token_hash, crate::db::now()],
    )?;
    Ok(())
}

pub fn exists(conn: &Connection, token_hash: &str) -> Result<bool, Error> {
    Ok(conn.query_row(
        "SELECT count(*) FROM setup_tokens WHERE token_hash = ?1",
        [token_hash],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// Uses the token up; false when it was not (or no longer) valid.
pub fn consume(conn: &Connection, token_hash: &str) -> Result<bool, Error> {
    Ok(conn.execute("DELETE FROM setup_tokens WHERE token_hash = ?1", [token_hash])? == 1)
}

pub fn clear(conn: &Connection) -> Result<(), Error> {
    conn.execute("DELETE FROM setup_tokens", [])?;
    Ok(())
}

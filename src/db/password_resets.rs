//! Queries on `password_resets`: one-time, expiring tokens sent by e-mail.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Error;
use crate::ids::UserId;

pub fn insert(conn: &Connection, user: UserId, token_hash: &str, expires_at: &str) -> Result<(), Error> {
    conn.execute(
        "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![user, token_hash, crate::db::now(), expires_at],
    )?;
    Ok(())
}

/// Marks the token used and returns its user, if it is unused and unexpired.
pub fn consume(conn: &Connection, token_hash: &str) -> Result<Option<UserId>, Error> {
    let now = crate::db::now();
    let user = conn
        .query_row(
            "UPDATE password_resets SET used_at = ?2
             WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
             RETURNING user_id",
            params![token_hash, now],
            |r| r.get(0),
        )
        .optional()?;
    Ok(user.map(UserId))
}

/// True when the token would still be accepted (for showing the form).
pub fn is_valid(conn: &Connection, token_hash: &str) -> Result<bool, Error> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM password_resets
             WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
            params![token_hash, crate::db::now()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Other outstanding links of the user stop working once one is used.
pub fn delete_for_user(conn: &Connection, user: UserId) -> Result<(), Error> {
    conn.execute("DELETE FROM password_resets WHERE user_id = ?1", [user])?;
    Ok(())
}

pub fn purge_expired(conn: &Connection) -> Result<usize, Error> {
    Ok(conn.execute(
        "DELETE FROM password_resets WHERE expires_at < ?1 OR used_at IS NOT NULL",
        [crate::db::now()],
    )?)
}

//! Queries on `outbox`, the e-mails waiting to be delivered.

use rusqlite::{Connection, params};

use crate::error::Error;

pub struct Mail<'a> {
    pub kind: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

pub struct Queued {
    pub id: i64,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub created_at: String,
}

/// Queues a message; call it inside the transaction of the change it reports.
pub fn insert(conn: &Connection, mail: &Mail<'_>) -> Result<i64, Error> {
    let now = crate::db::now();
    conn.prepare_cached(
        "INSERT INTO outbox (kind, to_addr, subject, body, created_at, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![mail.kind, mail.to, mail.subject, mail.body, now])?;
    Ok(conn.last_insert_rowid())
}

pub fn due(conn: &Connection, limit: i64) -> Result<Vec<Queued>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, to_addr, subject, body, attempts, created_at FROM outbox
         WHERE sent_at IS NULL AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![crate::db::now(), limit], |r| {
        Ok(Queued {
            id: r.get(0)?,
            kind: r.get(1)?,
            to: r.get(2)?,
            subject: r.get(3)?,
            body: r.get(4)?,
            attempts: r.get(5)?,
            created_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn mark_sent(conn: &Connection, id: i64) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1",
    )?
    .execute(params![id, crate::db::now()])?;
    Ok(())
}

pub fn mark_failed(conn: &Connection, id: i64, error: &str, next_attempt_at: &str) -> Result<(), Error> {
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3
         WHERE id = ?1",
        params![id, error, next_attempt_at],
    )?;
    Ok(())
}

/// How many messages wait for delivery, and how many of those failed at
/// their last attempt.
pub fn backlog(conn: &Connection) -> Result<(i64, i64), Error> {
    Ok(conn
        .prepare_cached("SELECT count(*), count(last_error) FROM outbox WHERE sent_at IS NULL")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

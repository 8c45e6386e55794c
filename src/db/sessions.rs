//! Queries on `sessions`. Rows are found by the hash of the cookie token.

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::users::{COLUMNS, User};
use crate::error::Error;
use crate::i18n::Lang;
use crate::ids::{SessionId, UserId};

pub struct SessionRow {
    pub id: SessionId,
    pub csrf_token: String,
    pub created_at: String,
    pub last_seen_at: String,
    /// The logged-in user, if any and still active.
    pub user: Option<User>,
    /// The language chosen in this session, if any.
    pub language: Option<Lang>,
    /// The signed-in user's own language, if they chose one.
    pub user_language: Option<Lang>,
}

pub fn insert(
    conn: &Connection,
    token_hash: &str,
    user: Option<UserId>,
    csrf: &str,
) -> Result<SessionId, Error> {
    let now = crate::db::now();
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![token_hash, user, csrf, now],
    )?;
    Ok(SessionId(conn.last_insert_rowid()))
}

pub fn find_by_token(conn: &Connection, token_hash: &str) -> Result<Option<SessionRow>, Error> {
    let sql = format!(
        "SELECT s.id, s.csrf_token, s.created_at, s.last_seen_at, s.language, u.language, {COLUMNS}
         FROM sessions s LEFT JOIN users u ON u.id = s.user_id AND u.active = 1
         WHERE s.token_hash = ?1"
    );
    // Cached: every request with a session cookie asks, and preparing the
    // statement cost more than running it.
    let row = conn
        .prepare_cached(&sql)?
        .query_row([token_hash], |r| {
            let user_id: Option<i64> = r.get(6)?;
            let lang = |code: Option<String>| code.as_deref().and_then(Lang::from_code);
            Ok(SessionRow {
                id: SessionId(r.get(0)?),
                csrf_token: r.get(1)?,
                created_at: r.get(2)?,
                last_seen_at: r.get(3)?,
                user: match user_id {
                    Some(_) => Some(User::from_row(r, 6)?),
                    None => None,
                },
                language: lang(r.get(4)?),
                user_language: lang(r.get(5)?),
            })
        })
        .optional()?;
    Ok(row)
}

pub fn touch(conn: &Connection, id: SessionId) -> Result<(), Error> {
    conn.execute(
        "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1",
        params![id, crate::db::now()],
    )?;
    Ok(())
}

/// Gives the session a new token, owner and CSRF secret, keeping the row and
/// what belongs to it. Its absolute lifetime starts again.
pub fn rotate(
    conn: &Connection,
    id: SessionId,
    token_hash: &str,
    user: Option<UserId>,
    csrf: &str,
) -> Result<(), Error> {
    let now = crate::db::now();
    conn.execute(
        "UPDATE sessions SET token_hash = ?2, user_id = ?3, csrf_token = ?4,
                             created_at = ?5, last_seen_at = ?5
         WHERE id = ?1",
        params![id, token_hash, user, csrf, now],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: SessionId) -> Result<(), Error> {
    conn.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
    Ok(())
}

/// Ends every session of `user` but `keep`.
pub fn delete_for_user(conn: &Connection, user: UserId, keep: Option<SessionId>) -> Result<usize, Error> {
    Ok(conn.execute(
        "DELETE FROM sessions WHERE user_id = ?1 AND id != ?2",
        params![user, keep.map_or(0, |k| k.0)],
    )?)
}

/// Deletes the sessions idle since before `idle_cutoff` or created before
/// `absolute_cutoff`.
pub fn purge_expired(conn: &Connection, idle_cutoff: &str, absolute_cutoff: &str) -> Result<usize, Error> {
    Ok(conn.execute(
        "DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2",
        params![idle_cutoff, absolute_cutoff],
    )?)
}

/// Remembers the language a visitor chose for this session.
pub fn set_language(conn: &Connection, id: SessionId, lang: Lang) -> Result<(), Error> {
    conn.execute(
        "UPDATE sessions SET language = ?2 WHERE id = ?1",
        params![id, lang.code()],
    )?;
    Ok(())
}

/// Forgets the session's own language choice.
pub fn clear_language(conn: &Connection, id: SessionId) -> Result<(), Error> {
    conn.execute("UPDATE sessions SET language = NULL WHERE id = ?1", [id])?;
    Ok(())
}

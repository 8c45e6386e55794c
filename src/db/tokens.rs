//! Queries on `api_tokens`. Only the hash of a token is stored.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::users::{COLUMNS, User};
use crate::error::Error;
use crate::ids::{TokenId, UserId};

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Token)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime, required = true)]
    pub last_used_at: Option<String>,
}

pub fn insert(conn: &Connection, user: UserId, name: &str, token_hash: &str) -> Result<ApiToken, Error> {
    let now = crate::db::now();
    conn.execute(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![user, name, token_hash, now],
    )?;
    Ok(ApiToken {
        id: TokenId(conn.last_insert_rowid()),
        name: name.to_string(),
        created_at: now,
        last_used_at: None,
    })
}

pub fn count_for_user(conn: &Connection, user: UserId) -> Result<i64, Error> {
    Ok(conn.query_row(
        "SELECT count(*) FROM api_tokens WHERE user_id = ?1",
        [user],
        |r| r.get(0),
    )?)
}

pub fn list_page(conn: &Connection, user: UserId, limit: i64, offset: i64) -> Result<Vec<ApiToken>, Error> {
    let mut stmt = conn.prepare(
        "SELECT id, name, created_at, last_used_at FROM api_tokens
         WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt.query_map(params![user, limit, offset], |r| {
        Ok(ApiToken {
            id: TokenId(r.get(0)?),
            name: r.get(1)?,
            created_at: r.get(2)?,
            last_used_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The active owner of a token, and when the token was last used.
pub fn find_user_by_token(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<(TokenId, Option<String>, User)>, Error> {
    let sql = format!(
        "SELECT t.id, t.last_used_at, {COLUMNS} FROM api_tokens t
         JOIN users u ON u.id = t.user_id AND u.active = 1
         WHERE t.token_hash = ?1"
    );
    // Cached: every request with a token asks.
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([token_hash], |r| {
            Ok((TokenId(r.get(0)?), r.get(1)?, User::from_row(r, 2)?))
        })
        .optional()?)
}

pub fn touch(conn: &Connection, id: TokenId) -> Result<(), Error> {
    conn.execute(
        "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1",
        params![id, crate::db::now()],
    )?;
    Ok(())
}

/// Deletes the token if `user` owns it; false when there was no such token.
pub fn delete(conn: &Connection, user: UserId, id: TokenId) -> Result<bool, Error> {
    Ok(conn.execute(
        "DELETE FROM api_tokens WHERE id = ?1 AND user_id = ?2",
        params![id, user],
    )? == 1)
}

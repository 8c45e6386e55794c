//! API tokens: made by a signed-in user, shown once, stored as a hash.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::tokens;
use crate::error::Error;
use crate::ids::{TokenId, UserId};
use crate::token::{hash_token, random_token};

/// Tokens start with this, so that one pasted in the wrong place is easy to
/// recognise (and to scan for in leaked text).
pub const PREFIX: &str = "tienda_";

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NewToken {
    #[schema(required = true, min_length = 1, max_length = 100)]
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    pub id: TokenId,
    pub name: String,
    /// The secret itself; it is not stored and cannot be shown again.
    pub token: String,
    #[schema(format = DateTime)]
    pub created_at: String,
}

pub fn create(conn: &Connection, user: UserId, input: NewToken) -> Result<CreatedToken, Error> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::field("name", "is required"));
    }
    if name.chars().count() > 100 {
        return Err(Error::field("name", "must be at most 100 characters long"));
    }
    let token = format!("{PREFIX}{}", random_token());
    let hash = hash_token(&token);
    let row = tokens::insert(conn, user, &name, &hash)?;
    Ok(CreatedToken {
        id: row.id,
        name: row.name,
        token,
        created_at: row.created_at,
    })
}

/// Revokes one of `user`'s tokens; another user's token is "not found".
pub fn revoke(conn: &Connection, user: UserId, id: TokenId) -> Result<(), Error> {
    Error::found(tokens::delete(conn, user, id)?)
}

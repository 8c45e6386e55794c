//! Queries on `users`. Usernames and e-mails compare without case (the
//! columns are `COLLATE NOCASE`).

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::ids::UserId;
use crate::role::Role;

/// A user as everyone may see it: never the password hash.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    pub id: UserId,
    pub username: String,
    #[schema(format = Email)]
    pub email: String,
    pub role: Role,
    pub active: bool,
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// The columns `User::from_row` reads, for queries that join users.
pub const COLUMNS: &str = "u.id, u.username, u.email, u.role, u.active, u.created_at";

impl User {
    /// Reads `COLUMNS` starting at column `at`.
    pub fn from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<User> {
        Ok(User {
            id: UserId(row.get(at)?),
            username: row.get(at + 1)?,
            email: row.get(at + 2)?,
            role: row.get(at + 3)?,
            active: row.get(at + 4)?,
            created_at: row.get(at + 5)?,
        })
    }
}

pub fn find(conn: &Connection, id: UserId) -> Result<User, Error> {
    let sql = format!("SELECT {COLUMNS} FROM users u WHERE u.id = ?1");
    Ok(conn.query_row(&sql, [id.0], |r| User::from_row(r, 0))?)
}

/// The user and their password hash, by username or e-mail.
pub fn find_for_login(conn: &Connection, login: &str) -> Result<Option<(User, String)>, Error> {
    let sql = format!(
        "SELECT {COLUMNS}, u.password_hash FROM users u
         WHERE u.username = ?1 OR u.email = ?1 LIMIT 1"
    );
    Ok(conn
        .query_row(&sql, [login], |r| Ok((User::from_row(r, 0)?, r.get(6)?)))
        .optional()?)
}

pub fn find_by_email(conn: &Connection, email: &str) -> Result<Option<User>, Error> {
    let sql = format!("SELECT {COLUMNS} FROM users u WHERE u.email = ?1");
    Ok(conn
        .query_row(&sql, [email], |r| User::from_row(r, 0))
        .optional()?)
}

pub fn find_by_username(conn: &Connection, username: &str) -> Result<Option<User>, Error> {
    let sql = format!("SELECT {COLUMNS} FROM users u WHERE u.username = ?1");
    Ok(conn
        .query_row(&sql, [username], |r| User::from_row(r, 0))
        .optional()?)
}

pub fn password_hash(conn: &Connection, id: UserId) -> Result<String, Error> {
    Ok(
        conn.query_row("SELECT password_hash FROM users WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })?,
    )
}

pub fn username_taken(conn: &Connection, username: &str, except: Option<UserId>) -> Result<bool, Error> {
    let other = except.map_or(0, |id| id.0);
    Ok(conn
        .query_row(
            "SELECT 1 FROM users WHERE username = ?1 AND id != ?2",
            params![username, other],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn email_taken(conn: &Connection, email: &str, except: Option<UserId>) -> Result<bool, Error> {
    let other = except.map_or(0, |id| id.0);
    Ok(conn
        .query_row(
            "SELECT 1 FROM users WHERE email = ?1 AND id != ?2",
            params![email, other],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
}

pub fn insert(conn: &Connection, new: &NewUser<'_>) -> Result<UserId, Error> {
    let now = crate::db::now();
    conn.execute(
        "INSERT INTO users (username, email, password_hash, role, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![new.username, new.email, new.password_hash, new.role, now],
    )?;
    Ok(UserId(conn.last_insert_rowid()))
}

pub fn update_profile(conn: &Connection, id: UserId, username: &str, email: &str) -> Result<(), Error> {
    conn.execute(
        "UPDATE users SET username = ?2, email = ?3, updated_at = ?4 WHERE id = ?1",
        params![id.0, username, email, crate::db::now()],
    )?;
    Ok(())
}

pub fn update_password(conn: &Connection, id: UserId, hash: &str) -> Result<(), Error> {
    conn.execute(
        "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, hash, crate::db::now()],
    )?;
    Ok(())
}

pub fn update_role(conn: &Connection, id: UserId, role: Role) -> Result<(), Error> {
    conn.execute(
        "UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, role, crate::db::now()],
    )?;
    Ok(())
}

pub fn count_active_admins(conn: &Connection) -> Result<i64, Error> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1",
        [],
        |r| r.get(0),
    )?)
}

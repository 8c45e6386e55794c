//! Queries on `users`. Usernames and e-mails compare without case (the
//! columns are `COLLATE NOCASE`).

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::orders::ShippingAddress;
use crate::error::Error;
use crate::ids::UserId;
use crate::money::Cents;
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

/// A user with what they bought, for the back office's user list and page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserSummary {
    pub id: UserId,
    pub username: String,
    #[schema(format = Email)]
    pub email: String,
    pub role: Role,
    pub active: bool,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// How many orders the user placed, in any status.
    #[schema(minimum = 0)]
    pub orders: i64,
    /// The `total_cents` of the user's paid orders (`paid_at` set) that
    /// were not refunded or cancelled: either gives the money back.
    pub revenue_cents: Cents,
    /// When the user's newest order was placed; null when there is none.
    #[schema(format = DateTime, required = true)]
    pub last_order_at: Option<String>,
}

/// Which users a list shows; `None` is any.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Part of the username or e-mail, in any case.
    pub search: Option<String>,
    pub role: Option<Role>,
}

/// `text` for a `LIKE … ESCAPE '\'` that matches it anywhere.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The columns of `users` that `summary_sql` expects of its set of users.
const USER_COLUMNS: &str = "id, username, email, role, active, created_at";

/// The aggregate of a user's orders joined to `u`, a set of users: one
/// pass over each one's orders through `orders_by_user`, never a query
/// per user.
fn summary_sql(users: &str) -> String {
    format!(
        "SELECT {COLUMNS}, count(o.id),
            coalesce(sum(CASE WHEN o.paid_at IS NOT NULL
                              AND o.status NOT IN ('refunded', 'cancelled')
                         THEN o.total_cents ELSE 0 END), 0),
            max(o.created_at)
         FROM ({users}) u LEFT JOIN orders o ON o.user_id = u.id
         GROUP BY u.id ORDER BY u.id DESC"
    )
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<UserSummary> {
    let user = User::from_row(r, 0)?;
    Ok(UserSummary {
        id: user.id,
        username: user.username,
        email: user.email,
        role: user.role,
        active: user.active,
        created_at: user.created_at,
        orders: r.get(6)?,
        revenue_cents: r.get(7)?,
        last_order_at: r.get(8)?,
    })
}

/// A page of users, newest first, with their orders summed; and how many
/// match in all.
pub fn list_page(
    conn: &Connection,
    filter: &UserFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<UserSummary>, i64), Error> {
    let search = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(contains_pattern);
    let role = filter.role.map(Role::as_str);
    let clause = "(?1 IS NULL OR username LIKE ?1 ESCAPE '\\' OR email LIKE ?1 ESCAPE '\\')
                  AND (?2 IS NULL OR role = ?2)";
    let total = conn
        .prepare_cached(&format!("SELECT count(*) FROM users WHERE {clause}"))?
        .query_row(params![search, role], |r| r.get(0))?;
    // The page of users is chosen first, so only its users' orders are summed.
    let page = format!("SELECT {USER_COLUMNS} FROM users WHERE {clause} ORDER BY id DESC LIMIT ?3 OFFSET ?4");
    let items = conn
        .prepare_cached(&summary_sql(&page))?
        .query_map(params![search, role, limit, offset], summary_from_row)?
        .collect::<Result<_, _>>()?;
    Ok((items, total))
}

/// One user with their orders summed.
pub fn find_summary(conn: &Connection, id: UserId) -> Result<UserSummary, Error> {
    Ok(conn
        .prepare_cached(&summary_sql(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE id = ?1"
        )))?
        .query_row([id], summary_from_row)?)
}

pub fn update_active(conn: &Connection, id: UserId, active: bool) -> Result<(), Error> {
    conn.execute(
        "UPDATE users SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, active, crate::db::now()],
    )?;
    Ok(())
}

/// Deletes all the user's sessions and API tokens: whatever they were
/// signed in with stops working on its next request.
pub fn end_sessions_and_tokens(conn: &Connection, id: UserId) -> Result<(), Error> {
    conn.execute("DELETE FROM sessions WHERE user_id = ?1", [id.0])?;
    conn.execute("DELETE FROM api_tokens WHERE user_id = ?1", [id.0])?;
    Ok(())
}

/// The distinct delivery addresses of the user's orders, the most recently
/// used first. Pickup orders have none.
pub fn addresses_used(conn: &Connection, id: UserId) -> Result<Vec<ShippingAddress>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country
         FROM orders WHERE user_id = ?1 AND shipping_method = 'standard'
         GROUP BY ship_name, ship_line1, coalesce(ship_line2, ''), ship_city, ship_postal_code, ship_country
         ORDER BY max(id) DESC",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok(ShippingAddress {
            name: r.get(0)?,
            line1: r.get(1)?,
            line2: r.get(2)?,
            city: r.get(3)?,
            postal_code: r.get(4)?,
            country: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The user's own language, if they chose one.
pub fn language(conn: &Connection, id: UserId) -> Result<Option<crate::i18n::Lang>, Error> {
    let code: Option<String> =
        conn.query_row("SELECT language FROM users WHERE id = ?1", [id], |r| r.get(0))?;
    Ok(code.as_deref().and_then(crate::i18n::Lang::from_code))
}

/// The user's own language; `None`: the shop's.
pub fn update_language(conn: &Connection, id: UserId, lang: Option<crate::i18n::Lang>) -> Result<(), Error> {
    conn.execute(
        "UPDATE users SET language = ?2 WHERE id = ?1",
        rusqlite::params![id, lang.map(|l| l.code())],
    )?;
    Ok(())
}

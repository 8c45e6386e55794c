//! Managing users from the back office: finding them with what they bought,
//! and an admin's changes of role and of whether they may sign in. Shared by
//! the JSON API and the admin pages.
//!
//! Two changes are refused because they would lock the shop or its admin
//! out: taking the role or the access of the last active admin (nobody
//! could then manage users or settings), and an admin deactivating
//! themselves. The checks run in the write transaction that makes the
//! change, so two admins demoting each other at once cannot both succeed.

use rusqlite::Connection;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::orders::{Order, OrderFilter, ShippingAddress};
use crate::db::users::{self, UserFilter, UserSummary};
use crate::domain::orders::{self as order_rules, Actor};
use crate::domain::paging::Paging;
use crate::error::Error;
use crate::ids::UserId;
use crate::role::Role;

/// What `PATCH /users/{id}` changes; a field left out stays as it is.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UserChange {
    /// `customer`, `staff` or `admin`.
    #[schema(nullable = false)]
    pub role: Option<Role>,
    /// False signs the user out everywhere (sessions and API tokens end)
    /// and keeps them from signing in; true lets them sign in again.
    #[schema(nullable = false)]
    pub active: Option<bool>,
}

/// The role named in a query or a form, or a field error naming `field`.
pub fn parse_role(field: &str, text: &str) -> Result<Role, Error> {
    Role::parse(text.trim()).ok_or_else(|| Error::field(field, "must be one of customer, staff, admin"))
}

/// The filter of a user list from `?q=` and `?role=` as typed (an empty
/// role is any).
pub fn filter(q: Option<&str>, role: Option<&str>) -> Result<UserFilter, Error> {
    let role = match role.map(str::trim).filter(|r| !r.is_empty()) {
        Some(text) => Some(parse_role("role", text)?),
        None => None,
    };
    Ok(UserFilter {
        search: q.map(str::to_string),
        role,
    })
}

/// A page of users with their orders summed, and how many match.
pub fn list(
    conn: &Connection,
    filter: &UserFilter,
    paging: Paging,
) -> Result<(Vec<UserSummary>, i64), Error> {
    users::list_page(conn, filter, paging.per_page, paging.offset())
}

pub fn find(conn: &Connection, id: UserId) -> Result<UserSummary, Error> {
    users::find_summary(conn, id)
}

fn conflict(message: String) -> Error {
    Error::Conflict {
        code: "conflict",
        message,
    }
}

/// Applies `change` to user `id` on behalf of the admin `by`, in the
/// caller's write transaction. Deactivating deletes the user's sessions and
/// API tokens in the same transaction.
pub fn change(conn: &Connection, by: UserId, id: UserId, change: &UserChange) -> Result<UserSummary, Error> {
    // The request's guard saw an admin; another admin's change may have
    // committed since, and this transaction is where that is certain.
    let admin = users::find(conn, by)?;
    if admin.role != Role::Admin || !admin.active {
        return Err(Error::Forbidden);
    }
    let user = users::find(conn, id)?;
    let role = change.role.unwrap_or(user.role);
    let active = change.active.unwrap_or(user.active);
    if !active && user.active && id == by {
        return Err(conflict(
            "you cannot deactivate your own account; another admin can".into(),
        ));
    }
    let stays_admin = role == Role::Admin && active;
    if user.role == Role::Admin && user.active && !stays_admin && users::count_active_admins(conn)? <= 1 {
        let what = if active { "demoted" } else { "deactivated" };
        return Err(conflict(format!(
            "“{}” is the last active admin and cannot be {what}; make another user an admin first",
            user.username
        )));
    }
    if role != user.role {
        users::update_role(conn, id, role)?;
    }
    if active != user.active {
        users::update_active(conn, id, active)?;
    }
    if !active {
        users::end_sessions_and_tokens(conn, id)?;
    }
    users::find_summary(conn, id)
}

/// A user's page in the back office: the user, a page of their orders and
/// the addresses they had orders sent to.
#[derive(Debug, Clone)]
pub struct UserDetail {
    pub user: UserSummary,
    pub orders: Vec<Order>,
    pub orders_total: i64,
    pub addresses: Vec<ShippingAddress>,
}

/// The user's page for `staff`.
pub fn detail(conn: &Connection, staff: Actor, id: UserId, paging: Paging) -> Result<UserDetail, Error> {
    let user = users::find_summary(conn, id)?;
    let filter = OrderFilter {
        user: Some(id),
        ..OrderFilter::default()
    };
    let (orders, orders_total) = order_rules::list(conn, staff, filter, paging)?;
    Ok(UserDetail {
        user,
        orders,
        orders_total,
        addresses: users::addresses_used(conn, id)?,
    })
}

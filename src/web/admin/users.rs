//! Back-office user pages: every user with their orders and revenue,
//! searched and filtered by role, and a user's page with their orders and
//! addresses. Staff read them; admins also change a user's role and
//! deactivate or reactivate them there. The rules are `domain::users`,
//! shared with the JSON API.

use rocket::{FromForm, Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use super::{Choice, Empty, Pager, paging, text};
use crate::auth::csrf::CsrfForm;
use crate::auth::{Admin, SignedIn, Staff};
use crate::db::Db;
use crate::db::orders::{Order, ShippingAddress};
use crate::db::users::UserSummary;
use crate::domain::orders::Actor;
use crate::domain::paging::Paging;
use crate::domain::users::{self, UserChange, parse_role};
use crate::error::Error;
use crate::i18n::{Lang, t_with};
use crate::ids::UserId;
use crate::role::Role;
use crate::web::{Layout, Reply, form_error};

const ROLES: [Role; 3] = [Role::Customer, Role::Staff, Role::Admin];

fn role_choices(lang: Lang) -> Vec<Choice> {
    ROLES
        .iter()
        .map(|r| Choice {
            value: r.as_str().into(),
            label: role_name(lang, *r),
        })
        .collect()
}

/// A role as the back office names it: "admin", "administrador".
fn role_name(lang: Lang, role: Role) -> String {
    t_with(lang, "admin-role-name", &[("role", text(role.as_str()))])
}

/// The filters of the user list.
#[derive(Debug, Default, FromForm)]
struct ListFilter {
    q: Option<String>,
    role: Option<String>,
    page: Option<String>,
}

/// The user list, with its filters as typed.
#[derive(Serialize)]
struct UsersPage {
    users: Vec<UserSummary>,
    roles: Vec<Choice>,
    filter: FilterValues,
    pager: Pager,
}

#[derive(Serialize)]
struct FilterValues {
    q: String,
    role: String,
}

#[get("/admin/users?<filter..>")]
async fn get_users(
    filter: ListFilter,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let paging = paging(filter.page.as_deref())?;
    let q = filter.q.unwrap_or_default();
    let role = filter.role.unwrap_or_default();
    let mut page = UsersPage {
        users: Vec::new(),
        roles: role_choices(layout.lang),
        filter: FilterValues {
            q: q.clone(),
            role: role.clone(),
        },
        pager: Pager::new(paging, 0, &[]),
    };
    let found = match users::filter(Some(&q), Some(&role)) {
        Ok(query) => db.run(move |conn| users::list(conn, &query, paging)).await,
        Err(e) => Err(e),
    };
    match found {
        Ok((found, total)) => {
            page.users = found;
            page.pager = Pager::new(paging, total, &[("q", &q), ("role", &role)]);
            Ok(Reply::page("admin/users/index.html", &layout, page))
        }
        Err(e) => form_error("admin/users/index.html", &layout, page, e),
    }
}

/// A user's page in the back office.
#[derive(Serialize)]
struct UserPage {
    user: UserSummary,
    orders: Vec<Order>,
    pager: Pager,
    addresses: Vec<ShippingAddress>,
    /// Whether the viewer may change the user (admins only).
    can_change: bool,
    /// The viewer is this user: they cannot deactivate themselves.
    is_self: bool,
    roles: Vec<Choice>,
    /// The form whose refusal `message` explains: "role" or "access".
    failed: &'static str,
}

/// The user's page for `viewer`; `failed` names the form a refusal is
/// shown next to.
async fn user_page(
    db: &Db,
    lang: Lang,
    viewer: &SignedIn,
    id: UserId,
    page: Option<&str>,
    failed: &'static str,
) -> Result<UserPage, Error> {
    let paging: Paging = paging(page)?;
    let actor = Actor::of(&viewer.user);
    let detail = db.run(move |conn| users::detail(conn, actor, id, paging)).await?;
    Ok(UserPage {
        pager: Pager::new(paging, detail.orders_total, &[]),
        user: detail.user,
        orders: detail.orders,
        addresses: detail.addresses,
        can_change: viewer.user.role == Role::Admin,
        is_self: viewer.user.id == id,
        roles: role_choices(lang),
        failed,
    })
}

#[get("/admin/users/<id>?<page>")]
async fn get_user(
    id: UserId,
    page: Option<&str>,
    staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let context = user_page(db, layout.lang, &staff.0, id, page, "").await?;
    Ok(Reply::page("admin/users/show.html", &layout, context))
}

/// Makes `change`, or shows the user's page again with the reason it was
/// refused next to the form `failed`.
async fn apply(
    db: &Db,
    admin: Admin,
    layout: Layout,
    id: UserId,
    failed: &'static str,
    change: Result<UserChange, Error>,
) -> Result<Reply, Error> {
    let by = admin.0.user.id;
    let done = match change {
        Ok(change) => db.write(move |tx| users::change(tx, by, id, &change)).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(user) => {
            let lang = layout.lang;
            let name = ("name", text(&user.username));
            let message = match failed {
                "role" => t_with(
                    lang,
                    "admin-user-role-changed",
                    &[name, ("role", text(role_name(lang, user.role)))],
                ),
                _ if user.active => t_with(lang, "admin-user-reactivated", &[name]),
                _ => t_with(lang, "admin-user-deactivated-done", &[name]),
            };
            Ok(Reply::redirect(format!("/admin/users/{id}"), &message))
        }
        Err(Error::NotFound) => Err(Error::NotFound),
        Err(e) => {
            let page = user_page(db, layout.lang, &admin.0, id, None, failed).await?;
            form_error("admin/users/show.html", &layout, page, e)
        }
    }
}

/// The role form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RoleForm {
    role: String,
}

#[post("/admin/users/<id>/role", data = "<form>")]
async fn post_role(
    id: UserId,
    form: CsrfForm<RoleForm>,
    admin: Admin,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let change = parse_role("role", &form.role).map(|role| UserChange {
        role: Some(role),
        active: None,
    });
    apply(db, admin, layout, id, "role", change).await
}

#[post("/admin/users/<id>/deactivate", data = "<_form>")]
async fn post_deactivate(
    id: UserId,
    _form: CsrfForm<Empty>,
    admin: Admin,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let change = UserChange {
        role: None,
        active: Some(false),
    };
    apply(db, admin, layout, id, "access", Ok(change)).await
}

#[post("/admin/users/<id>/reactivate", data = "<_form>")]
async fn post_reactivate(
    id: UserId,
    _form: CsrfForm<Empty>,
    admin: Admin,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let change = UserChange {
        role: None,
        active: Some(true),
    };
    apply(db, admin, layout, id, "access", Ok(change)).await
}

pub fn routes() -> Vec<Route> {
    routes![get_users, get_user, post_role, post_deactivate, post_reactivate]
}

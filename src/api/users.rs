//! `/api/v1/users`: the shop's users with what they bought, for staff to
//! read and admins to change (role, and whether they may sign in).

use rocket::serde::json::Json;
use rocket::{Route, State, get, patch, routes};

use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::{Admin, Staff};
use crate::db::Db;
use crate::db::users::UserSummary;
use crate::domain::fields::finish;
use crate::domain::users::{self, UserChange};
use crate::error::{Error, FieldErrors};
use crate::error_schema::ApiError;
use crate::ids::UserId;
use crate::role::Role;

#[utoipa::path(
    tag = "back office",
    summary = "Users, newest first, each with their orders and revenue",
    description = "Each user comes with `orders` (how many they placed, in any status), \
        `revenue_cents` (the sum of `total_cents` of their paid orders, those with `paid_at`, \
        less the refunded ones: an order refunded, or cancelled after it was paid, counts \
        nothing) and `last_order_at` (when \
        their newest order was placed, or null). Staff may read; only admins change users.",
    params(
        ("q" = Option<String>, Query, description = "part of the username or e-mail, in any case"),
        ("role" = Option<Role>, Query, description = "only users of this role"),
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page", body = ListPage<UserSummary>),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/users?<q>&<role>&<page>&<per_page>")]
async fn get_users(
    q: Option<&str>,
    role: Option<&str>,
    page: Option<&str>,
    per_page: Option<&str>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<ListPage<UserSummary>>> {
    let mut errors = FieldErrors::new();
    let paging = Paging::read(page, per_page, Paging::DEFAULT_PER_PAGE, &mut errors);
    let filter = match users::filter(q, role) {
        Ok(filter) => Some(filter),
        Err(Error::Validation { fields, .. }) => {
            errors.extend(fields);
            None
        }
        Err(e) => return Err(e),
    };
    finish(errors)?;
    let filter = filter.unwrap_or_default();
    let (items, total) = db.run(move |conn| users::list(conn, &filter, paging)).await?;
    Ok(ListPage::new(items, paging, total))
}

#[utoipa::path(
    tag = "back office",
    summary = "One user, with their orders and revenue",
    params(
        ("id" = UserId, Path, description = "the user"),
    ),
    responses(
        (status = 200, description = "the user", body = UserSummary),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
    ),
)]
#[get("/users/<id>")]
async fn get_user(id: UserId, _staff: Staff, db: &State<Db>) -> ApiResult<Json<UserSummary>> {
    Ok(Json(db.run(move |conn| users::find(conn, id)).await?))
}

#[utoipa::path(
    tag = "back office",
    summary = "Change a user's role, or deactivate or reactivate them (admins)",
    description = "Deactivating ends the user's sessions and API tokens at once: their next \
        request is signed out, and they cannot sign in until reactivated. The last active \
        admin cannot be demoted or deactivated, and an admin cannot deactivate themselves: \
        both are a 409 `conflict` saying why.",
    params(
        ("id" = UserId, Path, description = "the user"),
    ),
    request_body = UserChange,
    responses(
        (status = 200, description = "the user", body = UserSummary),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[patch("/users/<id>", data = "<body>")]
async fn patch_user(
    id: UserId,
    body: JsonBody<UserChange>,
    admin: Admin,
    db: &State<Db>,
) -> ApiResult<Json<UserSummary>> {
    let by = admin.0.user.id;
    let change = body.0;
    Ok(Json(
        db.write(move |tx| users::change(tx, by, id, &change)).await?,
    ))
}

pub fn routes() -> Vec<Route> {
    routes![get_users, get_user, patch_user]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_users, get_user, patch_user))]
pub struct Doc;

//! `/api/v1/me`: the signed-in user's own account.

use rocket::serde::json::Json;
use rocket::{Route, State, get, patch, routes};

use crate::api::{ApiResult, JsonBody};
use crate::auth::accounts;
use crate::auth::throttle::Throttle;
use crate::auth::{ClientAddr, Hasher, SignedIn};
use crate::db::Db;
use crate::db::users::User;
use crate::domain::account::AccountChange;
use crate::error_schema::ApiError;

#[utoipa::path(
    tag = "accounts",
    summary = "The signed-in user",
    responses(
        (status = 200, description = "the user", body = User),
        (status = 401, response = ApiError),
    ),
)]
#[get("/me")]
fn get_me(user: SignedIn) -> Json<User> {
    Json(user.user)
}

#[utoipa::path(
    tag = "accounts",
    summary = "Change one's own account; a new password ends the other sessions",
    request_body = AccountChange,
    responses(
        (status = 200, description = "the user", body = User),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
        (status = 429, response = ApiError),
    ),
)]
#[patch("/me", data = "<body>")]
async fn patch_me(
    body: JsonBody<AccountChange>,
    user: SignedIn,
    addr: ClientAddr,
    db: &State<Db>,
    hasher: &State<Hasher>,
    throttle: &State<Throttle>,
) -> ApiResult<Json<User>> {
    let updated = accounts::change(db, hasher, throttle, &user.user, user.session(), body.0, &addr.0).await?;
    Ok(Json(updated))
}

pub fn routes() -> Vec<Route> {
    routes![get_me, patch_me]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_me, patch_me))]
pub struct Doc;

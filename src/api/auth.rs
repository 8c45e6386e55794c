//! `/api/v1/auth/*`: register, sign in and out, password reset.

use rocket::http::{CookieJar, Status};
use rocket::serde::json::Json;
use rocket::{Route, State, post, routes};

use crate::api::{ApiResult, JsonBody};
use crate::auth::accounts;
use crate::auth::session::{self, CurrentSession, SessionPolicy};
use crate::auth::throttle::Throttle;
use crate::auth::{ClientAddr, Hasher, SignedIn};
use crate::config::Config;
use crate::db::Db;
use crate::db::users::User;
use crate::domain::account::{Credentials, Registration};
use crate::domain::password_reset::{self, ResetConfirm, ResetRequest};
use crate::error::Error;
use crate::error_schema::ApiError;
use crate::mail::Mailer;
use crate::role::Role;

/// Always a customer: a `role` or `is_admin` in the body is not read.
#[utoipa::path(
    tag = "accounts",
    summary = "Register a customer (a role field is ignored)",
    security((), ("session" = []), ("bearer" = [])),
    request_body = Registration,
    responses(
        (status = 201, description = "the new user", body = User),
        (status = 400, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/auth/register", data = "<body>")]
async fn post_register(
    body: JsonBody<Registration>,
    db: &State<Db>,
    hasher: &State<Hasher>,
) -> ApiResult<(Status, Json<User>)> {
    let user = accounts::register(db, hasher, body.0, Role::Customer).await?;
    Ok((Status::Created, Json(user)))
}

#[allow(clippy::too_many_arguments)]
#[utoipa::path(
    tag = "accounts",
    summary = "Sign in; sets the session cookie",
    description = "401 invalid_credentials, with the same message for an unknown user and a wrong password; 429 when throttled.",
    security((), ("session" = []), ("bearer" = [])),
    request_body = Credentials,
    responses(
        (status = 200, description = "the user", body = User),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
        (status = 429, response = ApiError),
    ),
)]
#[post("/auth/login", data = "<body>")]
async fn post_login(
    body: JsonBody<Credentials>,
    current: &CurrentSession,
    addr: ClientAddr,
    db: &State<Db>,
    hasher: &State<Hasher>,
    throttle: &State<Throttle>,
    policy: &State<SessionPolicy>,
    cookies: &CookieJar<'_>,
) -> ApiResult<Json<User>> {
    let user = accounts::authenticate(db, hasher, throttle, &body.0, &addr.0).await?;
    // The answer is the user, as API.md fixes it; a script sees what the
    // merge of its guest cart kept in GET /cart.
    session::sign_in(db, policy, cookies, current.0.as_ref(), user.id).await?;
    Ok(Json(user))
}

#[utoipa::path(
    tag = "accounts",
    summary = "End the session (cookie sessions only)",
    responses(
        (status = 204, description = "signed out"),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[post("/auth/logout")]
async fn post_logout(user: SignedIn, db: &State<Db>, cookies: &CookieJar<'_>) -> ApiResult<Status> {
    let Some(session) = user.session() else {
        return Err(Error::BadRequest(
            "bad_request",
            "signing out ends a session; to stop a token working, revoke it with DELETE /api/v1/tokens/{id}"
                .into(),
        ));
    };
    session::sign_out(db, cookies, session).await?;
    Ok(Status::NoContent)
}

/// 202 whatever the address, so the answer does not tell who has an account.
#[utoipa::path(
    tag = "accounts",
    summary = "Ask for a reset link; the same answer for any address",
    security((), ("session" = []), ("bearer" = [])),
    request_body = ResetRequest,
    responses(
        (status = 202, description = "accepted"),
        (status = 400, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/auth/password-reset", data = "<body>")]
async fn post_password_reset(
    body: JsonBody<ResetRequest>,
    db: &State<Db>,
    config: &State<Config>,
    mailer: &State<Mailer>,
) -> ApiResult<Status> {
    let (public_url, email) = (config.public_url(), body.0.email.clone());
    if db
        .write(move |tx| password_reset::request(tx, &public_url, &email))
        .await?
    {
        mailer.wake();
    }
    Ok(Status::Accepted)
}

#[utoipa::path(
    tag = "accounts",
    summary = "Set a new password with a reset token; ends every session",
    security((), ("session" = []), ("bearer" = [])),
    request_body = ResetConfirm,
    responses(
        (status = 204, description = "changed"),
        (status = 400, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/auth/password-reset/confirm", data = "<body>")]
async fn post_password_reset_confirm(
    body: JsonBody<ResetConfirm>,
    db: &State<Db>,
    hasher: &State<Hasher>,
) -> ApiResult<Status> {
    accounts::reset_password(db, hasher, body.0).await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![
        post_register,
        post_login,
        post_logout,
        post_password_reset,
        post_password_reset_confirm
    ]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    post_register,
    post_login,
    post_logout,
    post_password_reset,
    post_password_reset_confirm
))]
pub struct Doc;

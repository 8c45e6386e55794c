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
use crate::mail::Mailer;
use crate::role::Role;

/// Always a customer: a `role` or `is_admin` in the body is not read.
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

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

#[get("/me")]
fn get_me(user: SignedIn) -> Json<User> {
    Json(user.user)
}

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

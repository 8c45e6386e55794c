//! `/api/v1/settings`: the shop's settings, for admins.

use rocket::serde::json::Json;
use rocket::{Route, State, get, patch, routes};

use crate::api::{ApiResult, JsonBody};
use crate::auth::Admin;
use crate::db::Db;
use crate::domain::settings::{self as domain, Settings, SettingsPatch, ShopSettings};

#[get("/settings")]
fn get_settings(_admin: Admin, settings: &State<Settings>) -> Json<ShopSettings> {
    Json(settings.current())
}

#[patch("/settings", data = "<body>")]
async fn patch_settings(
    body: JsonBody<SettingsPatch>,
    _admin: Admin,
    settings: &State<Settings>,
    db: &State<Db>,
) -> ApiResult<Json<ShopSettings>> {
    let patch = body.0;
    let saved = db.write(move |tx| domain::store(tx, patch)).await?;
    settings.replace(saved.clone());
    Ok(Json(saved))
}

pub fn routes() -> Vec<Route> {
    routes![get_settings, patch_settings]
}

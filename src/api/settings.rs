//! `/api/v1/settings`: the shop's settings, for admins.

use rocket::serde::json::Json;
use rocket::{Route, State, get, patch, routes};

use crate::api::{ApiResult, JsonBody};
use crate::auth::Admin;
use crate::db::Db;
use crate::domain::settings::{self as domain, Settings, SettingsPatch, ShopSettings};
use crate::error_schema::ApiError;

#[utoipa::path(
    tag = "back office",
    summary = "The shop's settings",
    responses(
        (status = 200, description = "the settings", body = ShopSettings),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
    ),
)]
#[get("/settings")]
fn get_settings(_admin: Admin, settings: &State<Settings>) -> Json<ShopSettings> {
    Json(settings.current())
}

#[utoipa::path(
    tag = "back office",
    summary = "Change some settings",
    request_body = SettingsPatch,
    responses(
        (status = 200, description = "the settings", body = ShopSettings),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_settings, patch_settings))]
pub struct Doc;

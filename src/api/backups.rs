//! `/api/v1/backups`: the shop's backups, for admins: list them, make one
//! now, download one.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::ApiResult;
use crate::attachment::DatabaseFile;
use crate::auth::Admin;
use crate::backups::{self, BackupFile};
use crate::config::Config;
use crate::db::Db;
use crate::error_schema::ApiError;

/// The backups, newest first.
#[derive(Serialize, ToSchema)]
pub struct BackupList {
    items: Vec<BackupFile>,
}

#[utoipa::path(
    tag = "operations",
    summary = "The backups in the data directory, newest first",
    responses(
        (status = 200, description = "the backups", body = BackupList),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
    ),
)]
#[get("/backups")]
async fn get_backups(_admin: Admin, config: &State<Config>) -> ApiResult<Json<BackupList>> {
    let items = backups::listed(&config.data_dir).await?;
    Ok(Json(BackupList { items }))
}

#[utoipa::path(
    tag = "operations",
    summary = "Take a backup now",
    description = "A consistent copy of the database as it is at this moment, taken while the shop keeps serving. \
                   Automatic backups (settings `backup_every_hours`, `backup_keep`) go to the same place.",
    responses(
        (status = 201, description = "the new backup", body = BackupFile),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
    ),
)]
#[post("/backups")]
async fn post_backup(
    _admin: Admin,
    config: &State<Config>,
    db: &State<Db>,
) -> ApiResult<(Status, Json<BackupFile>)> {
    let made = backups::take(db, &config.data_dir).await?;
    Ok((Status::Created, Json(made)))
}

#[utoipa::path(
    tag = "operations",
    summary = "Download a backup",
    description = "The SQLite file; `tienda restore FILE` puts it back in place while the shop is stopped.",
    params(
        ("name" = String, Path, description = "a backup's `name`, as listed"),
    ),
    responses(
        (status = 200, description = "the database file", content_type = "application/vnd.sqlite3", body = Vec<u8>),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
    ),
)]
#[get("/backups/<name>")]
async fn get_backup(name: &str, _admin: Admin, config: &State<Config>) -> ApiResult<DatabaseFile> {
    let path = backups::find(&backups::dir(&config.data_dir), name)?;
    DatabaseFile::open(&path, name).await
}

pub fn routes() -> Vec<Route> {
    routes![get_backups, post_backup, get_backup]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_backups, post_backup, get_backup))]
pub struct Doc;

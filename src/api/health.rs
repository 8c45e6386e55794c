//! `GET /healthz`: the process answers and the database can be read.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, routes};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::Db;

/// What `GET /healthz` answers.
#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(schema_with = ok_or_error)]
    status: &'static str,
    #[schema(schema_with = ok_or_unavailable)]
    db: &'static str,
    /// The version of the running binary.
    version: &'static str,
}

fn ok_or_error() -> utoipa::openapi::Object {
    enum_of(&["ok", "error"])
}

fn ok_or_unavailable() -> utoipa::openapi::Object {
    enum_of(&["ok", "unavailable"])
}

fn enum_of(values: &[&str]) -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(values.iter().copied()))
        .build()
}

#[utoipa::path(
    tag = "operations",
    summary = "Whether the process answers and the database can be read",
    servers((url = "/")),
    security(()),
    responses(
        (status = 200, description = "healthy", body = Health),
        (status = 503, description = "the database cannot be read", body = Health),
    ),
)]
#[get("/healthz")]
async fn get_health(db: &State<Db>) -> (Status, Json<Health>) {
    let read = db
        .run(|conn| Ok(conn.query_row("SELECT count(*) FROM settings", [], |r| r.get::<_, i64>(0))?))
        .await;
    match read {
        Ok(_) => (
            Status::Ok,
            Json(Health {
                status: "ok",
                db: "ok",
                version: crate::config::VERSION,
            }),
        ),
        Err(e) => {
            rocket::error!("health check: the database cannot be read: {e}");
            (
                Status::ServiceUnavailable,
                Json(Health {
                    status: "error",
                    db: "unavailable",
                    version: crate::config::VERSION,
                }),
            )
        }
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_health]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_health))]
pub struct Doc;

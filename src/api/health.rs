//! `GET /healthz`: the process answers and the database can be read.

use std::time::Duration;

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
    /// Why the database is unavailable, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
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
    let read = match db.damage() {
        Some(damage) => Err(Unhealthy::Damaged(damage.to_string())),
        None => read_within(db, ANSWER_WITHIN).await,
    };
    match read {
        Ok(()) => (
            Status::Ok,
            Json(Health {
                status: "ok",
                db: "ok",
                version: crate::config::VERSION,
                reason: None,
            }),
        ),
        Err(why) => {
            rocket::error!("health check: the database cannot be read: {why}");
            (
                Status::ServiceUnavailable,
                Json(Health {
                    status: "error",
                    db: "unavailable",
                    version: crate::config::VERSION,
                    reason: Some(why.public()),
                }),
            )
        }
    }
}

/// A health check answers within this, whatever the storage does: a
/// monitor that waits longer takes the shop for dead.
const ANSWER_WITHIN: Duration = Duration::from_millis(800);

/// Why the shop is not healthy: the whole of it for the log, a phrase
/// without SQLite's details for the answer.
#[derive(Debug, thiserror::Error)]
enum Unhealthy {
    #[error("the database is damaged: {0}")]
    Damaged(String),
    #[error("no answer within {} ms", .0.as_millis())]
    Slow(Duration),
    #[error("{0}")]
    Failed(String),
}

impl Unhealthy {
    fn public(&self) -> String {
        match self {
            Unhealthy::Damaged(_) => "the database file is damaged; restore the newest backup".into(),
            Unhealthy::Slow(limit) => format!("the database did not answer within {} ms", limit.as_millis()),
            Unhealthy::Failed(_) => "the database cannot be read".into(),
        }
    }
}

/// Reads the database, or says why it could not within `limit`.
async fn read_within(db: &Db, limit: Duration) -> Result<(), Unhealthy> {
    // A read given up on keeps its connection until the storage answers
    // (`Db::run`), so checks that follow cannot pile up threads behind it.
    let read =
        db.run(|conn| Ok(conn.query_row("SELECT count(*) FROM settings", [], |r| r.get::<_, i64>(0))?));
    match rocket::tokio::time::timeout(limit, read).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(Unhealthy::Failed(e.to_string())),
        Err(_) => Err(Unhealthy::Slow(limit)),
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_health]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_health))]
pub struct Doc;

//! `GET /healthz`: the process answers and the database can be read.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, routes};
use serde_json::{Value, json};

use crate::db::Db;

#[get("/healthz")]
async fn get_health(db: &State<Db>) -> (Status, Json<Value>) {
    let read = db
        .run(|conn| Ok(conn.query_row("SELECT count(*) FROM settings", [], |r| r.get::<_, i64>(0))?))
        .await;
    match read {
        Ok(_) => (
            Status::Ok,
            Json(json!({"status": "ok", "db": "ok", "version": crate::config::VERSION})),
        ),
        Err(e) => {
            rocket::error!("health check: the database cannot be read: {e}");
            (
                Status::ServiceUnavailable,
                Json(json!({"status": "error", "db": "unavailable", "version": crate::config::VERSION})),
            )
        }
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_health]
}

//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of this API,
//! written by hand next to the routes; a test checks that every route is in
//! it and nothing else is.

use rocket::http::ContentType;
use rocket::{Route, get, routes};

pub const DOCUMENT: &str = include_str!("openapi.json");

#[get("/openapi.json")]
fn get_openapi() -> (ContentType, &'static str) {
    (ContentType::JSON, DOCUMENT)
}

pub fn routes() -> Vec<Route> {
    routes![get_openapi]
}

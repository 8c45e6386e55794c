//! The home page.

use rocket::{Route, get, routes};
use serde_json::json;

use crate::web::{Layout, Reply};

#[get("/")]
fn get_home(layout: Layout) -> Reply {
    Reply::page("home.html", &layout, json!({}))
}

pub fn routes() -> Vec<Route> {
    routes![get_home]
}

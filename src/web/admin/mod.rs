//! The back office: pages for staff and admins.

use rocket::Route;

pub fn routes() -> Vec<Route> {
    Vec::new()
}

//! The storefront: the catalog, category pages and product pages.

use rocket::Route;

pub fn routes() -> Vec<Route> {
    Vec::new()
}

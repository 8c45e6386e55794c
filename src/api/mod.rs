//! The JSON API of API.md, mounted under `/api/v1`.

mod auth;
mod backups;
mod cart;
mod catalog_refs;
mod checkout;
mod coupons;
mod health;
pub mod json;
mod me;
pub mod openapi;
mod order_csv;
mod orders;
mod product_csv;
mod products;
mod reports;
mod reviews;
mod settings;
mod tokens;
mod users;

use rocket::http::Status;
use rocket::request::Request;
use rocket::serde::json::Json;
use rocket::{Catcher, Route, catch, catchers};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::error::{Caught, Error, GuardError};

pub use crate::domain::paging::Paging;
pub use health::routes as health_routes;
pub use json::JsonBody;

pub fn routes() -> Vec<Route> {
    [
        auth::routes(),
        me::routes(),
        tokens::routes(),
        products::routes(),
        cart::routes(),
        catalog_refs::routes(),
        product_csv::routes(),
        order_csv::routes(),
        settings::routes(),
        backups::routes(),
        coupons::routes(),
        users::routes(),
        checkout::routes(),
        orders::routes(),
        reviews::routes(),
        reports::routes(),
        openapi::routes(),
    ]
    .concat()
}

/// Every API module's part of the OpenAPI document, as `routes()` lists
/// their routes.
fn openapi_parts() -> Vec<utoipa::openapi::OpenApi> {
    use utoipa::OpenApi;
    vec![
        auth::Doc::openapi(),
        me::Doc::openapi(),
        tokens::Doc::openapi(),
        products::Doc::openapi(),
        cart::Doc::openapi(),
        catalog_refs::Doc::openapi(),
        product_csv::Doc::openapi(),
        order_csv::Doc::openapi(),
        settings::Doc::openapi(),
        backups::Doc::openapi(),
        coupons::Doc::openapi(),
        users::Doc::openapi(),
        checkout::Doc::openapi(),
        orders::Doc::openapi(),
        reviews::Doc::openapi(),
        reports::Doc::openapi(),
        health::Doc::openapi(),
        crate::metrics::Doc::openapi(),
    ]
}

pub type ApiResult<T> = Result<T, Error>;

/// A page of a list, in API.md's shape.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    #[schema(minimum = 1)]
    pub page: i64,
    #[schema(minimum = 1, maximum = 100)]
    pub per_page: i64,
    /// How many there are in all pages.
    #[schema(minimum = 0)]
    pub total: i64,
}

impl<T> ListPage<T> {
    pub fn new(items: Vec<T>, paging: Paging, total: i64) -> Json<ListPage<T>> {
        Json(ListPage {
            items,
            page: paging.page,
            per_page: paging.per_page,
            total,
        })
    }
}

/// The language of an API answer's words: what `Accept-Language` asks
/// for, else English (not the shop's setting: scripts read the API, and
/// English is what they expect). Error codes never change with it.
fn asked_lang(req: &Request<'_>) -> crate::i18n::Lang {
    req.headers()
        .get_one("Accept-Language")
        .and_then(crate::i18n::negotiate)
        .unwrap_or_default()
}

/// `asked_lang` as a request guard, for answers that carry messages
/// without being errors (an import's report of its bad lines).
pub struct AskedLang(pub crate::i18n::Lang);

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for AskedLang {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, Self::Error> {
        rocket::request::Outcome::Success(AskedLang(asked_lang(req)))
    }
}

/// Every error status under `/api` answers API.md's error shape, with the
/// precise error a guard or handler left or else the one the status implies.
#[catch(default)]
fn json_error(status: Status, req: &Request<'_>) -> Caught<Json<Value>> {
    let error = GuardError::take(req).unwrap_or_else(|| Error::from_status(status));
    let body = Json(error.to_json_in(asked_lang(req)));
    Caught::new(status, &error, body)
}

pub fn catchers() -> Vec<Catcher> {
    catchers![json_error]
}

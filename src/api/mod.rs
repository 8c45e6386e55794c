//! The JSON API of API.md, mounted under `/api/v1`.

mod auth;
mod health;
pub mod json;
mod me;
mod tokens;

use rocket::http::Status;
use rocket::request::Request;
use rocket::serde::json::Json;
use rocket::{Catcher, Route, catch, catchers};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, GuardError};

pub use health::routes as health_routes;
pub use json::JsonBody;

pub fn routes() -> Vec<Route> {
    [auth::routes(), me::routes(), tokens::routes()].concat()
}

pub type ApiResult<T> = Result<T, Error>;

/// `?page=&per_page=` as API.md has them: page from 1, per_page 1..=100.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
}

impl Paging {
    pub const DEFAULT_PER_PAGE: i64 = 20;

    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Result<Paging, Error> {
        let mut fields = crate::error::FieldErrors::new();
        let page = match page.map(str::parse::<i64>) {
            None => 1,
            Some(Ok(p)) if p >= 1 => p,
            Some(_) => {
                fields.insert("page".into(), vec!["must be a whole number >= 1".into()]);
                1
            }
        };
        let per_page = match per_page.map(str::parse::<i64>) {
            None => Self::DEFAULT_PER_PAGE,
            Some(Ok(n)) if (1..=100).contains(&n) => n,
            Some(_) => {
                fields.insert(
                    "per_page".into(),
                    vec!["must be a whole number from 1 to 100".into()],
                );
                Self::DEFAULT_PER_PAGE
            }
        };
        crate::domain::validation::finish(fields)?;
        Ok(Paging { page, per_page })
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

/// A page of a list, in API.md's shape.
#[derive(Debug, Serialize)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub page: i64,
    pub per_page: i64,
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

/// Every error status under `/api` answers API.md's error shape, with the
/// precise error a guard left or else the one the status implies.
#[catch(default)]
fn json_error(status: Status, req: &Request<'_>) -> (Status, Json<Value>) {
    let error = GuardError::take(req).unwrap_or_else(|| Error::from_status(status));
    (status, Json(error.to_json()))
}

pub fn catchers() -> Vec<Catcher> {
    catchers![json_error]
}

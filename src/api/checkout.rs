//! `/api/v1/checkout`: the quote of the caller's cart and placing the order.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::serde::json::Json;
use rocket::{Route, State, post, routes};

use crate::api::{ApiResult, JsonBody};
use crate::auth::SignedIn;
use crate::auth::order_desk::OrderDesk;
use crate::db::Db;
use crate::db::orders::Order;
use crate::domain::checkout::{self, CheckoutRequest, QuoteRequest, QuoteView};
use crate::domain::settings::Settings;

#[post("/checkout/quote", data = "<body>")]
async fn post_quote(
    body: JsonBody<QuoteRequest>,
    signed_in: SignedIn,
    db: &State<Db>,
    settings: &State<Settings>,
) -> ApiResult<Json<QuoteView>> {
    let (shop, user, request) = (settings.current(), signed_in.user.id, body.0);
    let quote = db
        .run(move |conn| {
            let tx = conn.transaction()?;
            checkout::quote(&tx, &shop, user, &request)
        })
        .await?;
    Ok(Json(quote))
}

/// The `Idempotency-Key` header, if sent (its absence is the handler's
/// error, so that it comes out in API.md's shape).
pub struct IdempotencyKey(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IdempotencyKey {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(IdempotencyKey(
            req.headers().get_one("Idempotency-Key").map(str::to_string),
        ))
    }
}

/// 201 with a new order; 200 with the order an earlier request with the
/// same key and body made.
#[post("/checkout", data = "<body>")]
async fn post_checkout(
    key: IdempotencyKey,
    body: JsonBody<CheckoutRequest>,
    signed_in: SignedIn,
    desk: OrderDesk<'_>,
) -> ApiResult<(Status, Json<Order>)> {
    let placed = desk
        .place(signed_in.user.id, key.0.unwrap_or_default(), body.0)
        .await?;
    let status = if placed.created {
        Status::Created
    } else {
        Status::Ok
    };
    Ok((status, Json(placed.order)))
}

pub fn routes() -> Vec<Route> {
    routes![post_quote, post_checkout]
}

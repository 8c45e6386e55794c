//! `/api/v1/checkout`: the quote of the caller's cart and placing the order.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::serde::json::Json;
use rocket::{Route, State, post, routes};

use crate::api::{ApiResult, JsonBody};
use crate::auth::SignedIn;
use crate::auth::buyer::Shopper;
use crate::auth::order_desk::OrderDesk;
use crate::db::Db;
use crate::db::carts::Owner;
use crate::db::orders::Order;
use crate::domain::checkout::{self, CheckoutRequest, QuoteRequest, QuoteView};
use crate::domain::settings::Settings;
use crate::error_schema::ApiError;

#[utoipa::path(
    tag = "checkout and orders",
    summary = "What the caller's cart costs now",
    request_body = QuoteRequest,
    responses(
        (status = 200, description = "the quote", body = QuoteView),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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
            checkout::quote(&tx, &shop, Owner::User(user), &request)
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
#[utoipa::path(
    tag = "checkout and orders",
    summary = "Place an order for the caller's cart, as a customer or a guest",
    description = "The same Idempotency-Key with the same body answers the same order (200); with a different body, 422 idempotency_key_reused. Not enough stock for any line: 409 insufficient_stock, and nothing changes. An empty cart: 422. Standard shipping needs shipping_address; pickup needs only billing_name (and costs no shipping). A guest session (the cookie of a guest cart) checks out with `email`; its 201 answer has `user_id: null` and `guest_link`, the order's private page (also e-mailed; a 200 replay does not repeat it). More unpaid orders than `max_unpaid_orders` for one e-mail address, or among guests' orders for one client address: 429 rate_limited.",
    params(
        ("Idempotency-Key" = String, Header, min_length = 1, max_length = 100, description = "required: one key per order a script means to place"),
    ),
    request_body = CheckoutRequest,
    responses(
        (status = 201, description = "the new order", body = Order,
            links(
                ("GetOrder" = (operation_id = "get_order", parameters(("id" = "$response.body#/id")))),
                ("CancelOrder" = (operation_id = "post_cancel", parameters(("id" = "$response.body#/id")))),
                ("MarkOrderPaid" = (operation_id = "post_mark_paid", parameters(("id" = "$response.body#/id")))),
                ("ShipOrder" = (operation_id = "post_ship", parameters(("id" = "$response.body#/id")))),
                ("ReadyOrder" = (operation_id = "post_ready", parameters(("id" = "$response.body#/id")))),
                ("DeliverOrder" = (operation_id = "post_deliver", parameters(("id" = "$response.body#/id")))),
                ("RefundOrder" = (operation_id = "post_refund", parameters(("id" = "$response.body#/id")))),
                ("RateOrder" = (operation_id = "post_order_rating", parameters(("id" = "$response.body#/id")))),
                ("GetOrderRating" = (operation_id = "get_order_rating", parameters(("id" = "$response.body#/id"))))
            ),
        ),
        (status = 200, description = "the order an earlier request with this key made", body = Order),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
        (status = 429, response = ApiError),
    ),
)]
#[post("/checkout", data = "<body>")]
async fn post_checkout(
    key: IdempotencyKey,
    body: JsonBody<CheckoutRequest>,
    shopper: Shopper,
    desk: OrderDesk<'_>,
) -> ApiResult<(Status, Json<Order>)> {
    let placed = desk
        .place(shopper.required()?, key.0.unwrap_or_default(), body.0)
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

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(post_quote, post_checkout))]
pub struct Doc;

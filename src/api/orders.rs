//! `/api/v1/orders`: customers' own orders, all orders for staff, and the
//! steps of the lifecycle.

use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};

use crate::api::json::OptionalJsonBody;
use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::order_desk::OrderDesk;
use crate::auth::{SignedIn, Staff};
use crate::db::Db;
use crate::db::orders::{Order, OrderFilter};
use crate::domain::orders::{self, Action, Actor, DeliverInput, MarkPaidInput, RefundInput, ShipInput};
use crate::error::Error;
use crate::error_schema::ApiError;
use crate::ids::{OrderId, UserId};

#[utoipa::path(
    tag = "checkout and orders",
    summary = "Orders, newest first: a customer's own, or all for staff",
    params(
        ("status" = Option<String>, Query, pattern = "^(pending_payment|paid|shipped|ready_for_pickup|delivered|cancelled|refunded)?$", description = "only orders in this state"),
        ("user_id" = Option<i64>, Query, minimum = 1, description = "staff only; customers always see their own"),
        ("q" = Option<String>, Query, description = "an order number, or part of a customer's username or e-mail"),
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page of orders", body = ListPage<Order>),
        (status = 401, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/orders?<status>&<user_id>&<q>&<page>&<per_page>")]
async fn get_orders(
    status: Option<String>,
    user_id: Option<&str>,
    q: Option<String>,
    page: Option<&str>,
    per_page: Option<&str>,
    signed_in: SignedIn,
    db: &State<Db>,
) -> ApiResult<Json<ListPage<Order>>> {
    let paging = Paging::parse(page, per_page)?;
    let user = match user_id.map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) if id > 0 => Some(UserId(id)),
        Some(_) => return Err(Error::field("user_id", "must be a user's id")),
    };
    let filter = OrderFilter {
        user,
        status: orders::status_filter(status.as_deref())?,
        search: q,
    };
    let actor = Actor::of(&signed_in.user);
    let (items, total) = db
        .run(move |conn| orders::list(conn, actor, filter, paging))
        .await?;
    Ok(ListPage::new(items, paging, total))
}

#[utoipa::path(
    tag = "checkout and orders",
    summary = "One order (its owner or staff)",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    responses(
        (status = 200, description = "the order", body = Order),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
    ),
)]
#[get("/orders/<id>")]
async fn get_order(id: OrderId, signed_in: SignedIn, db: &State<Db>) -> ApiResult<Json<Order>> {
    let actor = Actor::of(&signed_in.user);
    Ok(Json(db.run(move |conn| orders::find(conn, actor, id)).await?))
}

#[utoipa::path(
    tag = "checkout and orders",
    summary = "Cancel: the owner while pending_payment, staff while pending_payment or paid, or shipped/ready_for_pickup and unpaid (a returned cash-on-delivery parcel); the stock returns once",
    description = "Cancelling a paid order records the refund and gives it a credit note number (R2026-000001) when it had an invoice. The hold expiry cancels only unpaid bank-transfer orders.",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    responses(
        (status = 200, description = "the order", body = Order),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[post("/orders/<id>/cancel")]
async fn post_cancel(id: OrderId, signed_in: SignedIn, desk: OrderDesk<'_>) -> ApiResult<Json<Order>> {
    Ok(Json(
        desk.apply(Actor::of(&signed_in.user), id, Action::Cancel).await?,
    ))
}

#[utoipa::path(
    tag = "checkout and orders",
    summary = "Record the payment (staff)",
    description = "From pending_payment, or from shipped/ready_for_pickup while unpaid (cash collected early). Sets paid_at and the invoice number: the next of the year in the shop's time zone, YYYY-NNNNNN (2026-000001), without gaps or repeats.",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    request_body = Option<MarkPaidInput>,
    responses(
        (status = 200, description = "the order", body = Order),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/orders/<id>/mark-paid", data = "<body>")]
async fn post_mark_paid(
    id: OrderId,
    body: OptionalJsonBody<MarkPaidInput>,
    staff: Staff,
    desk: OrderDesk<'_>,
) -> ApiResult<Json<Order>> {
    let action = Action::mark_paid(body.0)?;
    Ok(Json(desk.apply(Actor::of(&staff.0.user), id, action).await?))
}

#[utoipa::path(
    tag = "checkout and orders",
    summary = "Ship (staff)",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    request_body = Option<ShipInput>,
    responses(
        (status = 200, description = "the order", body = Order),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/orders/<id>/ship", data = "<body>")]
async fn post_ship(
    id: OrderId,
    body: OptionalJsonBody<ShipInput>,
    staff: Staff,
    desk: OrderDesk<'_>,
) -> ApiResult<Json<Order>> {
    let action = Action::ship(body.0)?;
    Ok(Json(desk.apply(Actor::of(&staff.0.user), id, action).await?))
}

#[utoipa::path(
    tag = "checkout and orders",
    summary = "Ready for pickup (staff): a pickup order waits at the shop; the customer gets an e-mail",
    description = "Pickup orders only, from paid, or from pending_payment for cash on delivery (paid when collected). Sets ready_at.",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    responses(
        (status = 200, description = "the order, ready_for_pickup", body = Order),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[post("/orders/<id>/ready")]
async fn post_ready(id: OrderId, staff: Staff, desk: OrderDesk<'_>) -> ApiResult<Json<Order>> {
    Ok(Json(
        desk.apply(Actor::of(&staff.0.user), id, Action::Ready).await?,
    ))
}

#[utoipa::path(
    tag = "checkout and orders",
    summary = "Mark delivered: handed over or collected (staff)",
    description = "From shipped or ready_for_pickup. An unpaid (cash-on-delivery) order is paid by this step: paid_at, a payment with the reference, and the invoice number.",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    request_body = Option<DeliverInput>,
    responses(
        (status = 200, description = "the order", body = Order),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/orders/<id>/deliver", data = "<body>")]
async fn post_deliver(
    id: OrderId,
    body: OptionalJsonBody<DeliverInput>,
    staff: Staff,
    desk: OrderDesk<'_>,
) -> ApiResult<Json<Order>> {
    let action = Action::deliver(body.0)?;
    Ok(Json(desk.apply(Actor::of(&staff.0.user), id, action).await?))
}

#[utoipa::path(
    tag = "checkout and orders",
    summary = "Refund a paid order (paid, shipped, ready_for_pickup or delivered), with or without restock (staff)",
    description = "The order gets a credit note number from its own yearly series, R and YYYY-NNNNNN (R2026-000001), and the customer an e-mail.",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    request_body = RefundInput,
    responses(
        (status = 200, description = "the order", body = Order),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/orders/<id>/refund", data = "<body>")]
async fn post_refund(
    id: OrderId,
    body: JsonBody<RefundInput>,
    staff: Staff,
    desk: OrderDesk<'_>,
) -> ApiResult<Json<Order>> {
    let action = Action::refund(body.0)?;
    Ok(Json(desk.apply(Actor::of(&staff.0.user), id, action).await?))
}

pub fn routes() -> Vec<Route> {
    routes![
        get_orders,
        get_order,
        post_cancel,
        post_mark_paid,
        post_ship,
        post_ready,
        post_deliver,
        post_refund
    ]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    get_orders,
    get_order,
    post_cancel,
    post_mark_paid,
    post_ship,
    post_ready,
    post_deliver,
    post_refund
))]
pub struct Doc;

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
use crate::domain::orders::{self, Action, Actor, MarkPaidInput, RefundInput, ShipInput};
use crate::error::Error;
use crate::ids::{OrderId, UserId};

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

#[get("/orders/<id>")]
async fn get_order(id: OrderId, signed_in: SignedIn, db: &State<Db>) -> ApiResult<Json<Order>> {
    let actor = Actor::of(&signed_in.user);
    Ok(Json(db.run(move |conn| orders::find(conn, actor, id)).await?))
}

#[post("/orders/<id>/cancel")]
async fn post_cancel(id: OrderId, signed_in: SignedIn, desk: OrderDesk<'_>) -> ApiResult<Json<Order>> {
    Ok(Json(
        desk.apply(Actor::of(&signed_in.user), id, Action::Cancel).await?,
    ))
}

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

#[post("/orders/<id>/deliver")]
async fn post_deliver(id: OrderId, staff: Staff, desk: OrderDesk<'_>) -> ApiResult<Json<Order>> {
    Ok(Json(
        desk.apply(Actor::of(&staff.0.user), id, Action::Deliver).await?,
    ))
}

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
        post_deliver,
        post_refund
    ]
}

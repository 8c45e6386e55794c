//! `/api/v1/coupons`: coupons, for staff.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, patch, post, routes};

use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::Staff;
use crate::db::Db;
use crate::db::coupons::{self, CouponRow};
use crate::domain::coupons::{self as domain, CouponInput};
use crate::ids::CouponId;

#[get("/coupons?<page>&<per_page>")]
async fn get_coupons(
    page: Option<&str>,
    per_page: Option<&str>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<ListPage<CouponRow>>> {
    let paging = Paging::parse(page, per_page)?;
    let (items, total) = db
        .run(move |conn| coupons::list_page(conn, paging.per_page, paging.offset()))
        .await?;
    Ok(ListPage::new(items, paging, total))
}

#[get("/coupons/<id>")]
async fn get_coupon(id: CouponId, _staff: Staff, db: &State<Db>) -> ApiResult<Json<CouponRow>> {
    Ok(Json(db.run(move |conn| coupons::find(conn, id)).await?))
}

#[post("/coupons", data = "<body>")]
async fn post_coupon(
    body: JsonBody<CouponInput>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<(Status, Json<CouponRow>)> {
    Ok((
        Status::Created,
        Json(db.write(move |tx| domain::save(tx, None, body.0)).await?),
    ))
}

#[patch("/coupons/<id>", data = "<body>")]
async fn patch_coupon(
    id: CouponId,
    body: JsonBody<CouponInput>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<CouponRow>> {
    Ok(Json(
        db.write(move |tx| domain::save(tx, Some(id), body.0)).await?,
    ))
}

#[delete("/coupons/<id>")]
async fn delete_coupon(id: CouponId, _staff: Staff, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| domain::delete(tx, id)).await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![get_coupons, get_coupon, post_coupon, patch_coupon, delete_coupon]
}

//! `/api/v1/coupons`: coupons, for staff.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, patch, post, routes};

use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::Staff;
use crate::db::Db;
use crate::db::coupons::{self, CouponRow};
use crate::domain::coupons::{self as domain, CouponInput};
use crate::error_schema::ApiError;
use crate::ids::CouponId;

#[utoipa::path(
    tag = "back office",
    summary = "Coupons, newest first",
    params(
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page", body = ListPage<CouponRow>),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "back office",
    summary = "One coupon",
    params(
        ("id" = CouponId, Path, description = "the coupon"),
    ),
    responses(
        (status = 200, description = "the coupon", body = CouponRow),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
    ),
)]
#[get("/coupons/<id>")]
async fn get_coupon(id: CouponId, _staff: Staff, db: &State<Db>) -> ApiResult<Json<CouponRow>> {
    Ok(Json(db.run(move |conn| coupons::find(conn, id)).await?))
}

#[utoipa::path(
    tag = "back office",
    summary = "Create a coupon",
    request_body = CouponInput,
    responses(
        (status = 201, description = "the coupon", body = CouponRow,
            links(
                ("GetCoupon" = (operation_id = "get_coupon", parameters(("id" = "$response.body#/id")))),
                ("PatchCoupon" = (operation_id = "patch_coupon", parameters(("id" = "$response.body#/id")))),
                ("DeleteCoupon" = (operation_id = "delete_coupon", parameters(("id" = "$response.body#/id"))))
            ),
        ),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "back office",
    summary = "Change a coupon",
    params(
        ("id" = CouponId, Path, description = "the coupon"),
    ),
    request_body = CouponInput,
    responses(
        (status = 200, description = "the coupon", body = CouponRow),
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

#[utoipa::path(
    tag = "back office",
    summary = "Delete a coupon",
    params(
        ("id" = CouponId, Path, description = "the coupon"),
    ),
    responses(
        (status = 204, description = "deleted"),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[delete("/coupons/<id>")]
async fn delete_coupon(id: CouponId, _staff: Staff, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| domain::delete(tx, id)).await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![get_coupons, get_coupon, post_coupon, patch_coupon, delete_coupon]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_coupons, get_coupon, post_coupon, patch_coupon, delete_coupon))]
pub struct Doc;

//! Reviews and order ratings: `/api/v1/products/{id}/reviews`,
//! `/api/v1/reviews/{id}` (staff hide and show them) and
//! `/api/v1/orders/{id}/rating`.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, patch, post, routes};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::{SignedIn, Staff, Viewer};
use crate::db::Db;
use crate::db::order_ratings::OrderRating;
use crate::db::reviews::Review;
use crate::domain::catalog::flag;
use crate::domain::fields::finish;
use crate::domain::orders::Actor;
use crate::domain::reviews::{self, RatingInput};
use crate::error::FieldErrors;
use crate::error_schema::ApiError;
use crate::ids::{OrderId, ProductId, ReviewId};

#[utoipa::path(
    tag = "reviews",
    summary = "A product's reviews, newest first: the visible ones, or all for staff who ask",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("id" = ProductId, Path, description = "the product; an unknown or inactive one is a 404 for non-staff"),
        ("include_hidden" = Option<bool>, Query, description = "staff only; ignored for others"),
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page of reviews", body = ListPage<Review>),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/products/<id>/reviews?<include_hidden>&<page>&<per_page>")]
async fn get_reviews(
    id: ProductId,
    include_hidden: Option<&str>,
    page: Option<&str>,
    per_page: Option<&str>,
    viewer: Viewer,
    db: &State<Db>,
) -> ApiResult<Json<ListPage<Review>>> {
    let mut errors = FieldErrors::new();
    let paging = Paging::read(page, per_page, Paging::DEFAULT_PER_PAGE, &mut errors);
    let include_hidden = flag("include_hidden", include_hidden, &mut errors);
    finish(errors)?;
    let staff = viewer.is_staff();
    let found = db
        .run(move |conn| reviews::list(conn, id, staff, include_hidden, paging))
        .await?;
    Ok(ListPage::new(found.items, paging, found.total))
}

#[utoipa::path(
    tag = "reviews",
    summary = "Review a product you received (an order of yours with it is delivered); one review per customer and product",
    params(
        ("id" = ProductId, Path, description = "the product"),
    ),
    request_body = RatingInput,
    responses(
        (status = 201, description = "the review", body = Review,
            links(
                ("HideReview" = (operation_id = "patch_review", parameters(("id" = "$response.body#/id"))))
            ),
        ),
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
#[post("/products/<id>/reviews", data = "<body>")]
async fn post_review(
    id: ProductId,
    body: JsonBody<RatingInput>,
    signed_in: SignedIn,
    db: &State<Db>,
) -> ApiResult<(Status, Json<Review>)> {
    let rated = body.0.check()?;
    let actor = Actor::of(&signed_in.user);
    let review = db.write(move |tx| reviews::create(tx, actor, id, &rated)).await?;
    Ok((Status::Created, Json(review)))
}

#[derive(Debug, Deserialize, ToSchema)]
struct ReviewPatch {
    hidden: bool,
}

#[utoipa::path(
    tag = "reviews",
    summary = "Hide a review from the shop (and its rating from the product's average), or show it again (staff)",
    params(
        ("id" = ReviewId, Path, description = "the review"),
    ),
    request_body = ReviewPatch,
    responses(
        (status = 200, description = "the review", body = Review),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[patch("/reviews/<id>", data = "<body>")]
async fn patch_review(
    id: ReviewId,
    body: JsonBody<ReviewPatch>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<Review>> {
    let hidden = body.0.hidden;
    Ok(Json(
        db.write(move |tx| reviews::set_hidden(tx, id, hidden)).await?,
    ))
}

#[utoipa::path(
    tag = "reviews",
    summary = "Rate a delivered order of yours, once",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    request_body = RatingInput,
    responses(
        (status = 201, description = "the rating", body = OrderRating),
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
#[post("/orders/<id>/rating", data = "<body>")]
async fn post_order_rating(
    id: OrderId,
    body: JsonBody<RatingInput>,
    signed_in: SignedIn,
    db: &State<Db>,
) -> ApiResult<(Status, Json<OrderRating>)> {
    let rated = body.0.check()?;
    let actor = Actor::of(&signed_in.user);
    let rating = db
        .write(move |tx| reviews::rate_order(tx, actor, id, &rated))
        .await?;
    Ok((Status::Created, Json(rating)))
}

#[utoipa::path(
    tag = "reviews",
    summary = "The rating of an order (its owner or staff); 404 when it has none",
    params(
        ("id" = OrderId, Path, description = "the order; another customer's is a 404"),
    ),
    responses(
        (status = 200, description = "the rating", body = OrderRating),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
    ),
)]
#[get("/orders/<id>/rating")]
async fn get_order_rating(id: OrderId, signed_in: SignedIn, db: &State<Db>) -> ApiResult<Json<OrderRating>> {
    let actor = Actor::of(&signed_in.user);
    Ok(Json(
        db.run(move |conn| reviews::order_rating(conn, actor, id)).await?,
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        get_reviews,
        post_review,
        patch_review,
        post_order_rating,
        get_order_rating
    ]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_reviews, post_review, patch_review, post_order_rating, get_order_rating))]
pub struct Doc;

//! Reviews and order ratings: `/api/v1/products/{id}/reviews`,
//! `/api/v1/reviews/{id}` (staff hide and show them) and
//! `/api/v1/orders/{id}/rating`.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, patch, post, routes};
use serde::Deserialize;

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
use crate::ids::{OrderId, ProductId, ReviewId};

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

#[derive(Debug, Deserialize)]
struct ReviewPatch {
    hidden: bool,
}

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

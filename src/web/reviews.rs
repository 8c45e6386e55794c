//! The storefront's reviews: the review form of a product's page, a
//! product's whole list of reviews, staff's Hide and Unhide buttons, and
//! the page where a customer rates a delivered order and reviews its
//! products. The rules are `domain::reviews`, shared with the JSON API.

use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::{SignedIn, Staff};
use crate::db::Db;
use crate::db::orders::number;
use crate::db::products::Product;
use crate::db::reviews::Review;
use crate::domain::orders::Actor;
use crate::domain::paging::Paging;
use crate::domain::reviews::{self, RatePage};
use crate::error::Error;
use crate::ids::{OrderId, ProductId, ReviewId};
use crate::web::rating_form::{RatingValues, ReviewFormState};
use crate::web::shop::product_page_with_review;
use crate::web::{Blank, Layout, Reply, local_path, render};

#[post("/products/<id>/reviews", data = "<form>")]
async fn post_review(
    id: ProductId,
    form: CsrfForm<RatingValues>,
    user: SignedIn,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let values = form.0;
    let created = match values.check() {
        Ok(rated) => {
            let actor = Actor::of(&user.user);
            db.write(move |tx| reviews::create(tx, actor, id, &rated)).await
        }
        Err(e) => Err(e),
    };
    match created {
        Ok(review) => {
            let to = match values.back.as_deref() {
                Some(back) => local_path(Some(back)),
                None => format!("/products/{id}#review-{}", review.id),
            };
            Ok(Reply::redirect(to, "Thank you for your review."))
        }
        Err(e) => {
            let state = ReviewFormState::failed(values, e)?;
            product_page_with_review(db, &layout, id, None, state).await
        }
    }
}

/// The context of `shop/product_reviews.html`.
#[derive(Serialize)]
struct ReviewsPage {
    /// The average rating, to one decimal.
    average: Option<String>,
    product: Product,
    items: Vec<Review>,
    total: i64,
    staff: bool,
    /// This page, for the Hide and Unhide buttons to come back to.
    back: String,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
}

#[get("/products/<id>/reviews?<page>")]
async fn get_reviews(
    id: ProductId,
    page: Option<&str>,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let paging = Paging::parse(page, None)?;
    let staff = layout.is_staff();
    let found = db
        .run(move |conn| reviews::list(conn, id, staff, staff, paging))
        .await?;
    let pages = paging.page_count(found.total);
    let here = format!("/products/{id}/reviews");
    let link = |n: i64| {
        if n > 1 {
            format!("{here}?page={n}")
        } else {
            here.clone()
        }
    };
    let context = ReviewsPage {
        average: reviews::average_text(&found.product),
        product: found.product,
        items: found.items,
        total: found.total,
        staff,
        back: if paging.page > 1 {
            link(paging.page)
        } else {
            here.clone()
        },
        page: paging.page,
        pages,
        prev: (paging.page > 1).then(|| link(paging.page.min(pages + 1) - 1)),
        next: (paging.page < pages).then(|| link(paging.page + 1)),
    };
    Ok(Reply::page("shop/product_reviews.html", &layout, context))
}

/// The body of a Hide or Unhide button: where the button was.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ButtonForm {
    back: Option<String>,
}

#[post("/reviews/<id>/hide", data = "<form>")]
async fn post_hide(
    id: ReviewId,
    form: CsrfForm<ButtonForm>,
    _staff: Staff,
    db: &State<Db>,
) -> Result<Reply, Error> {
    set_hidden(db, id, true, form.0.back).await
}

#[post("/reviews/<id>/unhide", data = "<form>")]
async fn post_unhide(
    id: ReviewId,
    form: CsrfForm<ButtonForm>,
    _staff: Staff,
    db: &State<Db>,
) -> Result<Reply, Error> {
    set_hidden(db, id, false, form.0.back).await
}

async fn set_hidden(db: &Db, id: ReviewId, hidden: bool, back: Option<String>) -> Result<Reply, Error> {
    let review = db.write(move |tx| reviews::set_hidden(tx, id, hidden)).await?;
    let to = match back.as_deref() {
        Some(back) => local_path(Some(back)),
        None => format!("/products/{}#review-{id}", review.product_id),
    };
    let message = if hidden {
        format!(
            "The review by “{}” is hidden: the shop no longer shows it or counts it in the rating.",
            review.username
        )
    } else {
        format!("The review by “{}” is shown again.", review.username)
    };
    Ok(Reply::redirect(to, &message))
}

/// The context of `shop/rate_order.html`.
#[derive(Serialize)]
struct RateOrderPage {
    order: RatePage,
    form: ReviewFormState,
    /// Each product's review form starts empty (Tera has no `{}` literal).
    blank: Blank,
}

/// The page that rates an order, with its order rating form as `form`
/// has it.
async fn rate_page(
    db: &Db,
    layout: &Layout,
    user: &SignedIn,
    id: OrderId,
    form: ReviewFormState,
) -> Result<Reply, Error> {
    let user_id = user.user.id;
    let page = db.run(move |conn| reviews::rate_page(conn, user_id, id)).await?;
    let status = form.status;
    let context = RateOrderPage {
        order: page,
        form,
        blank: Blank {},
    };
    Ok(Reply::Page((
        status,
        render("shop/rate_order.html", layout, context),
    )))
}

#[get("/orders/<id>/rate")]
async fn get_rate(id: OrderId, user: SignedIn, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    rate_page(db, &layout, &user, id, ReviewFormState::default()).await
}

#[post("/orders/<id>/rate", data = "<form>")]
async fn post_rate(
    id: OrderId,
    form: CsrfForm<RatingValues>,
    user: SignedIn,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let values = form.0;
    let rated = match values.check() {
        Ok(rated) => {
            let actor = Actor::of(&user.user);
            db.write(move |tx| reviews::rate_order(tx, actor, id, &rated))
                .await
        }
        Err(e) => Err(e),
    };
    match rated {
        Ok(_) => Ok(Reply::redirect(
            format!("/orders/{id}/rate"),
            &format!("Thank you for rating order {}.", number(id)),
        )),
        Err(e) => {
            let state = ReviewFormState::failed(values, e)?;
            rate_page(db, &layout, &user, id, state).await
        }
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        post_review,
        get_reviews,
        post_hide,
        post_unhide,
        get_rate,
        post_rate
    ]
}

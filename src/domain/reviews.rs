//! Reviews of products and ratings of orders: who may write them and the
//! rules of their fields, shared by the JSON API and the storefront.
//!
//! A customer may review a product they have received: an order of theirs
//! that contains it is `delivered`. A refunded order does not count, even
//! one refunded after delivery: a refund undoes the sale (the goods usually
//! went back), and the shop's ratings should come from people who kept what
//! they bought. A review written before a refund stays; staff can hide it.
//! Orders are rated by their owner, once, and only while `delivered`.
//!
//! The functions run in the caller's connection or write transaction.

use std::collections::{BTreeSet, HashMap};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::order_ratings::{self, OrderRating};
use crate::db::orders;
use crate::db::products::{self, Product};
use crate::db::reviews::{self, Review};
use crate::domain::fields::{add, finish};
use crate::domain::lifecycle;
use crate::domain::orders::Actor;
use crate::domain::paging::Paging;
use crate::domain::products::find_visible;
use crate::error::{Error, FieldErrors};
use crate::ids::{OrderId, ProductId, ReviewId, UserId};
use crate::order_types::OrderStatus;

pub const MAX_COMMENT_CHARS: usize = 2000;

/// Reviews on the product page; the rest are a link away.
pub const ON_PRODUCT_PAGE: i64 = 5;

const RATING_RULE: &str = "must be a whole number from 1 to 5";

/// A rating with an optional comment, as a JSON body has it (a review and
/// an order rating alike). A float or a string for `rating` is a 422 on
/// the field before this is built.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RatingInput {
    #[schema(minimum = 1, maximum = 5)]
    pub rating: i64,
    /// Trimmed; optional.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// The same as a form sends it: text, so that what was typed comes back
/// beside its message.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RatingForm {
    pub rating: String,
    pub comment: String,
}

/// A rating and comment that follow the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rated {
    pub rating: i64,
    /// Trimmed; empty when there is none.
    pub comment: String,
}

impl RatingInput {
    pub fn check(self) -> Result<Rated, Error> {
        let mut errors = FieldErrors::new();
        if !(1..=5).contains(&self.rating) {
            add(&mut errors, "rating", RATING_RULE);
        }
        let comment = comment(&mut errors, self.comment.as_deref().unwrap_or_default());
        finish(errors)?;
        Ok(Rated {
            rating: self.rating,
            comment,
        })
    }
}

impl RatingForm {
    pub fn check(&self) -> Result<Rated, Error> {
        let mut errors = FieldErrors::new();
        let text = self.rating.trim();
        let rating = match text.parse::<i64>() {
            Ok(n) if (1..=5).contains(&n) => n,
            _ if text.is_empty() => {
                add(&mut errors, "rating", "is required");
                0
            }
            _ => {
                add(&mut errors, "rating", RATING_RULE);
                0
            }
        };
        let comment = comment(&mut errors, &self.comment);
        finish(errors)?;
        Ok(Rated { rating, comment })
    }
}

fn comment(errors: &mut FieldErrors, text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > MAX_COMMENT_CHARS {
        add(
            errors,
            "comment",
            &format!("must be at most {MAX_COMMENT_CHARS} characters"),
        );
    }
    text.to_string()
}

/// The user an actor is, and whether they run the shop.
fn who(actor: Actor) -> Result<(UserId, bool), Error> {
    match actor {
        Actor::Customer(id) => Ok((id, false)),
        Actor::Staff(id) => Ok((id, true)),
        Actor::Guest(_) | Actor::System => Err(Error::Forbidden),
    }
}

/// A page of a product's reviews.
#[derive(Debug, Clone)]
pub struct ReviewPage {
    pub product: Product,
    /// Newest first.
    pub items: Vec<Review>,
    pub total: i64,
}

/// A page of a product's reviews. Only staff see an inactive product's,
/// and hidden reviews when they ask for them.
pub fn list(
    conn: &Connection,
    product: ProductId,
    staff: bool,
    include_hidden: bool,
    paging: Paging,
) -> Result<ReviewPage, Error> {
    let include_hidden = include_hidden && staff;
    Ok(ReviewPage {
        product: find_visible(conn, product, staff)?,
        items: reviews::list_page(conn, product, include_hidden, paging.per_page, paging.offset())?,
        total: reviews::count(conn, product, include_hidden)?,
    })
}

/// Writes the actor's review of a product they received, in the caller's
/// write transaction.
pub fn create(conn: &Connection, actor: Actor, product: ProductId, rated: &Rated) -> Result<Review, Error> {
    let (user, staff) = who(actor)?;
    let name = find_visible(conn, product, staff)?.name;
    if !reviews::has_received(conn, user, product)? {
        return Err(Error::NotAllowed {
            message: format!(
                "you can review “{name}” once you have received it: an order of yours with it must be delivered"
            ),
        });
    }
    match reviews::insert(conn, product, user, rated.rating, &rated.comment)? {
        Some(id) => reviews::find(conn, id),
        None => Err(Error::Conflict {
            code: "conflict",
            message: format!("you have reviewed “{name}” already; there is one review per customer"),
        }),
    }
}

/// Hides a review from the shop (and its rating from the product's
/// average), or shows it again. For staff.
pub fn set_hidden(conn: &Connection, id: ReviewId, hidden: bool) -> Result<Review, Error> {
    Error::found(reviews::set_hidden(conn, id, hidden)?)?;
    reviews::find(conn, id)
}

/// The order, if the actor placed it. Anyone else's is not found, as on
/// every order route, except for staff, who may see it: they are told
/// plainly that rating is for the customer.
fn own_order(conn: &Connection, user: UserId, staff: bool, id: OrderId) -> Result<orders::Order, Error> {
    let order = orders::find(conn, id)?;
    if order.user_id == Some(user) {
        Ok(order)
    } else if staff {
        Err(Error::NotAllowed {
            message: format!("only the customer who placed order {} can rate it", order.number),
        })
    } else {
        Err(Error::NotFound)
    }
}

/// Rates a delivered order of the actor's, once, in the caller's write
/// transaction.
pub fn rate_order(conn: &Connection, actor: Actor, id: OrderId, rated: &Rated) -> Result<OrderRating, Error> {
    let (user, staff) = who(actor)?;
    let order = own_order(conn, user, staff, id)?;
    if order_ratings::find(conn, id)?.is_some() {
        return Err(Error::Conflict {
            code: "conflict",
            message: format!("you have rated order {} already", order.number),
        });
    }
    if order.status != RATED_WHEN {
        return Err(not_delivered(&order));
    }
    order_ratings::insert(conn, id, rated.rating, &rated.comment)?;
    order_ratings::find(conn, id)?.ok_or(Error::NotFound)
}

/// The status in which an order is rated.
const RATED_WHEN: OrderStatus = OrderStatus::Delivered;

/// Whether an order in `status` can be rated now (by its owner).
pub fn may_rate(status: OrderStatus) -> bool {
    status == RATED_WHEN
}

/// Why an order cannot be rated (yet): the lifecycle's table says whether
/// it may still be delivered.
fn not_delivered(order: &orders::Order) -> Error {
    let status = order.status.label();
    let message = if lifecycle::may_become(order.status, RATED_WHEN) {
        format!(
            "order {} is {status}; it can be rated once it is delivered",
            order.number
        )
    } else {
        format!(
            "order {} is {status}; only delivered orders can be rated",
            order.number
        )
    };
    Error::Conflict {
        code: "invalid_transition",
        message,
    }
}

/// An order's rating, for its owner or staff.
pub fn order_rating(conn: &Connection, actor: Actor, id: OrderId) -> Result<OrderRating, Error> {
    let (user, staff) = who(actor)?;
    let owner = orders::owner(conn, id)?.ok_or(Error::NotFound)?;
    if owner != Some(user) && !staff {
        return Err(Error::NotFound);
    }
    order_ratings::find(conn, id)?.ok_or(Error::NotFound)
}

/// A product's average rating as pages show it: always one decimal
/// ("4.0 of 5", where a template would print "4").
pub fn average_text(product: &Product) -> Option<String> {
    product.rating.average.map(|a| format!("{a:.1}"))
}

/// What the product page shows of a product's reviews.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The average of the visible reviews, for reading.
    pub average: Option<String>,
    /// The first few, newest first; hidden ones too (marked) for staff.
    pub items: Vec<Review>,
    /// There are more than these: link to the whole list.
    pub more: bool,
    /// The viewer's own review, if they wrote one.
    pub own: Option<Review>,
    /// The viewer received the product and has not reviewed it: the form.
    pub may_review: bool,
    /// The viewer is signed in but has not received it (yet).
    pub not_received: bool,
    /// The viewer is staff: hidden reviews are marked, with buttons.
    pub staff: bool,
}

/// The product page's reviews for a visitor (`None`), a customer or staff.
/// An anonymous visitor costs at most one indexed query, and none at all
/// for a product without visible reviews.
pub fn section(
    conn: &Connection,
    product: &Product,
    viewer: Option<(UserId, bool)>,
) -> Result<Section, Error> {
    let staff = viewer.is_some_and(|(_, staff)| staff);
    // Staff also see hidden reviews, which the product's count leaves out.
    let mut items = if staff || product.rating.count > 0 {
        reviews::list_page(conn, product.id, staff, ON_PRODUCT_PAGE + 1, 0)?
    } else {
        Vec::new()
    };
    let more = items.len() as i64 > ON_PRODUCT_PAGE;
    items.truncate(ON_PRODUCT_PAGE as usize);
    let (own, received) = match viewer {
        Some((user, _)) => reviews::author_state(conn, user, product.id)?,
        None => (None, false),
    };
    Ok(Section {
        average: average_text(product),
        may_review: viewer.is_some() && product.active && own.is_none() && received,
        not_received: viewer.is_some() && own.is_none() && !received,
        staff,
        items,
        more,
        own,
    })
}

/// A product of an order, on the page that rates the order.
#[derive(Debug, Clone, Serialize)]
pub struct RateLine {
    pub product_id: ProductId,
    /// As the order has it.
    pub name: String,
    /// Still in the shop, so it can be reviewed and linked to.
    pub active: bool,
    /// The rating of the customer's review, if they wrote one.
    pub reviewed: Option<i64>,
}

/// The page where a customer rates an order and reviews its products.
#[derive(Debug, Clone, Serialize)]
pub struct RatePage {
    pub order_id: OrderId,
    pub number: String,
    pub status: OrderStatus,
    pub delivered: bool,
    pub rating: Option<OrderRating>,
    pub lines: Vec<RateLine>,
}

/// The rating page of an order, for its owner only (others: not found).
pub fn rate_page(conn: &Connection, user: UserId, id: OrderId) -> Result<RatePage, Error> {
    let order = orders::find(conn, id)?;
    if order.user_id != Some(user) {
        return Err(Error::NotFound);
    }
    let mut seen = BTreeSet::new();
    let ids: Vec<i64> = order
        .items
        .iter()
        .map(|i| i.product_id.0)
        .filter(|id| seen.insert(*id))
        .collect();
    let active: HashMap<i64, bool> = products::find_many(conn, &ids)?
        .into_iter()
        .map(|p| (p.id.0, p.active))
        .collect();
    let reviewed: HashMap<ProductId, i64> = reviews::ratings_by(conn, user)?.into_iter().collect();
    let lines = ids
        .iter()
        .filter_map(|id| order.items.iter().find(|i| i.product_id.0 == *id))
        .map(|item| RateLine {
            product_id: item.product_id,
            name: item.name.clone(),
            active: active.get(&item.product_id.0).copied().unwrap_or(false),
            reviewed: reviewed.get(&item.product_id).copied(),
        })
        .collect();
    Ok(RatePage {
        order_id: order.id,
        delivered: order.status == RATED_WHEN,
        rating: order_ratings::find(conn, id)?,
        number: order.number,
        status: order.status,
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: Error) -> Vec<String> {
        match e {
            Error::Validation { fields, .. } => fields.into_keys().collect(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn ratings_are_whole_numbers_from_one_to_five() {
        for rating in 1..=5 {
            let input = RatingInput {
                rating,
                comment: None,
            };
            assert_eq!(input.check().unwrap().rating, rating);
        }
        for rating in [0, 6, -1, i64::MAX] {
            let input = RatingInput {
                rating,
                comment: None,
            };
            assert_eq!(fields(input.check().unwrap_err()), ["rating"]);
        }
        for text in ["", " ", "0", "6", "4.5", "x", "٣"] {
            let form = RatingForm {
                rating: text.into(),
                comment: String::new(),
            };
            assert_eq!(fields(form.check().unwrap_err()), ["rating"], "{text:?}");
        }
        let form = RatingForm {
            rating: " 4 ".into(),
            comment: String::new(),
        };
        assert_eq!(form.check().unwrap().rating, 4);
    }

    #[test]
    fn comments_are_trimmed_and_at_most_2000_characters() {
        let input = RatingInput {
            rating: 5,
            comment: Some("  Lovely.\n ".into()),
        };
        assert_eq!(input.check().unwrap().comment, "Lovely.");
        // Counted in characters, not bytes: 2000 accented letters are fine.
        let input = RatingInput {
            rating: 5,
            comment: Some("é".repeat(2000)),
        };
        assert!(input.check().is_ok());
        let input = RatingInput {
            rating: 5,
            comment: Some("a".repeat(2001)),
        };
        assert_eq!(fields(input.check().unwrap_err()), ["comment"]);
    }
}

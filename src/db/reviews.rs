//! Queries on `reviews`: a product's reviews newest first, one customer's
//! review of a product, hiding, and whether a customer received a product.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::ids::{ProductId, ReviewId, UserId};

/// A review as the API shows it, with its author's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Review {
    pub id: ReviewId,
    pub product_id: ProductId,
    pub user_id: UserId,
    pub username: String,
    #[schema(minimum = 1, maximum = 5)]
    pub rating: i64,
    /// Empty when the customer left only a rating.
    pub comment: String,
    /// Hidden by staff: not shown to shoppers, not counted in the product's rating.
    pub hidden: bool,
    #[schema(format = DateTime)]
    pub created_at: String,
}

const SELECT: &str =
    "SELECT r.id, r.product_id, r.user_id, u.username, r.rating, r.comment, r.hidden, r.created_at
    FROM reviews r JOIN users u ON u.id = r.user_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Review> {
    Ok(Review {
        id: r.get(0)?,
        product_id: r.get(1)?,
        user_id: r.get(2)?,
        username: r.get(3)?,
        rating: r.get(4)?,
        comment: r.get(5)?,
        hidden: r.get(6)?,
        created_at: r.get(7)?,
    })
}

pub fn find(conn: &Connection, id: ReviewId) -> Result<Review, Error> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE r.id = ?1"))?
        .query_row([id], from_row)?)
}

/// The visible reviews (or all, with `include_hidden`) of a product,
/// newest first. Ids grow with time, so ordering by id is ordering by
/// date, and `reviews_by_product` delivers the rows in that order.
pub fn list_page(
    conn: &Connection,
    product: ProductId,
    include_hidden: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<Review>, Error> {
    let visible = if include_hidden { "" } else { "AND r.hidden = 0" };
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.product_id = ?1 {visible} ORDER BY r.id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt.query_map(params![product, limit, offset], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection, product: ProductId, include_hidden: bool) -> Result<i64, Error> {
    let visible = if include_hidden { "" } else { "AND hidden = 0" };
    Ok(conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM reviews WHERE product_id = ?1 {visible}"
        ))?
        .query_row([product], |r| r.get(0))?)
}

/// Writes a review; `None` when the customer has one of this product
/// already (and nothing changed). The triggers of schema version 4 add it
/// to the product's rating.
pub fn insert(
    conn: &Connection,
    product: ProductId,
    user: UserId,
    rating: i64,
    comment: &str,
) -> Result<Option<ReviewId>, Error> {
    let added = conn
        .prepare_cached(
            "INSERT INTO reviews (product_id, user_id, rating, comment, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (product_id, user_id) DO NOTHING",
        )?
        .execute(params![product, user, rating, comment, crate::db::now()])?;
    Ok((added == 1).then(|| ReviewId(conn.last_insert_rowid())))
}

/// Hides or shows a review; `false` when there is no such review. The
/// triggers take a hidden review out of the product's rating.
pub fn set_hidden(conn: &Connection, id: ReviewId, hidden: bool) -> Result<bool, Error> {
    Ok(conn
        .prepare_cached("UPDATE reviews SET hidden = ?2 WHERE id = ?1")?
        .execute(params![id, hidden])?
        == 1)
}

/// What a customer has to do with a product: their review of it, if any,
/// and whether an order of theirs with it is delivered. One query, for
/// the product page.
pub fn author_state(
    conn: &Connection,
    user: UserId,
    product: ProductId,
) -> Result<(Option<Review>, bool), Error> {
    let own = conn
        .prepare_cached(&format!("{SELECT} WHERE r.product_id = ?1 AND r.user_id = ?2"))?
        .query_row(params![product, user], from_row)
        .optional()?;
    if own.is_some() {
        // Whoever reviewed it was eligible; no need to ask again.
        return Ok((own, true));
    }
    Ok((None, has_received(conn, user, product)?))
}

/// Whether an order of the user's that contains the product is delivered.
/// Only `delivered` counts: see `domain::reviews` for why a refund does not.
pub fn has_received(conn: &Connection, user: UserId, product: ProductId) -> Result<bool, Error> {
    // Start from the customer's orders, who has a few, rather than from the
    // product's order lines or the shop's delivered orders, of which there
    // may be thousands (this runs on a signed-in customer's product page):
    // CROSS JOIN fixes the order, `+o.status` keeps the status index out.
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM orders o CROSS JOIN order_items i ON i.order_id = o.id
                 WHERE o.user_id = ?1 AND +o.status = 'delivered' AND i.product_id = ?2)",
        )?
        .query_row(params![user, product], |r| r.get(0))?)
}

/// The ratings the user gave in their reviews, by product.
pub fn ratings_by(conn: &Connection, user: UserId) -> Result<Vec<(ProductId, i64)>, Error> {
    let mut stmt = conn.prepare_cached("SELECT product_id, rating FROM reviews WHERE user_id = ?1")?;
    let rows = stmt.query_map([user], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A review with the name of its product, for the back office's list of
/// every review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewOfProduct {
    #[serde(flatten)]
    pub review: Review,
    pub product_name: String,
}

/// Every review of every product, newest first; only the hidden ones or
/// only the visible ones when `hidden` says so. And how many there are.
pub fn list_all_page(
    conn: &Connection,
    hidden: Option<bool>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ReviewOfProduct>, i64), Error> {
    let total = conn
        .prepare_cached("SELECT count(*) FROM reviews WHERE ?1 IS NULL OR hidden = ?1")?
        .query_row([hidden], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.product_id, r.user_id, u.username, r.rating, r.comment, r.hidden,
                r.created_at, p.name
         FROM reviews r JOIN users u ON u.id = r.user_id JOIN products p ON p.id = r.product_id
         WHERE ?1 IS NULL OR r.hidden = ?1 ORDER BY r.id DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt.query_map(params![hidden, limit, offset], |r| {
        Ok(ReviewOfProduct {
            review: from_row(r)?,
            product_name: r.get(8)?,
        })
    })?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

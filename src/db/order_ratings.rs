//! Queries on `order_ratings`: a customer's one rating of a delivered order.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::ids::OrderId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrderRating {
    pub order_id: OrderId,
    #[schema(minimum = 1, maximum = 5)]
    pub rating: i64,
    /// Empty when the customer left only a rating.
    pub comment: String,
    #[schema(format = DateTime)]
    pub created_at: String,
}

pub fn find(conn: &Connection, order: OrderId) -> Result<Option<OrderRating>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT order_id, rating, comment, created_at FROM order_ratings WHERE order_id = ?1",
        )?
        .query_row([order], |r| {
            Ok(OrderRating {
                order_id: r.get(0)?,
                rating: r.get(1)?,
                comment: r.get(2)?,
                created_at: r.get(3)?,
            })
        })
        .optional()?)
}

/// Writes the rating; `false` when the order has one already (and nothing
/// changed). The order id is the table's primary key, whose violation
/// would not read as a UNIQUE conflict, hence `DO NOTHING`.
pub fn insert(conn: &Connection, order: OrderId, rating: i64, comment: &str) -> Result<bool, Error> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO order_ratings (order_id, rating, comment, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (order_id) DO NOTHING",
        )?
        .execute(params![order, rating, comment, crate::db::now()])?
        == 1)
}

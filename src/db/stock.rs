//! Stock and its audit trail: every change of `products.stock` goes through
//! `change`, which writes the `stock_movements` row in the same transaction.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::ids::{ProductId, UserId};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = StockMovement)]
pub struct Movement {
    pub id: i64,
    pub delta: i64,
    /// `restock`, `adjustment`, `return` or `damaged` by hand; `sale`,
    /// `cancel`, `refund` or `import` when an order or an import moved it.
    pub reason: String,
    #[schema(required = true)]
    pub order_id: Option<i64>,
    #[schema(required = true)]
    pub user_id: Option<UserId>,
    #[schema(required = true)]
    pub username: Option<String>,
    #[schema(required = true)]
    pub note: Option<String>,
    #[schema(minimum = 0)]
    pub stock_after: i64,
    #[schema(format = DateTime)]
    pub created_at: String,
}

pub struct Change<'a> {
    pub product: ProductId,
    pub delta: i64,
    pub reason: &'a str,
    pub order_id: Option<i64>,
    pub user: Option<UserId>,
    pub note: Option<&'a str>,
}

/// Applies the change if the stock stays at or above zero, in one
/// conditional UPDATE (no read-then-write). `Ok(None)`: it would go below
/// zero and nothing changed. `Err(NotFound)`: no such product.
pub fn change(conn: &Connection, c: &Change<'_>) -> Result<Option<i64>, Error> {
    Ok(change_within(conn, c, None)?.ok())
}

/// Why `change_within` changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    BelowZero,
    AboveCeiling,
}

/// Like `change`, and an increase must also leave the stock at or below
/// `ceiling`; both bounds are checked by the UPDATE itself. Decreases are
/// never refused for the ceiling, and callers that return stock (a
/// cancelled order) pass none: what was sold always comes back.
pub fn change_within(
    conn: &Connection,
    c: &Change<'_>,
    ceiling: Option<i64>,
) -> Result<Result<i64, Refused>, Error> {
    let after: Option<i64> = conn
        .prepare_cached(
            "UPDATE products SET stock = stock + ?2, updated_at = ?3
             WHERE id = ?1 AND stock + ?2 >= 0 AND (?4 IS NULL OR ?2 <= 0 OR stock + ?2 <= ?4)
             RETURNING stock",
        )?
        .query_row(params![c.product, c.delta, crate::db::now(), ceiling], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(after) = after else {
        crate::db::products::find_id_exists(conn, c.product)?;
        return Ok(Err(if c.delta > 0 {
            Refused::AboveCeiling
        } else {
            Refused::BelowZero
        }));
    };
    record(conn, c, after)?;
    Ok(Ok(after))
}

/// Writes the movement of a change already made to `products.stock`
/// (by `change_within`, or by the INSERT of a new product with its
/// opening stock), which left `after`.
pub fn record(conn: &Connection, c: &Change<'_>, after: i64) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO stock_movements (product_id, delta, reason, order_id, user_id, note, stock_after, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![c.product, c.delta, c.reason, c.order_id, c.user, c.note, after, crate::db::now()])?;
    Ok(())
}

pub fn count(conn: &Connection, product: ProductId) -> Result<i64, Error> {
    Ok(conn.query_row(
        "SELECT count(*) FROM stock_movements WHERE product_id = ?1",
        [product],
        |r| r.get(0),
    )?)
}

/// Newest first.
pub fn list_page(
    conn: &Connection,
    product: ProductId,
    limit: i64,
    offset: i64,
) -> Result<Vec<Movement>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.delta, m.reason, m.order_id, m.user_id, u.username, m.note, m.stock_after, m.created_at
         FROM stock_movements m LEFT JOIN users u ON u.id = m.user_id
         WHERE m.product_id = ?1 ORDER BY m.id DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt.query_map(params![product, limit, offset], |r| {
        Ok(Movement {
            id: r.get(0)?,
            delta: r.get(1)?,
            reason: r.get(2)?,
            order_id: r.get(3)?,
            user_id: r.get(4)?,
            username: r.get(5)?,
            note: r.get(6)?,
            stock_after: r.get(7)?,
            created_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

//! The reads behind the reports: money by the moment it moved, per order,
//! product and customer, over a range of UTC instants `[from, to)`. Each
//! read walks one of the indexes of migration 7, never the whole table.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::error::Error;
use crate::ids::{ProductId, UserId};

/// The moments an order's money moves: in when paid, back out when a paid
/// order is refunded or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    Paid,
    Refunded,
    /// A paid order cancelled by the shop, which pays the money back.
    CancelledPaid,
}

impl Movement {
    pub const ALL: [Movement; 3] = [Movement::Paid, Movement::Refunded, Movement::CancelledPaid];

    /// The column that stamps the movement, and the condition that selects
    /// it in `[?1, ?2)`; the names are fixed here, never typed by anyone.
    fn clause(self) -> (&'static str, &'static str) {
        match self {
            Movement::Paid => ("o.paid_at", "o.paid_at >= ?1 AND o.paid_at < ?2"),
            Movement::Refunded => (
                "o.refunded_at",
                "o.refunded_at >= ?1 AND o.refunded_at < ?2 AND o.paid_at IS NOT NULL",
            ),
            Movement::CancelledPaid => (
                "o.cancelled_at",
                "o.cancelled_at >= ?1 AND o.cancelled_at < ?2 AND o.paid_at IS NOT NULL",
            ),
        }
    }

    /// +1 for money in, -1 for money back.
    pub fn sign(self) -> i64 {
        match self {
            Movement::Paid => 1,
            Movement::Refunded | Movement::CancelledPaid => -1,
        }
    }
}

/// When each order's money moved in `[from, to)`, and how much, in time
/// order.
pub fn amounts(
    conn: &Connection,
    movement: Movement,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64)>, Error> {
    let (column, clause) = movement.clause();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {column}, o.total_cents FROM orders o WHERE {clause} ORDER BY {column}"
    ))?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Per product: the quantity and the lines' amounts after their discount,
/// of the orders whose money moved in `[from, to)`.
pub fn product_amounts(
    conn: &Connection,
    movement: Movement,
    from: &str,
    to: &str,
) -> Result<HashMap<ProductId, (i64, i64)>, Error> {
    let (_, clause) = movement.clause();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.product_id, sum(i.quantity), sum(i.line_total_cents - i.discount_cents)
         FROM orders o JOIN order_items i ON i.order_id = o.id
         WHERE {clause} GROUP BY i.product_id"
    ))?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Per customer: how many orders and how much money moved in `[from, to)`.
pub fn customer_amounts(
    conn: &Connection,
    movement: Movement,
    from: &str,
    to: &str,
) -> Result<HashMap<UserId, (i64, i64)>, Error> {
    let (_, clause) = movement.clause();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT o.user_id, count(*), sum(o.total_cents) FROM orders o
         WHERE {clause} AND o.user_id IS NOT NULL GROUP BY o.user_id"
    ))?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A product's current name and SKU.
pub fn product_names(
    conn: &Connection,
    ids: &[ProductId],
) -> Result<HashMap<ProductId, (String, Option<String>)>, Error> {
    let mut stmt = conn.prepare_cached("SELECT name, sku FROM products WHERE id = ?1")?;
    let mut found = HashMap::new();
    for id in ids {
        let row = stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)));
        match row {
            Ok(row) => {
                found.insert(*id, row);
            }
            Err(rusqlite::Error::QueryReturnedNoRows) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(found)
}

/// A user's username and e-mail.
pub fn user_names(conn: &Connection, ids: &[UserId]) -> Result<HashMap<UserId, (String, String)>, Error> {
    let mut stmt = conn.prepare_cached("SELECT username, email FROM users WHERE id = ?1")?;
    let mut found = HashMap::new();
    for id in ids {
        match stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))) {
            Ok(row) => {
                found.insert(*id, row);
            }
            Err(rusqlite::Error::QueryReturnedNoRows) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(found)
}

/// An active product with little stock left.
#[derive(Debug, Clone)]
pub struct LowStock {
    pub id: ProductId,
    pub sku: Option<String>,
    pub name: String,
    pub stock: i64,
}

/// Active products with `threshold` or fewer in stock, fewest first, at
/// most `limit`, and how many there are in all.
pub fn low_stock(conn: &Connection, threshold: i64, limit: i64) -> Result<(Vec<LowStock>, i64), Error> {
    let total = conn
        .prepare_cached("SELECT count(*) FROM products WHERE active = 1 AND stock <= ?1")?
        .query_row([threshold], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, sku, name, stock FROM products WHERE active = 1 AND stock <= ?1
         ORDER BY stock, id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![threshold, limit], |r| {
        Ok(LowStock {
            id: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            stock: r.get(3)?,
        })
    })?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt
            .query_map(params!["a", "b"], |r| r.get::<_, String>(3))
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn every_report_read_walks_an_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate::migrate(&mut conn, crate::db::migrate::MIGRATIONS).unwrap();
        for movement in Movement::ALL {
            let (column, clause) = movement.clause();
            for sql in [
                format!("SELECT {column}, o.total_cents FROM orders o WHERE {clause} ORDER BY {column}"),
                format!("SELECT o.user_id, count(*) FROM orders o WHERE {clause} GROUP BY o.user_id"),
                format!(
                    "SELECT i.product_id, sum(i.quantity) FROM orders o JOIN order_items i ON i.order_id = o.id
                     WHERE {clause} GROUP BY i.product_id"
                ),
            ] {
                let plan = plan(&conn, &sql);
                assert!(plan.contains("USING COVERING INDEX orders_by_"), "{sql}: {plan}");
                assert!(!plan.contains("SCAN o") && !plan.contains("SCAN i"), "{sql}: {plan}");
            }
        }
        let low = plan(
            &conn,
            "SELECT id FROM products WHERE active = 1 AND stock <= ?1 ORDER BY stock, id LIMIT ?2",
        );
        assert!(low.contains("products_by_stock"), "{low}");
    }
}

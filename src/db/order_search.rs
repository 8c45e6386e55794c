//! Orders picked by status, search text and when they were placed: the
//! back office's list with its date filters, and the order export, whose
//! rows (one per order line) are read a chunk of orders at a time so that
//! a big shop's export never holds all its orders at once.

use rusqlite::{Connection, ToSql};

use crate::db::orders::parse_number;
use crate::error::Error;
use crate::ids::OrderId;
use crate::money::Cents;
use crate::order_types::{OrderStatus, PaymentMethod, ShippingMethod};

/// Which orders; `None` is any.
#[derive(Debug, Clone, Default)]
pub struct OrderQuery {
    pub status: Option<OrderStatus>,
    /// An order number, or part of a customer's username or e-mail (a
    /// guest's too).
    pub search: Option<String>,
    /// Placed at or after this instant (a stored UTC timestamp).
    pub placed_from: Option<String>,
    /// Placed before this instant.
    pub placed_before: Option<String>,
}

impl OrderQuery {
    /// The `WHERE` conditions on `orders o` joined with `users u`, and
    /// their arguments, numbered from `?1`.
    fn conditions(&self) -> (Vec<String>, Vec<Box<dyn ToSql>>) {
        let mut clauses = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(status) = self.status {
            args.push(Box::new(status));
            clauses.push(format!("o.status = ?{}", args.len()));
        }
        if let Some(search) = self.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            args.push(Box::new(parse_number(search).map_or(0, |id| id.0)));
            let n = args.len();
            args.push(Box::new(format!("%{}%", search.replace(['%', '_'], ""))));
            clauses.push(format!(
                "(o.id = ?{n} OR u.username LIKE ?{0} OR coalesce(o.email, u.email) LIKE ?{0})",
                n + 1
            ));
        }
        if let Some(from) = &self.placed_from {
            args.push(Box::new(from.clone()));
            clauses.push(format!("o.created_at >= ?{}", args.len()));
        }
        if let Some(before) = &self.placed_before {
            args.push(Box::new(before.clone()));
            clauses.push(format!("o.created_at < ?{}", args.len()));
        }
        (clauses, args)
    }
}

fn where_of(clauses: &[String]) -> String {
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}

/// How many orders match.
pub fn count(conn: &Connection, query: &OrderQuery) -> Result<i64, Error> {
    let (clauses, args) = query.conditions();
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let sql = format!(
        "SELECT count(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id {}",
        where_of(&clauses)
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params.as_slice(), |r| r.get(0))?)
}

/// A page of the matching orders' ids, newest first, and how many match.
pub fn page_ids(
    conn: &Connection,
    query: &OrderQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<OrderId>, i64), Error> {
    let (clauses, args) = query.conditions();
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let sql = format!(
        "SELECT o.id FROM orders o LEFT JOIN users u ON u.id = o.user_id {}
         ORDER BY o.id DESC LIMIT {limit} OFFSET {offset}",
        where_of(&clauses)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(params.as_slice(), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok((ids, count(conn, query)?))
}

/// One line of an order with the order's fields: a row of the export.
#[derive(Debug, Clone)]
pub struct ExportLine {
    pub order: OrderId,
    pub status: OrderStatus,
    /// `None` for an order without an account.
    pub username: Option<String>,
    pub email: Option<String>,
    pub created_at: String,
    pub paid_at: Option<String>,
    pub shipped_at: Option<String>,
    pub ready_at: Option<String>,
    pub delivered_at: Option<String>,
    pub cancelled_at: Option<String>,
    pub refunded_at: Option<String>,
    pub billing_name: String,
    pub ship_name: String,
    pub ship_line1: String,
    pub ship_line2: Option<String>,
    pub ship_city: String,
    pub ship_postal_code: String,
    pub ship_country: String,
    pub payment_method: PaymentMethod,
    pub shipping_method: ShippingMethod,
    pub coupon_code: Option<String>,
    pub currency: String,
    pub subtotal: Cents,
    pub discount: Cents,
    pub shipping: Cents,
    pub tax: Cents,
    pub total: Cents,
    /// `None` only for an order without lines, which checkout never makes.
    pub item: Option<ExportItem>,
}

#[derive(Debug, Clone)]
pub struct ExportItem {
    pub line: i64,
    pub sku: Option<String>,
    pub name: String,
    pub quantity: i64,
    pub unit_price: Cents,
    pub discount: Cents,
    pub tax: Cents,
    pub line_total: Cents,
}

/// The lines of the next `orders` matching orders with an id above
/// `after`, by order id and line.
pub fn export_chunk(
    conn: &Connection,
    query: &OrderQuery,
    after: OrderId,
    orders: i64,
) -> Result<Vec<ExportLine>, Error> {
    let (mut clauses, mut args) = query.conditions();
    args.push(Box::new(after));
    clauses.push(format!("o.id > ?{}", args.len()));
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    // The chunk is counted in orders (the inner query), so that an
    // order's lines never straddle two chunks.
    let sql = format!(
        "SELECT o.id, o.status, u.username, coalesce(o.email, u.email), o.created_at, o.paid_at, o.shipped_at,
             o.delivered_at, o.cancelled_at, o.refunded_at, o.ship_name, o.ship_line1, o.ship_line2,
             o.ship_city, o.ship_postal_code, o.ship_country, o.payment_method, o.shipping_method,
             o.coupon_code, o.currency, o.subtotal_cents, o.discount_cents, o.shipping_cents,
             o.tax_cents, o.total_cents, o.ready_at, o.billing_name,
             i.line, i.sku, i.name, i.quantity, i.unit_price_cents, i.discount_cents, i.tax_cents,
             i.line_total_cents
         FROM (SELECT o.id FROM orders o LEFT JOIN users u ON u.id = o.user_id
               {} ORDER BY o.id LIMIT {orders}) picked
         JOIN orders o ON o.id = picked.id
         LEFT JOIN users u ON u.id = o.user_id
         LEFT JOIN order_items i ON i.order_id = o.id
         ORDER BY o.id, i.line",
        where_of(&clauses)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params.as_slice(), |r| {
        let line: Option<i64> = r.get(27)?;
        let item = match line {
            None => None,
            Some(line) => Some(ExportItem {
                line,
                sku: r.get(28)?,
                name: r.get(29)?,
                quantity: r.get(30)?,
                unit_price: r.get(31)?,
                discount: r.get(32)?,
                tax: r.get(33)?,
                line_total: r.get(34)?,
            }),
        };
        Ok(ExportLine {
            order: r.get(0)?,
            status: r.get(1)?,
            username: r.get(2)?,
            email: r.get(3)?,
            created_at: r.get(4)?,
            paid_at: r.get(5)?,
            shipped_at: r.get(6)?,
            ready_at: r.get(25)?,
            delivered_at: r.get(7)?,
            cancelled_at: r.get(8)?,
            refunded_at: r.get(9)?,
            billing_name: r.get(26)?,
            ship_name: r.get(10)?,
            ship_line1: r.get(11)?,
            ship_line2: r.get(12)?,
            ship_city: r.get(13)?,
            ship_postal_code: r.get(14)?,
            ship_country: r.get(15)?,
            payment_method: r.get(16)?,
            shipping_method: r.get(17)?,
            coupon_code: r.get(18)?,
            currency: r.get(19)?,
            subtotal: r.get(20)?,
            discount: r.get(21)?,
            shipping: r.get(22)?,
            tax: r.get(23)?,
            total: r.get(24)?,
            item,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

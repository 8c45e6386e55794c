//! The reads behind the reports: money by the moment it moved, per order,
//! product and customer, over a range of UTC instants `[from, to)`.
//!
//! Ranges whose edges fall on a UTC quarter-hour (every local midnight of
//! every zone today) read the sums of migration 9, a few dozen slots for a
//! year; any other range reads the orders themselves, along the indexes of
//! migration 7.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Months, Timelike, Utc};
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

/// The length of the smallest summary slot; slots are counted from 1970.
const SLOT_SECONDS: i64 = 900;

/// The slot that starts at `t`, if one does: the edges of a range read from
/// the sums must fall on a quarter-hour.
pub fn slot_at(t: DateTime<Utc>) -> Option<i64> {
    let seconds = t.timestamp();
    (seconds % SLOT_SECONDS == 0 && t.nanosecond() == 0).then_some(seconds.div_euclid(SLOT_SECONDS))
}

/// The summary levels of migration 9 (`report_levels`).
const QUARTER_HOUR: i64 = 0;
const HOUR: i64 = 1;
const DAY: i64 = 2;
const MONTH: i64 = 3;

/// The first slot of the calendar month after the one starting at `slot`,
/// when `slot` starts a month.
fn next_month(slot: i64) -> Option<i64> {
    let start = DateTime::from_timestamp(slot * SLOT_SECONDS, 0)?;
    if start.day() != 1 || start.num_seconds_from_midnight() != 0 {
        return None;
    }
    Some(start.checked_add_months(Months::new(1))?.timestamp() / SLOT_SECONDS)
}

/// The slots `[from, to)` as runs `(level, first, end)` of whole slots of
/// one level, the largest that fit: quarter-hours up to the hour, hours up
/// to the day, days up to the month, months, and down again at the end.
/// Without `hours` (the per-product and per-customer sums), quarter-hours
/// stand in for hours.
pub fn runs(from: i64, to: i64, hours: bool) -> Vec<(i64, i64, i64)> {
    let mut runs: Vec<(i64, i64, i64)> = Vec::new();
    let mut at = from;
    while at < to {
        let (level, next) = match next_month(at).filter(|n| *n <= to) {
            Some(next) => (MONTH, next),
            None if at % 96 == 0 && at + 96 <= to => (DAY, at + 96),
            None if hours && at % 4 == 0 && at + 4 <= to => (HOUR, at + 4),
            None => (QUARTER_HOUR, at + 1),
        };
        match runs.last_mut() {
            Some(last) if last.0 == level && last.2 == at => last.2 = next,
            _ => runs.push((level, at, next)),
        }
        at = next;
    }
    runs
}

/// What moved in a span of slots: orders paid and their totals, money paid
/// back and how often.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SalesSums {
    pub orders: i64,
    pub paid: i64,
    pub refunds: i64,
    pub refunded: i64,
}

/// The sales of slots `[from, to)`.
pub fn sales_sums(conn: &Connection, from: i64, to: i64) -> Result<SalesSums, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(sum(orders), 0), coalesce(sum(paid_cents), 0), coalesce(sum(refunds), 0),
                coalesce(sum(refunded_cents), 0)
         FROM sales_by_slot WHERE level = ?1 AND slot >= ?2 AND slot < ?3",
    )?;
    let mut sums = SalesSums::default();
    for (level, first, end) in runs(from, to, true) {
        let (orders, paid, refunds, refunded): (i64, i64, i64, i64) = stmt
            .query_row(params![level, first, end], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        sums.orders += orders;
        sums.paid += paid;
        sums.refunds += refunds;
        sums.refunded += refunded;
    }
    Ok(sums)
}

/// Per product: the net quantity and revenue of slots `[from, to)`.
pub fn product_sums(conn: &Connection, from: i64, to: i64) -> Result<HashMap<ProductId, (i64, i64)>, Error> {
    keyed_sums(
        conn,
        "SELECT product_id, quantity, revenue_cents FROM product_sales_by_slot
         WHERE level = ?1 AND slot >= ?2 AND slot < ?3",
        from,
        to,
    )
}

/// Per customer: the net orders and revenue of slots `[from, to)`.
pub fn customer_sums(conn: &Connection, from: i64, to: i64) -> Result<HashMap<UserId, (i64, i64)>, Error> {
    keyed_sums(
        conn,
        "SELECT user_id, orders, revenue_cents FROM customer_sales_by_slot
         WHERE level = ?1 AND slot >= ?2 AND slot < ?3",
        from,
        to,
    )
}

/// Adds up the rows of each run per key, in memory: the rows come in slot
/// order, and a GROUP BY would sort them all again.
fn keyed_sums<K: rusqlite::types::FromSql + std::hash::Hash + Eq>(
    conn: &Connection,
    sql: &str,
    from: i64,
    to: i64,
) -> Result<HashMap<K, (i64, i64)>, Error> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut sums: HashMap<K, (i64, i64)> = HashMap::new();
    for (level, first, end) in runs(from, to, false) {
        let mut rows = stmt.query(params![level, first, end])?;
        while let Some(row) = rows.next()? {
            let sum = sums.entry(row.get(0)?).or_default();
            sum.0 += row.get::<_, i64>(1)?;
            sum.1 += row.get::<_, i64>(2)?;
        }
    }
    Ok(sums)
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

    #[test]
    fn every_summary_read_is_one_range_of_its_primary_key() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate::migrate(&mut conn, crate::db::migrate::MIGRATIONS).unwrap();
        for table in ["sales_by_slot", "product_sales_by_slot", "customer_sales_by_slot"] {
            let sql = format!("SELECT * FROM {table} WHERE level = ?1 AND slot >= ?2 AND slot < ?3");
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let plan: Vec<String> = stmt
                .query_map(params![2, 0, 96], |r| r.get(3))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let plan = plan.join("; ");
            assert!(
                plan.contains("USING PRIMARY KEY (level=? AND slot>? AND slot<?)"),
                "{table}: {plan}"
            );
            assert!(!plan.contains("SCAN"), "{table}: {plan}");
        }
    }

    fn slot(text: &str) -> i64 {
        let t = DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
        slot_at(t).unwrap()
    }

    #[test]
    fn a_range_is_read_as_the_largest_slots_that_fit() {
        // Madrid's local 2026-03-29 (23 hours) to the end of 2026-05-31.
        let madrid = runs(slot("2026-03-28T23:00:00Z"), slot("2026-05-31T22:00:00Z"), true);
        assert_eq!(
            madrid,
            vec![
                (HOUR, slot("2026-03-28T23:00:00Z"), slot("2026-03-29T00:00:00Z")),
                (DAY, slot("2026-03-29T00:00:00Z"), slot("2026-04-01T00:00:00Z")),
                (MONTH, slot("2026-04-01T00:00:00Z"), slot("2026-05-01T00:00:00Z")),
                (DAY, slot("2026-05-01T00:00:00Z"), slot("2026-05-31T00:00:00Z")),
                (HOUR, slot("2026-05-31T00:00:00Z"), slot("2026-05-31T22:00:00Z")),
            ]
        );
        // Kathmandu's midnight falls on a quarter-hour.
        let kathmandu = runs(slot("2026-06-01T18:15:00Z"), slot("2026-06-02T18:15:00Z"), true);
        assert_eq!(
            kathmandu.first(),
            Some(&(
                QUARTER_HOUR,
                slot("2026-06-01T18:15:00Z"),
                slot("2026-06-01T19:00:00Z")
            ))
        );
        assert_eq!(
            kathmandu.last(),
            Some(&(
                QUARTER_HOUR,
                slot("2026-06-02T18:00:00Z"),
                slot("2026-06-02T18:15:00Z")
            ))
        );
        let covered: i64 = kathmandu.iter().map(|(_, a, b)| b - a).sum();
        assert_eq!(covered, 96);
        assert!(runs(5, 5, true).is_empty());
        // Without hours, their quarter-hours.
        let keyed = runs(slot("2026-03-28T23:00:00Z"), slot("2026-03-30T00:00:00Z"), false);
        assert_eq!(
            keyed,
            vec![
                (
                    QUARTER_HOUR,
                    slot("2026-03-28T23:00:00Z"),
                    slot("2026-03-29T00:00:00Z")
                ),
                (DAY, slot("2026-03-29T00:00:00Z"), slot("2026-03-30T00:00:00Z")),
            ]
        );
        assert_eq!(slot_at(DateTime::from_timestamp(901, 0).unwrap()), None);
    }

    /// The first instant of the slot of `level` that holds `at`.
    fn slot_of(level: i64, at: &str) -> i64 {
        let t = DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&Utc);
        let seconds = t.timestamp();
        match level {
            QUARTER_HOUR => seconds / 900,
            HOUR => seconds / 3600 * 4,
            DAY => seconds / 86400 * 96,
            _ => {
                let first = t.date_naive().with_day(1).unwrap().and_hms_opt(0, 0, 0).unwrap();
                first.and_utc().timestamp() / 900
            }
        }
    }

    type Sums = HashMap<(i64, i64, i64), Vec<i64>>;

    /// Every summary row that is not zero, by table, level, slot and key.
    fn kept(conn: &Connection) -> Sums {
        let mut all = Sums::new();
        for (n, sql) in [
            "SELECT level, slot, 0, orders, paid_cents, refunds, refunded_cents FROM sales_by_slot",
            "SELECT level, slot, product_id, quantity, revenue_cents, 0, 0 FROM product_sales_by_slot",
            "SELECT level, slot, user_id, orders, revenue_cents, 0, 0 FROM customer_sales_by_slot",
        ]
        .iter()
        .enumerate()
        {
            let mut stmt = conn.prepare(sql).unwrap();
            let mut rows = stmt.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let values: Vec<i64> = (3..7).map(|i| r.get(i).unwrap()).collect();
                if values.iter().any(|v| *v != 0) {
                    let key = (
                        n as i64 * 10 + r.get::<_, i64>(0).unwrap(),
                        r.get(1).unwrap(),
                        r.get(2).unwrap(),
                    );
                    all.insert(key, values);
                }
            }
        }
        all
    }

    /// The same sums recomputed from the orders as they stand, by the rule
    /// the reads on `orders` above follow.
    fn recomputed(conn: &Connection) -> Sums {
        let mut all = Sums::new();
        let mut add = |key: (i64, i64, i64), values: [i64; 4]| {
            let sum = all.entry(key).or_insert_with(|| vec![0; 4]);
            for (s, v) in sum.iter_mut().zip(values) {
                *s += v;
            }
        };
        let mut stmt = conn
            .prepare(
                "SELECT id, paid_at, refunded_at, cancelled_at, total_cents, user_id FROM orders
                 WHERE paid_at IS NOT NULL",
            )
            .unwrap();
        type Row = (i64, String, Option<String>, Option<String>, i64, Option<i64>);
        let orders: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut items = conn
            .prepare("SELECT product_id, quantity, line_total_cents - discount_cents FROM order_items WHERE order_id = ?1")
            .unwrap();
        for (id, paid, refunded, cancelled, total, user) in orders {
            let lines: Vec<(i64, i64, i64)> = items
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let moves = [(Some(paid), 1), (refunded, -1), (cancelled, -1)];
            for (at, sign) in moves.iter().filter_map(|(at, s)| at.as_ref().map(|at| (at, *s))) {
                for level in [QUARTER_HOUR, HOUR, DAY, MONTH] {
                    let slot = slot_of(level, at);
                    let (inn, out) = if sign > 0 { (1, 0) } else { (0, 1) };
                    add((level, slot, 0), [inn, inn * total, out, out * total]);
                    if level == HOUR {
                        continue;
                    }
                    for (product, quantity, amount) in &lines {
                        add(
                            (10 + level, slot, *product),
                            [sign * quantity, sign * amount, 0, 0],
                        );
                    }
                    if let Some(user) = user {
                        add((20 + level, slot, user), [sign, sign * total, 0, 0]);
                    }
                }
            }
        }
        all.retain(|_, v| v.iter().any(|x| *x != 0));
        all
    }

    #[test]
    fn the_sums_follow_every_payment_refund_and_cancellation() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate::migrate(&mut conn, crate::db::migrate::MIGRATIONS).unwrap();
        crate::demo::generate(&mut conn, 30, &|_| {}).unwrap();
        // Orders written whole, already paid, refunded or cancelled.
        let plan = crate::demo::orders::OrderPlan::recent(400, 20, 90, crate::i18n::Lang::En);
        crate::demo::orders::generate(&mut conn, &plan, &|_| {}).unwrap();
        let kinds: i64 = conn
            .query_row(
                "SELECT count(DISTINCT status) FROM orders WHERE paid_at IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            kinds >= 4,
            "the generated orders cover paid, refunded and cancelled ones"
        );
        assert!(kept(&conn).len() > 1000);
        assert_eq!(kept(&conn), recomputed(&conn));

        // Then every kind of change, by plain statements as any writer would.
        conn.execute_batch(
            "UPDATE orders SET paid_at = '2026-03-29T00:10:00Z', status = 'paid'
                 WHERE id IN (SELECT id FROM orders WHERE paid_at IS NULL AND cancelled_at IS NULL LIMIT 5);
             UPDATE orders SET refunded_at = '2026-03-29T01:59:59Z', status = 'refunded'
                 WHERE id IN (SELECT id FROM orders WHERE status = 'delivered' LIMIT 5);
             UPDATE orders SET cancelled_at = '2026-10-25T01:30:00Z', status = 'cancelled'
                 WHERE id IN (SELECT id FROM orders WHERE status = 'paid' LIMIT 5);
             UPDATE orders SET paid_at = '2026-10-25T02:45:00Z' WHERE id IN (SELECT id FROM orders WHERE status = 'refunded' LIMIT 3);
             UPDATE orders SET total_cents = total_cents + 100 WHERE id IN (SELECT id FROM orders WHERE status = 'shipped' LIMIT 3);
             UPDATE orders SET user_id = (SELECT max(id) FROM users) WHERE id IN (SELECT id FROM orders WHERE status = 'delivered' LIMIT 3);
             UPDATE orders SET paid_at = NULL, refunded_at = NULL, cancelled_at = NULL, status = 'pending_payment'
                 WHERE id = (SELECT max(id) FROM orders WHERE paid_at IS NOT NULL);
             UPDATE order_items SET quantity = quantity + 1, line_total_cents = line_total_cents + 5
                 WHERE order_id = (SELECT min(id) FROM orders WHERE paid_at IS NOT NULL);
             DELETE FROM order_items WHERE order_id = (SELECT max(id) FROM orders WHERE status = 'delivered');",
        )
        .unwrap();
        assert_eq!(kept(&conn), recomputed(&conn));

        // The migration's own backfill gives the same sums.
        let before = kept(&conn);
        conn.execute_batch(
            "DELETE FROM order_money; DELETE FROM sales_by_slot; DELETE FROM product_sales_by_slot;
             DELETE FROM customer_sales_by_slot;",
        )
        .unwrap();
        let backfill = crate::db::migrate::MIGRATIONS
            .iter()
            .find(|m| m.version == 9)
            .map(|m| &m.sql[m.sql.rfind("INSERT INTO order_money").unwrap()..])
            .unwrap();
        conn.execute_batch(backfill).unwrap();
        assert_eq!(kept(&conn), before);
    }
}

//! The back office's reports (sales, top products, customers, low stock)
//! and the dashboard's figures, as API.md counts them: an order counts from
//! the moment it is paid, in the shop's time zone; its `total_cents` is the
//! revenue, and a refund (or the cancelling of a paid order, which pays the
//! money back) subtracts it again in the period when the money went back.
//!
//! Days start at local midnight, weeks on Monday. A local day becomes a
//! range of UTC instants through the time zone's rules, so a day of a
//! daylight-saving change is 23 or 25 hours long; the database is read by
//! those ranges, from the sums kept per UTC slot (`db::reports`), or, for
//! edges off a quarter-hour, from the orders, each movement put in its
//! period by comparing its instant with the periods' first instants.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, Duration, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::reports::{self as rows, Movement};
use crate::db::timestamp;
use crate::error::{Error, FieldErrors};
use crate::ids::{ProductId, UserId};
use crate::money::Cents;

/// The longest range a report covers, so that a typo such as year 20260
/// does not ask for a million rows.
pub const MAX_DAYS: i64 = 3660;
/// How many days a report covers when `from` is not given.
pub const DEFAULT_DAYS: u64 = 30;
pub const DEFAULT_LIMIT: i64 = 10;
pub const MAX_LIMIT: i64 = 1000;

/// How sales are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Day,
    Week,
    Month,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Day => "day",
            Group::Week => "week",
            Group::Month => "month",
        }
    }

    /// The first day of the period that holds `day`.
    fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Group::Day => day,
            Group::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Group::Month => day.with_day(1).unwrap_or(day),
        }
    }

    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Group::Day => start.checked_add_days(Days::new(1)),
            Group::Week => start.checked_add_days(Days::new(7)),
            Group::Month => start.checked_add_months(Months::new(1)),
        }
    }

    fn label(self, start: NaiveDate) -> String {
        match self {
            Group::Month => start.format("%Y-%m").to_string(),
            Group::Day | Group::Week => start.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Local dates, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    /// The last `days` days up to `today`, today included.
    pub fn last_days(today: NaiveDate, days: u64) -> DateRange {
        DateRange {
            from: today - Days::new(days.saturating_sub(1)),
            to: today,
        }
    }

    /// The instants `[from, to)` that the range covers in `tz`.
    pub fn instants(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            local_midnight(tz, self.from),
            local_midnight(tz, self.to + Days::new(1)),
        )
    }
}

/// What a report request says, as typed: every field may be wrong, and
/// each wrong one is reported by name.
#[derive(Debug, Clone, Default)]
pub struct Params<'a> {
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub group: Option<&'a str>,
    pub limit: Option<&'a str>,
    pub threshold: Option<&'a str>,
}

/// A checked report request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query {
    pub range: DateRange,
    pub group: Group,
    pub limit: i64,
    pub threshold: i64,
}

impl Params<'_> {
    /// Checks every field; `today` is the shop's, and `threshold` the
    /// low-stock setting, used when the request names none.
    pub fn check(&self, today: NaiveDate, threshold: i64) -> Result<Query, Error> {
        let mut errors = FieldErrors::new();
        let mut date = |field: &str, text: Option<&str>| match text.map(str::trim).filter(|t| !t.is_empty()) {
            None => None,
            Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(day) if (1970..=9998).contains(&day.year()) => Some(day),
                _ => {
                    let message = "must be a date such as 2026-03-29";
                    errors.insert(field.into(), vec![message.into()]);
                    None
                }
            },
        };
        let (from, to) = (date("from", self.from), date("to", self.to));
        let to = to.unwrap_or(today);
        let from = from.unwrap_or_else(|| to - Days::new(DEFAULT_DAYS - 1));
        if to < from && !errors.contains_key("from") && !errors.contains_key("to") {
            errors.insert("to".into(), vec!["must not be before from".into()]);
        } else if (to - from).num_days() >= MAX_DAYS {
            errors.insert(
                "from".into(),
                vec![format!("a report covers at most {MAX_DAYS} days")],
            );
        }
        let group = match self.group.map(str::trim).filter(|t| !t.is_empty()) {
            None | Some("day") => Group::Day,
            Some("week") => Group::Week,
            Some("month") => Group::Month,
            Some(_) => {
                errors.insert("group".into(), vec!["must be day, week or month".into()]);
                Group::Day
            }
        };
        let limit = number(&mut errors, "limit", self.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        let threshold = number(&mut errors, "threshold", self.threshold, threshold, 0, 1_000_000);
        if !errors.is_empty() {
            return Err(Error::invalid(errors));
        }
        Ok(Query {
            range: DateRange { from, to },
            group,
            limit,
            threshold,
        })
    }
}

impl Params<'_> {
    /// Checks the request against the shop's today, time zone and
    /// low-stock threshold, and answers the time zone too.
    pub fn check_for(&self, shop: &crate::domain::settings::ShopSettings) -> Result<(Query, Tz), Error> {
        let tz = shop.tz();
        let query = self.check(today(tz, Utc::now()), shop.low_stock_threshold)?;
        Ok((query, tz))
    }
}

fn number(
    errors: &mut FieldErrors,
    field: &str,
    text: Option<&str>,
    default: i64,
    min: i64,
    max: i64,
) -> i64 {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => default,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                errors.insert(
                    field.into(),
                    vec![format!("must be a whole number from {min} to {max}")],
                );
                default
            }
        },
    }
}

/// Today in `tz`.
pub fn today(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// The first instant of `day` in `tz`: midnight, or, where the clocks jump
/// over midnight, the first moment after the jump.
pub fn local_midnight(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists on every date");
    for minutes in (0..=24 * 60).step_by(15) {
        if let Some(t) = tz
            .from_local_datetime(&(midnight + Duration::minutes(minutes)))
            .earliest()
        {
            return t.with_timezone(&Utc);
        }
    }
    // No zone skips a whole day at midnight; UTC's midnight is close enough.
    Utc.from_utc_datetime(&midnight)
}

/// One period of the sales report. `orders` and `paid_cents` are the
/// orders paid in it; `refunds` and `refunded_cents` the money paid back in
/// it; `revenue_cents` is what stays: paid minus refunded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct SalesRow {
    /// The period's first day (`2026-03-29`), or its month (`2026-03`).
    pub period: String,
    pub orders: i64,
    pub revenue_cents: Cents,
    /// The paid orders' mean total, rounded to the cent; 0 without orders.
    pub average_order_cents: Cents,
    pub paid_cents: Cents,
    pub refunds: i64,
    pub refunded_cents: Cents,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct SalesTotals {
    pub orders: i64,
    pub revenue_cents: Cents,
    pub average_order_cents: Cents,
    pub paid_cents: Cents,
    pub refunds: i64,
    pub refunded_cents: Cents,
}

/// `GET /reports/sales`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SalesReport {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    pub group: Group,
    /// The shop's time zone, whose days these are.
    pub timezone: String,
    /// Every period of the range, those without sales too.
    pub rows: Vec<SalesRow>,
    pub totals: SalesTotals,
}

/// Sums in one period, as they come in.
#[derive(Default, Clone, Copy)]
struct Tally {
    orders: i64,
    paid: i64,
    refunds: i64,
    refunded: i64,
}

impl From<rows::SalesSums> for Tally {
    fn from(s: rows::SalesSums) -> Tally {
        Tally {
            orders: s.orders,
            paid: s.paid,
            refunds: s.refunds,
            refunded: s.refunded,
        }
    }
}

/// The summary slots of the periods starting at `edges` and of `end`, when
/// every one of them falls on a slot's start.
fn slots(edges: &[DateTime<Utc>], end: DateTime<Utc>) -> Option<Vec<i64>> {
    edges.iter().chain([&end]).map(|t| rows::slot_at(*t)).collect()
}

/// Each period's tally read from the orders themselves, for edges that do
/// not fall on a quarter-hour.
fn tallies_from_orders(
    conn: &Connection,
    edges: &[DateTime<Utc>],
    end: DateTime<Utc>,
) -> Result<Vec<Tally>, Error> {
    let edges: Vec<String> = edges.iter().map(|t| timestamp(*t)).collect();
    let end = timestamp(end);
    let mut tallies = vec![Tally::default(); edges.len()];
    for movement in Movement::ALL {
        for (at, total) in rows::amounts(conn, movement, &edges[0], &end)? {
            // The last period whose first instant is not after `at`.
            let i = edges.partition_point(|edge| edge.as_str() <= at.as_str()).max(1) - 1;
            let tally = &mut tallies[i];
            if movement.sign() > 0 {
                tally.orders += 1;
                tally.paid += total;
            } else {
                tally.refunds += 1;
                tally.refunded += total;
            }
        }
    }
    Ok(tallies)
}

fn average(total: i64, count: i64) -> Cents {
    if count == 0 {
        return Cents(0);
    }
    // Rounded half away from zero; totals are never negative.
    Cents((total + count / 2) / count)
}

/// The sales report of `range`, grouped by `group`, in `tz`.
pub fn sales(conn: &Connection, tz: Tz, range: DateRange, group: Group) -> Result<SalesReport, Error> {
    // The periods' first days, the first clipped to the range's start.
    let mut starts = vec![group.start_of(range.from)];
    while let Some(next) = starts
        .last()
        .and_then(|s| group.next(*s))
        .filter(|n| *n <= range.to)
    {
        starts.push(next);
    }
    let edges: Vec<DateTime<Utc>> = starts
        .iter()
        .enumerate()
        .map(|(i, day)| local_midnight(tz, if i == 0 { range.from } else { *day }))
        .collect();
    let (_, end) = range.instants(tz);
    let tallies = match slots(&edges, end) {
        Some(slots) => slots
            .windows(2)
            .map(|w| rows::sales_sums(conn, w[0], w[1]).map(Tally::from))
            .collect::<Result<Vec<_>, _>>()?,
        None => tallies_from_orders(conn, &edges, end)?,
    };
    let rows: Vec<SalesRow> = starts
        .iter()
        .zip(&tallies)
        .map(|(start, t)| SalesRow {
            period: group.label(*start),
            orders: t.orders,
            revenue_cents: Cents(t.paid - t.refunded),
            average_order_cents: average(t.paid, t.orders),
            paid_cents: Cents(t.paid),
            refunds: t.refunds,
            refunded_cents: Cents(t.refunded),
        })
        .collect();
    let sum = tallies.iter().fold(Tally::default(), |a, t| Tally {
        orders: a.orders + t.orders,
        paid: a.paid + t.paid,
        refunds: a.refunds + t.refunds,
        refunded: a.refunded + t.refunded,
    });
    Ok(SalesReport {
        from: range.from.to_string(),
        to: range.to.to_string(),
        group,
        timezone: tz.name().to_string(),
        rows,
        totals: SalesTotals {
            orders: sum.orders,
            revenue_cents: Cents(sum.paid - sum.refunded),
            average_order_cents: average(sum.paid, sum.orders),
            paid_cents: Cents(sum.paid),
            refunds: sum.refunds,
            refunded_cents: Cents(sum.refunded),
        },
    })
}

/// A product in the top-products report: what was sold of it, less what
/// came back, in the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProductRow {
    pub product_id: ProductId,
    #[schema(required = true)]
    pub sku: Option<String>,
    pub name: String,
    pub quantity: i64,
    /// The lines' amounts after their discount.
    pub revenue_cents: Cents,
}

/// `GET /reports/top-products`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProductReport {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    pub timezone: String,
    /// Largest revenue first.
    pub rows: Vec<ProductRow>,
}

/// `GET /reports/customers`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerReport {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    pub timezone: String,
    /// Largest revenue first.
    pub rows: Vec<CustomerRow>,
}

/// Per key, the net quantity (or count) and revenue over every movement:
/// from the sums (`summed`) when the range's edges fall on their slots,
/// else from the orders (`read`, per movement).
fn net<K: std::hash::Hash + Eq + Copy>(
    range: DateRange,
    tz: Tz,
    summed: impl Fn(i64, i64) -> Result<HashMap<K, (i64, i64)>, Error>,
    read: impl Fn(Movement, &str, &str) -> Result<HashMap<K, (i64, i64)>, Error>,
) -> Result<Vec<(K, i64, i64)>, Error> {
    let (from, to) = range.instants(tz);
    let sums = match (rows::slot_at(from), rows::slot_at(to)) {
        (Some(from), Some(to)) => summed(from, to)?,
        _ => {
            let (from, to) = (timestamp(from), timestamp(to));
            let mut sums: HashMap<K, (i64, i64)> = HashMap::new();
            for movement in Movement::ALL {
                for (key, (count, amount)) in read(movement, &from, &to)? {
                    let sum = sums.entry(key).or_default();
                    sum.0 += movement.sign() * count;
                    sum.1 += movement.sign() * amount;
                }
            }
            sums
        }
    };
    // Bought and sent back in the same range: nothing is left to show.
    Ok(sums
        .into_iter()
        .filter(|(_, (c, a))| *c != 0 || *a != 0)
        .map(|(k, (c, a))| (k, c, a))
        .collect())
}

/// Largest revenue first, then the most sold, then by id.
pub fn top_products(conn: &Connection, tz: Tz, range: DateRange, limit: i64) -> Result<ProductReport, Error> {
    let mut list = net(
        range,
        tz,
        |from, to| rows::product_sums(conn, from, to),
        |m, from, to| rows::product_amounts(conn, m, from, to),
    )?;
    list.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.0.cmp(&b.0.0)));
    list.truncate(usize::try_from(limit).unwrap_or(0));
    let ids: Vec<ProductId> = list.iter().map(|(id, _, _)| *id).collect();
    let names = rows::product_names(conn, &ids)?;
    let rows = list
        .into_iter()
        .map(|(id, quantity, revenue)| {
            let (name, sku) = names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| (format!("product {id}"), None));
            ProductRow {
                product_id: id,
                sku,
                name,
                quantity,
                revenue_cents: Cents(revenue),
            }
        })
        .collect();
    Ok(ProductReport {
        from: range.from.to_string(),
        to: range.to.to_string(),
        timezone: tz.name().to_string(),
        rows,
    })
}

/// A customer in the customers report: orders paid in the range less
/// those paid back, and the revenue that stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CustomerRow {
    pub user_id: UserId,
    pub username: String,
    pub email: String,
    pub orders: i64,
    pub revenue_cents: Cents,
}

/// Largest revenue first, then the most orders, then by id.
pub fn customers(conn: &Connection, tz: Tz, range: DateRange, limit: i64) -> Result<CustomerReport, Error> {
    let mut list = net(
        range,
        tz,
        |from, to| rows::customer_sums(conn, from, to),
        |m, from, to| rows::customer_amounts(conn, m, from, to),
    )?;
    list.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.0.cmp(&b.0.0)));
    list.truncate(usize::try_from(limit).unwrap_or(0));
    let ids: Vec<UserId> = list.iter().map(|(id, _, _)| *id).collect();
    let names = rows::user_names(conn, &ids)?;
    let rows = list
        .into_iter()
        .map(|(id, orders, revenue)| {
            let (username, email) = names.get(&id).cloned().unwrap_or_default();
            CustomerRow {
                user_id: id,
                username,
                email,
                orders,
                revenue_cents: Cents(revenue),
            }
        })
        .collect();
    Ok(CustomerReport {
        from: range.from.to_string(),
        to: range.to.to_string(),
        timezone: tz.name().to_string(),
        rows,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct LowStockRow {
    pub product_id: ProductId,
    #[schema(required = true)]
    pub sku: Option<String>,
    pub name: String,
    pub stock: i64,
}

/// `GET /reports/low-stock`: active products with `threshold` or fewer in
/// stock, fewest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LowStockReport {
    pub threshold: i64,
    /// How many products are that low, `rows` holding at most `limit`.
    pub total: i64,
    pub rows: Vec<LowStockRow>,
}

pub fn low_stock(conn: &Connection, threshold: i64, limit: i64) -> Result<LowStockReport, Error> {
    let (list, total) = rows::low_stock(conn, threshold, limit)?;
    Ok(LowStockReport {
        threshold,
        total,
        rows: list
            .into_iter()
            .map(|p| LowStockRow {
                product_id: p.id,
                sku: p.sku,
                name: p.name,
                stock: p.stock,
            })
            .collect(),
    })
}

/// A figure of the dashboard beside the same figure of the period before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub revenue_cents: Cents,
    pub orders: i64,
    pub previous_revenue_cents: Cents,
    pub previous_orders: i64,
    /// Rounded percent change; `None` when the period before had nothing.
    pub revenue_change: Option<i64>,
    pub orders_change: Option<i64>,
}

fn change(now: i64, before: i64) -> Option<i64> {
    (before != 0).then(|| {
        let pct = (now - before) as f64 * 100.0 / before.abs() as f64;
        pct.round() as i64
    })
}

fn compare(now: &[SalesRow], before: &[SalesRow]) -> Comparison {
    let revenue = |rows: &[SalesRow]| rows.iter().map(|r| r.revenue_cents.0).sum::<i64>();
    let orders = |rows: &[SalesRow]| rows.iter().map(|r| r.orders).sum::<i64>();
    Comparison {
        revenue_cents: Cents(revenue(now)),
        orders: orders(now),
        previous_revenue_cents: Cents(revenue(before)),
        previous_orders: orders(before),
        revenue_change: change(revenue(now), revenue(before)),
        orders_change: change(orders(now), orders(before)),
    }
}

/// The dashboard's money: today, the last 7 and 30 days (today included),
/// each beside the period just before, and the last 30 days day by day.
#[derive(Debug, Clone, Serialize)]
pub struct Trade {
    pub today: Comparison,
    pub week: Comparison,
    pub month: Comparison,
    pub days: Vec<SalesRow>,
}

pub fn trade(conn: &Connection, tz: Tz, now: DateTime<Utc>) -> Result<Trade, Error> {
    let range = DateRange::last_days(today(tz, now), 60);
    let rows = sales(conn, tz, range, Group::Day)?.rows;
    let day = |from: usize, to: usize| rows.get(from..to).unwrap_or_default();
    Ok(Trade {
        today: compare(day(59, 60), day(58, 59)),
        week: compare(day(53, 60), day(46, 53)),
        month: compare(day(30, 60), day(0, 30)),
        days: day(30, 60).to_vec(),
    })
}

/// Rows as CSV text, with money as decimals and cells that a spreadsheet
/// would run as a formula made inert.
pub fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header).map_err(Error::caused)?;
    for row in rows {
        out.write_record(row.iter().map(|cell| inert(cell)))
            .map_err(Error::caused)?;
    }
    out.into_inner().map_err(Error::caused)
}

fn inert(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{cell}"),
        // A negative amount is a number, not a formula.
        Some('-') if cell[1..].parse::<f64>().is_err() => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

impl SalesReport {
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        csv(
            &[
                "period",
                "orders",
                "revenue",
                "average_order",
                "paid",
                "refunds",
                "refunded",
            ],
            self.rows.iter().map(|r| {
                vec![
                    r.period.clone(),
                    r.orders.to_string(),
                    r.revenue_cents.to_string(),
                    r.average_order_cents.to_string(),
                    r.paid_cents.to_string(),
                    r.refunds.to_string(),
                    r.refunded_cents.to_string(),
                ]
            }),
        )
    }
}

impl ProductReport {
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        csv(
            &["product_id", "sku", "name", "quantity", "revenue"],
            self.rows.iter().map(|r| {
                vec![
                    r.product_id.to_string(),
                    r.sku.clone().unwrap_or_default(),
                    r.name.clone(),
                    r.quantity.to_string(),
                    r.revenue_cents.to_string(),
                ]
            }),
        )
    }
}

impl CustomerReport {
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        csv(
            &["user_id", "username", "email", "orders", "revenue"],
            self.rows.iter().map(|r| {
                vec![
                    r.user_id.to_string(),
                    r.username.clone(),
                    r.email.clone(),
                    r.orders.to_string(),
                    r.revenue_cents.to_string(),
                ]
            }),
        )
    }
}

impl LowStockReport {
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        csv(
            &["product_id", "sku", "name", "stock"],
            self.rows.iter().map(|r| {
                vec![
                    r.product_id.to_string(),
                    r.sku.clone().unwrap_or_default(),
                    r.name.clone(),
                    r.stock.to_string(),
                ]
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn local_days_have_their_own_length_across_daylight_saving() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        let hours = |d: &str| {
            let start = local_midnight(madrid, day(d));
            (local_midnight(madrid, day(d) + Days::new(1)) - start).num_hours()
        };
        assert_eq!(hours("2026-03-29"), 23);
        assert_eq!(hours("2026-10-25"), 25);
        assert_eq!(hours("2026-06-01"), 24);
        assert_eq!(
            timestamp(local_midnight(madrid, day("2026-03-29"))),
            "2026-03-28T23:00:00Z"
        );
        assert_eq!(
            timestamp(local_midnight(madrid, day("2026-03-30"))),
            "2026-03-29T22:00:00Z"
        );
        // Clocks that jump over midnight start the day at the jump.
        let santiago: Tz = "America/Santiago".parse().unwrap();
        let start = local_midnight(santiago, day("2026-09-06"));
        assert_eq!(start.with_timezone(&santiago).date_naive(), day("2026-09-06"));
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        assert_eq!(Group::Week.start_of(day("2026-03-29")), day("2026-03-23"));
        assert_eq!(Group::Week.start_of(day("2026-03-23")), day("2026-03-23"));
        assert_eq!(Group::Month.start_of(day("2026-03-29")), day("2026-03-01"));
        assert_eq!(Group::Month.next(day("2026-12-01")), Some(day("2027-01-01")));
        assert_eq!(Group::Month.label(day("2026-03-01")), "2026-03");
    }

    #[test]
    fn parameters_are_checked_by_name() {
        let today = day("2026-11-30");
        let q = Params::default().check(today, 5).unwrap();
        assert_eq!(
            q.range,
            DateRange {
                from: day("2026-11-01"),
                to: today
            }
        );
        assert_eq!((q.group, q.limit, q.threshold), (Group::Day, DEFAULT_LIMIT, 5));
        let fields = |p: Params| match p.check(today, 5) {
            Err(Error::Validation { fields, .. }) => fields.into_keys().collect::<Vec<_>>(),
            other => panic!("expected a validation error, got {other:?}"),
        };
        let bad = Params {
            from: Some("2026-02-30"),
            to: Some("yesterday"),
            group: Some("year"),
            limit: Some("0"),
            threshold: Some("-1"),
        };
        assert_eq!(fields(bad), ["from", "group", "limit", "threshold", "to"]);
        let backwards = Params {
            from: Some("2026-03-02"),
            to: Some("2026-03-01"),
            ..Params::default()
        };
        assert_eq!(fields(backwards), ["to"]);
        let long = Params {
            from: Some("1990-01-01"),
            ..Params::default()
        };
        assert_eq!(fields(long), ["from"]);
    }

    #[test]
    fn csv_cells_never_become_formulas() {
        let text = csv(
            &["a", "b"],
            [
                vec!["=1+1".to_string(), "-12.34".to_string()],
                vec!["-x".into(), "@y".into()],
            ],
        )
        .unwrap();
        assert_eq!(String::from_utf8(text).unwrap(), "a,b\n'=1+1,-12.34\n'-x,'@y\n");
    }

    #[test]
    fn changes_are_rounded_percentages() {
        assert_eq!(change(150, 100), Some(50));
        assert_eq!(change(0, 100), Some(-100));
        assert_eq!(change(5, 0), None);
        assert_eq!(average(1001, 2), Cents(501));
        assert_eq!(average(0, 0), Cents(0));
    }
}

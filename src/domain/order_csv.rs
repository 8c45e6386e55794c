//! Orders as CSV: one row per order line with the order's fields repeated,
//! for a spreadsheet or an accountant's script. Times are the shop's local
//! time (`2026-11-30 14:05`, the zone named in `time_zone`), money is
//! decimal (`12.34`, the order's `currency`), and text cells that a
//! spreadsheet would run as formulas are neutralised.
//!
//! The same file comes from the API, the back office's order list and the
//! command line; each writes it a chunk of orders at a time (`Export`).

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::db::order_search::{self, ExportLine, OrderQuery};
use crate::domain::csv_cell::to_cell;
use crate::domain::fields::{add, finish};
use crate::error::{Error, FieldErrors};
use crate::ids::OrderId;
use crate::order_types::OrderStatus;

pub const COLUMNS: [&str; 36] = [
    "order",
    "created",
    "paid",
    "shipped",
    "ready",
    "delivered",
    "cancelled",
    "refunded",
    "time_zone",
    "status",
    "customer",
    "email",
    "ship_name",
    "ship_line1",
    "ship_line2",
    "ship_city",
    "ship_postal_code",
    "ship_country",
    "billing_name",
    "payment_method",
    "shipping_method",
    "coupon",
    "line",
    "sku",
    "name",
    "quantity",
    "unit_price",
    "line_discount",
    "line_tax",
    "line_total",
    "subtotal",
    "discount",
    "shipping",
    "tax",
    "total",
    "currency",
];

/// How many orders one chunk reads: a few hundred kilobytes of CSV, and a
/// pooled connection held for milliseconds, not for the whole download.
pub const CHUNK_ORDERS: i64 = 500;

/// How dates are typed in filters.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// Which orders to export, as typed: local dates of `created_at` (`to`
/// included) and a status; `search` as the order list has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub status: Option<OrderStatus>,
    pub search: Option<String>,
}

impl Filter {
    /// The filter from what was typed, or every field's error. Empty
    /// values are no filter.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        status: Option<&str>,
        search: Option<&str>,
    ) -> Result<Filter, Error> {
        let mut errors = FieldErrors::new();
        let from = date(&mut errors, "from", from);
        let to = date(&mut errors, "to", to);
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            add(&mut errors, "to", "must not be before from");
        }
        let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(name) => {
                let found = OrderStatus::from_name(name);
                if found.is_none() {
                    let message = format!("must be one of {}", OrderStatus::names());
                    add(&mut errors, "status", &message);
                }
                found
            }
        };
        finish(errors)?;
        let search = search.map(str::trim).filter(|s| !s.is_empty()).map(String::from);
        Ok(Filter {
            from,
            to,
            status,
            search,
        })
    }

    /// The orders this filter picks, the dates read in `tz`.
    pub fn query(&self, tz: Tz) -> OrderQuery {
        OrderQuery {
            status: self.status,
            search: self.search.clone(),
            placed_from: self.from.map(|day| crate::db::timestamp(day_start(tz, day))),
            placed_before: self
                .to
                .and_then(|day| day.succ_opt())
                .map(|day| crate::db::timestamp(day_start(tz, day))),
        }
    }

    /// The name to save the file under: `orders-2026-11-01-to-2026-11-30.csv`,
    /// with `-paid` for a status; `today` ends a range left open.
    pub fn file_name(&self, today: NaiveDate) -> String {
        let day = |d: NaiveDate| d.format(DATE_FORMAT).to_string();
        let mut name = match self.from {
            Some(from) => format!("orders-{}-to-{}", day(from), day(self.to.unwrap_or(today))),
            None => format!("orders-to-{}", day(self.to.unwrap_or(today))),
        };
        if let Some(status) = self.status {
            name.push('-');
            name.push_str(status.as_str());
        }
        name.push_str(".csv");
        name
    }
}

fn date(errors: &mut FieldErrors, field: &str, text: Option<&str>) -> Option<NaiveDate> {
    let text = text.map(str::trim).filter(|t| !t.is_empty())?;
    match NaiveDate::parse_from_str(text, DATE_FORMAT) {
        Ok(day) => Some(day),
        Err(_) => {
            add(errors, field, "must be a date like 2026-11-30");
            None
        }
    }
}

/// The instant `day` starts in `tz`: its local midnight, or, where the
/// clocks skip midnight (a daylight-saving change at 00:00), the first
/// local time the day has.
pub fn day_start(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(NaiveTime::MIN);
    match tz.from_local_datetime(&midnight).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => {
            // In a gap, the day begins when the gap ends: midnight as read
            // with the offset in force before it. (At the ends of the
            // calendar, where no offset applies, midnight as UTC.)
            let day_before = midnight.checked_sub_signed(Duration::days(1)).unwrap_or(midnight);
            let offset = tz.offset_from_utc_datetime(&day_before).fix();
            let start = midnight.checked_sub_signed(Duration::seconds(offset.local_minus_utc().into()));
            Utc.from_utc_datetime(&start.unwrap_or(midnight))
        }
    }
}

/// A stored UTC timestamp as the shop's local time, `2026-11-30 14:05`.
/// Something that does not read as a timestamp is written as it is.
pub fn local_time(tz: Tz, stored: &str) -> String {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => to_cell(stored.to_string()),
    }
}

/// An export under way: where it stands, and how much it has written.
#[derive(Debug, Clone)]
pub struct Export {
    query: OrderQuery,
    tz: Tz,
    after: OrderId,
    started: bool,
    finished: bool,
    pub orders: u64,
    pub lines: u64,
}

impl Export {
    pub fn new(filter: &Filter, tz: Tz) -> Export {
        Export {
            query: filter.query(tz),
            tz,
            after: OrderId(0),
            started: false,
            finished: false,
            orders: 0,
            lines: 0,
        }
    }

    /// How many orders the export will write (as the database stands now).
    pub fn count(&self, conn: &Connection) -> Result<i64, Error> {
        order_search::count(conn, &self.query)
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Writes the header (the first time) and the lines of the next
    /// `CHUNK_ORDERS` orders; `true` while more may follow.
    pub fn next_chunk(&mut self, conn: &Connection, out: impl std::io::Write) -> Result<bool, Error> {
        if self.finished {
            return Ok(false);
        }
        let mut writer = csv::Writer::from_writer(out);
        if !self.started {
            writer.write_record(COLUMNS).map_err(Error::caused)?;
            self.started = true;
        }
        let lines = order_search::export_chunk(conn, &self.query, self.after, CHUNK_ORDERS)?;
        let mut orders = 0;
        for line in &lines {
            if line.order != self.after {
                self.after = line.order;
                orders += 1;
            }
            writer.write_record(self.record(line)).map_err(Error::caused)?;
        }
        writer.flush().map_err(Error::caused)?;
        self.orders += orders;
        self.lines += lines.iter().filter(|l| l.item.is_some()).count() as u64;
        self.finished = orders < CHUNK_ORDERS as u64;
        Ok(!self.finished)
    }

    /// Writes every chunk to `out`; `progress` hears how many orders are
    /// written so far.
    pub fn write_all(
        &mut self,
        conn: &Connection,
        mut out: impl std::io::Write,
        progress: &dyn Fn(u64),
    ) -> Result<(), Error> {
        while self.next_chunk(conn, &mut out)? {
            progress(self.orders);
        }
        progress(self.orders);
        Ok(())
    }

    /// The cells of one line. Text goes through `to_cell`; the numbers,
    /// dates and names the shop formats itself are written as they are.
    fn record(&self, l: &ExportLine) -> Vec<String> {
        let time = |t: &Option<String>| t.as_deref().map_or_else(String::new, |t| local_time(self.tz, t));
        let text = |t: &Option<String>| to_cell(t.clone().unwrap_or_default());
        let item = l.item.as_ref();
        let number = |n: Option<String>| n.unwrap_or_default();
        vec![
            crate::db::orders::number(l.order),
            local_time(self.tz, &l.created_at),
            time(&l.paid_at),
            time(&l.shipped_at),
            time(&l.ready_at),
            time(&l.delivered_at),
            time(&l.cancelled_at),
            time(&l.refunded_at),
            self.tz.name().to_string(),
            l.status.as_str().to_string(),
            text(&l.username),
            text(&l.email),
            to_cell(l.ship_name.clone()),
            to_cell(l.ship_line1.clone()),
            text(&l.ship_line2),
            to_cell(l.ship_city.clone()),
            to_cell(l.ship_postal_code.clone()),
            to_cell(l.ship_country.clone()),
            to_cell(l.billing_name.clone()),
            l.payment_method.as_str().to_string(),
            l.shipping_method.as_str().to_string(),
            text(&l.coupon_code),
            number(item.map(|i| i.line.to_string())),
            text(&item.and_then(|i| i.sku.clone())),
            to_cell(item.map(|i| i.name.clone()).unwrap_or_default()),
            number(item.map(|i| i.quantity.to_string())),
            number(item.map(|i| i.unit_price.to_string())),
            number(item.map(|i| i.discount.to_string())),
            number(item.map(|i| i.tax.to_string())),
            number(item.map(|i| i.line_total.to_string())),
            l.subtotal.to_string(),
            l.discount.to_string(),
            l.shipping.to_string(),
            l.tax.to_string(),
            l.total.to_string(),
            to_cell(l.currency.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, DATE_FORMAT).expect("a date")
    }

    #[test]
    fn a_day_starts_at_local_midnight() {
        let madrid: Tz = "Europe/Madrid".parse().expect("a zone");
        assert_eq!(
            crate::db::timestamp(day_start(madrid, day("2026-11-30"))),
            "2026-11-29T23:00:00Z"
        );
        assert_eq!(
            crate::db::timestamp(day_start(madrid, day("2026-07-01"))),
            "2026-06-30T22:00:00Z"
        );
        assert_eq!(
            crate::db::timestamp(day_start(Tz::UTC, day("2026-07-01"))),
            "2026-07-01T00:00:00Z"
        );
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_starts_when_the_clocks_resume() {
        // Santiago de Chile moved from -04 to -03 at local midnight on
        // 2024-09-08: that day began at 01:00 local, 04:00 UTC.
        let santiago: Tz = "America/Santiago".parse().expect("a zone");
        assert_eq!(
            crate::db::timestamp(day_start(santiago, day("2024-09-08"))),
            "2024-09-08T04:00:00Z"
        );
    }

    #[test]
    fn the_first_and_last_days_of_the_calendar_are_no_panic() {
        let madrid: Tz = "Europe/Madrid".parse().expect("a zone");
        for (from, to) in [
            ("-262143-01-01", "+262142-12-31"),
            ("+262142-12-31", "+262142-12-31"),
        ] {
            let filter = Filter::parse(Some(from), Some(to), None, None).expect("dates chrono reads");
            let _ = filter.query(madrid);
            let _ = filter.query(Tz::UTC);
        }
        let _ = day_start(madrid, NaiveDate::MIN);
        let _ = day_start(madrid, NaiveDate::MAX);
    }

    #[test]
    fn times_are_written_in_the_shop_zone() {
        let madrid: Tz = "Europe/Madrid".parse().expect("a zone");
        assert_eq!(local_time(madrid, "2026-11-30T13:05:00Z"), "2026-11-30 14:05");
        assert_eq!(local_time(madrid, "2026-06-30T22:30:00Z"), "2026-07-01 00:30");
        assert_eq!(local_time(madrid, "=odd"), "'=odd");
    }

    #[test]
    fn the_to_date_is_included() {
        let madrid: Tz = "Europe/Madrid".parse().expect("a zone");
        let filter = Filter::parse(Some("2026-11-01"), Some("2026-11-30"), Some("paid"), None)
            .expect("a valid filter");
        let query = filter.query(madrid);
        assert_eq!(query.placed_from.as_deref(), Some("2026-10-31T23:00:00Z"));
        assert_eq!(query.placed_before.as_deref(), Some("2026-11-30T23:00:00Z"));
        assert_eq!(query.status, Some(OrderStatus::Paid));
        assert_eq!(
            filter.file_name(day("2026-12-01")),
            "orders-2026-11-01-to-2026-11-30-paid.csv"
        );
        assert_eq!(
            Filter::default().file_name(day("2026-12-01")),
            "orders-to-2026-12-01.csv"
        );
    }

    #[test]
    fn a_bad_filter_names_its_fields() {
        let Err(Error::Validation { fields, .. }) =
            Filter::parse(Some("30/11/2026"), Some("2026-02-30"), Some("lost"), None)
        else {
            panic!("refused");
        };
        assert_eq!(fields["from"], ["must be a date like 2026-11-30"]);
        assert_eq!(fields["to"], ["must be a date like 2026-11-30"]);
        assert!(fields["status"][0].starts_with("must be one of pending_payment"));
        let Err(Error::Validation { fields, .. }) =
            Filter::parse(Some("2026-11-30"), Some("2026-11-01"), None, None)
        else {
            panic!("refused");
        };
        assert_eq!(fields["to"], ["must not be before from"]);
        assert_eq!(
            Filter::parse(Some(""), Some(" "), Some(""), Some("")).ok(),
            Some(Filter::default())
        );
    }
}

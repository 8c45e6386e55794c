//! Queries on `orders` and `order_items`, and on what hangs on an order:
//! payments, coupon redemptions and idempotency keys.

use rusqlite::{Connection, OptionalExtension, ToSql, params};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::Error;
use crate::i18n::Lang;
use crate::ids::{CouponId, OrderId, ProductId, SessionId, UserId};
use crate::money::Cents;
use crate::order_types::{OrderStatus, PaymentMethod, ShippingMethod};

/// Where an order goes, as the customer typed it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
pub struct ShippingAddress {
    pub name: String,
    pub line1: String,
    #[schema(required = true)]
    pub line2: Option<String>,
    pub city: String,
    pub postal_code: String,
    pub country: String,
}

/// One line of an order, with the price, name and SKU of the day it was
/// placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrderItem {
    pub product_id: ProductId,
    #[schema(required = true)]
    pub sku: Option<String>,
    pub name: String,
    pub unit_price_cents: Cents,
    pub quantity: i64,
    pub line_total_cents: Cents,
    pub discount_cents: Cents,
    pub tax_cents: Cents,
}

/// An order as API.md shows it, with a few fields of our own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Order {
    pub id: OrderId,
    #[schema(example = "T-000123")]
    pub number: String,
    pub status: OrderStatus,
    /// `null` for a guest's order (until the guest makes an account).
    #[schema(required = true)]
    pub user_id: Option<UserId>,
    /// The account's username; `null` for a guest's order.
    #[schema(required = true)]
    pub username: Option<String>,
    /// Where the order's mails go: the guest's address, or the customer's
    /// at checkout.
    #[schema(format = Email)]
    pub email: String,
    /// Only in a guest's answer to the checkout that placed the order: the
    /// order's private page (also e-mailed). Its token is not stored, so
    /// no other answer carries it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uri")]
    pub guest_link: Option<String>,
    pub items: Vec<OrderItem>,
    pub currency: String,
    pub prices_include_tax: bool,
    /// The tax rate in basis points when the order was placed (`null` for
    /// orders older than this field).
    #[schema(required = true)]
    pub tax_rate_bp: Option<i64>,
    pub subtotal_cents: Cents,
    pub discount_cents: Cents,
    pub shipping_cents: Cents,
    pub tax_cents: Cents,
    pub total_cents: Cents,
    #[schema(required = true)]
    pub coupon_code: Option<String>,
    pub payment_method: PaymentMethod,
    pub shipping_method: ShippingMethod,
    /// `null` for a pickup order placed without an address.
    #[schema(required = true)]
    pub shipping_address: Option<ShippingAddress>,
    /// The buyer's name on the invoice.
    pub billing_name: String,
    #[schema(required = true)]
    pub payment_reference: Option<String>,
    #[schema(required = true)]
    pub carrier: Option<String>,
    #[schema(required = true)]
    pub tracking_number: Option<String>,
    #[schema(required = true)]
    pub refund_note: Option<String>,
    /// Given when the order is paid: the next of its year in the shop's
    /// time zone, `2026-000001`, without gaps.
    #[schema(required = true, example = "2026-000001")]
    pub invoice_number: Option<String>,
    /// Given when a paid order's money goes back (refund, or cancelling a
    /// paid order): `R` and the next of its own yearly series, `R2026-000001`.
    #[schema(required = true, example = "R2026-000001")]
    pub credit_note_number: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime, required = true)]
    pub paid_at: Option<String>,
    #[schema(format = DateTime, required = true)]
    pub shipped_at: Option<String>,
    /// When a pickup order was made ready at the shop.
    #[schema(format = DateTime, required = true)]
    pub ready_at: Option<String>,
    #[schema(format = DateTime, required = true)]
    pub delivered_at: Option<String>,
    #[schema(format = DateTime, required = true)]
    pub cancelled_at: Option<String>,
    #[schema(format = DateTime, required = true)]
    pub refunded_at: Option<String>,
    /// The language the order was placed in, which its later mails speak;
    /// `None` for orders older than languages.
    #[serde(skip)]
    pub language: Option<Lang>,
}

/// `T-000123`: what people read and type.
pub fn number(id: OrderId) -> String {
    format!("T-{:06}", id.0)
}

/// The order an order number (`T-000123`, `t123`, `123`) names.
pub fn parse_number(text: &str) -> Option<OrderId> {
    let digits = text.trim();
    let digits = digits
        .strip_prefix("T-")
        .or_else(|| digits.strip_prefix("t-"))
        .or_else(|| digits.strip_prefix(['T', 't']))
        .unwrap_or(digits);
    digits.parse::<i64>().ok().filter(|id| *id > 0).map(OrderId)
}

const SELECT: &str =
    "SELECT o.id, o.status, o.user_id, u.username, coalesce(o.email, u.email, ''), o.currency, o.prices_include_tax,
        o.subtotal_cents, o.discount_cents, o.shipping_cents, o.tax_cents, o.total_cents, o.coupon_code,
        o.payment_method, o.shipping_method, o.ship_name, o.ship_line1, o.ship_line2, o.ship_city,
        o.ship_postal_code, o.ship_country, o.payment_reference, o.carrier, o.tracking_number,
        o.refund_note, o.created_at, o.paid_at, o.shipped_at, o.delivered_at, o.cancelled_at, o.refunded_at,
        o.billing_name, o.invoice_number, o.credit_note_number, o.ready_at, o.tax_rate_bp, o.language
    FROM orders o LEFT JOIN users u ON u.id = o.user_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Order> {
    let id: OrderId = r.get(0)?;
    Ok(Order {
        id,
        number: number(id),
        status: r.get(1)?,
        user_id: r.get(2)?,
        username: r.get(3)?,
        email: r.get(4)?,
        guest_link: None,
        items: Vec::new(),
        currency: r.get(5)?,
        prices_include_tax: r.get(6)?,
        subtotal_cents: r.get(7)?,
        discount_cents: r.get(8)?,
        shipping_cents: r.get(9)?,
        tax_cents: r.get(10)?,
        total_cents: r.get(11)?,
        coupon_code: r.get(12)?,
        payment_method: r.get(13)?,
        shipping_method: r.get(14)?,
        shipping_address: Some(ShippingAddress {
            name: r.get(15)?,
            line1: r.get(16)?,
            line2: r.get(17)?,
            city: r.get(18)?,
            postal_code: r.get(19)?,
            country: r.get(20)?,
        })
        .filter(|a| !a.line1.is_empty()),
        billing_name: r.get(31)?,
        invoice_number: r.get(32)?,
        credit_note_number: r.get(33)?,
        ready_at: r.get(34)?,
        tax_rate_bp: r.get(35)?,
        language: r
            .get::<_, Option<String>>(36)?
            .as_deref()
            .and_then(Lang::from_code),
        payment_reference: r.get(21)?,
        carrier: r.get(22)?,
        tracking_number: r.get(23)?,
        refund_note: r.get(24)?,
        created_at: r.get(25)?,
        paid_at: r.get(26)?,
        shipped_at: r.get(27)?,
        delivered_at: r.get(28)?,
        cancelled_at: r.get(29)?,
        refunded_at: r.get(30)?,
    })
}

pub fn find(conn: &Connection, id: OrderId) -> Result<Order, Error> {
    let mut order = conn
        .prepare_cached(&format!("{SELECT} WHERE o.id = ?1"))?
        .query_row([id], from_row)?;
    order.items = items(conn, id)?;
    Ok(order)
}

fn items(conn: &Connection, id: OrderId) -> Result<Vec<OrderItem>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT product_id, sku, name, unit_price_cents, quantity, line_total_cents, discount_cents, tax_cents
         FROM order_items WHERE order_id = ?1 ORDER BY line",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(OrderItem {
            product_id: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            unit_price_cents: r.get(3)?,
            quantity: r.get(4)?,
            line_total_cents: r.get(5)?,
            discount_cents: r.get(6)?,
            tax_cents: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Which orders a list shows; `None` is any.
#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub user: Option<UserId>,
    pub status: Option<OrderStatus>,
    /// An order number, or part of a customer's username or e-mail.
    pub search: Option<String>,
}

/// Newest first, with their lines.
pub fn list_page(
    conn: &Connection,
    filter: &OrderFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Order>, i64), Error> {
    let mut clauses = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(user) = filter.user {
        args.push(Box::new(user));
        clauses.push(format!("o.user_id = ?{}", args.len()));
    }
    if let Some(status) = &filter.status {
        args.push(Box::new(*status));
        clauses.push(format!("o.status = ?{}", args.len()));
    }
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let by_number = parse_number(search).map_or(0, |id| id.0);
        args.push(Box::new(by_number));
        let n = args.len();
        args.push(Box::new(format!("%{}%", search.replace(['%', '_'], ""))));
        clauses.push(format!(
            "(o.id = ?{n} OR u.username LIKE ?{0} OR coalesce(o.email, u.email) LIKE ?{0})",
            n + 1
        ));
    }
    let clause = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let total = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id {clause}"
        ))?
        .query_row(params.as_slice(), |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} {clause} ORDER BY o.id DESC LIMIT {limit} OFFSET {offset}"
    ))?;
    let mut orders: Vec<Order> = stmt
        .query_map(params.as_slice(), from_row)?
        .collect::<Result<_, _>>()?;
    for order in &mut orders {
        order.items = items(conn, order.id)?;
    }
    Ok((orders, total))
}

/// The owner of an order: `Some(None)` for a guest's order, `None` when
/// there is no such order.
pub fn owner(conn: &Connection, id: OrderId) -> Result<Option<Option<UserId>>, Error> {
    Ok(conn
        .prepare_cached("SELECT user_id FROM orders WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The order whose private link has the token of this hash.
pub fn find_by_guest_token(conn: &Connection, token_hash: &str) -> Result<Option<OrderId>, Error> {
    Ok(conn
        .prepare_cached("SELECT id FROM orders WHERE guest_token_hash = ?1")?
        .query_row([token_hash], |r| r.get(0))
        .optional()?)
}

/// Gives `user` the guest order `order` and the other guest orders placed
/// in `session`, with their coupon redemptions; answers how many.
pub fn claim_guest_orders(
    conn: &Connection,
    user: UserId,
    order: OrderId,
    session: Option<SessionId>,
) -> Result<usize, Error> {
    let claimed = conn
        .prepare_cached(
            "UPDATE orders SET user_id = ?1, guest_session_id = NULL
             WHERE user_id IS NULL AND (id = ?2 OR guest_session_id = ?3)",
        )?
        .execute(params![user, order, session])?;
    conn.prepare_cached(
        "UPDATE coupon_redemptions SET user_id = ?1
         WHERE user_id IS NULL AND order_id IN (SELECT id FROM orders WHERE user_id = ?1)",
    )?
    .execute([user])?;
    Ok(claimed)
}

/// The address of the customer's latest order, to pre-fill the next.
pub fn last_address(conn: &Connection, user: UserId) -> Result<Option<ShippingAddress>, Error> {
    Ok(conn
        .query_row(
            "SELECT ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country
             FROM orders WHERE user_id = ?1 AND ship_line1 != '' ORDER BY id DESC LIMIT 1",
            [user],
            |r| {
                Ok(ShippingAddress {
                    name: r.get(0)?,
                    line1: r.get(1)?,
                    line2: r.get(2)?,
                    city: r.get(3)?,
                    postal_code: r.get(4)?,
                    country: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// What marks a guest's order: the hash of its private link's token, the
/// session that placed it and the client address it came from.
#[derive(Debug, Clone)]
pub struct GuestMark {
    pub token_hash: String,
    pub session: SessionId,
    pub client_ip: String,
}

/// An order about to be written: the amounts are the checkout's quote.
pub struct NewOrder<'a> {
    /// `None`: a guest's order, marked by `guest`.
    pub user: Option<UserId>,
    pub email: &'a str,
    pub guest: Option<&'a GuestMark>,
    pub currency: &'a str,
    pub prices_include_tax: bool,
    pub tax_rate_bp: i64,
    pub subtotal: Cents,
    pub discount: Cents,
    pub shipping: Cents,
    pub tax: Cents,
    pub total: Cents,
    pub coupon: Option<(CouponId, &'a str)>,
    pub payment_method: PaymentMethod,
    pub shipping_method: ShippingMethod,
    pub billing_name: &'a str,
    /// `None`: a pickup order without an address.
    pub address: Option<&'a ShippingAddress>,
    /// The customer's language at checkout.
    pub language: Lang,
}

pub fn insert(conn: &Connection, o: &NewOrder<'_>) -> Result<OrderId, Error> {
    let none = ShippingAddress::default();
    let a = o.address.unwrap_or(&none);
    conn.prepare_cached(
        "INSERT INTO orders (user_id, status, currency, prices_include_tax, subtotal_cents, discount_cents,
             shipping_cents, tax_cents, total_cents, coupon_id, coupon_code, payment_method, shipping_method,
             ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, created_at,
             billing_name, tax_rate_bp, email, guest_token_hash, guest_session_id, client_ip, language)
         VALUES (?1, ?20, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
             ?17, ?18, ?19, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    )?
    .execute(params![
        o.user,
        o.currency,
        o.prices_include_tax,
        o.subtotal,
        o.discount,
        o.shipping,
        o.tax,
        o.total,
        o.coupon.map(|(id, _)| id),
        o.coupon.map(|(_, code)| code),
        o.payment_method,
        o.shipping_method,
        a.name,
        a.line1,
        a.line2,
        a.city,
        a.postal_code,
        a.country,
        crate::db::now(),
        OrderStatus::PendingPayment,
        o.billing_name,
        o.tax_rate_bp,
        o.email,
        o.guest.map(|g| g.token_hash.as_str()),
        o.guest.map(|g| g.session),
        o.guest.map(|g| g.client_ip.as_str()),
        o.language.code(),
    ])?;
    Ok(OrderId(conn.last_insert_rowid()))
}

pub fn insert_item(conn: &Connection, order: OrderId, line: usize, item: &OrderItem) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO order_items (order_id, line, product_id, sku, name, unit_price_cents, quantity,
             line_total_cents, discount_cents, tax_cents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        order,
        line as i64,
        item.product_id,
        item.sku,
        item.name,
        item.unit_price_cents,
        item.quantity,
        item.line_total_cents,
        item.discount_cents,
        item.tax_cents,
    ])?;
    Ok(())
}

/// Moves the order from `from` (paid or not, as `paid` says) to `to`,
/// stamping `stamp` (a `*_at` column) and setting `extra` columns, in one
/// conditional UPDATE. `false`: the order was no longer as the lifecycle
/// saw it, and nothing changed.
pub fn set_status(
    conn: &Connection,
    id: OrderId,
    from: OrderStatus,
    paid: bool,
    to: OrderStatus,
    stamp: &str,
    extra: &[(&str, Option<&str>)],
) -> Result<bool, Error> {
    let mut sets = vec![format!("status = ?2, {stamp} = ?3")];
    let now = crate::db::now();
    let mut args: Vec<&dyn ToSql> = vec![&id, &to, &now, &from, &paid];
    for (column, value) in extra {
        args.push(value);
        sets.push(format!("{column} = ?{}", args.len()));
    }
    let sql = format!(
        "UPDATE orders SET {} WHERE id = ?1 AND status = ?4 AND (paid_at IS NOT NULL) = ?5",
        sets.join(", ")
    );
    Ok(conn.prepare_cached(&sql)?.execute(args.as_slice())? == 1)
}

/// Records that an unpaid order is paid now (cash collected at delivery).
/// `false`: it was paid already.
pub fn set_paid(conn: &Connection, id: OrderId, reference: Option<&str>) -> Result<bool, Error> {
    Ok(conn
        .prepare_cached(
            "UPDATE orders SET paid_at = ?2, payment_reference = ?3 WHERE id = ?1 AND paid_at IS NULL",
        )?
        .execute(params![id, crate::db::now(), reference])?
        == 1)
}

/// A series of numbers without gaps, one per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Invoice,
    CreditNote,
}

impl Series {
    fn name(self) -> &'static str {
        match self {
            Series::Invoice => "invoice",
            Series::CreditNote => "credit_note",
        }
    }

    fn column(self) -> &'static str {
        match self {
            Series::Invoice => "invoice_number",
            Series::CreditNote => "credit_note_number",
        }
    }

    /// `2026-000001`, `R2026-000001`.
    pub fn format(self, year: i32, n: i64) -> String {
        let prefix = match self {
            Series::Invoice => "",
            Series::CreditNote => "R",
        };
        format!("{prefix}{year}-{n:06}")
    }
}

/// Gives the order the next number of `series` in `year`, unless it has
/// one; answers the order's number. Must run in the write transaction that
/// pays or refunds the order: the counter row is updated in it, so that two
/// payments can never take the same number and a rolled-back one takes none.
pub fn number_in_series(conn: &Connection, id: OrderId, series: Series, year: i32) -> Result<String, Error> {
    let column = series.column();
    let existing: Option<String> = conn
        .prepare_cached(&format!("SELECT {column} FROM orders WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))?;
    if let Some(number) = existing {
        return Ok(number);
    }
    let n: i64 = conn
        .prepare_cached(
            "INSERT INTO invoice_counters (series, year, last) VALUES (?1, ?2, 1)
             ON CONFLICT (series, year) DO UPDATE SET last = last + 1
             RETURNING last",
        )?
        .query_row(params![series.name(), year], |r| r.get(0))?;
    let number = series.format(year, n);
    conn.prepare_cached(&format!("UPDATE orders SET {column} = ?2 WHERE id = ?1"))?
        .execute(params![id, number])?;
    Ok(number)
}

/// Pending bank-transfer orders placed before `cutoff`, oldest first.
/// Cash on delivery is paid at the door: it never waits for a transfer.
pub fn unpaid_before(conn: &Connection, cutoff: &str, limit: i64) -> Result<Vec<OrderId>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM orders WHERE status = ?3 AND payment_method = ?4 AND created_at < ?1
         ORDER BY created_at LIMIT ?2",
    )?;
    let rows = stmt.query_map(
        params![
            cutoff,
            limit,
            OrderStatus::PendingPayment,
            PaymentMethod::BankTransfer
        ],
        |r| r.get(0),
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert_payment(
    conn: &Connection,
    order: OrderId,
    kind: &str,
    amount: Cents,
    reference: Option<&str>,
    user: Option<UserId>,
) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO payments (order_id, kind, amount_cents, reference, user_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![order, kind, amount, reference, user, crate::db::now()])?;
    Ok(())
}

/// How often a coupon was redeemed, in all and by the buyer: by `user`'s
/// orders, or by orders placed with `email` (a guest has no account).
pub fn redemptions(
    conn: &Connection,
    coupon: CouponId,
    user: Option<UserId>,
    email: &str,
) -> Result<(i64, i64), Error> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum((?2 IS NOT NULL AND r.user_id = ?2) OR o.email = ?3), 0)
             FROM coupon_redemptions r JOIN orders o ON o.id = r.order_id WHERE r.coupon_id = ?1",
        )?
        .query_row(params![coupon, user, email], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub fn redeem(
    conn: &Connection,
    coupon: CouponId,
    order: OrderId,
    user: Option<UserId>,
) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO coupon_redemptions (coupon_id, order_id, user_id, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![coupon, order, user, crate::db::now()])?;
    Ok(())
}

/// A cancelled order gives its coupon use back.
pub fn release_redemption(conn: &Connection, order: OrderId) -> Result<(), Error> {
    conn.prepare_cached("DELETE FROM coupon_redemptions WHERE order_id = ?1")?
        .execute([order])?;
    Ok(())
}

/// The order made with this idempotency key, and the hash of its request.
pub fn find_key(conn: &Connection, user: UserId, key: &str) -> Result<Option<(OrderId, String)>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT order_id, request_hash FROM idempotency_keys WHERE user_id = ?1 AND key = ?2",
        )?
        .query_row(params![user, key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn insert_key(
    conn: &Connection,
    user: UserId,
    key: &str,
    hash: &str,
    order: OrderId,
) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, order_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![user, key, hash, order, crate::db::now()])?;
    Ok(())
}

/// The order a guest session made with this idempotency key, and the hash
/// of its request.
pub fn find_guest_key(
    conn: &Connection,
    session: SessionId,
    key: &str,
) -> Result<Option<(OrderId, String)>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT order_id, request_hash FROM guest_checkout_keys WHERE session_id = ?1 AND key = ?2",
        )?
        .query_row(params![session, key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn insert_guest_key(
    conn: &Connection,
    session: SessionId,
    key: &str,
    hash: &str,
    order: OrderId,
) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO guest_checkout_keys (session_id, key, request_hash, order_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![session, key, hash, order, crate::db::now()])?;
    Ok(())
}

/// How many orders are in each status, for the back office's dashboard.
pub fn count_by_status(conn: &Connection) -> Result<std::collections::BTreeMap<String, i64>, Error> {
    let mut stmt = conn.prepare_cached("SELECT status, count(*) FROM orders GROUP BY status")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many orders placed with `email` (or by `user`, whatever address
/// they had then) hold stock while waiting for their payment: the cap of
/// `max_unpaid_orders` per e-mail address counts these.
pub fn count_awaiting_payment(conn: &Connection, email: &str, user: Option<UserId>) -> Result<i64, Error> {
    Ok(conn
        .prepare_cached(AWAITING_PAYMENT)?
        .query_row(params![email, user], |r| r.get(0))?)
}

/// The `+` keeps SQLite off the index on `status`, which it would
/// otherwise take: every checkout then read every unpaid order of the
/// shop (4 ms with 10,000 of them, most of the writer's time under load)
/// instead of this customer's orders through the e-mail and user indexes.
const AWAITING_PAYMENT: &str = "SELECT count(*) FROM orders
     WHERE +status = 'pending_payment' AND (email = ?1 OR user_id = ?2)";

/// How many guests' orders from `client_ip` wait for their payment: the
/// cap per client address counts these (signed-in customers may share an
/// office's address; guests have nothing else to tell them apart).
pub fn count_guest_awaiting_payment(conn: &Connection, client_ip: &str) -> Result<i64, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM orders
             WHERE client_ip = ?1 AND status = 'pending_payment' AND user_id IS NULL",
        )?
        .query_row([client_ip], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unpaid_orders_of_a_customer_are_counted_through_their_own_indexes() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate::migrate(&mut conn, crate::db::migrate::MIGRATIONS).unwrap();
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {AWAITING_PAYMENT}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(params!["ana@example.com", 7], |r| r.get(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let plan = plan.join("; ");
        assert!(plan.contains("USING INDEX orders_by_email (email=?)"), "{plan}");
        assert!(plan.contains("USING INDEX orders_by_user (user_id=?)"), "{plan}");
        assert!(!plan.contains("orders_by_status"), "{plan}");
    }
}

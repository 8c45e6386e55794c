//! What a cart costs at checkout: line totals, coupon discount, shipping and
//! tax, as one [`Quote`]. Pure rules: the checkout reads prices, settings and
//! coupon use inside its transaction and passes them in.
//!
//! # The rules
//!
//! **Lines.** Each line is a product, its unit price as the shop has it now,
//! and a quantity from 1 to 999. Its total is unit price × quantity. The
//! subtotal is the sum of the line totals.
//!
//! **Rounding.** There is one rule, half up: a result that falls between two
//! cents goes to the nearer cent, and one exactly halfway goes up (73.5 cents
//! → 74 cents). It is applied to each line on its own, and the order's
//! amounts are the sums of the lines' rounded amounts, so the lines of an
//! order always add up to its totals.
//!
//! **Coupons.** A coupon takes a percentage off (1 to 100) or a fixed amount
//! off. A percent coupon takes that percentage of each line, rounded. A fixed
//! coupon never takes more than the subtotal; it is shared out over the lines
//! in proportion to their totals, each share rounded down, and the cents left
//! over go one each to the largest lines (the earlier line first when two
//! are equal), so that the shares add up to exactly the coupon's amount.
//! A coupon is refused, with a message for the customer, when:
//! - it has a start and it is not that time yet;
//! - it has an end and that time has come (it works up to, not at, its end);
//! - the subtotal, before any discount, is below the coupon's minimum;
//! - it has a usage limit and has been redeemed that many times already;
//! - it is once per customer and this customer has redeemed it before.
//!
//! **Tax.** The tax rate is in basis points (2100 = 21%, 0 to 10000). Tax is
//! worked out per line, on the line's amount after its discount:
//! - when prices exclude tax, the tax is that amount × rate, rounded, and is
//!   added to the total;
//! - when prices include tax, the amount already holds the tax: the price
//!   without tax is amount ÷ (1 + rate), rounded, and the tax is the
//!   difference. It is reported, but not added again.
//!
//! **Shipping.** "standard" costs the shop's flat fee, and nothing when the
//! subtotal after the discount reaches the free-shipping threshold (when
//! prices exclude tax, that is before tax). "pickup" is always free. Any
//! other method is refused. Shipping is not taxed.
//!
//! **Totals.** total = subtotal − discount + shipping + tax (the tax only
//! when prices exclude it). No amount is ever negative and the discount is
//! never more than the subtotal. An amount too large to compute is an error.

use std::cmp::Reverse;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Error;
use crate::ids::ProductId;
use crate::money::Cents;
pub use crate::order_types::ShippingMethod;

pub const MAX_QUANTITY: u32 = 999;
/// 100% in basis points.
pub const MAX_TAX_RATE_BP: u32 = 10_000;

/// One line of the cart, with the price read in the checkout's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CartLine {
    pub product_id: ProductId,
    pub unit_price: Cents,
    pub quantity: u32,
}

/// The shop's settings that pricing depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PricingSettings {
    /// Basis points: 2100 is 21%.
    pub tax_rate_bp: u32,
    pub prices_include_tax: bool,
    pub shipping_fee: Cents,
    pub free_shipping_threshold: Option<Cents>,
}

/// Shipping methods are parsed here, where their price and error are.
impl ShippingMethod {
    /// The method a request names; none named is standard.
    pub fn chosen(name: Option<&str>) -> Result<ShippingMethod, PricingError> {
        name.map_or(Ok(ShippingMethod::Standard), str::parse)
    }
}

impl FromStr for ShippingMethod {
    type Err = PricingError;

    fn from_str(name: &str) -> Result<ShippingMethod, PricingError> {
        ShippingMethod::from_name(name).ok_or_else(|| PricingError::UnknownShippingMethod(name.to_string()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouponKind {
    /// 1 to 100 percent off each line.
    Percent(u32),
    /// A fixed amount above zero off the order.
    Fixed(Cents),
}

impl CouponKind {
    /// The kind from its stored or typed parts: `"percent"` or `"fixed"`
    /// and the value; the message says what is wrong with the value.
    pub fn from_parts(kind: &str, value: i64) -> Result<CouponKind, &'static str> {
        let coupon = match kind {
            "percent" => CouponKind::Percent(u32::try_from(value).unwrap_or(0)),
            "fixed" => CouponKind::Fixed(Cents(value)),
            _ => return Err("must be percent or fixed"),
        };
        coupon.check().map(|()| coupon)
    }

    fn check(self) -> Result<(), &'static str> {
        match self {
            CouponKind::Percent(percent) if !(1..=100).contains(&percent) => {
                Err("a percent coupon takes a value from 1 to 100")
            }
            CouponKind::Fixed(amount) if amount.0 <= 0 => Err("a fixed coupon takes an amount above 0"),
            _ => Ok(()),
        }
    }
}

/// A coupon as stored. Whether the code exists is the caller's business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coupon {
    pub code: String,
    pub kind: CouponKind,
    pub min_subtotal: Cents,
    /// The first moment it works.
    pub starts_at: Option<DateTime<Utc>>,
    /// The first moment it no longer works.
    pub ends_at: Option<DateTime<Utc>>,
    /// How many redemptions in all it allows.
    pub usage_limit: Option<u32>,
    pub once_per_customer: bool,
}

/// How often a coupon has been redeemed, read in the checkout's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Redemptions {
    pub total: u32,
    pub by_customer: u32,
}

/// One priced line, as in the quote answer of API.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuoteLine {
    pub product_id: ProductId,
    pub unit_price_cents: Cents,
    pub quantity: u32,
    pub line_total_cents: Cents,
    pub discount_cents: Cents,
    /// Added to the total when prices exclude tax; included in the line's
    /// amount when they include it.
    pub tax_cents: Cents,
}

/// What the order costs; each amount is the sum of the lines' amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub subtotal_cents: Cents,
    pub discount_cents: Cents,
    pub shipping_cents: Cents,
    pub tax_cents: Cents,
    pub total_cents: Cents,
    pub lines: Vec<QuoteLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("unknown shipping method {0:?}; choose standard or pickup")]
    UnknownShippingMethod(String),
    #[error(transparent)]
    Coupon(#[from] CouponRefusal),
    /// A value that the shop's own rules forbid, such as a quantity of 0:
    /// a bug or a damaged database, not the customer's mistake.
    #[error("invalid pricing input: {0}")]
    InvalidInput(&'static str),
    #[error("the order's amounts are too large")]
    Overflow,
}

/// Why a coupon does not apply to this checkout; the message is for the
/// customer, next to the coupon field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CouponRefusal {
    #[error("this coupon is valid from {}", moment(.starts_at))]
    NotStarted { starts_at: DateTime<Utc> },
    #[error("this coupon expired on {}", moment(.ends_at))]
    Expired { ends_at: DateTime<Utc> },
    #[error("this coupon needs a subtotal of at least {min_subtotal}")]
    BelowMinimum { min_subtotal: Cents },
    #[error("this coupon has been used as many times as it may be")]
    UsageLimitReached,
    #[error("you have already used this coupon")]
    AlreadyUsed,
}

fn moment(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The customer's mistakes are 422s on their field; bad stored data is ours.
impl From<PricingError> for Error {
    fn from(e: PricingError) -> Error {
        match &e {
            PricingError::UnknownShippingMethod(_) => Error::field("shipping_method", e.to_string()),
            PricingError::Coupon(_) => Error::field("coupon_code", e.to_string()),
            PricingError::Overflow => Error::Validation {
                message: e.to_string(),
                fields: Default::default(),
            },
            PricingError::InvalidInput(_) => Error::internal(e),
        }
    }
}

/// Whether `coupon` applies to a cart of `subtotal` (before discount) at
/// `now`; the first rule it fails, in the order of the module's docs.
pub fn check_coupon(
    coupon: &Coupon,
    used: Redemptions,
    subtotal: Cents,
    now: DateTime<Utc>,
) -> Result<(), CouponRefusal> {
    if let Some(starts_at) = coupon.starts_at.filter(|start| now < *start) {
        return Err(CouponRefusal::NotStarted { starts_at });
    }
    if let Some(ends_at) = coupon.ends_at.filter(|end| now >= *end) {
        return Err(CouponRefusal::Expired { ends_at });
    }
    if subtotal < coupon.min_subtotal {
        return Err(CouponRefusal::BelowMinimum {
            min_subtotal: coupon.min_subtotal,
        });
    }
    if coupon.usage_limit.is_some_and(|limit| used.total >= limit) {
        return Err(CouponRefusal::UsageLimitReached);
    }
    if coupon.once_per_customer && used.by_customer > 0 {
        return Err(CouponRefusal::AlreadyUsed);
    }
    Ok(())
}

/// Prices `lines` by the rules of the module's docs. The lines of the quote
/// are in the order of `lines`.
pub fn quote(
    lines: &[CartLine],
    settings: &PricingSettings,
    shipping: ShippingMethod,
    coupon: Option<(&Coupon, Redemptions)>,
    now: DateTime<Utc>,
) -> Result<Quote, PricingError> {
    check_input(lines, settings, coupon.map(|(coupon, _)| coupon))?;
    let totals = lines
        .iter()
        .map(|line| line.unit_price.checked_mul(line.quantity.into()))
        .collect::<Option<Vec<Cents>>>()
        .ok_or(PricingError::Overflow)?;
    let discounts = match coupon {
        None => vec![Cents(0); totals.len()],
        Some((coupon, used)) => {
            let subtotal = sum(totals.iter().copied())?;
            check_coupon(coupon, used, subtotal, now)?;
            discounts(coupon.kind, &totals, subtotal)?
        }
    };
    let lines = lines
        .iter()
        .zip(totals.into_iter().zip(discounts))
        .map(|(line, (total, discount))| priced_line(settings, line, total, discount))
        .collect::<Result<Vec<QuoteLine>, PricingError>>()?;
    add_up(settings, shipping, lines)
}

fn priced_line(
    settings: &PricingSettings,
    line: &CartLine,
    total: Cents,
    discount: Cents,
) -> Result<QuoteLine, PricingError> {
    let tax = total
        .checked_sub(discount)
        .and_then(|amount| line_tax(settings, amount))
        .ok_or(PricingError::Overflow)?;
    Ok(QuoteLine {
        product_id: line.product_id,
        unit_price_cents: line.unit_price,
        quantity: line.quantity,
        line_total_cents: total,
        discount_cents: discount,
        tax_cents: tax,
    })
}

/// The order's amounts: the sums of the lines', shipping and the total.
fn add_up(
    settings: &PricingSettings,
    shipping: ShippingMethod,
    lines: Vec<QuoteLine>,
) -> Result<Quote, PricingError> {
    let subtotal = sum(lines.iter().map(|line| line.line_total_cents))?;
    let discount = sum(lines.iter().map(|line| line.discount_cents))?;
    let tax = sum(lines.iter().map(|line| line.tax_cents))?;
    let after_discount = subtotal.checked_sub(discount).ok_or(PricingError::Overflow)?;
    let shipping_cents = shipping_cost(settings, shipping, after_discount);
    let added_tax = if settings.prices_include_tax {
        Cents(0)
    } else {
        tax
    };
    Ok(Quote {
        subtotal_cents: subtotal,
        discount_cents: discount,
        shipping_cents,
        tax_cents: tax,
        total_cents: sum([after_discount, shipping_cents, added_tax])?,
        lines,
    })
}

/// The values the rules assume: with them no amount can come out negative.
fn check_input(
    lines: &[CartLine],
    settings: &PricingSettings,
    coupon: Option<&Coupon>,
) -> Result<(), PricingError> {
    let require = |rule: bool, message: &'static str| {
        if rule {
            Ok(())
        } else {
            Err(PricingError::InvalidInput(message))
        }
    };
    require(settings.tax_rate_bp <= MAX_TAX_RATE_BP, "tax rate above 100%")?;
    require(settings.shipping_fee.0 >= 0, "negative shipping fee")?;
    require(
        settings.free_shipping_threshold.is_none_or(|t| t.0 >= 0),
        "negative free-shipping threshold",
    )?;
    for line in lines {
        require(line.unit_price.0 >= 0, "negative unit price")?;
        require(
            (1..=MAX_QUANTITY).contains(&line.quantity),
            "quantity outside 1..=999",
        )?;
    }
    if let Some(coupon) = coupon {
        coupon.kind.check().map_err(PricingError::InvalidInput)?;
        require(coupon.min_subtotal.0 >= 0, "negative coupon minimum")?;
    }
    Ok(())
}

fn sum(amounts: impl IntoIterator<Item = Cents>) -> Result<Cents, PricingError> {
    Cents::checked_sum(amounts).ok_or(PricingError::Overflow)
}

/// Each line's share of the coupon, in the order of `totals`.
fn discounts(kind: CouponKind, totals: &[Cents], subtotal: Cents) -> Result<Vec<Cents>, PricingError> {
    match kind {
        CouponKind::Percent(percent) => totals
            .iter()
            .map(|total| total.mul_div_round(percent.into(), 100))
            .collect::<Option<Vec<Cents>>>()
            .ok_or(PricingError::Overflow),
        CouponKind::Fixed(amount) => spread(amount.min(subtotal), totals, subtotal),
    }
}

/// `amount` (at most `subtotal`, the sum of `totals`) shared in proportion
/// to `totals`, rounded down, the cents left over going one each to the
/// largest lines. Fewer cents are left over than there are lines with a
/// share that was rounded down, so no line gets more than its total.
fn spread(amount: Cents, totals: &[Cents], subtotal: Cents) -> Result<Vec<Cents>, PricingError> {
    if subtotal.0 == 0 {
        return Ok(vec![Cents(0); totals.len()]);
    }
    let mut shares = totals
        .iter()
        .map(|total| total.mul_div_floor(amount.0, subtotal.0))
        .collect::<Option<Vec<Cents>>>()
        .ok_or(PricingError::Overflow)?;
    let left_over = amount.0 - sum(shares.iter().copied())?.0;
    let mut largest_first: Vec<usize> = (0..totals.len()).collect();
    // A stable sort: of two equal lines, the earlier one comes first.
    largest_first.sort_by_key(|&i| Reverse(totals[i]));
    let left_over = usize::try_from(left_over).map_err(|_| PricingError::Overflow)?;
    for &i in largest_first.iter().take(left_over) {
        shares[i].0 += 1;
    }
    Ok(shares)
}

/// The tax of a line whose amount after discount is `amount`.
fn line_tax(settings: &PricingSettings, amount: Cents) -> Option<Cents> {
    let rate = i64::from(settings.tax_rate_bp);
    let full = i64::from(MAX_TAX_RATE_BP);
    if settings.prices_include_tax {
        amount.checked_sub(amount.mul_div_round(full, full + rate)?)
    } else {
        amount.mul_div_round(rate, full)
    }
}

fn shipping_cost(settings: &PricingSettings, method: ShippingMethod, after_discount: Cents) -> Cents {
    match method {
        ShippingMethod::Pickup => Cents(0),
        ShippingMethod::Standard
            if settings
                .free_shipping_threshold
                .is_some_and(|threshold| after_discount >= threshold) =>
        {
            Cents(0)
        }
        ShippingMethod::Standard => settings.shipping_fee,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    use super::*;

    const A: ProductId = ProductId(1);
    const B: ProductId = ProductId(2);
    const C: ProductId = ProductId(3);

    fn line(product_id: ProductId, unit_price: i64, quantity: u32) -> CartLine {
        CartLine {
            product_id,
            unit_price: Cents(unit_price),
            quantity,
        }
    }

    /// 12.99 × 2, 3.35 × 1 and 0.50 × 7.
    fn three_lines() -> Vec<CartLine> {
        vec![line(A, 1299, 2), line(B, 335, 1), line(C, 50, 7)]
    }

    fn settings(tax_rate_bp: u32, prices_include_tax: bool) -> PricingSettings {
        PricingSettings {
            tax_rate_bp,
            prices_include_tax,
            shipping_fee: Cents(495),
            free_shipping_threshold: None,
        }
    }

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    fn coupon(kind: CouponKind) -> Coupon {
        Coupon {
            code: "AUTUMN".into(),
            kind,
            min_subtotal: Cents(0),
            starts_at: None,
            ends_at: None,
            usage_limit: None,
            once_per_customer: false,
        }
    }

    fn price(lines: &[CartLine], settings: &PricingSettings, coupon: Option<&Coupon>) -> Quote {
        let coupon = coupon.map(|c| (c, Redemptions::default()));
        quote(lines, settings, ShippingMethod::Standard, coupon, at(22, 10)).unwrap()
    }

    fn column(quote: &Quote, amount: fn(&QuoteLine) -> Cents) -> Vec<i64> {
        quote.lines.iter().map(|l| amount(l).0).collect()
    }

    #[test]
    fn tax_exclusive_is_added_per_line() {
        // Line totals: 25.98, 3.35 and 3.50; subtotal 32.83.
        // Tax at 21%: 25.98 × 0.21 = 5.4558 → 5.46; 3.35 × 0.21 = 0.7035 →
        // 0.70; 3.50 × 0.21 = 0.735 → 0.74 (half up). Tax 6.90 (on the
        // subtotal it would be 6.8943 → 6.89: the lines decide).
        // Total: 32.83 + 4.95 shipping + 6.90 = 44.68.
        let q = price(&three_lines(), &settings(2100, false), None);
        assert_eq!(column(&q, |l| l.line_total_cents), [2598, 335, 350]);
        assert_eq!(column(&q, |l| l.tax_cents), [546, 70, 74]);
        assert_eq!(column(&q, |l| l.discount_cents), [0, 0, 0]);
        assert_eq!(q.subtotal_cents, Cents(3283));
        assert_eq!(q.discount_cents, Cents(0));
        assert_eq!(q.shipping_cents, Cents(495));
        assert_eq!(q.tax_cents, Cents(690));
        assert_eq!(q.total_cents, Cents(4468));
    }

    #[test]
    fn tax_inclusive_is_reported_not_added() {
        // Without tax: 25.98 / 1.21 = 21.4711 → 21.47, tax 4.51;
        // 3.35 / 1.21 = 2.7686 → 2.77, tax 0.58; 3.50 / 1.21 = 2.8926 →
        // 2.89, tax 0.61. Tax 5.70, inside the total 32.83 + 4.95 = 37.78.
        let q = price(&three_lines(), &settings(2100, true), None);
        assert_eq!(column(&q, |l| l.tax_cents), [451, 58, 61]);
        assert_eq!(q.subtotal_cents, Cents(3283));
        assert_eq!(q.tax_cents, Cents(570));
        assert_eq!(q.total_cents, Cents(3778));
    }

    #[test]
    fn tax_inclusive_is_taken_from_the_discounted_amount() {
        // 12.10 less 10% = 10.89; 10.89 / 1.21 = 9.00, so the tax is 1.89.
        let percent = coupon(CouponKind::Percent(10));
        let q = price(&[line(A, 1210, 1)], &settings(2100, true), Some(&percent));
        assert_eq!(q.discount_cents, Cents(121));
        assert_eq!(q.tax_cents, Cents(189));
        assert_eq!(q.total_cents, Cents(1089 + 495));
    }

    #[test]
    fn percent_coupon_is_taken_per_line_then_taxed() {
        // 15% of 25.98 = 3.897 → 3.90; of 3.35 = 0.5025 → 0.50; of 3.50 =
        // 0.525 → 0.53 (half up). Discount 4.93.
        // Tax at 21% on 22.08, 2.85 and 2.97: 4.6368 → 4.64, 0.5985 → 0.60,
        // 0.6237 → 0.62; tax 5.86.
        // Total: 32.83 − 4.93 + 4.95 + 5.86 = 38.71.
        let percent = coupon(CouponKind::Percent(15));
        let q = price(&three_lines(), &settings(2100, false), Some(&percent));
        assert_eq!(column(&q, |l| l.discount_cents), [390, 50, 53]);
        assert_eq!(column(&q, |l| l.tax_cents), [464, 60, 62]);
        assert_eq!(q.discount_cents, Cents(493));
        assert_eq!(q.tax_cents, Cents(586));
        assert_eq!(q.total_cents, Cents(3871));
    }

    #[test]
    fn hundred_percent_coupon_leaves_shipping_only() {
        let all = coupon(CouponKind::Percent(100));
        let q = price(&three_lines(), &settings(2100, false), Some(&all));
        assert_eq!(q.discount_cents, q.subtotal_cents);
        assert_eq!(q.tax_cents, Cents(0));
        assert_eq!(q.total_cents, Cents(495));
    }

    #[test]
    fn fixed_coupon_is_spread_with_the_left_over_cents_on_the_largest_lines() {
        // 0.07 off lines of 1.00, 7.00 and 2.00 (subtotal 10.00): shares
        // 0.7, 4.9 and 1.4 cents, rounded down 0, 4 and 1 = 5 cents. The 2
        // cents left go to the largest lines, 7.00 and then 2.00: 0, 5, 2.
        let seven = coupon(CouponKind::Fixed(Cents(7)));
        let lines = [line(A, 100, 1), line(B, 700, 1), line(C, 200, 1)];
        let q = price(&lines, &settings(0, false), Some(&seven));
        assert_eq!(column(&q, |l| l.discount_cents), [0, 5, 2]);
        assert_eq!(q.discount_cents, Cents(7));
        assert_eq!(q.total_cents, Cents(1000 - 7 + 495));
    }

    #[test]
    fn fixed_coupon_left_over_goes_to_the_earlier_of_equal_lines() {
        // 1.00 over three lines of 1.00: 33.3 cents each → 33, 1 cent left.
        let one = coupon(CouponKind::Fixed(Cents(100)));
        let lines = [line(A, 100, 1), line(B, 50, 2), line(C, 100, 1)];
        let q = price(&lines, &settings(0, false), Some(&one));
        assert_eq!(column(&q, |l| l.discount_cents), [34, 33, 33]);
    }

    #[test]
    fn fixed_coupon_is_capped_at_the_subtotal() {
        // 50.00 off a cart of 6.00 takes 6.00: every line is free, with no
        // tax left on it, and the customer pays the shipping.
        let fifty = coupon(CouponKind::Fixed(Cents(5000)));
        let lines = [line(A, 100, 1), line(B, 200, 1), line(C, 300, 1)];
        let q = price(&lines, &settings(2100, false), Some(&fifty));
        assert_eq!(column(&q, |l| l.discount_cents), [100, 200, 300]);
        assert_eq!(q.discount_cents, Cents(600));
        assert_eq!(q.tax_cents, Cents(0));
        assert_eq!(q.total_cents, Cents(495));
    }

    #[test]
    fn fixed_coupon_on_free_products_takes_nothing() {
        let five = coupon(CouponKind::Fixed(Cents(500)));
        let q = price(&[line(A, 0, 3)], &settings(2100, false), Some(&five));
        assert_eq!(q.discount_cents, Cents(0));
        assert_eq!(q.total_cents, Cents(495));
    }

    #[test]
    fn free_shipping_from_the_threshold_after_discount() {
        let shop = PricingSettings {
            free_shipping_threshold: Some(Cents(5000)),
            ..settings(0, false)
        };
        let off = |cents| coupon(CouponKind::Fixed(Cents(cents)));
        // 55.00 less 5.00 is exactly 50.00: free.
        let q = price(&[line(A, 5500, 1)], &shop, Some(&off(500)));
        assert_eq!((q.shipping_cents, q.total_cents), (Cents(0), Cents(5000)));
        // Less 5.01 it is 49.99: the fee.
        let q = price(&[line(A, 5500, 1)], &shop, Some(&off(501)));
        assert_eq!((q.shipping_cents, q.total_cents), (Cents(495), Cents(4999 + 495)));
        // Without a coupon, 50.00 exactly: free.
        let q = price(&[line(A, 2500, 2)], &shop, None);
        assert_eq!(q.shipping_cents, Cents(0));
    }

    #[test]
    fn free_shipping_threshold_is_before_tax_when_tax_is_added() {
        // 42.00 + 21% = 50.82 to pay, but 42.00 is below the 50.00 threshold.
        let shop = PricingSettings {
            free_shipping_threshold: Some(Cents(5000)),
            ..settings(2100, false)
        };
        let q = price(&[line(A, 4200, 1)], &shop, None);
        assert_eq!(q.shipping_cents, Cents(495));
        assert_eq!(q.total_cents, Cents(4200 + 882 + 495));
    }

    #[test]
    fn pickup_is_free() {
        let q = quote(
            &three_lines(),
            &settings(2100, false),
            ShippingMethod::Pickup,
            None,
            at(22, 10),
        )
        .unwrap();
        assert_eq!(q.shipping_cents, Cents(0));
        assert_eq!(q.total_cents, Cents(3283 + 690));
    }

    #[test]
    fn shipping_methods_by_name() {
        assert_eq!(ShippingMethod::chosen(None), Ok(ShippingMethod::Standard));
        assert_eq!(
            ShippingMethod::chosen(Some("standard")),
            Ok(ShippingMethod::Standard)
        );
        assert_eq!(ShippingMethod::chosen(Some("pickup")), Ok(ShippingMethod::Pickup));
        for name in ["", "express", "Pickup", " pickup"] {
            assert_eq!(
                ShippingMethod::chosen(Some(name)),
                Err(PricingError::UnknownShippingMethod(name.into()))
            );
        }
        let e = Error::from(ShippingMethod::from_str("drone").unwrap_err());
        assert_eq!(e.status().code, 422);
        assert!(
            e.to_json()["error"]["fields"]["shipping_method"].is_array(),
            "{e:?}"
        );
    }

    fn refusal(coupon: &Coupon, used: Redemptions, subtotal: i64, now: DateTime<Utc>) -> String {
        let lines = [line(A, subtotal, 1)];
        let e = quote(
            &lines,
            &settings(0, false),
            ShippingMethod::Standard,
            Some((coupon, used)),
            now,
        )
        .unwrap_err();
        assert_eq!(
            e,
            PricingError::Coupon(check_coupon(coupon, used, Cents(subtotal), now).unwrap_err())
        );
        e.to_string()
    }

    #[test]
    fn coupon_not_started_yet() {
        let early = Coupon {
            starts_at: Some(at(23, 9)),
            ..coupon(CouponKind::Percent(10))
        };
        let message = refusal(&early, Redemptions::default(), 1000, at(23, 8));
        assert_eq!(message, "this coupon is valid from 2026-11-23 09:00 UTC");
        assert!(check_coupon(&early, Redemptions::default(), Cents(1000), at(23, 9)).is_ok());
    }

    #[test]
    fn coupon_expired_at_its_end() {
        let late = Coupon {
            ends_at: Some(at(21, 0)),
            ..coupon(CouponKind::Percent(10))
        };
        let message = refusal(&late, Redemptions::default(), 1000, at(21, 0));
        assert_eq!(message, "this coupon expired on 2026-11-21 00:00 UTC");
        let before = at(21, 0) - chrono::Duration::seconds(1);
        assert!(check_coupon(&late, Redemptions::default(), Cents(1000), before).is_ok());
    }

    #[test]
    fn coupon_below_its_minimum_subtotal() {
        let big = Coupon {
            min_subtotal: Cents(3000),
            ..coupon(CouponKind::Fixed(Cents(500)))
        };
        let message = refusal(&big, Redemptions::default(), 2999, at(22, 10));
        assert_eq!(message, "this coupon needs a subtotal of at least 30.00");
        assert!(check_coupon(&big, Redemptions::default(), Cents(3000), at(22, 10)).is_ok());
    }

    #[test]
    fn coupon_used_up() {
        let limited = Coupon {
            usage_limit: Some(100),
            ..coupon(CouponKind::Percent(10))
        };
        let used = |total| Redemptions {
            total,
            by_customer: 0,
        };
        let message = refusal(&limited, used(100), 1000, at(22, 10));
        assert_eq!(message, "this coupon has been used as many times as it may be");
        assert!(check_coupon(&limited, used(99), Cents(1000), at(22, 10)).is_ok());
    }

    #[test]
    fn coupon_once_per_customer() {
        let once = Coupon {
            once_per_customer: true,
            ..coupon(CouponKind::Percent(10))
        };
        let used = |by_customer| Redemptions {
            total: 5,
            by_customer,
        };
        let message = refusal(&once, used(1), 1000, at(22, 10));
        assert_eq!(message, "you have already used this coupon");
        assert!(check_coupon(&once, used(0), Cents(1000), at(22, 10)).is_ok());
        let again = coupon(CouponKind::Percent(10));
        assert!(check_coupon(&again, used(3), Cents(1000), at(22, 10)).is_ok());
    }

    #[test]
    fn coupon_refusal_is_a_422_on_the_coupon_field() {
        let e = Error::from(PricingError::Coupon(CouponRefusal::BelowMinimum {
            min_subtotal: Cents(3000),
        }));
        assert_eq!(e.status().code, 422);
        assert_eq!(
            e.to_json()["error"]["fields"]["coupon_code"][0],
            "this coupon needs a subtotal of at least 30.00"
        );
    }

    #[test]
    fn coupon_kinds_from_their_parts() {
        assert_eq!(CouponKind::from_parts("percent", 15), Ok(CouponKind::Percent(15)));
        assert_eq!(
            CouponKind::from_parts("fixed", 500),
            Ok(CouponKind::Fixed(Cents(500)))
        );
        for (kind, value) in [
            ("percent", 0),
            ("percent", 101),
            ("percent", -5),
            ("fixed", 0),
            ("fixed", -1),
        ] {
            assert!(CouponKind::from_parts(kind, value).is_err(), "{kind} {value}");
        }
        assert_eq!(CouponKind::from_parts("free", 1), Err("must be percent or fixed"));
    }

    #[test]
    fn values_the_shop_forbids_are_errors_not_panics() {
        let ok = settings(2100, false);
        let price_with = |lines: &[CartLine], settings: &PricingSettings, coupon: Option<&Coupon>| {
            let coupon = coupon.map(|c| (c, Redemptions::default()));
            quote(lines, settings, ShippingMethod::Standard, coupon, at(22, 10))
        };
        let invalid = |r: Result<Quote, PricingError>| matches!(r, Err(PricingError::InvalidInput(_)));
        assert!(invalid(price_with(&[line(A, 100, 0)], &ok, None)));
        assert!(invalid(price_with(&[line(A, 100, 1000)], &ok, None)));
        assert!(invalid(price_with(&[line(A, -1, 1)], &ok, None)));
        assert!(invalid(price_with(
            &[line(A, 100, 1)],
            &settings(10_001, false),
            None
        )));
        let negative_fee = PricingSettings {
            shipping_fee: Cents(-1),
            ..ok
        };
        assert!(invalid(price_with(&[line(A, 100, 1)], &negative_fee, None)));
        for kind in [
            CouponKind::Percent(0),
            CouponKind::Percent(101),
            CouponKind::Fixed(Cents(0)),
        ] {
            assert!(invalid(price_with(&[line(A, 100, 1)], &ok, Some(&coupon(kind)))));
        }
        let e = Error::from(PricingError::InvalidInput("quantity outside 1..=999"));
        assert_eq!(e.status().code, 500);
    }

    #[test]
    fn amounts_too_large_are_an_error() {
        let huge = [line(A, i64::MAX / 2, 3)];
        let r = quote(
            &huge,
            &settings(0, false),
            ShippingMethod::Pickup,
            None,
            at(22, 10),
        );
        assert_eq!(r, Err(PricingError::Overflow));
        let two = [line(A, i64::MAX / 2, 1), line(B, i64::MAX / 2, 1)];
        let r = quote(
            &two,
            &settings(2100, false),
            ShippingMethod::Standard,
            None,
            at(22, 10),
        );
        assert_eq!(r, Err(PricingError::Overflow));
    }

    #[test]
    fn empty_cart_costs_the_shipping_only() {
        // The checkout refuses an empty cart; pricing one is still defined.
        let q = price(
            &[],
            &settings(2100, false),
            Some(&coupon(CouponKind::Fixed(Cents(500)))),
        );
        assert_eq!(
            (q.subtotal_cents, q.discount_cents, q.total_cents),
            (Cents(0), Cents(0), Cents(495))
        );
    }

    #[test]
    fn quote_has_the_field_names_of_the_api() {
        let q = price(&three_lines(), &settings(2100, false), None);
        let json = serde_json::to_value(&q).unwrap();
        let mut keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "discount_cents",
                "lines",
                "shipping_cents",
                "subtotal_cents",
                "tax_cents",
                "total_cents"
            ]
        );
        assert_eq!(
            json["lines"][0],
            serde_json::json!({
                "product_id": 1, "unit_price_cents": 1299, "quantity": 2,
                "line_total_cents": 2598, "discount_cents": 0, "tax_cents": 546,
            })
        );
        assert_eq!(serde_json::to_value(ShippingMethod::Pickup).unwrap(), "pickup");
    }

    fn random_settings(rng: &mut StdRng) -> PricingSettings {
        PricingSettings {
            tax_rate_bp: *[0, 400, 1000, 2100, 2750, 10_000, rng.gen_range(0..=10_000)]
                .get(rng.gen_range(0..7))
                .expect("index is in range"),
            prices_include_tax: rng.gen_bool(0.5),
            shipping_fee: Cents(rng.gen_range(0..=10_000)),
            free_shipping_threshold: rng.gen_bool(0.5).then(|| Cents(rng.gen_range(0..=20_000_000))),
        }
    }

    fn random_lines(rng: &mut StdRng) -> Vec<CartLine> {
        (0..rng.gen_range(1..=10))
            .map(|i| {
                // Mostly any price, but also small and free ones, where the
                // rounding and the left-over cents of a spread show most.
                let unit_price = match rng.gen_range(0..4) {
                    0 => 0,
                    1 => rng.gen_range(0..=1_000),
                    _ => rng.gen_range(0..=100_000_000),
                };
                let quantity = if rng.gen_bool(0.5) {
                    rng.gen_range(1..=3)
                } else {
                    rng.gen_range(1..=MAX_QUANTITY)
                };
                line(ProductId(i + 1), unit_price, quantity)
            })
            .collect()
    }

    /// A coupon that applies to a cart of `subtotal`.
    fn random_coupon(rng: &mut StdRng, subtotal: i64) -> Option<Coupon> {
        let kind = match rng.gen_range(0..3) {
            0 => return None,
            1 => CouponKind::Percent(rng.gen_range(1..=100)),
            _ => CouponKind::Fixed(Cents(rng.gen_range(1..=subtotal.saturating_mul(2).max(1)))),
        };
        Some(Coupon {
            min_subtotal: Cents(rng.gen_range(0..=subtotal)),
            starts_at: Some(at(1, 0)),
            ends_at: Some(at(30, 0)),
            usage_limit: Some(rng.gen_range(1..=1_000)),
            once_per_customer: rng.gen_bool(0.5),
            ..coupon(kind)
        })
    }

    #[test]
    fn every_quote_adds_up_and_has_no_negative_amount() {
        let mut rng = StdRng::seed_from_u64(20_261_122);
        for cart in 0..10_000 {
            let lines = random_lines(&mut rng);
            let settings = random_settings(&mut rng);
            let shipping = ShippingMethod::ALL[rng.gen_range(0..2)];
            let subtotal: i64 = lines.iter().map(|l| l.unit_price.0 * i64::from(l.quantity)).sum();
            let coupon = random_coupon(&mut rng, subtotal);
            let used = Redemptions::default();
            let q = quote(
                &lines,
                &settings,
                shipping,
                coupon.as_ref().map(|c| (c, used)),
                at(22, 10),
            )
            .unwrap_or_else(|e| panic!("cart {cart}: {e}"));
            let context = format!("cart {cart}: {lines:?} {settings:?} {shipping:?} {coupon:?} → {q:?}");
            assert_adds_up(&q, &lines, &settings, &context);
            assert_follows_the_coupon(&q, coupon.as_ref().map(|c| c.kind), &context);
            assert_follows_shipping(&q, &settings, shipping, &context);
        }
    }

    fn assert_adds_up(q: &Quote, lines: &[CartLine], settings: &PricingSettings, context: &str) {
        let sum =
            |amount: fn(&QuoteLine) -> Cents| q.lines.iter().map(|l| i128::from(amount(l).0)).sum::<i128>();
        let wide = |c: Cents| i128::from(c.0);
        assert_eq!(q.lines.len(), lines.len(), "{context}");
        for (priced, line) in q.lines.iter().zip(lines) {
            assert_eq!(priced.product_id, line.product_id, "{context}");
            assert_eq!(priced.quantity, line.quantity, "{context}");
            assert_eq!(
                wide(priced.line_total_cents),
                wide(line.unit_price) * i128::from(line.quantity),
                "{context}"
            );
            assert!(
                priced.discount_cents.0 >= 0 && priced.tax_cents.0 >= 0,
                "{context}"
            );
            assert!(priced.discount_cents <= priced.line_total_cents, "{context}");
            if settings.prices_include_tax {
                assert!(
                    priced.tax_cents.0 <= priced.line_total_cents.0 - priced.discount_cents.0,
                    "{context}"
                );
            }
        }
        assert_eq!(wide(q.subtotal_cents), sum(|l| l.line_total_cents), "{context}");
        assert_eq!(wide(q.discount_cents), sum(|l| l.discount_cents), "{context}");
        assert_eq!(wide(q.tax_cents), sum(|l| l.tax_cents), "{context}");
        for amount in [
            q.subtotal_cents,
            q.discount_cents,
            q.shipping_cents,
            q.tax_cents,
            q.total_cents,
        ] {
            assert!(amount.0 >= 0, "{context}");
        }
        assert!(q.discount_cents <= q.subtotal_cents, "{context}");
        let added_tax = if settings.prices_include_tax {
            0
        } else {
            wide(q.tax_cents)
        };
        assert_eq!(
            wide(q.subtotal_cents) - wide(q.discount_cents) + wide(q.shipping_cents) + added_tax,
            wide(q.total_cents),
            "{context}"
        );
    }

    fn assert_follows_the_coupon(q: &Quote, kind: Option<CouponKind>, context: &str) {
        match kind {
            None => assert_eq!(q.discount_cents, Cents(0), "{context}"),
            Some(CouponKind::Fixed(amount)) => {
                assert_eq!(q.discount_cents, amount.min(q.subtotal_cents), "{context}")
            }
            Some(CouponKind::Percent(percent)) => {
                for l in &q.lines {
                    // Half up: 100 × discount is total × percent, less
                    // at most 49 or more by at most 50.
                    let exact = i128::from(l.line_total_cents.0) * i128::from(percent);
                    let off = i128::from(l.discount_cents.0) * 100 - exact;
                    assert!((-49..=50).contains(&off), "{context}");
                }
            }
        }
    }

    fn assert_follows_shipping(q: &Quote, settings: &PricingSettings, method: ShippingMethod, context: &str) {
        let after_discount = Cents(q.subtotal_cents.0 - q.discount_cents.0);
        let free = method == ShippingMethod::Pickup
            || settings
                .free_shipping_threshold
                .is_some_and(|t| after_discount >= t);
        let expected = if free { Cents(0) } else { settings.shipping_fee };
        assert_eq!(q.shipping_cents, expected, "{context}");
    }
}

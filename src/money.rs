//! Money as whole minor units (cents). Parsed from decimal text exactly,
//! never through a float.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of money in minor units (cents): 1234 is 12.34.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(transparent)]
#[schema(example = 1234)]
pub struct Cents(pub i64);

impl Cents {
    /// Parses a non-negative amount typed by a person: `12.34`, `12`,
    /// `0.5`, `.5`, and with a decimal comma `49,00` or `0,5`. One rule,
    /// stated on the forms: the one dot or comma is the decimal mark, so
    /// `1.234,50`, `1,234.50` and `1,234` (thousands, or three decimals?)
    /// are refused, not guessed at. At most two decimals; no sign,
    /// exponent or spaces inside.
    pub fn parse(text: &str) -> Result<Cents, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Err("is required");
        }
        let marks = text.matches(['.', ',']).count();
        if marks > 1 {
            return Err("must have one decimal mark and no thousands separators, like 1234.50 or 1234,50");
        }
        let (whole, fraction) = match text.split_once(['.', ',']) {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (whole.is_empty() && fraction.is_none_or(str::is_empty)) {
            return Err("must be an amount like 12.34");
        }
        let fraction = fraction.unwrap_or("");
        if !digits(fraction) {
            return Err("must be an amount like 12.34");
        }
        if fraction.len() == 3 && text.contains(',') {
            return Err(
                "must have at most two decimals; thousands separators are not taken (1,234: write 1234)",
            );
        }
        if fraction.len() > 2 {
            return Err("must have at most two decimals");
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| "is too large")?
        };
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(cents))
            .map(Cents)
            .ok_or("is too large")
    }

    pub fn checked_add(self, other: Cents) -> Option<Cents> {
        self.0.checked_add(other.0).map(Cents)
    }

    pub fn checked_sub(self, other: Cents) -> Option<Cents> {
        self.0.checked_sub(other.0).map(Cents)
    }

    pub fn checked_mul(self, n: i64) -> Option<Cents> {
        self.0.checked_mul(n).map(Cents)
    }

    /// The sum of `amounts`, or `None` when it does not fit.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Cents>) -> Option<Cents> {
        amounts
            .into_iter()
            .try_fold(Cents(0), |sum, amount| sum.checked_add(amount))
    }

    /// `self × numerator ÷ denominator`, rounded half up to the cent: a half
    /// cent or more goes away from zero (2.5 → 3, -2.5 → -3), less goes
    /// towards it. `None` when the denominator is not positive or the result
    /// does not fit. The product is taken in 128 bits, so it cannot overflow.
    pub fn mul_div_round(self, numerator: i64, denominator: i64) -> Option<Cents> {
        self.mul_div(numerator, denominator, |n, d| {
            let (quotient, remainder) = (n / d, n % d);
            if 2 * remainder.abs() >= d {
                quotient + n.signum()
            } else {
                quotient
            }
        })
    }

    /// `self × numerator ÷ denominator`, rounded down to the cent; `None`
    /// as for [`Cents::mul_div_round`].
    pub fn mul_div_floor(self, numerator: i64, denominator: i64) -> Option<Cents> {
        self.mul_div(numerator, denominator, i128::div_euclid)
    }

    fn mul_div(self, numerator: i64, denominator: i64, divide: fn(i128, i128) -> i128) -> Option<Cents> {
        if denominator <= 0 {
            return None;
        }
        let product = i128::from(self.0) * i128::from(numerator);
        i64::try_from(divide(product, i128::from(denominator)))
            .ok()
            .map(Cents)
    }
}

/// `12.34`, `-0.50`: the amount as a plain decimal, without a currency.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl rusqlite::types::ToSql for Cents {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl rusqlite::types::FromSql for Cents {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        i64::column_result(value).map(Cents)
    }
}

/// The amount with the currency, as shoppers read it: `€12.34`, `12.34 CHF`.
pub fn format_price(amount: Cents, currency: &str) -> String {
    match currency {
        "EUR" => format!("€{amount}"),
        "USD" => format!("${amount}"),
        "GBP" => format!("£{amount}"),
        other => format!("{amount} {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimals_exactly() {
        for (text, cents) in [
            ("12.34", 1234),
            ("12", 1200),
            ("0.5", 50),
            (".5", 50),
            ("12.", 1200),
            ("0", 0),
            (" 7.05 ", 705),
            ("1000000.00", 100_000_000),
            ("0.07", 7),
            ("49,00", 4900),
            ("0,5", 50),
            (",5", 50),
            ("12,", 1200),
            (" 1234,50 ", 123_450),
        ] {
            assert_eq!(Cents::parse(text), Ok(Cents(cents)), "{text}");
        }
    }

    #[test]
    fn thousands_separators_are_refused_with_the_rule() {
        for text in ["1.234,50", "1,234.50", "1.234.567", "1,234,567"] {
            assert_eq!(
                Cents::parse(text),
                Err("must have one decimal mark and no thousands separators, like 1234.50 or 1234,50"),
                "{text}"
            );
        }
        assert!(
            Cents::parse("1,234")
                .unwrap_err()
                .contains("thousands separators")
        );
        assert_eq!(Cents::parse("1.234"), Err("must have at most two decimals"));
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        for text in [
            "",
            "12.345",
            "-1",
            "abc",
            "1e3",
            "NaN",
            "inf",
            "1,5,0",
            ",",
            "+3",
            "1 000",
            ".",
            "0x10",
            "99999999999999999999",
        ] {
            assert!(Cents::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(Cents(1234).to_string(), "12.34");
        assert_eq!(Cents(5).to_string(), "0.05");
        assert_eq!(Cents(-50).to_string(), "-0.50");
        assert_eq!(format_price(Cents(1999), "EUR"), "€19.99");
        assert_eq!(format_price(Cents(1999), "CHF"), "19.99 CHF");
    }

    #[test]
    fn sums_or_reports_overflow() {
        assert_eq!(
            Cents::checked_sum([Cents(1), Cents(20), Cents(300)]),
            Some(Cents(321))
        );
        assert_eq!(Cents::checked_sum([]), Some(Cents(0)));
        assert_eq!(Cents::checked_sum([Cents(i64::MAX), Cents(1)]), None);
    }

    #[test]
    fn multiplies_and_divides_rounding_half_up() {
        // 350 × 21% = 73.5 → 74; 335 × 21% = 70.35 → 70; 2598 × 21% = 545.58 → 546.
        assert_eq!(Cents(350).mul_div_round(2_100, 10_000), Some(Cents(74)));
        assert_eq!(Cents(335).mul_div_round(2_100, 10_000), Some(Cents(70)));
        assert_eq!(Cents(2598).mul_div_round(2_100, 10_000), Some(Cents(546)));
        // 5/3 = 1.67 → 2, 4/3 = 1.33 → 1, and a half away from zero both ways.
        assert_eq!(Cents(5).mul_div_round(1, 3), Some(Cents(2)));
        assert_eq!(Cents(4).mul_div_round(1, 3), Some(Cents(1)));
        assert_eq!(Cents(-5).mul_div_round(1, 2), Some(Cents(-3)));
        assert_eq!(Cents(-4).mul_div_round(1, 3), Some(Cents(-1)));
        assert_eq!(Cents(0).mul_div_round(7, 9), Some(Cents(0)));
    }

    #[test]
    fn multiplies_and_divides_rounding_down() {
        assert_eq!(Cents(700).mul_div_floor(7, 1_000), Some(Cents(4)));
        assert_eq!(Cents(999).mul_div_floor(1, 1_000), Some(Cents(0)));
        assert_eq!(Cents(-1).mul_div_floor(1, 2), Some(Cents(-1)));
    }

    #[test]
    fn mul_div_takes_the_product_in_128_bits() {
        // i64::MAX × 3 does not fit in 64 bits, but ÷ 3 does.
        assert_eq!(Cents(i64::MAX).mul_div_round(3, 3), Some(Cents(i64::MAX)));
        assert_eq!(
            Cents(i64::MAX).mul_div_floor(i64::MAX, i64::MAX),
            Some(Cents(i64::MAX))
        );
        assert_eq!(Cents(i64::MAX).mul_div_round(2, 1), None);
        assert_eq!(Cents(i64::MIN).mul_div_round(i64::MIN, 1), None);
        assert_eq!(Cents(10).mul_div_round(1, 0), None);
        assert_eq!(Cents(10).mul_div_floor(1, -2), None);
    }

    #[test]
    fn round_trips() {
        for cents in [0, 1, 10, 99, 100, 12345, 100_000_000] {
            assert_eq!(Cents::parse(&Cents(cents).to_string()), Ok(Cents(cents)));
        }
    }
}

//! Money as whole minor units (cents). Parsed from decimal text exactly,
//! never through a float.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    /// Parses a non-negative amount typed by a person: `12.34`, `12`, `0.5`,
    /// `.5`, `1,234.50` is refused (ambiguous). At most two decimals; no sign,
    /// exponent or spaces inside.
    pub fn parse(text: &str) -> Result<Cents, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Err("is required");
        }
        let (whole, fraction) = match text.split_once('.') {
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
        ] {
            assert_eq!(Cents::parse(text), Ok(Cents(cents)), "{text}");
        }
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
            "1,5",
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
    fn round_trips() {
        for cents in [0, 1, 10, 99, 100, 12345, 100_000_000] {
            assert_eq!(Cents::parse(&Cents(cents).to_string()), Ok(Cents(cents)));
        }
    }
}

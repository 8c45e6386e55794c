//! The shop's settings (admin only): its name and currency, and what
//! checkout needs: tax, shipping, bank details, how long unpaid orders are
//! held. Kept in the `settings` table, one row per key, and in memory for
//! every page to read.

use std::sync::RwLock;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db;
use crate::domain::fields::{add, explicit, finish};
use crate::error::{Error, FieldErrors};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(as = Settings)]
pub struct ShopSettings {
    pub shop_name: String,
    /// ISO 4217 code, shown with prices.
    pub currency: String,
    /// Tax rate in basis points: 2100 is 21%.
    pub tax_rate_bp: i64,
    /// Whether catalog prices already include the tax.
    pub prices_include_tax: bool,
    pub shipping_fee_cents: i64,
    /// Orders from this subtotal on ship free; `None`: never.
    #[schema(required = true)]
    pub free_shipping_threshold_cents: Option<i64>,
    /// Shown to customers who pay by bank transfer.
    pub bank_details: String,
    /// Unpaid orders older than this are cancelled.
    pub unpaid_hold_hours: i64,
}

impl Default for ShopSettings {
    fn default() -> Self {
        ShopSettings {
            shop_name: "Tienda".into(),
            currency: "EUR".into(),
            tax_rate_bp: 0,
            prices_include_tax: true,
            shipping_fee_cents: 0,
            free_shipping_threshold_cents: None,
            bank_details: String::new(),
            unpaid_hold_hours: 72,
        }
    }
}

impl ShopSettings {
    /// What checkout's pricing needs. The settings' own checks keep every
    /// value in the range pricing accepts.
    pub fn pricing(&self) -> crate::domain::pricing::PricingSettings {
        crate::domain::pricing::PricingSettings {
            tax_rate_bp: u32::try_from(self.tax_rate_bp).unwrap_or(0),
            prices_include_tax: self.prices_include_tax,
            shipping_fee: crate::money::Cents(self.shipping_fee_cents),
            free_shipping_threshold: self.free_shipping_threshold_cents.map(crate::money::Cents),
        }
    }
}

/// A change to some settings; absent fields stay as they are, and
/// `free_shipping_threshold_cents: null` turns free shipping off.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SettingsPatch {
    pub shop_name: Option<String>,
    pub currency: Option<String>,
    pub tax_rate_bp: Option<i64>,
    pub prices_include_tax: Option<bool>,
    pub shipping_fee_cents: Option<i64>,
    #[serde(deserialize_with = "explicit")]
    pub free_shipping_threshold_cents: Option<Option<i64>>,
    pub bank_details: Option<String>,
    pub unpaid_hold_hours: Option<i64>,
}

const MAX_CENTS: i64 = 100_000_000;

impl SettingsPatch {
    /// `current` with this patch applied, or every field's error.
    pub fn apply(self, current: &ShopSettings) -> Result<ShopSettings, Error> {
        let mut s = current.clone();
        let mut errors = FieldErrors::new();
        if let Some(name) = self.shop_name {
            s.shop_name = name.trim().to_string();
        }
        if let Some(currency) = self.currency {
            s.currency = currency.trim().to_ascii_uppercase();
        }
        s.tax_rate_bp = self.tax_rate_bp.unwrap_or(s.tax_rate_bp);
        s.prices_include_tax = self.prices_include_tax.unwrap_or(s.prices_include_tax);
        s.shipping_fee_cents = self.shipping_fee_cents.unwrap_or(s.shipping_fee_cents);
        if let Some(threshold) = self.free_shipping_threshold_cents {
            s.free_shipping_threshold_cents = threshold;
        }
        if let Some(bank) = self.bank_details {
            s.bank_details = bank.trim().to_string();
        }
        s.unpaid_hold_hours = self.unpaid_hold_hours.unwrap_or(s.unpaid_hold_hours);

        match s.shop_name.chars().count() {
            0 => add(&mut errors, "shop_name", "is required"),
            101.. => add(&mut errors, "shop_name", "must be at most 100 characters long"),
            _ => {}
        }
        if s.currency.len() != 3 || !s.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            add(&mut errors, "currency", "must be a three-letter code such as EUR");
        }
        if !(0..=10_000).contains(&s.tax_rate_bp) {
            add(&mut errors, "tax_rate_bp", "must be from 0 to 10000 (100%)");
        }
        if !(0..=MAX_CENTS).contains(&s.shipping_fee_cents) {
            add(&mut errors, "shipping_fee_cents", "must be from 0 to 100000000");
        }
        if s.free_shipping_threshold_cents
            .is_some_and(|t| !(0..=MAX_CENTS).contains(&t))
        {
            add(
                &mut errors,
                "free_shipping_threshold_cents",
                "must be from 0 to 100000000",
            );
        }
        if s.bank_details.chars().count() > 1000 {
            add(
                &mut errors,
                "bank_details",
                "must be at most 1000 characters long",
            );
        }
        if !(1..=24 * 30).contains(&s.unpaid_hold_hours) {
            add(
                &mut errors,
                "unpaid_hold_hours",
                "must be from 1 to 720 (30 days)",
            );
        }
        finish(errors)?;
        Ok(s)
    }
}

fn get(conn: &Connection, key: &str) -> Result<Option<String>, Error> {
    db::settings::get(conn, key)
}

/// The settings as stored, with defaults for what was never set.
pub fn load(conn: &Connection) -> Result<ShopSettings, Error> {
    let d = ShopSettings::default();
    let number = |key: &str, default: i64| -> Result<i64, Error> {
        Ok(get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
    };
    Ok(ShopSettings {
        shop_name: get(conn, "shop_name")?.unwrap_or(d.shop_name),
        currency: get(conn, "currency")?.unwrap_or(d.currency),
        tax_rate_bp: number("tax_rate_bp", d.tax_rate_bp)?,
        prices_include_tax: get(conn, "prices_include_tax")?.map_or(d.prices_include_tax, |v| v == "true"),
        shipping_fee_cents: number("shipping_fee_cents", d.shipping_fee_cents)?,
        free_shipping_threshold_cents: get(conn, "free_shipping_threshold_cents")?
            .and_then(|v| v.parse().ok()),
        bank_details: get(conn, "bank_details")?.unwrap_or(d.bank_details),
        unpaid_hold_hours: number("unpaid_hold_hours", d.unpaid_hold_hours)?,
    })
}

fn save(conn: &Connection, s: &ShopSettings) -> Result<(), Error> {
    let rows: [(&str, Option<String>); 8] = [
        ("shop_name", Some(s.shop_name.clone())),
        ("currency", Some(s.currency.clone())),
        ("tax_rate_bp", Some(s.tax_rate_bp.to_string())),
        ("prices_include_tax", Some(s.prices_include_tax.to_string())),
        ("shipping_fee_cents", Some(s.shipping_fee_cents.to_string())),
        (
            "free_shipping_threshold_cents",
            s.free_shipping_threshold_cents.map(|t| t.to_string()),
        ),
        ("bank_details", Some(s.bank_details.clone())),
        ("unpaid_hold_hours", Some(s.unpaid_hold_hours.to_string())),
    ];
    for (key, value) in rows {
        match value {
            Some(value) => conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?,
            None => conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
    }
    Ok(())
}

/// Managed state: the settings every page reads, kept in step with the
/// table by `store` and `replace`.
pub struct Settings(RwLock<ShopSettings>);

impl Settings {
    pub fn new(settings: ShopSettings) -> Settings {
        Settings(RwLock::new(settings))
    }

    pub fn current(&self) -> ShopSettings {
        self.0.read().expect("settings lock poisoned").clone()
    }

    /// Name and currency, what every page shows, without copying the rest.
    pub fn name_and_currency(&self) -> (String, String) {
        let s = self.0.read().expect("settings lock poisoned");
        (s.shop_name.clone(), s.currency.clone())
    }

    /// What pages read from now on, after a `store`.
    pub fn replace(&self, saved: ShopSettings) {
        *self.0.write().expect("settings lock poisoned") = saved;
    }
}

/// Applies `patch` to the stored settings, in the caller's write
/// transaction; the stored values are the ones kept (see `Settings::replace`).
pub fn store(tx: &Connection, patch: SettingsPatch) -> Result<ShopSettings, Error> {
    let next = patch.apply(&load(tx)?)?;
    save(tx, &next)?;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_checks_every_field() {
        let patch = SettingsPatch {
            shop_name: Some(" ".into()),
            currency: Some("euro".into()),
            tax_rate_bp: Some(10_001),
            shipping_fee_cents: Some(-1),
            free_shipping_threshold_cents: Some(Some(-5)),
            unpaid_hold_hours: Some(0),
            ..Default::default()
        };
        let Err(Error::Validation { fields, .. }) = patch.apply(&ShopSettings::default()) else {
            panic!("refused");
        };
        let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "currency",
                "free_shipping_threshold_cents",
                "shipping_fee_cents",
                "shop_name",
                "tax_rate_bp",
                "unpaid_hold_hours"
            ]
        );
    }

    #[test]
    fn absent_fields_stay_and_null_clears_the_threshold() {
        let current = ShopSettings {
            free_shipping_threshold_cents: Some(5000),
            ..Default::default()
        };
        let next = SettingsPatch {
            currency: Some("usd".into()),
            free_shipping_threshold_cents: Some(None),
            ..Default::default()
        }
        .apply(&current)
        .unwrap();
        assert_eq!(next.currency, "USD");
        assert_eq!(next.free_shipping_threshold_cents, None);
        assert_eq!(next.shop_name, "Tienda");
    }
}

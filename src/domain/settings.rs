//! The shop's settings (admin only): its name, currency and time zone; what
//! checkout needs (tax, shipping, bank details, how long unpaid orders are
//! held and how many one buyer may hold); the seller's legal details for
//! invoices; where new-order mails go; automatic backups; the language. Kept in the
//! `settings` table, one row per key, and in memory for every page to read.

use std::sync::RwLock;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use chrono_tz::Tz;

use crate::db;
use crate::domain::fields::{add, email_rule, explicit, finish};
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
    /// How many unpaid orders one e-mail address (and, among guests, one
    /// client address) may hold at once.
    pub max_unpaid_orders: i64,
    /// IANA name, such as `Europe/Madrid`: the days of reports and every
    /// time shown.
    pub timezone: String,
    /// Products with this many or fewer in stock are "low" in the back office.
    pub low_stock_threshold: i64,
    /// The seller as invoices name it.
    pub legal_name: String,
    pub address: String,
    /// VAT or other tax number.
    pub tax_id: String,
    pub contact_email: String,
    pub phone: String,
    /// Where a mail about each new order goes; empty: nowhere.
    pub order_notification_email: String,
    /// A backup into `<data_dir>/backups/` this often; 0: never.
    pub backup_every_hours: i64,
    /// How many automatic backups to keep; older ones are deleted.
    pub backup_keep: i64,
    /// `en`, `es`, or `auto`: each visitor's `Accept-Language` chooses.
    pub language: String,
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
            max_unpaid_orders: 3,
            timezone: "UTC".into(),
            low_stock_threshold: 5,
            legal_name: String::new(),
            address: String::new(),
            tax_id: String::new(),
            contact_email: String::new(),
            phone: String::new(),
            order_notification_email: String::new(),
            backup_every_hours: 24,
            backup_keep: 7,
            language: "en".into(),
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

    /// The shop's language setting.
    pub fn language(&self) -> crate::i18n::ShopLanguage {
        crate::i18n::ShopLanguage::parse(&self.language)
    }

    /// The shop's time zone; its checks keep the name valid.
    pub fn tz(&self) -> Tz {
        self.timezone.parse().unwrap_or(Tz::UTC)
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
    pub max_unpaid_orders: Option<i64>,
    pub timezone: Option<String>,
    pub low_stock_threshold: Option<i64>,
    pub legal_name: Option<String>,
    pub address: Option<String>,
    pub tax_id: Option<String>,
    pub contact_email: Option<String>,
    pub phone: Option<String>,
    pub order_notification_email: Option<String>,
    pub backup_every_hours: Option<i64>,
    pub backup_keep: Option<i64>,
    pub language: Option<String>,
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
        s.max_unpaid_orders = self.max_unpaid_orders.unwrap_or(s.max_unpaid_orders);
        s.low_stock_threshold = self.low_stock_threshold.unwrap_or(s.low_stock_threshold);
        s.backup_every_hours = self.backup_every_hours.unwrap_or(s.backup_every_hours);
        s.backup_keep = self.backup_keep.unwrap_or(s.backup_keep);
        for (value, field) in [
            (self.timezone, &mut s.timezone),
            (self.legal_name, &mut s.legal_name),
            (self.address, &mut s.address),
            (self.tax_id, &mut s.tax_id),
            (self.contact_email, &mut s.contact_email),
            (self.phone, &mut s.phone),
            (self.order_notification_email, &mut s.order_notification_email),
            (self.language, &mut s.language),
        ] {
            if let Some(value) = value {
                *field = value.trim().to_string();
            }
        }

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
        if !(1..=100_000).contains(&s.max_unpaid_orders) {
            add(&mut errors, "max_unpaid_orders", "must be from 1 to 100000");
        }
        if s.timezone.parse::<Tz>().is_err() {
            add(
                &mut errors,
                "timezone",
                "must be a time zone name such as Europe/Madrid or UTC",
            );
        }
        if !(0..=1_000_000).contains(&s.low_stock_threshold) {
            add(&mut errors, "low_stock_threshold", "must be from 0 to 1000000");
        }
        for (field, value, max) in [
            ("legal_name", &s.legal_name, 200),
            ("address", &s.address, 1000),
            ("tax_id", &s.tax_id, 50),
            ("contact_email", &s.contact_email, 254),
            ("phone", &s.phone, 50),
            ("order_notification_email", &s.order_notification_email, 254),
        ] {
            if value.chars().count() > max {
                add(
                    &mut errors,
                    field,
                    &format!("must be at most {max} characters long"),
                );
            }
        }
        for (field, value) in [
            ("contact_email", &s.contact_email),
            ("order_notification_email", &s.order_notification_email),
        ] {
            if !value.is_empty() && email_rule(value).is_err() {
                add(&mut errors, field, "must be an e-mail address, or empty");
            }
        }
        if !(0..=24 * 30).contains(&s.backup_every_hours) {
            add(
                &mut errors,
                "backup_every_hours",
                "must be from 0 (never) to 720 (30 days)",
            );
        }
        if !(1..=1000).contains(&s.backup_keep) {
            add(&mut errors, "backup_keep", "must be from 1 to 1000");
        }
        s.language = s.language.to_ascii_lowercase();
        if !["en", "es", "auto"].contains(&s.language.as_str()) {
            add(&mut errors, "language", "must be en, es or auto");
        }
        finish(errors)?;
        Ok(s)
    }
}

/// The settings as stored, with defaults for what was never set (or no
/// longer reads as its type).
///
/// Each field is one row: text as it is, other values as JSON
/// (`true`, `2100`); a `null` is no row.
pub fn load(conn: &Connection) -> Result<ShopSettings, Error> {
    let Value::Object(defaults) = serde_json::to_value(ShopSettings::default()).map_err(Error::caused)?
    else {
        unreachable!("settings serialize as an object");
    };
    let mut stored = Map::new();
    for (key, default) in defaults {
        let value = match db::settings::get(conn, &key)? {
            None if default.is_null() => Value::Null,
            None => default,
            Some(text) if default.is_string() => Value::String(text),
            Some(text) => serde_json::from_str(&text)
                .ok()
                .filter(|v| reads_as(v, &default))
                .unwrap_or(default),
        };
        stored.insert(key, value);
    }
    serde_json::from_value(Value::Object(stored)).map_err(Error::caused)
}

/// Whether a stored value has the type of its field (whose default is
/// `default`), so that one odd row cannot make the others unreadable.
fn reads_as(value: &Value, default: &Value) -> bool {
    match default {
        Value::Bool(_) => value.is_boolean(),
        Value::Number(_) => value.is_i64(),
        Value::Null => value.is_i64() || value.is_null(),
        _ => false,
    }
}

fn save(conn: &Connection, s: &ShopSettings) -> Result<(), Error> {
    let Value::Object(fields) = serde_json::to_value(s).map_err(Error::caused)? else {
        unreachable!("settings serialize as an object");
    };
    for (key, value) in fields {
        let text = match value {
            Value::Null => None,
            Value::String(text) => Some(text),
            other => Some(other.to_string()),
        };
        match text {
            Some(text) => conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, text],
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

    /// Name, currency and time zone, what every page shows, without
    /// copying the rest.
    pub fn for_layout(&self) -> (String, String, String) {
        let s = self.0.read().expect("settings lock poisoned");
        (s.shop_name.clone(), s.currency.clone(), s.timezone.clone())
    }

    /// The shop's language setting, without copying the rest.
    pub fn language(&self) -> crate::i18n::ShopLanguage {
        self.0.read().expect("settings lock poisoned").language()
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

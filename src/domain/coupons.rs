//! Coupons as staff define them: one set of rules for the JSON API and the
//! back-office form. What a coupon does to an order is `domain::pricing`'s.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::coupons::{self, CouponFields, CouponRow};
use crate::db::timestamp;
use crate::domain::fields::{add, explicit, finish};
use crate::domain::pricing::CouponKind;
use crate::error::{Error, FieldErrors};
use crate::ids::CouponId;

/// No amount off is larger than the largest price.
const MAX_FIXED_CENTS: i64 = crate::domain::products::MAX_PRICE_CENTS;

/// A new coupon, or a change to some fields of one (`null` clears the
/// dates and the usage limit).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CouponInput {
    #[schema(pattern = "^[A-Za-z0-9_-]{3,32}$")]
    pub code: Option<String>,
    #[schema(schema_with = crate::db::coupons::kind_schema)]
    pub kind: Option<String>,
    /// Percent (1..=100) or cents, after `kind`; required when creating.
    #[schema(minimum = 1)]
    pub value: Option<i64>,
    pub min_subtotal_cents: Option<i64>,
    #[serde(deserialize_with = "explicit")]
    #[schema(format = DateTime)]
    pub starts_at: Option<Option<String>>,
    #[serde(deserialize_with = "explicit")]
    #[schema(format = DateTime)]
    pub ends_at: Option<Option<String>>,
    #[serde(deserialize_with = "explicit")]
    pub usage_limit: Option<Option<i64>>,
    pub once_per_customer: Option<bool>,
}

/// An RFC 3339 time, stored in UTC.
fn moment(field: &str, value: Option<String>, errors: &mut FieldErrors) -> Option<String> {
    let value = value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())?;
    match DateTime::parse_from_rfc3339(&value) {
        Ok(t) => Some(timestamp(t.with_timezone(&Utc))),
        Err(_) => {
            add(errors, field, "must be a time like 2026-12-01T00:00:00Z");
            None
        }
    }
}

impl CouponInput {
    /// The coupon's fields: these over `current`'s, checked.
    pub fn fields(self, current: Option<&CouponRow>) -> Result<CouponFields, Error> {
        let mut errors = FieldErrors::new();
        let code = self
            .code
            .or_else(|| current.map(|c| c.code.clone()))
            .unwrap_or_default();
        let code = code.trim().to_ascii_uppercase();
        if code.is_empty() {
            add(&mut errors, "code", "is required");
        } else if !(3..=32).contains(&code.len())
            || !code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            add(&mut errors, "code", "must be 3 to 32 letters, digits, '-' or '_'");
        }
        let kind = self
            .kind
            .or_else(|| current.map(|c| c.kind.clone()))
            .unwrap_or_default();
        let value = self.value.or(current.map(|c| c.value));
        match value {
            None => add(&mut errors, "value", "is required"),
            Some(value) => {
                if let Err(e) = CouponKind::from_parts(&kind, value) {
                    let field = if kind == "percent" || kind == "fixed" {
                        "value"
                    } else {
                        "kind"
                    };
                    add(&mut errors, field, e);
                } else if kind == "fixed" && value > MAX_FIXED_CENTS {
                    add(&mut errors, "value", "must be at most 100000000 (1,000,000.00)");
                }
            }
        }
        let min_subtotal_cents = self
            .min_subtotal_cents
            .or(current.map(|c| c.min_subtotal_cents))
            .unwrap_or(0);
        if !(0..=100_000_000).contains(&min_subtotal_cents) {
            add(&mut errors, "min_subtotal_cents", "must be from 0 to 100000000");
        }
        let starts_at = match self.starts_at {
            Some(v) => moment("starts_at", v, &mut errors),
            None => current.and_then(|c| c.starts_at.clone()),
        };
        let ends_at = match self.ends_at {
            Some(v) => moment("ends_at", v, &mut errors),
            None => current.and_then(|c| c.ends_at.clone()),
        };
        if let (Some(start), Some(end)) = (&starts_at, &ends_at)
            && end <= start
        {
            add(&mut errors, "ends_at", "must be after the start");
        }
        let usage_limit = match self.usage_limit {
            Some(v) => v,
            None => current.and_then(|c| c.usage_limit),
        };
        if usage_limit.is_some_and(|n| n < 1) {
            add(&mut errors, "usage_limit", "must be at least 1");
        }
        let once_per_customer = self
            .once_per_customer
            .or(current.map(|c| c.once_per_customer))
            .unwrap_or(false);
        finish(errors)?;
        Ok(CouponFields {
            code,
            kind,
            value: value.expect("checked above"),
            min_subtotal_cents,
            starts_at,
            ends_at,
            usage_limit,
            once_per_customer,
        })
    }
}

/// Creates (`id` None) or changes a coupon; codes are unique ignoring case.
pub fn save(tx: &Connection, id: Option<CouponId>, input: CouponInput) -> Result<CouponRow, Error> {
    let current = match id {
        Some(id) => Some(coupons::find(tx, id)?),
        None => None,
    };
    let fields = input.fields(current.as_ref())?;
    if coupons::code_taken(tx, &fields.code, id)? {
        return Err(Error::field("code", "is already used by another coupon"));
    }
    let id = match id {
        Some(id) => {
            coupons::update(tx, id, &fields)?;
            id
        }
        None => coupons::insert(tx, &fields)?,
    };
    let saved = coupons::find(tx, id)?;
    Ok(saved)
}

pub fn delete(conn: &Connection, id: CouponId) -> Result<(), Error> {
    Error::found(coupons::delete(conn, id)?)
}

//! Queries on `coupons`.

use rusqlite::{Connection, OptionalExtension, ToSql, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::ids::CouponId;

/// The OpenAPI schema of a coupon's `kind`.
pub fn kind_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(["percent", "fixed"]))
        .build()
}

/// A coupon as API.md shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = Coupon)]
pub struct CouponRow {
    pub id: CouponId,
    pub code: String,
    #[schema(schema_with = kind_schema)]
    pub kind: String,
    /// Percent (1..=100) or cents, after `kind`.
    pub value: i64,
    pub min_subtotal_cents: i64,
    #[schema(format = DateTime, required = true)]
    pub starts_at: Option<String>,
    #[schema(format = DateTime, required = true)]
    pub ends_at: Option<String>,
    #[schema(required = true)]
    pub usage_limit: Option<i64>,
    pub once_per_customer: bool,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

/// What a form or JSON body sets on a coupon, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CouponFields {
    pub code: String,
    pub kind: String,
    pub value: i64,
    pub min_subtotal_cents: i64,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub usage_limit: Option<i64>,
    pub once_per_customer: bool,
}

const SELECT: &str = "SELECT id, code, kind, value, min_subtotal_cents, starts_at, ends_at, usage_limit,
        once_per_customer, created_at, updated_at FROM coupons";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CouponRow> {
    Ok(CouponRow {
        id: r.get(0)?,
        code: r.get(1)?,
        kind: r.get(2)?,
        value: r.get(3)?,
        min_subtotal_cents: r.get(4)?,
        starts_at: r.get(5)?,
        ends_at: r.get(6)?,
        usage_limit: r.get(7)?,
        once_per_customer: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// Newest first.
pub fn list_page(conn: &Connection, limit: i64, offset: i64) -> Result<(Vec<CouponRow>, i64), Error> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY id DESC LIMIT ?1 OFFSET ?2"))?;
    let items = stmt
        .query_map(params![limit, offset], from_row)?
        .collect::<Result<_, _>>()?;
    let total = conn.query_row("SELECT count(*) FROM coupons", [], |r| r.get(0))?;
    Ok((items, total))
}

pub fn find(conn: &Connection, id: CouponId) -> Result<CouponRow, Error> {
    Ok(conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)?)
}

pub fn code_taken(conn: &Connection, code: &str, except: Option<CouponId>) -> Result<bool, Error> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM coupons WHERE code = ?1 AND id != ?2",
            params![code, except.map_or(0, |e| e.0)],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The fields as the named parameters of `insert` and `update`.
fn named<'a>(f: &'a CouponFields, now: &'a dyn ToSql) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":code", &f.code),
        (":kind", &f.kind),
        (":value", &f.value),
        (":min_subtotal_cents", &f.min_subtotal_cents),
        (":starts_at", &f.starts_at),
        (":ends_at", &f.ends_at),
        (":usage_limit", &f.usage_limit),
        (":once_per_customer", &f.once_per_customer),
        (":now", now),
    ]
}

pub fn insert(conn: &Connection, f: &CouponFields) -> Result<CouponId, Error> {
    let now = crate::db::now();
    conn.execute(
        "INSERT INTO coupons (code, kind, value, min_subtotal_cents, starts_at, ends_at, usage_limit,
                              once_per_customer, created_at, updated_at)
         VALUES (:code, :kind, :value, :min_subtotal_cents, :starts_at, :ends_at, :usage_limit,
                 :once_per_customer, :now, :now)",
        named(f, &now).as_slice(),
    )?;
    Ok(CouponId(conn.last_insert_rowid()))
}

pub fn update(conn: &Connection, id: CouponId, f: &CouponFields) -> Result<(), Error> {
    let now = crate::db::now();
    let mut values = named(f, &now);
    values.push((":id", &id));
    conn.execute(
        "UPDATE coupons SET code = :code, kind = :kind, value = :value,
                min_subtotal_cents = :min_subtotal_cents, starts_at = :starts_at, ends_at = :ends_at,
                usage_limit = :usage_limit, once_per_customer = :once_per_customer, updated_at = :now
         WHERE id = :id",
        values.as_slice(),
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: CouponId) -> Result<bool, Error> {
    Ok(conn.execute("DELETE FROM coupons WHERE id = ?1", [id])? == 1)
}

pub fn find_by_code(conn: &Connection, code: &str) -> Result<Option<CouponRow>, Error> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE code = ?1"))?
        .query_row([code], from_row)
        .optional()?)
}

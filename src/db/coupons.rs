//! Queries on `coupons`.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::error::Error;
use crate::ids::CouponId;

/// A coupon as API.md shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouponRow {
    pub id: CouponId,
    pub code: String,
    pub kind: String,
    pub value: i64,
    pub min_subtotal_cents: i64,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub usage_limit: Option<i64>,
    pub once_per_customer: bool,
    pub created_at: String,
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

pub fn insert(conn: &Connection, f: &CouponFields) -> Result<CouponId, Error> {
    conn.execute(
        "INSERT INTO coupons (code, kind, value, min_subtotal_cents, starts_at, ends_at, usage_limit,
                              once_per_customer, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            f.code,
            f.kind,
            f.value,
            f.min_subtotal_cents,
            f.starts_at,
            f.ends_at,
            f.usage_limit,
            f.once_per_customer,
            crate::db::now()
        ],
    )?;
    Ok(CouponId(conn.last_insert_rowid()))
}

pub fn update(conn: &Connection, id: CouponId, f: &CouponFields) -> Result<(), Error> {
    conn.execute(
        "UPDATE coupons SET code = ?2, kind = ?3, value = ?4, min_subtotal_cents = ?5, starts_at = ?6,
                ends_at = ?7, usage_limit = ?8, once_per_customer = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            id,
            f.code,
            f.kind,
            f.value,
            f.min_subtotal_cents,
            f.starts_at,
            f.ends_at,
            f.usage_limit,
            f.once_per_customer,
            crate::db::now()
        ],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: CouponId) -> Result<bool, Error> {
    Ok(conn.execute("DELETE FROM coupons WHERE id = ?1", [id])? == 1)
}

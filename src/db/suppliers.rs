//! Queries on `suppliers`.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::ids::SupplierId;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Supplier {
    pub id: SupplierId,
    pub name: String,
    #[schema(required = true)]
    pub contact: Option<String>,
    #[schema(required = true)]
    pub phone: Option<String>,
    #[schema(required = true)]
    pub email: Option<String>,
    pub product_count: i64,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

/// What a form or JSON body sets on a supplier.
#[derive(Debug, Clone, Default)]
pub struct SupplierFields {
    pub name: String,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

const SELECT: &str = "SELECT s.id, s.name, s.contact, s.phone, s.email, s.created_at, s.updated_at,
        (SELECT count(*) FROM products p WHERE p.supplier_id = s.id)
    FROM suppliers s";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Supplier> {
    Ok(Supplier {
        id: r.get(0)?,
        name: r.get(1)?,
        contact: r.get(2)?,
        phone: r.get(3)?,
        email: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        product_count: r.get(7)?,
    })
}

/// A page of suppliers by name, optionally those whose name contains `q`.
pub fn list_page(
    conn: &Connection,
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Supplier>, i64), Error> {
    let pattern = q.map(|q| {
        format!(
            "%{}%",
            q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
        )
    });
    let filter = "WHERE (?1 IS NULL OR s.name LIKE ?1 ESCAPE '\\')";
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} {filter} ORDER BY s.name, s.id LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt.query_map(params![pattern, limit, offset], from_row)?;
    let items = rows.collect::<Result<_, _>>()?;
    let total = conn.query_row(
        &format!("SELECT count(*) FROM suppliers s {filter}"),
        [&pattern],
        |r| r.get(0),
    )?;
    Ok((items, total))
}

pub fn all(conn: &Connection) -> Result<Vec<Supplier>, Error> {
    Ok(list_page(conn, None, i64::MAX, 0)?.0)
}

pub fn find(conn: &Connection, id: SupplierId) -> Result<Supplier, Error> {
    Ok(conn.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)?)
}

pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<SupplierId>, Error> {
    Ok(conn
        .query_row("SELECT id FROM suppliers WHERE name = ?1", [name.trim()], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn exists(conn: &Connection, id: SupplierId) -> Result<bool, Error> {
    Ok(conn
        .query_row("SELECT 1 FROM suppliers WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn insert(conn: &Connection, s: &SupplierFields) -> Result<SupplierId, Error> {
    let now = crate::db::now();
    conn.execute(
        "INSERT INTO suppliers (name, contact, phone, email, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![s.name, s.contact, s.phone, s.email, now],
    )?;
    Ok(SupplierId(conn.last_insert_rowid()))
}

pub fn update(conn: &Connection, id: SupplierId, s: &SupplierFields) -> Result<(), Error> {
    conn.execute(
        "UPDATE suppliers SET name = ?2, contact = ?3, phone = ?4, email = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, s.name, s.contact, s.phone, s.email, crate::db::now()],
    )?;
    Ok(())
}

/// Deletes the supplier; its products keep existing without one.
pub fn delete(conn: &Connection, id: SupplierId) -> Result<bool, Error> {
    Ok(conn.execute("DELETE FROM suppliers WHERE id = ?1", [id])? == 1)
}

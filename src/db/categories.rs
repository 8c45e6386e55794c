//! Queries on `categories`, a small tree (parent_id).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::ids::CategoryId;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    #[schema(required = true)]
    pub parent_id: Option<CategoryId>,
    /// Active products directly in this category.
    pub product_count: i64,
    #[schema(format = DateTime)]
    pub created_at: String,
}

#[cfg(test)]
impl Category {
    /// A category as unit tests need one, without a database.
    pub fn sample(id: i64, name: &str, parent: Option<i64>) -> Category {
        Category {
            id: CategoryId(id),
            name: name.into(),
            parent_id: parent.map(CategoryId),
            product_count: 0,
            created_at: String::new(),
        }
    }
}

const SELECT: &str = "SELECT c.id, c.name, c.parent_id, c.created_at,
        (SELECT count(*) FROM products p WHERE p.category_id = c.id AND p.active = 1)
    FROM categories c";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        name: r.get(1)?,
        parent_id: r.get(2)?,
        created_at: r.get(3)?,
        product_count: r.get(4)?,
    })
}

/// Every category, by name. Shops have tens of them, not thousands.
pub fn all(conn: &Connection) -> Result<Vec<Category>, Error> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY c.name, c.id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Where a category sits in the tree, and its name: what menus and
/// breadcrumbs need.
#[derive(Debug, Clone, Serialize)]
pub struct Branch {
    pub id: CategoryId,
    pub name: String,
    pub parent_id: Option<CategoryId>,
}

/// Every category's place in the tree, by name. Without `all`'s product
/// counts, so cheap enough for every storefront page of a large catalog.
pub fn branches(conn: &Connection) -> Result<Vec<Branch>, Error> {
    let mut stmt = conn.prepare_cached("SELECT id, name, parent_id FROM categories ORDER BY name, id")?;
    let rows = stmt.query_map([], branch_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn branch_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Branch> {
    Ok(Branch {
        id: r.get(0)?,
        name: r.get(1)?,
        parent_id: r.get(2)?,
    })
}

/// One category's place in the tree; `None` if there is no such category.
pub fn find_branch(conn: &Connection, id: CategoryId) -> Result<Option<Branch>, Error> {
    Ok(conn
        .prepare_cached("SELECT id, name, parent_id FROM categories WHERE id = ?1")?
        .query_row([id], branch_from_row)
        .optional()?)
}

pub fn find(conn: &Connection, id: CategoryId) -> Result<Category, Error> {
    Ok(conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_row)?)
}

pub fn find_by_name(
    conn: &Connection,
    name: &str,
    parent: Option<CategoryId>,
) -> Result<Option<CategoryId>, Error> {
    Ok(conn
        .query_row(
            "SELECT id FROM categories WHERE name = ?1 AND ifnull(parent_id, 0) = ifnull(?2, 0)",
            params![name.trim(), parent],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn exists(conn: &Connection, id: CategoryId) -> Result<bool, Error> {
    Ok(conn
        .query_row("SELECT 1 FROM categories WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn insert(conn: &Connection, name: &str, parent: Option<CategoryId>) -> Result<CategoryId, Error> {
    conn.execute(
        "INSERT INTO categories (name, parent_id, created_at) VALUES (?1, ?2, ?3)",
        params![name, parent, crate::db::now()],
    )?;
    Ok(CategoryId(conn.last_insert_rowid()))
}

pub fn update(
    conn: &Connection,
    id: CategoryId,
    name: &str,
    parent: Option<CategoryId>,
) -> Result<(), Error> {
    conn.execute(
        "UPDATE categories SET name = ?2, parent_id = ?3 WHERE id = ?1",
        params![id, name, parent],
    )?;
    Ok(())
}

/// Products of any status per category (categories without any left out).
pub fn product_totals(conn: &Connection) -> Result<HashMap<CategoryId, i64>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT category_id, count(*) FROM products WHERE category_id IS NOT NULL GROUP BY category_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Products of any status in the category, and its subcategories.
pub fn usage(conn: &Connection, id: CategoryId) -> Result<(i64, i64), Error> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM products WHERE category_id = ?1),
                (SELECT count(*) FROM categories WHERE parent_id = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub fn delete(conn: &Connection, id: CategoryId) -> Result<bool, Error> {
    Ok(conn.execute("DELETE FROM categories WHERE id = ?1", [id])? == 1)
}

/// `id` and all categories below it.
pub fn with_descendants(conn: &Connection, id: CategoryId) -> Result<Vec<CategoryId>, Error> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE tree(id) AS (
             SELECT id FROM categories WHERE id = ?1
             UNION SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
         SELECT id FROM tree",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

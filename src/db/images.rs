//! Queries on `product_images`: the bytes live in the database, so a
//! backup of the one file has everything.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Error;
use crate::ids::{ImageId, ProductId};

pub struct ImageData {
    pub content_type: String,
    pub etag: String,
    pub data: Vec<u8>,
}

pub fn insert(
    conn: &Connection,
    product: ProductId,
    content_type: &str,
    data: &[u8],
    etag: &str,
) -> Result<ImageId, Error> {
    conn.execute(
        "INSERT INTO product_images (product_id, content_type, data, etag, position, created_at)
         VALUES (?1, ?2, ?3, ?4,
                 (SELECT ifnull(max(position), 0) + 1 FROM product_images WHERE product_id = ?1), ?5)",
        params![product, content_type, data, etag, crate::db::now()],
    )?;
    Ok(ImageId(conn.last_insert_rowid()))
}

/// The image, if it exists and its product is visible to the caller.
pub fn find(conn: &Connection, id: ImageId, include_inactive: bool) -> Result<Option<ImageData>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT i.content_type, i.etag, i.data FROM product_images i
             JOIN products p ON p.id = i.product_id
             WHERE i.id = ?1 AND (p.active = 1 OR ?2)",
        )?
        .query_row(params![id, include_inactive], |r| {
            Ok(ImageData {
                content_type: r.get(0)?,
                etag: r.get(1)?,
                data: r.get(2)?,
            })
        })
        .optional()?)
}

pub fn delete(conn: &Connection, product: ProductId, id: ImageId) -> Result<bool, Error> {
    Ok(conn.execute(
        "DELETE FROM product_images WHERE id = ?1 AND product_id = ?2",
        params![id, product],
    )? == 1)
}

/// Swaps the image with its neighbour before (`up`) or after it.
pub fn move_image(conn: &Connection, product: ProductId, id: ImageId, up: bool) -> Result<bool, Error> {
    let order = if up { "DESC" } else { "ASC" };
    let cmp = if up { "<" } else { ">" };
    let current: Option<i64> = conn
        .query_row(
            "SELECT position FROM product_images WHERE id = ?1 AND product_id = ?2",
            params![id, product],
            |r| r.get(0),
        )
        .optional()?;
    let Some(position) = current else { return Ok(false) };
    let neighbour: Option<(i64, i64)> = conn
        .query_row(
            &format!(
                "SELECT id, position FROM product_images WHERE product_id = ?1 AND position {cmp} ?2
                 ORDER BY position {order} LIMIT 1"
            ),
            params![product, position],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((other, other_position)) = neighbour {
        conn.execute(
            "UPDATE product_images SET position = ?2 WHERE id = ?1",
            params![id, other_position],
        )?;
        conn.execute(
            "UPDATE product_images SET position = ?2 WHERE id = ?1",
            params![other, position],
        )?;
    }
    Ok(true)
}

/// The URL of each product's first image, by product id, for thumbnails
/// beside cart and checkout lines (a handful of lines: a query each).
pub fn first_urls(
    conn: &Connection,
    products: impl IntoIterator<Item = ProductId>,
) -> Result<std::collections::HashMap<String, String>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, etag FROM product_images WHERE product_id = ?1 ORDER BY position, id LIMIT 1",
    )?;
    let mut urls = std::collections::HashMap::new();
    for product in products {
        let first = stmt
            .query_row([product], |r| {
                Ok((r.get::<_, ImageId>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?;
        if let Some((id, etag)) = first {
            urls.insert(
                product.0.to_string(),
                crate::db::products::ImageRef::new(id, &etag).url,
            );
        }
    }
    Ok(urls)
}

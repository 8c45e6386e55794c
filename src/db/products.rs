//! Queries on `products`: reading them with their category and images,
//! writing them, and the orderings and filters of listings.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::ids::{CategoryId, ImageId, ProductId, SupplierId};
use crate::money::Cents;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryRef {
    pub id: CategoryId,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Image)]
pub struct ImageRef {
    pub id: ImageId,
    pub url: String,
}

impl ImageRef {
    /// The image's URL carries its `etag` (a hash of its bytes): an id that
    /// SQLite hands out again after a delete then gets another URL, so a
    /// browser that keeps the old URL for a year never shows other bytes.
    pub fn new(id: ImageId, etag: &str) -> ImageRef {
        ImageRef {
            id,
            url: format!("/images/{id}/{etag}"),
        }
    }
}

/// The average and number of a product's visible reviews.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rating {
    /// The mean of the visible reviews' ratings; null without any.
    #[schema(required = true)]
    pub average: Option<f64>,
    #[schema(minimum = 0)]
    pub count: i64,
}

impl Rating {
    /// From the count and sum of the ratings; the average has one decimal.
    pub fn new(count: i64, sum: i64) -> Rating {
        let average = (count > 0).then(|| (sum as f64 / count as f64 * 10.0).round() / 10.0);
        Rating { average, count }
    }
}

/// A product as API.md shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Product {
    pub id: ProductId,
    #[schema(required = true)]
    pub sku: Option<String>,
    pub name: String,
    pub description: String,
    pub price_cents: Cents,
    #[schema(minimum = 0)]
    pub stock: i64,
    #[schema(required = true)]
    pub category: Option<CategoryRef>,
    #[schema(required = true)]
    pub supplier_id: Option<SupplierId>,
    pub active: bool,
    pub images: Vec<ImageRef>,
    pub rating: Rating,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
}

const SELECT: &str = "SELECT p.id, p.sku, p.name, p.description, p.price_cents, p.stock,
        p.category_id, c.name, p.supplier_id, p.active, p.created_at, p.updated_at,
        p.rating_count, p.rating_sum
    FROM products p LEFT JOIN categories c ON c.id = p.category_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
    let category_id: Option<CategoryId> = r.get(6)?;
    Ok(Product {
        id: r.get(0)?,
        sku: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        price_cents: r.get(4)?,
        stock: r.get(5)?,
        category: match category_id {
            Some(id) => Some(CategoryRef { id, name: r.get(7)? }),
            None => None,
        },
        supplier_id: r.get(8)?,
        active: r.get(9)?,
        images: Vec::new(),
        rating: Rating::new(r.get(12)?, r.get(13)?),
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

pub fn find(conn: &Connection, id: ProductId) -> Result<Product, Error> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))?;
    let mut product = stmt.query_row([id], from_row)?;
    let mut images = conn
        .prepare_cached("SELECT id, etag FROM product_images WHERE product_id = ?1 ORDER BY position, id")?;
    product.images = images
        .query_map([id], |r| Ok(ImageRef::new(r.get(0)?, &r.get::<_, String>(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(product)
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(",")
}

/// The products with these ids, in the order given (missing ones left out).
pub fn find_many(conn: &Connection, ids: &[i64]) -> Result<Vec<Product>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = placeholders(ids.len());
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE p.id IN ({marks})"))?;
    let mut found: HashMap<i64, Product> = stmt
        .query_map(params_from_iter(ids), from_row)?
        .map(|p| p.map(|p| (p.id.0, p)))
        .collect::<Result<_, _>>()?;
    let mut images = conn.prepare_cached(&format!(
        "SELECT product_id, id, etag FROM product_images WHERE product_id IN ({marks})
         ORDER BY product_id, position, id"
    ))?;
    let rows = images.query_map(params_from_iter(ids), |r| {
        Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get::<_, String>(2)?))
    })?;
    for row in rows {
        let (product, image, etag) = row?;
        if let Some(p) = found.get_mut(&product) {
            p.images.push(ImageRef::new(image, &etag));
        }
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

pub fn find_id_by_sku(conn: &Connection, sku: &str) -> Result<Option<ProductId>, Error> {
    // Cached: an import asks once per line.
    Ok(conn
        .prepare_cached("SELECT id FROM products WHERE sku = ?1")?
        .query_row([sku], |r| r.get(0))
        .optional()?)
}

pub fn sku_taken(conn: &Connection, sku: &str, except: Option<ProductId>) -> Result<bool, Error> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM products WHERE sku = ?1 AND id != ?2")?
        .query_row(params![sku, except.map_or(0, |e| e.0)], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The fields of a product that forms, JSON and CSV set (not the stock,
/// which changes only through stock movements).
#[derive(Debug, Clone, PartialEq)]
pub struct ProductFields {
    pub sku: Option<String>,
    pub name: String,
    pub description: String,
    pub price_cents: Cents,
    pub category_id: Option<CategoryId>,
    pub supplier_id: Option<SupplierId>,
    pub active: bool,
}

/// Inserts a product with no stock; stock comes in as a movement.
/// A new product with its opening `stock`, whose movement the caller
/// writes (`domain::products::insert_with_stock`).
pub fn insert(conn: &Connection, f: &ProductFields, stock: i64) -> Result<ProductId, Error> {
    let now = crate::db::now();
    conn.prepare_cached(
        "INSERT INTO products (sku, name, description, price_cents, stock, category_id,
                               supplier_id, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        f.sku,
        f.name,
        f.description,
        f.price_cents,
        stock,
        f.category_id,
        f.supplier_id,
        f.active,
        now
    ])?;
    Ok(ProductId(conn.last_insert_rowid()))
}

pub fn update(conn: &Connection, id: ProductId, f: &ProductFields) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE products SET sku = ?2, name = ?3, description = ?4, price_cents = ?5,
                category_id = ?6, supplier_id = ?7, active = ?8, updated_at = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        f.sku,
        f.name,
        f.description,
        f.price_cents,
        f.category_id,
        f.supplier_id,
        f.active,
        crate::db::now()
    ])?;
    Ok(())
}

pub fn fields(conn: &Connection, id: ProductId) -> Result<ProductFields, Error> {
    Ok(conn.query_row(
        "SELECT sku, name, description, price_cents, category_id, supplier_id, active
         FROM products WHERE id = ?1",
        [id],
        |r| {
            Ok(ProductFields {
                sku: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
                price_cents: r.get(3)?,
                category_id: r.get(4)?,
                supplier_id: r.get(5)?,
                active: r.get(6)?,
            })
        },
    )?)
}

pub fn delete(conn: &Connection, id: ProductId) -> Result<bool, Error> {
    Ok(conn.execute("DELETE FROM products WHERE id = ?1", [id])? == 1)
}

pub fn in_orders(conn: &Connection, id: ProductId) -> Result<bool, Error> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM order_items WHERE product_id = ?1 LIMIT 1",
            [id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Makes the product inactive, which hides it from the storefront.
pub fn archive(conn: &Connection, id: ProductId) -> Result<(), Error> {
    conn.execute(
        "UPDATE products SET active = 0, updated_at = ?2 WHERE id = ?1",
        params![id, crate::db::now()],
    )?;
    Ok(())
}

/// The catalog's version: changes whenever a listing's order may have
/// (see `catalog_version` in the schema).
pub fn catalog_version(conn: &Connection) -> Result<i64, Error> {
    Ok(conn
        .prepare_cached("SELECT version FROM catalog_version WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// What the back office's dashboard counts.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogCounts {
    pub products: i64,
    pub inactive: i64,
    pub categories: i64,
    pub suppliers: i64,
    /// Products with `stock <= low_stock`.
    pub low_stock: i64,
}

pub fn counts(conn: &Connection, low_stock: i64) -> Result<CatalogCounts, Error> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM products WHERE active = 0),
                (SELECT count(*) FROM categories), (SELECT count(*) FROM suppliers),
                (SELECT count(*) FROM products WHERE stock <= ?1)",
        [low_stock],
        |r| {
            Ok(CatalogCounts {
                products: r.get(0)?,
                inactive: r.get(1)?,
                categories: r.get(2)?,
                suppliers: r.get(3)?,
                low_stock: r.get(4)?,
            })
        },
    )?)
}

/// How a listing is ordered. Every order ends with the id, so that pages
/// are stable however many products share a name or a price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    Name,
    Price,
    PriceDesc,
    Newest,
    /// Best match first; only with a search.
    Relevance,
    /// Fewest in stock first: the back office's restocking order. Not
    /// among the API's sorts (`parse` does not read it).
    Stock,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        match s {
            "name" => Some(Sort::Name),
            "price" => Some(Sort::Price),
            "-price" => Some(Sort::PriceDesc),
            "newest" => Some(Sort::Newest),
            "relevance" => Some(Sort::Relevance),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Price => "price",
            Sort::PriceDesc => "-price",
            Sort::Newest => "newest",
            Sort::Relevance => "relevance",
            Sort::Stock => "stock",
        }
    }

    fn order_by(self) -> &'static str {
        match self {
            Sort::Name => "p.name COLLATE NOCASE, p.id",
            Sort::Price => "p.price_cents, p.id",
            Sort::PriceDesc => "p.price_cents DESC, p.id",
            Sort::Newest => "p.id DESC",
            Sort::Relevance => "bm25(products_fts, 10.0, 1.0), p.id",
            Sort::Stock => "p.stock, p.id",
        }
    }
}

/// Which products a listing shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// An FTS5 query, already made safe (see `domain::search`).
    pub fts: Option<String>,
    /// Narrower FTS5 queries than `fts`, most exact first: by relevance,
    /// their matches come before the rest of `fts`'s.
    pub fts_first: Vec<String>,
    /// The category and its descendants.
    pub categories: Option<Vec<CategoryId>>,
    pub min_price: Option<Cents>,
    pub max_price: Option<Cents>,
    pub in_stock: bool,
    /// Only products with this many or fewer in stock.
    pub max_stock: Option<i64>,
    pub include_inactive: bool,
}

impl Filter {
    fn where_clause(&self) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let mut clauses = Vec::new();
        let mut values = Vec::new();
        if let Some(fts) = &self.fts {
            clauses.push("products_fts MATCH ?".to_string());
            values.push(Value::Text(fts.clone()));
        }
        if !self.include_inactive {
            clauses.push("p.active = 1".into());
        }
        if let Some(categories) = &self.categories {
            clauses.push(format!(
                "p.category_id IN ({})",
                placeholders(categories.len().max(1))
            ));
            if categories.is_empty() {
                values.push(Value::Null);
            }
            values.extend(categories.iter().map(|c| Value::Integer(c.0)));
        }
        if let Some(min) = self.min_price {
            clauses.push("p.price_cents >= ?".into());
            values.push(Value::Integer(min.0));
        }
        if let Some(max) = self.max_price {
            clauses.push("p.price_cents <= ?".into());
            values.push(Value::Integer(max.0));
        }
        if self.in_stock {
            clauses.push("p.stock > 0".into());
        }
        if let Some(max) = self.max_stock {
            clauses.push("p.stock <= ?".into());
            values.push(Value::Integer(max));
        }
        let clause = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (clause, values)
    }

    fn from(&self) -> &'static str {
        if self.fts.is_some() {
            "products p JOIN products_fts ON products_fts.rowid = p.id"
        } else {
            "products p"
        }
    }
}

/// The ids of every product the filter shows, in order: what the listing
/// cache keeps.
pub fn ordered_ids(conn: &Connection, filter: &Filter, sort: Sort) -> Result<Vec<i64>, Error> {
    if sort != Sort::Relevance || filter.fts_first.is_empty() {
        return ordered_ids_of(conn, filter, sort);
    }
    let mut seen = std::collections::HashSet::new();
    let mut ids = Vec::new();
    for fts in filter.fts_first.iter().chain(filter.fts.as_ref()) {
        let tier = Filter {
            fts: Some(fts.clone()),
            fts_first: Vec::new(),
            ..filter.clone()
        };
        for id in ordered_ids_of(conn, &tier, sort)? {
            if seen.insert(id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

fn ordered_ids_of(conn: &Connection, filter: &Filter, sort: Sort) -> Result<Vec<i64>, Error> {
    let (clause, values) = filter.where_clause();
    let sql = format!(
        "SELECT p.id FROM {} {clause} ORDER BY {}",
        filter.from(),
        sort.order_by()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One page of ids for the filter, and how many products it shows in all.
pub fn page_ids(
    conn: &Connection,
    filter: &Filter,
    sort: Sort,
    limit: i64,
    offset: i64,
) -> Result<(Vec<i64>, i64), Error> {
    let (clause, values) = filter.where_clause();
    let from = filter.from();
    let sql = format!(
        "SELECT p.id FROM {from} {clause} ORDER BY {} LIMIT {limit} OFFSET {offset}",
        sort.order_by()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(params_from_iter(values.iter()), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut count = conn.prepare_cached(&format!("SELECT count(*) FROM {from} {clause}"))?;
    let total = count.query_row(params_from_iter(values.iter()), |r| r.get(0))?;
    Ok((ids, total))
}

/// `Err(NotFound)` unless the product exists.
pub fn find_id_exists(conn: &Connection, id: ProductId) -> Result<(), Error> {
    conn.prepare_cached("SELECT 1 FROM products WHERE id = ?1")?
        .query_row([id], |_| Ok(()))?;
    Ok(())
}

/// Gives a product without a SKU one (`TND-000042`), so that every product
/// can be found again by SKU, as the CSV import does.
pub fn assign_sku(conn: &Connection, id: ProductId) -> Result<(), Error> {
    let mut candidate = format!("TND-{:06}", id.0);
    if sku_taken(conn, &candidate, Some(id))? {
        candidate = format!("{candidate}-{}", &crate::token::random_token()[..6]);
    }
    conn.prepare_cached("UPDATE products SET sku = ?2 WHERE id = ?1 AND sku IS NULL")?
        .execute(params![id, candidate])?;
    Ok(())
}

/// Up to `limit` active products in stock that sold best (units in paid
/// orders), topped up with the newest when too few have sold.
pub fn best_sellers(conn: &Connection, limit: i64) -> Result<Vec<i64>, Error> {
    let mut ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT oi.product_id FROM order_items oi
             JOIN orders o ON o.id = oi.order_id
             JOIN products p ON p.id = oi.product_id
             WHERE o.paid_at IS NOT NULL AND p.active = 1 AND p.stock > 0
             GROUP BY oi.product_id ORDER BY sum(oi.quantity) DESC, oi.product_id LIMIT ?1",
        )?
        .query_map([limit], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if (ids.len() as i64) < limit {
        let mut newest = conn.prepare_cached(
            "SELECT id FROM products WHERE active = 1 AND stock > 0 ORDER BY id DESC LIMIT ?1",
        )?;
        for id in newest.query_map([limit], |r| r.get::<_, i64>(0))? {
            let id = id?;
            if (ids.len() as i64) < limit && !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

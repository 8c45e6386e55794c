//! Products: one set of rules for forms, JSON and CSV import, and the
//! writes that must be all-or-nothing (a product and its first stock
//! movement; a stock adjustment and its movement).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::products::{self, Product, ProductFields};
use crate::db::{categories, stock, suppliers};
use crate::domain::fields::{add, explicit, finish};
use crate::error::{Error, FieldErrors};
use crate::ids::{CategoryId, ProductId, SupplierId, UserId};
use crate::money::Cents;

pub const MAX_PRICE_CENTS: i64 = 100_000_000;
pub const MAX_STOCK: i64 = 1_000_000;
const MAX_SKU: usize = 64;
const MAX_DESCRIPTION: usize = 20_000;

/// The name, trimmed, or why it is refused.
pub fn name_rule(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err("is required"),
        1..=200 => Ok(name.to_string()),
        _ => Err("must be at most 200 characters long"),
    }
}

/// An empty SKU is no SKU.
pub fn sku_rule(sku: Option<&str>) -> Result<Option<String>, &'static str> {
    let Some(sku) = sku.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if sku.chars().count() > MAX_SKU {
        return Err("must be at most 64 characters long");
    }
    if sku.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces");
    }
    Ok(Some(sku.to_string()))
}

pub fn price_rule(cents: i64) -> Result<Cents, &'static str> {
    match cents {
        c if c < 0 => Err("must be >= 0"),
        c if c > MAX_PRICE_CENTS => Err("must be <= 100000000 (1,000,000.00)"),
        c => Ok(Cents(c)),
    }
}

pub fn stock_rule(stock: i64) -> Result<i64, &'static str> {
    match stock {
        s if s < 0 => Err("must be >= 0"),
        s if s > MAX_STOCK => Err("must be <= 1000000"),
        s => Ok(s),
    }
}

fn description_rule(description: &str) -> Result<String, &'static str> {
    if description.chars().count() > MAX_DESCRIPTION {
        return Err("must be at most 20000 characters long");
    }
    Ok(description.trim().to_string())
}

/// A new product, as JSON sends it (forms and CSV convert into it).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewProduct {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 64)]
    pub sku: Option<String>,
    #[serde(default)]
    pub description: String,
    #[schema(minimum = 0, maximum = 100_000_000)]
    pub price_cents: i64,
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub stock: i64,
    #[serde(default)]
    pub category_id: Option<CategoryId>,
    #[serde(default)]
    pub supplier_id: Option<SupplierId>,
    #[serde(default)]
    pub active: Option<bool>,
}

/// A change to some fields of a product. Stock is not among them: it
/// changes through stock adjustments, which leave a trail.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProductPatch {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[serde(deserialize_with = "explicit")]
    #[schema(max_length = 64)]
    pub sku: Option<Option<String>>,
    pub description: Option<String>,
    #[schema(minimum = 0, maximum = 100_000_000)]
    pub price_cents: Option<i64>,
    #[serde(deserialize_with = "explicit")]
    pub category_id: Option<Option<CategoryId>>,
    #[serde(deserialize_with = "explicit")]
    pub supplier_id: Option<Option<SupplierId>>,
    pub active: Option<bool>,
    /// Only there to be refused with a clear message.
    #[schema(ignore)]
    pub stock: Option<serde_json::Value>,
}

impl ProductPatch {
    fn apply(self, mut f: ProductFields) -> Result<ProductFields, Error> {
        let mut errors = FieldErrors::new();
        if self.stock.is_some() {
            add(
                &mut errors,
                "stock",
                "changes only through POST /api/v1/products/{id}/stock",
            );
        }
        if let Some(name) = self.name {
            f.name = name;
        }
        if let Some(sku) = self.sku {
            f.sku = sku;
        }
        if let Some(description) = self.description {
            f.description = description;
        }
        let price = self.price_cents.unwrap_or(f.price_cents.0);
        if let Some(category) = self.category_id {
            f.category_id = category;
        }
        if let Some(supplier) = self.supplier_id {
            f.supplier_id = supplier;
        }
        if let Some(active) = self.active {
            f.active = active;
        }
        let checked = check_fields(&f.name, f.sku.as_deref(), &f.description, price, 0, &mut errors);
        finish(errors)?;
        let (name, sku, description, price_cents) = checked.expect("no errors means every field passed");
        Ok(ProductFields {
            name,
            sku,
            description,
            price_cents,
            ..f
        })
    }
}

type Checked = (String, Option<String>, String, Cents);

/// The rules of every field, collecting each failure under its field.
fn check_fields(
    name: &str,
    sku: Option<&str>,
    description: &str,
    price: i64,
    stock: i64,
    errors: &mut FieldErrors,
) -> Option<Checked> {
    let name = name_rule(name).map_err(|e| add(errors, "name", e)).ok();
    let sku = sku_rule(sku).map_err(|e| add(errors, "sku", e)).ok();
    let description = description_rule(description)
        .map_err(|e| add(errors, "description", e))
        .ok();
    let price = price_rule(price).map_err(|e| add(errors, "price_cents", e)).ok();
    let _ = stock_rule(stock).map_err(|e| add(errors, "stock", e));
    Some((name?, sku?, description?, price?))
}

impl NewProduct {
    /// The product's fields and its opening stock, or every field's error.
    pub fn validate(self) -> Result<(ProductFields, i64), Error> {
        let mut errors = FieldErrors::new();
        let checked = check_fields(
            &self.name,
            self.sku.as_deref(),
            &self.description,
            self.price_cents,
            self.stock,
            &mut errors,
        );
        finish(errors)?;
        let (name, sku, description, price_cents) = checked.expect("no errors means every field passed");
        let fields = ProductFields {
            sku,
            name,
            description,
            price_cents,
            category_id: self.category_id,
            supplier_id: self.supplier_id,
            active: self.active.unwrap_or(true),
        };
        Ok((fields, self.stock))
    }
}

/// Checks what the fields point at: the category and supplier exist, the
/// SKU is not another product's.
pub fn check_references(conn: &Connection, f: &ProductFields, this: Option<ProductId>) -> Result<(), Error> {
    let mut errors = FieldErrors::new();
    if let Some(category) = f.category_id
        && !categories::exists(conn, category)?
    {
        add(&mut errors, "category_id", "is not a category");
    }
    if let Some(supplier) = f.supplier_id
        && !suppliers::exists(conn, supplier)?
    {
        add(&mut errors, "supplier_id", "is not a supplier");
    }
    if let Some(sku) = &f.sku
        && products::sku_taken(conn, sku, this)?
    {
        add(&mut errors, "sku", "is already used by another product");
    }
    finish(errors)
}

/// Inserts the product with its opening stock (checked `>= 0` by the
/// caller's validation and the table), records that as a movement, and
/// gives it a SKU when it has none; call inside a write transaction.
pub fn insert_with_stock(
    conn: &Connection,
    f: &ProductFields,
    opening: i64,
    reason: &str,
    user: Option<UserId>,
) -> Result<ProductId, Error> {
    // One INSERT with the stock rather than an INSERT and an UPDATE: an
    // import of 200,000 lines runs this 200,000 times.
    let id = products::insert(conn, f, opening)?;
    if opening > 0 {
        stock::record(
            conn,
            &stock::Change {
                product: id,
                delta: opening,
                reason,
                order_id: None,
                user,
                note: None,
            },
            opening,
        )?;
    }
    if f.sku.is_none() {
        products::assign_sku(conn, id)?;
    }
    Ok(id)
}

pub fn create(tx: &Connection, user: UserId, input: NewProduct) -> Result<Product, Error> {
    let (fields, opening) = input.validate()?;
    check_references(tx, &fields, None)?;
    let id = insert_with_stock(tx, &fields, opening, "initial", Some(user))?;
    products::find(tx, id)
}

pub fn update(tx: &Connection, id: ProductId, patch: ProductPatch) -> Result<Product, Error> {
    let fields = patch.apply(products::fields(tx, id)?)?;
    check_references(tx, &fields, Some(id))?;
    products::update(tx, id, &fields)?;
    products::assign_sku(tx, id)?;
    products::find(tx, id)
}

/// The product, if the viewer may see it: inactive (archived) products
/// only for staff; for anyone else they do not exist.
pub fn find_visible(conn: &Connection, id: ProductId, staff: bool) -> Result<Product, Error> {
    let product = products::find(conn, id)?;
    if product.active || staff {
        Ok(product)
    } else {
        Err(Error::NotFound)
    }
}

/// Stock is low at this many units or fewer: shoppers are told how many
/// are left, and the back office's dashboard counts the product.
pub const LOW_STOCK: i64 = 5;

/// What a shopper is told about the stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Availability {
    InStock,
    Low { left: i64 },
    OutOfStock,
}

impl Availability {
    pub fn of(stock: i64) -> Availability {
        match stock {
            ..=0 => Availability::OutOfStock,
            1..=LOW_STOCK => Availability::Low { left: stock },
            _ => Availability::InStock,
        }
    }
}

/// What deleting did: erased it, or (once it appears in orders) archived it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    Deleted,
    Archived,
}

/// Deletes the product, or archives it (makes it inactive) once it appears
/// in orders: their lines keep what was sold but still name the product.
pub fn remove(tx: &Connection, id: ProductId) -> Result<Removal, Error> {
    let removal = if products::in_orders(tx, id)? {
        products::archive(tx, id)?;
        Removal::Archived
    } else if products::delete(tx, id)? {
        Removal::Deleted
    } else {
        return Err(Error::NotFound);
    };
    Ok(removal)
}

/// A stock adjustment by staff.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct StockAdjustment {
    #[schema(required = true, minimum = -1_000_000, maximum = 1_000_000)]
    pub delta: i64,
    #[schema(required = true, schema_with = adjustment_reason_schema)]
    pub reason: String,
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

pub const ADJUSTMENT_REASONS: &[&str] = &["restock", "adjustment", "return", "damaged"];

/// The OpenAPI schema of `StockAdjustment::reason`.
fn adjustment_reason_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(ADJUSTMENT_REASONS.iter().copied()))
        .build()
}

impl StockAdjustment {
    fn validate(&self) -> Result<(), Error> {
        let mut errors = FieldErrors::new();
        if self.delta == 0 {
            add(&mut errors, "delta", "must not be 0");
        } else if self.delta.unsigned_abs() > MAX_STOCK.unsigned_abs() {
            add(&mut errors, "delta", "must be between -1000000 and 1000000");
        }
        if !ADJUSTMENT_REASONS.contains(&self.reason.as_str()) {
            add(
                &mut errors,
                "reason",
                "must be one of restock, adjustment, return, damaged",
            );
        }
        if self.note.as_deref().is_some_and(|n| n.chars().count() > 500) {
            add(&mut errors, "note", "must be at most 500 characters long");
        }
        finish(errors)
    }
}

/// Changes the stock by `delta` with its movement, in one transaction;
/// refused (409) if the stock would go below zero or above `MAX_STOCK`.
pub fn adjust_stock(
    tx: &Connection,
    user: UserId,
    id: ProductId,
    adjustment: StockAdjustment,
) -> Result<Product, Error> {
    adjustment.validate()?;
    let note = adjustment
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let change = stock::Change {
        product: id,
        delta: adjustment.delta,
        reason: &adjustment.reason,
        order_id: None,
        user: Some(user),
        note,
    };
    match stock::change_within(tx, &change, Some(MAX_STOCK))? {
        Ok(_) => products::find(tx, id),
        Err(refused) => {
            let current = products::find(tx, id)?.stock;
            Err(match refused {
                stock::Refused::BelowZero => Error::Conflict {
                    code: "insufficient_stock",
                    message: format!("there are only {current} in stock"),
                },
                stock::Refused::AboveCeiling => Error::Conflict {
                    code: "conflict",
                    message: format!("the stock would go above {MAX_STOCK}: there are {current} in stock"),
                },
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_by_stock() {
        assert_eq!(Availability::of(0), Availability::OutOfStock);
        assert_eq!(Availability::of(1), Availability::Low { left: 1 });
        assert_eq!(Availability::of(5), Availability::Low { left: 5 });
        assert_eq!(Availability::of(6), Availability::InStock);
    }
}

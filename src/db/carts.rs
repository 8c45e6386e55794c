//! Queries on `carts` and `cart_items`. A cart belongs to a user or, for a
//! guest, to a session; a line is in the cart or saved for later.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Error;
use crate::ids::{CartId, ProductId, SessionId, UserId};
use crate::money::Cents;

/// Whose cart: a signed-in user's, or a guest session's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    User(UserId),
    Guest(SessionId),
}

pub fn find(conn: &Connection, owner: Owner) -> Result<Option<CartId>, Error> {
    let found = match owner {
        Owner::User(id) => conn
            .prepare_cached("SELECT id FROM carts WHERE user_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?,
        Owner::Guest(id) => conn
            .prepare_cached("SELECT id FROM carts WHERE session_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?,
    };
    Ok(found)
}

/// The owner's cart, made empty if they have none yet.
pub fn find_or_create(conn: &Connection, owner: Owner) -> Result<CartId, Error> {
    if let Some(id) = find(conn, owner)? {
        return Ok(id);
    }
    let (user, session) = match owner {
        Owner::User(id) => (Some(id), None),
        Owner::Guest(id) => (None, Some(id)),
    };
    conn.execute(
        "INSERT INTO carts (user_id, session_id, created_at) VALUES (?1, ?2, ?3)",
        params![user, session, crate::db::now()],
    )?;
    Ok(CartId(conn.last_insert_rowid()))
}

/// Deletes the cart and its lines.
pub fn delete(conn: &Connection, cart: CartId) -> Result<(), Error> {
    conn.execute("DELETE FROM carts WHERE id = ?1", [cart])?;
    Ok(())
}

/// A line with its product as it is today.
#[derive(Debug, Clone)]
pub struct LineRow {
    pub product_id: ProductId,
    pub name: String,
    pub price_cents: Cents,
    pub stock: i64,
    pub active: bool,
    pub quantity: i64,
    pub saved: bool,
}

impl LineRow {
    /// How many can be bought: none once the product is archived.
    pub fn available(&self) -> i64 {
        if self.active { self.stock } else { 0 }
    }
}

/// The cart's lines, in the cart and saved, oldest first.
pub fn lines(conn: &Connection, cart: CartId) -> Result<Vec<LineRow>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT ci.product_id, p.name, p.price_cents, p.stock, p.active, ci.quantity, ci.saved_for_later
         FROM cart_items ci JOIN products p ON p.id = ci.product_id
         WHERE ci.cart_id = ?1
         ORDER BY ci.added_at, ci.product_id",
    )?;
    let rows = stmt.query_map([cart], |r| {
        Ok(LineRow {
            product_id: r.get(0)?,
            name: r.get(1)?,
            price_cents: r.get(2)?,
            stock: r.get(3)?,
            active: r.get(4)?,
            quantity: r.get(5)?,
            saved: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A line's quantity and whether it is saved for later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub quantity: i64,
    pub saved: bool,
}

pub fn find_line(conn: &Connection, cart: CartId, product: ProductId) -> Result<Option<Held>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT quantity, saved_for_later FROM cart_items WHERE cart_id = ?1 AND product_id = ?2",
        )?
        .query_row(params![cart, product], |r| {
            Ok(Held {
                quantity: r.get(0)?,
                saved: r.get(1)?,
            })
        })
        .optional()?)
}

/// Writes the line: a new one is added now, an existing one keeps its place.
pub fn put_line(conn: &Connection, cart: CartId, product: ProductId, held: Held) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO cart_items (cart_id, product_id, quantity, saved_for_later, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (cart_id, product_id)
         DO UPDATE SET quantity = excluded.quantity, saved_for_later = excluded.saved_for_later",
    )?
    .execute(params![
        cart,
        product,
        held.quantity,
        held.saved,
        crate::db::now()
    ])?;
    Ok(())
}

/// Whether there was such a line.
pub fn delete_line(conn: &Connection, cart: CartId, product: ProductId) -> Result<bool, Error> {
    let deleted = conn
        .prepare_cached("DELETE FROM cart_items WHERE cart_id = ?1 AND product_id = ?2")?
        .execute(params![cart, product])?;
    Ok(deleted > 0)
}

/// Removes the owner's lines that are in the cart, keeping the saved ones:
/// what a placed order does to the cart.
pub fn clear_items(conn: &Connection, owner: Owner) -> Result<usize, Error> {
    let Some(cart) = find(conn, owner)? else {
        return Ok(0);
    };
    Ok(conn
        .prepare_cached("DELETE FROM cart_items WHERE saved_for_later = 0 AND cart_id = ?1")?
        .execute([cart])?)
}

/// The number of items in the owner's cart (saved lines not counted).
pub fn item_count(conn: &Connection, owner: Owner) -> Result<i64, Error> {
    let sql = match owner {
        Owner::User(_) => {
            "SELECT COALESCE(SUM(ci.quantity), 0) FROM carts c JOIN cart_items ci ON ci.cart_id = c.id
             WHERE c.user_id = ?1 AND ci.saved_for_later = 0"
        }
        Owner::Guest(_) => {
            "SELECT COALESCE(SUM(ci.quantity), 0) FROM carts c JOIN cart_items ci ON ci.cart_id = c.id
             WHERE c.session_id = ?1 AND ci.saved_for_later = 0"
        }
    };
    let id = match owner {
        Owner::User(id) => id.0,
        Owner::Guest(id) => id.0,
    };
    Ok(conn.prepare_cached(sql)?.query_row([id], |r| r.get(0))?)
}

/// A product as adding it to a cart needs it.
#[derive(Debug, Clone)]
pub struct ForSale {
    pub name: String,
    pub stock: i64,
    pub active: bool,
}

pub fn product(conn: &Connection, id: ProductId) -> Result<Option<ForSale>, Error> {
    Ok(conn
        .prepare_cached("SELECT name, stock, active FROM products WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(ForSale {
                name: r.get(0)?,
                stock: r.get(1)?,
                active: r.get(2)?,
            })
        })
        .optional()?)
}

/// A line of a cart (not saved for later) with what checkout needs
/// to know about its product now.
#[derive(Debug, Clone)]
pub struct CheckoutLine {
    pub product_id: ProductId,
    pub sku: Option<String>,
    pub name: String,
    pub unit_price: Cents,
    pub stock: i64,
    pub active: bool,
    pub quantity: i64,
}

/// The owner's cart lines, oldest first.
pub fn checkout_lines(conn: &Connection, owner: Owner) -> Result<Vec<CheckoutLine>, Error> {
    let Some(cart) = find(conn, owner)? else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.sku, p.name, p.price_cents, p.stock, p.active, i.quantity
         FROM cart_items i JOIN products p ON p.id = i.product_id
         WHERE i.cart_id = ?1 AND i.saved_for_later = 0
         ORDER BY i.added_at, p.id",
    )?;
    let rows = stmt.query_map([cart], |r| {
        Ok(CheckoutLine {
            product_id: r.get(0)?,
            sku: r.get(1)?,
            name: r.get(2)?,
            unit_price: r.get(3)?,
            stock: r.get(4)?,
            active: r.get(5)?,
            quantity: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

//! The cart's rules: how much of a product a line may hold, the stock
//! checks, saving for later, the view that pages and the API show (with
//! today's prices and what stands in the way of checking out), and the
//! merge of a guest's cart into the user's at sign-in.
//!
//! Every change is one `BEGIN IMMEDIATE` transaction that checks the stock
//! inside it and answers the cart as it is after the change.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::carts::{self, Held, LineRow};
use crate::error::Error;
use crate::ids::{CartId, ProductId, SessionId, UserId};
use crate::money::Cents;

pub use crate::db::carts::{Owner, item_count};

/// The most of one product a line may hold.
pub const MAX_QUANTITY: i64 = 999;

/// What stands in the way of buying a line as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// The product was archived: it is not sold any more.
    Unavailable,
    /// The line wants more than there is in stock (`available_stock`).
    InsufficientStock,
}

/// A line as API.md shows it, with today's price, plus its problem.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CartLine {
    pub product_id: ProductId,
    pub name: String,
    pub unit_price_cents: Cents,
    pub quantity: i64,
    pub line_total_cents: Cents,
    /// How many can be bought now: 0 once the product is archived.
    pub available_stock: i64,
    /// What stands in the way of buying the line, if anything.
    #[schema(required = true)]
    pub problem: Option<Problem>,
}

impl From<LineRow> for CartLine {
    fn from(row: LineRow) -> CartLine {
        let available = row.available();
        let problem = if !row.active {
            Some(Problem::Unavailable)
        } else if row.quantity > row.stock {
            Some(Problem::InsufficientStock)
        } else {
            None
        };
        CartLine {
            product_id: row.product_id,
            // A price is at most 10^8 and a quantity 999: this cannot
            // overflow with valid data, and saturates rather than panics.
            line_total_cents: Cents(row.price_cents.0.saturating_mul(row.quantity)),
            unit_price_cents: row.price_cents,
            quantity: row.quantity,
            available_stock: available,
            name: row.name,
            problem,
        }
    }
}

/// The cart of API.md: the lines to buy, the saved ones and the subtotal of
/// the first; plus how many items there are and whether checkout may start.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Cart {
    pub items: Vec<CartLine>,
    /// Saved for later: not counted, not bought.
    pub saved: Vec<CartLine>,
    /// Of the items, at today's prices.
    pub subtotal_cents: Cents,
    /// The sum of the items' quantities.
    pub item_count: i64,
    /// There are items and none has a problem.
    pub can_checkout: bool,
}

impl Cart {
    pub fn from_rows(rows: Vec<LineRow>) -> Cart {
        let (saved, items): (Vec<LineRow>, Vec<LineRow>) = rows.into_iter().partition(|r| r.saved);
        let items: Vec<CartLine> = items.into_iter().map(CartLine::from).collect();
        let subtotal = items
            .iter()
            .fold(0i64, |sum, l| sum.saturating_add(l.line_total_cents.0));
        Cart {
            item_count: items.iter().map(|l| l.quantity).sum(),
            can_checkout: !items.is_empty() && items.iter().all(|l| l.problem.is_none()),
            subtotal_cents: Cents(subtotal),
            saved: saved.into_iter().map(CartLine::from).collect(),
            items,
        }
    }
}

/// The owner's cart; empty when they have none (or no session at all).
/// Reading creates nothing.
pub fn view(conn: &Connection, owner: Option<Owner>) -> Result<Cart, Error> {
    let Some(cart) = owner.map(|o| carts::find(conn, o)).transpose()?.flatten() else {
        return Ok(Cart::default());
    };
    Ok(Cart::from_rows(carts::lines(conn, cart)?))
}

/// `POST /cart/items`: a product and how many to add.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(as = NewCartLine)]
pub struct NewLine {
    pub product_id: ProductId,
    /// Added to the line; the line holds at most 999.
    #[schema(minimum = 1, maximum = 999)]
    pub quantity: i64,
}

/// `PUT /cart/items/{id}`: the line's new quantity; 0 removes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(as = CartQuantity)]
pub struct QuantityChange {
    /// 0 removes the line.
    #[schema(minimum = 0, maximum = 999)]
    pub quantity: i64,
}

/// Runs `change` on the owner's cart in the write transaction `tx` and answers
/// the cart after it. Without a cart there is no line to change: 404,
/// unless `create` (adding makes the cart).
fn change_cart(
    tx: &Connection,
    owner: Owner,
    create: bool,
    change: impl FnOnce(&Connection, CartId) -> Result<(), Error>,
) -> Result<Cart, Error> {
    let cart = if create {
        carts::find_or_create(tx, owner)?
    } else {
        carts::find(tx, owner)?.ok_or(Error::NotFound)?
    };
    change(tx, cart)?;
    Ok(Cart::from_rows(carts::lines(tx, cart)?))
}

fn insufficient(message: String) -> Error {
    Error::Conflict {
        code: "insufficient_stock",
        message,
    }
}

fn unavailable(name: &str) -> Error {
    Error::Conflict {
        code: "unavailable",
        message: format!("“{name}” is no longer available"),
    }
}

/// How many of `name` there are, as the start of a refusal.
fn only(name: &str, available: i64) -> String {
    match available {
        0 => format!("“{name}” is out of stock"),
        n => format!("there are only {n} of “{name}” in stock"),
    }
}

/// Adds to the product's line (a saved line comes back into the cart with
/// the quantity added). The line may hold at most 999, and no more than
/// the stock.
pub fn add(conn: &Connection, owner: Owner, line: NewLine) -> Result<Cart, Error> {
    let NewLine { product_id, quantity } = line;
    if !(1..=MAX_QUANTITY).contains(&quantity) {
        return Err(Error::field("quantity", "must be between 1 and 999"));
    }
    change_cart(conn, owner, true, |tx, cart| {
        let product = carts::product(tx, product_id)?
            .filter(|p| p.active)
            .ok_or_else(|| Error::field("product_id", "is not a product on sale"))?;
        let had = carts::find_line(tx, cart, product_id)?.map_or(0, |h| h.quantity);
        let total = had + quantity;
        if total > MAX_QUANTITY {
            return Err(Error::field(
                "quantity",
                format!(
                    "must be at most {}: you already have {had}, and a line holds at most {MAX_QUANTITY}",
                    MAX_QUANTITY - had
                ),
            ));
        }
        if total > product.stock {
            let mut message = only(&product.name, product.stock);
            if had > 0 {
                message.push_str(&format!(", and you already have {had}"));
            }
            return Err(insufficient(message));
        }
        carts::put_line(
            tx,
            cart,
            product_id,
            Held {
                quantity: total,
                saved: false,
            },
        )
    })
}

/// Sets a line's quantity; 0 removes it. A line in the cart may not hold
/// more than the stock; a saved one may (it is checked when it moves back).
pub fn set_quantity(
    conn: &Connection,
    owner: Owner,
    product: ProductId,
    quantity: i64,
) -> Result<Cart, Error> {
    if !(0..=MAX_QUANTITY).contains(&quantity) {
        return Err(Error::field(
            "quantity",
            "must be between 0 and 999 (0 removes the line)",
        ));
    }
    change_cart(conn, owner, false, |tx, cart| {
        let held = carts::find_line(tx, cart, product)?.ok_or(Error::NotFound)?;
        if quantity == 0 {
            return carts::delete_line(tx, cart, product).map(|_| ());
        }
        if !held.saved {
            check_stock(tx, product, quantity, "")?;
        }
        carts::put_line(tx, cart, product, Held { quantity, ..held })
    })
}

/// Refuses `quantity` of a product that is archived or short of stock;
/// `context` ends the message.
fn check_stock(tx: &Connection, product: ProductId, quantity: i64, context: &str) -> Result<(), Error> {
    let found = carts::product(tx, product)?.ok_or(Error::NotFound)?;
    if !found.active {
        return Err(unavailable(&found.name));
    }
    if quantity > found.stock {
        return Err(insufficient(format!(
            "{}{context}",
            only(&found.name, found.stock)
        )));
    }
    Ok(())
}

/// Removes a line, in the cart or saved.
pub fn remove(conn: &Connection, owner: Owner, product: ProductId) -> Result<Cart, Error> {
    change_cart(conn, owner, false, |tx, cart| {
        Error::found(carts::delete_line(tx, cart, product)?)
    })
}

/// Moves a line to the saved list (nothing is checked: it is not bought).
pub fn save_for_later(conn: &Connection, owner: Owner, product: ProductId) -> Result<Cart, Error> {
    change_cart(conn, owner, false, |tx, cart| {
        let held = carts::find_line(tx, cart, product)?.ok_or(Error::NotFound)?;
        carts::put_line(tx, cart, product, Held { saved: true, ..held })
    })
}

/// Moves a saved line back into the cart, if the stock allows its quantity.
pub fn move_to_cart(conn: &Connection, owner: Owner, product: ProductId) -> Result<Cart, Error> {
    change_cart(conn, owner, false, |tx, cart| {
        let held = carts::find_line(tx, cart, product)?.ok_or(Error::NotFound)?;
        if !held.saved {
            return Ok(());
        }
        let context = format!(", and you saved {}", held.quantity);
        check_stock(tx, product, held.quantity, &context)?;
        carts::put_line(tx, cart, product, Held { saved: false, ..held })
    })
}

/// Why a merged line holds less than the two lines together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    /// Reduced to the stock.
    Stock,
    /// Reduced to 999, the most a line holds.
    LineLimit,
    /// Out of stock or archived: the larger of the two lines is kept, and
    /// the cart shows it flagged rather than losing it.
    Unavailable,
}

/// A line of the guest's cart that the merge could not take whole.
#[derive(Debug, Clone)]
pub struct Capped {
    pub product_id: ProductId,
    pub name: String,
    /// What the line holds now.
    pub quantity: i64,
    pub active: bool,
    pub cap: Cap,
}

/// What merging a guest's cart at sign-in did.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    /// The number of the guest's lines merged.
    pub lines: usize,
    pub capped: Vec<Capped>,
}

impl Merged {
    /// What to tell the user when a line was cut down, e.g. "Your cart was
    /// merged; “Blue mug” was reduced to 3, the stock available."
    pub fn message(&self) -> Option<String> {
        if self.capped.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .capped
            .iter()
            .map(|c| match c.cap {
                Cap::Stock => format!("“{}” was reduced to {}, the stock available", c.name, c.quantity),
                Cap::LineLimit => format!(
                    "“{}” was reduced to {MAX_QUANTITY}, the most one line holds",
                    c.name
                ),
                Cap::Unavailable if !c.active => format!("“{}” is no longer available", c.name),
                Cap::Unavailable => format!("“{}” is out of stock", c.name),
            })
            .collect();
        Some(format!("Your cart was merged; {}.", parts.join("; ")))
    }
}

/// The line that the user's line (if any) and the guest's line of the same
/// product make: quantities added; in the cart if either was; capped by the
/// stock (cart lines only) and by 999.
fn merge_line(mine: Option<Held>, guest: Held, available: i64) -> (Held, Option<Cap>) {
    let saved = guest.saved && mine.is_none_or(|m| m.saved);
    let had = mine.map_or(0, |m| m.quantity);
    let wanted = had + guest.quantity;
    let (limit, cap) = match (saved, available) {
        (true, _) => (MAX_QUANTITY, Cap::LineLimit),
        (false, 1..) if available < MAX_QUANTITY => (available, Cap::Stock),
        (false, 1..) => (MAX_QUANTITY, Cap::LineLimit),
        (false, _) => (had.max(guest.quantity), Cap::Unavailable),
    };
    let held = Held {
        quantity: wanted.min(limit),
        saved,
    };
    (held, (wanted > limit).then_some(cap))
}

/// Moves the guest session's cart into the user's, in the caller's
/// transaction (sign-in's), and deletes it. Lines only the user had stay
/// as they are.
pub fn merge_guest_cart(conn: &Connection, session: SessionId, user: UserId) -> Result<Merged, Error> {
    let Some(guest) = carts::find(conn, Owner::Guest(session))? else {
        return Ok(Merged::default());
    };
    let lines = carts::lines(conn, guest)?;
    let mut merged = Merged {
        lines: lines.len(),
        capped: Vec::new(),
    };
    if !lines.is_empty() {
        let target = carts::find_or_create(conn, Owner::User(user))?;
        for line in lines {
            let mine = carts::find_line(conn, target, line.product_id)?;
            let guest_line = Held {
                quantity: line.quantity,
                saved: line.saved,
            };
            let (held, cap) = merge_line(mine, guest_line, line.available());
            carts::put_line(conn, target, line.product_id, held)?;
            if let Some(cap) = cap {
                merged.capped.push(Capped {
                    product_id: line.product_id,
                    name: line.name,
                    quantity: held.quantity,
                    active: line.active,
                    cap,
                });
            }
        }
    }
    carts::delete(conn, guest)?;
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cart(quantity: i64) -> Held {
        Held {
            quantity,
            saved: false,
        }
    }

    fn saved(quantity: i64) -> Held {
        Held {
            quantity,
            saved: true,
        }
    }

    #[test]
    fn quantities_add_up_within_the_stock() {
        assert_eq!(merge_line(Some(cart(2)), cart(3), 10), (cart(5), None));
        assert_eq!(merge_line(None, cart(3), 10), (cart(3), None));
        assert_eq!(merge_line(Some(cart(2)), cart(3), 4), (cart(4), Some(Cap::Stock)));
        assert_eq!(merge_line(None, cart(5), 3), (cart(3), Some(Cap::Stock)));
    }

    #[test]
    fn a_line_holds_at_most_999() {
        assert_eq!(
            merge_line(Some(cart(900)), cart(200), 5000),
            (cart(999), Some(Cap::LineLimit))
        );
        assert_eq!(
            merge_line(Some(saved(900)), saved(200), 0),
            (saved(999), Some(Cap::LineLimit))
        );
    }

    #[test]
    fn out_of_stock_keeps_the_larger_line() {
        assert_eq!(
            merge_line(Some(cart(2)), cart(5), 0),
            (cart(5), Some(Cap::Unavailable))
        );
        assert_eq!(merge_line(None, cart(5), 0), (cart(5), None));
    }

    #[test]
    fn saved_lines_stay_saved_unless_one_side_has_it_in_the_cart() {
        assert_eq!(merge_line(Some(saved(1)), saved(2), 0), (saved(3), None));
        assert_eq!(merge_line(Some(cart(1)), saved(2), 10), (cart(3), None));
        assert_eq!(merge_line(Some(saved(1)), cart(2), 10), (cart(3), None));
        assert_eq!(merge_line(None, saved(7), 0), (saved(7), None));
    }

    #[test]
    fn the_message_names_what_was_cut() {
        let merged = Merged {
            lines: 2,
            capped: vec![Capped {
                product_id: ProductId(1),
                name: "Blue mug".into(),
                quantity: 3,
                active: true,
                cap: Cap::Stock,
            }],
        };
        assert_eq!(
            merged.message().as_deref(),
            Some("Your cart was merged; “Blue mug” was reduced to 3, the stock available.")
        );
        assert_eq!(Merged::default().message(), None);
    }
}

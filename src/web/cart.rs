//! The cart page and its forms: add from a product page, change a line's
//! quantity, remove a line, save it for later and move it back. The rules
//! are the cart domain's, the same as the JSON API's.

use rocket::http::Status;
use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::{CsrfForm, GuestForm};
use crate::auth::{CartOwner, CartViewer};
use crate::db::Db;
use crate::db::images;
use crate::domain::cart::{self, Cart, NewLine, Owner};
use crate::domain::settings::Settings;
use crate::error::Error;
use crate::i18n::sentence;
use crate::ids::ProductId;
use crate::web::shop::{AddAttempt, product_page};
use crate::web::{Empty, FormPage, Layout, Reply, render};

/// A line's quantity that was refused, to show again beside its field.
#[derive(Serialize)]
struct Refused {
    product_id: ProductId,
    quantity: String,
    message: String,
}

/// Nothing refused: product id 0 matches no line.
impl Default for Refused {
    fn default() -> Refused {
        Refused {
            product_id: ProductId(0),
            quantity: String::new(),
            message: String::new(),
        }
    }
}

/// The context of `shop/cart.html`.
#[derive(Serialize)]
struct CartPage<'a> {
    cart: &'a Cart,
    refused: Refused,
    /// The first image of each line's product, by product id.
    thumbs: &'a Thumbs,
    /// How much more the cart needs to ship free, when it needs more.
    free_shipping_left_cents: Option<i64>,
}

type Thumbs = std::collections::HashMap<String, String>;

/// The cart with its lines' thumbnails.
fn view(conn: &rusqlite::Connection, owner: Option<Owner>) -> Result<(Cart, Thumbs), Error> {
    let cart = cart::view(conn, owner)?;
    let ids = cart.items.iter().chain(&cart.saved).map(|l| l.product_id);
    let thumbs = images::first_urls(conn, ids)?;
    Ok((cart, thumbs))
}

/// What is left to reach the shop's free-shipping threshold; `None` when
/// shipping is free anyway, there is no threshold, or it is reached.
fn free_shipping_left(settings: &Settings, cart: &Cart) -> Option<i64> {
    let shop = settings.current();
    let threshold = shop.free_shipping_threshold_cents?;
    let subtotal = cart.subtotal_cents.0;
    (shop.shipping_fee_cents > 0 && subtotal > 0 && subtotal < threshold).then(|| threshold - subtotal)
}

fn cart_page(
    layout: &Layout,
    settings: &Settings,
    (cart, thumbs): &(Cart, Thumbs),
    status: Status,
    refused: Option<Refused>,
) -> Reply {
    let context = CartPage {
        cart,
        refused: refused.unwrap_or_default(),
        thumbs,
        free_shipping_left_cents: free_shipping_left(settings, cart),
    };
    Reply::Page((status, render("shop/cart.html", layout, context)))
}

#[get("/cart")]
async fn get_cart(
    viewer: CartViewer,
    layout: Layout,
    db: &State<Db>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let owner = viewer.0;
    let cart = db.run(move |conn| view(conn, owner)).await?;
    Ok(cart_page(&layout, settings, &cart, Status::Ok, None))
}

/// A quantity as typed: a whole number, or a validation error that says so.
fn parse_quantity(text: &str) -> Result<i64, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::field("quantity", "is required"));
    }
    text.parse()
        .map_err(|_| Error::field("quantity", "must be a whole number"))
}

/// What a refused change says beside its quantity field, as a sentence;
/// `None` for errors that are not about what was typed.
fn field_message(error: &Error) -> Option<String> {
    match error {
        Error::Validation { fields, .. } => Some(match fields.get("quantity") {
            Some(messages) => format!("Quantity {}.", messages.join("; ")),
            None if fields.contains_key("product_id") => "This product is not on sale.".to_string(),
            None => sentence(&error.public_message()),
        }),
        Error::Conflict { message, .. } => Some(sentence(message)),
        _ => None,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AddForm {
    product_id: String,
    quantity: String,
}

/// From a product page. A refused add shows that page again, with the
/// quantity typed and the reason beside it.
#[post("/cart/add", data = "<form>")]
async fn post_cart_add(
    owner: CartOwner,
    page: FormPage,
    form: GuestForm<AddForm>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let AddForm { product_id, quantity } = form.0;
    let product_id = product_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(ProductId)
        .ok_or(Error::NotFound)?;
    let owner = owner.0;
    let added = async {
        let n = parse_quantity(&quantity)?;
        let line = NewLine {
            product_id,
            quantity: n,
        };
        Ok::<_, Error>((n, db.write(move |tx| cart::add(tx, owner, line)).await?))
    };
    match added.await {
        Ok((n, cart)) => {
            let name = cart
                .items
                .iter()
                .find(|l| l.product_id == product_id)
                .map_or("the product", |l| l.name.as_str());
            // The layout adds a link to the cart to an "added" flash.
            let message = format!("Added {n} × “{name}” to cart");
            Ok(Reply::redirect_with(
                "added",
                format!("/products/{product_id}"),
                &message,
            ))
        }
        Err(e) => {
            let Some(message) = field_message(&e) else {
                return Err(e);
            };
            let attempt = AddAttempt {
                quantity,
                message,
                status: e.status(),
            };
            product_page(db, &page.0, product_id, Some(attempt)).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct QuantityForm {
    quantity: String,
}

/// A line's new quantity; 0 removes it. A refused one shows the cart again
/// with the quantity typed and the reason beside it.
#[post("/cart/items/<id>", data = "<form>")]
async fn post_cart_item(
    id: ProductId,
    owner: CartOwner,
    layout: Layout,
    form: CsrfForm<QuantityForm>,
    db: &State<Db>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let owner = owner.0;
    let typed = form.0.quantity;
    let changed = async {
        let n = parse_quantity(&typed)?;
        db.write(move |tx| cart::set_quantity(tx, owner, id, n)).await
    };
    match changed.await {
        Ok(_) => Ok(Reply::redirect("/cart", "Your cart is updated.")),
        Err(Error::NotFound) => Ok(not_in_cart()),
        Err(e) => {
            let Some(message) = field_message(&e) else {
                return Err(e);
            };
            let cart = db.run(move |conn| view(conn, Some(owner))).await?;
            let refused = Refused {
                product_id: id,
                quantity: typed,
                message,
            };
            Ok(cart_page(&layout, settings, &cart, e.status(), Some(refused)))
        }
    }
}

fn not_in_cart() -> Reply {
    Reply::redirect_with("error", "/cart", "That product is not in your cart any more.")
}

/// The answer to a button of a line: back to the cart, saying what happened
/// or why it could not.
fn after_button(result: Result<Cart, Error>, done: impl FnOnce(&Cart) -> String) -> Result<Reply, Error> {
    match result {
        Ok(cart) => Ok(Reply::redirect("/cart", &done(&cart))),
        Err(Error::NotFound) => Ok(not_in_cart()),
        Err(e @ Error::Conflict { .. }) => Ok(Reply::redirect_with(
            "error",
            "/cart",
            &sentence(&e.public_message()),
        )),
        Err(e) => Err(e),
    }
}

fn name_in(lines: &[cart::CartLine], id: ProductId) -> String {
    lines
        .iter()
        .find(|l| l.product_id == id)
        .map_or_else(|| "The product".to_string(), |l| format!("“{}”", l.name))
}

#[post("/cart/items/<id>/remove", data = "<_form>")]
async fn post_cart_item_remove(
    id: ProductId,
    owner: CartOwner,
    _form: CsrfForm<Empty>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let owner = owner.0;
    let result = db.write(move |tx| cart::remove(tx, owner, id)).await;
    after_button(result, |_| "Removed from your cart.".to_string())
}

#[post("/cart/items/<id>/save", data = "<_form>")]
async fn post_cart_item_save(
    id: ProductId,
    owner: CartOwner,
    _form: CsrfForm<Empty>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let owner = owner.0;
    let result = db.write(move |tx| cart::save_for_later(tx, owner, id)).await;
    after_button(result, |cart| {
        format!("{} is saved for later.", name_in(&cart.saved, id))
    })
}

#[post("/cart/items/<id>/move", data = "<_form>")]
async fn post_cart_item_move(
    id: ProductId,
    owner: CartOwner,
    _form: CsrfForm<Empty>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let owner = owner.0;
    let result = db.write(move |tx| cart::move_to_cart(tx, owner, id)).await;
    after_button(result, |cart| {
        format!("{} is back in your cart.", name_in(&cart.items, id))
    })
}

pub fn routes() -> Vec<Route> {
    routes![
        get_cart,
        post_cart_add,
        post_cart_item,
        post_cart_item_remove,
        post_cart_item_save,
        post_cart_item_move
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_sentences() {
        assert_eq!(
            sentence("there are only 3 of “Mug” in stock"),
            "There are only 3 of “Mug” in stock."
        );
    }
}

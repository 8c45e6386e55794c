//! What the checkout and order tests share: a staff script that stocks the
//! shop, customers who fill their carts, and the checkout request.

use rocket::http::Status;
use serde_json::{Value, json};

use crate::helpers::{Agent, Resp, TestApp};

/// A product made by staff through the API; its id.
pub fn product(staff: &Agent<'_>, name: &str, price_cents: i64, stock: i64) -> i64 {
    let made = staff.post_json(
        "/api/v1/products",
        json!({"name": name, "description": "", "price_cents": price_cents, "stock": stock}),
    );
    made.assert_status(Status::Created);
    made.json()["id"].as_i64().expect("product id")
}

/// Puts `quantity` of `product` in the agent's cart, as a script would.
pub fn add_to_cart(agent: &Agent<'_>, product: i64, quantity: i64) {
    agent
        .post_json(
            "/api/v1/cart/items",
            json!({"product_id": product, "quantity": quantity}),
        )
        .assert_status(Status::Ok);
}

pub fn address() -> Value {
    json!({"name": "Ada Lovelace", "line1": "12 Analytical Row", "city": "London",
           "postal_code": "N1 7AA", "country": "United Kingdom"})
}

/// A bank-transfer checkout of the agent's cart with `key`.
pub fn checkout(agent: &Agent<'_>, key: &str, extra: Value) -> Resp {
    let mut body = json!({"shipping_address": address(), "payment_method": "bank_transfer"});
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    agent.request_with_headers(
        rocket::http::Method::Post,
        "/api/v1/checkout",
        &[("Idempotency-Key", key)],
        Some(body),
    )
}

/// A customer who has bought `quantity` of `product`: the order's JSON.
pub fn order_of<'a>(app: &'a TestApp, name: &str, product: i64, quantity: i64) -> (Agent<'a>, Value) {
    let customer = app.signed_in(name, tienda::auth::Role::Customer);
    add_to_cart(&customer, product, quantity);
    let placed = checkout(&customer, &format!("{name}-1"), json!({}));
    placed.assert_status(Status::Created);
    let order = placed.json();
    (customer, order)
}

pub fn stock_of(app: &TestApp, product: i64) -> i64 {
    app.count(&format!("SELECT stock FROM products WHERE id = {product}"))
}

/// Tax 21% on top, 4.95 shipping, free from 50.00, and bank details.
pub fn taxed_shop(app: &TestApp) {
    let admin = app.token_agent("owner", tienda::auth::Role::Admin);
    admin
        .json(
            rocket::http::Method::Patch,
            "/api/v1/settings",
            json!({"tax_rate_bp": 2100, "prices_include_tax": false, "shipping_fee_cents": 495,
                   "free_shipping_threshold_cents": 5000, "bank_details": "IBAN ES12 3456 7890"}),
        )
        .assert_status(Status::Ok);
}

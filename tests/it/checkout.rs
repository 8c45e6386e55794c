//! Checkout through the JSON API: the server's prices, stock taken once,
//! idempotency keys, coupons, and nothing changed when something is wrong.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::TestApp;
use tienda::auth::Role;

#[test]
fn an_order_has_the_servers_prices_and_takes_the_stock() {
    let app = TestApp::new();
    app.taxed_shop();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let tea = app.product("Green tea").price_cents(399).stock(10).create(&staff);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(mug, 2);
    customer.add_to_cart(tea, 1);

    let quote = customer.post_json("/api/v1/checkout/quote", json!({}));
    quote.assert_status(Status::Ok);
    let quote = quote.json();
    // 25.00 + 3.99; tax 5.25 + 0.84 (0.8379 rounded half up); shipping 4.95.
    assert_eq!(quote["subtotal_cents"], 2899);
    assert_eq!(quote["tax_cents"], 609);
    assert_eq!(quote["shipping_cents"], 495);
    assert_eq!(quote["total_cents"], 4003);
    assert_eq!(quote["lines"][0]["name"], "Blue mug");

    // Prices, totals and someone else's cart sent by the client are ignored.
    let placed = customer.checkout(
        "k1",
        json!({"total_cents": 1, "subtotal_cents": 1, "user_id": 1, "cart_id": 99,
               "items": [{"product_id": mug, "quantity": 1, "unit_price_cents": 1}]}),
    );
    placed.assert_status(Status::Created);
    let order = placed.json();
    assert_eq!(order["number"], "T-000001");
    assert_eq!(order["status"], "pending_payment");
    assert_eq!(order["total_cents"], 4003);
    assert_eq!(order["items"][0]["name"], "Blue mug");
    assert_eq!(order["items"][0]["unit_price_cents"], 1250);
    assert_eq!(order["items"][0]["quantity"], 2);
    assert_eq!(order["items"][1]["line_total_cents"], 399);
    assert_eq!(order["shipping_address"]["city"], "London");
    let amounts = [
        "subtotal_cents",
        "discount_cents",
        "shipping_cents",
        "tax_cents",
        "total_cents",
    ]
    .map(|field| order[field].as_i64().expect(field));
    assert_eq!(amounts[0] - amounts[1] + amounts[2] + amounts[3], amounts[4]);

    assert_eq!((app.stock_of(mug), app.stock_of(tea)), (3, 9));
    assert_eq!(
        app.count("SELECT count(*) FROM stock_movements WHERE reason = 'sale' AND order_id = 1"),
        2
    );
    let cart = customer.get("/api/v1/cart").json();
    assert_eq!(cart["items"].as_array().map(Vec::len), Some(0));
    let mail: String = app
        .db()
        .query_row(
            "SELECT body FROM outbox WHERE kind = 'order_confirmation'",
            [],
            |r| r.get(0),
        )
        .expect("a confirmation mail");
    assert!(
        mail.contains("T-000001") && mail.contains("IBAN ES12 3456 7890"),
        "{mail}"
    );
    assert!(mail.contains("Total: €40.03"), "{mail}");

    // Prices copied at checkout stay as they were.
    staff
        .json(
            Method::Patch,
            &format!("/api/v1/products/{mug}"),
            json!({"price_cents": 9999}),
        )
        .assert_status(Status::Ok);
    let again = customer.get("/api/v1/orders/1").json();
    assert_eq!(again["items"][0]["unit_price_cents"], 1250);
    assert_eq!(again["total_cents"], 4003);
}

#[test]
fn one_key_makes_one_order() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(mug, 1);
    let first = customer.checkout("same", json!({}));
    first.assert_status(Status::Created);
    let again = customer.checkout("same", json!({}));
    again.assert_status(Status::Ok);
    assert_eq!(again.json()["id"], first.json()["id"]);
    let changed = customer.checkout("same", json!({"payment_method": "cash_on_delivery"}));
    changed.assert_status(Status::UnprocessableEntity);
    assert_eq!(changed.error_code(), "idempotency_key_reused");

    customer.add_to_cart(mug, 1);
    let no_key = customer.post_json(
        "/api/v1/checkout",
        json!({"shipping_address": crate::helpers::address(), "payment_method": "bank_transfer"}),
    );
    no_key.assert_status(Status::UnprocessableEntity);
    assert_eq!(no_key.field_errors("Idempotency-Key").len(), 1);
    let long_key = "k".repeat(101);
    customer
        .checkout(&long_key, json!({}))
        .assert_status(Status::UnprocessableEntity);
    assert_eq!(app.count("SELECT count(*) FROM orders"), 1);
    assert_eq!(app.stock_of(mug), 4);
}

#[test]
fn a_short_line_changes_nothing_and_is_named() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let tea = app.product("Green tea").price_cents(399).stock(10).create(&staff);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(tea, 2);
    customer.add_to_cart(mug, 4);
    staff.move_stock(mug, -3, "damaged");

    let refused = customer.checkout("k1", json!({}));
    refused.assert_status(Status::Conflict);
    assert_eq!(refused.error_code(), "insufficient_stock");
    let message = refused.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(message.contains("only 2 of “Blue mug” in stock"), "{message}");
    assert!(!message.contains("Green tea"), "{message}");
    assert_eq!(app.count("SELECT count(*) FROM orders"), 0);
    assert_eq!((app.stock_of(mug), app.stock_of(tea)), (2, 10));
    assert_eq!(
        app.count("SELECT count(*) FROM stock_movements WHERE reason = 'sale'"),
        0
    );
    assert_eq!(
        customer.get("/api/v1/cart").json()["items"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    // The same key works once the cart is put right.
    customer
        .json(
            Method::Put,
            &format!("/api/v1/cart/items/{mug}"),
            json!({"quantity": 2}),
        )
        .assert_status(Status::Ok);
    customer.checkout("k1", json!({})).assert_status(Status::Created);
    assert_eq!(app.stock_of(mug), 0);
}

#[test]
fn checkout_needs_an_e_mail_or_an_account_a_cart_and_an_address() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let guest = app.agent();
    guest.add_to_cart(mug, 1);
    // A guest checks out with an e-mail address (tests/it/guests.rs).
    let no_email = guest.checkout("k1", json!({}));
    no_email.assert_status(Status::UnprocessableEntity);
    assert!(!no_email.field_errors("email").is_empty(), "{}", no_email.body);
    guest
        .post_json("/api/v1/checkout/quote", json!({}))
        .assert_status(Status::Unauthorized);

    let customer = app.signed_in("carla", Role::Customer);
    let empty = customer.checkout("k1", json!({}));
    empty.assert_status(Status::UnprocessableEntity);
    assert!(empty.body.contains("cart is empty"), "{}", empty.body);

    customer.add_to_cart(mug, 1);
    let bad = customer.checkout(
        "k2",
        json!({"shipping_address": {"name": " ", "line1": "x"}, "payment_method": "card",
               "shipping_method": "drone"}),
    );
    bad.assert_status(Status::UnprocessableEntity);
    for field in [
        "shipping_address.name",
        "shipping_address.city",
        "shipping_address.postal_code",
        "shipping_address.country",
        "payment_method",
        "shipping_method",
    ] {
        assert_eq!(bad.field_errors(field).len(), 1, "{field}: {}", bad.body);
    }
    let floats = customer.checkout("k3", json!({"shipping_address": {"name": 12.5}}));
    floats.assert_status(Status::UnprocessableEntity);
    assert_eq!(app.count("SELECT count(*) FROM orders"), 0);
    assert_eq!(app.stock_of(mug), 5);
}

#[test]
fn coupons_apply_within_their_rules() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(2000).stock(50).create(&staff);
    staff
        .post_json(
            "/api/v1/coupons",
            json!({"code": "TEN", "kind": "percent", "value": 10, "once_per_customer": true}),
        )
        .assert_status(Status::Created);
    staff
        .post_json(
            "/api/v1/coupons",
            json!({"code": "BIG", "kind": "fixed", "value": 500, "min_subtotal_cents": 10000}),
        )
        .assert_status(Status::Created);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(mug, 2);

    let unknown = customer.post_json("/api/v1/checkout/quote", json!({"coupon_code": "NOPE"}));
    unknown.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        unknown.field_errors("coupon_code"),
        vec!["there is no coupon with this code"]
    );
    let below = customer.post_json("/api/v1/checkout/quote", json!({"coupon_code": "big"}));
    assert!(
        below.field_errors("coupon_code")[0].contains("at least 100.00"),
        "{}",
        below.body
    );

    let quote = customer.post_json("/api/v1/checkout/quote", json!({"coupon_code": "ten"}));
    assert_eq!(quote.json()["discount_cents"], 400);
    let placed = customer.checkout("k1", json!({"coupon_code": "ten"}));
    placed.assert_status(Status::Created);
    assert_eq!(placed.json()["discount_cents"], 400);
    assert_eq!(placed.json()["coupon_code"], "TEN");
    assert_eq!(placed.json()["total_cents"], 3600);
    assert_eq!(app.count("SELECT count(*) FROM coupon_redemptions"), 1);

    customer.add_to_cart(mug, 1);
    let twice = customer.checkout("k2", json!({"coupon_code": "TEN"}));
    twice.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        twice.field_errors("coupon_code"),
        vec!["you have already used this coupon"]
    );
    assert_eq!(app.count("SELECT count(*) FROM orders"), 1);
}

#[test]
fn a_product_in_orders_is_archived_not_erased() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let spare = app.product("Spare mug").price_cents(1250).stock(5).create(&staff);
    let (customer, order) = app.order_of("carla", mug, 1);
    staff
        .delete(&format!("/api/v1/products/{mug}"))
        .assert_status(Status::NoContent);
    staff
        .delete(&format!("/api/v1/products/{spare}"))
        .assert_status(Status::NoContent);
    assert_eq!(
        app.count(&format!("SELECT active FROM products WHERE id = {mug}")),
        0
    );
    assert_eq!(
        app.count(&format!("SELECT count(*) FROM products WHERE id = {spare}")),
        0
    );
    customer
        .get(&format!("/api/v1/products/{mug}"))
        .assert_status(Status::NotFound);
    let kept = customer.get(&format!("/api/v1/orders/{}", order["id"]));
    assert_eq!(kept.json()["items"][0]["name"], "Blue mug");
}

#[test]
fn a_customer_may_hold_only_so_many_unpaid_orders() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(50).create(&staff);
    let customer = app.signed_in("carla", Role::Customer);
    let mut orders = Vec::new();
    for n in 0..3 {
        customer.add_to_cart(mug, 1);
        let placed = customer.checkout(&format!("k{n}"), json!({}));
        placed.assert_status(Status::Created);
        orders.push(placed.json()["id"].as_i64().expect("an id"));
    }

    customer.add_to_cart(mug, 2);
    let refused = customer.checkout("k3", json!({}));
    refused.assert_status(Status::TooManyRequests);
    assert_eq!(refused.error_code(), "rate_limited");
    assert!(refused.header("Retry-After").is_some());
    assert!(
        refused.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("3 orders awaiting payment")),
        "{}",
        refused.body
    );
    assert_eq!(app.stock_of(mug), 47, "the refused order took nothing");
    let form = [
        ("shipping_method", "pickup"),
        ("billing_name", "Carla Ruiz"),
        ("payment_method", "bank_transfer"),
    ];
    // The page says so next to the form, and the cart stays.
    let page = customer.submit("/checkout", "/checkout", &form);
    page.assert_status(Status::TooManyRequests);
    let said = page.page().select_text(".form-error").unwrap_or_default();
    assert!(said.contains("awaiting payment"), "{said}");
    assert!(page.body.contains("Blue mug"), "the cart is shown still");

    // Once one is paid, another may be placed; other customers never
    // counted.
    staff
        .post_json(&format!("/api/v1/orders/{}/mark-paid", orders[0]), json!({}))
        .assert_status(Status::Ok);
    customer.checkout("k4", json!({})).assert_status(Status::Created);
    let (_, _) = app.order_of("dora", mug, 1);
}

#[test]
fn the_checkout_form_ends_with_place_order_as_well_as_its_summary() {
    let app = TestApp::new();
    let staff = app.token_agent("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(mug, 1);

    let page = customer.page("/checkout");
    assert_eq!(
        page.select_text(".checkout-summary button.place-order")
            .as_deref(),
        Some("Place order")
    );
    // On a phone the summary sits above the form (style.css shows this
    // button there only): who fills the form down to Payment finds it.
    assert_eq!(
        page.select_text(".checkout-steps > #payment ~ button.place-order-last[type=submit]")
            .as_deref(),
        Some("Place order")
    );
}

//! Checkout and orders in the browser: the checkout page, the customer's
//! order pages and invoice, and the back office's order pages.

use rocket::http::Status;
use serde_json::json;

use crate::helpers::{Agent, PASSWORD, Page, Resp, TestApp, csrf_token, field_error};
use tienda::auth::Role;

const ADDRESS: [(&str, &str); 5] = [
    ("shipping_address.name", "Ada Lovelace"),
    ("shipping_address.line1", "12 Analytical Row"),
    ("shipping_address.city", "London"),
    ("shipping_address.postal_code", "N1 7AA"),
    ("shipping_address.country", "United Kingdom"),
];

/// The checkout form as the page gave it: its CSRF token and idempotency
/// key, ready to be sent with `fields` (as often as a nervous finger likes).
struct CheckoutForm {
    csrf: String,
    key: String,
}

impl CheckoutForm {
    fn open(agent: &Agent<'_>) -> (CheckoutForm, Resp) {
        let page = agent.get("/checkout");
        page.assert_status(Status::Ok);
        let form = CheckoutForm {
            csrf: csrf_token(&page.body, "/checkout"),
            key: page.page().input_value("idempotency_key"),
        };
        (form, page)
    }

    fn send(&self, agent: &Agent<'_>, fields: &[(&str, &str)]) -> Resp {
        let mut all = vec![
            ("_csrf", self.csrf.as_str()),
            ("idempotency_key", self.key.as_str()),
        ];
        all.extend_from_slice(fields);
        agent.post_form("/checkout", &all)
    }
}

/// The address and bank transfer, with `more`.
fn order_fields<'a>(more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = ADDRESS.to_vec();
    fields.push(("payment_method", "bank_transfer"));
    fields.extend_from_slice(more);
    fields
}

/// Staff's products and a customer with some of them in the cart.
fn customer_with_cart(app: &TestApp) -> (Agent<'_>, i64, i64) {
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let tea = app.product("Green tea").price_cents(399).stock(10).create(&staff);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(mug, 2);
    customer.add_to_cart(tea, 1);
    (customer, mug, tea)
}

#[test]
fn a_visitor_without_a_cart_is_sent_to_the_cart_and_reaches_no_orders() {
    let app = TestApp::new();
    let guest = app.agent();
    // Guests check out too (tests/it/guests.rs); without a cart there is
    // nothing to buy.
    let res = guest.get("/checkout");
    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), "/cart");
    assert_eq!(guest.flash_after(&res), "Your cart is empty.");
    let login = guest.get("/login?next=%2Fcheckout");
    login.assert_status(Status::Ok);
    assert!(login.page().has("[value=\"/checkout\"]"), "{}", login.body);

    let sent = guest.post_form("/checkout", &order_fields(&[]));
    assert!(sent.status.code >= 300, "{}", sent.body);
    for page in ["/orders", "/orders/1", "/orders/1/invoice"] {
        let res = guest.get(page);
        assert_eq!(res.status, Status::SeeOther, "{page}");
        assert!(res.location().starts_with("/login?next="), "{page}");
    }
    assert_eq!(app.count("SELECT count(*) FROM orders"), 0);
}

#[test]
fn a_shopper_goes_from_the_product_page_through_sign_in_to_a_placed_order() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    app.create_user("carla", Role::Customer);
    let shopper = app.agent();
    let id = mug.to_string();
    let added = shopper.submit(
        &format!("/products/{mug}"),
        "/cart/add",
        &[("product_id", &id), ("quantity", "2")],
    );
    assert_eq!(added.status, Status::SeeOther);
    assert!(shopper.get("/cart").page().has("[href=\"/checkout\"]"));

    // The guest's checkout offers signing in instead.
    let checkout = shopper.get("/checkout");
    checkout.assert_status(Status::Ok);
    let to_login = checkout
        .page()
        .attr(".guest-note a", "href")
        .expect("a sign-in link");
    assert_eq!(to_login, "/login?next=/checkout");
    let signed_in = shopper.submit(
        &to_login,
        "/login",
        &[
            ("username", "carla"),
            ("password", PASSWORD),
            ("next", "/checkout"),
        ],
    );
    assert_eq!(signed_in.location(), "/checkout");
    let (form, page) = CheckoutForm::open(&shopper);
    assert!(page.body.contains("Blue mug"), "the guest's cart came along");
    assert_eq!(page.page().select_text(".total").as_deref(), Some("€25.00"));
    let placed = form.send(&shopper, &order_fields(&[]));
    assert_eq!(placed.location(), "/orders/1");
    assert_eq!(app.stock_of(mug), 3);
    let cart = shopper.get("/cart").body;
    assert!(
        !Page::parse(&cart).has("[href=\"/checkout\"]"),
        "the cart is empty now"
    );
}

#[test]
fn a_customer_checks_out_on_the_page_once_however_often_the_form_is_sent() {
    let app = TestApp::new();
    app.taxed_shop();
    let (customer, mug, tea) = customer_with_cart(&app);

    let (form, page) = CheckoutForm::open(&customer);
    // 25.00 + 3.99; tax 5.25 + 0.84; shipping 4.95: the server's sums.
    assert_eq!(page.page().select_text(".subtotal").as_deref(), Some("€28.99"));
    assert_eq!(page.page().select_text(".tax").as_deref(), Some("€6.09"));
    assert_eq!(page.page().select_text(".shipping").as_deref(), Some("€4.95"));
    assert_eq!(page.page().select_text(".total").as_deref(), Some("€40.03"));
    assert_eq!(
        page.page().select_text(".free-from").as_deref(),
        Some("free from €50.00")
    );
    assert!(page.body.contains("Blue mug") && page.body.contains("Green tea"));
    assert!(page.body.contains("IBAN ES12 3456 7890"), "bank details shown");
    assert_eq!(page.page().input_value("shipping_address.line1"), "");

    let fields = order_fields(&[("shipping_method", "standard")]);
    let first = form.send(&customer, &fields);
    let again = form.send(&customer, &fields);
    assert_eq!(first.status, Status::SeeOther, "{}", first.body);
    assert_eq!(first.location(), "/orders/1");
    assert_eq!(again.location(), "/orders/1");
    assert_eq!(app.count("SELECT count(*) FROM orders"), 1);
    assert_eq!(app.count("SELECT total_cents FROM orders"), 4003);
    assert_eq!((app.stock_of(mug), app.stock_of(tea)), (3, 9));

    let order = customer.follow(&first);
    order.assert_status(Status::Ok);
    assert_eq!(
        order.page().flash().unwrap_or_default(),
        "Thank you — order T-000001 is placed."
    );
    assert_eq!(
        order.page().select_text(".order-number").as_deref(),
        Some("T-000001")
    );
    assert!(order.page().has(".status-pending_payment"), "{}", order.body);
    assert!(order.body.contains("IBAN ES12 3456 7890"));
    assert_eq!(
        order.page().select_text(".payment-reference").as_deref(),
        Some("T-000001")
    );
    assert_eq!(order.page().select_text(".total").as_deref(), Some("€40.03"));
    assert!(order.body.contains("12 Analytical Row"));
    assert!(order.page().posts_to("/orders/1/cancel"));
    assert!(!order.body.contains("/orders/1/rate"));

    // The same page sent again with other details, after a new add.
    customer.add_to_cart(tea, 1);
    let changed = form.send(&customer, &order_fields(&[("shipping_method", "pickup")]));
    changed.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        changed.page().select_text(".form-error").as_deref(),
        Some("This form has already placed an order. Check the details and place this one again.")
    );
    assert_ne!(changed.page().input_value("idempotency_key"), form.key);
    assert_eq!(app.count("SELECT count(*) FROM orders"), 1);

    // The next checkout starts from the last address.
    let (_, next) = CheckoutForm::open(&customer);
    assert_eq!(
        next.page().input_value("shipping_address.line1"),
        "12 Analytical Row"
    );
    assert_eq!(next.page().input_value("shipping_address.city"), "London");
}

#[test]
fn field_errors_stand_next_to_their_fields_and_keep_what_was_typed() {
    let app = TestApp::new();
    let (customer, mug, _) = customer_with_cart(&app);
    let (form, _) = CheckoutForm::open(&customer);
    let long_postcode = "9".repeat(21);
    let sent = form.send(
        &customer,
        &[
            ("shipping_address.name", "Ada Lovelace"),
            ("shipping_address.line1", "12 Analytical Row"),
            ("shipping_address.line2", "Flat 3"),
            ("shipping_address.city", "  "),
            ("shipping_address.postal_code", &long_postcode),
            ("shipping_address.country", "United Kingdom"),
            ("shipping_method", "pickup"),
        ],
    );
    sent.assert_status(Status::UnprocessableEntity);
    let html = &sent.body;
    let page = sent.page();
    assert_eq!(
        field_error(html, "shipping_address.city").as_deref(),
        Some("City is required.")
    );
    assert_eq!(
        field_error(html, "shipping_address.postal_code").as_deref(),
        Some("Postal code must be at most 20 characters.")
    );
    assert!(field_error(html, "payment_method").is_some(), "{html}");
    assert!(field_error(html, "shipping_address.name").is_none());
    assert_eq!(page.input_value("shipping_address.name"), "Ada Lovelace");
    assert_eq!(page.input_value("shipping_address.line2"), "Flat 3");
    assert_eq!(page.input_value("shipping_address.postal_code"), long_postcode);
    assert!(
        page.has("input[name=\"shipping_method\"][value=\"pickup\"][checked]"),
        "the method is kept"
    );
    assert_eq!(page.input_value("idempotency_key"), form.key);
    assert_eq!(page.select_text(".shipping").as_deref(), Some("free"));
    assert_eq!(app.count("SELECT count(*) FROM orders"), 0);
    assert_eq!(app.stock_of(mug), 5);

    // Corrected, the same page places the order.
    let fixed = form.send(&customer, &order_fields(&[("shipping_method", "pickup")]));
    assert_eq!(fixed.location(), "/orders/1");
    assert_eq!(app.count("SELECT shipping_cents FROM orders"), 0);
}

#[test]
fn a_coupon_is_applied_to_the_summary_and_a_bad_one_refused_beside_its_field() {
    let app = TestApp::new();
    let (customer, _, _) = customer_with_cart(&app);
    let staff = app.token_agent("coupons", Role::Staff);
    staff
        .post_json(
            "/api/v1/coupons",
            json!({"code": "SAVE10", "kind": "percent", "value": 10}),
        )
        .assert_status(Status::Created);
    staff
        .post_json(
            "/api/v1/coupons",
            json!({"code": "BIGSPENDER", "kind": "fixed", "value": 500, "min_subtotal_cents": 100000}),
        )
        .assert_status(Status::Created);
    let (form, _) = CheckoutForm::open(&customer);

    let typed = [
        ("shipping_address.name", "Ada Lovelace"),
        ("shipping_address.city", "London"),
    ];
    let apply = |code: &str| {
        let mut fields = typed.to_vec();
        fields.extend([("coupon_code", code), ("apply", "coupon")]);
        form.send(&customer, &fields)
    };
    let applied = apply("save10");
    applied.assert_status(Status::Ok);
    // 10% of 25.00 and of 3.99.
    assert_eq!(applied.page().select_text(".discount").as_deref(), Some("−€2.90"));
    assert!(
        applied.body.contains("<code>SAVE10</code> applied"),
        "{}",
        applied.body
    );
    assert_eq!(applied.page().input_value("shipping_address.city"), "London");
    assert!(
        field_error(&applied.body, "shipping_address.line1").is_none(),
        "Apply checks nothing else"
    );

    let unknown = apply("NOPE");
    unknown.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&unknown.body, "coupon_code").as_deref(),
        Some("Coupon code: there is no coupon with this code.")
    );
    assert_eq!(unknown.page().input_value("coupon_code"), "NOPE");
    assert_eq!(
        unknown.page().input_value("shipping_address.name"),
        "Ada Lovelace"
    );
    assert!(unknown.page().select_text(".discount").is_none());
    assert_eq!(unknown.page().select_text(".total").as_deref(), Some("€28.99"));

    let too_small = apply("BIGSPENDER");
    let message = field_error(&too_small.body, "coupon_code").unwrap_or_default();
    assert!(message.contains("at least 1000.00"), "{message}");

    // A link with the code shows it applied too; placing keeps it.
    let linked = customer.get("/checkout?coupon_code=SAVE10&shipping_method=pickup");
    assert_eq!(linked.page().select_text(".discount").as_deref(), Some("−€2.90"));
    assert_eq!(linked.page().select_text(".shipping").as_deref(), Some("free"));
    let placed = form.send(&customer, &order_fields(&[("coupon_code", "SAVE10")]));
    assert_eq!(placed.location(), "/orders/1");
    assert_eq!(app.count("SELECT discount_cents FROM orders"), 290);
    let order = customer.follow(&placed);
    assert_eq!(order.page().select_text(".discount").as_deref(), Some("−€2.90"));
}

#[test]
fn a_cart_that_cannot_be_bought_goes_back_to_the_cart() {
    let app = TestApp::new();
    let (customer, mug, tea) = customer_with_cart(&app);
    let staff = app.token_agent("stocker", Role::Staff);
    let (form, _) = CheckoutForm::open(&customer);
    staff.move_stock(mug, -4, "damaged");

    let sent = form.send(&customer, &order_fields(&[]));
    assert_eq!(sent.status, Status::SeeOther);
    assert_eq!(sent.location(), "/cart");
    let cart = customer.follow(&sent);
    let message = cart.page().flash().unwrap_or_default();
    assert!(
        message.starts_with("There are only 1 of “Blue mug” in stock"),
        "{message}"
    );
    assert!(!message.contains("Green tea"), "{message}");
    assert_eq!(app.count("SELECT count(*) FROM orders"), 0);
    assert_eq!((app.stock_of(mug), app.stock_of(tea)), (1, 10));

    let page = customer.get("/checkout");
    assert_eq!(page.status, Status::SeeOther);
    assert_eq!(page.location(), "/cart");

    let empty = app.signed_in("emma", Role::Customer);
    let res = empty.get("/checkout");
    assert_eq!(res.location(), "/cart");
    assert_eq!(empty.flash_after(&res), "Your cart is empty.");
}

#[test]
fn the_order_history_lists_ones_own_orders_newest_first_in_pages() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app
        .product("Blue mug")
        .price_cents(1250)
        .stock(100)
        .create(&staff);
    app.allow_unpaid_orders(100);
    let (carla, _) = app.order_of("carla", mug, 1);
    let (dora, _) = app.order_of("dora", mug, 1);
    for n in 2..=21 {
        carla.add_to_cart(mug, 1);
        carla
            .checkout(&format!("carla-{n}"), json!({}))
            .assert_status(Status::Created);
    }

    let first = carla.get("/orders");
    first.assert_status(Status::Ok);
    assert!(first.page().has("[href=\"/orders\"]"), "My orders in the header");
    let numbers = first.page().select_texts(".order-link");
    assert_eq!(numbers.len(), 20);
    assert_eq!(numbers[0], "T-000022");
    assert!(
        !numbers.contains(&"T-000002".to_string()),
        "dora's order is not listed"
    );
    assert!(first.page().has(".status-pending_payment"));
    let second = carla.get("/orders?page=2");
    assert!(second.body.contains(">T-000001<"));
    assert!(!second.body.contains(">T-000022<"));

    let dora_list = dora.get("/orders").body;
    assert!(dora_list.contains(">T-000002<") && !dora_list.contains(">T-000001<"));
    let nobody = app.signed_in("nina", Role::Customer).get("/orders");
    assert!(nobody.body.contains("No orders yet"));
}

#[test]
fn another_customers_order_is_not_found_on_every_page_and_action() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (_, order) = app.order_of("carla", mug, 2);
    let id = order["id"].as_i64().expect("id");
    let mallory = app.signed_in("mallory", Role::Customer);
    let token = csrf_token(&mallory.get("/orders").body, "/logout");

    for page in [format!("/orders/{id}"), format!("/orders/{id}/invoice")] {
        let res = mallory.get(&page);
        assert_eq!(res.status, Status::NotFound, "{page}");
        assert!(!res.body.contains("Blue mug"), "{page}");
    }
    let cancel = mallory.post_form(&format!("/orders/{id}/cancel"), &[("_csrf", &token)]);
    cancel.assert_status(Status::NotFound);
    assert_eq!(app.order_status(id), "pending_payment");
    assert_eq!(app.stock_of(mug), 3);

    for bad in ["abc", "0", "-1", "99999999999999999999", "1.5", "%00"] {
        for page in [format!("/orders/{bad}"), format!("/orders/{bad}/invoice")] {
            assert_eq!(mallory.get(&page).status, Status::NotFound, "{page}");
        }
        let res = mallory.post_form(&format!("/orders/{bad}/cancel"), &[("_csrf", &token)]);
        assert_eq!(res.status, Status::NotFound, "{bad}");
    }
}

#[test]
fn the_owner_cancels_an_unpaid_order_and_the_stock_comes_back_once() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (carla, _) = app.order_of("carla", mug, 2);
    assert_eq!(app.stock_of(mug), 3);

    let token = csrf_token(&carla.get("/orders/1").body, "/orders/1/cancel");
    let cancelled = carla.post_form("/orders/1/cancel", &[("_csrf", &token)]);
    assert_eq!(cancelled.location(), "/orders/1");
    let page = carla.follow(&cancelled);
    assert_eq!(
        page.page().flash().unwrap_or_default(),
        "Order T-000001 is cancelled."
    );
    assert!(page.page().has(".status-cancelled"));
    assert!(!page.page().posts_to("/orders/1/cancel"), "no button any more");
    assert!(!page.body.contains("pay-by-transfer"), "nothing to pay");
    assert_eq!(app.stock_of(mug), 5);

    let twice = carla.post_form("/orders/1/cancel", &[("_csrf", &token)]);
    assert_eq!(twice.location(), "/orders/1");
    assert_eq!(
        carla.flash_after(&twice),
        "Order T-000001 is cancelled; it cannot be cancelled."
    );
    assert_eq!(app.stock_of(mug), 5);
    let without_token = carla.post_form("/orders/1/cancel", &[]);
    without_token.assert_status(Status::Forbidden);
}

#[test]
fn the_invoice_is_a_printable_page_of_the_order() {
    let app = TestApp::new();
    app.taxed_shop();
    let (customer, _, _) = customer_with_cart(&app);
    customer.checkout("k1", json!({})).assert_status(Status::Created);

    let invoice = customer.get("/orders/1/invoice");
    invoice.assert_status(Status::Ok);
    let html = &invoice.body;
    let page = invoice.page();
    assert_eq!(page.select_text(".invoice-shop").as_deref(), Some("Tienda"));
    assert_eq!(page.select_text(".order-number").as_deref(), Some("T-000001"));
    assert!(html.contains("Order date"));
    // Each line with its tax: 21% of 25.00 and of 3.99.
    assert!(html.contains("€5.25") && html.contains("€0.84"), "{html}");
    assert_eq!(page.select_text(".total").as_deref(), Some("€40.03"));
    assert!(html.contains("12 Analytical Row") && html.contains("carla@example.com"));
    assert!(page.has(".no-print.actions"));
    assert!(html.contains("/static/print.js"));
    let css = customer.get("/static/style.css").body;
    assert!(css.contains("@media print"));
    customer.get("/static/print.js").assert_status(Status::Ok);
}

#[test]
fn no_input_makes_a_server_error() {
    let app = TestApp::new();
    let (customer, _, _) = customer_with_cart(&app);
    let (form, _) = CheckoutForm::open(&customer);
    let huge = "ü".repeat(3_000);
    let attempts: Vec<Vec<(&str, &str)>> = vec![
        vec![],
        vec![("payment_method", "bitcoin"), ("shipping_method", "drone")],
        vec![
            ("shipping_address.name", &huge),
            ("coupon_code", &huge),
            ("apply", "1"),
        ],
        vec![
            ("shipping_method", "teleport"),
            ("coupon_code", "NOPE"),
            ("apply", "1"),
        ],
        vec![("shipping_address.city", "A"), ("shipping_address.city", "B")],
        vec![("idempotency_key", &huge)],
    ];
    for fields in &attempts {
        let res = form.send(&customer, fields);
        assert!(res.status.code < 500, "{fields:?}: {}", res.status);
    }
    for query in [
        "/checkout?coupon_code=%00&shipping_method=%FF",
        "/checkout?shipping_method=",
        "/orders?page=0",
        "/orders?page=99999999999999999999",
        "/orders?page=9223372036854775807",
    ] {
        let res = customer.get(query);
        assert!(res.status.code < 500, "{query}: {}", res.status);
    }
    let staff = app.signed_in("stan", Role::Staff);
    let long_q = format!("/admin/orders?q={}&page=abc", "%25".repeat(5000));
    for query in [
        long_q.as_str(),
        "/admin/orders?page=9223372036854775807",
        "/admin/orders?status=%27%3B--",
        "/admin/orders/abc",
        "/admin/orders/99999999999999999999",
    ] {
        let res = staff.get(query);
        assert!(res.status.code < 500, "{query}: {}", res.status);
    }
    let token = csrf_token(&staff.get("/").body, "/logout");
    for step in ["mark-paid", "ship", "deliver", "cancel", "refund"] {
        let res = staff.post_form(&format!("/admin/orders/77/{step}"), &[("_csrf", &token)]);
        assert_eq!(res.status, Status::NotFound, "{step}");
    }
}

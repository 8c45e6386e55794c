//! The back office's order pages: finding orders, taking them through their
//! steps, and what a step refused or too long looks like.

use rocket::http::Status;
use serde_json::json;

use crate::helpers::{Agent, Page, TestApp, csrf_token, field_error};
use tienda::auth::Role;

/// Three orders: carla's (1, then paid) and dora's (2, 3).
fn three_orders(app: &TestApp) -> Agent<'_> {
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(50).create(&staff);
    app.order_of("carla", mug, 1);
    let (dora, _) = app.order_of("dora", mug, 1);
    dora.add_to_cart(mug, 3);
    dora.checkout("dora-2", json!({})).assert_status(Status::Created);
    staff
        .post_json("/api/v1/orders/1/mark-paid", json!({}))
        .assert_status(Status::Ok);
    staff
}

fn listed(html: &str) -> Vec<String> {
    Page::parse(html).select_texts(".order-link")
}

#[test]
fn staff_find_orders_by_status_number_or_customer() {
    let app = TestApp::new();
    let staff = three_orders(&app);

    let all = staff.get("/admin/orders");
    all.assert_status(Status::Ok);
    assert_eq!(listed(&all.body), ["T-000003", "T-000002", "T-000001"]);
    assert!(all.body.contains("dora@example.com"));
    assert_eq!(listed(&staff.get("/admin/orders?status=paid").body), ["T-000001"]);
    assert_eq!(
        listed(&staff.get("/admin/orders?status=pending_payment&q=dora").body),
        ["T-000003", "T-000002"]
    );
    assert_eq!(listed(&staff.get("/admin/orders?q=T-000002").body), ["T-000002"]);
    assert_eq!(
        listed(&staff.get("/admin/orders?q=carla%40example").body),
        ["T-000001"]
    );
    let none = staff.get("/admin/orders?q=nobody");
    assert!(listed(&none.body).is_empty() && none.body.contains("No orders match"));

    let bad = staff.get("/admin/orders?status=lost");
    bad.assert_status(Status::UnprocessableEntity);
    assert!(field_error(&bad.body, "status").is_some(), "{}", bad.body);

    let counts = staff.page("/admin");
    assert!(counts.has("[href=\"/admin/orders\"]"), "in the back-office nav");
    assert_eq!(
        counts
            .select_text(".stat-number#count-awaiting-payment")
            .as_deref(),
        Some("2")
    );
    assert_eq!(
        counts.select_text(".stat-number#count-to-ship").as_deref(),
        Some("1")
    );
}

#[test]
fn staff_take_an_order_to_delivery_and_the_customer_follows_it() {
    let app = TestApp::new();
    app.taxed_shop();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (carla, _) = app.order_of("carla", mug, 2);
    let page = "/admin/orders/1";

    let pending = staff.get(page).body;
    let offered = Page::parse(&pending);
    assert!(offered.posts_to("/admin/orders/1/mark-paid"));
    // Cancel and refund are confirmed on a page of their own first.
    assert!(offered.has("a[href=\"/admin/orders/1/cancel\"]"));
    assert!(!offered.posts_to("/admin/orders/1/ship"));
    assert!(!offered.has("a[href=\"/admin/orders/1/refund\"]"));
    assert!(pending.contains("carla@example.com") && pending.contains("Blue mug"));

    let paid = staff.submit(page, "/admin/orders/1/mark-paid", &[("reference", "TRX-77")]);
    assert_eq!(paid.location(), page);
    let after = staff.follow(&paid).page();
    assert_eq!(after.flash().as_deref(), Some("Order T-000001 is marked paid."));
    assert_eq!(after.select_text(".payment-reference").as_deref(), Some("TRX-77"));
    assert!(after.posts_to("/admin/orders/1/ship"));
    assert!(after.has("a[href=\"/admin/orders/1/refund\"]"));
    assert!(!after.posts_to("/admin/orders/1/mark-paid"));

    let shipped = staff.submit(
        page,
        "/admin/orders/1/ship",
        &[("carrier", "Correos"), ("tracking_number", "PK123456ES")],
    );
    assert_eq!(staff.flash_after(&shipped), "Order T-000001 is shipped.");
    let seen = carla.page("/orders/1");
    assert!(seen.has(".status-shipped"));
    assert_eq!(
        seen.select_text(".tracking-number").as_deref(),
        Some("PK123456ES")
    );
    assert_eq!(seen.select_text(".carrier").as_deref(), Some("Correos"));
    assert!(!seen.posts_to("/orders/1/cancel"));

    let delivered = staff.submit(page, "/admin/orders/1/deliver", &[]);
    assert_eq!(staff.flash_after(&delivered), "Order T-000001 is delivered.");
    let done = carla.get("/orders/1").body;
    let shown = Page::parse(&done);
    assert!(shown.has(".status-delivered"));
    assert!(shown.has("[href=\"/orders/1/rate\"]"));
    assert!(done.contains("Rate this order and review its products"));
    carla.get("/orders/1/rate").assert_status(Status::Ok);
    assert_eq!(app.order_status(1), "delivered");
    assert_eq!(app.stock_of(mug), 3);

    let refunded = staff.submit(
        "/admin/orders/1/refund",
        "/admin/orders/1/refund",
        &[("note", "Broken in transit")],
    );
    assert_eq!(staff.flash_after(&refunded), "Order T-000001 is refunded.");
    assert_eq!(app.stock_of(mug), 3, "not restocked unless asked");
    let last = staff.page(page);
    assert_eq!(
        last.select_text(".refund-note").as_deref(),
        Some("Broken in transit")
    );
    assert!(
        !last.has(
            "[action^=\"/admin/orders/1/\"], [formaction^=\"/admin/orders/1/\"], \
             a[href=\"/admin/orders/1/cancel\"], a[href=\"/admin/orders/1/refund\"]"
        ),
        "nothing more to do"
    );
}

#[test]
fn a_step_someone_else_made_impossible_shows_why_and_changes_nothing() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    app.order_of("carla", mug, 2);
    let other = app.signed_in("olga", Role::Staff);

    // Stan opens the order while it waits for payment; Olga is quicker.
    let stale = staff.get("/admin/orders/1/cancel").body;
    let token = csrf_token(&stale, "/admin/orders/1/cancel");
    other
        .post_json("/api/v1/orders/1/mark-paid", json!({}))
        .assert_status(Status::Ok);
    other
        .post_json("/api/v1/orders/1/ship", json!({}))
        .assert_status(Status::Ok);

    let cancel = staff.post_form("/admin/orders/1/cancel", &[("_csrf", &token)]);
    assert_eq!(cancel.location(), "/admin/orders/1");
    let page = staff.follow(&cancel).page();
    assert_eq!(
        page.select_text(".flash.flash-error").as_deref(),
        Some("Order T-000001 is shipped; it cannot be cancelled.")
    );
    let paid = staff.post_form(
        "/admin/orders/1/mark-paid",
        &[("_csrf", &token), ("reference", "late")],
    );
    assert_eq!(
        staff.flash_after(&paid),
        "Order T-000001 is shipped; it cannot be marked paid."
    );
    assert_eq!(app.order_status(1), "shipped");
    assert_eq!(app.stock_of(mug), 3);
    assert_eq!(app.count("SELECT count(*) FROM payments"), 1);
    assert_eq!(
        app.count("SELECT count(*) FROM orders WHERE payment_reference IS NOT NULL"),
        0
    );
}

#[test]
fn step_fields_that_are_too_long_are_shown_next_to_them() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    app.order_of("carla", mug, 2);
    staff
        .post_json("/api/v1/orders/1/mark-paid", json!({}))
        .assert_status(Status::Ok);

    let long = "X".repeat(101);
    let res = staff.submit(
        "/admin/orders/1",
        "/admin/orders/1/ship",
        &[("carrier", "Correos"), ("tracking_number", &long)],
    );
    res.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&res.body, "tracking_number").as_deref(),
        Some("Tracking number must be at most 100 characters.")
    );
    assert_eq!(res.page().input_value("tracking_number"), long);
    assert_eq!(res.page().input_value("carrier"), "Correos");
    let note = "n".repeat(1001);
    let refund = staff.submit(
        "/admin/orders/1/refund",
        "/admin/orders/1/refund",
        &[("restock", "on"), ("note", &note)],
    );
    refund.assert_status(Status::UnprocessableEntity);
    assert!(field_error(&refund.body, "note").is_some());
    assert_eq!(app.order_status(1), "paid");
    assert_eq!(app.stock_of(mug), 3);
}

#[test]
fn customers_are_refused_the_back_office_order_pages() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (carla, _) = app.order_of("carla", mug, 2);
    let token = csrf_token(&carla.get("/orders/1").body, "/orders/1/cancel");

    for page in ["/admin/orders", "/admin/orders/1", "/admin/orders?status=paid"] {
        let res = carla.get(page);
        assert_eq!(res.status, Status::Forbidden, "{page}");
        assert!(res.body.contains("Not allowed"), "{page}");
    }
    for step in ["mark-paid", "ship", "deliver", "cancel", "refund"] {
        let res = carla.post_form(
            &format!("/admin/orders/1/{step}"),
            &[("_csrf", &token), ("restock", "on")],
        );
        assert_eq!(res.status, Status::Forbidden, "{step}");
    }
    assert_eq!(app.order_status(1), "pending_payment");
    assert_eq!(app.stock_of(mug), 3);
    let guest = app.agent().get("/admin/orders");
    assert!(guest.location().starts_with("/login?next="));
}

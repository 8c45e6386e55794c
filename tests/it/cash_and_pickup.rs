//! How small shops sell: cash on delivery that ships (or waits at the
//! shop) unpaid and is paid when handed over, pickup without an address,
//! invoice and credit note numbers, the staff's confirmations, and the
//! mails that go with them. JSON and HTML.

use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Agent, Page, TestApp, csrf_token, field_error};
use crate::process::eventually;
use tienda::auth::Role;

/// The outbox's mails of `kind`: (to, subject, body), oldest first.
fn mails(app: &TestApp, kind: &str) -> Vec<(String, String, String)> {
    let db = app.db();
    let mut stmt = db
        .prepare("SELECT to_addr, subject, body FROM outbox WHERE kind = ?1 ORDER BY id")
        .expect("query");
    stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("mails")
}

/// This year as the shop (in UTC by default) counts invoices.
fn year() -> String {
    chrono::Utc::now().format("%Y").to_string()
}

/// A customer `name` who bought `quantity` of `product`, cash on delivery,
/// shipped (`standard`) or collected (`pickup`, with no address).
fn cod_order<'a>(
    app: &'a TestApp,
    name: &str,
    product: i64,
    quantity: i64,
    shipping: &str,
) -> (Agent<'a>, i64) {
    let customer = app.signed_in(name, Role::Customer);
    customer.add_to_cart(product, quantity);
    let mut body = json!({"payment_method": "cash_on_delivery", "shipping_method": shipping});
    if shipping == "pickup" {
        body["shipping_address"] = Value::Null;
        body["billing_name"] = json!("Grace Hopper");
    }
    let placed = customer.checkout(&format!("{name}-1"), body);
    placed.assert_status(Status::Created);
    let id = placed.json()["id"].as_i64().expect("id");
    (customer, id)
}

fn step(staff: &Agent<'_>, id: i64, step: &str, body: Value) -> crate::helpers::Resp {
    staff.post_json(&format!("/api/v1/orders/{id}/{step}"), body)
}

#[test]
fn cash_on_delivery_ships_unpaid_and_delivery_records_the_payment_and_the_invoice_number() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (customer, id) = cod_order(&app, "carla", mug, 2, "standard");

    let shipped = step(&staff, id, "ship", json!({"carrier": "Correos"}));
    shipped.assert_status(Status::Ok);
    let order = shipped.json();
    assert_eq!(order["status"], "shipped");
    assert!(order["paid_at"].is_null());
    assert!(order["invoice_number"].is_null());
    assert_eq!(app.count("SELECT count(*) FROM payments"), 0);
    let page = customer.page(&format!("/orders/{id}"));
    assert!(
        page.select_text(".cash-due")
            .is_some_and(|t| t.contains("€25.00 in cash when the parcel arrives")),
        "{:?}",
        page.select_text(".cash-due")
    );

    let delivered = step(&staff, id, "deliver", json!({"reference": "COURIER-881"}));
    delivered.assert_status(Status::Ok);
    let order = delivered.json();
    assert_eq!(order["status"], "delivered");
    assert!(order["paid_at"].is_string());
    assert_eq!(order["payment_reference"], "COURIER-881");
    assert_eq!(order["invoice_number"], format!("{}-000001", year()));
    assert_eq!(
        app.count("SELECT count(*) FROM payments WHERE kind = 'payment' AND amount_cents = 2500 AND reference = 'COURIER-881'"),
        1
    );
    assert_eq!(app.stock_of(mug), 3);

    // A bank transfer is paid before it leaves.
    let (_, bank) = app.order_of("dave", mug, 1);
    let early = step(&staff, bank["id"].as_i64().expect("id"), "ship", json!({}));
    early.assert_status(Status::Conflict);
    assert_eq!(early.error_code(), "invalid_transition");
}

#[test]
fn cash_collected_early_keeps_the_goods_where_they_are_and_is_recorded_once() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (_, id) = cod_order(&app, "carla", mug, 1, "standard");
    step(&staff, id, "ship", json!({})).assert_status(Status::Ok);

    let paid = step(&staff, id, "mark-paid", json!({"reference": "CASH-1"}));
    paid.assert_status(Status::Ok);
    assert_eq!(paid.json()["status"], "shipped");
    assert!(paid.json()["paid_at"].is_string());
    let number = paid.json()["invoice_number"].clone();
    assert_eq!(number, format!("{}-000001", year()));
    step(&staff, id, "mark-paid", json!({})).assert_status(Status::Conflict);
    // A paid parcel is not cancelled as a returned one: it is refunded.
    step(&staff, id, "cancel", json!({})).assert_status(Status::Conflict);

    let delivered = step(&staff, id, "deliver", json!({}));
    delivered.assert_status(Status::Ok);
    assert_eq!(delivered.json()["invoice_number"], number);
    assert_eq!(delivered.json()["payment_reference"], "CASH-1");
    assert_eq!(app.count("SELECT count(*) FROM payments"), 1);
}

#[test]
fn pickup_needs_a_name_and_no_address_and_standard_still_needs_one() {
    let app = TestApp::new();
    app.taxed_shop();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(mug, 1);
    let checkout = |key: &str, body: Value| {
        customer.request_with_headers(
            Method::Post,
            "/api/v1/checkout",
            &[("Idempotency-Key", key)],
            Some(body),
        )
    };

    let nameless = checkout(
        "a",
        json!({"payment_method": "cash_on_delivery", "shipping_method": "pickup"}),
    );
    nameless.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        nameless.field_errors("billing_name").len(),
        1,
        "{}",
        nameless.body
    );
    assert!(nameless.field_errors("shipping_address.line1").is_empty());

    let no_address = checkout(
        "b",
        json!({"payment_method": "bank_transfer", "billing_name": "Grace Hopper"}),
    );
    no_address.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        no_address.field_errors("shipping_address.line1"),
        ["is required"],
        "{}",
        no_address.body
    );

    let placed = checkout(
        "c",
        json!({"payment_method": "cash_on_delivery", "shipping_method": "pickup",
               "billing_name": "Grace Hopper"}),
    );
    placed.assert_status(Status::Created);
    let order = placed.json();
    assert!(order["shipping_address"].is_null(), "{order}");
    assert_eq!(order["billing_name"], "Grace Hopper");
    assert_eq!(order["shipping_method"], "pickup");
    assert_eq!(order["shipping_cents"], 0, "pickup is free");
    assert_eq!(order["total_cents"], 1250 + 263);
    let id = order["id"].as_i64().expect("id");
    step(&staff, id, "ship", json!({})).assert_status(Status::Conflict);

    // With standard shipping the address's name is the buyer's.
    customer.add_to_cart(mug, 1);
    let standard = customer.checkout("d", json!({}));
    standard.assert_status(Status::Created);
    assert_eq!(standard.json()["billing_name"], "Ada Lovelace");
    assert_eq!(standard.json()["shipping_address"]["city"], "London");
}

#[test]
fn ready_for_pickup_emails_the_customer_and_collecting_pays() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let admin = app.token_agent("owner", Role::Admin);
    admin
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"address": "Calle Mayor 1\n28013 Madrid", "timezone": "Europe/Madrid"}),
        )
        .assert_status(Status::Ok);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (customer, id) = cod_order(&app, "carla", mug, 1, "pickup");
    let (_, standard) = cod_order(&app, "dave", mug, 1, "standard");

    step(&staff, standard, "ready", json!({})).assert_status(Status::Conflict);
    step(&customer, id, "ready", json!({})).assert_status(Status::Forbidden);
    let ready = staff.request(Method::Post, &format!("/api/v1/orders/{id}/ready"), None, None);
    ready.assert_status(Status::Ok);
    assert_eq!(ready.json()["status"], "ready_for_pickup");
    assert!(ready.json()["ready_at"].is_string());
    assert!(ready.json()["paid_at"].is_null());

    let sent = mails(&app, "ready_for_pickup");
    assert_eq!(sent.len(), 1);
    let (to, subject, body) = &sent[0];
    assert_eq!(to, "carla@example.com");
    assert_eq!(subject, "Your order T-000001 is ready for pickup");
    assert!(body.contains("Hello Grace Hopper"), "{body}");
    assert!(body.contains("Calle Mayor 1"), "{body}");
    assert!(body.contains("Please bring €12.50"), "{body}");
    assert!(
        body.contains(" CET") || body.contains(" CEST"),
        "in the shop's zone: {body}"
    );

    let page = customer.page(&format!("/orders/{id}"));
    assert!(page.has(".status-ready_for_pickup"));
    assert!(
        page.select_text(".cash-due")
            .is_some_and(|t| t.contains("Please bring €12.50")),
        "{:?}",
        page.select_text(".cash-due")
    );

    let collected = step(&staff, id, "deliver", json!({}));
    collected.assert_status(Status::Ok);
    assert_eq!(collected.json()["status"], "delivered");
    assert_eq!(collected.json()["invoice_number"], format!("{}-000001", year()));
}

#[test]
fn the_hold_expiry_cancels_unpaid_bank_transfers_and_leaves_cash_on_delivery_alone() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (_, bank) = app.order_of("carla", mug, 1);
    let (_, cod) = cod_order(&app, "dave", mug, 1, "standard");
    let (_, pickup) = cod_order(&app, "erin", mug, 1, "pickup");
    let long_ago = tienda::db::from_now(-chrono::Duration::hours(73));
    app.db()
        .execute("UPDATE orders SET created_at = ?1", [long_ago])
        .expect("backdated");

    eventually("the hold to expire", || {
        (app.order_status(bank["id"].as_i64().expect("id")) == "cancelled").then_some(())
    });
    assert_eq!(app.order_status(cod), "pending_payment");
    assert_eq!(app.order_status(pickup), "pending_payment");
    assert_eq!(app.stock_of(mug), 3);
}

#[test]
fn a_returned_cash_on_delivery_parcel_is_cancelled_by_staff_and_restocked_once() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (customer, id) = cod_order(&app, "carla", mug, 2, "standard");
    step(&staff, id, "ship", json!({})).assert_status(Status::Ok);

    let own = step(&customer, id, "cancel", json!({}));
    own.assert_status(Status::Conflict);
    assert!(own.body.contains("only the shop can cancel it"), "{}", own.body);

    let cancelled = step(&staff, id, "cancel", json!({}));
    cancelled.assert_status(Status::Ok);
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert!(
        cancelled.json()["credit_note_number"].is_null(),
        "nothing was invoiced"
    );
    assert_eq!(app.stock_of(mug), 5);
    step(&staff, id, "cancel", json!({})).assert_status(Status::Conflict);
    step(&staff, id, "deliver", json!({})).assert_status(Status::Conflict);
    assert_eq!(app.stock_of(mug), 5);
    assert_eq!(
        app.count("SELECT count(*) FROM stock_movements WHERE reason = 'cancel'"),
        1
    );
    assert_eq!(app.count("SELECT count(*) FROM payments"), 0);
    assert_eq!(mails(&app, "order_cancelled").len(), 1);
}

#[test]
fn invoice_numbers_follow_each_other_in_the_year_and_refunds_get_credit_notes() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(50).create(&staff);
    // Last year's series does not go on into this one.
    let last_year: i64 = year().parse::<i64>().expect("a year") - 1;
    app.db()
        .execute(
            "INSERT INTO invoice_counters (series, year, last) VALUES ('invoice', ?1, 41)",
            [last_year],
        )
        .expect("last year's invoices");
    let ids: Vec<i64> = ["ana", "ben", "cai", "dee"]
        .iter()
        .map(|name| app.order_of(name, mug, 1).1["id"].as_i64().expect("id"))
        .collect();
    // Paid out of order: numbers go by payment, not by order.
    for &id in &[ids[2], ids[0], ids[1]] {
        step(&staff, id, "mark-paid", json!({})).assert_status(Status::Ok);
    }
    let number = |id: i64, field: &str| {
        staff.get(&format!("/api/v1/orders/{id}")).json()[field]
            .as_str()
            .map(str::to_string)
    };
    let y = year();
    assert_eq!(number(ids[2], "invoice_number"), Some(format!("{y}-000001")));
    assert_eq!(number(ids[0], "invoice_number"), Some(format!("{y}-000002")));
    assert_eq!(number(ids[1], "invoice_number"), Some(format!("{y}-000003")));
    assert_eq!(number(ids[3], "invoice_number"), None, "unpaid: no invoice");

    // An unpaid order cannot be refunded; a paid one gets a credit note.
    step(&staff, ids[3], "refund", json!({"restock": true})).assert_status(Status::Conflict);
    let refunded = step(
        &staff,
        ids[0],
        "refund",
        json!({"restock": false, "note": "Chipped"}),
    );
    refunded.assert_status(Status::Ok);
    assert_eq!(refunded.json()["credit_note_number"], format!("R{y}-000001"));
    assert_eq!(refunded.json()["invoice_number"], format!("{y}-000002"));
    // Cancelling a paid order pays it back too: the next credit note.
    let cancelled = step(&staff, ids[1], "cancel", json!({}));
    cancelled.assert_status(Status::Ok);
    assert_eq!(cancelled.json()["credit_note_number"], format!("R{y}-000002"));

    let sent = mails(&app, "order_refunded");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "ana@example.com");
    assert!(sent[0].2.contains("€12.50"), "{}", sent[0].2);
    assert!(sent[0].2.contains(&format!("R{y}-000001")), "{}", sent[0].2);
    assert!(sent[0].2.contains("Chipped"), "{}", sent[0].2);
    assert_eq!(
        app.count(&format!(
            "SELECT last FROM invoice_counters WHERE year = {last_year}"
        )),
        41
    );
}

/// Settings with the seller's legal details, 21% tax on top.
fn seller(app: &TestApp) {
    app.taxed_shop();
    app.token_agent("boss", Role::Admin)
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"legal_name": "Tienda Ejemplo S.L.", "address": "Calle Mayor 1\n28013 Madrid",
                   "tax_id": "ESB12345678", "contact_email": "hola@tienda.example",
                   "phone": "+34 910 000 000"}),
        )
        .assert_status(Status::Ok);
}

#[test]
fn the_invoice_names_the_seller_and_the_buyer_and_each_line_s_tax() {
    let app = TestApp::new();
    seller(&app);
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (customer, order) = app.order_of("carla", mug, 2);
    let id = order["id"].as_i64().expect("id");

    let summary = customer.page(&format!("/orders/{id}/invoice"));
    assert_eq!(
        summary.select_text("h1").as_deref(),
        Some("Order summary T-000001")
    );
    assert!(
        summary
            .select_text(".proforma-banner")
            .is_some_and(|t| t.contains("Not an invoice"))
    );
    assert!(!summary.has(".invoice-number"));

    staff
        .post_json(&format!("/api/v1/orders/{id}/mark-paid"), json!({}))
        .assert_status(Status::Ok);
    for viewer in [&customer, &staff] {
        let page = viewer.page(&format!("/orders/{id}/invoice"));
        let y = year();
        assert_eq!(
            page.select_text("h1").as_deref(),
            Some(&*format!("Invoice {y}-000001"))
        );
        assert_eq!(
            page.select_text(".seller-name").as_deref(),
            Some("Tienda Ejemplo S.L.")
        );
        assert!(
            page.select_text(".seller-address")
                .is_some_and(|a| a.contains("28013 Madrid"))
        );
        assert_eq!(page.select_text(".seller-tax-id").as_deref(), Some("ESB12345678"));
        assert_eq!(
            page.select_text(".seller-email").as_deref(),
            Some("hola@tienda.example")
        );
        assert_eq!(
            page.select_text(".seller-phone").as_deref(),
            Some("+34 910 000 000")
        );
        assert_eq!(page.select_text(".buyer-name").as_deref(), Some("Ada Lovelace"));
        assert!(
            page.select_text(".buyer")
                .is_some_and(|b| b.contains("12 Analytical Row"))
        );
        assert!(
            !page
                .select_text(".invoice-parties")
                .unwrap_or_default()
                .contains("carla "),
            "the buyer by name, not by username"
        );
        assert_eq!(page.select_texts(".line-tax-rate"), ["21%"]);
        assert_eq!(page.select_texts(".line-tax"), ["€5.25"]);
        assert_eq!(page.select_text(".total").as_deref(), Some("€35.20"));
        assert!(page.has(".issued"));
    }
    customer
        .get(&format!("/orders/{id}/credit-note"))
        .assert_status(Status::NotFound);

    staff
        .post_json(&format!("/api/v1/orders/{id}/refund"), json!({"restock": true}))
        .assert_status(Status::Ok);
    let credit = customer.page(&format!("/orders/{id}/credit-note"));
    let y = year();
    assert_eq!(
        credit.select_text("h1").as_deref(),
        Some(&*format!("Credit note R{y}-000001"))
    );
    assert!(
        credit
            .select_text(".invoice-facts")
            .is_some_and(|f| f.contains(&format!("{y}-000001")))
    );
    assert!(
        credit
            .select_text(".credited")
            .is_some_and(|c| c.contains("€35.20"))
    );
    assert!(
        customer
            .get(&format!("/orders/{id}/invoice"))
            .body
            .contains(&format!("R{y}-000001"))
    );
    // Someone else's is nobody's business.
    let other = app.signed_in("mallory", Role::Customer);
    other
        .get(&format!("/orders/{id}/credit-note"))
        .assert_status(Status::NotFound);
    other
        .get(&format!("/orders/{id}/invoice"))
        .assert_status(Status::NotFound);
}

#[test]
fn the_checkout_form_takes_pickup_with_an_empty_address() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(mug, 1);
    let empty_address = [
        ("shipping_address.name", ""),
        ("shipping_address.line1", ""),
        ("shipping_address.line2", ""),
        ("shipping_address.city", ""),
        ("shipping_address.postal_code", ""),
        ("shipping_address.country", ""),
        ("payment_method", "cash_on_delivery"),
    ];
    let send = |more: &[(&str, &str)]| {
        let page = customer.get("/checkout");
        let token = csrf_token(&page.body, "/checkout");
        let key = page.page().input_value("idempotency_key");
        let mut fields = vec![("_csrf", token.as_str()), ("idempotency_key", key.as_str())];
        fields.extend_from_slice(&empty_address);
        fields.extend_from_slice(more);
        customer.post_form("/checkout", &fields)
    };

    let standard = send(&[("shipping_method", "standard"), ("billing_name", "Grace Hopper")]);
    standard.assert_status(Status::UnprocessableEntity);
    let page = standard.page();
    assert!(
        page.select_text("#address-needed")
            .is_some_and(|t| t.contains("choose pickup at the shop")),
        "{}",
        standard.body
    );
    assert!(field_error(&standard.body, "shipping_address.line1").is_some());

    let nameless = send(&[("shipping_method", "pickup")]);
    nameless.assert_status(Status::UnprocessableEntity);
    assert!(
        field_error(&nameless.body, "billing_name").is_some_and(|e| e.contains("is required")),
        "{}",
        nameless.body
    );
    assert!(!nameless.page().has("#address-needed"));

    let placed = send(&[("shipping_method", "pickup"), ("billing_name", "Grace Hopper")]);
    assert_eq!(placed.status, Status::SeeOther, "{}", placed.body);
    assert_eq!(placed.location(), "/orders/1");
    let order = customer.page("/orders/1");
    assert_eq!(
        order.select_text(".billing-name").as_deref(),
        Some("Grace Hopper")
    );
    assert!(!order.has(".ship-to"));
    assert!(
        order
            .select_text(".cash-due")
            .is_some_and(|t| t.contains("in cash at the shop")),
        "{:?}",
        order.select_text(".cash-due")
    );
    let json = customer.get("/api/v1/orders/1").json();
    assert!(json["shipping_address"].is_null());
    assert_eq!(json["shipping_method"], "pickup");
}

#[test]
fn staff_see_the_steps_the_order_allows_in_cash_on_delivery_words() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (_, pickup) = cod_order(&app, "carla", mug, 1, "pickup");
    let page = format!("/admin/orders/{pickup}");

    let pending = staff.page(&page);
    assert!(pending.posts_to(&format!("/admin/orders/{pickup}/ready")));
    assert!(!pending.posts_to(&format!("/admin/orders/{pickup}/ship")));
    assert!(pending.posts_to(&format!("/admin/orders/{pickup}/mark-paid")));

    let ready = staff.submit(&page, &format!("/admin/orders/{pickup}/ready"), &[]);
    assert_eq!(staff.flash_after(&ready), "Order T-000001 is ready for pickup.");
    let waiting = staff.page(&page);
    assert!(
        waiting
            .select_text("#deliver button")
            .is_some_and(|b| b.contains("Cash received")),
        "{:?}",
        waiting.select_text("#deliver")
    );
    assert!(
        waiting
            .select_text(".cash-due")
            .is_some_and(|t| t.contains("€12.50"))
    );
    let collected = staff.submit(
        &page,
        &format!("/admin/orders/{pickup}/deliver"),
        &[("reference", "till 2")],
    );
    assert_eq!(staff.flash_after(&collected), "Order T-000001 is delivered.");
    let done = staff.page(&page);
    assert_eq!(done.select_text(".payment-reference").as_deref(), Some("till 2"));
    assert_eq!(
        done.select_text(".invoice-number").as_deref(),
        Some(&*format!("{}-000001", year()))
    );
}

#[test]
fn cancel_and_refund_are_confirmed_on_a_page_that_says_what_they_do() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (_, returned) = cod_order(&app, "carla", mug, 2, "standard");
    staff
        .post_json(&format!("/api/v1/orders/{returned}/ship"), json!({}))
        .assert_status(Status::Ok);

    let confirm = staff.page(&format!("/admin/orders/{returned}/cancel"));
    let said = confirm.select_texts(".consequences li").join(" ");
    assert!(
        said.contains("The items go back in stock, once: 2 × Blue mug."),
        "{said}"
    );
    assert!(said.contains("nothing is refunded"), "{said}");
    assert!(confirm.posts_to(&format!("/admin/orders/{returned}/cancel")));
    assert!(
        confirm
            .csrf_token(&format!("/admin/orders/{returned}/cancel"))
            .is_some()
    );
    assert_eq!(app.order_status(returned), "shipped", "looking changes nothing");
    let cancelled = staff.submit(
        &format!("/admin/orders/{returned}/cancel"),
        &format!("/admin/orders/{returned}/cancel"),
        &[],
    );
    assert_eq!(staff.flash_after(&cancelled), "Order T-000001 is cancelled.");
    assert_eq!(app.stock_of(mug), 5);
    // Nothing more to confirm: back to the order, saying why.
    let again = staff.get(&format!("/admin/orders/{returned}/cancel"));
    assert_eq!(again.location(), format!("/admin/orders/{returned}"));
    assert_eq!(
        staff.flash_after(&again),
        "Order T-000001 is cancelled; it cannot be cancelled."
    );

    let (_, paid) = cod_order(&app, "dave", mug, 1, "standard");
    staff
        .post_json(&format!("/api/v1/orders/{paid}/mark-paid"), json!({}))
        .assert_status(Status::Ok);
    let confirm = staff.page(&format!("/admin/orders/{paid}/refund"));
    let said = confirm.select_texts(".consequences li").join(" ");
    assert!(said.contains("€12.50 is recorded as paid back"), "{said}");
    assert!(
        said.contains(&format!(
            "Invoice {}-000001 is cancelled by a credit note",
            year()
        )),
        "{said}"
    );
    assert!(confirm.has("input[name=restock][checked]"), "still on the shelf");
    let refunded = staff.submit(
        &format!("/admin/orders/{paid}/refund"),
        &format!("/admin/orders/{paid}/refund"),
        &[("restock", "on")],
    );
    assert_eq!(staff.flash_after(&refunded), "Order T-000002 is refunded.");
    assert_eq!(app.stock_of(mug), 5);
    let order = Page::parse(&staff.get(&format!("/admin/orders/{paid}")).body);
    assert_eq!(
        order.select_text(".credit-note-number").as_deref(),
        Some(&*format!("R{}-000001", year()))
    );
}

#[test]
fn the_shop_hears_of_new_orders_when_it_asks_in_its_own_time_zone() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    app.order_of("ana", mug, 1);
    assert!(mails(&app, "new_order").is_empty(), "nobody asked");
    app.token_agent("owner", Role::Admin)
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"order_notification_email": "orders@tienda.example", "timezone": "Europe/Madrid"}),
        )
        .assert_status(Status::Ok);
    app.order_of("carla", mug, 2);
    let sent = mails(&app, "new_order");
    assert_eq!(sent.len(), 1);
    let (to, subject, body) = &sent[0];
    assert_eq!(to, "orders@tienda.example");
    assert_eq!(subject, "New order T-000002 (€25.00)");
    assert!(body.contains("Ada Lovelace <carla@example.com>"), "{body}");
    assert!(body.contains("2 × Blue mug"), "{body}");
    assert!(body.contains(" CET") || body.contains(" CEST"), "{body}");
    assert!(body.contains("/admin/orders/2"), "{body}");
}

#[test]
fn staff_type_prices_with_a_decimal_comma() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let form = staff.get("/admin/products/new");
    assert!(
        form.body.contains("like 12.34 or 12,34"),
        "the rule is on the form"
    );
    let token = csrf_token(&form.body, "/admin/products");
    let send = |price: &str| {
        staff.post_form(
            "/admin/products",
            &[
                ("_csrf", &token),
                ("name", "Teapot"),
                ("price", price),
                ("stock", "3"),
            ],
        )
    };
    let refused = send("1.234,50");
    refused.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&refused.body, "price").as_deref(),
        Some("Price must have one decimal mark and no thousands separators, like 1234.50 or 1234,50.")
    );
    let made = send("49,00");
    assert_eq!(made.status, Status::SeeOther, "{}", made.body);
    assert_eq!(
        app.count("SELECT price_cents FROM products WHERE name = 'Teapot'"),
        4900
    );
}

#[test]
fn an_older_database_with_orders_upgrades_and_keeps_them() {
    let dir = tempfile::tempdir().expect("a directory");
    {
        let mut conn = rusqlite::Connection::open(dir.path().join("tienda.db")).expect("opens");
        tienda::db::migrate::migrate(&mut conn, &tienda::db::migrate::MIGRATIONS[..5]).expect("v5");
        conn.execute_batch(
            "INSERT INTO users (id, username, email, password_hash, role, created_at, updated_at)
                 VALUES (7, 'old', 'old@example.com', 'x', 'customer', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO products (id, name, price_cents, stock, created_at, updated_at)
                 VALUES (3, 'Old mug', 900, 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO orders (id, user_id, status, currency, prices_include_tax, subtotal_cents,
                 discount_cents, shipping_cents, tax_cents, total_cents, payment_method, shipping_method,
                 ship_name, ship_line1, ship_city, ship_postal_code, ship_country, created_at, paid_at)
                 VALUES (5, 7, 'paid', 'EUR', 1, 900, 0, 0, 0, 900, 'bank_transfer', 'standard',
                 'Old Customer', '1 Old St', 'Lyon', '69001', 'France', '2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z');
             INSERT INTO order_items (order_id, line, product_id, name, unit_price_cents, quantity,
                 line_total_cents, discount_cents, tax_cents) VALUES (5, 1, 3, 'Old mug', 900, 1, 900, 0, 0);
             INSERT INTO payments (order_id, kind, amount_cents, created_at) VALUES (5, 'payment', 900, '2025-01-03T00:00:00Z');",
        )
        .expect("old rows");
    }
    let app = TestApp::in_dir(dir, |f| f);
    let staff = app.token_agent("staff", Role::Staff);
    let order = staff.get("/api/v1/orders/5").json();
    assert_eq!(order["status"], "paid");
    assert_eq!(order["billing_name"], "Old Customer");
    assert_eq!(order["shipping_address"]["city"], "Lyon");
    assert_eq!(order["items"][0]["name"], "Old mug");
    assert!(
        order["invoice_number"].is_null(),
        "numbers start with the new release"
    );
    let fk: i64 = app
        .db()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .expect("checked");
    assert_eq!(fk, 0);
    staff
        .post_json("/api/v1/orders/5/ship", json!({}))
        .assert_status(Status::Ok);
}

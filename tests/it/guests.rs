//! Guest checkout: an order without an account, reached through its
//! private link (shown, e-mailed, a 404 for any other token), cancelled
//! from it, and made an account's from it; the caps on unpaid orders per
//! e-mail address and per client address, under concurrency too; and a
//! version 7 database upgrading with its orders.

use std::sync::{Arc, Barrier};

use rocket::http::{Method, Status};
use serde_json::{Value, json};
use tienda::auth::Role;

use crate::helpers::{Agent, PASSWORD, Resp, TestApp, address};
use crate::shop::Shop;

/// A shop with a mug in stock, and its staff (by token).
fn shop() -> (TestApp, i64) {
    let app = TestApp::new();
    let staff = app.token_agent("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(20).create(&staff);
    (app, mug)
}

/// A guest (a new browser) with `mug` in the cart.
fn guest_with<'a>(app: &'a TestApp, mug: i64) -> Agent<'a> {
    let guest = app.agent();
    guest.add_to_cart(mug, 1);
    guest
}

/// The guest checkout form sent with `email`, cash on delivery and pickup.
fn checkout_form(guest: &Agent<'_>, email: &str) -> Resp {
    guest.submit(
        "/checkout",
        "/checkout",
        &[
            ("email", email),
            ("billing_name", "Grace Guest"),
            ("shipping_method", "pickup"),
            ("payment_method", "cash_on_delivery"),
        ],
    )
}

/// The JSON checkout of a guest with `email`.
fn api_checkout(guest: &Agent<'_>, key: &str, email: &str) -> Resp {
    guest.checkout(key, json!({"email": email}))
}

/// The path of a guest link.
fn path_of(link: &str) -> String {
    let at = link.find("/orders/guest/").expect("a guest link");
    link[at..].to_string()
}

fn mail_to(app: &TestApp, to: &str, kind: &str) -> Vec<String> {
    let db = app.db();
    let mut stmt = db
        .prepare("SELECT body FROM outbox WHERE to_addr = ?1 AND kind = ?2 ORDER BY id")
        .expect("query");
    stmt.query_map([to, kind], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("bodies")
}

fn order_owner(app: &TestApp, order: i64) -> Option<i64> {
    app.db()
        .query_row("SELECT user_id FROM orders WHERE id = ?1", [order], |r| r.get(0))
        .expect("the order")
}

#[test]
fn a_guest_checks_out_with_the_form_and_gets_the_private_link() {
    let (app, mug) = shop();
    let guest = guest_with(&app, mug);

    let form = guest.get("/checkout");
    form.assert_status(Status::Ok);
    let page = form.page();
    assert!(page.has("input[name=email]"), "{}", form.body);
    assert_eq!(
        page.attr(".guest-note a", "href").as_deref(),
        Some("/login?next=/checkout")
    );
    assert!(
        page.select_text(".guest-note")
            .unwrap_or_default()
            .contains("No account needed")
    );

    let placed = checkout_form(&guest, "grace@example.org");
    assert_eq!(placed.status, Status::SeeOther, "{}", placed.body);
    let path = placed.location().to_string();
    assert!(path.starts_with("/orders/guest/"), "{path}");

    let shown = guest.get(&path);
    shown.assert_status(Status::Ok);
    assert_eq!(shown.header("Cache-Control"), Some("private, no-store"));
    assert_eq!(shown.header("Referrer-Policy"), Some("no-referrer"));
    let page = shown.page();
    assert!(page.flash().unwrap_or_default().contains("T-000001 is placed"));
    assert_eq!(page.select_text(".order-number").as_deref(), Some("T-000001"));
    let link = page.select_text(".guest-link").expect("the link is shown");
    assert!(link.starts_with("http") && link.ends_with(&path), "{link}");
    assert_eq!(
        page.select_text(".guest-email").as_deref(),
        Some("grace@example.org")
    );
    assert!(
        page.has("form[action$=\"/account\"]"),
        "the account form is offered"
    );

    let mails = mail_to(&app, "grace@example.org", "order_confirmation");
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains(&link), "{}", mails[0]);
    assert_eq!(order_owner(&app, 1), None);
    assert_eq!(app.stock_of(mug), 19);
    let cart = guest.get("/api/v1/cart").json();
    assert_eq!(
        cart["items"].as_array().map(Vec::len),
        Some(0),
        "the bought line left the cart"
    );

    // Staff see the guest's address where they see the customer.
    let staff = app.signed_in_with_form("sue", Role::Staff);
    let list = staff.get("/admin/orders").page();
    assert!(list.has(".guest-mark"));
    assert!(staff.get("/admin/orders").body.contains("grace@example.org"));
    let one = staff.get("/admin/orders/1");
    one.assert_status(Status::Ok);
    assert!(one.body.contains("grace@example.org"));
    assert!(one.page().has(".guest-mark"));
    // And the order export has it.
    let csv = staff.get("/api/v1/export/orders.csv");
    csv.assert_status(Status::Ok);
    assert!(csv.body.contains("grace@example.org"), "{}", csv.body);
}

#[test]
fn a_guest_checks_out_through_the_api() {
    let (app, mug) = shop();
    let guest = guest_with(&app, mug);

    let missing = guest.checkout("k1", json!({}));
    missing.assert_status(Status::UnprocessableEntity);
    assert_eq!(missing.error_code(), "validation_failed");
    assert!(!missing.field_errors("email").is_empty(), "{}", missing.body);
    let bad = api_checkout(&guest, "k1", "not an address");
    bad.assert_status(Status::UnprocessableEntity);
    assert!(!bad.field_errors("email").is_empty());

    let placed = api_checkout(&guest, "k2", "ada@example.org");
    placed.assert_status(Status::Created);
    let order = placed.json();
    assert!(order["user_id"].is_null());
    assert_eq!(order["email"], "ada@example.org");
    let link = order["guest_link"].as_str().expect("a guest link").to_string();
    assert!(
        link.starts_with("http://") || link.starts_with("https://"),
        "{link}"
    );
    assert!(mail_to(&app, "ada@example.org", "order_confirmation")[0].contains(&link));
    let page = guest.get(&path_of(&link));
    page.assert_status(Status::Ok);
    assert_eq!(
        page.page().select_text(".order-number"),
        order["number"].as_str().map(String::from)
    );

    // The same key again: the same order; with another body: refused.
    let again = api_checkout(&guest, "k2", "ada@example.org");
    again.assert_status(Status::Ok);
    assert_eq!(again.json()["id"], order["id"]);
    let reused = api_checkout(&guest, "k2", "other@example.org");
    reused.assert_status(Status::UnprocessableEntity);
    assert_eq!(reused.error_code(), "idempotency_key_reused");
    assert_eq!(app.count("SELECT count(*) FROM orders"), 1);

    // A visitor without any session has nothing to buy.
    app.agent()
        .checkout("k9", json!({"email": "x@example.org"}))
        .assert_status(Status::Unauthorized);
}

#[test]
fn a_customer_s_order_carries_their_address() {
    let (app, mug) = shop();
    let (_, order) = app.order_of("carla", mug, 1);
    assert_eq!(order["email"], "carla@example.com");
    assert_eq!(order["user_id"].as_i64(), Some(app.user_id("carla")));
    assert!(order.get("guest_link").is_none(), "{order}");
}

#[test]
fn a_guest_cancels_from_the_link_while_the_owner_may() {
    let (app, mug) = shop();
    let guest = guest_with(&app, mug);
    let link = api_checkout(&guest, "k1", "ada@example.org").json()["guest_link"]
        .as_str()
        .expect("link")
        .to_string();
    let path = path_of(&link);
    assert!(guest.get(&path).page().posts_to(&format!("{path}/cancel")));

    let cancelled = guest.submit(&path, &format!("{path}/cancel"), &[]);
    assert_eq!(cancelled.location(), path);
    assert_eq!(guest.flash_after(&cancelled), "Order T-000001 is cancelled.");
    assert_eq!(app.order_status(1), "cancelled");
    assert_eq!(app.stock_of(mug), 20);
    let page = guest.get(&path).page();
    assert!(
        !page.posts_to(&format!("{path}/cancel")),
        "nothing left to cancel"
    );

    // Another link holder, or staff's steps, are the table's: a paid order
    // is the shop's to cancel.
    let other = guest_with(&app, mug);
    let link = api_checkout(&other, "k1", "bo@example.org").json()["guest_link"]
        .as_str()
        .expect("link")
        .to_string();
    let staff = app.token_agent("sam", Role::Staff);
    staff
        .post_json("/api/v1/orders/2/mark-paid", json!({}))
        .assert_status(Status::Ok);
    let path = path_of(&link);
    let page = other.get(&path);
    assert!(!page.page().posts_to(&format!("{path}/cancel")));
    let csrf = page
        .page()
        .csrf_token(&format!("{path}/account"))
        .expect("a form's token");
    let refused = other.post_form(&format!("{path}/cancel"), &[("_csrf", &csrf)]);
    assert!(other.flash_after(&refused).contains("only the shop can cancel"));
    assert_eq!(app.order_status(2), "paid");
    // The invoice is the guest's to open once paid.
    let number: String = app
        .db()
        .query_row("SELECT invoice_number FROM orders WHERE id = 2", [], |r| r.get(0))
        .expect("an invoice number");
    assert!(
        other
            .get(&path)
            .page()
            .has(&format!("a[href=\"{path}/invoice\"]"))
    );
    let invoice = other.get(&format!("{path}/invoice"));
    invoice.assert_status(Status::Ok);
    assert!(invoice.body.contains(&number), "{}", invoice.body);
}

#[test]
fn any_other_token_is_not_found() {
    let (app, mug) = shop();
    let first = guest_with(&app, mug);
    let a = api_checkout(&first, "k1", "a@example.org").json();
    let second = guest_with(&app, mug);
    let b = api_checkout(&second, "k1", "b@example.org").json();
    let path_a = path_of(a["guest_link"].as_str().expect("link"));

    // Each link shows its own order, to anyone who holds it.
    let seen = second.get(&path_a);
    seen.assert_status(Status::Ok);
    assert_eq!(
        seen.page().select_text(".order-number"),
        a["number"].as_str().map(String::from)
    );

    let stored: String = app
        .db()
        .query_row(
            "SELECT guest_token_hash FROM orders WHERE id = ?1",
            [a["id"].as_i64()],
            |r| r.get(0),
        )
        .expect("hash");
    let wrong = tienda::token::random_token();
    for path in [
        format!("/orders/guest/{wrong}"),
        format!("/orders/guest/{stored}"),
        "/orders/guest/abc".to_string(),
        format!("/orders/guest/{}x", &path_a["/orders/guest/".len()..]),
        format!("/orders/guest/{wrong}/invoice"),
    ] {
        let res = second.get(&path);
        assert_eq!(res.status, Status::NotFound, "{path}: {}", res.body);
        assert!(!res.body.contains(a["number"].as_str().expect("number")));
    }
    let csrf = second
        .get(&path_a)
        .page()
        .csrf_token(&format!("{path_a}/cancel"))
        .expect("token");
    let res = second.post_form(&format!("/orders/guest/{wrong}/cancel"), &[("_csrf", &csrf)]);
    res.assert_status(Status::NotFound);
    assert_eq!(app.order_status(b["id"].as_i64().expect("id")), "pending_payment");
}

#[test]
fn a_guest_reaches_no_account_s_orders() {
    let (app, mug) = shop();
    let guest = guest_with(&app, mug);
    api_checkout(&guest, "k1", "a@example.org").assert_status(Status::Created);

    let list = guest.get("/orders");
    assert_eq!(list.status, Status::SeeOther);
    assert!(list.location().starts_with("/login"), "{}", list.location());
    let one = guest.get("/orders/1");
    assert_eq!(one.status, Status::SeeOther);
    assert!(one.location().starts_with("/login"));
    guest.get("/api/v1/orders").assert_status(Status::Unauthorized);
    guest.get("/api/v1/orders/1").assert_status(Status::Unauthorized);
}

/// The account form of the private page at `path`, sent.
fn make_account(guest: &Agent<'_>, path: &str, username: &str) -> Resp {
    guest.submit(
        path,
        &format!("{path}/account"),
        &[("username", username), ("password", PASSWORD)],
    )
}

#[test]
fn an_account_from_the_link_takes_the_session_s_orders_only() {
    let (app, mug) = shop();
    let guest = guest_with(&app, mug);
    let first = api_checkout(&guest, "k1", "gina@example.org").json();
    guest.add_to_cart(mug, 2);
    let second = checkout_form(&guest, "gina@example.org");
    assert_eq!(second.status, Status::SeeOther, "{}", second.body);
    // The same address from another browser: not this session's.
    let elsewhere = guest_with(&app, mug);
    let third = api_checkout(&elsewhere, "k1", "gina@example.org").json();

    let path = path_of(first["guest_link"].as_str().expect("link"));
    let made = make_account(&guest, &path, "gina");
    assert_eq!(made.status, Status::SeeOther, "{}", made.body);
    assert_eq!(made.location(), "/orders/1");
    let welcome = guest.flash_after(&made);
    assert!(welcome.contains("Welcome, gina"), "{welcome}");

    let gina = app.user_id("gina");
    assert_eq!(order_owner(&app, 1), Some(gina));
    assert_eq!(order_owner(&app, 2), Some(gina));
    assert_eq!(order_owner(&app, third["id"].as_i64().expect("id")), None);
    // Signed in: the orders are under My orders and in the API.
    let mine = guest.get("/api/v1/orders").json();
    let ids: Vec<i64> = mine["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|o| o["id"].as_i64())
        .collect();
    assert_eq!(ids, vec![2, 1]);
    let account = guest.me().json();
    assert_eq!(account["email"], "gina@example.org");
    // The link still shows the order, without the account form.
    let page = guest.get(&path).page();
    assert!(!page.has("form[action$=\"/account\"]"));
}

#[test]
fn an_address_with_an_account_is_not_taken_over() {
    let (app, mug) = shop();
    app.create_user("bob", Role::Customer);
    let guest = guest_with(&app, mug);
    let order = api_checkout(&guest, "k1", "BOB@example.com").json();
    let path = path_of(order["guest_link"].as_str().expect("link"));

    let refused = make_account(&guest, &path, "bobby");
    refused.assert_status(Status::UnprocessableEntity);
    let page = refused.page();
    let message = page
        .field_error("account-email")
        .expect("a message next to the e-mail");
    assert!(message.contains("already has an account"), "{message}");
    assert!(page.has(".sign-in-instead"));
    assert_eq!(order_owner(&app, 1), None);
    assert_eq!(
        app.count("SELECT count(*) FROM users WHERE username = 'bobby'"),
        0
    );
}

#[test]
fn unpaid_orders_are_capped_per_address_and_per_client() {
    let (app, mug) = shop();
    // Per e-mail: three unpaid for one address, from any browser.
    for i in 0..3 {
        let guest = guest_with(&app, mug).at_address(&format!("10.0.0.{i}:1000"));
        api_checkout(&guest, "k", "same@example.org").assert_status(Status::Created);
    }
    let fourth = guest_with(&app, mug).at_address("10.0.0.9:1000");
    let refused = api_checkout(&fourth, "k", "SAME@example.org");
    refused.assert_status(Status::TooManyRequests);
    assert_eq!(refused.error_code(), "rate_limited");
    let message = refused.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        message.contains("3 orders awaiting payment for “SAME@example.org”"),
        "{message}"
    );
    assert!(message.contains("pay or cancel one"), "{message}");

    // A customer's orders count under their address.
    let (carla, _) = app.order_of("carla", mug, 1);
    for key in ["c2", "c3"] {
        carla.add_to_cart(mug, 1);
        carla.checkout(key, json!({})).assert_status(Status::Created);
    }
    let guest = guest_with(&app, mug).at_address("10.0.1.1:1000");
    api_checkout(&guest, "k", "carla@example.com").assert_status(Status::TooManyRequests);

    // Per client address, among guests: three, whatever the addresses.
    let office = "192.0.2.7:5000";
    for i in 0..3 {
        let guest = guest_with(&app, mug).at_address(office);
        api_checkout(&guest, "k", &format!("p{i}@example.org")).assert_status(Status::Created);
    }
    let guest = guest_with(&app, mug).at_address(office);
    let refused = api_checkout(&guest, "k", "p9@example.org");
    refused.assert_status(Status::TooManyRequests);
    assert!(refused.body.contains("from your network"), "{}", refused.body);
    // A signed-in customer at the same office is not held back by guests.
    let dora = app.signed_in("dora", Role::Customer).at_address(office);
    dora.add_to_cart(mug, 1);
    dora.checkout("d1", json!({})).assert_status(Status::Created);

    // The form says so on the checkout page, and the cart stays.
    let page = checkout_form(&guest, "p9@example.org");
    page.assert_status(Status::TooManyRequests);
    let message = page.page().select_text(".form-error").unwrap_or_default();
    assert!(message.contains("pay or cancel one of them first"), "{message}");
    let cart = guest.get("/api/v1/cart").json();
    assert_eq!(cart["items"].as_array().map(Vec::len), Some(1));

    // Paying one frees a place.
    let staff = app.token_agent("sam", Role::Staff);
    let first_from_office = app.count("SELECT min(id) FROM orders WHERE client_ip = '192.0.2.7'");
    staff
        .post_json(
            &format!("/api/v1/orders/{first_from_office}/mark-paid"),
            json!({}),
        )
        .assert_status(Status::Ok);
    api_checkout(&guest, "k2", "p9@example.org").assert_status(Status::Created);
}

/// A guest session of the real server with one `product` in its cart.
fn guest_cookie(shop: &Shop, product: i64) -> String {
    let added = shop.call(
        "POST",
        "/api/v1/cart/items",
        "",
        Some(json!({"product_id": product, "quantity": 1})),
        &[],
    );
    assert_eq!(added.status, 200, "{}", added.raw);
    let line = added
        .raw
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie: tienda_session="))
        .expect("a guest session");
    let value = &line["set-cookie: tienda_session=".len()..];
    value.split(';').next().unwrap_or_default().to_string()
}

#[test]
fn twenty_guest_checkouts_at_once_from_one_address_place_the_cap() {
    let shop = Arc::new(Shop::start());
    let lamp = shop.product("Lamp", 100);
    let cookies: Arc<Vec<String>> = Arc::new((0..20).map(|_| guest_cookie(&shop, lamp)).collect());
    let barrier = Arc::new(Barrier::new(20));
    let threads: Vec<_> = (0..20)
        .map(|i| {
            let (shop, cookies, barrier) = (shop.clone(), cookies.clone(), barrier.clone());
            std::thread::spawn(move || {
                let body = json!({"email": format!("g{i}@example.org"), "billing_name": "G",
                                  "shipping_method": "pickup", "payment_method": "bank_transfer"});
                barrier.wait();
                shop.call(
                    "POST",
                    "/api/v1/checkout",
                    &cookies[i],
                    Some(body),
                    &[("Idempotency-Key", "k")],
                )
            })
        })
        .collect();
    let answers: Vec<_> = threads.into_iter().map(|t| t.join().expect("thread")).collect();
    for a in &answers {
        assert!(
            a.status == 201 || (a.status == 429 && a.code() == "rate_limited"),
            "{}",
            a.raw
        );
    }
    let placed = answers.iter().filter(|a| a.status == 201).count();
    assert_eq!(placed, 3, "exactly max_unpaid_orders");
    assert_eq!(shop.count("SELECT count(*) FROM orders"), 3);
    assert_eq!(
        shop.count(&format!("SELECT stock FROM products WHERE id = {lamp}")),
        97
    );
}

#[test]
fn a_version_7_database_upgrades_with_its_orders() {
    let dir = tempfile::tempdir().expect("a directory");
    {
        let mut conn = rusqlite::Connection::open(dir.path().join("tienda.db")).expect("opens");
        tienda::db::migrate::migrate(&mut conn, &tienda::db::migrate::MIGRATIONS[..7]).expect("v7");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 7);
        conn.execute_batch(
            "INSERT INTO users (id, username, email, password_hash, role, created_at, updated_at)
                 VALUES (7, 'old', 'old@example.com', 'x', 'customer', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO products (id, name, price_cents, stock, created_at, updated_at)
                 VALUES (3, 'Old mug', 900, 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO orders (id, user_id, status, currency, prices_include_tax, tax_rate_bp, subtotal_cents,
                 discount_cents, shipping_cents, tax_cents, total_cents, payment_method, shipping_method,
                 billing_name, ship_name, ship_line1, ship_city, ship_postal_code, ship_country, created_at,
                 paid_at, invoice_number)
                 VALUES (5, 7, 'paid', 'EUR', 1, 2100, 900, 0, 0, 156, 900, 'bank_transfer', 'standard',
                 'Old Customer', 'Old Customer', '1 Old St', 'Lyon', '69001', 'France',
                 '2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z', '2025-000001');
             INSERT INTO order_items (order_id, line, product_id, name, unit_price_cents, quantity,
                 line_total_cents, discount_cents, tax_cents) VALUES (5, 1, 3, 'Old mug', 900, 1, 900, 0, 156);
             INSERT INTO payments (order_id, kind, amount_cents, created_at) VALUES (5, 'payment', 900, '2025-01-03T00:00:00Z');",
        )
        .expect("old rows");
    }
    let app = TestApp::in_dir(dir, |f| f);
    let version: i64 = app
        .db()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(
        version,
        tienda::db::migrate::latest(tienda::db::migrate::MIGRATIONS)
    );
    let staff = app.token_agent("staff", Role::Staff);
    let order: Value = staff.get("/api/v1/orders/5").json();
    assert_eq!(order["user_id"], 7);
    assert_eq!(order["email"], "old@example.com");
    assert_eq!(order["invoice_number"], "2025-000001");
    assert_eq!(order["tax_rate_bp"], 2100);
    assert_eq!(order["items"][0]["name"], "Old mug");
    let indexes: i64 = app.count(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND name IN
         ('orders_by_user', 'orders_by_status', 'orders_by_paid_at', 'orders_by_refunded_at',
          'orders_by_cancelled_at', 'orders_by_email', 'orders_by_guest_ip', 'orders_by_guest_session')",
    );
    assert_eq!(indexes, 8);
    let fk: i64 = app.count("SELECT count(*) FROM pragma_foreign_key_check");
    assert_eq!(fk, 0);
    staff
        .json(Method::Post, "/api/v1/orders/5/ship", json!({}))
        .assert_status(Status::Ok);
    // The report still counts it.
    let report = staff.get("/api/v1/reports/sales?from=2025-01-01&to=2025-12-31&group=month");
    report.assert_status(Status::Ok);
    assert_eq!(report.json()["totals"]["orders"], 1, "{}", report.body);
    let _ = address();
}

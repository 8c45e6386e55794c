//! The shop's settings through JSON: admins only, checked, kept, and shown
//! at once (the back office's page is in `admin::settings`).

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::TestApp;
use tienda::auth::Role;

#[test]
fn only_admins_read_and_change_the_settings() {
    let app = TestApp::new();
    app.agent()
        .get("/api/v1/settings")
        .assert_status(Status::Unauthorized);
    for role in [Role::Customer, Role::Staff] {
        let agent = app.token_agent(&format!("u{}", role.as_str()), role);
        agent.get("/api/v1/settings").assert_status(Status::Forbidden);
        agent
            .json(Method::Patch, "/api/v1/settings", json!({"shop_name": "Mine"}))
            .assert_status(Status::Forbidden);
    }
    let admin = app.token_agent("boss", Role::Admin);
    let settings = admin.get("/api/v1/settings").json();
    assert_eq!(settings["shop_name"], "Tienda");
    assert_eq!(settings["currency"], "EUR");
    assert_eq!(settings["unpaid_hold_hours"], 72);
    assert!(settings["free_shipping_threshold_cents"].is_null());
}

#[test]
fn a_change_is_checked_stored_and_shown_on_every_page() {
    let app = TestApp::new();
    let admin = app.token_agent("boss", Role::Admin);
    admin.post_json(
        "/api/v1/products",
        json!({"name": "Mug", "price_cents": 1250, "stock": 3}),
    );

    let bad = admin.json(
        Method::Patch,
        "/api/v1/settings",
        json!({"shop_name": "", "currency": "dollars", "tax_rate_bp": 20000, "unpaid_hold_hours": 0}),
    );
    bad.assert_status(Status::UnprocessableEntity);
    for field in ["shop_name", "currency", "tax_rate_bp", "unpaid_hold_hours"] {
        assert!(!bad.field_errors(field).is_empty(), "{field}: {}", bad.body);
    }
    assert_eq!(
        admin.get("/api/v1/settings").json()["shop_name"],
        "Tienda",
        "nothing changed"
    );

    let res = admin.json(
        Method::Patch,
        "/api/v1/settings",
        json!({"shop_name": "Café <Luna>", "currency": "usd", "tax_rate_bp": 2100, "prices_include_tax": false,
               "shipping_fee_cents": 495, "free_shipping_threshold_cents": 5000, "bank_details": "IBAN ES00 1234"}),
    );
    res.assert_status(Status::Ok);
    assert_eq!(res.json()["currency"], "USD");
    assert_eq!(res.json()["free_shipping_threshold_cents"], 5000);

    let home = app.agent().get("/");
    assert!(home.body.contains("Café &lt;Luna&gt;"), "the new name, escaped");
    assert!(home.body.contains("$12.50"), "prices in the new currency");

    let cleared = admin.json(
        Method::Patch,
        "/api/v1/settings",
        json!({"free_shipping_threshold_cents": null}),
    );
    assert!(cleared.json()["free_shipping_threshold_cents"].is_null());
    assert_eq!(cleared.json()["shipping_fee_cents"], 495, "the rest stays");

    let dir = app.stop();
    let app = TestApp::in_dir(dir, |f| f);
    assert!(
        app.agent().get("/").body.contains("Café &lt;Luna&gt;"),
        "kept across a restart"
    );
}

#[test]
fn the_seller_time_zone_and_backup_settings_are_checked_and_kept() {
    let app = TestApp::new();
    let admin = app.token_agent("boss", Role::Admin);
    let defaults = admin.get("/api/v1/settings").json();
    assert_eq!(defaults["timezone"], "UTC");
    assert_eq!(defaults["max_unpaid_orders"], 3);
    assert_eq!(defaults["low_stock_threshold"], 5);
    assert_eq!(defaults["backup_every_hours"], 24);
    assert_eq!(defaults["backup_keep"], 7);
    assert_eq!(defaults["order_notification_email"], "");

    let bad = admin.json(
        Method::Patch,
        "/api/v1/settings",
        json!({"timezone": "Mars/Olympus", "contact_email": "nope", "backup_every_hours": -1,
               "backup_keep": 0, "max_unpaid_orders": 0, "tax_id": "x".repeat(51)}),
    );
    bad.assert_status(Status::UnprocessableEntity);
    for field in [
        "timezone",
        "contact_email",
        "backup_every_hours",
        "backup_keep",
        "max_unpaid_orders",
        "tax_id",
    ] {
        assert!(!bad.field_errors(field).is_empty(), "{field}: {}", bad.body);
    }

    let seller = json!({"timezone": "Europe/Madrid", "legal_name": "Luna Café S.L.", "address": "Calle Mayor 1\n28013 Madrid",
                        "tax_id": "ESB12345678", "contact_email": "hola@luna.example", "phone": "+34 910 000 000",
                        "order_notification_email": "pedidos@luna.example", "backup_every_hours": 0, "backup_keep": 3});
    let saved = admin.json(Method::Patch, "/api/v1/settings", seller.clone());
    saved.assert_status(Status::Ok);
    let dir = app.stop();
    let app = TestApp::in_dir(dir, |f| f);
    let admin = app.token_agent("boss2", Role::Admin);
    let kept = admin.get("/api/v1/settings").json();
    for (field, value) in seller.as_object().unwrap() {
        assert_eq!(&kept[field], value, "{field} kept across a restart");
    }
}

#[test]
fn times_are_shown_in_the_shop_time_zone() {
    let app = TestApp::new();
    let admin = app.token_agent("boss", Role::Admin);
    let product = app.product("Mug").stock(5).create(&admin);
    let (customer, order) = app.order_of("ana", product, 1);
    let placed = order["created_at"].as_str().unwrap().to_string();
    let utc = chrono::DateTime::parse_from_rfc3339(&placed).unwrap();
    let path = format!("/orders/{}", order["id"]);
    let shown = |tz: chrono_tz::Tz| utc.with_timezone(&tz).format("%-d %b %Y %H:%M %Z").to_string();

    assert!(customer.get(&path).body.contains(&shown(chrono_tz::UTC)));
    admin
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"timezone": "America/Mexico_City"}),
        )
        .assert_status(Status::Ok);
    let page = customer.get(&path).body;
    let local = shown(chrono_tz::America::Mexico_City);
    assert!(local.ends_with(" CST") || local.ends_with(" CDT"), "{local}");
    assert!(page.contains(&local), "the order's time in Mexico City: {local}");
}

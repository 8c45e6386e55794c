//! The shop's settings: admins only, checked, kept, and shown at once.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, field_error};
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
fn the_settings_page_saves_decimals_and_shows_errors_next_to_fields() {
    let app = TestApp::new();
    app.create_user("boss", Role::Admin);
    app.create_user("clerk", Role::Staff);
    let clerk = app.agent();
    clerk.login("clerk", PASSWORD);
    clerk.get("/admin/settings").assert_status(Status::Forbidden);

    let admin = app.agent();
    admin.login("boss", PASSWORD);
    let fields = [
        ("shop_name", "Luna"),
        ("currency", "EUR"),
        ("tax_rate", "21.5"),
        ("shipping_fee", "abc"),
        ("free_shipping_threshold", ""),
        ("bank_details", "IBAN"),
        ("unpaid_hold_hours", "48"),
    ];
    let bad = admin.submit("/admin/settings", "/admin/settings", &fields);
    bad.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&bad.body, "shipping_fee").as_deref(),
        Some("Shipping fee must be an amount like 12.34.")
    );
    assert!(bad.body.contains("value=\"21.5\""), "what was typed is kept");

    let mut good = fields;
    good[3] = ("shipping_fee", "4.95");
    let saved = admin.submit("/admin/settings", "/admin/settings", &good);
    assert_eq!(saved.location(), "/admin/settings");
    let page = admin.get("/admin/settings");
    assert!(page.body.contains("The settings are saved."));
    assert!(page.body.contains("value=\"21.50\""));
    let stored = admin.get("/api/v1/settings");
    stored.assert_status(Status::Ok);
    assert_eq!(stored.json()["tax_rate_bp"], 2150);
    assert_eq!(stored.json()["shipping_fee_cents"], 495);
    assert_eq!(stored.json()["prices_include_tax"], false);
    assert_eq!(stored.json()["unpaid_hold_hours"], 48);
}

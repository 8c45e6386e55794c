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

//! The back office's settings page: admins only, decimals, and errors next
//! to their fields.

use rocket::http::Status;

use crate::helpers::{TestApp, field_error};
use tienda::auth::Role;

#[test]
fn the_settings_page_saves_decimals_and_shows_errors_next_to_fields() {
    let app = TestApp::new();
    let admin = app.signed_in_with_form("boss", Role::Admin);
    let clerk = app.signed_in_with_form("clerk", Role::Staff);
    clerk.get("/admin/settings").assert_status(Status::Forbidden);

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
    assert_eq!(
        bad.page().input_value("tax_rate"),
        "21.5",
        "what was typed is kept"
    );

    let mut good = fields;
    good[3] = ("shipping_fee", "4.95");
    let saved = admin.submit("/admin/settings", "/admin/settings", &good);
    assert_eq!(saved.location(), "/admin/settings");
    let page = admin.get("/admin/settings");
    assert!(page.body.contains("The settings are saved."));
    assert_eq!(page.page().input_value("tax_rate"), "21.50");
    let stored = admin.get("/api/v1/settings");
    stored.assert_status(Status::Ok);
    assert_eq!(stored.json()["tax_rate_bp"], 2150);
    assert_eq!(stored.json()["shipping_fee_cents"], 495);
    assert_eq!(stored.json()["prices_include_tax"], false);
    assert_eq!(stored.json()["unpaid_hold_hours"], 48);
}

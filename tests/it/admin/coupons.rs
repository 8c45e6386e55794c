//! The back office's coupon pages: decimals, days, and deleting.

use rocket::http::Status;

use crate::helpers::{TestApp, field_error};
use tienda::auth::Role;

#[test]
fn the_coupon_pages_take_decimals_and_days() {
    let app = TestApp::new();
    let clerk = app.signed_in_with_form("clerk", Role::Staff);

    let fields = [
        ("code", "winter"),
        ("kind", "fixed"),
        ("value", "5.001"),
        ("min_subtotal", "30"),
        ("starts_on", "2026-12-01"),
        ("ends_on", "2027-01-07"),
        ("usage_limit", ""),
    ];
    let bad = clerk.submit("/admin/coupons/new", "/admin/coupons", &fields);
    bad.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&bad.body, "value").as_deref(),
        Some("Value must have at most two decimals.")
    );
    assert_eq!(bad.page().input_value("code"), "winter");

    let mut good = fields;
    good[2] = ("value", "5.00");
    let saved = clerk.submit("/admin/coupons/new", "/admin/coupons", &good);
    assert_eq!(saved.location(), "/admin/coupons");
    let list = clerk.get("/admin/coupons");
    assert!(list.body.contains("The coupon WINTER is saved."));
    assert!(list.body.contains("€5.00") && list.body.contains("€30.00"));
    let stored = clerk.get("/api/v1/coupons").json()["items"][0].clone();
    assert_eq!(stored["value"], 500);
    assert_eq!(stored["ends_at"], "2027-01-07T00:00:00Z");

    let id = stored["id"].as_i64().unwrap();
    let action = format!("/admin/coupons/{id}/delete");
    let done = clerk.submit(&action, &action, &[]);
    assert_eq!(done.location(), "/admin/coupons");
    assert_eq!(app.count("SELECT count(*) FROM coupons"), 0);
}

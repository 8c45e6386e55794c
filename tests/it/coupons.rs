//! Coupons as staff define them through JSON (the back office's pages are
//! in `admin::coupons`).

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::TestApp;
use tienda::auth::Role;

#[test]
fn coupons_are_for_staff() {
    let app = TestApp::new();
    app.agent()
        .get("/api/v1/coupons")
        .assert_status(Status::Unauthorized);
    let customer = app.token_agent("carla", Role::Customer);
    customer.get("/api/v1/coupons").assert_status(Status::Forbidden);
    customer
        .post_json(
            "/api/v1/coupons",
            json!({"code": "FREE", "kind": "percent", "value": 100}),
        )
        .assert_status(Status::Forbidden);
    let page = app.agent();
    page.register("dave");
    page.get("/admin/coupons").assert_status(Status::Forbidden);
    assert_eq!(app.count("SELECT count(*) FROM coupons"), 0);
}

#[test]
fn a_coupon_is_checked_and_normalised() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let cases = [
        (json!({"code": "x", "kind": "percent", "value": 10}), "code"),
        (
            json!({"code": "SPRING SALE", "kind": "percent", "value": 10}),
            "code",
        ),
        (json!({"code": "SPRING", "kind": "half", "value": 10}), "kind"),
        (json!({"code": "SPRING", "kind": "percent", "value": 0}), "value"),
        (
            json!({"code": "SPRING", "kind": "percent", "value": 101}),
            "value",
        ),
        (json!({"code": "SPRING", "kind": "fixed", "value": 0}), "value"),
        (
            json!({"code": "SPRING", "kind": "fixed", "value": i64::MAX}),
            "value",
        ),
        (json!({"code": "SPRING", "kind": "fixed"}), "value"),
        (
            json!({"code": "SPRING", "kind": "fixed", "value": 500, "min_subtotal_cents": -1}),
            "min_subtotal_cents",
        ),
        (
            json!({"code": "SPRING", "kind": "fixed", "value": 500, "starts_at": "tomorrow"}),
            "starts_at",
        ),
        (
            json!({"code": "SPRING", "kind": "fixed", "value": 500, "starts_at": "2026-12-02T00:00:00Z", "ends_at": "2026-12-01T00:00:00Z"}),
            "ends_at",
        ),
        (
            json!({"code": "SPRING", "kind": "fixed", "value": 500, "usage_limit": 0}),
            "usage_limit",
        ),
        (json!({"code": "SPRING", "kind": "fixed", "value": 5.5}), "value"),
    ];
    for (body, field) in cases {
        let res = staff.post_json("/api/v1/coupons", body.clone());
        assert_eq!(res.status, Status::UnprocessableEntity, "{body}: {}", res.body);
        assert!(!res.field_errors(field).is_empty(), "{body}: {}", res.body);
    }
    assert_eq!(app.count("SELECT count(*) FROM coupons"), 0);

    let made = staff.post_json(
        "/api/v1/coupons",
        json!({"code": "spring-10", "kind": "percent", "value": 10, "min_subtotal_cents": 3000,
               "starts_at": "2026-12-01T01:00:00+01:00", "usage_limit": 5, "once_per_customer": true}),
    );
    made.assert_status(Status::Created);
    let c = made.json();
    assert_eq!(c["code"], "SPRING-10");
    assert_eq!(c["starts_at"], "2026-12-01T00:00:00Z");
    assert!(c["ends_at"].is_null());
    assert_eq!(
        (c["usage_limit"].as_i64(), c["once_per_customer"].as_bool()),
        (Some(5), Some(true))
    );

    let twin = staff.post_json(
        "/api/v1/coupons",
        json!({"code": "Spring-10", "kind": "fixed", "value": 100}),
    );
    twin.assert_status(Status::UnprocessableEntity);
    assert_eq!(twin.field_errors("code"), ["is already used by another coupon"]);
}

#[test]
fn a_coupon_changes_in_part_and_is_deleted() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let id = staff
        .post_json(
            "/api/v1/coupons",
            json!({"code": "TENOFF", "kind": "fixed", "value": 1000, "usage_limit": 3}),
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/coupons/{id}");

    let changed = staff.json(Method::Patch, &path, json!({"usage_limit": null, "value": 1500}));
    changed.assert_status(Status::Ok);
    assert!(changed.json()["usage_limit"].is_null());
    assert_eq!(changed.json()["value"], 1500);
    assert_eq!(changed.json()["code"], "TENOFF");
    staff
        .json(Method::Patch, &path, json!({"kind": "percent"}))
        .assert_status(Status::UnprocessableEntity);

    let list = staff.get("/api/v1/coupons").json();
    assert_eq!(list["total"], 1);
    staff.delete(&path).assert_status(Status::NoContent);
    staff.get(&path).assert_status(Status::NotFound);
    staff.delete(&path).assert_status(Status::NotFound);
}

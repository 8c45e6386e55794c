//! The order lifecycle through the JSON API: staff's steps, cancellation
//! with restock, refunds, the hold expiry, and who may see what.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::TestApp;
use crate::process::eventually;
use tienda::auth::Role;

fn mails(app: &TestApp, kind: &str) -> Vec<String> {
    let db = app.db();
    let mut stmt = db
        .prepare("SELECT body FROM outbox WHERE kind = ?1 ORDER BY id")
        .expect("query");
    stmt.query_map([kind], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("bodies")
}

#[test]
fn staff_take_an_order_through_payment_shipping_and_delivery() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (customer, order) = app.order_of("carla", mug, 2);
    let id = order["id"].as_i64().expect("id");

    let early = staff.post_json(&format!("/api/v1/orders/{id}/ship"), json!({}));
    early.assert_status(Status::Conflict);
    assert_eq!(early.error_code(), "invalid_transition");
    assert!(early.body.contains("pending payment"), "{}", early.body);

    let paid = staff.post_json(
        &format!("/api/v1/orders/{id}/mark-paid"),
        json!({"reference": "TRX-77"}),
    );
    paid.assert_status(Status::Ok);
    assert_eq!(paid.json()["status"], "paid");
    assert!(paid.json()["paid_at"].is_string());
    assert_eq!(
        app.count("SELECT amount_cents FROM payments WHERE kind = 'payment'"),
        2500
    );
    let shipped = staff.post_json(
        &format!("/api/v1/orders/{id}/ship"),
        json!({"carrier": "Correos", "tracking_number": "PK123456ES"}),
    );
    shipped.assert_status(Status::Ok);
    let seen = customer.get(&format!("/api/v1/orders/{id}")).json();
    assert_eq!(seen["status"], "shipped");
    assert_eq!(seen["tracking_number"], "PK123456ES");
    assert_eq!(seen["carrier"], "Correos");
    let notice = mails(&app, "shipping_notice");
    assert!(notice[0].contains("PK123456ES"), "{notice:?}");

    // Staff may post with no body at all.
    staff
        .request(Method::Post, &format!("/api/v1/orders/{id}/deliver"), None, None)
        .assert_status(Status::Ok);
    let done = customer.get(&format!("/api/v1/orders/{id}")).json();
    assert_eq!(done["status"], "delivered");
    assert!(done["delivered_at"].is_string());
    staff
        .post_json(&format!("/api/v1/orders/{id}/cancel"), json!({}))
        .assert_status(Status::Conflict);
    assert_eq!(app.stock_of(mug), 3);
}

#[test]
fn cancelling_returns_the_stock_exactly_once() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    staff
        .post_json(
            "/api/v1/coupons",
            json!({"code": "ONCE", "kind": "percent", "value": 5, "usage_limit": 1}),
        )
        .assert_status(Status::Created);
    let customer = app.signed_in("carla", Role::Customer);
    customer.add_to_cart(mug, 3);
    let order = customer.checkout("k1", json!({"coupon_code": "ONCE"})).json();
    let id = order["id"].as_i64().expect("id");
    assert_eq!(app.stock_of(mug), 2);

    let cancelled = customer.post_json(&format!("/api/v1/orders/{id}/cancel"), json!({}));
    cancelled.assert_status(Status::Ok);
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(app.stock_of(mug), 5);
    let again = customer.post_json(&format!("/api/v1/orders/{id}/cancel"), json!({}));
    again.assert_status(Status::Conflict);
    assert_eq!(again.error_code(), "invalid_transition");
    staff
        .post_json(&format!("/api/v1/orders/{id}/cancel"), json!({}))
        .assert_status(Status::Conflict);
    assert_eq!(app.stock_of(mug), 5);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM stock_movements WHERE reason = 'cancel' AND order_id = {id}"
        )),
        1
    );
    assert!(mails(&app, "order_cancelled")[0].contains("you cancelled it"));
    // The coupon's one use came back with the cancellation.
    customer.add_to_cart(mug, 1);
    customer
        .checkout("k2", json!({"coupon_code": "ONCE"}))
        .assert_status(Status::Created);
}

#[test]
fn a_paid_order_is_cancelled_by_staff_only_and_refunds_restock_on_request() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1000).stock(10).create(&staff);
    let (customer, first) = app.order_of("carla", mug, 2);
    let first = first["id"].as_i64().expect("id");
    staff
        .post_json(&format!("/api/v1/orders/{first}/mark-paid"), json!({}))
        .assert_status(Status::Ok);
    let refused = customer.post_json(&format!("/api/v1/orders/{first}/cancel"), json!({}));
    refused.assert_status(Status::Conflict);
    assert!(refused.body.contains("only the shop"), "{}", refused.body);
    staff
        .post_json(&format!("/api/v1/orders/{first}/cancel"), json!({}))
        .assert_status(Status::Ok);
    assert_eq!(app.stock_of(mug), 10);
    assert_eq!(
        app.count("SELECT count(*) FROM payments WHERE kind = 'refund'"),
        1
    );

    customer.add_to_cart(mug, 3);
    let second = customer.checkout("k2", json!({})).json()["id"]
        .as_i64()
        .expect("id");
    customer.add_to_cart(mug, 1);
    let third = customer.checkout("k3", json!({})).json()["id"]
        .as_i64()
        .expect("id");
    assert_eq!(app.stock_of(mug), 6);
    for id in [second, third] {
        staff
            .post_json(&format!("/api/v1/orders/{id}/refund"), json!({"restock": true}))
            .assert_status(Status::Conflict);
        staff
            .post_json(&format!("/api/v1/orders/{id}/mark-paid"), json!({}))
            .assert_status(Status::Ok);
    }
    let kept = staff.post_json(
        &format!("/api/v1/orders/{second}/refund"),
        json!({"restock": false, "note": "arrived broken"}),
    );
    kept.assert_status(Status::Ok);
    assert_eq!(kept.json()["status"], "refunded");
    assert_eq!(kept.json()["refund_note"], "arrived broken");
    assert_eq!(app.stock_of(mug), 6);
    staff
        .post_json(
            &format!("/api/v1/orders/{third}/refund"),
            json!({"restock": true}),
        )
        .assert_status(Status::Ok);
    assert_eq!(app.stock_of(mug), 7);
    let missing = staff.post_json(&format!("/api/v1/orders/{third}/refund"), json!({}));
    assert_eq!(missing.status, Status::UnprocessableEntity);
    staff
        .post_json(
            &format!("/api/v1/orders/{third}/refund"),
            json!({"restock": true}),
        )
        .assert_status(Status::Conflict);
    assert_eq!(app.stock_of(mug), 7);
}

#[test]
fn customers_see_their_own_orders_and_nothing_of_others() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(50).create(&staff);
    let (carla, carlas) = app.order_of("carla", mug, 1);
    let (dave, daves) = app.order_of("dave", mug, 1);
    let (carlas, daves) = (
        carlas["id"].as_i64().expect("id"),
        daves["id"].as_i64().expect("id"),
    );

    let own = carla.get("/api/v1/orders").json();
    assert_eq!(own["total"], 1);
    assert_eq!(own["items"][0]["id"], carlas);
    // Asking for someone else's orders still shows one's own.
    let sneaky = carla.get(&format!("/api/v1/orders?user_id={}", daves)).json();
    assert_eq!(sneaky["total"], 1);
    assert_eq!(sneaky["items"][0]["id"], carlas);

    carla
        .get(&format!("/api/v1/orders/{daves}"))
        .assert_status(Status::NotFound);
    let cancel = carla.post_json(&format!("/api/v1/orders/{daves}/cancel"), json!({}));
    cancel.assert_status(Status::NotFound);
    assert_eq!(cancel.error_code(), "not_found");
    carla.get("/api/v1/orders/999").assert_status(Status::NotFound);
    carla.get("/api/v1/orders/abc").assert_status(Status::NotFound);
    for action in ["mark-paid", "ship", "deliver", "refund"] {
        for id in [carlas, daves] {
            carla
                .post_json(&format!("/api/v1/orders/{id}/{action}"), json!({"restock": true}))
                .assert_status(Status::Forbidden);
        }
    }
    app.agent()
        .get("/api/v1/orders")
        .assert_status(Status::Unauthorized);
    app.agent()
        .post_json(&format!("/api/v1/orders/{carlas}/cancel"), json!({}))
        .assert_status(Status::Unauthorized);
    assert_eq!(
        app.count("SELECT count(*) FROM orders WHERE status = 'pending_payment'"),
        2
    );

    let all = staff.get("/api/v1/orders").json();
    assert_eq!(all["total"], 2);
    assert_eq!(all["items"][0]["id"], daves, "newest first");
    dave.post_json(&format!("/api/v1/orders/{daves}/cancel"), json!({}))
        .assert_status(Status::Ok);
    let cancelled = staff.get("/api/v1/orders?status=cancelled").json();
    assert_eq!(cancelled["total"], 1);
    assert_eq!(
        staff.get("/api/v1/orders?q=T-000001").json()["items"][0]["id"],
        carlas
    );
    assert_eq!(staff.get("/api/v1/orders?q=dave").json()["total"], 1);
    let bad = staff.get("/api/v1/orders?status=lost");
    bad.assert_status(Status::UnprocessableEntity);
    assert_eq!(bad.field_errors("status").len(), 1);
}

#[test]
fn unpaid_orders_past_the_hold_are_cancelled_and_restocked() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let (_, old) = app.order_of("carla", mug, 2);
    let (_, fresh) = app.order_of("dave", mug, 1);
    let (_, paid) = app.order_of("erin", mug, 1);
    staff
        .post_json(&format!("/api/v1/orders/{}/mark-paid", paid["id"]), json!({}))
        .assert_status(Status::Ok);
    assert_eq!(app.stock_of(mug), 1);
    // 73 hours ago, past the default hold of 72.
    let long_ago = tienda::db::from_now(-chrono::Duration::hours(73));
    app.db()
        .execute(
            "UPDATE orders SET created_at = ?1 WHERE id IN (?2, ?3)",
            rusqlite::params![long_ago, old["id"].as_i64(), paid["id"].as_i64()],
        )
        .expect("backdated");

    eventually("the hold to expire", || {
        (app.count(&format!(
            "SELECT count(*) FROM orders WHERE id = {} AND status = 'cancelled'",
            old["id"]
        )) == 1)
            .then_some(())
    });
    assert_eq!(app.stock_of(mug), 3);
    let status = |id: &serde_json::Value| {
        staff.get(&format!("/api/v1/orders/{id}")).json()["status"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(status(&fresh["id"]).as_deref(), Some("pending_payment"));
    assert_eq!(status(&paid["id"]).as_deref(), Some("paid"));
    assert!(mails(&app, "order_cancelled")[0].contains("not paid in time"));
}

#[test]
fn the_mails_after_checkout_speak_the_language_the_order_was_placed_in() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let customer = app.signed_in("lucia", Role::Customer);
    customer.add_to_cart(mug, 1);
    let placed = customer.checkout_asking(&[("Accept-Language", "es")], "lucia-1", json!({}));
    placed.assert_status(Status::Created);
    let id = placed.json()["id"].as_i64().expect("id");
    assert!(mails(&app, "order_confirmation")[0].contains("gracias por tu pedido"));

    // Staff of the English shop act without asking for a language; the
    // customer still reads Spanish.
    for step in ["mark-paid", "ship"] {
        staff
            .post_json(&format!("/api/v1/orders/{id}/{step}"), json!({}))
            .assert_status(Status::Ok);
    }
    let notice = &mails(&app, "shipping_notice")[0];
    assert!(notice.contains("está en camino"), "{notice}");
    assert!(!notice.contains("on its way"), "{notice}");
}

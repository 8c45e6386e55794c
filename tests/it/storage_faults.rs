//! When the database file cannot be read, signed-in requests answer 503
//! (the session is valid; the storage is not), and once the file is whole
//! again the shop serves without a restart.

use rocket::http::Status;

use crate::helpers::TestApp;
use tienda::auth::Role;

#[test]
fn a_damaged_database_is_a_503_and_the_shop_recovers_when_it_is_whole_again() {
    let app = TestApp::new();
    let customer = app.signed_in("ana", Role::Customer);
    let staff = app.token_agent("clerk", Role::Staff);
    let product = app.product("Mug").stock(5).create(&staff);
    customer.get("/api/v1/me").assert_status(Status::Ok);

    // Everything into the main file, which is then overwritten with zeros
    // in place, as a failing disk would hand back.
    let path = app.dir.path().join("tienda.db");
    app.db()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let whole = std::fs::read(&path).expect("the database file");
    std::fs::write(&path, vec![0u8; whole.len()]).expect("damage the file");

    let me = customer.get("/api/v1/me");
    me.assert_status(Status::ServiceUnavailable);
    assert_eq!(me.error_code(), "unavailable", "not 401: the session is valid");
    assert!(me.header("Retry-After").is_some());
    let page = customer.get("/account");
    page.assert_status(Status::ServiceUnavailable);
    assert!(page.body.contains("try again"), "{}", page.body);
    app.agent()
        .get("/healthz")
        .assert_status(Status::ServiceUnavailable);
    let added = customer.post_json(
        "/api/v1/cart/items",
        serde_json::json!({"product_id": product, "quantity": 1}),
    );
    added.assert_status(Status::ServiceUnavailable);

    std::fs::write(&path, &whole).expect("repair the file");
    // Every pooled connection that met the fault was closed; the next
    // requests get fresh ones, with no restart.
    for _ in 0..6 {
        app.agent().get("/healthz").assert_status(Status::Ok);
        customer.get("/api/v1/me").assert_status(Status::Ok);
    }
    customer
        .post_json(
            "/api/v1/cart/items",
            serde_json::json!({"product_id": product, "quantity": 1}),
        )
        .assert_status(Status::Ok);
    assert_eq!(customer.get("/api/v1/cart").json()["items"][0]["quantity"], 1);
}

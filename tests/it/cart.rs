//! The cart: through JSON and through the pages, for guests and users, its
//! limits and stock checks, what it flags, and the merge at sign-in.

use rocket::http::{ContentType, Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Agent, PASSWORD, Resp, TINY_PNG, TestApp, csrf_token, field_error, multipart};
use tienda::auth::Role;

fn add(agent: &Agent<'_>, id: i64, quantity: i64) -> Resp {
    agent.post_json(
        "/api/v1/cart/items",
        json!({"product_id": id, "quantity": quantity}),
    )
}

fn cart(agent: &Agent<'_>) -> Value {
    let res = agent.get("/api/v1/cart");
    res.assert_status(Status::Ok);
    res.json()
}

/// The line of product `id` in `list` ("items" or "saved").
fn line(cart: &Value, list: &str, id: i64) -> Option<Value> {
    cart[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == id)
        .cloned()
}

fn quantity(cart: &Value, id: i64) -> Option<i64> {
    line(cart, "items", id).map(|l| l["quantity"].as_i64().unwrap())
}

#[test]
fn adding_twice_adds_to_the_line_at_todays_price() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);

    add(&ana, mug, 2).assert_status(Status::Ok);
    let res = add(&ana, mug, 3);
    res.assert_status(Status::Ok);

    let body = res.json();
    assert_eq!(body["items"].as_array().unwrap().len(), 1);
    let l = line(&body, "items", mug).unwrap();
    assert_eq!(l["name"], "Blue mug");
    assert_eq!(l["quantity"], 5);
    assert_eq!(l["unit_price_cents"], 1250);
    assert_eq!(l["line_total_cents"], 6250);
    assert_eq!(l["available_stock"], 10);
    assert_eq!(l["problem"], Value::Null);
    assert_eq!(body["subtotal_cents"], 6250);
    assert_eq!(body["item_count"], 5);
    assert_eq!(body["can_checkout"], true);
    assert_eq!(body["saved"], json!([]));

    // Today's price, not the price when it was added.
    staff
        .json(
            Method::Patch,
            &format!("/api/v1/products/{mug}"),
            json!({"price_cents": 1000}),
        )
        .assert_status(Status::Ok);
    assert_eq!(cart(&ana)["subtotal_cents"], 5000);
}

#[test]
fn a_line_holds_1_to_999() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let nail = app.product("Nail").price_cents(5).stock(5000).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);

    for bad in [json!(0), json!(-1), json!(1000), json!(1.5), json!("2")] {
        let res = ana.post_json("/api/v1/cart/items", json!({"product_id": nail, "quantity": bad}));
        res.assert_status(Status::UnprocessableEntity);
        assert!(!res.field_errors("quantity").is_empty(), "{bad}: {}", res.body);
    }
    add(&ana, nail, 999).assert_status(Status::Ok);
    let res = add(&ana, nail, 1);
    res.assert_status(Status::UnprocessableEntity);
    assert!(res.field_errors("quantity")[0].contains("999"), "{}", res.body);
    assert_eq!(quantity(&cart(&ana), nail), Some(999));
}

#[test]
fn more_than_the_stock_is_a_conflict_that_says_how_many_there_are() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(3).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);

    let res = add(&ana, mug, 4);
    res.assert_status(Status::Conflict);
    assert_eq!(res.error_code(), "insufficient_stock");
    assert!(
        res.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only 3")
    );

    add(&ana, mug, 2).assert_status(Status::Ok);
    let res = add(&ana, mug, 2);
    res.assert_status(Status::Conflict);
    let message = res.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(
        message.contains("only 3") && message.contains("already have 2"),
        "{message}"
    );
    assert_eq!(quantity(&cart(&ana), mug), Some(2), "nothing changed");
}

#[test]
fn unknown_and_archived_products_cannot_be_added() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let old = app.product("Old lamp").price_cents(900).stock(5).create(&staff);
    staff.archive(old);
    let ana = app.signed_in("ana", Role::Customer);

    for id in [old, 999_999, 0, -4] {
        let res = add(&ana, id, 1);
        res.assert_status(Status::UnprocessableEntity);
        assert!(!res.field_errors("product_id").is_empty(), "{id}: {}", res.body);
    }
    let res = ana.post_json("/api/v1/cart/items", json!({"quantity": 1}));
    res.assert_status(Status::UnprocessableEntity);
    assert_eq!(app.count("SELECT count(*) FROM cart_items"), 0);
}

#[test]
fn put_sets_the_quantity_and_zero_removes_the_line() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    add(&ana, mug, 1).assert_status(Status::Ok);
    let uri = format!("/api/v1/cart/items/{mug}");

    let res = ana.json(Method::Put, &uri, json!({"quantity": 4}));
    res.assert_status(Status::Ok);
    assert_eq!(quantity(&res.json(), mug), Some(4));

    let res = ana.json(Method::Put, &uri, json!({"quantity": 6}));
    res.assert_status(Status::Conflict);
    assert_eq!(res.error_code(), "insufficient_stock");
    for bad in [json!(-1), json!(1000), json!(null)] {
        let res = ana.json(Method::Put, &uri, json!({"quantity": bad}));
        res.assert_status(Status::UnprocessableEntity);
    }
    assert_eq!(quantity(&cart(&ana), mug), Some(4));

    let res = ana.json(Method::Put, &uri, json!({"quantity": 0}));
    res.assert_status(Status::Ok);
    assert_eq!(res.json()["items"], json!([]));
    ana.json(Method::Put, &uri, json!({"quantity": 1}))
        .assert_status(Status::NotFound);
}

#[test]
fn lines_are_saved_for_later_and_moved_back_if_the_stock_allows() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let lamp = app.product("Lamp").price_cents(4000).stock(2).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    add(&ana, mug, 2).assert_status(Status::Ok);
    add(&ana, lamp, 1).assert_status(Status::Ok);

    let res = ana.post_json(&format!("/api/v1/cart/items/{mug}/save-for-later"), json!({}));
    res.assert_status(Status::Ok);
    let body = res.json();
    assert_eq!(line(&body, "saved", mug).unwrap()["quantity"], 2);
    assert!(line(&body, "items", mug).is_none());
    assert_eq!(body["subtotal_cents"], 4000, "saved lines are not counted");
    assert_eq!(body["item_count"], 1);

    // A saved line is not bought, so its quantity is not held to the stock...
    let res = ana.json(
        Method::Put,
        &format!("/api/v1/cart/items/{mug}"),
        json!({"quantity": 8}),
    );
    res.assert_status(Status::Ok);
    assert_eq!(line(&res.json(), "saved", mug).unwrap()["quantity"], 8);
    // ...until it moves back into the cart.
    let move_uri = format!("/api/v1/cart/items/{mug}/move-to-cart");
    let res = ana.post_json(&move_uri, json!({}));
    res.assert_status(Status::Conflict);
    assert_eq!(res.error_code(), "insufficient_stock");
    assert!(res.body.contains("only 5"), "{}", res.body);

    ana.json(
        Method::Put,
        &format!("/api/v1/cart/items/{mug}"),
        json!({"quantity": 5}),
    )
    .assert_status(Status::Ok);
    let res = ana.post_json(&move_uri, json!({}));
    res.assert_status(Status::Ok);
    assert_eq!(quantity(&res.json(), mug), Some(5));
    assert_eq!(res.json()["saved"], json!([]));

    let res = ana.delete(&format!("/api/v1/cart/items/{lamp}"));
    res.assert_status(Status::Ok);
    assert!(line(&res.json(), "items", lamp).is_none());
    ana.delete(&format!("/api/v1/cart/items/{lamp}"))
        .assert_status(Status::NotFound);
    ana.post_json(&format!("/api/v1/cart/items/{lamp}/save-for-later"), json!({}))
        .assert_status(Status::NotFound);
}

#[test]
fn a_guest_has_a_cart_through_the_api_and_reading_it_creates_nothing() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let guest = app.agent();

    let empty = cart(&guest);
    assert_eq!(empty["items"], json!([]));
    assert_eq!(empty["subtotal_cents"], 0);
    assert_eq!(empty["can_checkout"], false);
    assert!(guest.session_cookie().is_none());
    assert_eq!(
        app.count("SELECT count(*) FROM sessions WHERE user_id IS NULL"),
        0
    );

    add(&guest, mug, 2).assert_status(Status::Ok);
    assert!(guest.session_cookie().is_some(), "adding starts a guest session");
    assert_eq!(quantity(&cart(&guest), mug), Some(2));
    assert_eq!(
        app.count("SELECT count(*) FROM carts WHERE session_id IS NOT NULL"),
        1
    );
    // Another visitor sees their own, empty cart.
    assert_eq!(cart(&app.agent())["items"], json!([]));
}

#[test]
fn a_guest_shops_with_the_forms() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let lamp = app.product("Lamp").price_cents(4000).stock(2).create(&staff);
    let guest = app.agent();
    let page = format!("/products/{mug}");

    // The product page of a visitor without a session offers the form...
    let html = guest.get(&page);
    assert!(html.page().has("#add-to-cart"), "{}", html.body);
    assert!(html.body.contains("5 available"));
    assert!(guest.session_cookie().is_none(), "looking starts no session");
    // ...which starts the session and the cart.
    let res = guest.submit(
        &page,
        "/cart/add",
        &[("product_id", &mug.to_string()), ("quantity", "2")],
    );
    assert_eq!(res.location(), page);
    assert_eq!(
        guest.flash_after(&res),
        "Added 2 × “Blue mug” to cart — View cart"
    );
    let res = guest.submit(
        &format!("/products/{lamp}"),
        "/cart/add",
        &[("product_id", &lamp.to_string()), ("quantity", "1")],
    );
    assert_eq!(res.status, Status::SeeOther);

    // Too many: the product page again, with the quantity typed and why.
    let res = guest.submit(
        &page,
        "/cart/add",
        &[("product_id", &mug.to_string()), ("quantity", "9")],
    );
    res.assert_status(Status::Conflict);
    assert!(res.page().has("[value=\"9\"]"), "{}", res.body);
    let message = field_error(&res.body, "quantity").unwrap();
    assert!(
        message.contains("only 5") && message.contains("already have 2"),
        "{message}"
    );
    let res = guest.submit(
        &page,
        "/cart/add",
        &[("product_id", &mug.to_string()), ("quantity", "lots")],
    );
    res.assert_status(Status::UnprocessableEntity);
    assert!(res.page().has("[value=\"lots\"]"));
    assert_eq!(
        field_error(&res.body, "quantity").unwrap(),
        "Quantity must be a whole number."
    );

    let html = guest.get("/cart");
    html.assert_status(Status::Ok);
    assert!(html.page().has(&format!("[href=\"/products/{mug}-blue-mug\"]")));
    assert!(html.page().has("#checkout"), "{}", html.body);
    assert!(html.body.contains("Subtotal (3 items)"), "{}", html.body);

    // Change a quantity; too many shows the cart again with what was typed.
    let action = format!("/cart/items/{mug}");
    let res = guest.submit("/cart", &action, &[("quantity", "3")]);
    assert_eq!(guest.flash_after(&res), "Your cart is updated.");
    assert_eq!(quantity(&cart(&guest), mug), Some(3));
    let res = guest.submit("/cart", &action, &[("quantity", "7")]);
    res.assert_status(Status::Conflict);
    assert!(res.page().has("[value=\"7\"]"));
    let message = field_error(&res.body, &format!("quantity-{mug}")).unwrap();
    assert_eq!(message, "There are only 5 of “Blue mug” in stock.");
    assert_eq!(quantity(&cart(&guest), mug), Some(3));

    // Save for later, move back, remove.
    let res = guest.submit("/cart", &format!("/cart/items/{mug}/save"), &[]);
    assert_eq!(guest.flash_after(&res), "“Blue mug” is saved for later.");
    let html = guest.get("/cart");
    assert!(html.body.contains(&format!("id=\"saved-{mug}\"")));
    let res = guest.submit("/cart", &format!("/cart/items/{mug}/move"), &[]);
    assert_eq!(guest.flash_after(&res), "“Blue mug” is back in your cart.");
    let res = guest.submit("/cart", &format!("/cart/items/{lamp}/remove"), &[]);
    assert_eq!(guest.flash_after(&res), "Removed from your cart.");
    let body = cart(&guest);
    assert_eq!(quantity(&body, mug), Some(3));
    assert!(line(&body, "items", lamp).is_none());
}

#[test]
fn the_header_shows_how_many_items_are_in_the_cart() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(5).create(&staff);
    let lamp = app.product("Lamp").price_cents(4000).stock(2).create(&staff);
    let guest = app.agent();

    let home = guest.page("/");
    assert!(home.has("#cart-link"));
    assert_eq!(home.select_text(".cart-count"), None);

    add(&guest, mug, 2).assert_status(Status::Ok);
    add(&guest, lamp, 1).assert_status(Status::Ok);
    guest
        .post_json(&format!("/api/v1/cart/items/{lamp}/save-for-later"), json!({}))
        .assert_status(Status::Ok);
    let home = guest.page("/");
    assert_eq!(home.attr(".cart-count", "aria-label").as_deref(), Some("2 items"));
    assert_eq!(home.select_text(".cart-count").as_deref(), Some("2"));
}

#[test]
fn a_guest_cart_is_merged_at_the_html_login_and_what_was_cut_is_said() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(3).create(&staff);
    let lamp = app.product("Lamp").price_cents(4000).stock(2).create(&staff);
    let vase = app.product("Vase").price_cents(3000).stock(4).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    add(&ana, mug, 2).assert_status(Status::Ok);
    add(&ana, vase, 1).assert_status(Status::Ok);

    let guest = app.agent();
    add(&guest, mug, 3).assert_status(Status::Ok);
    add(&guest, lamp, 1).assert_status(Status::Ok);
    let res = guest.submit(
        "/login?next=%2Fcart",
        "/login",
        &[("username", "ana"), ("password", PASSWORD), ("next", "/cart")],
    );
    assert_eq!(res.location(), "/cart", "back to the cart");
    assert_eq!(
        guest.flash_after(&res),
        "Welcome back, ana. Your cart was merged; “Blue mug” was reduced to 3, the stock available."
    );

    let merged = cart(&guest);
    assert_eq!(quantity(&merged, mug), Some(3));
    assert_eq!(quantity(&merged, lamp), Some(1));
    assert_eq!(quantity(&merged, vase), Some(1), "the user's own lines stay");
    assert_eq!(merged, cart(&ana), "the same cart in every session of the user");
    assert_eq!(
        app.count("SELECT count(*) FROM carts WHERE session_id IS NOT NULL"),
        0
    );
}

#[test]
fn a_guest_cart_is_merged_at_registration_and_comes_back_to_next() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(3).create(&staff);
    let guest = app.agent();
    add(&guest, mug, 2).assert_status(Status::Ok);

    let login = guest.get("/login?next=%2Fcart");
    assert!(
        login.page().has("[href=\"/register?next=%2Fcart\"]"),
        "{}",
        login.body
    );
    let form = guest.get("/register?next=%2Fcart");
    assert!(
        form.body.contains("name=\"next\" value=\"&#x2F;cart\""),
        "{}",
        form.body
    );
    let res = guest.submit(
        "/register?next=%2Fcart",
        "/register",
        &[
            ("username", "bea"),
            ("email", "bea@example.com"),
            ("password", PASSWORD),
            ("next", "/cart"),
        ],
    );
    assert_eq!(res.location(), "/cart");
    assert_eq!(quantity(&cart(&guest), mug), Some(2));
    assert_eq!(
        app.count("SELECT count(*) FROM carts WHERE user_id IS NOT NULL"),
        1
    );
}

#[test]
fn a_guest_cart_is_merged_at_the_api_login() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(6).create(&staff);
    let gone = app.product("Last vase").price_cents(3000).stock(6).create(&staff);
    let book = app.product("Book").price_cents(2000).stock(1).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    add(&ana, mug, 5).assert_status(Status::Ok);
    add(&ana, gone, 2).assert_status(Status::Ok);

    let guest = app.agent();
    add(&guest, mug, 4).assert_status(Status::Ok);
    add(&guest, gone, 4).assert_status(Status::Ok);
    add(&guest, book, 1).assert_status(Status::Ok);
    guest
        .post_json(&format!("/api/v1/cart/items/{book}/save-for-later"), json!({}))
        .assert_status(Status::Ok);
    staff.move_stock(gone, -6, "adjustment");

    guest.api_login("ana", PASSWORD).assert_status(Status::Ok);
    let merged = cart(&guest);
    assert_eq!(quantity(&merged, mug), Some(6), "capped by the stock");
    // Out of stock: the larger line is kept, flagged, not silently lost.
    let l = line(&merged, "items", gone).unwrap();
    assert_eq!(l["quantity"], 4);
    assert_eq!(l["available_stock"], 0);
    assert_eq!(l["problem"], "insufficient_stock");
    assert_eq!(merged["can_checkout"], false);
    assert_eq!(line(&merged, "saved", book).unwrap()["quantity"], 1);
}

#[test]
fn one_users_cart_is_invisible_to_others() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(6).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    add(&ana, mug, 2).assert_status(Status::Ok);

    let bob = app.signed_in("bob", Role::Customer);
    assert_eq!(cart(&bob)["items"], json!([]));
    bob.delete(&format!("/api/v1/cart/items/{mug}"))
        .assert_status(Status::NotFound);
    bob.json(
        Method::Put,
        &format!("/api/v1/cart/items/{mug}"),
        json!({"quantity": 1}),
    )
    .assert_status(Status::NotFound);
    let guest = app.agent();
    assert_eq!(cart(&guest)["items"], json!([]));
    guest
        .delete(&format!("/api/v1/cart/items/{mug}"))
        .assert_status(Status::NotFound);
    assert_eq!(quantity(&cart(&ana), mug), Some(2));
}

#[test]
fn a_token_and_a_session_of_the_same_user_share_the_cart() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(6).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    let token = ana.post_json("/api/v1/tokens", json!({"name": "script"})).json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let script = app.agent().with_token(&token);

    add(&script, mug, 2).assert_status(Status::Ok);
    assert_eq!(quantity(&cart(&ana), mug), Some(2));
    add(&ana, mug, 1).assert_status(Status::Ok);
    assert_eq!(cart(&script), cart(&ana));
    assert!(app.agent().with_token("wrong").get("/api/v1/cart").status == Status::Unauthorized);
}

#[test]
fn archived_and_short_lines_are_flagged_and_block_checkout() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(6).create(&staff);
    let lamp = app.product("Lamp").price_cents(4000).stock(6).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    add(&ana, mug, 5).assert_status(Status::Ok);
    add(&ana, lamp, 1).assert_status(Status::Ok);
    assert_eq!(cart(&ana)["can_checkout"], true);

    staff.move_stock(mug, -3, "adjustment");
    staff.archive(lamp);
    let body = cart(&ana);
    let short = line(&body, "items", mug).unwrap();
    assert_eq!(short["problem"], "insufficient_stock");
    assert_eq!(short["available_stock"], 3);
    let archived = line(&body, "items", lamp).unwrap();
    assert_eq!(archived["problem"], "unavailable");
    assert_eq!(archived["available_stock"], 0);
    assert_eq!(body["can_checkout"], false);

    let html = ana.get("/cart");
    assert!(
        html.body.contains("Only 3 available — you have 5"),
        "{}",
        html.body
    );
    assert!(html.body.contains("No longer available"));
    assert!(!html.page().has("#checkout"));
    assert!(html.page().has("#cart-blocked"));

    // Moving an archived line back is refused; lowering the short one works.
    ana.post_json(&format!("/api/v1/cart/items/{lamp}/save-for-later"), json!({}))
        .assert_status(Status::Ok);
    let res = ana.post_json(&format!("/api/v1/cart/items/{lamp}/move-to-cart"), json!({}));
    res.assert_status(Status::Conflict);
    assert_eq!(res.error_code(), "unavailable");
    let res = ana.json(
        Method::Put,
        &format!("/api/v1/cart/items/{mug}"),
        json!({"quantity": 3}),
    );
    assert_eq!(res.json()["can_checkout"], true);
}

#[test]
fn cross_site_writes_to_a_cart_are_refused() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(6).create(&staff);
    let guest = app.agent();
    add(&guest, mug, 1).assert_status(Status::Ok);
    let ana = app.signed_in("ana", Role::Customer);

    // A cookie rides along on another site's requests, but the browser
    // says where they come from: those are refused, whatever their method.
    let form = format!("product_id={mug}&quantity=5").into_bytes();
    for agent in [&guest, &ana] {
        for headers in [
            [("Sec-Fetch-Site", "cross-site")],
            [("Sec-Fetch-Site", "same-site")],
            [("Origin", "https://evil.example")],
        ] {
            let res = agent.request_with(
                Method::Post,
                "/api/v1/cart/items",
                &headers,
                Some(ContentType::Form),
                Some(form.clone()),
            );
            res.assert_status(Status::Forbidden);
            assert_eq!(res.error_code(), "csrf_failed");
            let save = format!("/api/v1/cart/items/{mug}/save-for-later");
            agent
                .request_with(Method::Post, &save, &headers, Some(ContentType::Plain), None)
                .assert_status(Status::Forbidden);
            let line = format!("/api/v1/cart/items/{mug}");
            agent
                .request_with(Method::Delete, &line, &headers, None, None)
                .assert_status(Status::Forbidden);
        }
        // Without a browser's word it is a script's request: a form body is
        // still no JSON.
        let res = agent.request(
            Method::Post,
            "/api/v1/cart/items",
            Some(ContentType::Form),
            Some(form.clone()),
        );
        res.assert_status(Status::UnsupportedMediaType);
        assert_eq!(res.error_code(), "unsupported_media_type");
    }
    assert_eq!(quantity(&cart(&guest), mug), Some(1));

    // The HTML forms need the session's CSRF token...
    let res = guest.post_form(
        "/cart/add",
        &[("product_id", &mug.to_string()), ("quantity", "1")],
    );
    res.assert_status(Status::Forbidden);
    let res = guest.post_form(&format!("/cart/items/{mug}/remove"), &[("_csrf", "forged")]);
    res.assert_status(Status::Forbidden);
    assert_eq!(quantity(&cart(&guest), mug), Some(1));
    // ...and a visitor without a session cannot be given a cart by another site.
    let sessions = app.count("SELECT count(*) FROM sessions");
    let stranger = app.agent();
    let body = format!("product_id={mug}&quantity=1").into_bytes();
    for headers in [
        [("Sec-Fetch-Site", "cross-site")],
        [("Origin", "https://evil.example")],
    ] {
        let res = stranger.request_with(
            Method::Post,
            "/cart/add",
            &headers,
            Some(ContentType::Form),
            Some(body.clone()),
        );
        res.assert_status(Status::Forbidden);
    }
    assert!(stranger.session_cookie().is_none());
    assert_eq!(app.count("SELECT count(*) FROM sessions"), sessions);
}

#[test]
fn malformed_ids_are_not_found() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(6).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    add(&ana, mug, 1).assert_status(Status::Ok);

    for id in ["abc", "-1", "0", "99999999999999999999999", "1.5"] {
        let res = ana.json(
            Method::Put,
            &format!("/api/v1/cart/items/{id}"),
            json!({"quantity": 1}),
        );
        res.assert_status(Status::NotFound);
        assert_eq!(res.error_code(), "not_found");
        ana.delete(&format!("/api/v1/cart/items/{id}"))
            .assert_status(Status::NotFound);
        ana.post_json(&format!("/api/v1/cart/items/{id}/move-to-cart"), json!({}))
            .assert_status(Status::NotFound);
    }
    // The pages: a product id that is not one is a 404, a line that is not
    // there sends back to the cart with a message.
    let res = ana.submit(
        &format!("/products/{mug}"),
        "/cart/add",
        &[("product_id", "abc"), ("quantity", "1")],
    );
    res.assert_status(Status::NotFound);
    let token = csrf_token(&ana.get("/cart").body, "/logout");
    for id in ["abc", "-1", "99999999999999999999999"] {
        for action in ["", "/remove", "/save", "/move"] {
            let res = ana.post_form(
                &format!("/cart/items/{id}{action}"),
                &[("_csrf", &token), ("quantity", "1")],
            );
            assert_eq!(
                ana.flash_after(&res),
                "That product is not in your cart any more."
            );
        }
    }
    assert_eq!(quantity(&cart(&ana), mug), Some(1));
}

#[test]
fn the_add_form_is_hidden_when_the_product_cannot_be_bought() {
    let app = TestApp::new();
    let staff = app.token_agent("boss", Role::Staff);
    let empty = app.product("Empty jar").price_cents(500).stock(0).create(&staff);
    let shopper = app.agent();
    let html = shopper.get(&format!("/products/{empty}"));
    html.assert_status(Status::Ok);
    assert!(!html.page().posts_to("/cart/add"));
    assert!(html.body.contains("Out of stock"));
}

#[test]
fn the_cart_shows_thumbnails_and_what_is_left_to_ship_free() {
    let app = TestApp::new();
    let owner = app.token_agent("owner", Role::Admin);
    let res = owner.json(
        Method::Patch,
        "/api/v1/settings",
        json!({"shipping_fee_cents": 495, "free_shipping_threshold_cents": 5000}),
    );
    res.assert_status(Status::Ok);
    let mug = app.product("Blue mug").price_cents(1250).stock(9).create(&owner);
    let lamp = app.product("Lamp").price_cents(1000).stock(9).create(&owner);
    let (ct, body) = multipart(&[], "file", "mug.png", "image/png", TINY_PNG);
    let upload = format!("/api/v1/products/{mug}/images");
    let image = owner.request(Method::Post, &upload, Some(ct), Some(body));
    image.assert_status(Status::Created);
    let url = image.json()["url"].as_str().unwrap_or_default().to_string();

    // Putting it in the cart offers the way there.
    let guest = app.agent();
    let res = guest.submit(
        &format!("/products/{mug}"),
        "/cart/add",
        &[("product_id", &mug.to_string()), ("quantity", "2")],
    );
    let next = guest.follow(&res);
    assert_eq!(
        next.page().select_text(".flash a.view-cart").as_deref(),
        Some("View cart")
    );
    guest.submit(
        &format!("/products/{lamp}"),
        "/cart/add",
        &[("product_id", &lamp.to_string()), ("quantity", "1")],
    );

    // €35.00 of €50.00: €15.00 to go. The lamp has no picture: a blank.
    let cart = guest.get("/cart");
    let page = cart.page();
    assert_eq!(
        page.select_text("#free-shipping-left").as_deref(),
        Some("€15.00 more for free shipping")
    );
    assert!(
        page.has(&format!("#line-{mug} img.thumb[src='{url}']")),
        "{}",
        cart.body
    );
    assert!(
        page.has(&format!("#line-{lamp} .thumb.no-image")),
        "{}",
        cart.body
    );

    // Past the threshold the cart says nothing more about it.
    let action = format!("/cart/items/{lamp}");
    guest.submit("/cart", &action, &[("quantity", "2")]);
    guest.submit("/cart", &format!("/cart/items/{mug}"), &[("quantity", "3")]);
    let cart = guest.get("/cart");
    assert!(!cart.page().has("#free-shipping-left"), "€57.50 ships free");

    // A page that is not there says so in words and offers ways on.
    let missing = guest.get("/no-such-page");
    missing.assert_status(Status::NotFound);
    let page = missing.page();
    assert!(
        page.has("form[role='search'] input[name='q']"),
        "{}",
        missing.body
    );
    assert!(page.has("main a[href='/']") && page.has("main a[href='/cart']"));
    assert!(missing.body.contains("We could not find this page."));
}

//! Reviews of received products and ratings of delivered orders: the JSON
//! API's rules, the product page's reviews and form, staff hiding reviews,
//! and the page that rates an order.

use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Agent, Page, TestApp, csrf_token, field_error};
use tienda::auth::Role;

/// Staff take an order through payment and shipping, and `deliver` it too.
fn advance(staff: &Agent<'_>, order: i64, deliver: bool) {
    let mut steps = vec!["mark-paid", "ship"];
    if deliver {
        steps.push("deliver");
    }
    for step in steps {
        staff
            .post_json(&format!("/api/v1/orders/{order}/{step}"), json!({}))
            .assert_status(Status::Ok);
    }
}

/// A customer who bought one `product` and has it delivered: the customer
/// and the order's id.
fn delivered<'a>(app: &'a TestApp, staff: &Agent<'_>, name: &str, product: i64) -> (Agent<'a>, i64) {
    let (customer, order) = (app).order_of(name, product, 1);
    let id = order["id"].as_i64().expect("order id");
    advance(staff, id, true);
    (customer, id)
}

fn review(agent: &Agent<'_>, product: i64, body: Value) -> crate::helpers::Resp {
    agent.post_json(&format!("/api/v1/products/{product}/reviews"), body)
}

fn rating_of(agent: &Agent<'_>, product: i64) -> Value {
    agent.get(&format!("/api/v1/products/{product}")).json()["rating"].clone()
}

fn hide(staff: &Agent<'_>, review: i64, hidden: bool) -> crate::helpers::Resp {
    staff.json(
        Method::Patch,
        &format!("/api/v1/reviews/{review}"),
        json!({ "hidden": hidden }),
    )
}

/// Writes a review straight into the database, for tests about listing
/// many of them (who may write one is tested through the API).
fn stored_review(app: &TestApp, username: &str, product: i64, rating: i64, comment: &str) {
    app.create_user(username, Role::Customer);
    app.db()
        .execute(
            "INSERT INTO reviews (product_id, user_id, rating, comment, created_at)
             SELECT ?1, id, ?2, ?3, '2026-11-01T10:00:00Z' FROM users WHERE username = ?4",
            rusqlite::params![product, rating, comment, username],
        )
        .expect("review stored");
}

#[test]
fn only_a_customer_who_received_the_product_may_review_it_once() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);

    let stranger = app.signed_in("sam", Role::Customer);
    let refused = review(&stranger, mug, json!({"rating": 5}));
    refused.assert_status(Status::Forbidden);
    assert_eq!(refused.error_code(), "forbidden");
    assert!(
        refused.body.contains("once you have received it"),
        "{}",
        refused.body
    );

    // Bought, then paid, then shipped: still not received.
    let (carla, order) = app.order_of("carla", mug, 1);
    let order = order["id"].as_i64().unwrap();
    review(&carla, mug, json!({"rating": 4})).assert_status(Status::Forbidden);
    staff
        .post_json(&format!("/api/v1/orders/{order}/mark-paid"), json!({}))
        .assert_status(Status::Ok);
    review(&carla, mug, json!({"rating": 4})).assert_status(Status::Forbidden);
    staff
        .post_json(&format!("/api/v1/orders/{order}/ship"), json!({}))
        .assert_status(Status::Ok);
    review(&carla, mug, json!({"rating": 4})).assert_status(Status::Forbidden);
    assert_eq!(rating_of(&carla, mug), json!({"average": null, "count": 0}));

    staff
        .post_json(&format!("/api/v1/orders/{order}/deliver"), json!({}))
        .assert_status(Status::Ok);
    let made = review(
        &carla,
        mug,
        json!({"rating": 4, "comment": "  Sturdy, keeps tea hot.  "}),
    );
    made.assert_status(Status::Created);
    let made = made.json();
    assert_eq!(made["product_id"], mug);
    assert_eq!(made["username"], "carla");
    assert_eq!(made["rating"], 4);
    assert_eq!(made["comment"], "Sturdy, keeps tea hot.");
    assert_eq!(made["hidden"], false);
    assert!(made["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(rating_of(&app.agent(), mug), json!({"average": 4.0, "count": 1}));

    let again = review(&carla, mug, json!({"rating": 1}));
    again.assert_status(Status::Conflict);
    assert_eq!(again.error_code(), "conflict");
    assert_eq!(rating_of(&app.agent(), mug), json!({"average": 4.0, "count": 1}));

    let (dora, _) = delivered(&app, &staff, "dora", mug);
    review(&dora, mug, json!({"rating": 1})).assert_status(Status::Created);
    assert_eq!(rating_of(&app.agent(), mug), json!({"average": 2.5, "count": 2}));
    // Someone else's delivered order does not make the stranger eligible.
    review(&stranger, mug, json!({"rating": 5})).assert_status(Status::Forbidden);
}

#[test]
fn a_refund_after_delivery_takes_the_right_to_review_away() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let (carla, order) = delivered(&app, &staff, "carla", mug);
    staff
        .post_json(
            &format!("/api/v1/orders/{order}/refund"),
            json!({"restock": true}),
        )
        .assert_status(Status::Ok);
    review(&carla, mug, json!({"rating": 1})).assert_status(Status::Forbidden);
    let rated = carla.post_json(&format!("/api/v1/orders/{order}/rating"), json!({"rating": 1}));
    rated.assert_status(Status::Conflict);
    assert_eq!(rated.error_code(), "invalid_transition");
}

#[test]
fn ratings_are_whole_numbers_from_one_to_five_and_comments_are_short() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let (carla, _) = delivered(&app, &staff, "carla", mug);

    for bad in [
        json!(0),
        json!(6),
        json!(-1),
        json!(4.5),
        json!("x"),
        json!("4"),
        json!(null),
    ] {
        let res = review(&carla, mug, json!({ "rating": bad }));
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(res.error_code(), "validation_failed", "{bad}");
        assert!(!res.field_errors("rating").is_empty(), "{bad}: {}", res.body);
    }
    let missing = review(&carla, mug, json!({"comment": "no rating"}));
    missing.assert_status(Status::UnprocessableEntity);
    assert!(!missing.field_errors("rating").is_empty(), "{}", missing.body);
    let long = review(&carla, mug, json!({"rating": 5, "comment": "a".repeat(2001)}));
    long.assert_status(Status::UnprocessableEntity);
    assert_eq!(long.field_errors("comment"), ["must be at most 2000 characters"]);
    assert_eq!(app.count("SELECT count(*) FROM reviews"), 0);

    // A malformed body or the wrong content type is not a review either.
    let res = carla.request(
        Method::Post,
        &format!("/api/v1/products/{mug}/reviews"),
        Some(rocket::http::ContentType::JSON),
        Some(b"{\"rating\": ".to_vec()),
    );
    res.assert_status(Status::BadRequest);

    let ok = review(&carla, mug, json!({"rating": 5, "comment": "é".repeat(2000)}));
    ok.assert_status(Status::Created);
}

#[test]
fn hidden_reviews_leave_the_average_and_the_public_list() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let (carla, _) = delivered(&app, &staff, "carla", mug);
    let (dora, _) = delivered(&app, &staff, "dora", mug);
    review(&carla, mug, json!({"rating": 5, "comment": "Lovely"})).assert_status(Status::Created);
    let rude = review(&dora, mug, json!({"rating": 1, "comment": "Spam spam spam"}));
    rude.assert_status(Status::Created);
    let rude = rude.json()["id"].as_i64().unwrap();
    assert_eq!(rating_of(&app.agent(), mug), json!({"average": 3.0, "count": 2}));

    // Newest first.
    let list = app.agent().get(&format!("/api/v1/products/{mug}/reviews")).json();
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["username"], "dora");
    assert_eq!(list["items"][1]["username"], "carla");
    let paged = app
        .agent()
        .get(&format!("/api/v1/products/{mug}/reviews?page=2&per_page=1"))
        .json();
    assert_eq!(paged["items"][0]["username"], "carla");
    assert_eq!(
        (paged["page"].as_i64(), paged["per_page"].as_i64()),
        (Some(2), Some(1))
    );

    // Customers cannot hide reviews; anonymous scripts are told to sign in.
    let refused = hide(&carla, rude, true);
    refused.assert_status(Status::Forbidden);
    assert_eq!(refused.error_code(), "forbidden");
    hide(&app.agent(), rude, true).assert_status(Status::Unauthorized);

    let hidden = hide(&staff, rude, true);
    hidden.assert_status(Status::Ok);
    assert_eq!(hidden.json()["hidden"], true);
    assert_eq!(rating_of(&app.agent(), mug), json!({"average": 5.0, "count": 1}));
    for viewer in [app.agent(), carla] {
        // Asking for hidden ones is for staff only; others still see none.
        let list = viewer
            .get(&format!("/api/v1/products/{mug}/reviews?include_hidden=true"))
            .json();
        assert_eq!(list["total"], 1);
        assert_eq!(list["items"][0]["username"], "carla");
    }
    let all = staff
        .get(&format!("/api/v1/products/{mug}/reviews?include_hidden=true"))
        .json();
    assert_eq!(all["total"], 2);
    assert_eq!(all["items"][0]["hidden"], true);
    let visible = staff.get(&format!("/api/v1/products/{mug}/reviews")).json();
    assert_eq!(visible["total"], 1);

    // Hiding twice changes nothing; unhiding counts it again, once.
    hide(&staff, rude, true).assert_status(Status::Ok);
    assert_eq!(rating_of(&app.agent(), mug), json!({"average": 5.0, "count": 1}));
    hide(&staff, rude, false).assert_status(Status::Ok);
    hide(&staff, rude, false).assert_status(Status::Ok);
    assert_eq!(rating_of(&app.agent(), mug), json!({"average": 3.0, "count": 2}));

    let bad = staff.json(
        Method::Patch,
        &format!("/api/v1/reviews/{rude}"),
        json!({"hidden": "yes"}),
    );
    bad.assert_status(Status::UnprocessableEntity);
    hide(&staff, 9999, true).assert_status(Status::NotFound);
    let bad_flag = app
        .agent()
        .get(&format!("/api/v1/products/{mug}/reviews?include_hidden=maybe"));
    bad_flag.assert_status(Status::UnprocessableEntity);
    assert!(!bad_flag.field_errors("include_hidden").is_empty());
}

#[test]
fn unknown_and_inactive_products_have_no_reviews_for_shoppers() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let (carla, _) = delivered(&app, &staff, "carla", mug);
    review(&carla, mug, json!({"rating": 5})).assert_status(Status::Created);
    staff.archive(mug);

    for viewer in [&app.agent(), &carla] {
        let res = viewer.get(&format!("/api/v1/products/{mug}/reviews"));
        res.assert_status(Status::NotFound);
        assert_eq!(res.error_code(), "not_found");
    }
    let seen = staff.get(&format!("/api/v1/products/{mug}/reviews"));
    seen.assert_status(Status::Ok);
    assert_eq!(seen.json()["total"], 1);
    app.agent()
        .get("/api/v1/products/9999/reviews")
        .assert_status(Status::NotFound);
    review(&carla, 9999, json!({"rating": 5})).assert_status(Status::NotFound);
}

#[test]
fn an_order_is_rated_by_its_owner_once_it_is_delivered_and_only_once() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let (carla, order) = app.order_of("carla", mug, 1);
    let order = order["id"].as_i64().unwrap();
    let url = format!("/api/v1/orders/{order}/rating");

    let early = carla.post_json(&url, json!({"rating": 5}));
    early.assert_status(Status::Conflict);
    assert_eq!(early.error_code(), "invalid_transition");
    assert!(early.body.contains("once it is delivered"), "{}", early.body);
    advance(&staff, order, false);
    let shipped = carla.post_json(&url, json!({"rating": 5}));
    shipped.assert_status(Status::Conflict);
    assert!(shipped.body.contains("shipped"), "{}", shipped.body);
    staff
        .post_json(&format!("/api/v1/orders/{order}/deliver"), json!({}))
        .assert_status(Status::Ok);

    // Another customer learns nothing, whatever they send; staff are told
    // that rating is for the customer.
    let other = app.signed_in("dora", Role::Customer);
    for body in [json!({"rating": 5}), json!({"rating": 1, "comment": "x"})] {
        let res = other.post_json(&url, body);
        res.assert_status(Status::NotFound);
        assert_eq!(res.error_code(), "not_found");
    }
    other.get(&url).assert_status(Status::NotFound);
    staff
        .post_json(&url, json!({"rating": 5}))
        .assert_status(Status::Forbidden);
    carla.get(&url).assert_status(Status::NotFound);
    app.agent()
        .post_json(&url, json!({"rating": 5}))
        .assert_status(Status::Unauthorized);

    for bad in [json!(0), json!(6), json!(2.5), json!("five")] {
        let res = carla.post_json(&url, json!({ "rating": bad }));
        res.assert_status(Status::UnprocessableEntity);
        assert!(!res.field_errors("rating").is_empty(), "{bad}");
    }
    let rated = carla.post_json(&url, json!({"rating": 4, "comment": " Quick delivery "}));
    rated.assert_status(Status::Created);
    let rated = rated.json();
    assert_eq!(rated["order_id"], order);
    assert_eq!(rated["rating"], 4);
    assert_eq!(rated["comment"], "Quick delivery");
    assert!(rated["created_at"].is_string());

    let twice = carla.post_json(&url, json!({"rating": 1}));
    twice.assert_status(Status::Conflict);
    assert_eq!(twice.error_code(), "conflict");
    for viewer in [&carla, &staff] {
        let seen = viewer.get(&url);
        seen.assert_status(Status::Ok);
        assert_eq!(seen.json(), rated);
    }
    other.get(&url).assert_status(Status::NotFound);
    carla
        .post_json("/api/v1/orders/9999/rating", json!({"rating": 5}))
        .assert_status(Status::NotFound);
}

#[test]
fn malformed_ids_are_not_found_never_a_server_error() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let carla = app.signed_in("carla", Role::Customer);
    for id in ["abc", "-1", "0", "1.5", "99999999999999999999999"] {
        for res in [
            app.agent().get(&format!("/api/v1/products/{id}/reviews")),
            carla.post_json(&format!("/api/v1/products/{id}/reviews"), json!({"rating": 5})),
            staff.json(
                Method::Patch,
                &format!("/api/v1/reviews/{id}"),
                json!({"hidden": true}),
            ),
            carla.get(&format!("/api/v1/orders/{id}/rating")),
            carla.post_json(&format!("/api/v1/orders/{id}/rating"), json!({"rating": 5})),
            app.agent().get(&format!("/products/{id}/reviews")),
            carla.get(&format!("/orders/{id}/rate")),
        ] {
            res.assert_status(Status::NotFound);
        }
    }
}

#[test]
fn the_product_page_shows_reviews_and_the_form_only_to_a_customer_who_received_it() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let page = format!("/products/{mug}");
    let action = format!("/products/{mug}/reviews");

    let anonymous = app.page(&page);
    assert_eq!(
        anonymous.select_text(".rating-summary.rating-none").as_deref(),
        Some("No reviews yet.")
    );
    assert!(!anonymous.posts_to(&action));

    let dora = app.signed_in("dora", Role::Customer);
    let html = dora.get(&page).body;
    assert!(!Page::parse(&html).posts_to(&action));
    assert!(html.contains("once you have received it"), "{html}");

    let (carla, _) = delivered(&app, &staff, "carla", mug);
    let html = carla.get(&page).body;
    assert!(Page::parse(&html).posts_to(&action), "{html}");

    // A wrong rating comes back beside its field, with the comment kept.
    let res = carla.submit(
        &page,
        &format!("/products/{mug}/reviews"),
        &[("rating", "9"), ("comment", "Keeps my tea <hot>")],
    );
    res.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&res.body, "review-rating").as_deref(),
        Some("Rating must be a whole number from 1 to 5.")
    );
    assert!(
        res.body.contains("Keeps my tea &lt;hot&gt;</textarea>"),
        "{}",
        res.body
    );
    let res = carla.submit(&page, &format!("/products/{mug}/reviews"), &[("rating", "")]);
    res.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&res.body, "review-rating").as_deref(),
        Some("Rating is required.")
    );

    let res = carla.submit(
        &page,
        &format!("/products/{mug}/reviews"),
        &[("rating", "4"), ("comment", "Keeps my tea <hot>")],
    );
    res.assert_status(Status::SeeOther);
    assert!(
        res.location().starts_with(&format!("/products/{mug}#review-")),
        "{}",
        res.location()
    );
    let html = carla.get(&page).body;
    assert_eq!(
        Page::parse(&html).select_text(".flash.flash-success").as_deref(),
        Some("Thank you for your review.")
    );
    assert!(!Page::parse(&html).posts_to(&action), "one review per customer");
    assert!(html.contains("You reviewed this product: 4 of 5"), "{html}");

    for viewer in [app.agent(), dora] {
        let html = viewer.get(&page).body;
        let shown = Page::parse(&html);
        assert_eq!(shown.select_text(".rating-average").as_deref(), Some("4.0 of 5"));
        assert_eq!(shown.select_text(".rating-count").as_deref(), Some("1 review"));
        assert_eq!(shown.select_text(".review-author").as_deref(), Some("carla"));
        // Read as text, so the tag typed in the comment was escaped.
        assert_eq!(
            shown.select_text(".review-comment").as_deref(),
            Some("Keeps my tea <hot>")
        );
        assert_eq!(shown.select_text(".review-rating").as_deref(), Some("4 of 5"));
        assert!(!Page::parse(&html).posts_to(&action));
        assert!(!html.contains("/hide\""), "no Hide button for shoppers");
    }
    // The form's post is refused without its CSRF token.
    carla
        .post_form(&format!("/products/{mug}/reviews"), &[("rating", "5")])
        .assert_status(Status::Forbidden);
}

#[test]
fn a_second_review_from_a_stale_page_says_why_it_is_refused() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let (carla, _) = delivered(&app, &staff, "carla", mug);
    let page = format!("/products/{mug}");
    let html = carla.get(&page).body;
    let token = csrf_token(&html, &format!("/products/{mug}/reviews"));
    for expected in [Status::SeeOther, Status::Conflict] {
        let res = carla.post_form(
            &format!("/products/{mug}/reviews"),
            &[("_csrf", &token), ("rating", "5")],
        );
        res.assert_status(expected);
    }
    let res = carla.post_form(
        &format!("/products/{mug}/reviews"),
        &[("_csrf", &token), ("rating", "5")],
    );
    assert!(
        res.page()
            .select_text(".form-error")
            .is_some_and(|m| m.contains("reviewed")),
        "{}",
        res.body
    );
    // Someone who never received it, posting anyway, is told why.
    let dora = app.signed_in("dora", Role::Customer);
    let token = csrf_token(&dora.get(&page).body, "/logout");
    let res = dora.post_form(
        &format!("/products/{mug}/reviews"),
        &[("_csrf", &token), ("rating", "5")],
    );
    res.assert_status(Status::Forbidden);
    assert!(res.body.contains("once you have received it"), "{}", res.body);
}

#[test]
fn staff_hide_and_unhide_reviews_from_the_product_page() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let (carla, _) = delivered(&app, &staff, "carla", mug);
    let made = review(
        &carla,
        mug,
        json!({"rating": 2, "comment": "Buy elsewhere: example.com"}),
    );
    let id = made.json()["id"].as_i64().unwrap();
    let page = format!("/products/{mug}");

    // A customer has no button, and posting anyway is refused.
    let token = csrf_token(&carla.get(&page).body, "/logout");
    carla
        .post_form(&format!("/reviews/{id}/hide"), &[("_csrf", &token)])
        .assert_status(Status::Forbidden);

    let res = staff.submit(&page, &format!("/reviews/{id}/hide"), &[]);
    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), format!("/products/{mug}#review-{id}"));
    let html = staff.page(&page);
    assert!(
        html.select_text(".flash.flash-success")
            .is_some_and(|m| m.contains("hidden"))
    );
    assert_eq!(html.select_text(".badge.badge-hidden").as_deref(), Some("hidden"));
    assert!(html.posts_to(&format!("/reviews/{id}/unhide")));
    assert_eq!(rating_of(&staff, mug), json!({"average": null, "count": 0}));

    let shopper = app.agent().get(&page).body;
    assert!(!shopper.contains("example.com"), "{shopper}");
    assert_eq!(
        app.page(&page)
            .select_text(".rating-summary.rating-none")
            .as_deref(),
        Some("No reviews yet.")
    );
    // Its author still learns that it is there, hidden.
    assert!(carla.get(&page).body.contains("(hidden by the shop)"));

    staff
        .submit(&page, &format!("/reviews/{id}/unhide"), &[])
        .assert_status(Status::SeeOther);
    assert!(app.agent().get(&page).body.contains("example.com"));
    assert_eq!(rating_of(&staff, mug), json!({"average": 2.0, "count": 1}));
}

#[test]
fn the_product_page_shows_the_newest_reviews_and_links_to_the_rest() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    for n in 1..=23 {
        stored_review(
            &app,
            &format!("buyer{n}"),
            mug,
            1 + n % 5,
            &format!("Comment {n}"),
        );
    }
    let html = app.agent().get(&format!("/products/{mug}")).body;
    assert_eq!(Page::parse(&html).count(".review"), 5);
    assert!(html.contains("Comment 23") && html.contains("Comment 19"));
    assert!(!html.contains("Comment 18<"));
    assert!(Page::parse(&html).has(&format!("[href=\"/products/{mug}/reviews\"]")));

    let all = app.agent().get(&format!("/products/{mug}/reviews"));
    all.assert_status(Status::Ok);
    assert_eq!(all.page().count(".review"), 20);
    assert!(all.body.contains("Page 1 of 2 · 23 reviews"), "{}", all.body);
    let rest = app.agent().get(&format!("/products/{mug}/reviews?page=2"));
    assert_eq!(rest.page().count(".review"), 3);
    assert!(rest.body.contains("Comment 1<"));
    app.agent()
        .get(&format!("/products/{mug}/reviews?page=x"))
        .assert_status(Status::UnprocessableEntity);
}

#[test]
fn the_rate_page_rates_the_order_and_reviews_its_products() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let (carla, order) = app.order_of("carla", mug, 2);
    let order = order["id"].as_i64().unwrap();
    let page = format!("/orders/{order}/rate");
    let rate = format!("/orders/{order}/rate");

    let early = carla.get(&page);
    early.assert_status(Status::Ok);
    assert!(
        early
            .page()
            .select_text(".notice.rate-not-yet")
            .is_some_and(|m| m.contains("once it is delivered")),
        "{}",
        early.body
    );
    assert!(!early.page().posts_to(&rate));
    // Not someone else's, not anonymous.
    app.signed_in("dora", Role::Customer)
        .get(&page)
        .assert_status(Status::NotFound);
    staff.get(&page).assert_status(Status::NotFound);
    let anonymous = app.agent().get(&page);
    anonymous.assert_status(Status::SeeOther);
    assert!(anonymous.location().starts_with("/login"));

    advance(&staff, order, true);
    let html = carla.get(&page).body;
    assert!(Page::parse(&html).posts_to(&rate), "{html}");
    assert!(Page::parse(&html).posts_to(&format!("/products/{mug}/reviews")));

    let res = carla.submit(&page, &rate, &[("rating", "ten"), ("comment", "Fast")]);
    res.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        field_error(&res.body, "order-rating").as_deref(),
        Some("Rating must be a whole number from 1 to 5.")
    );
    assert!(res.body.contains(">Fast</textarea>"));
    let res = carla.submit(&page, &rate, &[("rating", "5"), ("comment", "Fast")]);
    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), page);
    let html = carla.page(&page);
    assert!(
        html.select_text(".flash.flash-success")
            .is_some_and(|m| m.contains("Thank you for rating"))
    );
    assert_eq!(html.select_text(".order-rating-value").as_deref(), Some("5 of 5"));
    assert!(!html.posts_to(&rate));

    // The product's review form returns to this page.
    let res = carla.submit(
        &page,
        &format!("/products/{mug}/reviews"),
        &[("rating", "3"), ("back", &page)],
    );
    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), page);
    let html = carla.page(&page);
    assert_eq!(
        html.select_text(".reviewed").as_deref(),
        Some("You reviewed this: 3 of 5.")
    );
    assert_eq!(
        carla.get(&format!("/api/v1/orders/{order}/rating")).json()["rating"],
        5
    );
    assert_eq!(rating_of(&carla, mug), json!({"average": 3.0, "count": 1}));
}

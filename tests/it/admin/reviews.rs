//! The review moderation page (`/admin/reviews`): every review, newest
//! first, filtered by whether it is hidden, and its Hide and Unhide
//! buttons, which take a review off the product page and put it back.

use rocket::http::Status;
use serde_json::json;

use crate::helpers::{Agent, TestApp, csrf_token, field_error};
use tienda::auth::Role;

/// `name` buys one `product`, has it delivered and reviews it: the review's id.
fn reviewed(app: &TestApp, staff: &Agent<'_>, name: &str, product: i64, rating: i64, comment: &str) -> i64 {
    let (customer, order) = app.order_of(name, product, 1);
    let order = order["id"].as_i64().expect("order id");
    for step in ["mark-paid", "ship", "deliver"] {
        staff
            .post_json(&format!("/api/v1/orders/{order}/{step}"), json!({}))
            .assert_status(Status::Ok);
    }
    let res = customer.post_json(
        &format!("/api/v1/products/{product}/reviews"),
        json!({"rating": rating, "comment": comment}),
    );
    res.assert_status(Status::Created);
    res.json()["id"].as_i64().expect("review id")
}

fn login_redirect(path: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("/login?next={next}")
}

#[test]
fn the_page_is_for_staff() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let customer = app.signed_in("cleo", Role::Customer);
    let admin = app.signed_in("ada", Role::Admin);

    let res = app.agent().get("/admin/reviews");
    assert_eq!(res.location(), login_redirect("/admin/reviews"));
    let refused = customer.get("/admin/reviews");
    refused.assert_status(Status::Forbidden);
    assert!(refused.body.contains("Not allowed"));
    for agent in [&staff, &admin] {
        let page = agent.page("/admin/reviews");
        assert!(page.has(".admin-nav [href=\"/admin/reviews\"]"));
        assert!(page.select_texts(".aside").iter().any(|t| t == "No reviews."));
    }
}

#[test]
fn every_review_is_listed_newest_first_and_filtered_by_whether_it_is_hidden() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let lamp = app
        .product("Desk lamp")
        .price_cents(3000)
        .stock(10)
        .create(&staff);
    let first = reviewed(&app, &staff, "carla", mug, 5, "Lovely mug");
    let second = reviewed(&app, &staff, "dora", lamp, 1, "Spam spam");
    staff
        .json(
            rocket::http::Method::Patch,
            &format!("/api/v1/reviews/{second}"),
            json!({"hidden": true}),
        )
        .assert_status(Status::Ok);

    let page = staff.page("/admin/reviews");
    let rows = page.rows(".review-row", "td");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][..4], ["Desk lamp", "dora", "1/5", "Spam spam"]);
    assert_eq!(rows[0][5], "hidden");
    assert_eq!(rows[1][..4], ["Blue mug", "carla", "5/5", "Lovely mug"]);
    assert_eq!(rows[1][5], "visible");
    assert!(!rows[1][4].is_empty(), "a date");
    assert_eq!(
        page.attrs(".review-product", "href"),
        [format!("/products/{lamp}"), format!("/products/{mug}")]
    );
    assert_eq!(
        page.attrs(".review-customer", "href"),
        [
            format!("/admin/users/{}", app.user_id("dora")),
            format!("/admin/users/{}", app.user_id("carla"))
        ]
    );
    assert!(page.posts_to(&format!("/reviews/{second}/unhide")));
    assert!(page.posts_to(&format!("/reviews/{first}/hide")));

    let hidden = staff.page("/admin/reviews?show=hidden");
    assert_eq!(hidden.select_texts(".review-comment"), ["Spam spam"]);
    let visible = staff.page("/admin/reviews?show=visible");
    assert_eq!(visible.select_texts(".review-comment"), ["Lovely mug"]);
    assert_eq!(
        staff
            .page("/admin/reviews?show=all")
            .select_texts(".review-comment"),
        ["Spam spam", "Lovely mug"]
    );

    let bad = staff.get("/admin/reviews?show=spam");
    bad.assert_status(Status::UnprocessableEntity);
    assert!(field_error(&bad.body, "show").is_some(), "{}", bad.body);
    for uri in ["/admin/reviews?page=0", "/admin/reviews?page=x"] {
        assert_ne!(staff.get(uri).status, Status::InternalServerError, "{uri}");
    }
}

#[test]
fn hiding_from_the_moderation_page_takes_the_review_off_the_product_page() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1250).stock(10).create(&staff);
    let id = reviewed(&app, &staff, "carla", mug, 2, "Buy elsewhere: example.com");
    let product_page = format!("/products/{mug}");
    assert!(app.agent().get(&product_page).body.contains("Buy elsewhere"));

    let here = "/admin/reviews?show=visible";
    let res = staff.submit(
        here,
        &format!("/reviews/{id}/hide"),
        &[("back", "/admin/reviews?show=visible&page=1")],
    );
    assert_eq!(res.location(), "/admin/reviews?show=visible&page=1");
    let after = staff.follow(&res).page();
    assert!(
        after
            .flash()
            .is_some_and(|f| f.contains("The review by “carla” is hidden")),
        "{:?}",
        after.flash()
    );
    assert!(
        after.select_texts(".review-comment").is_empty(),
        "no longer visible"
    );

    assert!(!app.agent().get(&product_page).body.contains("Buy elsewhere"));
    let rating = app.agent().get(&format!("/api/v1/products/{mug}")).json()["rating"].clone();
    assert_eq!(rating, json!({"average": null, "count": 0}));

    let hidden = staff.page("/admin/reviews?show=hidden");
    assert_eq!(
        hidden.select_texts(".review-comment"),
        ["Buy elsewhere: example.com"]
    );
    let res = staff.submit(
        "/admin/reviews?show=hidden",
        &format!("/reviews/{id}/unhide"),
        &[],
    );
    res.assert_status(Status::SeeOther);
    assert!(app.agent().get(&product_page).body.contains("Buy elsewhere"));

    // Customers cannot use the buttons.
    let customer = app.signed_in("cleo", Role::Customer);
    let token = csrf_token(&customer.get("/").body, "/logout");
    customer
        .post_form(&format!("/reviews/{id}/hide"), &[("_csrf", &token)])
        .assert_status(Status::Forbidden);
    assert!(app.agent().get(&product_page).body.contains("Buy elsewhere"));
}

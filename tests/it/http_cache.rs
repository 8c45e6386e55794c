//! What caches may keep (API.md, "Caching"): anonymous storefront answers
//! are public, tagged and revalidated with 304; anything for a session or
//! a token, or that sets a cookie, is `private, no-store`.

use rocket::http::{Header, Method, Status};
use serde_json::json;

use crate::helpers::{PASSWORD, Resp, TINY_PNG, TestApp, multipart};
use tienda::auth::Role;

const PRIVATE: &str = "private, no-store";

#[track_caller]
fn assert_public(res: &Resp, max_age: u64) {
    res.assert_status(Status::Ok);
    assert_eq!(
        res.header("Cache-Control"),
        Some(format!("public, max-age={max_age}").as_str()),
        "{res:?}"
    );
    assert!(res.header("Set-Cookie").is_none(), "{res:?}");
    let etag = res.header("ETag").expect("an ETag");
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    assert!(
        res.header("Vary").is_some_and(|v| v.contains("Cookie")),
        "{res:?}"
    );
}

#[track_caller]
fn assert_private(res: &Resp) {
    assert_eq!(res.header("Cache-Control"), Some(PRIVATE), "{res:?}");
}

/// A shop with a category and a product in it, and the product's page.
fn shop(app: &TestApp) -> (i64, String) {
    let staff = app.token_agent("staff", Role::Staff);
    let category = app.category("Kitchen").create(&staff);
    let product = app
        .product("Chef's knife")
        .price_cents(4500)
        .category(category)
        .create(&staff);
    let page = app
        .agent()
        .request(Method::Get, &format!("/products/{product}"), None, None);
    assert_eq!(page.status, Status::MovedPermanently);
    (product, page.location().to_string())
}

#[test]
fn anonymous_storefront_answers_are_public_and_tagged() {
    let app = TestApp::new();
    let (product, page) = shop(&app);
    for uri in [
        "/",
        "/?q=knife",
        page.as_str(),
        "/categories/1-kitchen",
        &format!("/products/{product}/reviews"),
        "/sitemap.xml",
        "/robots.txt",
        "/api/v1/products",
        &format!("/api/v1/products/{product}"),
        "/api/v1/categories",
        "/api/v1/categories/1",
    ] {
        let res = app.agent().request(Method::Get, uri, None, None);
        assert_public(&res, 60);
        let vary = res.header("Vary").unwrap_or_default();
        if uri.starts_with("/api/") {
            assert!(vary.contains("Authorization"), "{uri}: {vary}");
        } else {
            assert!(vary.contains("Accept-Language"), "{uri}: {vary}");
        }
    }
    // The canonical redirect is the same for everyone too.
    let moved = app
        .agent()
        .request(Method::Get, &format!("/products/{product}"), None, None);
    assert_eq!(moved.header("Cache-Control"), Some("public, max-age=60"));
}

#[test]
fn a_matching_if_none_match_answers_304_without_a_body() {
    let app = TestApp::new();
    let (_, page) = shop(&app);
    for uri in [page.as_str(), "/api/v1/products"] {
        let first = app.agent().get(uri);
        let etag = first.header("ETag").expect("an ETag").to_string();
        assert_eq!(app.agent().get(uri).header("ETag"), Some(etag.as_str()), "stable");
        for sent in [
            etag.clone(),
            format!("W/{etag}"),
            format!("\"other\", {etag}"),
            "*".into(),
        ] {
            let res = app
                .client
                .get(uri.to_string())
                .header(Header::new("If-None-Match", sent.clone()))
                .dispatch();
            assert_eq!(res.status(), Status::NotModified, "{uri} with {sent}");
            assert_eq!(res.headers().get_one("ETag"), Some(etag.as_str()));
            assert_eq!(res.headers().get_one("Cache-Control"), Some("public, max-age=60"));
            assert!(res.into_bytes().unwrap_or_default().is_empty());
        }
        let stale = app
            .client
            .get(uri.to_string())
            .header(Header::new("If-None-Match", "\"old\""))
            .dispatch();
        assert_eq!(stale.status(), Status::Ok);
    }
}

#[test]
fn the_max_age_is_a_setting() {
    let app = TestApp::with(|f| f.merge(("cache_max_age_secs", 7)));
    let (_, page) = shop(&app);
    assert_public(&app.agent().get(&page), 7);
    assert_public(&app.agent().get("/"), 7);
}

#[test]
fn signed_in_customers_and_token_holders_get_private_answers() {
    let app = TestApp::new();
    let (product, page) = shop(&app);
    let ana = app.signed_in("ana", Role::Customer);
    for uri in [
        "/",
        page.as_str(),
        "/api/v1/products",
        &format!("/api/v1/products/{product}"),
    ] {
        let res = ana.get(uri);
        res.assert_status(Status::Ok);
        assert_private(&res);
    }
    assert!(
        ana.get(&page)
            .page()
            .select_text(".who-name")
            .is_some_and(|n| n == "ana")
    );
    let script = app.token_agent("bot", Role::Customer);
    let res = script.get("/api/v1/products");
    res.assert_status(Status::Ok);
    assert_private(&res);
    // A session cookie the shop no longer knows still marks a browser
    // that may see its own pages.
    let stale = app.agent();
    stale.set_cookie("tienda_session", "forgotten");
    assert_private(&stale.get("/"));
}

#[test]
fn a_guests_first_add_to_cart_and_everything_after_it_are_private() {
    let app = TestApp::new();
    let (product, page) = shop(&app);
    let guest = app.agent();
    assert_public(&guest.get(&page), 60);
    let added = guest.submit(
        &page,
        "/cart/add",
        &[("product_id", &product.to_string()), ("quantity", "1")],
    );
    assert_eq!(added.status, Status::SeeOther, "{}", added.body);
    assert!(added.header("Set-Cookie").is_some());
    assert_eq!(added.header("Cache-Control"), Some(PRIVATE));
    // The page after it shows (and so consumes) the flash message.
    let after = guest.get(added.location());
    assert_private(&after);
    assert!(after.page().flash().is_some());
    for uri in ["/", page.as_str(), "/cart", "/api/v1/products"] {
        let res = guest.get(uri);
        res.assert_status(Status::Ok);
        assert_private(&res);
    }
    assert_eq!(
        guest.get(&page).page().select_text(".cart-count").as_deref(),
        Some("1")
    );
}

#[test]
fn the_shop_sets_no_cookie_for_visitors_who_only_look() {
    let app = TestApp::new();
    let (_, page) = shop(&app);
    let visitor = app.agent();
    for uri in ["/", page.as_str(), "/categories/1-kitchen", "/?q=knife", "/cart"] {
        let res = visitor.get(uri);
        assert!(res.header("Set-Cookie").is_none(), "{uri}: {res:?}");
    }
    // The product page's form works without a session (see GuestForm).
    assert!(visitor.page(&page).posts_to("/cart/add"));
}

#[test]
fn a_page_that_shows_a_flash_message_is_private() {
    let app = TestApp::new();
    app.create_user("ana", Role::Customer);
    let ana = app.agent();
    ana.login("ana", PASSWORD);
    let signed_out = ana.submit("/", "/logout", &[]);
    assert_eq!(signed_out.status, Status::SeeOther, "{}", signed_out.body);
    assert!(ana.session_cookie().is_none(), "signed out");
    let next = ana.get(signed_out.location());
    assert!(next.page().flash().is_some(), "{}", next.body);
    assert_private(&next);
}

#[test]
fn writes_and_a_shoppers_own_pages_are_never_cached() {
    let app = TestApp::new();
    let (product, _) = shop(&app);
    let visitor = app.agent();
    for uri in [
        "/cart",
        "/login",
        "/register",
        "/checkout",
        "/healthz",
        "/account",
        "/admin",
        "/orders",
    ] {
        assert_eq!(visitor.get(uri).header("Cache-Control"), Some(PRIVATE), "{uri}");
    }
    let staff = app.signed_in("boss", Role::Admin);
    for uri in ["/admin", "/admin/products", "/account"] {
        assert_eq!(staff.get(uri).header("Cache-Control"), Some(PRIVATE), "{uri}");
    }
    let added = visitor.post_json(
        "/api/v1/cart/items",
        json!({"product_id": product, "quantity": 1}),
    );
    assert_eq!(added.header("Cache-Control"), Some(PRIVATE));
    // Not found is not kept either.
    assert_eq!(
        visitor.get("/products/999").header("Cache-Control"),
        Some(PRIVATE)
    );
}

#[test]
fn versioned_images_are_immutable_for_everyone_public_only_for_visitors() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let id = app.product("Mug").create(&staff);
    let (ct, body) = multipart(&[], "file", "mug.png", "image/png", TINY_PNG);
    let res = staff.request(
        Method::Post,
        &format!("/api/v1/products/{id}/images"),
        Some(ct),
        Some(body),
    );
    res.assert_status(Status::Created);
    let url = res.json()["url"].as_str().expect("url").to_string();

    let image = app.agent().get(&url);
    image.assert_status(Status::Ok);
    assert_eq!(
        image.header("Cache-Control"),
        Some("public, max-age=31536000, immutable")
    );
    let etag = image.header("ETag").expect("an ETag").to_string();
    let weak = app
        .client
        .get(url.clone())
        .header(Header::new("If-None-Match", format!("W/{etag}")))
        .dispatch();
    assert_eq!(weak.status(), Status::NotModified);

    // A signed-in shopper's browser keeps the picture too; no shared cache does.
    let ana = app.signed_in("ana", Role::Customer);
    let mine = ana.get(&url);
    mine.assert_status(Status::Ok);
    assert_eq!(
        mine.header("Cache-Control"),
        Some("private, max-age=31536000, immutable")
    );
    // The unversioned address serves whatever the id holds now.
    let unversioned = url.rsplit_once('/').expect("a version").0;
    assert_eq!(ana.get(unversioned).header("Cache-Control"), Some(PRIVATE));
    assert_eq!(
        app.agent().get(unversioned).header("Cache-Control"),
        Some("no-cache")
    );
}

#[test]
fn the_shop_answers_the_browsers_favicon_request_with_its_icon() {
    let app = TestApp::new();
    for agent in [app.agent(), app.signed_in("ana", Role::Customer)] {
        let icon = agent.get("/favicon.ico");
        icon.assert_status(Status::Ok);
        assert_eq!(icon.header("Content-Type"), Some("image/x-icon"));
        assert_eq!(icon.header("Cache-Control"), Some("public, max-age=3600"));
    }
    let bytes = app
        .client
        .get("/favicon.ico")
        .dispatch()
        .into_bytes()
        .expect("a body");
    // An icon directory of one image, a PNG.
    assert_eq!(bytes[..6], [0, 0, 1, 0, 1, 0]);
    assert_eq!(bytes[22..26], *b"\x89PNG");
}

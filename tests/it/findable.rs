//! Findable: readable canonical URLs with 301s from old and stale ones,
//! what product and category pages tell search engines and link previews,
//! the sitemap and robots.txt.

use std::collections::BTreeSet;

use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Resp, TestApp};
use tienda::auth::Role;

const SHOP: &str = "https://shop.example";

fn app() -> TestApp {
    TestApp::with(|f| f.merge(("public_url", format!("{SHOP}/"))))
}

fn raw_get(app: &TestApp, uri: &str) -> Resp {
    app.agent().request(Method::Get, uri, None, None)
}

#[test]
fn product_urls_are_readable_and_old_ones_move_for_good() {
    let app = app();
    let staff = app.signed_in("boss", Role::Admin);
    let id = app.product("Crème brûlée pan").create(&staff);
    let canonical = format!("/products/{id}-creme-brulee-pan");

    for old in [
        format!("/products/{id}"),
        format!("/products/{id}-creme-brulee"),
        format!("/products/{id}-Creme-Brulee-Pan"),
    ] {
        let res = raw_get(&app, &old);
        res.assert_status(Status::MovedPermanently);
        assert_eq!(res.location(), canonical, "{old}");
    }
    raw_get(&app, &canonical).assert_status(Status::Ok);
    raw_get(&app, "/products/chefs-knife").assert_status(Status::NotFound);
    raw_get(&app, &format!("/products/{}-x", id + 1000)).assert_status(Status::NotFound);

    // A new name: the old URL moves to the new one.
    staff
        .json(
            Method::Patch,
            &format!("/api/v1/products/{id}"),
            json!({"name": "Tart tin"}),
        )
        .assert_status(Status::Ok);
    let res = raw_get(&app, &canonical);
    res.assert_status(Status::MovedPermanently);
    assert_eq!(res.location(), format!("/products/{id}-tart-tin"));

    // The JSON API's paths stay as they are.
    raw_get(&app, &format!("/api/v1/products/{id}")).assert_status(Status::Ok);
}

#[test]
fn category_urls_are_readable_and_keep_the_query_when_they_move() {
    let app = app();
    let staff = app.signed_in("boss", Role::Admin);
    let kitchen = app.category("Kitchen & Dining").create(&staff);
    let knife = app.product("Chef's Knife").category(kitchen).create(&staff);

    let res = raw_get(&app, &format!("/categories/{kitchen}?q=knife&in_stock=1"));
    res.assert_status(Status::MovedPermanently);
    assert_eq!(
        res.location(),
        format!("/categories/{kitchen}-kitchen-dining?q=knife&in_stock=1")
    );
    let page = app.page(&format!("/categories/{kitchen}-kitchen-dining"));

    // Every link the shop renders is canonical.
    assert!(
        page.attrs("a", "href")
            .contains(&format!("/products/{knife}-chef-s-knife"))
    );
    assert!(
        page.attrs("a", "href")
            .contains(&format!("/categories/{kitchen}-kitchen-dining"))
    );
    assert!(
        !page
            .attrs("a", "href")
            .iter()
            .any(|h| h == &format!("/products/{knife}") || h == &format!("/categories/{kitchen}")),
    );

    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        Some(format!("{SHOP}/categories/{kitchen}-kitchen-dining"))
    );
    assert_eq!(
        page.attr("meta[name=description]", "content").as_deref(),
        Some("Kitchen & Dining at Tienda: 1 product.")
    );
    assert_eq!(
        page.attr("meta[property='og:title']", "content").as_deref(),
        Some("Kitchen & Dining")
    );
    let home = app.page("/");
    assert_eq!(
        home.attr("meta[name=description]", "content").as_deref(),
        Some("Tienda online: one product in Kitchen & Dining.")
    );
    assert_eq!(home.attr("link[rel=canonical]", "href"), Some(format!("{SHOP}/")));
    let searched = app.page("/?q=knife");
    assert!(
        !searched.has("meta[name=description]"),
        "a search is not the home page"
    );
    let product = app.page(&format!("/products/{knife}-chef-s-knife"));
    assert_eq!(
        product.attr("a.product-category", "href"),
        Some(format!("/categories/{kitchen}-kitchen-dining"))
    );
}

fn json_ld(page: &crate::helpers::page::Page) -> Value {
    let scripts = page.select("script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1);
    let text: String = scripts[0].text().collect();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON-LD does not parse ({e}): {text}"))
}

#[test]
fn product_pages_carry_meta_open_graph_and_json_ld() {
    let app = app();
    let staff = app.signed_in("boss", Role::Admin);
    let id = app
        .product("Chef's Knife")
        .sku("KN-20")
        .price_cents(4950)
        .description("Forged steel.\n\nFor   everyday cooking.")
        .create(&staff);
    let url = format!("{SHOP}/products/{id}-chef-s-knife");
    let page = app.page(&format!("/products/{id}-chef-s-knife"));

    assert_eq!(page.attr("link[rel=canonical]", "href"), Some(url.clone()));
    assert_eq!(
        page.attr("meta[name=description]", "content").as_deref(),
        Some("Forged steel. For everyday cooking.")
    );
    assert_eq!(
        page.attr("meta[property='og:type']", "content").as_deref(),
        Some("product")
    );
    assert_eq!(
        page.attr("meta[property='og:title']", "content").as_deref(),
        Some("Chef's Knife")
    );
    assert_eq!(page.attr("meta[property='og:url']", "content"), Some(url.clone()));
    assert!(!page.has("meta[property='og:image']"), "no image, no og:image");

    let ld = json_ld(&page);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Product");
    assert_eq!(ld["name"], "Chef's Knife");
    assert_eq!(ld["sku"], "KN-20");
    assert_eq!(ld["offers"]["price"], "49.50");
    assert_eq!(ld["offers"]["priceCurrency"], "EUR");
    assert_eq!(ld["offers"]["availability"], "https://schema.org/InStock");
    assert_eq!(ld["url"], url.as_str());
    assert!(ld.get("aggregateRating").is_none(), "no reviews, no rating");

    let sold_out = app.product("Bread Knife").stock(0).create(&staff);
    let ld = json_ld(&app.page(&format!("/products/{sold_out}-bread-knife")));
    assert_eq!(ld["offers"]["availability"], "https://schema.org/OutOfStock");
}

#[test]
fn json_ld_cannot_be_broken_out_of_by_a_name() {
    let app = app();
    let staff = app.signed_in("boss", Role::Admin);
    let name = "Evil </script><script>alert(1)</script> & <!-- mug";
    let id = app.product(name).description("</SCRIPT> too").create(&staff);
    let res = app.agent().get(&format!("/products/{id}"));
    res.assert_status(Status::Ok);
    assert!(!res.body.contains("<script>alert(1)"));
    let ld = json_ld(&res.page());
    assert_eq!(ld["name"], name);
    assert_eq!(ld["description"], "</SCRIPT> too");
}

#[test]
fn the_rating_is_in_the_json_ld_once_reviewed() {
    let app = app();
    let staff = app.signed_in("boss", Role::Admin);
    let mug = app.product("Mug").price_cents(800).create(&staff);
    let db = app.db();
    db.execute(
        "UPDATE products SET rating_count = 2, rating_sum = 9 WHERE id = ?1",
        [mug],
    )
    .expect("rated");
    let ld = json_ld(&app.page(&format!("/products/{mug}-mug")));
    assert_eq!(ld["aggregateRating"]["@type"], "AggregateRating");
    assert_eq!(ld["aggregateRating"]["ratingValue"], 4.5);
    assert_eq!(ld["aggregateRating"]["reviewCount"], 2);
}

fn locs(xml: &str) -> BTreeSet<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_sitemap_lists_exactly_the_active_products_and_the_categories() {
    let app = app();
    let staff = app.signed_in("boss", Role::Admin);
    let kitchen = app.category("Kitchen").create(&staff);
    let knives = app.category("Knives").parent(kitchen).create(&staff);
    let knife = app.product("Chef's Knife").category(knives).create(&staff);
    let pan = app.product("Pan").stock(0).create(&staff);
    app.product("Old Pan").inactive().create(&staff);

    let res = raw_get(&app, "/sitemap.xml");
    res.assert_status(Status::Ok);
    assert!(res.header("Content-Type").is_some_and(|t| t.contains("xml")));
    assert!(
        res.body
            .contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
    );
    let expected: BTreeSet<String> = [
        format!("{SHOP}/categories/{kitchen}-kitchen"),
        format!("{SHOP}/categories/{knives}-knives"),
        format!("{SHOP}/products/{knife}-chef-s-knife"),
        format!("{SHOP}/products/{pan}-pan"),
    ]
    .into();
    assert_eq!(locs(&res.body), expected);
    // One part only: there is no sitemap-1.xml.
    raw_get(&app, "/sitemap-1.xml").assert_status(Status::NotFound);
    raw_get(&app, "/sitemap-x.xml").assert_status(Status::NotFound);
}

#[test]
fn robots_txt_keeps_crawlers_out_of_private_pages() {
    let app = app();
    let res = raw_get(&app, "/robots.txt");
    res.assert_status(Status::Ok);
    assert_eq!(
        res.body,
        "User-agent: *\nDisallow: /admin\nDisallow: /cart\nDisallow: /checkout\n\
         Disallow: /account\nDisallow: /orders\n\nSitemap: https://shop.example/sitemap.xml\n"
    );
}

//! The storefront: the catalog at `/`, category pages and product pages, as
//! shoppers see them, and the JSON listing that shares their rules.

use std::collections::BTreeSet;

use rocket::http::{Method, Status};

use crate::helpers::page::{holds, text};
use crate::helpers::{Page, Resp, TINY_PNG, TestApp, multipart};
use tienda::auth::Role;

fn query(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// The products on a listing page, in order, by the links of their cards
/// (not the best sellers a search that found nothing offers).
fn card_ids(html: &str) -> Vec<i64> {
    Page::parse(html)
        .attrs(".product-grid:not(.best-sellers) a.product-card-link", "href")
        .iter()
        .map(|href| {
            let key = href.strip_prefix("/products/").expect("a product link");
            let id = key.split('-').next().unwrap_or_default();
            id.parse().expect("a product id")
        })
        .collect()
}

fn card_names(html: &str) -> Vec<String> {
    Page::parse(html).select_texts(".product-card-name")
}

/// The target of the page's "Next" link.
fn next_link(html: &str) -> Option<String> {
    Page::parse(html).attr("[rel=\"next\"]", "href")
}

/// The element structure of the first `<nav class="category-tree">`: its
/// tags in order, with the text of its links.
fn menu_outline(html: &str) -> String {
    Page::parse(html)
        .outline("nav.category-tree")
        .expect("the category menu")
}

fn api_ids(res: &Resp) -> Vec<i64> {
    res.assert_status(Status::Ok);
    res.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn an_empty_shop_says_so() {
    let app = TestApp::new();
    let res = app.agent().get("/");
    res.assert_status(Status::Ok);
    assert!(res.body.contains("This shop has no products on sale yet."));
    assert!(res.body.contains("name=\"q\""), "the search box is there");
}

#[test]
fn search_finds_word_prefixes_and_ranks_the_name_first() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    // Made first, so that only ranking can put the other one ahead.
    let mouse = app
        .product("Wireless Mouse")
        .description("Works with any laptop.")
        .create(&staff);
    let laptop = app.product("Laptop Pro").description("Fast.").create(&staff);
    app.product("Desk Lamp").create(&staff);
    let shopper = app.agent();

    let page = shopper.get("/?q=lapt");
    page.assert_status(Status::Ok);
    assert_eq!(card_ids(&page.body), [laptop, mouse]);
    assert!(page.body.contains("Best match"));
    assert_eq!(api_ids(&shopper.get("/api/v1/products?q=lapt")), [laptop, mouse]);

    assert_eq!(card_ids(&shopper.get("/?q=PRO+lap").body), [laptop]);
    let by_name = shopper.get("/?q=lapt&sort=name");
    assert_eq!(card_names(&by_name.body), ["Laptop Pro", "Wireless Mouse"]);
    let nothing = shopper.get("/?q=keyboard");
    nothing.assert_status(Status::Ok);
    assert!(card_ids(&nothing.body).is_empty());
    assert!(nothing.body.contains("No products match “keyboard”"));
}

#[test]
fn hostile_searches_answer_results_or_no_results() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    app.product("Laptop Pro").create(&staff);
    let shopper = app.agent();
    let long = "a\"(*".repeat(1250);
    let inputs = [
        "\"",
        "(",
        "lapt\"",
        "NEAR(a b",
        "*",
        "a OR",
        ")))",
        "-",
        "^lapt",
        "lapt*",
        "name:lapt",
        "\"lapt",
        "AND",
        "'; DROP TABLE products; --",
        "%",
        "\u{0}",
        &long,
    ];
    for q in inputs {
        let page = shopper.get(&format!("/?q={}", query(q)));
        page.assert_status(Status::Ok);
        assert!(
            page.page().has("#no-results") || !card_ids(&page.body).is_empty(),
            "{q:?}: {}",
            page.body
        );
        let api = shopper.get(&format!("/api/v1/products?q={}", query(q)));
        api.assert_status(Status::Ok);
        assert!(api.json()["items"].is_array(), "{q:?}");
    }
    let only_punctuation = shopper.get("/?q=%22%28%29%2A");
    assert!(only_punctuation.body.contains("No products match"));
    assert_eq!(
        card_ids(&shopper.get(&format!("/?q={}", query("lapt\""))).body).len(),
        1
    );
    assert_eq!(app.count("SELECT count(*) FROM products"), 1);
}

#[test]
fn filters_combine_with_subcategories_and_survive_paging() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let computers = app.category("Computers").create(&staff);
    let laptops = app.category("Laptops").parent(computers).create(&staff);
    let books = app.category("Books").create(&staff);
    let mut expected = BTreeSet::new();
    for n in 0..26 {
        let (category, price) = if n % 2 == 0 {
            (laptops, 1000 + n)
        } else {
            (computers, 5050)
        };
        expected.insert(
            app.product(&format!("Cable {n:02}"))
                .category(category)
                .price_cents(price)
                .create(&staff),
        );
    }
    // Each of these fails exactly one filter.
    app.product("Cable sold out")
        .category(laptops)
        .stock(0)
        .create(&staff);
    app.product("Cable too dear")
        .category(laptops)
        .price_cents(5051)
        .create(&staff);
    app.product("Cable too cheap")
        .category(computers)
        .price_cents(999)
        .create(&staff);
    app.product("Cable book").category(books).create(&staff);
    let shopper = app.agent();

    let first = shopper.get(&format!(
        "/categories/{computers}?min_price=10&max_price=50.50&in_stock=1"
    ));
    first.assert_status(Status::Ok);
    assert!(first.body.contains("1–24 of 26 products"), "{}", first.body);
    assert!(first.page().has("[value=\"50.50\"]"), "the form keeps its values");
    assert!(first.body.contains("name=\"in_stock\" value=\"1\" checked"));
    let next = next_link(&first.body).expect("a link to page 2");
    assert_eq!(
        next,
        format!("/categories/{computers}-computers?min_price=10&max_price=50.50&in_stock=1&page=2")
    );
    let second = shopper.get(&next);
    second.assert_status(Status::Ok);
    assert!(next_link(&second.body).is_none());
    let mut seen = card_ids(&first.body);
    seen.extend(card_ids(&second.body));
    assert_eq!(seen.len(), 26);
    assert_eq!(seen.iter().copied().collect::<BTreeSet<_>>(), expected);

    // The same through a parameter on the catalog, and through the API.
    let on_home = shopper.get(&format!(
        "/?category={computers}&min_price=10&max_price=50.5&in_stock=on&page=2"
    ));
    assert_eq!(card_ids(&on_home.body), card_ids(&second.body));
    let api = shopper.get(&format!(
        "/api/v1/products?category={computers}&min_price_cents=1000&max_price_cents=5050&in_stock=true&per_page=100"
    ));
    assert_eq!(api.json()["total"], 26);

    // A search combines with them; category links keep the filters.
    let searched = shopper.get(&format!(
        "/categories/{laptops}?q=cable&min_price=10&max_price=50.50&in_stock=1"
    ));
    assert_eq!(card_ids(&searched.body).len(), 13);
    let link =
        format!("[href=\"/categories/{books}-books?q=cable&min_price=10&max_price=50.50&in_stock=1\"]");
    assert!(searched.page().has(&link), "{}", searched.body);
    assert!(
        searched
            .page()
            .select_texts("[aria-current=\"page\"]")
            .contains(&"Laptops".to_string())
    );
    assert_eq!(
        menu_outline(&searched.body),
        "ul li a All products /a \
         ul li a Books /a /li \
         li a Computers /a ul li a Laptops /a /li /ul /li \
         /ul /li /ul"
    );
}

#[test]
fn a_product_page_shows_the_way_down_to_its_category() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let home = app.category("Home").create(&staff);
    let kitchen = app.category("Kitchen").parent(home).create(&staff);
    let knives = app.category("Knives").parent(kitchen).create(&staff);
    app.category("Garden").create(&staff);
    let knife = app.product("Chef's knife").category(knives).create(&staff);
    let mug = app.product("Plain mug").create(&staff);
    let shopper = app.agent();

    let page = shopper.get(&format!("/products/{knife}-chef-s-knife"));
    page.assert_status(Status::Ok);
    assert_eq!(
        page.page().select_texts(".breadcrumb li"),
        ["All products", "Home", "Kitchen", "Knives", "Chef's knife"]
    );
    assert!(
        page.page()
            .has(&format!(".breadcrumb a[href=\"/categories/{kitchen}-kitchen\"]"))
    );
    let page = shopper.get(&format!("/products/{mug}-plain-mug"));
    assert_eq!(
        page.page().select_texts(".breadcrumb li"),
        ["All products", "Plain mug"]
    );
}

#[test]
fn the_sort_menu_orders_by_price_and_newest() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let b = app.product("B").price_cents(300).create(&staff);
    let a = app.product("a").price_cents(200).create(&staff);
    let c = app.product("C").price_cents(100).create(&staff);
    let shopper = app.agent();

    assert_eq!(card_ids(&shopper.get("/").body), [a, b, c]);
    assert_eq!(card_ids(&shopper.get("/?sort=price").body), [c, a, b]);
    assert_eq!(card_ids(&shopper.get("/?sort=-price").body), [b, a, c]);
    let newest = shopper.get("/?sort=newest");
    assert_eq!(card_ids(&newest.body), [c, a, b]);
    assert!(newest.page().has("option[value=\"newest\"][selected]"));
}

#[test]
fn pages_are_stable_when_names_and_prices_tie() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let made: BTreeSet<i64> = (0..50)
        .map(|_| app.product("Same").price_cents(500).create(&staff))
        .collect();
    let shopper = app.agent();

    for sort in ["name", "price", "-price", "newest"] {
        let mut seen = Vec::new();
        for page in 1..=8 {
            let res = shopper.get(&format!("/api/v1/products?sort={sort}&per_page=7&page={page}"));
            seen.extend(api_ids(&res));
        }
        assert_eq!(seen.len(), 50, "{sort}");
        assert_eq!(seen.iter().copied().collect::<BTreeSet<_>>(), made, "{sort}");
        if sort != "newest" {
            assert!(seen.windows(2).all(|w| w[0] < w[1]), "ties by id: {sort}");
        }

        let mut seen = Vec::new();
        let mut next = Some(format!("/?sort={sort}"));
        while let Some(page) = next {
            let res = shopper.get(&page);
            res.assert_status(Status::Ok);
            seen.extend(card_ids(&res.body));
            next = next_link(&res.body);
            assert!(seen.len() <= 50, "{sort}: pages never end");
        }
        assert_eq!(seen.len(), 50, "{sort}");
        assert_eq!(seen.iter().copied().collect::<BTreeSet<_>>(), made, "{sort}");
    }
}

#[test]
fn inactive_products_are_for_staff_only() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    let shelf = app.category("Shelf").create(&staff);
    app.product("Kept Lamp").category(shelf).create(&staff);
    let archived = app
        .product("Archived Lamp")
        .category(shelf)
        .inactive()
        .create(&staff);
    let anonymous = app.agent();
    let customer = app.signed_in("ana", Role::Customer);

    for shopper in [&anonymous, &customer] {
        for page in ["/", "/?q=lamp", &format!("/categories/{shelf}")] {
            let res = shopper.get(page);
            res.assert_status(Status::Ok);
            assert_eq!(card_names(&res.body), ["Kept Lamp"], "{page}");
        }
        let api = shopper.get("/api/v1/products?include_inactive=true&q=lamp");
        assert_eq!(api.json()["total"], 1);
        shopper
            .get(&format!("/products/{archived}"))
            .assert_status(Status::NotFound);
        shopper
            .get(&format!("/api/v1/products/{archived}"))
            .assert_status(Status::NotFound);
    }

    let page = staff.get(&format!("/products/{archived}"));
    page.assert_status(Status::Ok);
    assert!(page.body.contains("notice-inactive"), "{}", page.body);
    assert!(page.body.contains("Archived Lamp"));
    let listing = staff.get(&format!("/categories/{shelf}"));
    assert_eq!(card_names(&listing.body), ["Archived Lamp", "Kept Lamp"]);
    assert!(listing.page().has(".badge-inactive"));
    let api = staff.get("/api/v1/products?include_inactive=true");
    assert_eq!(api.json()["total"], 2);
}

#[test]
fn what_staff_type_is_shown_escaped() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    // Category names cannot hold '>' (CSV paths use it), but may hold '<'.
    let category = app.category("<b class=\"x\" Bold").create(&staff);
    let id = app
        .product("<script>alert(1)</script>")
        .category(category)
        .sku("<i>")
        .description("<img src=x onerror=alert(2)>\nSecond line")
        .create(&staff);
    let shopper = app.agent();

    let escaped = "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;";
    for page in [
        "/".to_string(),
        "/?q=script".to_string(),
        format!("/categories/{category}"),
        format!("/products/{id}"),
    ] {
        let res = shopper.get(&page);
        res.assert_status(Status::Ok);
        assert!(!res.body.contains("<script>"), "{page}: {}", res.body);
        assert!(!res.body.contains("<b class"), "{page}");
        assert!(res.body.contains(escaped), "{page}: {}", res.body);
    }
    let category_page = shopper.get(&format!("/categories/{category}")).body;
    assert!(category_page.contains("&lt;b class=&quot;x&quot; Bold"));
    let product = shopper.get(&format!("/products/{id}"));
    assert!(!product.body.contains("<img src=x"));
    assert!(!product.body.contains("<i>"));
    assert!(
        product
            .body
            .contains("&lt;img src=x onerror=alert(2)&gt;\nSecond line"),
        "line breaks are kept as text: {}",
        product.body
    );
    let css = shopper.get("/static/style.css").body;
    assert!(css.contains(".product-description { white-space: pre-line;"));
}

#[test]
fn cards_and_pages_say_how_many_are_left() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    for (name, stock) in [("A none", 0), ("B one", 1), ("C five", 5), ("D six", 6)] {
        app.product(name).stock(stock).create(&staff);
    }
    let shopper = app.agent();

    let page = shopper.get("/");
    let listing = page.page();
    let cards = listing.select("li.product-card");
    let texts: Vec<String> = cards.iter().map(|card| text(*card)).collect();
    assert_eq!(cards.len(), 4);
    assert!(texts[0].contains("Out of stock"));
    assert!(texts[1].contains("Only 1 left"));
    assert!(texts[2].contains("Only 5 left"));
    assert!(!texts[3].contains("left") && !holds(cards[3], "[class*=\"stock-\"]"));

    let in_stock = shopper.get("/?in_stock=1");
    assert_eq!(card_names(&in_stock.body), ["B one", "C five", "D six"]);
    let ids = card_ids(&page.body);
    let labels: Vec<String> = ids
        .iter()
        .map(|id| {
            let page = shopper.page(&format!("/products/{id}"));
            page.select_text(".availability").expect("the availability")
        })
        .collect();
    assert!(labels[0].contains("Out of stock"));
    assert!(labels[1].contains("Only 1 left"));
    assert!(labels[2].contains("Only 5 left"));
    assert!(labels[3].contains("In stock"));
}

#[test]
fn the_product_page_shows_the_product() {
    let app = TestApp::new();
    // A script with a token: signed in by cookie, the API takes only JSON.
    let staff = app.token_agent("staff", Role::Staff);
    let computers = app.category("Computers").create(&staff);
    let laptops = app.category("Laptops").parent(computers).create(&staff);
    let id = app
        .product("Laptop Pro")
        .category(laptops)
        .sku("LP-14")
        .price_cents(129950)
        .description("Fast.\nLight.")
        .create(&staff);
    let images: Vec<String> = ["front.png", "back.png"]
        .into_iter()
        .map(|file_name| {
            let (content_type, body) = multipart(&[], "file", file_name, "image/png", TINY_PNG);
            let res = staff.request(
                Method::Post,
                &format!("/api/v1/products/{id}/images"),
                Some(content_type),
                Some(body),
            );
            res.assert_status(Status::Created);
            res.json()["url"].as_str().unwrap().to_string()
        })
        .collect();
    let shopper = app.agent();

    let page = shopper.get(&format!("/products/{id}"));
    page.assert_status(Status::Ok);
    let html = &page.body;
    let shown = page.page();
    assert!(
        shown
            .select_text("title")
            .is_some_and(|t| t.starts_with("Laptop Pro ·"))
    );
    assert_eq!(
        shown.select_text("h1.product-name").as_deref(),
        Some("Laptop Pro")
    );
    assert!(html.contains("€1,299.50"));
    assert!(html.contains("LP-14"));
    assert!(html.contains("Fast.\nLight."));
    for url in &images {
        assert!(shown.has(&format!("[src=\"{url}\"]")), "{url}: {html}");
    }
    assert_eq!(
        shown
            .select_text(&format!(
                "a.product-category[href=\"/categories/{laptops}-laptops\"]"
            ))
            .as_deref(),
        Some("Laptops")
    );
    assert!(
        shown
            .select_texts(&format!("a[href=\"/categories/{computers}-computers\"]"))
            .contains(&"Computers".to_string())
    );
    assert!(shown.posts_to("/cart/add"), "it can be bought");

    let catalog = shopper.page("/");
    assert!(
        catalog.has(&format!("[src=\"{}\"]", images[0])),
        "the first image on the card"
    );
    assert!(!catalog.has(&format!("[src=\"{}\"]", images[1])));
}

#[test]
fn bad_filter_values_come_back_in_the_form() {
    let app = TestApp::new();
    let staff = app.signed_in("staff", Role::Staff);
    app.product("Lamp").create(&staff);
    let shopper = app.agent();

    let cases = [
        ("min_price=abc", "Min price must be an amount like 12.34."),
        ("max_price=12.345", "Max price must have at most two decimals."),
        ("min_price=-1", "Min price must be an amount like 12.34."),
        (
            "min_price=20&max_price=10",
            "Max price must not be below the minimum price.",
        ),
        ("page=0", "The page number must be a whole number &gt;= 1."),
        ("page=abc", "The page number must be a whole number &gt;= 1."),
        (
            "sort=cheapest",
            "The sort order must be name, price, -price or newest.",
        ),
        ("in_stock=maybe", "“In stock only” must be true or false."),
        ("category=shoes", "The category must be a category id."),
    ];
    for (query, message) in cases {
        let res = shopper.get(&format!("/?q=lamp&{query}"));
        res.assert_status(Status::UnprocessableEntity);
        assert!(res.body.contains(message), "{query}: {}", res.body);
        let form = res.page();
        assert!(form.has("#catalog-form"), "{query}");
        assert_eq!(form.input_value("q"), "lamp", "{query}: the search is kept");
        assert!(card_ids(&res.body).is_empty(), "{query}");
    }
    let kept = shopper.get("/?min_price=abc");
    assert!(
        kept.page()
            .has("input[value=\"abc\"][autocomplete=\"off\"][aria-invalid=\"true\"]")
    );

    for (page, filter) in [("99", ""), ("9223372036854775807", "&min_price=1")] {
        let beyond = shopper.get(&format!("/?page={page}{filter}"));
        beyond.assert_status(Status::Ok);
        assert!(beyond.body.contains(&format!("There is no page {page}")));
        let api = shopper.get(&format!("/api/v1/products?page={page}"));
        assert_eq!(api_ids(&api), Vec::<i64>::new());
    }
}

#[test]
fn unknown_categories_and_products_are_not_found_pages() {
    let app = TestApp::new();
    let shopper = app.agent();
    for page in [
        "/categories/999",
        "/categories/abc",
        "/categories/-1",
        "/products/999",
        "/products/abc",
        "/products/0",
        "/?category=999",
    ] {
        let res = shopper.get(page);
        res.assert_status(Status::NotFound);
        assert!(
            res.page().select_texts("h1").contains(&"Not found".to_string()),
            "{page}"
        );
    }
}

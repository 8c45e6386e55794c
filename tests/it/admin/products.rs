//! The back office's product pages: the product form and its errors, stock
//! adjustments and their history, images, deleting, and the product list.

use rocket::http::Status;

use super::{assert_field_error, png, product_row, upload};
use crate::helpers::{FilePart, Page, TestApp, csrf_token, field_error, id_after};
use tienda::auth::Role;

#[test]
fn prices_are_typed_as_decimals_and_read_exactly() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);

    for (bad, message) in [
        ("12.345", "Price must have at most two decimals."),
        ("-1", "Price must be an amount like 12.34."),
        ("abc", "Price must be an amount like 12.34."),
        ("1e3", "Price must be an amount like 12.34."),
        ("NaN", "Price must be an amount like 12.34."),
        ("", "Price is required."),
    ] {
        let res = staff.submit(
            "/admin/products/new",
            "/admin/products",
            &[
                ("name", "Mug"),
                ("price", bad),
                ("stock", "4"),
                ("description", "Big"),
            ],
        );
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(
            field_error(&res.body, "price").as_deref(),
            Some(message),
            "{bad:?}"
        );
        assert_eq!(field_error(&res.body, "name"), None, "{bad:?}");
        let form = res.page();
        assert_eq!(form.input_value("name"), "Mug", "the name is kept");
        assert_eq!(form.input_value("price"), bad, "the price is kept");
        assert_eq!(
            form.select_text("textarea[name=\"description\"]").as_deref(),
            Some("Big"),
            "the description is kept"
        );
    }
    assert_eq!(app.count("SELECT count(*) FROM products"), 0);

    for (text, cents) in [("12.34", 1234), ("12", 1200), ("0.5", 50)] {
        let res = staff.submit(
            "/admin/products/new",
            "/admin/products",
            &[("name", "Mug"), ("price", text), ("stock", "0")],
        );
        res.assert_status(Status::SeeOther);
        let id = id_after(res.location(), "/admin/products/");
        assert_eq!(product_row(&app, id).1, cents, "{text}");
    }
}

#[test]
fn every_error_of_the_product_form_shows_at_once_with_the_values_kept() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let long = "x".repeat(201);

    let res = staff.submit(
        "/admin/products/new",
        "/admin/products",
        &[
            ("name", &long),
            ("sku", "has space"),
            ("price", "1.001"),
            ("stock", "-3"),
            ("active", "on"),
        ],
    );

    res.assert_status(Status::UnprocessableEntity);
    assert_field_error(&res.body, "name", "Name must be at most 200 characters long.");
    assert_field_error(&res.body, "sku", "SKU must not contain spaces.");
    assert_field_error(&res.body, "price", "Price must have at most two decimals.");
    assert_field_error(&res.body, "stock", "Opening stock must be >= 0.");
    let form = res.page();
    assert_eq!(form.input_value("sku"), "has space");
    assert_eq!(form.input_value("stock"), "-3");
    assert!(form.has("input#active[name=\"active\"][checked]"));

    let missing = staff.submit(
        "/admin/products/new",
        "/admin/products",
        &[
            ("name", "Mug"),
            ("price", "1"),
            ("stock", "1"),
            ("category_id", "999"),
            ("supplier_id", "x"),
        ],
    );
    missing.assert_status(Status::UnprocessableEntity);
    assert_field_error(&missing.body, "category_id", "Category is not a category.");
    assert_field_error(&missing.body, "supplier_id", "Supplier is not a supplier.");
    assert_eq!(app.count("SELECT count(*) FROM products"), 0);
}

#[test]
fn a_new_product_gets_its_opening_stock_as_a_movement_and_a_page() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let category = app.category("Kitchen").create_with_form(&staff).to_string();
    let supplier = app.supplier("Potters").create_with_form(&staff).to_string();

    let res = staff.submit(
        "/admin/products/new",
        "/admin/products",
        &[
            ("name", " Mug "),
            ("sku", "MUG-1"),
            ("description", "A big mug"),
            ("price", "7.50"),
            ("stock", "12"),
            ("category_id", &category),
            ("supplier_id", &supplier),
            ("active", "on"),
        ],
    );

    res.assert_status(Status::SeeOther);
    let id = id_after(res.location(), "/admin/products/");
    assert_eq!(product_row(&app, id), ("Mug".into(), 750, 12, true));
    let page = staff.get(res.location());
    page.assert_status(Status::Ok);
    assert!(page.body.contains("The product “Mug” is saved."));
    for shown in ["MUG-1", "€7.50", "Kitchen", "Potters", "A big mug", "initial"] {
        assert!(page.body.contains(shown), "{shown}");
    }
    assert_eq!(page.page().count(".movement"), 1);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM stock_movements WHERE product_id = {id} AND reason = 'initial' AND delta = 12"
        )),
        1
    );
}

#[test]
fn the_edit_form_changes_everything_but_the_stock() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let kitchen = app.category("Kitchen").create_with_form(&staff);
    let id = app
        .product("Mug")
        .price_cents(1234)
        .stock(7)
        .category(kitchen)
        .create_with_form(&staff);
    app.product("Cup")
        .price_cents(100)
        .stock(0)
        .sku("CUP")
        .inactive()
        .create_with_form(&staff);
    let edit = format!("/admin/products/{id}/edit");

    let form = staff.page(&edit);
    assert_eq!(form.input_value("price"), "12.34");
    assert_eq!(
        form.select_text(&format!("option[value=\"{kitchen}\"][selected]"))
            .as_deref(),
        Some("Kitchen")
    );
    assert!(!form.has("[name=\"stock\"]"), "stock changes by adjustments only");
    assert!(form.has("input#active[name=\"active\"][checked]"));

    let bad = staff.submit(
        &edit,
        &edit,
        &[("name", "Big mug"), ("price", "1.234"), ("sku", "cup")],
    );
    bad.assert_status(Status::UnprocessableEntity);
    assert_field_error(&bad.body, "price", "Price must have at most two decimals.");
    assert_eq!(bad.page().input_value("name"), "Big mug");
    assert_eq!(product_row(&app, id), ("Mug".into(), 1234, 7, true));

    let taken = staff.submit(
        &edit,
        &edit,
        &[("name", "Big mug"), ("price", "1"), ("sku", "cup")],
    );
    taken.assert_status(Status::UnprocessableEntity);
    assert_field_error(&taken.body, "sku", "SKU is already used by another product.");

    // No `active` field: the box was unticked.
    let saved = staff.submit(
        &edit,
        &edit,
        &[("name", "Big mug"), ("price", "9.99"), ("stock", "100")],
    );
    saved.assert_status(Status::SeeOther);
    assert_eq!(saved.location(), format!("/admin/products/{id}"));
    assert_eq!(product_row(&app, id), ("Big mug".into(), 999, 7, false));
    let page = staff.get(&format!("/admin/products/{id}"));
    assert!(page.body.contains("The product “Big mug” is saved."));
    assert!(page.page().has(".badge-inactive"));
    assert!(!page.body.contains("Kitchen"), "the category was cleared");
}

#[test]
fn a_stock_adjustment_is_recorded_with_who_why_and_the_stock_after() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(5)
        .inactive()
        .create_with_form(&staff);
    let page = format!("/admin/products/{id}");
    let action = format!("{page}/stock");

    let res = staff.submit(
        &page,
        &action,
        &[
            ("delta", "-2"),
            ("reason", "damaged"),
            ("note", "dropped <b>2</b>"),
        ],
    );

    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), page);
    let row: (i64, String, i64, String, i64) = app
        .db()
        .query_row(
            "SELECT delta, reason, user_id, note, stock_after FROM stock_movements
             WHERE product_id = ?1 ORDER BY id DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            -2,
            "damaged".into(),
            app.user_id("stan"),
            "dropped <b>2</b>".into(),
            3
        )
    );
    assert_eq!(product_row(&app, id).2, 3);

    let shown = staff.get(&page);
    assert!(shown.body.contains("The stock is now 3."));
    let html = shown.page();
    assert_eq!(html.select_text("#stock-now").as_deref(), Some("3"));
    let history = html.rows("#history .movement", "td");
    assert_eq!(history.len(), 2);
    // The note is read as text: the tag typed in it was escaped.
    for cell in ["-2", "damaged", "stan", "dropped <b>2</b>", "3"] {
        assert!(history[0].iter().any(|c| c == cell), "{cell} in {:?}", history[0]);
    }
    let row_of = |reason: &str| history.iter().position(|row| row.iter().any(|c| c == reason));
    assert!(
        row_of("damaged").is_some() && row_of("damaged") < row_of("initial"),
        "newest first"
    );

    staff
        .submit(&page, &action, &[("delta", "+4"), ("reason", "restock")])
        .assert_status(Status::SeeOther);
    assert_eq!(product_row(&app, id).2, 7);
}

#[test]
fn an_adjustment_past_the_stock_cap_is_refused_and_changes_nothing() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(999_999)
        .create_with_form(&staff);
    let page = format!("/admin/products/{id}");

    let res = staff.submit(
        &page,
        &format!("{page}/stock"),
        &[("delta", "2"), ("reason", "restock"), ("note", "")],
    );

    res.assert_status(Status::Conflict);
    assert!(
        res.body
            .contains("the stock would go above 1000000: there are 999999 in stock"),
        "{}",
        res.body
    );
    assert!(res.page().has("[value=\"2\"]"), "the typed change is kept");
    assert_eq!(product_row(&app, id).2, 999_999);
    assert_eq!(app.count("SELECT count(*) FROM stock_movements"), 1);
}

#[test]
fn what_was_sold_comes_back_on_cancel_even_past_the_cap() {
    let app = TestApp::new();
    let staff = app.token_agent("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(1_000_000)
        .create(&staff);
    let (customer, order) = app.order_of("ana", id, 1);
    staff.move_stock(id, 1, "restock");
    customer
        .post_json(
            &format!("/api/v1/orders/{}/cancel", order["id"]),
            serde_json::json!({}),
        )
        .assert_status(Status::Ok);
    assert_eq!(
        product_row(&app, id).2,
        1_000_001,
        "the cap is for adjustments, not returns"
    );
}

#[test]
fn an_adjustment_below_zero_is_refused_and_changes_nothing() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(3)
        .inactive()
        .create_with_form(&staff);
    let page = format!("/admin/products/{id}");
    let action = format!("{page}/stock");

    let res = staff.submit(
        &page,
        &action,
        &[("delta", "-4"), ("reason", "adjustment"), ("note", "count")],
    );

    res.assert_status(Status::Conflict);
    assert!(res.body.contains("there are only 3 in stock"), "{}", res.body);
    assert!(res.page().has("[value=\"-4\"]"), "the typed change is kept");
    assert_eq!(product_row(&app, id).2, 3);
    assert_eq!(app.count("SELECT count(*) FROM stock_movements"), 1);

    for (delta, reason, field, message) in [
        ("abc", "restock", "delta", "Change must be a whole number."),
        ("", "restock", "delta", "Change is required."),
        ("0", "restock", "delta", "Change must not be 0."),
        (
            "2",
            "stolen",
            "reason",
            "Reason must be one of restock, adjustment, return, damaged.",
        ),
    ] {
        let res = staff.submit(&page, &action, &[("delta", delta), ("reason", reason)]);
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(
            field_error(&res.body, field).as_deref(),
            Some(message),
            "{delta} {reason}"
        );
    }
    assert_eq!(product_row(&app, id).2, 3);
    assert_eq!(app.count("SELECT count(*) FROM stock_movements"), 1);
}

#[test]
fn the_stock_history_has_pages() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(1)
        .inactive()
        .create_with_form(&staff);
    for _ in 0..21 {
        staff.move_stock(id, 1, "restock");
    }

    let first = staff.get(&format!("/admin/products/{id}"));
    assert_eq!(first.page().count(".movement"), 20);
    assert!(first.page().has("[href=\"?page=2\"]"));
    let second = staff.get(&format!("/admin/products/{id}?page=2"));
    let second = second.page();
    assert_eq!(second.count(".movement"), 2);
    assert!(second.select_texts(".movement td").iter().any(|c| c == "initial"));
}

#[test]
fn an_uploaded_png_is_stored_and_shown() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(1)
        .inactive()
        .create_with_form(&staff);

    let res = upload(&staff, id, &png("mug.png"));

    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), format!("/admin/products/{id}"));
    let (image, content_type): (i64, String) = app
        .db()
        .query_row(
            "SELECT id, content_type FROM product_images WHERE product_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(content_type, "image/png");
    let page = staff.get(&format!("/admin/products/{id}"));
    assert!(page.body.contains("The image is added."));
    assert!(page.page().has(&format!("img[src^=\"/images/{image}/\"]")));
    let served = staff.get(&format!("/images/{image}"));
    served.assert_status(Status::Ok);
    assert_eq!(served.header("Content-Type"), Some("image/png"));
}

#[test]
fn a_file_that_is_not_an_image_is_refused_next_to_the_field() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(1)
        .inactive()
        .create_with_form(&staff);
    let text = FilePart {
        field: "file",
        file_name: "x.png",
        content_type: "image/png",
        bytes: b"just some text, named like a picture",
    };

    let res = upload(&staff, id, &text);

    res.assert_status(Status::UnprocessableEntity);
    assert_field_error(
        &res.body,
        "file",
        "Image file must be a PNG, JPEG, WebP or GIF image.",
    );
    let empty = FilePart { bytes: b"", ..text };
    let res = upload(&staff, id, &empty);
    res.assert_status(Status::UnprocessableEntity);
    assert_field_error(&res.body, "file", "Image file is empty.");
    assert_eq!(app.count("SELECT count(*) FROM product_images"), 0);
}

#[test]
fn an_upload_without_its_csrf_token_is_refused() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(1)
        .inactive()
        .create_with_form(&staff);
    let action = format!("/admin/products/{id}/images");

    staff
        .post_multipart(&action, &[], &png("mug.png"))
        .assert_status(Status::Forbidden);
    staff
        .post_multipart(&action, &[("_csrf", "forged")], &png("mug.png"))
        .assert_status(Status::Forbidden);

    assert_eq!(app.count("SELECT count(*) FROM product_images"), 0);
}

#[test]
fn images_move_up_and_down_and_are_deleted() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(1)
        .inactive()
        .create_with_form(&staff);
    for name in ["a.png", "b.png", "c.png"] {
        upload(&staff, id, &png(name)).assert_status(Status::SeeOther);
    }
    let order = || -> Vec<i64> {
        let db = app.db();
        let mut stmt = db
            .prepare("SELECT id FROM product_images WHERE product_id = ?1 ORDER BY position, id")
            .unwrap();
        stmt.query_map([id], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let [a, b, c] = order()[..] else {
        panic!("three images")
    };
    let page = format!("/admin/products/{id}");

    let res = staff.submit(&page, &format!("{page}/images/{c}/move"), &[("direction", "up")]);
    res.assert_status(Status::SeeOther);
    assert_eq!(order(), [a, c, b]);
    staff
        .submit(
            &page,
            &format!("{page}/images/{a}/move"),
            &[("direction", "down")],
        )
        .assert_status(Status::SeeOther);
    assert_eq!(order(), [c, a, b]);
    let shown = staff.page(&page).attrs("img", "src");
    let at = |image: i64| {
        shown
            .iter()
            .position(|src| src.starts_with(&format!("/images/{image}/")))
    };
    assert!(at(c).is_some() && at(c) < at(a), "{shown:?}");

    staff
        .submit(&page, &format!("{page}/images/{a}/delete"), &[])
        .assert_status(Status::SeeOther);
    assert_eq!(order(), [c, b]);
    assert!(staff.get(&page).body.contains("The image is deleted."));

    // An image of another product is not this product's to move or delete.
    let other = app
        .product("Cup")
        .price_cents(500)
        .stock(1)
        .inactive()
        .create_with_form(&staff);
    let token = csrf_token(&staff.get(&page).body, &format!("{page}/images/{b}/delete"));
    staff
        .post_form(
            &format!("/admin/products/{other}/images/{b}/delete"),
            &[("_csrf", &token)],
        )
        .assert_status(Status::NotFound);
    staff
        .post_form(
            &format!("/admin/products/{other}/images/{b}/move"),
            &[("_csrf", &token), ("direction", "up")],
        )
        .assert_status(Status::NotFound);
    assert_eq!(order(), [c, b]);
}

#[test]
fn a_product_is_deleted_after_confirmation() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = app
        .product("Mug")
        .price_cents(500)
        .stock(1)
        .inactive()
        .create_with_form(&staff);
    let confirm = format!("/admin/products/{id}/delete");

    let page = staff.get(&confirm);
    page.assert_status(Status::Ok);
    assert!(page.body.contains("Delete this product?"));
    assert!(page.body.contains("Mug"));
    assert_eq!(
        app.count("SELECT count(*) FROM products"),
        1,
        "asking deletes nothing"
    );

    let res = staff.submit(&confirm, &confirm, &[]);

    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), "/admin/products");
    assert!(
        staff
            .get("/admin/products")
            .body
            .contains("The product is deleted.")
    );
    assert_eq!(app.count("SELECT count(*) FROM products"), 0);
    staff.get(&confirm).assert_status(Status::NotFound);
    staff
        .get(&format!("/admin/products/{id}"))
        .assert_status(Status::NotFound);
}

#[test]
fn the_product_list_searches_filters_and_pages() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let shoes = app.category("Shoes").create_with_form(&staff);
    let boots = app.category("Boots").parent(shoes).create_with_form(&staff);
    let hats = app.category("Hats").create_with_form(&staff);
    let add = |name: &str, category: Option<i64>, active: bool| {
        let mut product = app.product(name).price_cents(100).stock(1);
        if let Some(category) = category {
            product = product.category(category);
        }
        if !active {
            product = product.inactive();
        }
        product.create(&staff);
    };
    add("Red boot", Some(boots), true);
    add("Old shoe", Some(shoes), false);
    add("Blue hat", Some(hats), true);
    for n in 0..22 {
        add(&format!("Plain sock {n:02}"), None, true);
    }
    let rows = |body: &str| Page::parse(body).count(".product-name");

    let all = staff.get("/admin/products");
    assert_eq!(rows(&all.body), 20);
    assert!(all.body.contains("Page 1 of 2 · 25 in all"));
    assert!(all.page().has("[href=\"?page=2\"]"));
    assert_eq!(rows(&staff.get("/admin/products?page=2").body), 5);

    let shoes_page = staff.get(&format!("/admin/products?category={shoes}"));
    assert_eq!(rows(&shoes_page.body), 2, "the category and its subcategories");
    assert!(shoes_page.body.contains("Red boot") && shoes_page.body.contains("Old shoe"));
    assert!(!shoes_page.body.contains("Blue hat"));
    let listed = shoes_page.page();
    assert!(
        listed.has_in("tr", "Old shoe", ".badge-inactive"),
        "inactive ones are marked"
    );
    assert_eq!(
        listed
            .select_text(&format!("option[value=\"{shoes}\"][selected]"))
            .as_deref(),
        Some("Shoes")
    );

    let active = staff.get(&format!("/admin/products?category={shoes}&active_only=on"));
    assert_eq!(rows(&active.body), 1);
    assert!(!active.body.contains("Old shoe"));

    let socks = staff.get("/admin/products?q=sock");
    assert_eq!(rows(&socks.body), 20);
    assert!(
        socks.page().has("[href=\"?q=sock&page=2\"]"),
        "page links keep the search"
    );
    assert_eq!(rows(&staff.get("/admin/products?q=sock&page=2").body), 2);
    let hat = staff.get("/admin/products?q=hat");
    assert_eq!(rows(&hat.body), 1);
    assert_eq!(hat.page().input_value("q"), "hat");
    assert!(
        staff
            .get("/admin/products?q=nothing-like-it")
            .body
            .contains("No products match.")
    );
    staff
        .get("/admin/products?category=abc")
        .assert_status(Status::UnprocessableEntity);
}

#[test]
fn the_product_list_sorts_by_stock_and_shows_the_low_ones() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let add = |name: &str, stock: i64, active: bool| {
        let mut product = app.product(name).price_cents(100).stock(stock);
        if !active {
            product = product.inactive();
        }
        product.create(&staff)
    };
    let crate_id = add("Full crate", 50, true);
    add("Few left", 4, true);
    add("Last one", 1, true);
    add("Archived jug", 0, false);
    add("Sold out", 0, true);
    let names = |uri: &str| staff.page(uri).select_texts(".product-name");

    assert_eq!(
        names("/admin/products?sort=stock"),
        ["Archived jug", "Sold out", "Last one", "Few left", "Full crate"]
    );
    assert_eq!(
        names("/admin/products"),
        ["Archived jug", "Few left", "Full crate", "Last one", "Sold out"],
        "by name unless asked"
    );

    // Stock moves with every order, so the order by stock is never stale.
    app.db()
        .execute("UPDATE products SET stock = 3 WHERE id = ?1", [crate_id])
        .unwrap();
    assert_eq!(
        names("/admin/products?sort=stock"),
        ["Archived jug", "Sold out", "Last one", "Full crate", "Few left"]
    );

    // Low stock: active products at or under the threshold (5 by default).
    let low = staff.page("/admin/products?low=1&sort=stock");
    assert_eq!(
        low.select_texts(".product-name"),
        ["Sold out", "Last one", "Full crate", "Few left"]
    );
    assert!(low.has("input[name=\"low\"][checked]"));
    assert!(low.has("option[value=\"stock\"][selected]"));
    assert_eq!(low.count("td.stock-low"), 4);
    assert_eq!(
        names("/admin/products?max_stock=1&sort=stock"),
        ["Archived jug", "Sold out", "Last one"]
    );
    assert_eq!(names("/admin/products?low=1&max_stock=0"), ["Sold out"]);

    // The dashboard's low-stock block leads here.
    let dashboard = staff.page("/admin");
    let link = dashboard
        .attrs("a", "href")
        .into_iter()
        .find(|href| href.starts_with("/admin/products?low=1"))
        .expect("the dashboard links to the low-stock list");
    assert_eq!(staff.page(&link).select_texts(".product-name")[0], "Sold out");

    for bad in ["sort=price", "max_stock=-1", "max_stock=few", "low=maybe"] {
        staff
            .get(&format!("/admin/products?{bad}"))
            .assert_status(Status::UnprocessableEntity);
    }
}

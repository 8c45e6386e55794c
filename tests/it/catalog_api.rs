//! The catalog through JSON: who may do what, the validation rules, stock
//! and its movements, images, listings.

use rocket::http::{ContentType, Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Agent, TINY_PNG, TestApp, multipart};
use tienda::auth::Role;

#[test]
fn staff_endpoints_refuse_anonymous_and_customers() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let id = app.product("Mug").price_cents(900).stock(3).create(&staff);
    let customer = app.token_agent("carla", Role::Customer);
    let anonymous = app.agent();
    let calls: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::Post,
            "/api/v1/products".into(),
            Some(json!({"name": "x", "price_cents": 1, "stock": 1})),
        ),
        (
            Method::Patch,
            format!("/api/v1/products/{id}"),
            Some(json!({"name": "y"})),
        ),
        (Method::Delete, format!("/api/v1/products/{id}"), None),
        (
            Method::Post,
            format!("/api/v1/products/{id}/stock"),
            Some(json!({"delta": 1, "reason": "restock"})),
        ),
        (
            Method::Get,
            format!("/api/v1/products/{id}/stock-movements"),
            None,
        ),
        (Method::Delete, format!("/api/v1/products/{id}/images/1"), None),
        (
            Method::Post,
            "/api/v1/categories".into(),
            Some(json!({"name": "c"})),
        ),
        (
            Method::Patch,
            "/api/v1/categories/1".into(),
            Some(json!({"name": "c"})),
        ),
        (Method::Delete, "/api/v1/categories/1".into(), None),
        (Method::Get, "/api/v1/suppliers".into(), None),
        (
            Method::Post,
            "/api/v1/suppliers".into(),
            Some(json!({"name": "s"})),
        ),
        (
            Method::Patch,
            "/api/v1/suppliers/1".into(),
            Some(json!({"name": "s"})),
        ),
        (Method::Delete, "/api/v1/suppliers/1".into(), None),
        (Method::Get, "/api/v1/export/products.csv".into(), None),
    ];
    for (method, path, body) in &calls {
        let send = |agent: &Agent<'_>| match body {
            Some(b) => agent.json(*method, path, b.clone()),
            None => agent.request(*method, path, None, None),
        };
        let res = send(&anonymous);
        assert_eq!(
            res.status,
            Status::Unauthorized,
            "{method} {path} anonymous: {}",
            res.body
        );
        assert_eq!(res.error_code(), "unauthenticated");
        let res = send(&customer);
        assert_eq!(
            res.status,
            Status::Forbidden,
            "{method} {path} customer: {}",
            res.body
        );
        assert_eq!(res.error_code(), "forbidden");
    }
    let (ct, body) = multipart(&[], "file", "a.png", "image/png", TINY_PNG);
    let upload = format!("/api/v1/products/{id}/images");
    assert_eq!(
        anonymous
            .request(Method::Post, &upload, Some(ct.clone()), Some(body.clone()))
            .status,
        Status::Unauthorized
    );
    assert_eq!(
        customer
            .request(Method::Post, &upload, Some(ct), Some(body))
            .status,
        Status::Forbidden
    );
    let csv = b"name,price,stock\nx,1,1\n".to_vec();
    assert_eq!(
        customer
            .request(
                Method::Post,
                "/api/v1/import/products",
                Some(ContentType::CSV),
                Some(csv)
            )
            .status,
        Status::Forbidden
    );
    // Nothing changed.
    assert_eq!(app.count("SELECT count(*) FROM products"), 1);
    assert_eq!(app.count("SELECT count(*) FROM categories"), 0);

    // Staff and admins may.
    let admin = app.token_agent("root", Role::Admin);
    for agent in [&staff, &admin] {
        agent
            .get(&format!("/api/v1/products/{id}/stock-movements"))
            .assert_status(Status::Ok);
        agent.get("/api/v1/suppliers").assert_status(Status::Ok);
        agent.post_json(
            "/api/v1/categories",
            json!({"name": format!("Cat {}", agent.remote)}),
        );
    }
    admin
        .post_json("/api/v1/suppliers", json!({"name": "Acme"}))
        .assert_status(Status::Created);
}

#[test]
fn the_public_catalog_is_readable_by_anyone() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let id = app.product("Mug").price_cents(900).stock(3).create(&staff);
    let anonymous = app.agent();
    anonymous.get("/api/v1/products").assert_status(Status::Ok);
    anonymous
        .get(&format!("/api/v1/products/{id}"))
        .assert_status(Status::Ok);
    anonymous.get("/api/v1/categories").assert_status(Status::Ok);
}

#[test]
fn product_fields_are_validated_the_same_way_as_everywhere() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    app.product("Existing").price_cents(100).stock(1).create(&staff);
    app.product("With sku")
        .sku("MUG-1")
        .price_cents(1)
        .stock(0)
        .create_json(&staff);
    let cases = [
        (json!({"name": "", "price_cents": 1, "stock": 1}), "name"),
        (json!({"name": "   ", "price_cents": 1, "stock": 1}), "name"),
        (
            json!({"name": "x".repeat(201), "price_cents": 1, "stock": 1}),
            "name",
        ),
        (
            json!({"name": "ok", "price_cents": -1, "stock": 1}),
            "price_cents",
        ),
        (
            json!({"name": "ok", "price_cents": 100_000_001, "stock": 1}),
            "price_cents",
        ),
        (
            json!({"name": "ok", "price_cents": 12.5, "stock": 1}),
            "price_cents",
        ),
        (
            json!({"name": "ok", "price_cents": "12", "stock": 1}),
            "price_cents",
        ),
        (json!({"name": "ok", "price_cents": 1, "stock": -1}), "stock"),
        (
            json!({"name": "ok", "price_cents": 1, "stock": 1_000_001}),
            "stock",
        ),
        (json!({"name": "ok", "price_cents": 1}), "stock"),
        (
            json!({"name": "ok", "sku": "mug-1", "price_cents": 1, "stock": 1}),
            "sku",
        ),
        (
            json!({"name": "ok", "price_cents": 1, "stock": 1, "category_id": 999}),
            "category_id",
        ),
        (
            json!({"name": "ok", "price_cents": 1, "stock": 1, "supplier_id": 999}),
            "supplier_id",
        ),
    ];
    for (body, field) in cases {
        let res = staff.post_json("/api/v1/products", body.clone());
        assert_eq!(res.status, Status::UnprocessableEntity, "{body}: {}", res.body);
        assert_eq!(res.error_code(), "validation_failed");
        assert!(!res.field_errors(field).is_empty(), "{body}: {}", res.body);
    }
    let negative = staff.post_json(
        "/api/v1/products",
        json!({"name": "ok", "price_cents": -1, "stock": 1}),
    );
    assert_eq!(negative.field_errors("price_cents"), ["must be >= 0"]);
    assert_eq!(app.count("SELECT count(*) FROM products"), 2);

    let edge = app
        .product("  Edge  ")
        .price_cents(100_000_000)
        .stock(1_000_000)
        .create_json(&staff);
    assert_eq!(edge["name"], "Edge");
    assert_eq!(edge["price_cents"], 100_000_000);
    assert_eq!(edge["stock"], 1_000_000);
    assert!(
        edge["sku"].as_str().unwrap().starts_with("TND-"),
        "a SKU is assigned: {edge}"
    );
}

#[test]
fn a_patch_changes_fields_but_never_the_stock() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let category = staff
        .post_json("/api/v1/categories", json!({"name": "Cups"}))
        .json()["id"]
        .clone();
    let id = app.product("Mug").price_cents(900).stock(3).create(&staff);
    let path = format!("/api/v1/products/{id}");

    let refused = staff.json(Method::Patch, &path, json!({"stock": 50, "name": "Big mug"}));
    refused.assert_status(Status::UnprocessableEntity);
    assert!(!refused.field_errors("stock").is_empty());
    assert_eq!(staff.get(&path).json()["name"], "Mug", "nothing changed");

    let changed = staff.json(
        Method::Patch,
        &path,
        json!({"name": "Big mug", "price_cents": 1200, "category_id": category}),
    );
    changed.assert_status(Status::Ok);
    let p = changed.json();
    assert_eq!(
        (p["name"].as_str(), p["price_cents"].as_i64(), p["stock"].as_i64()),
        (Some("Big mug"), Some(1200), Some(3))
    );
    assert_eq!(p["category"]["name"], "Cups");
    let cleared = staff
        .json(Method::Patch, &path, json!({"category_id": null}))
        .json();
    assert!(cleared["category"].is_null());
    staff
        .json(Method::Patch, "/api/v1/products/999", json!({"name": "x"}))
        .assert_status(Status::NotFound);
}

#[test]
fn a_restock_past_the_stock_cap_is_refused_and_changes_nothing() {
    let app = TestApp::new();
    let staff = app.token_agent("stocker", Role::Staff);
    let id = app.product("Mug").price_cents(900).stock(999_990).create(&staff);
    let stock = format!("/api/v1/products/{id}/stock");

    let res = staff.post_json(&stock, json!({"delta": 11, "reason": "restock"}));
    res.assert_status(Status::Conflict);
    assert_eq!(res.error_code(), "conflict");
    assert!(
        res.body
            .contains("the stock would go above 1000000: there are 999990 in stock"),
        "{}",
        res.body
    );
    let movements = format!("/api/v1/products/{id}/stock-movements");
    assert_eq!(staff.get(&movements).json()["total"], 1, "no movement is written");
    assert_eq!(
        staff.get(&format!("/api/v1/products/{id}")).json()["stock"],
        999_990
    );

    let res = staff.post_json(&stock, json!({"delta": 10, "reason": "restock"}));
    res.assert_status(Status::Ok);
    assert_eq!(res.json()["stock"], 1_000_000, "up to the cap is allowed");
}

#[test]
fn stock_moves_only_with_a_movement_and_never_below_zero() {
    let app = TestApp::new();
    let staff = app.token_agent("stocker", Role::Staff);
    let id = app.product("Mug").price_cents(900).stock(5).create(&staff);
    let stock = format!("/api/v1/products/{id}/stock");

    let res = staff.post_json(
        &stock,
        json!({"delta": 7, "reason": "restock", "note": "box from Acme"}),
    );
    res.assert_status(Status::Ok);
    assert_eq!(res.json()["stock"], 12);
    staff
        .post_json(&stock, json!({"delta": -2, "reason": "damaged"}))
        .assert_status(Status::Ok);

    let too_many = staff.post_json(&stock, json!({"delta": -11, "reason": "adjustment"}));
    too_many.assert_status(Status::Conflict);
    assert_eq!(too_many.error_code(), "insufficient_stock");
    for bad in [
        json!({"delta": 0, "reason": "restock"}),
        json!({"delta": 1, "reason": "gift"}),
        json!({"delta": 1.5, "reason": "restock"}),
        json!({"delta": i64::MIN, "reason": "adjustment"}),
        json!({"delta": i64::MAX, "reason": "restock"}),
    ] {
        staff
            .post_json(&stock, bad)
            .assert_status(Status::UnprocessableEntity);
    }
    staff
        .post_json(
            "/api/v1/products/999/stock",
            json!({"delta": 1, "reason": "restock"}),
        )
        .assert_status(Status::NotFound);

    let product = app.agent().get(&format!("/api/v1/products/{id}")).json();
    assert_eq!(product["stock"], 10);
    let movements = staff
        .get(&format!("/api/v1/products/{id}/stock-movements"))
        .json();
    assert_eq!(movements["total"], 3);
    let items = movements["items"].as_array().unwrap();
    let summary: Vec<(i64, &str, i64)> = items
        .iter()
        .map(|m| {
            (
                m["delta"].as_i64().unwrap(),
                m["reason"].as_str().unwrap(),
                m["stock_after"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [(-2, "damaged", 10), (7, "restock", 12), (5, "initial", 5)]
    );
    assert_eq!(items[1]["note"], "box from Acme");
    assert_eq!(items[1]["user_id"], staff.me().json()["id"]);
    assert_eq!(
        app.count("SELECT count(*) FROM stock_movements WHERE stock_after < 0"),
        0
    );
}

#[test]
fn deleting_products_categories_and_suppliers() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let category = staff
        .post_json("/api/v1/categories", json!({"name": "Cups"}))
        .json()["id"]
        .as_i64()
        .unwrap();
    let supplier = staff
        .post_json(
            "/api/v1/suppliers",
            json!({"name": "Acme", "email": "sales@acme.example"}),
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    let id = app
        .product("Mug")
        .price_cents(1)
        .stock(1)
        .category(category)
        .supplier(supplier)
        .create(&staff);

    let busy = staff.delete(&format!("/api/v1/categories/{category}"));
    busy.assert_status(Status::Conflict);
    assert!(
        busy.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("1 products")
    );

    staff
        .delete(&format!("/api/v1/suppliers/{supplier}"))
        .assert_status(Status::NoContent);
    assert!(staff.get(&format!("/api/v1/products/{id}")).json()["supplier_id"].is_null());

    staff
        .delete(&format!("/api/v1/products/{id}"))
        .assert_status(Status::NoContent);
    staff
        .get(&format!("/api/v1/products/{id}"))
        .assert_status(Status::NotFound);
    staff
        .delete(&format!("/api/v1/products/{id}"))
        .assert_status(Status::NotFound);
    staff
        .delete(&format!("/api/v1/categories/{category}"))
        .assert_status(Status::NoContent);
}

#[test]
fn categories_form_a_tree_without_cycles() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let home = staff
        .post_json("/api/v1/categories", json!({"name": "Home"}))
        .json()["id"]
        .as_i64()
        .unwrap();
    let kitchen = staff
        .post_json(
            "/api/v1/categories",
            json!({"name": "Kitchen", "parent_id": home}),
        )
        .json()["id"]
        .as_i64()
        .unwrap();

    let cycle = staff.json(
        Method::Patch,
        &format!("/api/v1/categories/{home}"),
        json!({"parent_id": kitchen}),
    );
    cycle.assert_status(Status::UnprocessableEntity);
    assert!(!cycle.field_errors("parent_id").is_empty());
    let twin = staff.post_json(
        "/api/v1/categories",
        json!({"name": "kitchen", "parent_id": home}),
    );
    twin.assert_status(Status::UnprocessableEntity);
    staff
        .post_json("/api/v1/categories", json!({"name": "Kitchen"}))
        .assert_status(Status::Created);
    staff
        .delete(&format!("/api/v1/categories/{home}"))
        .assert_status(Status::Conflict);

    // A product in the subcategory is listed under the parent.
    app.product("Pan")
        .price_cents(1)
        .stock(1)
        .category(kitchen)
        .create_json(&staff);
    let listed = app
        .agent()
        .get(&format!("/api/v1/products?category={home}"))
        .json();
    assert_eq!(listed["total"], 1);
}

#[test]
fn inactive_products_are_for_staff_only() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let id = app
        .product("Old mug")
        .price_cents(1)
        .stock(1)
        .inactive()
        .create_json(&staff)["id"]
        .as_i64()
        .unwrap();
    app.product("New mug").price_cents(1).stock(1).create(&staff);
    let customer = app.token_agent("carla", Role::Customer);

    for viewer in [&app.agent(), &customer] {
        viewer
            .get(&format!("/api/v1/products/{id}"))
            .assert_status(Status::NotFound);
        let list = viewer.get("/api/v1/products?include_inactive=true").json();
        assert_eq!(list["total"], 1, "{list}");
    }
    staff
        .get(&format!("/api/v1/products/{id}"))
        .assert_status(Status::Ok);
    assert_eq!(staff.get("/api/v1/products").json()["total"], 1);
    assert_eq!(
        staff.get("/api/v1/products?include_inactive=true").json()["total"],
        2
    );
}

#[test]
fn images_are_checked_by_content_and_served_with_caching() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let id = app.product("Mug").price_cents(900).stock(3).create(&staff);
    let upload = format!("/api/v1/products/{id}/images");

    let (ct, body) = multipart(&[], "file", "mug.png", "image/png", TINY_PNG);
    let res = staff.request(Method::Post, &upload, Some(ct), Some(body));
    res.assert_status(Status::Created);
    let url = res.json()["url"].as_str().unwrap().to_string();
    let image_id = res.json()["id"].as_i64().unwrap();
    let version = tienda::domain::images::etag(TINY_PNG);
    assert_eq!(url, format!("/images/{image_id}/{version}"));

    let (ct, body) = multipart(
        &[],
        "file",
        "x.png",
        "image/png",
        b"just some text, not a picture",
    );
    let refused = staff.request(Method::Post, &upload, Some(ct), Some(body));
    refused.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        refused.field_errors("file"),
        ["must be a PNG, JPEG, WebP or GIF image"]
    );
    let (ct, body) = multipart(&[], "picture", "x.png", "image/png", TINY_PNG);
    staff
        .request(Method::Post, &upload, Some(ct), Some(body))
        .assert_status(Status::UnprocessableEntity);

    let shown = app.agent().get(&format!("/api/v1/products/{id}")).json();
    assert_eq!(shown["images"], json!([{"id": image_id, "url": url}]));
    let image = app.agent().get(&url);
    image.assert_status(Status::Ok);
    assert_eq!(image.header("Content-Type"), Some("image/png"));
    assert!(
        image
            .header("Cache-Control")
            .unwrap()
            .contains("max-age=31536000")
    );
    let etag = image.header("ETag").unwrap().to_string();
    let again = app.agent().request(Method::Get, &url, None, None);
    assert_eq!(again.header("ETag"), Some(etag.as_str()), "the ETag is stable");
    let req = app
        .client
        .get(url.clone())
        .header(rocket::http::Header::new("If-None-Match", etag))
        .dispatch();
    assert_eq!(req.status(), Status::NotModified);

    staff.archive(id);
    app.agent().get(&url).assert_status(Status::NotFound);
    staff.get(&url).assert_status(Status::Ok);

    staff
        .delete(&format!("/api/v1/products/{id}/images/{image_id}"))
        .assert_status(Status::NoContent);
    staff.get(&url).assert_status(Status::NotFound);
}

/// An upload of the bytes in `png`, as the API answers it: (id, url).
fn upload_image(staff: &Agent, product: i64, png: &[u8]) -> (i64, String) {
    let (ct, body) = multipart(&[], "file", "p.png", "image/png", png);
    let upload = format!("/api/v1/products/{product}/images");
    let res = staff.request(Method::Post, &upload, Some(ct), Some(body));
    res.assert_status(Status::Created);
    let json = res.json();
    (
        json["id"].as_i64().unwrap(),
        json["url"].as_str().unwrap().to_string(),
    )
}

#[test]
fn a_replaced_image_never_gets_the_old_images_url() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let id = app.product("Mug").price_cents(900).stock(3).create(&staff);
    let (old_id, old_url) = upload_image(&staff, id, TINY_PNG);
    staff
        .delete(&format!("/api/v1/products/{id}/images/{old_id}"))
        .assert_status(Status::NoContent);
    let other = png_of_size(2, 3);
    let (new_id, new_url) = upload_image(&staff, id, &other);
    // SQLite hands out the deleted row's id again: the URL must still differ.
    assert_eq!(new_id, old_id, "the id is reused, which is the case tested");
    assert_ne!(new_url, old_url);
    app.agent().get(&old_url).assert_status(Status::NotFound);

    let new = app.agent().get(&new_url);
    new.assert_status(Status::Ok);
    let other_etag = format!("\"{}\"", tienda::domain::images::etag(&other));
    assert_eq!(new.header("ETag"), Some(other_etag.as_str()));
    assert_eq!(
        new.header("Cache-Control"),
        Some("public, max-age=31536000, immutable")
    );
    // The old unversioned URL serves what the id is now, so it is revalidated.
    let plain = app.agent().get(&format!("/images/{new_id}"));
    plain.assert_status(Status::Ok);
    assert_eq!(plain.header("Cache-Control"), Some("no-cache"));
    assert_eq!(plain.header("ETag"), new.header("ETag"));
}

/// A valid PNG of `width` × `height` black pixels.
fn png_of_size(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    writer
        .write_image_data(&vec![0; (width * height) as usize])
        .unwrap();
    writer.finish().unwrap();
    out
}

/// TINY_PNG with its IHDR claiming `width` × `height` (and a CRC to match).
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = TINY_PNG.to_vec();
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    // The CRC covers the chunk's type and data: bytes 12..29.
    let mut crc = !0u32;
    for byte in &png[12..29] {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    png[29..33].copy_from_slice(&(!crc).to_be_bytes());
    png
}

#[test]
fn images_claiming_absurd_dimensions_are_refused() {
    assert_eq!(png_claiming(1, 1), TINY_PNG, "the CRC is computed right");
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let id = app.product("Mug").price_cents(900).stock(3).create(&staff);
    let upload = format!("/api/v1/products/{id}/images");

    for (width, height) in [(100_000, 100_000), (10_001, 1), (8_000, 6_000)] {
        let (ct, body) = multipart(&[], "file", "big.png", "image/png", &png_claiming(width, height));
        let res = staff.request(Method::Post, &upload, Some(ct), Some(body));
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(
            res.field_errors("file"),
            ["must be at most 10000 pixels on a side and 40 megapixels"],
            "{width} × {height}"
        );
    }
    assert_eq!(app.count("SELECT count(*) FROM product_images"), 0);

    let (ct, body) = multipart(&[], "file", "ok.png", "image/png", &png_claiming(10_000, 4_000));
    staff
        .request(Method::Post, &upload, Some(ct), Some(body))
        .assert_status(Status::Created);
}

#[test]
fn images_over_the_size_limit_are_refused() {
    let app = TestApp::with(|f| f.merge(("max_image_mb", 1)));
    let staff = app.token_agent("staff", Role::Staff);
    let id = app.product("Mug").price_cents(900).stock(3).create(&staff);
    let mut big = TINY_PNG.to_vec();
    big.resize(1024 * 1024 + 100, 0);
    let (ct, body) = multipart(&[], "file", "big.png", "image/png", &big);
    let res = staff.request(
        Method::Post,
        &format!("/api/v1/products/{id}/images"),
        Some(ct),
        Some(body),
    );
    assert!(
        res.status == Status::UnprocessableEntity || res.status == Status::PayloadTooLarge,
        "{}",
        res.body
    );
    assert!(res.body.contains("1 MB"), "{}", res.body);
    assert_eq!(app.count("SELECT count(*) FROM product_images"), 0);
}

#[test]
fn listings_follow_every_change_of_order_and_stock() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let a = app
        .product("Apple corer")
        .price_cents(500)
        .stock(1)
        .create(&staff);
    let b = app
        .product("Bread knife")
        .price_cents(300)
        .stock(1)
        .create(&staff);
    let names = |query: &str| -> Vec<String> {
        app.agent().get(&format!("/api/v1/products?{query}")).json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("sort=price"), ["Bread knife", "Apple corer"]);

    staff.json(
        Method::Patch,
        &format!("/api/v1/products/{b}"),
        json!({"price_cents": 900}),
    );
    assert_eq!(names("sort=price"), ["Apple corer", "Bread knife"]);
    staff.move_stock(a, -1, "damaged");
    assert_eq!(names("in_stock=true"), ["Bread knife"]);
    // A change made outside the server (the command line, say) shows too.
    app.db()
        .execute("UPDATE products SET name = 'Zester' WHERE id = ?1", [a])
        .unwrap();
    assert_eq!(names("sort=name"), ["Bread knife", "Zester"]);
    assert_eq!(names("sort=-price"), ["Bread knife", "Zester"]);
    assert_eq!(names("sort=newest"), ["Bread knife", "Zester"]);
}

#[test]
fn pages_are_stable_and_complete_when_prices_tie() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    for i in 0..45 {
        app.product(&format!("Same {}", i % 3))
            .price_cents(700)
            .stock(1)
            .create(&staff);
    }
    for sort in ["price", "-price", "name", "newest"] {
        let mut seen = Vec::new();
        for page in 1..=3 {
            let res = app
                .agent()
                .get(&format!("/api/v1/products?sort={sort}&per_page=20&page={page}"))
                .json();
            assert_eq!(res["total"], 45);
            seen.extend(
                res["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["id"].as_i64().unwrap()),
            );
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (45, 45), "{sort}");
    }
    let beyond = app.agent().get("/api/v1/products?page=400&per_page=100").json();
    assert_eq!(beyond["items"], json!([]));
    assert_eq!(beyond["total"], 45);
}

#[test]
fn search_matches_prefixes_and_survives_any_text() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    app.product("Laptop Pro 14")
        .description("A fast machine")
        .price_cents(129_900)
        .stock(2)
        .create_json(&staff);
    app.product("Laptop sleeve")
        .description("Felt sleeve for a laptop")
        .price_cents(2_900)
        .stock(9)
        .create_json(&staff);
    app.product("Desk lamp")
        .description("Warm light")
        .price_cents(4_900)
        .stock(1)
        .create_json(&staff);

    let found = app.agent().get("/api/v1/products?q=lapt").json();
    assert_eq!(found["total"], 2);
    let names = app.agent().get("/api/v1/products?q=fast%20lapt").json();
    assert_eq!(names["items"][0]["name"], "Laptop Pro 14");
    for hostile in [
        "%22",
        "(",
        "lapt%22",
        "NEAR(a%20b",
        "*",
        "a%20OR",
        ")))",
        "%5E",
        "-",
        "%00",
    ] {
        let res = app.agent().get(&format!("/api/v1/products?q={hostile}"));
        res.assert_status(Status::Ok);
    }
    let long = "a".repeat(5000);
    app.agent()
        .get(&format!("/api/v1/products?q={long}"))
        .assert_status(Status::Ok);
    let nothing = app.agent().get("/api/v1/products?q=%22%28%29").json();
    assert_eq!(nothing["total"], 0);
}

#[test]
fn bad_listing_parameters_are_422() {
    let app = TestApp::new();
    for query in [
        "category=abc",
        "min_price_cents=1.5",
        "max_price_cents=-3",
        "in_stock=maybe",
        "sort=cheapest",
        "per_page=500",
        "min_price_cents=10&max_price_cents=5",
    ] {
        let res = app.agent().get(&format!("/api/v1/products?{query}"));
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(res.error_code(), "validation_failed", "{query}");
    }
}

#[test]
fn an_older_database_upgrades_on_start_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = rusqlite::Connection::open(dir.path().join("tienda.db")).unwrap();
        tienda::db::migrate::migrate(&mut conn, &tienda::db::migrate::MIGRATIONS[..1]).unwrap();
        conn.execute(
            "INSERT INTO users (username, email, password_hash, role, created_at, updated_at)
             VALUES ('old', 'old@example.com', 'x', 'admin', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    let app = TestApp::in_dir(dir, |f| f);
    let version: i64 = app
        .db()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        tienda::db::migrate::latest(tienda::db::migrate::MIGRATIONS)
    );
    assert_eq!(app.count("SELECT count(*) FROM users WHERE username = 'old'"), 1);
    assert_eq!(app.count("SELECT count(*) FROM products"), 0);
    assert_eq!(app.setup_url(), None, "the old admin still counts");
}

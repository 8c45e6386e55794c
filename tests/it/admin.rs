//! The back office's HTML pages: who may open them, the product, category
//! and supplier forms, stock adjustments, image uploads, deletes, escaping.

use rocket::http::{ContentType, Method, Status};
use serde_json::json;

use crate::helpers::{Agent, FilePart, TINY_PNG, TestApp, csrf_token, field_error, multipart};
use tienda::auth::Role;

const XSS: &str = "<script>alert(1)</script>";

fn png(file_name: &str) -> FilePart<'_> {
    FilePart {
        field: "file",
        file_name,
        content_type: "image/png",
        bytes: TINY_PNG,
    }
}

#[track_caller]
fn assert_field_error(html: &str, field: &str, message: &str) {
    assert_eq!(
        field_error(html, field).as_deref(),
        Some(message),
        "the message next to {field}"
    );
}

fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .strip_prefix(prefix)
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not {prefix}<id>: {location}"))
}

/// Creates a product through the form and gives its id.
fn create_product(agent: &Agent<'_>, fields: &[(&str, &str)]) -> i64 {
    let res = agent.submit("/admin/products/new", "/admin/products", fields);
    res.assert_status(Status::SeeOther);
    id_after(res.location(), "/admin/products/")
}

/// A product with a price of 5.00 and one in stock.
fn simple_product(agent: &Agent<'_>, name: &str) -> i64 {
    create_product(agent, &[("name", name), ("price", "5"), ("stock", "1")])
}

fn create_category(app: &TestApp, agent: &Agent<'_>, name: &str, parent: Option<i64>) -> i64 {
    let parent = parent.map(|p| p.to_string()).unwrap_or_default();
    agent
        .submit(
            "/admin/categories/new",
            "/admin/categories",
            &[("name", name), ("parent_id", &parent)],
        )
        .assert_status(Status::SeeOther);
    app.db()
        .query_row("SELECT id FROM categories WHERE name = ?1", [name], |r| r.get(0))
        .expect("the category is stored")
}

fn create_supplier(app: &TestApp, agent: &Agent<'_>, name: &str) -> i64 {
    agent
        .submit("/admin/suppliers/new", "/admin/suppliers", &[("name", name)])
        .assert_status(Status::SeeOther);
    app.db()
        .query_row("SELECT id FROM suppliers WHERE name = ?1", [name], |r| r.get(0))
        .expect("the supplier is stored")
}

/// Uploads `file` through the product page's form.
fn upload(agent: &Agent<'_>, product: i64, file: &FilePart<'_>) -> crate::helpers::Resp {
    let page = format!("/admin/products/{product}");
    let action = format!("{page}/images");
    let token = csrf_token(&agent.get(&page).body, &action);
    agent.post_multipart(&action, &[("_csrf", &token)], file)
}

fn product_row(app: &TestApp, id: i64) -> (String, i64, i64, bool) {
    app.db()
        .query_row(
            "SELECT name, price_cents, stock, active FROM products WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("the product is stored")
}

fn user_id(app: &TestApp, username: &str) -> i64 {
    app.db()
        .query_row("SELECT id FROM users WHERE username = ?1", [username], |r| {
            r.get(0)
        })
        .expect("the user exists")
}

/// Every back-office page, for a catalog with one of each thing.
fn pages(product: i64, category: i64, supplier: i64) -> Vec<String> {
    vec![
        "/admin".into(),
        "/admin/products".into(),
        "/admin/products?q=boot&category=1&active_only=on&page=1".into(),
        "/admin/products/new".into(),
        format!("/admin/products/{product}"),
        format!("/admin/products/{product}?page=1"),
        format!("/admin/products/{product}/edit"),
        format!("/admin/products/{product}/delete"),
        "/admin/categories".into(),
        "/admin/categories/new".into(),
        format!("/admin/categories/{category}/edit"),
        format!("/admin/categories/{category}/delete"),
        "/admin/suppliers".into(),
        "/admin/suppliers?q=ac&page=1".into(),
        "/admin/suppliers/new".into(),
        format!("/admin/suppliers/{supplier}/edit"),
        format!("/admin/suppliers/{supplier}/delete"),
    ]
}

/// Every back-office form's action (urlencoded ones; the upload is apart).
fn actions(product: i64, category: i64, supplier: i64, image: i64) -> Vec<String> {
    vec![
        "/admin/products".into(),
        format!("/admin/products/{product}/edit"),
        format!("/admin/products/{product}/stock"),
        format!("/admin/products/{product}/images/{image}/move"),
        format!("/admin/products/{product}/images/{image}/delete"),
        format!("/admin/products/{product}/delete"),
        "/admin/categories".into(),
        format!("/admin/categories/{category}/edit"),
        format!("/admin/categories/{category}/delete"),
        "/admin/suppliers".into(),
        format!("/admin/suppliers/{supplier}/edit"),
        format!("/admin/suppliers/{supplier}/delete"),
    ]
}

/// A catalog with one category, supplier, product and image, made by an admin.
fn one_of_each(app: &TestApp) -> (i64, i64, i64, i64) {
    let admin = app.signed_in("ada", Role::Admin);
    let category = create_category(app, &admin, "Shoes", None);
    let supplier = create_supplier(app, &admin, "Acme");
    let (c, s) = (category.to_string(), supplier.to_string());
    let product = create_product(
        &admin,
        &[
            ("name", "Boot"),
            ("price", "10"),
            ("stock", "3"),
            ("category_id", &c),
            ("supplier_id", &s),
            ("active", "on"),
        ],
    );
    upload(&admin, product, &png("boot.png")).assert_status(Status::SeeOther);
    let image = app.count("SELECT max(id) FROM product_images");
    (product, category, supplier, image)
}

fn login_redirect(path: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("/login?next={next}")
}

#[test]
fn anonymous_visitors_are_sent_to_sign_in_from_every_page_and_form() {
    let app = TestApp::new();
    let (product, category, supplier, image) = one_of_each(&app);
    let anonymous = app.agent();

    for page in pages(product, category, supplier) {
        let res = anonymous.get(&page);
        assert_eq!(res.status, Status::SeeOther, "{page}");
        assert_eq!(res.location(), login_redirect(&page), "{page}");
    }
    for action in actions(product, category, supplier, image) {
        let res = anonymous.post_form(&action, &[("name", "Hacked"), ("price", "1")]);
        assert_eq!(res.status, Status::SeeOther, "{action}");
        assert_eq!(res.location(), login_redirect(&action), "{action}");
    }
    let upload = format!("/admin/products/{product}/images");
    let res = anonymous.post_multipart(&upload, &[], &png("x.png"));
    assert_eq!(res.location(), login_redirect(&upload));

    let signed_in = anonymous.get(&login_redirect("/admin/products"));
    signed_in.assert_status(Status::Ok);
    assert!(signed_in.body.contains("value=\"&#x2F;admin&#x2F;products\""));
    assert_eq!(app.count("SELECT count(*) FROM product_images"), 1);
}

#[test]
fn customers_are_refused_every_page_and_form_and_nothing_changes() {
    let app = TestApp::new();
    let (product, category, supplier, image) = one_of_each(&app);
    let customer = app.signed_in("cleo", Role::Customer);
    // A token that is valid for the customer's session: the refusal is
    // about the role, not the form.
    let token = csrf_token(&customer.get("/").body, "/logout");

    for page in pages(product, category, supplier) {
        let res = customer.get(&page);
        assert_eq!(res.status, Status::Forbidden, "{page}");
        assert!(res.body.contains("Not allowed"), "{page}");
    }
    let fields = [
        ("_csrf", token.as_str()),
        ("name", "Hacked"),
        ("price", "1"),
        ("stock", "1"),
        ("delta", "5"),
        ("reason", "restock"),
        ("direction", "down"),
    ];
    for action in actions(product, category, supplier, image) {
        let res = customer.post_form(&action, &fields);
        assert_eq!(res.status, Status::Forbidden, "{action}");
    }
    let res = customer.post_multipart(
        &format!("/admin/products/{product}/images"),
        &[("_csrf", &token)],
        &png("x.png"),
    );
    res.assert_status(Status::Forbidden);

    assert_eq!(product_row(&app, product), ("Boot".into(), 1000, 3, true));
    assert_eq!(app.count("SELECT count(*) FROM products"), 1);
    assert_eq!(
        app.count("SELECT count(*) FROM categories WHERE name = 'Shoes'"),
        1
    );
    assert_eq!(app.count("SELECT count(*) FROM suppliers WHERE name = 'Acme'"), 1);
    assert_eq!(app.count("SELECT count(*) FROM product_images"), 1);
    assert_eq!(app.count("SELECT count(*) FROM stock_movements"), 1);
}

#[test]
fn staff_and_admins_open_every_page() {
    let app = TestApp::new();
    let (product, category, supplier, _) = one_of_each(&app);
    app.create_user("stan", Role::Staff);
    let staff = app.agent();
    staff.login("stan", crate::helpers::PASSWORD);
    let admin = app.agent();
    admin.login("ada", crate::helpers::PASSWORD);

    for agent in [&staff, &admin] {
        for page in pages(product, category, supplier) {
            let res = agent.get(&page);
            assert_eq!(res.status, Status::Ok, "{page}: {}", res.body);
            assert!(res.body.contains("href=\"/static/admin.css\""), "{page}");
            assert!(res.body.contains("class=\"admin-nav\""), "{page}");
        }
    }
    assert!(
        staff.get("/").body.contains("href=\"/admin\""),
        "the layout links here"
    );
}

#[test]
fn staff_forms_without_a_csrf_token_are_refused() {
    let app = TestApp::new();
    let (product, category, supplier, image) = one_of_each(&app);
    let staff = app.signed_in("stan", Role::Staff);

    for action in actions(product, category, supplier, image) {
        let res = staff.post_form(
            &action,
            &[("name", "Hacked"), ("delta", "5"), ("reason", "restock")],
        );
        assert_eq!(res.status, Status::Forbidden, "{action}");
        let wrong = staff.post_form(&action, &[("_csrf", "not-the-token"), ("name", "Hacked")]);
        assert_eq!(wrong.status, Status::Forbidden, "{action}");
    }
    assert_eq!(product_row(&app, product), ("Boot".into(), 1000, 3, true));
    assert_eq!(app.count("SELECT count(*) FROM categories"), 1);
    assert_eq!(app.count("SELECT count(*) FROM suppliers"), 1);
    assert_eq!(app.count("SELECT count(*) FROM product_images"), 1);
}

#[test]
fn the_dashboard_counts_the_catalog() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    create_category(&app, &staff, "Shoes", None);
    create_supplier(&app, &staff, "Acme");
    create_product(
        &staff,
        &[("name", "Few"), ("price", "1"), ("stock", "5"), ("active", "on")],
    );
    create_product(&staff, &[("name", "Hidden"), ("price", "1"), ("stock", "0")]);
    create_product(
        &staff,
        &[("name", "Many"), ("price", "1"), ("stock", "6"), ("active", "on")],
    );

    let page = staff.get("/admin");

    page.assert_status(Status::Ok);
    for (id, count) in [
        ("count-products", 3),
        ("count-inactive", 1),
        ("count-low-stock", 2),
        ("count-categories", 1),
        ("count-suppliers", 1),
    ] {
        assert!(
            page.body.contains(&format!("id=\"{id}\">{count}<")),
            "{id}: {}",
            page.body
        );
    }
    for link in ["/admin/products/new", "/admin/categories", "/admin/suppliers"] {
        assert!(page.body.contains(&format!("href=\"{link}\"")), "{link}");
    }
}

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
        assert!(res.body.contains("value=\"Mug\""), "the name is kept");
        assert!(
            res.body.contains(&format!("value=\"{bad}\"")),
            "the price is kept"
        );
        assert!(res.body.contains(">Big</textarea>"), "the description is kept");
    }
    assert_eq!(app.count("SELECT count(*) FROM products"), 0);

    for (text, cents) in [("12.34", 1234), ("12", 1200), ("0.5", 50)] {
        let id = create_product(&staff, &[("name", "Mug"), ("price", text), ("stock", "0")]);
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
    assert_field_error(&res.body, "stock", "Opening stock must be &gt;= 0.");
    assert!(res.body.contains("value=\"has space\""));
    assert!(res.body.contains("value=\"-3\""));
    assert!(res.body.contains("name=\"active\" id=\"active\" checked"));

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
    let category = create_category(&app, &staff, "Kitchen", None).to_string();
    let supplier = create_supplier(&app, &staff, "Potters").to_string();

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
    assert_eq!(page.body.matches("class=\"movement\"").count(), 1);
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
    let kitchen = create_category(&app, &staff, "Kitchen", None).to_string();
    let id = create_product(
        &staff,
        &[
            ("name", "Mug"),
            ("price", "12.34"),
            ("stock", "7"),
            ("category_id", &kitchen),
            ("active", "on"),
        ],
    );
    create_product(
        &staff,
        &[("name", "Cup"), ("sku", "CUP"), ("price", "1"), ("stock", "0")],
    );
    let edit = format!("/admin/products/{id}/edit");

    let form = staff.get(&edit);
    form.assert_status(Status::Ok);
    assert!(form.body.contains("value=\"12.34\""));
    assert!(
        form.body
            .contains(&format!("<option value=\"{kitchen}\" selected>Kitchen</option>"))
    );
    assert!(
        !form.body.contains("name=\"stock\""),
        "stock changes by adjustments only"
    );
    assert!(form.body.contains("name=\"active\" id=\"active\" checked"));

    let bad = staff.submit(
        &edit,
        &edit,
        &[("name", "Big mug"), ("price", "1.234"), ("sku", "cup")],
    );
    bad.assert_status(Status::UnprocessableEntity);
    assert_field_error(&bad.body, "price", "Price must have at most two decimals.");
    assert!(bad.body.contains("value=\"Big mug\""));
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
    assert!(page.body.contains("badge-inactive"));
    assert!(!page.body.contains("Kitchen"), "the category was cleared");
}

#[test]
fn a_stock_adjustment_is_recorded_with_who_why_and_the_stock_after() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = create_product(&staff, &[("name", "Mug"), ("price", "5"), ("stock", "5")]);
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
            user_id(&app, "stan"),
            "dropped <b>2</b>".into(),
            3
        )
    );
    assert_eq!(product_row(&app, id).2, 3);

    let shown = staff.get(&page);
    assert!(shown.body.contains("The stock is now 3."));
    assert!(shown.body.contains("id=\"stock-now\">3<"));
    let history = &shown.body[shown.body.find("id=\"history\"").unwrap()..];
    assert_eq!(history.matches("class=\"movement\"").count(), 2);
    let newest = &history[history.find("class=\"movement\"").unwrap()..];
    for cell in [
        ">-2<",
        ">damaged<",
        ">stan<",
        ">dropped &lt;b&gt;2&lt;&#x2F;b&gt;<",
        ">3<",
    ] {
        assert!(newest.contains(cell), "{cell} in {newest}");
    }
    assert!(
        newest.find(">damaged<") < newest.find(">initial<"),
        "newest first"
    );

    staff
        .submit(&page, &action, &[("delta", "+4"), ("reason", "restock")])
        .assert_status(Status::SeeOther);
    assert_eq!(product_row(&app, id).2, 7);
}

#[test]
fn an_adjustment_below_zero_is_refused_and_changes_nothing() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = create_product(&staff, &[("name", "Mug"), ("price", "5"), ("stock", "3")]);
    let page = format!("/admin/products/{id}");
    let action = format!("{page}/stock");

    let res = staff.submit(
        &page,
        &action,
        &[("delta", "-4"), ("reason", "adjustment"), ("note", "count")],
    );

    res.assert_status(Status::Conflict);
    assert!(
        res.body
            .contains("the stock would go below zero: there are 3 in stock"),
        "{}",
        res.body
    );
    assert!(res.body.contains("value=\"-4\""), "the typed change is kept");
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
    let id = simple_product(&staff, "Mug");
    for _ in 0..21 {
        staff
            .post_json(
                &format!("/api/v1/products/{id}/stock"),
                json!({"delta": 1, "reason": "restock"}),
            )
            .assert_status(Status::Ok);
    }

    let first = staff.get(&format!("/admin/products/{id}"));
    assert_eq!(first.body.matches("class=\"movement\"").count(), 20);
    assert!(first.body.contains("href=\"?page=2\""));
    let second = staff.get(&format!("/admin/products/{id}?page=2"));
    assert_eq!(second.body.matches("class=\"movement\"").count(), 2);
    assert!(second.body.contains(">initial<"));
}

#[test]
fn an_uploaded_png_is_stored_and_shown() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = simple_product(&staff, "Mug");

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
    assert!(page.body.contains(&format!("<img src=\"/images/{image}\"")));
    let served = staff.get(&format!("/images/{image}"));
    served.assert_status(Status::Ok);
    assert_eq!(served.header("Content-Type"), Some("image/png"));
}

#[test]
fn a_file_that_is_not_an_image_is_refused_next_to_the_field() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let id = simple_product(&staff, "Mug");
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
    let id = simple_product(&staff, "Mug");
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
    let id = simple_product(&staff, "Mug");
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
    let shown = staff.get(&page).body;
    assert!(shown.find(&format!("/images/{c}\"")) < shown.find(&format!("/images/{a}\"")));

    staff
        .submit(&page, &format!("{page}/images/{a}/delete"), &[])
        .assert_status(Status::SeeOther);
    assert_eq!(order(), [c, b]);
    assert!(staff.get(&page).body.contains("The image is deleted."));

    // An image of another product is not this product's to move or delete.
    let other = simple_product(&staff, "Cup");
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
    let id = simple_product(&staff, "Mug");
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
fn a_category_with_products_is_not_deleted() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let shoes = create_category(&app, &staff, "Shoes", None);
    let empty = create_category(&app, &staff, "Empty", None);
    let s = shoes.to_string();
    create_product(
        &staff,
        &[
            ("name", "Boot"),
            ("price", "5"),
            ("stock", "1"),
            ("category_id", &s),
        ],
    );
    let confirm = format!("/admin/categories/{shoes}/delete");

    let res = staff.submit(&confirm, &confirm, &[]);

    res.assert_status(Status::Conflict);
    assert!(
        res.body
            .contains("the category still has 1 products and 0 subcategories; move them first"),
        "{}",
        res.body
    );
    assert_eq!(app.count("SELECT count(*) FROM categories"), 2);

    let confirm = format!("/admin/categories/{empty}/delete");
    assert!(staff.get(&confirm).body.contains("Delete this category?"));
    let res = staff.submit(&confirm, &confirm, &[]);
    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), "/admin/categories");
    assert!(
        staff
            .get("/admin/categories")
            .body
            .contains("The category is deleted.")
    );
    assert_eq!(app.count("SELECT count(*) FROM categories"), 1);
}

#[test]
fn a_supplier_is_deleted_after_confirmation_and_its_products_stay() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let acme = create_supplier(&app, &staff, "Acme");
    let s = acme.to_string();
    let id = create_product(
        &staff,
        &[
            ("name", "Boot"),
            ("price", "5"),
            ("stock", "1"),
            ("supplier_id", &s),
        ],
    );
    let confirm = format!("/admin/suppliers/{acme}/delete");

    let page = staff.get(&confirm);
    assert!(page.body.contains("Delete this supplier?"));
    assert!(
        page.body
            .contains("Its 1 products stay in the catalog, without a supplier.")
    );
    let res = staff.submit(&confirm, &confirm, &[]);

    res.assert_status(Status::SeeOther);
    assert_eq!(res.location(), "/admin/suppliers");
    assert!(
        staff
            .get("/admin/suppliers")
            .body
            .contains("The supplier is deleted.")
    );
    assert_eq!(app.count("SELECT count(*) FROM suppliers"), 0);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM products WHERE id = {id} AND supplier_id IS NULL"
        )),
        1
    );
}

#[test]
fn the_product_list_searches_filters_and_pages() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let shoes = create_category(&app, &staff, "Shoes", None);
    let boots = create_category(&app, &staff, "Boots", Some(shoes));
    let hats = create_category(&app, &staff, "Hats", None);
    let add = |name: &str, category: Option<i64>, active: bool| {
        staff
            .post_json(
                "/api/v1/products",
                json!({"name": name, "price_cents": 100, "stock": 1, "category_id": category, "active": active}),
            )
            .assert_status(Status::Created);
    };
    add("Red boot", Some(boots), true);
    add("Old shoe", Some(shoes), false);
    add("Blue hat", Some(hats), true);
    for n in 0..22 {
        add(&format!("Plain sock {n:02}"), None, true);
    }
    let rows = |body: &str| body.matches("class=\"product-name\"").count();

    let all = staff.get("/admin/products");
    assert_eq!(rows(&all.body), 20);
    assert!(all.body.contains("Page 1 of 2 · 25 in all"));
    assert!(all.body.contains("href=\"?page=2\""));
    assert_eq!(rows(&staff.get("/admin/products?page=2").body), 5);

    let shoes_page = staff.get(&format!("/admin/products?category={shoes}"));
    assert_eq!(rows(&shoes_page.body), 2, "the category and its subcategories");
    assert!(shoes_page.body.contains("Red boot") && shoes_page.body.contains("Old shoe"));
    assert!(!shoes_page.body.contains("Blue hat"));
    let old = &shoes_page.body[shoes_page.body.find("Old shoe").unwrap()..];
    assert!(old[..200].contains("badge-inactive"), "inactive ones are marked");
    assert!(
        shoes_page
            .body
            .contains(&format!("<option value=\"{shoes}\" selected>Shoes</option>"))
    );

    let active = staff.get(&format!("/admin/products?category={shoes}&active_only=on"));
    assert_eq!(rows(&active.body), 1);
    assert!(!active.body.contains("Old shoe"));

    let socks = staff.get("/admin/products?q=sock");
    assert_eq!(rows(&socks.body), 20);
    assert!(
        socks.body.contains("href=\"?q=sock&amp;page=2\""),
        "page links keep the search"
    );
    assert_eq!(rows(&staff.get("/admin/products?q=sock&page=2").body), 2);
    let hat = staff.get("/admin/products?q=hat");
    assert_eq!(rows(&hat.body), 1);
    assert!(hat.body.contains("value=\"hat\""));
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
fn categories_show_as_a_tree_and_cannot_move_under_themselves() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let shoes = create_category(&app, &staff, "Shoes", None);
    let boots = create_category(&app, &staff, "Boots", Some(shoes));
    let winter = create_category(&app, &staff, "Winter boots", Some(boots));
    create_category(&app, &staff, "Hats", None);
    let b = boots.to_string();
    create_product(
        &staff,
        &[
            ("name", "Boot"),
            ("price", "5"),
            ("stock", "1"),
            ("category_id", &b),
            ("active", "on"),
        ],
    );
    create_product(
        &staff,
        &[
            ("name", "Old boot"),
            ("price", "5"),
            ("stock", "1"),
            ("category_id", &b),
        ],
    );

    let list = staff.get("/admin/categories").body;
    let at = |name: &str| {
        list.find(&format!(">{name}</a>"))
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert!(at("Hats") < at("Shoes") && at("Shoes") < at("Boots") && at("Boots") < at("Winter boots"));
    assert!(list.contains(&format!(
        "<td class=\"depth-1\"><span class=\"tree-mark\" aria-hidden=\"true\">└</span> <a href=\"/admin/products?category={boots}\""
    )));
    assert!(list.contains("<td class=\"depth-2\">"));
    let boots_row = &list[at("Boots")..];
    assert!(boots_row.contains("<td class=\"num\">2</td>\n          <td class=\"num\">1</td>"));

    let edit = format!("/admin/categories/{boots}/edit");
    let form = staff.get(&edit).body;
    assert!(form.contains(&format!("<option value=\"{shoes}\" selected>Shoes</option>")));
    assert!(
        !form.contains(&format!("<option value=\"{boots}\"")),
        "not itself"
    );
    assert!(
        !form.contains(&format!("<option value=\"{winter}\"")),
        "nor below itself"
    );

    let w = winter.to_string();
    let res = staff.submit(&edit, &edit, &[("name", "Boots"), ("parent_id", &w)]);
    res.assert_status(Status::UnprocessableEntity);
    assert_field_error(
        &res.body,
        "parent_id",
        "Parent cannot be the category itself or one of its subcategories.",
    );
    let res = staff.submit(&edit, &edit, &[("name", "Hats"), ("parent_id", "")]);
    res.assert_status(Status::UnprocessableEntity);
    assert_field_error(
        &res.body,
        "name",
        "Name is already used by another category here.",
    );
    let res = staff.submit(&edit, &edit, &[("name", "  "), ("parent_id", "")]);
    assert_field_error(&res.body, "name", "Name is required.");

    let res = staff.submit(&edit, &edit, &[("name", "Boots & more"), ("parent_id", "")]);
    res.assert_status(Status::SeeOther);
    assert!(
        staff
            .get("/admin/categories")
            .body
            .contains("The category “Boots &amp; more” is saved.")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM categories WHERE id = {boots} AND parent_id IS NULL"
        )),
        1
    );
}

#[test]
fn suppliers_are_searched_paged_created_and_edited() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);

    let bad = staff.submit(
        "/admin/suppliers/new",
        "/admin/suppliers",
        &[("name", "Acme"), ("contact", "Ana"), ("email", "not-an-address")],
    );
    bad.assert_status(Status::UnprocessableEntity);
    assert_field_error(&bad.body, "email", "E-mail must be a valid e-mail address.");
    assert!(bad.body.contains("value=\"Ana\""));
    assert_eq!(app.count("SELECT count(*) FROM suppliers"), 0);

    let acme = create_supplier(&app, &staff, "Acme");
    for n in 0..21 {
        staff
            .post_json("/api/v1/suppliers", json!({"name": format!("Wholesale {n:02}")}))
            .assert_status(Status::Created);
    }
    let rows = |body: &str| body.matches("class=\"supplier-name\"").count();
    let list = staff.get("/admin/suppliers");
    assert_eq!(rows(&list.body), 20);
    assert!(list.body.contains("href=\"?page=2\""));
    let search = staff.get("/admin/suppliers?q=whole");
    assert_eq!(rows(&search.body), 20);
    assert!(search.body.contains("href=\"?q=whole&amp;page=2\""));
    assert_eq!(rows(&staff.get("/admin/suppliers?q=whole&page=2").body), 1);
    assert_eq!(rows(&staff.get("/admin/suppliers?q=acm").body), 1);

    let edit = format!("/admin/suppliers/{acme}/edit");
    let taken = staff.submit(&edit, &edit, &[("name", "wholesale 03")]);
    taken.assert_status(Status::UnprocessableEntity);
    assert_field_error(&taken.body, "name", "Name is already used by another supplier.");
    let res = staff.submit(
        &edit,
        &edit,
        &[
            ("name", "Acme Ltd"),
            ("contact", "Ana"),
            ("phone", "+34 600"),
            ("email", "ana@acme.example"),
        ],
    );
    res.assert_status(Status::SeeOther);
    let form = staff.get(&edit).body;
    assert!(form.contains("value=\"Acme Ltd\"") && form.contains("value=\"+34 600\""));
    let cleared = staff.submit(&edit, &edit, &[("name", "Acme Ltd"), ("phone", " ")]);
    cleared.assert_status(Status::SeeOther);
    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM suppliers WHERE id = {acme} AND phone IS NULL AND contact IS NULL"
        )),
        1
    );
}

#[test]
fn a_product_named_like_a_script_is_escaped_on_every_page() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    // Category names may not hold '>' (CSV paths use it), so this one is
    // only half a tag; `<script` must still never appear raw.
    let category = create_category(&app, &staff, "Hats <script", None).to_string();
    let supplier = create_supplier(&app, &staff, XSS).to_string();
    let res = staff.submit(
        "/admin/products/new",
        "/admin/products",
        &[
            ("name", XSS),
            ("sku", "<b>"),
            ("description", XSS),
            ("price", "1"),
            ("stock", "1"),
            ("category_id", &category),
            ("supplier_id", &supplier),
            ("active", "on"),
        ],
    );
    let id = id_after(res.location(), "/admin/products/");
    staff
        .submit(
            &format!("/admin/products/{id}"),
            &format!("/admin/products/{id}/stock"),
            &[("delta", "1"), ("reason", "restock"), ("note", XSS)],
        )
        .assert_status(Status::SeeOther);
    let escaped = "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;";
    let category_escaped = "Hats &lt;script";

    // Each page, and what it must show escaped: the product's name, or
    // the category's or supplier's on their own pages.
    let mut answers = vec![];
    for (page, shown) in [
        ("/admin/products".to_string(), escaped),
        ("/admin/products?q=alert".into(), escaped),
        (format!("/admin/products?category={category}"), escaped),
        (format!("/admin/products/{id}"), escaped),
        (format!("/admin/products/{id}/edit"), escaped),
        (format!("/admin/products/{id}/delete"), escaped),
        ("/admin/products/new".into(), escaped),
        ("/admin/products/new".into(), category_escaped),
        ("/admin/categories".into(), category_escaped),
        (format!("/admin/categories/{category}/edit"), category_escaped),
        (format!("/admin/categories/{category}/delete"), category_escaped),
        ("/admin/suppliers".into(), escaped),
        (format!("/admin/suppliers/{supplier}/edit"), escaped),
        (format!("/admin/suppliers/{supplier}/delete"), escaped),
    ] {
        let res = staff.get(&page);
        res.assert_status(Status::Ok);
        answers.push((page, shown, res.body));
    }
    let edit = format!("/admin/products/{id}/edit");
    let failed = staff.submit(&edit, &edit, &[("name", XSS), ("price", "x")]);
    failed.assert_status(Status::UnprocessableEntity);
    answers.push(("the edit form with an error".into(), escaped, failed.body));
    let below = staff.submit(
        &format!("/admin/products/{id}"),
        &format!("/admin/products/{id}/stock"),
        &[("delta", "-5"), ("reason", "damaged"), ("note", XSS)],
    );
    below.assert_status(Status::Conflict);
    answers.push(("the refused adjustment".into(), escaped, below.body));

    for (page, shown, body) in answers {
        assert!(!body.contains("<script"), "{page}: {body}");
        assert!(!body.contains("<b>"), "{page}");
        assert!(body.contains(shown), "{page} shows {shown}: {body}");
    }
}

#[test]
fn no_back_office_form_answers_500_to_garbage() {
    let app = TestApp::new();
    let (product, category, supplier, image) = one_of_each(&app);
    let staff = app.signed_in("stan", Role::Staff);
    let token = csrf_token(&staff.get("/admin/products/new").body, "/admin/products");
    // A file under another name: the form has no `file`.
    let (multipart_type, multipart_body) =
        multipart(&[("_csrf", &token)], "other", "x.png", "image/png", TINY_PNG);
    let bodies: Vec<(Option<ContentType>, Vec<u8>)> = vec![
        (None, vec![]),
        (Some(ContentType::Form), format!("_csrf={token}").into_bytes()),
        (
            Some(ContentType::Form),
            format!(
                "_csrf={token}&name=%ff%fe&price=%00&stock=99999999999999999999&delta=-99999999999999999999"
            )
            .into_bytes(),
        ),
        (
            Some(ContentType::Form),
            format!("_csrf={token}&name=a&name=b&direction=sideways&parent_id=-1&category_id=1e9")
                .into_bytes(),
        ),
        (Some(ContentType::Form), vec![0xff, b'=', 0xfe]),
        (Some(ContentType::JSON), b"{\"name\": 1}".to_vec()),
        (Some(multipart_type), multipart_body),
        (Some(ContentType::Binary), vec![0; 100]),
    ];
    let mut routes = actions(product, category, supplier, image);
    routes.push(format!("/admin/products/{product}/images"));
    routes.extend(["/admin/products/x/edit".into(), "/admin/products/0/stock".into()]);
    routes.push("/admin/products/99/images/99/move".into());
    for route in routes {
        for (content_type, body) in &bodies {
            let res = staff.request(Method::Post, &route, content_type.clone(), Some(body.clone()));
            assert!(
                res.status != Status::InternalServerError,
                "{route} with {content_type:?} answered 500: {}",
                res.body
            );
        }
    }
    for page in [
        "/admin/products?page=0",
        "/admin/products?page=x",
        "/admin/suppliers?page=-1",
        "/admin/products/1?page=abc",
    ] {
        let res = staff.get(page);
        assert_ne!(res.status, Status::InternalServerError, "{page}");
    }
}

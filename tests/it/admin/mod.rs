//! The back office's HTML pages, one module per area of `web::admin`. Here:
//! who may open them, the dashboard, escaping everywhere, and garbage sent
//! to every form; the fixtures the areas share.

mod categories;
mod coupons;
mod orders;
mod products;
mod reports;
mod reviews;
mod settings;
mod spanish;
mod suppliers;
mod transfer;
mod users;

use rocket::http::{ContentType, Method, Status};

use crate::helpers::{
    Agent, FilePart, PASSWORD, Resp, TINY_PNG, TestApp, csrf_token, field_error, id_after, multipart,
};
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

/// Uploads `file` through the product page's form.
fn upload(agent: &Agent<'_>, product: i64, file: &FilePart<'_>) -> Resp {
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
    let category = app.category("Shoes").create_with_form(&admin);
    let supplier = app.supplier("Acme").create_with_form(&admin);
    let product = app
        .product("Boot")
        .price_cents(1000)
        .stock(3)
        .category(category)
        .supplier(supplier)
        .create_with_form(&admin);
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
    assert!(signed_in.page().has("input[value=\"/admin/products\"]"));
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
    let staff = app.signed_in_with_form("stan", Role::Staff);
    let admin = app.agent();
    admin.login("ada", PASSWORD);

    for agent in [&staff, &admin] {
        for page in pages(product, category, supplier) {
            let res = agent.get(&page);
            assert_eq!(res.status, Status::Ok, "{page}: {}", res.body);
            let html = res.page();
            assert!(html.has("[href=\"/static/admin.css\"]"), "{page}");
            assert!(html.has(".admin-nav"), "{page}");
        }
    }
    assert!(staff.page("/").has("[href=\"/admin\"]"), "the layout links here");
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
    app.category("Shoes").create_with_form(&staff);
    app.supplier("Acme").create_with_form(&staff);
    app.product("Few")
        .price_cents(100)
        .stock(5)
        .create_with_form(&staff);
    app.product("Hidden")
        .price_cents(100)
        .stock(0)
        .inactive()
        .create_with_form(&staff);
    app.product("Many")
        .price_cents(100)
        .stock(6)
        .create_with_form(&staff);

    let page = staff.page("/admin");

    for (id, count) in [
        ("count-products", 3),
        ("count-inactive", 1),
        ("count-low-stock", 2),
        ("count-categories", 1),
        ("count-suppliers", 1),
    ] {
        assert_eq!(
            page.select_text(&format!("#{id}")),
            Some(count.to_string()),
            "{id}"
        );
    }
    for link in ["/admin/products/new", "/admin/categories", "/admin/suppliers"] {
        assert!(page.has(&format!("[href=\"{link}\"]")), "{link}");
    }
}

#[test]
fn a_product_named_like_a_script_is_escaped_on_every_page() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    // Category names may not hold '>' (CSV paths use it), so this one is
    // only half a tag; `<script` must still never appear raw.
    let category = app.category("Hats <script").create_with_form(&staff).to_string();
    let supplier = app.supplier(XSS).create_with_form(&staff).to_string();
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

//! CSV import and export through JSON and the command line, the demo shop
//! and generated catalogs (the back office's page is in `admin::transfer`).

use rocket::http::{ContentType, Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Agent, TestApp};
use crate::process::tienda;
use tienda::auth::Role;

fn import(agent: &Agent<'_>, csv: &str) -> Value {
    let res = agent.request(
        Method::Post,
        "/api/v1/import/products",
        Some(ContentType::CSV),
        Some(csv.as_bytes().to_vec()),
    );
    res.assert_status(Status::Ok);
    res.json()
}

pub(crate) const GOOD: &str = "sku,name,description,price,stock,category,supplier,active
MUG-1,Mug,\"A mug, big\",12.50,10,Home > Kitchen,Acme,true
PEN-1,Pen,,0.5,0,Office,,false
";

#[test]
fn an_import_creates_products_with_their_categories_and_suppliers() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);

    let report = import(&staff, GOOD);

    assert_eq!(report, json!({"created": 2, "updated": 0, "errors": []}));
    let mug = staff.get("/api/v1/products?q=mug").json()["items"][0].clone();
    assert_eq!(mug["price_cents"], 1250);
    assert_eq!(mug["description"], "A mug, big");
    assert_eq!(mug["category"]["name"], "Kitchen");
    assert_eq!(app.count("SELECT count(*) FROM categories"), 3);
    assert_eq!(
        app.count("SELECT count(*) FROM categories WHERE name = 'Kitchen' AND parent_id IS NOT NULL"),
        1
    );
    assert_eq!(app.count("SELECT count(*) FROM suppliers WHERE name = 'Acme'"), 1);
    assert_eq!(
        app.count("SELECT count(*) FROM products WHERE sku = 'PEN-1' AND active = 0 AND price_cents = 50"),
        1
    );
    assert_eq!(
        app.count("SELECT count(*) FROM stock_movements WHERE reason = 'import' AND delta = 10"),
        1
    );
}

#[test]
fn a_bad_line_stops_the_whole_import_and_every_bad_line_is_named() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let csv = "sku,name,description,price,stock,category,supplier,active
OK-1,Fine,,1.00,1,,,true
BAD-1,,,1.00,1,,,true
BAD-2,Price,,12.345,1,,,true
BAD-3,Stock,,1.00,-4,,,true
OK-1,Twice,,1.00,1,,,true
BAD-4,Active,,1.00,1,,,perhaps
";
    let report = import(&staff, csv);

    assert_eq!(report["created"], 0);
    let lines: Vec<i64> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, [3, 4, 5, 6, 7]);
    let messages = report["errors"].to_string();
    assert!(messages.contains("name: is required"), "{messages}");
    assert!(messages.contains("price: must have at most two decimals"));
    assert!(messages.contains("is also on line 2"));
    assert_eq!(app.count("SELECT count(*) FROM products"), 0, "nothing imported");
    assert_eq!(app.count("SELECT count(*) FROM categories"), 0);

    let missing = import(&staff, "sku,title\nx,y\n");
    assert_eq!(missing["errors"][0]["line"], 1);
}

#[test]
fn a_known_sku_updates_and_moves_stock_with_a_movement() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    import(&staff, GOOD);
    let csv = "sku,name,description,price,stock,category,supplier,active
mug-1,Mug XL,\"A mug, big\",14.00,4,Home > Kitchen,Acme,true
";
    let report = import(&staff, csv);

    assert_eq!(report, json!({"created": 0, "updated": 1, "errors": []}));
    assert_eq!(
        app.count("SELECT count(*) FROM products WHERE sku = 'MUG-1' AND name = 'Mug XL' AND stock = 4"),
        1
    );
    assert_eq!(
        app.count(
            "SELECT count(*) FROM stock_movements WHERE reason = 'import' AND delta = -6 AND stock_after = 4"
        ),
        1
    );
}

#[test]
fn export_then_import_of_the_same_file_changes_nothing() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    import(&staff, GOOD);
    staff.post_json(
        "/api/v1/products",
        json!({"name": "No sku, \"quoted\"\nand two lines", "price_cents": 1999, "stock": 3}),
    );

    let export = staff.get("/api/v1/export/products.csv");
    export.assert_status(Status::Ok);
    assert_eq!(export.header("Content-Type"), Some("text/csv; charset=utf-8"));
    assert!(
        export
            .body
            .starts_with("sku,name,description,price,stock,category,supplier,active\n")
    );
    assert!(export.body.contains("Home > Kitchen"));
    let movements = app.count("SELECT count(*) FROM stock_movements");
    let updated_at: String = app
        .db()
        .query_row("SELECT group_concat(updated_at) FROM products", [], |r| r.get(0))
        .unwrap();

    let report = import(&staff, &export.body);

    assert_eq!(report, json!({"created": 0, "updated": 0, "errors": []}));
    assert_eq!(app.count("SELECT count(*) FROM stock_movements"), movements);
    let after: String = app
        .db()
        .query_row("SELECT group_concat(updated_at) FROM products", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, updated_at);
    assert_eq!(staff.get("/api/v1/export/products.csv").body, export.body);
    // A product made afterwards gets a fresh id as usual.
    let next = staff
        .post_json(
            "/api/v1/products",
            json!({"name": "Later", "price_cents": 1, "stock": 1}),
        )
        .json();
    assert_eq!(next["id"], 4);
}

#[test]
fn the_import_wants_csv() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let res = staff.request(
        Method::Post,
        "/api/v1/import/products",
        Some(ContentType::JSON),
        Some(b"{}".to_vec()),
    );
    res.assert_status(Status::UnsupportedMediaType);
}

#[test]
fn the_command_line_imports_exports_and_generates() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop");
    let file = dir.path().join("in.csv");
    std::fs::write(&file, GOOD).unwrap();

    let out = tienda(&data, &["import", "products", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.contains("2 created, 0 updated"));

    std::fs::write(&file, "name,price,stock\nok,1,1\n,2,2\n").unwrap();
    let bad = tienda(&data, &["import", "products", file.to_str().unwrap()], None);
    assert!(!bad.status.success());
    assert!(bad.stderr.contains("line 3: name: is required"));

    let generated = tienda(&data, &["demo", "--products", "500"], None);
    assert!(generated.status.success(), "{}", generated.stderr);

    let exported = dir.path().join("out.csv");
    let out = tienda(&data, &["export", "products", exported.to_str().unwrap()], None);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&exported).unwrap();
    assert_eq!(text.lines().count(), 1 + 2 + 500);
    let again = tienda(&data, &["import", "products", exported.to_str().unwrap()], None);
    assert!(again.stdout.contains("0 created, 0 updated"), "{}", again.stdout);
}

#[test]
fn the_demo_shop_loads_once() {
    let app = TestApp::with(|f| f.merge(("demo", true)));
    assert_eq!(app.count("SELECT count(*) FROM products"), 60);
    assert_eq!(app.count("SELECT count(DISTINCT category_id) FROM products"), 8);
    assert_eq!(app.count("SELECT count(*) FROM product_images"), 60);
    // An account per role that can sign in, and customers who only buy.
    assert_eq!(
        app.count("SELECT count(*) FROM users WHERE password_hash != '!'"),
        3
    );
    assert_eq!(
        app.count("SELECT count(*) FROM users WHERE password_hash = '!'"),
        36
    );
    assert_eq!(app.setup_url(), None, "the demo admin exists");
    // About six months of orders, in every status, both ways of paying.
    assert_eq!(app.count("SELECT count(*) FROM orders"), 1500);
    assert_eq!(app.count("SELECT count(DISTINCT status) FROM orders"), 7);
    assert_eq!(
        app.count("SELECT count(*) FROM orders WHERE (paid_at IS NULL) != (invoice_number IS NULL)"),
        0,
        "every paid order, and only those, has an invoice number"
    );
    assert_eq!(
        app.count("SELECT count(DISTINCT invoice_number) FROM orders"),
        app.count("SELECT count(*) FROM orders WHERE paid_at IS NOT NULL")
    );
    assert_eq!(app.count("SELECT count(DISTINCT payment_method) FROM orders"), 2);
    assert_eq!(
        app.count(
            "SELECT count(*) FROM orders WHERE subtotal_cents - discount_cents + shipping_cents != total_cents
             OR created_at > coalesce(paid_at, created_at) OR paid_at > coalesce(refunded_at, paid_at)"
        ),
        0,
        "totals add up (tax included) and steps are in time order"
    );
    assert!(app.count("SELECT count(*) FROM reviews") > 0);
    let list = app.agent().get("/api/v1/products?per_page=100").json();
    assert_eq!(list["total"], 60);
    let image = list["items"][0]["images"][0]["url"].as_str().unwrap().to_string();
    let res = app.agent().get(&image);
    res.assert_status(Status::Ok);
    assert_eq!(res.header("Content-Type"), Some("image/png"));

    // Checkout has something to show: tax, shipping, bank details, a coupon.
    let shopper = app.signed_in("shopper", Role::Customer);
    let cheapest = list["items"]
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .filter(|p| p["stock"].as_i64() > Some(0))
                .min_by_key(|p| p["price_cents"].as_i64())
        })
        .map(|p| p["id"].clone())
        .expect("a product");
    shopper
        .post_json(
            "/api/v1/cart/items",
            json!({"product_id": cheapest, "quantity": 1}),
        )
        .assert_status(Status::Ok);
    let quote = shopper.post_json("/api/v1/checkout/quote", json!({"coupon_code": "WELCOME10"}));
    quote.assert_status(Status::Ok);
    let quote = quote.json();
    assert_eq!(quote["shipping_cents"], 495);
    assert_eq!(quote["prices_include_tax"], true);
    assert!(quote["tax_cents"].as_i64() > Some(0) && quote["discount_cents"].as_i64() > Some(0));
    assert!(shopper.get("/checkout").body.contains("IBAN ES91"));

    let dir = app.stop();
    let app = TestApp::in_dir(dir, |f| f.merge(("demo", true)));
    assert_eq!(app.count("SELECT count(*) FROM products"), 60, "not loaded twice");
    assert_eq!(app.count("SELECT count(*) FROM orders"), 1500, "not loaded twice");
}

#[test]
fn an_import_refuses_a_description_the_api_refuses_and_names_its_line() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let long = "x".repeat(20_001);
    let api = staff.post_json(
        "/api/v1/products",
        json!({"name": "Long", "description": long, "price_cents": 100, "stock": 1}),
    );
    api.assert_status(Status::UnprocessableEntity);
    let refused = api.field_errors("description");
    assert_eq!(refused.len(), 1);

    let csv = format!(
        "sku,name,description,price,stock,category,supplier,active
OK-1,Just fits,{},1.00,1,,,true
LONG-1,Long,{long},1.00,1,,,true
",
        "x".repeat(20_000)
    );
    let report = import(&staff, &csv);

    assert_eq!(
        report,
        json!({"created": 0, "updated": 0, "errors": [
            {"line": 3, "message": format!("description: {}", refused[0])}
        ]})
    );
    assert_eq!(app.count("SELECT count(*) FROM products"), 0, "nothing imported");
}

#[test]
fn a_spanish_spreadsheet_file_with_semicolons_a_bom_and_decimal_commas_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("productos.csv");
    // What a Spanish Excel saves as "CSV UTF-8": a BOM, semicolons, CRLF,
    // decimal commas and, in formatted cells, thousands dots.
    let csv = "\u{feff}sku;name;description;price;stock;category;supplier;active\r
ES-1;Taza grande;\"Una taza; grande\";12,50;3;Hogar > Cocina;Acme;true\r
ES-2;Mesa;;1.234,50;1;Hogar;;true\r
";
    std::fs::write(&file, csv).unwrap();

    let out = crate::process::tienda(dir.path(), &["import", "products", file.to_str().unwrap()], None);

    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.contains("2 created, 0 updated"));
    let app = TestApp::in_dir(dir, |f| f);
    assert_eq!(
        app.count(
            "SELECT count(*) FROM products WHERE sku = 'ES-1' AND name = 'Taza grande'
             AND description = 'Una taza; grande' AND price_cents = 1250 AND stock = 3"
        ),
        1
    );
    assert_eq!(
        app.count("SELECT count(*) FROM products WHERE sku = 'ES-2' AND price_cents = 123450"),
        1
    );
    assert_eq!(app.count("SELECT count(*) FROM suppliers WHERE name = 'Acme'"), 1);

    // A dot that groups no thousands is ambiguous there: refused, not guessed.
    let staff = app.token_agent("staff", Role::Staff);
    let report = import(&staff, "sku;name;price;stock\nES-3;Silla;12.50;1\n");
    assert_eq!(report["errors"][0]["line"], 2);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("price: "),
        "{report}"
    );
}

#[test]
fn formula_cells_are_neutralised_on_export_and_come_back_on_import() {
    let app = TestApp::new();
    let staff = app.token_agent("staff", Role::Staff);
    let category = staff
        .post_json("/api/v1/categories", json!({"name": "@Tools"}))
        .json()["id"]
        .clone();
    let supplier = staff
        .post_json("/api/v1/suppliers", json!({"name": "+Acme"}))
        .json()["id"]
        .clone();
    let products = [
        (
            "=HYPERLINK(\"http://evil.example\",\"Click\")",
            "-1 is not a price",
        ),
        ("+34 600 000 000", "=1+1"),
        ("-Minus", "@SUM(A1)"),
        ("@Mention", "plain"),
        ("'=Already quoted", "'plain quote"),
    ];
    for (name, description) in products {
        staff
            .post_json(
                "/api/v1/products",
                json!({"name": name, "description": description, "price_cents": 1250, "stock": 2,
                       "category_id": category, "supplier_id": supplier}),
            )
            .assert_status(Status::Created);
    }

    let export = staff.get("/api/v1/export/products.csv");
    export.assert_status(Status::Ok);
    let mut reader = csv::Reader::from_reader(export.body.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), products.len());
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a live formula: {cell:?} in {record:?}"
            );
        }
        assert_eq!(&record[3], "12.50", "numbers are not text cells");
        assert_eq!(&record[5], "'@Tools");
        assert_eq!(&record[6], "'+Acme");
    }
    assert_eq!(&records[0][1], "'=HYPERLINK(\"http://evil.example\",\"Click\")");
    assert_eq!(&records[4][1], "''=Already quoted");
    assert_eq!(&records[4][2], "'plain quote");

    let again = import(&staff, &export.body);
    assert_eq!(again, json!({"created": 0, "updated": 0, "errors": []}));

    let fresh = TestApp::new();
    let other = fresh.token_agent("staff", Role::Staff);
    let report = import(&other, &export.body);
    assert_eq!(report["created"], products.len());
    let list = other.get("/api/v1/products?sort=newest&per_page=100").json();
    let mut got: Vec<(String, String)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert_eq!(p["category"]["name"], "@Tools");
            (
                p["name"].as_str().unwrap().to_string(),
                p["description"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut want: Vec<(String, String)> = products
        .iter()
        .map(|(n, d)| (n.to_string(), d.to_string()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(
        fresh.count("SELECT count(*) FROM suppliers WHERE name = '+Acme'"),
        1
    );
}

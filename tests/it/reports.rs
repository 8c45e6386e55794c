//! The reports of the JSON API, every figure checked against orders placed,
//! paid and refunded here at chosen instants: across local midnight in
//! Europe/Madrid and across both of its daylight-saving changes.

use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Agent, TestApp};
use tienda::auth::Role;

/// A shop in Madrid's time zone, its staff's token and a product.
fn madrid_shop(app: &TestApp) -> (Agent<'_>, i64) {
    let admin = app.token_agent("owner", Role::Admin);
    admin
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"timezone": "Europe/Madrid"}),
        )
        .assert_status(Status::Ok);
    let staff = app.token_agent("stan", Role::Staff);
    let mug = app
        .product("Blue mug")
        .price_cents(1000)
        .stock(100)
        .create(&staff);
    (staff, mug)
}

/// `name` buys `quantity` mugs; the order is paid at `paid_at` (UTC), if given.
fn order(
    app: &TestApp,
    staff: &Agent<'_>,
    name: &str,
    product: i64,
    quantity: i64,
    paid_at: Option<&str>,
) -> i64 {
    let (_, placed) = app.order_of(name, product, quantity);
    let id = placed["id"].as_i64().expect("an order id");
    if let Some(at) = paid_at {
        staff
            .post_json(&format!("/api/v1/orders/{id}/mark-paid"), json!({}))
            .assert_status(Status::Ok);
        set(app, id, "paid_at", at);
    }
    id
}

fn refund(app: &TestApp, staff: &Agent<'_>, id: i64, at: &str) {
    staff
        .post_json(&format!("/api/v1/orders/{id}/refund"), json!({"restock": false}))
        .assert_status(Status::Ok);
    set(app, id, "refunded_at", at);
}

/// Moves a step of an order to a chosen instant.
fn set(app: &TestApp, id: i64, column: &str, at: &str) {
    app.db()
        .execute(
            &format!("UPDATE orders SET {column} = ?1 WHERE id = ?2"),
            rusqlite::params![at, id],
        )
        .expect("the order is updated");
}

/// `[period, orders, revenue_cents, average_order_cents]` of each row.
fn sales(staff: &Agent<'_>, query: &str) -> (Vec<(String, i64, i64, i64)>, Value) {
    let res = staff.get(&format!("/api/v1/reports/sales?{query}"));
    res.assert_status(Status::Ok);
    let body = res.json();
    let rows = body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["period"].as_str().expect("period").to_string(),
                r["orders"].as_i64().expect("orders"),
                r["revenue_cents"].as_i64().expect("revenue"),
                r["average_order_cents"].as_i64().expect("average"),
            )
        })
        .collect();
    (rows, body["totals"].clone())
}

fn row(period: &str, orders: i64, revenue: i64, average: i64) -> (String, i64, i64, i64) {
    (period.to_string(), orders, revenue, average)
}

#[test]
fn sales_count_orders_on_their_local_payment_day_and_refunds_on_theirs() {
    let app = TestApp::new();
    let (staff, mug) = madrid_shop(&app);
    // Madrid is UTC+1 until 2026-03-29 02:00, then UTC+2: that day has 23 hours.
    order(&app, &staff, "ana", mug, 1, Some("2026-03-28T22:59:59Z")); // 03-28 23:59:59
    let bob = order(&app, &staff, "bob", mug, 2, Some("2026-03-28T23:00:00Z")); // 03-29 00:00
    order(&app, &staff, "carla", mug, 3, Some("2026-03-29T21:59:59Z")); // 03-29 23:59:59
    order(&app, &staff, "dora", mug, 4, None); // never paid: never counted
    refund(&app, &staff, bob, "2026-03-29T22:00:00Z"); // 03-30 00:00

    let (rows, totals) = sales(&staff, "from=2026-03-28&to=2026-03-31");
    assert_eq!(
        rows,
        [
            row("2026-03-28", 1, 1000, 1000),
            row("2026-03-29", 2, 5000, 2500),
            row("2026-03-30", 0, -2000, 0),
            row("2026-03-31", 0, 0, 0),
        ]
    );
    assert_eq!(totals["orders"], 3);
    assert_eq!(totals["revenue_cents"], 4000);
    assert_eq!(totals["paid_cents"], 6000);
    assert_eq!(totals["refunded_cents"], 2000);
    assert_eq!(totals["average_order_cents"], 2000);

    // Weeks start on Monday (2026-03-23 and 2026-03-30); months on the first.
    let (weeks, _) = sales(&staff, "from=2026-03-25&to=2026-04-02&group=week");
    assert_eq!(
        weeks,
        [row("2026-03-23", 3, 6000, 2000), row("2026-03-30", 0, -2000, 0)]
    );
    let (months, _) = sales(&staff, "from=2026-03-01&to=2026-04-30&group=month");
    assert_eq!(months, [row("2026-03", 3, 4000, 2000), row("2026-04", 0, 0, 0)]);

    // A range that ends before the refund keeps the money.
    let (days, totals) = sales(&staff, "from=2026-03-29&to=2026-03-29");
    assert_eq!(days, [row("2026-03-29", 2, 5000, 2500)]);
    assert_eq!(totals["revenue_cents"], 5000);
}

#[test]
fn the_long_autumn_day_holds_its_twenty_five_hours() {
    let app = TestApp::new();
    let (staff, mug) = madrid_shop(&app);
    // 2026-10-25 in Madrid runs from 2026-10-24T22:00Z to 2026-10-25T23:00Z.
    order(&app, &staff, "ana", mug, 1, Some("2026-10-24T21:59:59Z")); // 10-24 23:59:59 CEST
    order(&app, &staff, "bob", mug, 2, Some("2026-10-24T22:00:00Z")); // 10-25 00:00 CEST
    order(&app, &staff, "carla", mug, 3, Some("2026-10-25T22:59:59Z")); // 10-25 23:59:59 CET
    order(&app, &staff, "dora", mug, 4, Some("2026-10-25T23:00:00Z")); // 10-26 00:00 CET

    let (rows, _) = sales(&staff, "from=2026-10-24&to=2026-10-26");
    assert_eq!(
        rows,
        [
            row("2026-10-24", 1, 1000, 1000),
            row("2026-10-25", 2, 5000, 2500),
            row("2026-10-26", 1, 4000, 4000),
        ]
    );
}

#[test]
fn top_products_and_customers_count_what_was_paid_less_what_went_back() {
    let app = TestApp::new();
    let (staff, mug) = madrid_shop(&app);
    let pot = app.product("Tea pot").price_cents(2500).stock(50).create(&staff);
    order(&app, &staff, "ana", mug, 3, Some("2026-05-10T10:00:00Z"));
    let bob = order(&app, &staff, "bob", pot, 1, Some("2026-05-10T11:00:00Z"));
    order(&app, &staff, "carla", pot, 2, Some("2026-05-11T09:00:00Z"));
    order(&app, &staff, "dora", mug, 5, None);
    order(&app, &staff, "emil", mug, 1, Some("2026-05-20T09:00:00Z")); // outside the range
    refund(&app, &staff, bob, "2026-05-12T09:00:00Z");

    let top = staff.get("/api/v1/reports/top-products?from=2026-05-01&to=2026-05-15");
    top.assert_status(Status::Ok);
    let rows: Vec<(i64, String, i64, i64)> = top.json()["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["product_id"].as_i64().expect("id"),
                r["name"].as_str().expect("name").to_string(),
                r["quantity"].as_i64().expect("quantity"),
                r["revenue_cents"].as_i64().expect("revenue"),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (pot, "Tea pot".into(), 2, 5000),
            (mug, "Blue mug".into(), 3, 3000)
        ]
    );
    let limited = staff.get("/api/v1/reports/top-products?from=2026-05-01&to=2026-05-15&limit=1");
    assert_eq!(limited.json()["rows"].as_array().map(Vec::len), Some(1));

    let customers = staff.get("/api/v1/reports/customers?from=2026-05-01&to=2026-05-15");
    customers.assert_status(Status::Ok);
    let rows: Vec<(String, i64, i64)> = customers.json()["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            assert!(r["user_id"].as_i64().is_some());
            (
                r["username"].as_str().expect("username").to_string(),
                r["orders"].as_i64().expect("orders"),
                r["revenue_cents"].as_i64().expect("revenue"),
            )
        })
        .collect();
    // Bob paid and was refunded in the range: nothing of his is left.
    assert_eq!(
        rows,
        [("carla".to_string(), 1, 5000), ("ana".to_string(), 1, 3000)]
    );

    // Before his refund, Bob counts.
    let early = staff
        .get("/api/v1/reports/customers?from=2026-05-10&to=2026-05-10")
        .json();
    assert_eq!(early["rows"][0]["username"], "ana");
    assert_eq!(early["rows"][1]["username"], "bob");
    assert_eq!(early["rows"][1]["revenue_cents"], 2500);
}

#[test]
fn low_stock_lists_active_products_at_or_under_the_threshold() {
    let app = TestApp::new();
    let staff = app.token_agent("stan", Role::Staff);
    let few = app.product("Few").stock(2).create(&staff);
    let five = app.product("Five").stock(5).create(&staff);
    let six = app.product("Six").stock(6).create(&staff);
    app.product("Hidden").stock(0).inactive().create(&staff);

    let names = |query: &str| -> Vec<(i64, i64)> {
        let res = staff.get(&format!("/api/v1/reports/low-stock{query}"));
        res.assert_status(Status::Ok);
        res.json()["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| {
                (
                    r["product_id"].as_i64().expect("id"),
                    r["stock"].as_i64().expect("stock"),
                )
            })
            .collect()
    };
    assert_eq!(names(""), [(few, 2), (five, 5)]);
    assert_eq!(names("?threshold=6"), [(few, 2), (five, 5), (six, 6)]);
    assert_eq!(names("?threshold=0"), []);

    let admin = app.token_agent("owner", Role::Admin);
    admin
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"low_stock_threshold": 2}),
        )
        .assert_status(Status::Ok);
    assert_eq!(names(""), [(few, 2)]);
}

#[test]
fn reports_download_as_csv_with_money_as_decimals() {
    let app = TestApp::new();
    let (staff, mug) = madrid_shop(&app);
    let bob = order(&app, &staff, "bob", mug, 2, Some("2026-03-28T23:00:00Z"));
    refund(&app, &staff, bob, "2026-03-29T22:00:00Z");

    let res = staff.get("/api/v1/reports/sales?from=2026-03-29&to=2026-03-30&format=csv");
    res.assert_status(Status::Ok);
    assert_eq!(res.header("Content-Type"), Some("text/csv; charset=utf-8"));
    assert!(
        res.header("Content-Disposition")
            .is_some_and(|d| d.starts_with("attachment"))
    );
    let mut reader = csv::Reader::from_reader(res.body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header[..4], ["period", "orders", "revenue", "average_order"]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a row").iter().map(String::from).collect())
        .collect();
    assert_eq!(rows[0][..4], ["2026-03-29", "1", "20.00", "20.00"]);
    assert_eq!(rows[1][..4], ["2026-03-30", "0", "-20.00", "0.00"]);

    for (report, first) in [
        ("top-products?from=2026-03-29&to=2026-03-29", "product_id"),
        ("customers?from=2026-03-29&to=2026-03-29", "user_id"),
        ("low-stock?threshold=1000", "product_id"),
    ] {
        let res = staff.get(&format!("/api/v1/reports/{report}&format=csv"));
        res.assert_status(Status::Ok);
        let mut reader = csv::Reader::from_reader(res.body.as_bytes());
        assert_eq!(
            reader.headers().expect("a header").get(0),
            Some(first),
            "{report}"
        );
        assert_eq!(reader.records().count(), 1, "{report}");
    }
    let customers = staff.get("/api/v1/reports/customers?from=2026-03-29&to=2026-03-29&format=csv");
    assert!(
        customers.body.contains(",bob,bob@example.com,1,20.00"),
        "{}",
        customers.body
    );
}

#[test]
fn only_staff_read_reports() {
    let app = TestApp::new();
    let anonymous = app.agent();
    let customer = app.token_agent("cleo", Role::Customer);
    let staff = app.token_agent("stan", Role::Staff);
    let admin = app.token_agent("ada", Role::Admin);
    for report in ["sales", "top-products", "customers", "low-stock"] {
        let uri = format!("/api/v1/reports/{report}");
        let res = anonymous.get(&uri);
        res.assert_status(Status::Unauthorized);
        assert_eq!(res.error_code(), "unauthenticated");
        let res = customer.get(&uri);
        res.assert_status(Status::Forbidden);
        assert_eq!(res.error_code(), "forbidden");
        staff.get(&uri).assert_status(Status::Ok);
        admin.get(&uri).assert_status(Status::Ok);
        admin.get(&format!("{uri}?format=csv")).assert_status(Status::Ok);
    }
}

#[test]
fn bad_filters_are_422_naming_the_field() {
    let app = TestApp::new();
    let staff = app.token_agent("stan", Role::Staff);
    for (query, field) in [
        ("sales?from=2026-02-30", "from"),
        ("sales?to=tomorrow", "to"),
        ("sales?from=2026-03-02&to=2026-03-01", "to"),
        ("sales?from=1900-01-01&to=2026-01-01", "from"),
        ("sales?from=99999-01-01", "from"),
        ("sales?group=year", "group"),
        ("sales?format=pdf", "format"),
        ("top-products?limit=0", "limit"),
        ("top-products?limit=many", "limit"),
        ("customers?limit=100000", "limit"),
        ("low-stock?threshold=-1", "threshold"),
    ] {
        let res = staff.get(&format!("/api/v1/reports/{query}"));
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(res.error_code(), "validation_failed", "{query}");
        assert!(!res.field_errors(field).is_empty(), "{query}: {}", res.body);
    }
}

//! The order export: `/api/v1/export/orders.csv`, its link on the back
//! office's order list, and `tienda export orders`. Every file is parsed
//! back with a CSV reader and checked against orders placed in the test.

use std::collections::HashMap;

use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::helpers::{Agent, TestApp, address};
use crate::process::tienda;
use tienda::auth::Role;

/// The rows of a CSV file, each a map from its header's names.
fn rows(csv: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|r| {
            let record = r.expect("a well-formed row");
            assert_eq!(record.len(), headers.len(), "{record:?}");
            headers
                .iter()
                .map(String::from)
                .zip(record.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn column<'a>(rows: &'a [HashMap<String, String>], name: &str) -> Vec<&'a str> {
    rows.iter().map(|r| r[name].as_str()).collect()
}

/// The shop in Madrid's time zone.
fn in_madrid(app: &TestApp) {
    app.token_agent("owner", Role::Admin)
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"timezone": "Europe/Madrid"}),
        )
        .assert_status(Status::Ok);
}

/// Moves `order`'s creation (and payment, if paid) to `at`, a UTC timestamp.
fn placed_at(app: &TestApp, order: i64, at: &str) {
    app.db()
        .execute(
            "UPDATE orders SET created_at = ?1, paid_at = CASE WHEN paid_at IS NULL THEN NULL ELSE ?1 END
             WHERE id = ?2",
            rusqlite::params![at, order],
        )
        .expect("the order is moved");
}

fn export(agent: &Agent<'_>, query: &str) -> Vec<HashMap<String, String>> {
    let res = agent.get(&format!("/api/v1/export/orders.csv{query}"));
    res.assert_status(Status::Ok);
    rows(&res.body)
}

#[test]
fn the_export_has_a_row_per_order_line_with_local_times_and_decimal_amounts() {
    let app = TestApp::new();
    in_madrid(&app);
    let staff = app.token_agent("stan", Role::Staff);
    let mug = app
        .product("Blue mug")
        .sku("MUG-1")
        .price_cents(1250)
        .stock(10)
        .create(&staff);
    let link = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    let evil = app.product(link).price_cents(300).stock(10).create(&staff);
    let ana = app.signed_in("ana", Role::Customer);
    ana.add_to_cart(mug, 2);
    ana.add_to_cart(evil, 1);
    let mut ship = address();
    ship["line1"] = json!("+34 Calle Mayor 1");
    ship["city"] = json!("-Madrid");
    let order = ana.checkout("ana-1", json!({"shipping_address": ship}));
    order.assert_status(Status::Created);
    let order = order.json();
    staff
        .post_json("/api/v1/orders/1/mark-paid", json!({}))
        .assert_status(Status::Ok);
    // Created on a summer night and paid on a winter one, both past local
    // midnight: 22:30 UTC is 00:30 in Madrid in summer (UTC+2), 23:30 UTC
    // is 00:30 in winter (UTC+1).
    app.db()
        .execute(
            "UPDATE orders SET created_at = '2026-06-30T22:30:00Z', paid_at = '2026-11-29T23:30:00Z'",
            [],
        )
        .expect("dates set");

    let res = staff.get("/api/v1/export/orders.csv");
    res.assert_status(Status::Ok);
    assert_eq!(res.header("Content-Type"), Some("text/csv; charset=utf-8"));
    let disposition = res.header("Content-Disposition").expect("a file name");
    assert!(
        disposition.starts_with("attachment; filename=\"orders-to-") && disposition.ends_with(".csv\""),
        "{disposition}"
    );
    let rows = rows(&res.body);

    assert_eq!(rows.len(), 2, "one row per line");
    for row in &rows {
        assert_eq!(row["order"], "T-000001");
        assert_eq!(row["created"], "2026-07-01 00:30");
        assert_eq!(row["paid"], "2026-11-30 00:30");
        assert_eq!(row["shipped"], "");
        assert_eq!(row["time_zone"], "Europe/Madrid");
        assert_eq!(row["status"], "paid");
        assert_eq!(row["customer"], "ana");
        assert_eq!(row["email"], "ana@example.com");
        assert_eq!(row["ship_name"], "Ada Lovelace");
        assert_eq!(row["ship_line1"], "'+34 Calle Mayor 1", "neutralised");
        assert_eq!(row["ship_city"], "'-Madrid", "neutralised");
        assert_eq!(row["ship_postal_code"], "N1 7AA");
        assert_eq!(row["billing_name"], "Ada Lovelace");
        assert_eq!(row["payment_method"], "bank_transfer");
        assert_eq!(row["shipping_method"], "standard");
        assert_eq!(row["coupon"], "");
        assert_eq!(row["subtotal"], "28.00");
        assert_eq!(row["discount"], "0.00");
        assert_eq!(row["total"], decimal(&order["total_cents"]));
        assert_eq!(row["shipping"], decimal(&order["shipping_cents"]));
        assert_eq!(row["tax"], decimal(&order["tax_cents"]));
        assert_eq!(row["currency"], "EUR");
        for (name, cell) in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a live formula in {name}: {cell:?}"
            );
        }
    }
    assert_eq!(column(&rows, "line"), ["1", "2"]);
    assert_eq!(column(&rows, "sku")[0], "MUG-1");
    assert_eq!(column(&rows, "name"), ["Blue mug", &format!("'{link}")]);
    assert_eq!(column(&rows, "quantity"), ["2", "1"]);
    assert_eq!(column(&rows, "unit_price"), ["12.50", "3.00"]);
    assert_eq!(column(&rows, "line_total"), ["25.00", "3.00"]);
}

/// `1234` as `12.34`.
fn decimal(cents: &Value) -> String {
    let cents = cents.as_i64().expect("cents");
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Three local days in Madrid, as `YYYY-MM-DD`: `day` is yesterday, so
/// that orders placed on it are younger than the unpaid hold on any date
/// the tests run.
struct Days {
    before: String,
    day: String,
    after: String,
    /// The first and last second of `day` in UTC, and the seconds on
    /// either side of them.
    instants: [String; 4],
}

fn days_around_yesterday_in_madrid() -> Days {
    use chrono::{Duration, TimeZone, Utc};
    let madrid = chrono_tz::Europe::Madrid;
    let day = Utc::now().with_timezone(&madrid).date_naive() - Duration::days(1);
    // Madrid changes its clocks at 02:00 or 03:00, so local midnight is
    // always one instant.
    let midnight = |date: chrono::NaiveDate| {
        madrid
            .from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))
            .single()
            .expect("local midnight is unambiguous")
            .with_timezone(&Utc)
    };
    let (start, end) = (midnight(day), midnight(day + Duration::days(1)));
    let second = Duration::seconds(1);
    let utc = |at: chrono::DateTime<Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    Days {
        before: (day - Duration::days(1)).to_string(),
        day: day.to_string(),
        after: (day + Duration::days(1)).to_string(),
        instants: [utc(start - second), utc(start), utc(end - second), utc(end)],
    }
}

/// Four orders around yesterday in Madrid: the first just before its
/// local midnight, then its first second, its last, and the first of
/// today. The third is paid.
fn orders_around_midnight(app: &TestApp) -> (Agent<'_>, Days) {
    in_madrid(app);
    let staff = app.token_agent("stan", Role::Staff);
    let mug = app.product("Mug").price_cents(1000).stock(20).create(&staff);
    let days = days_around_yesterday_in_madrid();
    for (n, at) in days.instants.iter().enumerate() {
        app.order_of(&format!("buyer{n}"), mug, 1);
        placed_at(app, n as i64 + 1, at);
    }
    staff
        .post_json("/api/v1/orders/3/mark-paid", json!({}))
        .assert_status(Status::Ok);
    (staff, days)
}

#[test]
fn from_and_to_are_local_days_with_to_included_and_status_filters() {
    let app = TestApp::new();
    let (
        staff,
        Days {
            before, day, after, ..
        },
    ) = orders_around_midnight(&app);

    let orders =
        |query: &str| -> Vec<String> { export(&staff, query).iter().map(|r| r["order"].clone()).collect() };
    assert_eq!(orders(""), ["T-000001", "T-000002", "T-000003", "T-000004"]);
    assert_eq!(orders(&format!("?from={day}&to={day}")), ["T-000002", "T-000003"]);
    assert_eq!(
        orders(&format!("?from={day}")),
        ["T-000002", "T-000003", "T-000004"]
    );
    assert_eq!(orders(&format!("?to={before}")), ["T-000001"]);
    assert_eq!(orders(&format!("?from={after}&to={after}")), ["T-000004"]);
    assert_eq!(orders("?status=paid"), ["T-000003"]);
    assert_eq!(orders(&format!("?status=paid&to={before}")), Vec::<String>::new());
    assert_eq!(orders("?from=&to=&status="), orders(""), "empty is no filter");
    let created = column(&export(&staff, &format!("?from={day}&to={day}")), "created")
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    assert_eq!(created, [format!("{day} 00:00"), format!("{day} 23:59")]);

    let res = staff.get("/api/v1/export/orders.csv?from=2026-11-01&to=2026-11-30&status=paid");
    assert_eq!(
        res.header("Content-Disposition"),
        Some("attachment; filename=\"orders-2026-11-01-to-2026-11-30-paid.csv\"")
    );
    let empty = staff.get("/api/v1/export/orders.csv?status=refunded");
    empty.assert_status(Status::Ok);
    assert_eq!(empty.body.lines().count(), 1, "the header only");
    assert!(empty.body.starts_with("order,created,paid,"));
}

#[test]
fn bad_filters_are_422_naming_the_field() {
    let app = TestApp::new();
    let staff = app.token_agent("stan", Role::Staff);
    for (query, field, message) in [
        ("from=30/11/2026", "from", "must be a date like 2026-11-30"),
        ("to=2026-02-30", "to", "must be a date like 2026-11-30"),
        ("from=2026-11-30&to=2026-11-01", "to", "must not be before from"),
        ("status=lost", "status", "must be one of pending_payment"),
        ("from=%FF%FE", "from", "must be a date like 2026-11-30"),
    ] {
        let res = staff.get(&format!("/api/v1/export/orders.csv?{query}"));
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(res.error_code(), "validation_failed", "{query}");
        let errors = res.field_errors(field);
        assert!(
            errors.first().is_some_and(|e| e.starts_with(message)),
            "{query}: {errors:?}"
        );
    }
}

#[test]
fn only_staff_and_admins_may_export() {
    let app = TestApp::new();
    let url = "/api/v1/export/orders.csv";

    let anonymous = app.agent().get(url);
    anonymous.assert_status(Status::Unauthorized);
    assert_eq!(anonymous.error_code(), "unauthenticated");
    let bad_filter_anonymous = app.agent().get(&format!("{url}?from=nope"));
    bad_filter_anonymous.assert_status(Status::Unauthorized);

    for customer in [
        app.signed_in("cleo", Role::Customer),
        app.token_agent("cleo2", Role::Customer),
    ] {
        let res = customer.get(url);
        res.assert_status(Status::Forbidden);
        assert_eq!(res.error_code(), "forbidden");
        customer
            .get("/api/v1/export/products.csv")
            .assert_status(Status::Forbidden);
    }
    for agent in [
        app.signed_in("stan", Role::Staff),
        app.token_agent("stan2", Role::Staff),
        app.signed_in("ada", Role::Admin),
        app.token_agent("ada2", Role::Admin),
    ] {
        agent.get(url).assert_status(Status::Ok);
        agent.get("/api/v1/export/products.csv").assert_status(Status::Ok);
    }
}

#[test]
fn a_big_export_comes_in_chunks_with_every_order_once() {
    let app = TestApp::new();
    let staff = app.token_agent("stan", Role::Staff);
    let mug = app.product("Mug").price_cents(1000).stock(20).create(&staff);
    let (_, _) = app.order_of("ana", mug, 2);
    // Copies of the one order, two lines each: more orders than two chunks.
    let db = app.db();
    db.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 1201)
         INSERT INTO orders (id, user_id, status, currency, prices_include_tax, subtotal_cents,
             discount_cents, shipping_cents, tax_cents, total_cents, payment_method, shipping_method,
             billing_name, ship_name, ship_line1, ship_city, ship_postal_code, ship_country, created_at)
         SELECT i, user_id, status, currency, prices_include_tax, subtotal_cents, discount_cents,
             shipping_cents, tax_cents, total_cents, payment_method, shipping_method, billing_name, ship_name,
             ship_line1, ship_city, ship_postal_code, ship_country, created_at
         FROM orders, n WHERE orders.id = 1;
         INSERT INTO order_items (order_id, line, product_id, sku, name, unit_price_cents, quantity,
             line_total_cents, discount_cents, tax_cents)
         SELECT o.id, l.line, i.product_id, i.sku, i.name, i.unit_price_cents, 1, i.unit_price_cents, 0, 0
         FROM orders o, order_items i, (SELECT 1 AS line UNION ALL SELECT 2) l
         WHERE o.id > 1 AND i.order_id = 1;",
    )
    .expect("orders copied");

    let rows = export(&staff, "");

    assert_eq!(rows.len(), 1 + 1200 * 2);
    let numbers: Vec<String> = (1..=1201).map(|id| format!("T-{id:06}")).collect();
    let mut seen: Vec<String> = column(&rows, "order").into_iter().map(String::from).collect();
    seen.dedup();
    assert_eq!(seen, numbers, "each order once, in order, its lines together");
}

#[test]
fn the_order_list_filters_by_day_and_its_download_keeps_the_filters() {
    let app = TestApp::new();
    let (_, Days { day, after, .. }) = orders_around_midnight(&app);
    let staff = app.signed_in("sam", Role::Staff);

    let page = staff.page(&format!(
        "/admin/orders?status=pending_payment&from={day}&to={after}&q="
    ));
    assert_eq!(page.select_texts(".order-link"), ["T-000004", "T-000002"]);
    assert_eq!(page.input_value("from"), day);
    assert_eq!(page.input_value("to"), after);
    let link = page.attr("#download-csv", "href").expect("a download link");
    assert_eq!(
        link,
        format!("/api/v1/export/orders.csv?status=pending_payment&from={day}&to={after}")
    );
    assert_eq!(page.select_text("#download-csv").as_deref(), Some("Download CSV"));

    // The link, opened with the staff member's session, is the same list.
    let orders: Vec<String> = export(&staff, &link["/api/v1/export/orders.csv".len()..])
        .iter()
        .map(|r| r["order"].clone())
        .collect();
    assert_eq!(orders, ["T-000002", "T-000004"]);

    let unfiltered = staff.page("/admin/orders");
    assert_eq!(
        unfiltered.attr("#download-csv", "href").as_deref(),
        Some("/api/v1/export/orders.csv")
    );
    let searched = staff.page("/admin/orders?q=buyer1");
    assert_eq!(
        searched.attr("#download-csv", "href").as_deref(),
        Some("/api/v1/export/orders.csv?q=buyer1")
    );

    let refused = staff.get("/admin/orders?from=yesterday&to=2026-11-30");
    refused.assert_status(Status::UnprocessableEntity);
    let refused = refused.page();
    assert_eq!(
        refused.field_error("from").as_deref(),
        Some("Placed from must be a date like 2026-11-30.")
    );
    assert!(!refused.has("#download-csv"), "no link to a refused filter");
    assert_eq!(refused.input_value("from"), "yesterday");
}

#[test]
fn the_command_line_writes_the_orders_of_a_range_to_a_file() {
    let app = TestApp::new();
    let (_, Days { day, .. }) = orders_around_midnight(&app);
    let dir = app.stop();
    let data = dir.path();
    let file = data.join("yesterday.csv");

    let out = tienda(
        data,
        &[
            "export",
            "orders",
            file.to_str().unwrap(),
            "--from",
            &day,
            "--to",
            &day,
        ],
        None,
    );

    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        out.stdout.contains("Exported 2 orders (2 lines)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Europe/Madrid"), "{}", out.stdout);
    let rows = rows(&std::fs::read_to_string(&file).expect("the file is written"));
    assert_eq!(column(&rows, "order"), ["T-000002", "T-000003"]);
    assert_eq!(
        column(&rows, "created"),
        [format!("{day} 00:00"), format!("{day} 23:59")]
    );

    let all = data.join("all.csv");
    let out = tienda(data, &["export", "orders", all.to_str().unwrap()], None);
    assert!(
        out.stdout.contains("Exported 4 orders (4 lines)"),
        "{}",
        out.stdout
    );

    let bad = tienda(
        data,
        &["export", "orders", all.to_str().unwrap(), "--from", "30.11.2026"],
        None,
    );
    assert!(!bad.status.success());
    assert!(
        bad.stderr.contains("--from: must be a date like 2026-11-30"),
        "{}",
        bad.stderr
    );
    let products = tienda(
        data,
        &["export", "products", all.to_str().unwrap(), "--to", "2026-11-30"],
        None,
    );
    assert!(!products.status.success());
    assert!(
        products
            .stderr
            .contains("--from and --to are for exporting orders")
    );
}

//! The report pages and the dashboard: the chart (one bar per period), the
//! table beside it, the CSV link with the same filters, errors next to their
//! fields, and who may see them.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::TestApp;
use tienda::auth::Role;

/// A Madrid shop with a mug, and orders paid on 2026-03-28 and 03-29
/// (local days), one of them refunded on 03-30.
fn shop_with_sales(app: &TestApp) -> i64 {
    app.token_agent("owner", Role::Admin)
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"timezone": "Europe/Madrid"}),
        )
        .assert_status(Status::Ok);
    let staff = app.token_agent("stock-keeper", Role::Staff);
    let mug = app
        .product("Blue <mug>")
        .price_cents(1000)
        .stock(100)
        .create(&staff);
    for (name, quantity, paid_at, refunded_at) in [
        ("ana", 1, "2026-03-28T12:00:00Z", None),
        ("bob", 2, "2026-03-29T12:00:00Z", Some("2026-03-30T12:00:00Z")),
        ("carla", 3, "2026-03-29T13:00:00Z", None),
    ] {
        let (_, order) = app.order_of(name, mug, quantity);
        let id = order["id"].as_i64().expect("id");
        staff
            .post_json(&format!("/api/v1/orders/{id}/mark-paid"), json!({}))
            .assert_status(Status::Ok);
        if refunded_at.is_some() {
            staff
                .post_json(&format!("/api/v1/orders/{id}/refund"), json!({"restock": false}))
                .assert_status(Status::Ok);
        }
        app.db()
            .execute(
                "UPDATE orders SET paid_at = ?1, refunded_at = ?2 WHERE id = ?3",
                rusqlite::params![paid_at, refunded_at, id],
            )
            .expect("moved in time");
    }
    mug
}

#[test]
fn the_sales_page_draws_a_bar_per_day_beside_the_same_figures_in_a_table() {
    let app = TestApp::new();
    shop_with_sales(&app);
    let staff = app.signed_in("stan", Role::Staff);

    let page = staff.page("/admin/reports/sales?from=2026-03-28&to=2026-03-30&group=day");
    assert!(page.has("svg[role=\"img\"][aria-label]"));
    assert_eq!(page.count("svg rect.bar"), 3);
    assert_eq!(page.count("svg rect.bar title"), 3);
    let rows = page.rows(".report-table tbody tr", "th, td");
    assert_eq!(
        rows.iter()
            .map(|r| (r[0].as_str(), r[1].as_str(), r[4].as_str()))
            .collect::<Vec<_>>(),
        [
            ("28 Mar 2026", "1", "€10.00"),
            ("29 Mar 2026", "2", "€50.00"),
            ("30 Mar 2026", "0", "€-20.00"),
        ]
    );
    // One way of writing a date on the page: the heading's, the table's,
    // the chart's (the year is in the heading) and its hovers'.
    assert!(page.select_text("h2").is_some_and(|h| h.contains("28 Mar 2026")));
    assert_eq!(
        page.select_texts("svg text.x-label"),
        ["28 Mar", "29 Mar", "30 Mar"]
    );
    assert!(
        page.select_text("svg rect.bar title")
            .is_some_and(|t| t.starts_with("28 Mar 2026"))
    );
    assert_eq!(page.select_text("#total-revenue").as_deref(), Some("€40.00"));
    assert_eq!(page.input_value("from"), "2026-03-28");
    let csv = page.attr("a[download]", "href").expect("a CSV link");
    assert_eq!(
        csv,
        "/api/v1/reports/sales?from=2026-03-28&to=2026-03-30&group=day&format=csv"
    );
    let download = staff.get(&csv);
    download.assert_status(Status::Ok);
    assert!(download.body.contains("2026-03-30,0,-20.00"), "{}", download.body);

    let weeks = staff.page("/admin/reports/sales?from=2026-03-01&to=2026-03-31&group=week");
    // Weeks of 2026-02-23 (holding March 1st), 03-02, 03-09, 03-16, 03-23, 03-30.
    assert_eq!(weeks.count("svg rect.bar"), 6);
}

#[test]
fn the_other_reports_show_their_rows_with_names_escaped() {
    let app = TestApp::new();
    let mug = shop_with_sales(&app);
    let staff = app.signed_in("stan", Role::Staff);

    let top = staff.get("/admin/reports/top-products?from=2026-03-28&to=2026-03-30");
    top.assert_status(Status::Ok);
    assert!(
        !top.body.contains("<mug>"),
        "names are escaped in the chart and the table"
    );
    let page = top.page();
    assert_eq!(page.count("svg rect.bar"), 1);
    assert_eq!(
        page.rows(".report-table tbody tr", "th, td")[0][1..],
        ["Blue <mug>", "TND-000001", "4", "€40.00"]
    );
    assert_eq!(
        page.attr(".report-table tbody a", "href"),
        Some(format!("/admin/products/{mug}"))
    );

    let customers = staff.page("/admin/reports/customers?from=2026-03-28&to=2026-03-30");
    let rows = customers.rows(".report-table tbody tr", "th");
    assert_eq!(rows, [["carla"], ["ana"]]);

    let low = staff.page("/admin/reports/low-stock?threshold=100");
    assert_eq!(low.rows(".report-table tbody tr", "td")[0], ["TND-000001", "94"]);
    assert_eq!(
        staff.page("/admin/reports").count("a[href^=\"/admin/reports/\"]"),
        4
    );
}

#[test]
fn wrong_filters_are_shown_next_to_their_fields() {
    let app = TestApp::new();
    let staff = app.signed_in("stan", Role::Staff);
    let res = staff.get("/admin/reports/sales?from=2026-02-30&group=year");
    res.assert_status(Status::UnprocessableEntity);
    let page = res.page();
    assert!(page.field_error("from").is_some(), "{}", res.body);
    assert!(page.field_error("group").is_some());
    assert!(!page.has("svg"));
    let res = staff.get("/admin/reports/top-products?limit=0");
    res.assert_status(Status::UnprocessableEntity);
    assert!(res.page().field_error("limit").is_some());
}

#[test]
fn report_pages_are_for_staff_only() {
    let app = TestApp::new();
    let anonymous = app.agent();
    let customer = app.signed_in("cleo", Role::Customer);
    let admin = app.signed_in("ada", Role::Admin);
    for page in [
        "/admin/reports",
        "/admin/reports/sales",
        "/admin/reports/top-products",
        "/admin/reports/customers",
        "/admin/reports/low-stock",
    ] {
        let res = anonymous.get(page);
        assert_eq!(res.status, Status::SeeOther, "{page}");
        assert!(res.location().starts_with("/login?next="), "{page}");
        customer.get(page).assert_status(Status::Forbidden);
        admin.get(page).assert_status(Status::Ok);
    }
    assert!(admin.page("/admin").has("nav a[href=\"/admin/reports\"]"));
}

#[test]
fn the_dashboard_shows_todays_trade_low_stock_and_the_newest_orders() {
    let app = TestApp::new();
    let staff = app.token_agent("stock-keeper", Role::Staff);
    let mug = app.product("Blue mug").price_cents(1000).stock(7).create(&staff);
    let (_, order) = app.order_of("ana", mug, 3);
    let id = order["id"].as_i64().expect("id");
    staff
        .post_json(&format!("/api/v1/orders/{id}/mark-paid"), json!({}))
        .assert_status(Status::Ok);
    app.order_of("bob", mug, 1);

    let page = app.signed_in("stan", Role::Staff).page("/admin");
    let today = page.select_text("#trade-today .trade-revenue");
    assert_eq!(today.as_deref(), Some("€30.00"));
    assert!(
        page.select_text("#trade-today")
            .is_some_and(|t| t.contains("1 paid order"))
    );
    assert_eq!(
        page.select_text("#trade-month .trade-revenue").as_deref(),
        Some("€30.00")
    );
    assert_eq!(page.count("svg rect.bar"), 30);
    assert_eq!(page.select_text("#count-awaiting-payment").as_deref(), Some("1"));
    assert_eq!(page.select_text("#count-to-ship").as_deref(), Some("1"));
    // 7 - 3 - 1 = 3 left, under the default threshold of 5.
    assert_eq!(page.select_texts(".low-stock-list li"), ["Blue mug 3 left"]);
    assert_eq!(
        page.select_texts(".newest-orders tbody tr td:first-child"),
        ["T-000002", "T-000001"]
    );
}

//! The report pages of the back office: a date range, a chart drawn on the
//! server, the same figures as a table, and the CSV download of the API
//! with the same filters.

use rocket::{FromForm, Route, State, get, routes};
use serde::Serialize;

use super::{Choice, month, short_day, text};
use crate::auth::Staff;
use crate::db::Db;
use crate::domain::reports::{self, Group, Params, Query};
use crate::domain::settings::Settings;
use crate::error::{Error, FieldErrors};
use crate::i18n::{Lang, date_format, format_price, t_with};
use crate::money::Cents;
use crate::web::chart::{Bar, bar_chart, money_axis};
use crate::web::{Layout, Reply, form_error};

pub fn routes() -> Vec<Route> {
    routes![
        get_reports,
        get_sales,
        get_top_products,
        get_customers,
        get_low_stock
    ]
}

/// The filters of a report page, as typed.
#[derive(Debug, Default, Clone, FromForm, Serialize)]
struct Filter {
    from: Option<String>,
    to: Option<String>,
    group: Option<String>,
    limit: Option<String>,
    threshold: Option<String>,
}

impl Filter {
    fn params(&self) -> Params<'_> {
        Params {
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            group: self.group.as_deref(),
            limit: self.limit.as_deref(),
            threshold: self.threshold.as_deref(),
        }
    }

    /// The filters the form shows: the checked query's when it passed
    /// (so the defaults are filled in), else what was typed.
    fn shown(&self, query: Option<&Query>) -> Filter {
        match query {
            Some(q) => Filter {
                from: Some(q.range.from.to_string()),
                to: Some(q.range.to.to_string()),
                group: Some(q.group.as_str().into()),
                limit: Some(q.limit.to_string()),
                threshold: Some(q.threshold.to_string()),
            },
            None => self.clone(),
        }
    }

    /// The API's CSV of the same report, keeping the filters of `names`.
    fn csv_link(&self, report: &str, names: &[&str]) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for (name, value) in [
            ("from", &self.from),
            ("to", &self.to),
            ("group", &self.group),
            ("limit", &self.limit),
            ("threshold", &self.threshold),
        ] {
            if let Some(value) = value.as_deref().filter(|_| names.contains(&name)) {
                pairs.push((name, value));
            }
        }
        pairs.push(("format", "csv"));
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_else(|_| "format=csv".into());
        format!("/api/v1/reports/{report}?{query}")
    }
}

/// The context of every `admin/reports/*.html` page but the index.
#[derive(Serialize)]
struct ReportPage<T: Serialize> {
    filter: Filter,
    groups: Vec<Choice>,
    /// The SVG, drawn here; empty when the filters are wrong.
    chart: String,
    report: Option<T>,
    csv_link: String,
    /// Filled in by `form_error` when a filter is wrong.
    errors: FieldErrors,
}

#[get("/admin/reports")]
fn get_reports(_staff: Staff, layout: Layout) -> Reply {
    Reply::page("admin/reports/index.html", &layout, serde_json::json!({}))
}

/// Which report a page shows: its template, its name in the API's path,
/// and the filters it takes.
struct Kind {
    template: &'static str,
    report: &'static str,
    names: &'static [&'static str],
}

/// Checks the filters, runs `run` and draws `draw`, or shows the form
/// again with the errors next to their fields.
async fn page<T, R, D>(
    kind: Kind,
    filter: Filter,
    layout: Layout,
    settings: &Settings,
    db: &Db,
    run: R,
    draw: D,
) -> Result<Reply, Error>
where
    T: Serialize + Send + 'static,
    R: FnOnce(&rusqlite::Connection, chrono_tz::Tz, Query) -> Result<T, Error> + Send + 'static,
    D: FnOnce(&T, &str, Lang) -> String,
{
    let lang = layout.lang;
    let groups = ["day", "week", "month"]
        .into_iter()
        .map(|g| Choice {
            value: g.into(),
            label: t_with(lang, "admin-reports-group-by", &[("group", text(g))]),
        })
        .collect();
    let checked = filter.params().check_for(&settings.current());
    let (query, tz) = match checked {
        Ok(checked) => checked,
        Err(e) => {
            let context = ReportPage::<T> {
                csv_link: String::new(),
                filter: filter.shown(None),
                groups,
                chart: String::new(),
                report: None,
                errors: FieldErrors::new(),
            };
            return form_error(kind.template, &layout, context, e);
        }
    };
    let found = db.run(move |conn| run(conn, tz, query)).await?;
    let shown = filter.shown(Some(&query));
    let currency = settings.current().currency;
    Ok(Reply::page(
        kind.template,
        &layout,
        ReportPage {
            csv_link: shown.csv_link(kind.report, kind.names),
            chart: draw(&found, &currency, lang),
            filter: shown,
            groups,
            report: Some(found),
            errors: FieldErrors::new(),
        },
    ))
}

/// A label short enough to sit under a bar.
fn short(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(chars.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// What hovering a bar of revenue shows: its label, the revenue and a
/// count (`key` says of what: orders, items sold).
fn revenue_hover(lang: Lang, key: &str, label: &str, revenue: Cents, currency: &str, count: i64) -> String {
    let args = [
        ("label", text(label)),
        ("revenue", text(format_price(revenue, currency, lang))),
        ("count", text(count)),
    ];
    t_with(lang, key, &args)
}

/// A day of a report (`2026-11-30`) written the local way.
fn day(lang: Lang, iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map_or_else(|_| iso.to_string(), |d| d.format(date_format(lang)).to_string())
}

/// How many rows a chart shows at most; the table has them all.
const CHART_ROWS: usize = 20;

#[get("/admin/reports/sales?<filter..>")]
async fn get_sales(
    filter: Filter,
    _staff: Staff,
    layout: Layout,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    page(
        Kind {
            template: "admin/reports/sales.html",
            report: "sales",
            names: &["from", "to", "group"],
        },
        filter,
        layout,
        settings,
        db,
        |conn, tz, q| reports::sales(conn, tz, q.range, q.group),
        |report, currency, lang| {
            let bars: Vec<Bar> = report
                .rows
                .iter()
                .map(|r| Bar {
                    // The year is in the heading; days and weeks go by day and month.
                    label: match report.group {
                        Group::Month => month(lang, &r.period),
                        Group::Day | Group::Week => short_day(lang, &r.period),
                    },
                    value: r.revenue_cents.0,
                    hover: revenue_hover(
                        lang,
                        "admin-chart-revenue-orders",
                        &match report.group {
                            Group::Month => month(lang, &r.period),
                            Group::Day | Group::Week => day(lang, &r.period),
                        },
                        r.revenue_cents,
                        currency,
                        r.orders,
                    ),
                })
                .collect();
            let range = [
                ("group", text(report.group.as_str())),
                ("from", text(day(lang, &report.from))),
                ("to", text(day(lang, &report.to))),
            ];
            bar_chart(
                &t_with(lang, "admin-chart-sales", &range),
                &bars,
                &money_axis(currency, lang),
                100,
            )
        },
    )
    .await
}

#[get("/admin/reports/top-products?<filter..>")]
async fn get_top_products(
    filter: Filter,
    _staff: Staff,
    layout: Layout,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    page(
        Kind {
            template: "admin/reports/top_products.html",
            report: "top-products",
            names: &["from", "to", "limit"],
        },
        filter,
        layout,
        settings,
        db,
        |conn, tz, q| reports::top_products(conn, tz, q.range, q.limit),
        |report, currency, lang| {
            let bars: Vec<Bar> = report
                .rows
                .iter()
                .take(CHART_ROWS)
                .map(|r| Bar {
                    label: short(&r.name, 12),
                    value: r.revenue_cents.0,
                    hover: revenue_hover(
                        lang,
                        "admin-chart-revenue-sold",
                        &r.name,
                        r.revenue_cents,
                        currency,
                        r.quantity,
                    ),
                })
                .collect();
            let range = [
                ("from", text(day(lang, &report.from))),
                ("to", text(day(lang, &report.to))),
            ];
            bar_chart(
                &t_with(lang, "admin-chart-top-products", &range),
                &bars,
                &money_axis(currency, lang),
                100,
            )
        },
    )
    .await
}

#[get("/admin/reports/customers?<filter..>")]
async fn get_customers(
    filter: Filter,
    _staff: Staff,
    layout: Layout,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    page(
        Kind {
            template: "admin/reports/customers.html",
            report: "customers",
            names: &["from", "to", "limit"],
        },
        filter,
        layout,
        settings,
        db,
        |conn, tz, q| reports::customers(conn, tz, q.range, q.limit),
        |report, currency, lang| {
            let bars: Vec<Bar> = report
                .rows
                .iter()
                .take(CHART_ROWS)
                .map(|r| Bar {
                    label: short(&r.username, 12),
                    value: r.revenue_cents.0,
                    hover: revenue_hover(
                        lang,
                        "admin-chart-revenue-orders",
                        &r.username,
                        r.revenue_cents,
                        currency,
                        r.orders,
                    ),
                })
                .collect();
            let range = [
                ("from", text(day(lang, &report.from))),
                ("to", text(day(lang, &report.to))),
            ];
            bar_chart(
                &t_with(lang, "admin-chart-customers", &range),
                &bars,
                &money_axis(currency, lang),
                100,
            )
        },
    )
    .await
}

#[get("/admin/reports/low-stock?<filter..>")]
async fn get_low_stock(
    filter: Filter,
    _staff: Staff,
    layout: Layout,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    page(
        Kind {
            template: "admin/reports/low_stock.html",
            report: "low-stock",
            names: &["threshold", "limit"],
        },
        filter,
        layout,
        settings,
        db,
        |conn, _, q| reports::low_stock(conn, q.threshold, q.limit),
        |report, _, lang| {
            let bars: Vec<Bar> = report
                .rows
                .iter()
                .take(CHART_ROWS)
                .map(|r| Bar {
                    label: short(&r.name, 12),
                    value: r.stock,
                    hover: t_with(
                        lang,
                        "admin-chart-in-stock",
                        &[("label", text(&r.name)), ("count", text(r.stock))],
                    ),
                })
                .collect();
            let threshold = [("threshold", text(report.threshold))];
            bar_chart(
                &t_with(lang, "admin-chart-low-stock", &threshold),
                &bars,
                &|v| v.to_string(),
                5,
            )
        },
    )
    .await
}

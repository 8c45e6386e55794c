//! The back office: pages for staff and admins to run the catalog. Every
//! handler takes the `Staff` guard; the rules are the domain's, shared with
//! the JSON API.

mod backups;
mod categories;
mod coupons;
mod orders;
mod product_csv;
mod products;
mod reports;
mod reviews;
mod settings;
mod suppliers;
mod users;

use rocket::{Route, State, get, routes};
use serde::Serialize;

use crate::auth::Staff;
use crate::db::categories::Category;
use crate::db::orders::{Order, OrderFilter};
use crate::db::products::CatalogCounts;
use crate::db::{Db, orders as order_rows, products as product_rows};
use crate::domain::categories::{TreeEntry, tree};
use crate::domain::paging::Paging;
use crate::domain::reports::{self as report_rules, LowStockReport, Trade};
use crate::domain::settings::Settings;
use crate::error::Error;
use crate::i18n::{FluentValue, format_price, t, t_with};
use crate::web::chart::{Bar, bar_chart, money_axis};
use crate::web::pager::Pager;
use crate::web::{Empty, Layout, Reply};

pub fn routes() -> Vec<Route> {
    [
        routes![get_dashboard],
        products::routes(),
        categories::routes(),
        suppliers::routes(),
        product_csv::routes(),
        settings::routes(),
        backups::routes(),
        coupons::routes(),
        orders::routes(),
        users::routes(),
        reviews::routes(),
        reports::routes(),
    ]
    .concat()
}

/// The context of `admin/index.html`: what an owner looks at first thing
/// in the morning.
#[derive(Serialize)]
struct DashboardPage {
    counts: CatalogCounts,
    /// The number of orders in each status.
    orders: std::collections::BTreeMap<String, i64>,
    low_stock: i64,
    trade: Trade,
    /// The last 30 days' revenue, drawn.
    chart: String,
    low_stock_products: LowStockReport,
    newest: Vec<Order>,
}

/// How many low-stock products and newest orders the dashboard lists.
const DASHBOARD_ROWS: i64 = 8;

#[get("/admin")]
async fn get_dashboard(
    _staff: Staff,
    layout: Layout,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let shop = settings.current();
    let (tz, threshold) = (shop.tz(), shop.low_stock_threshold);
    let (counts, orders, trade, low_stock_products, newest) = db
        .run(move |conn| {
            let newest = order_rows::list_page(conn, &OrderFilter::default(), DASHBOARD_ROWS, 0)?.0;
            Ok((
                product_rows::counts(conn, threshold)?,
                order_rows::count_by_status(conn)?,
                report_rules::trade(conn, tz, chrono::Utc::now())?,
                report_rules::low_stock(conn, threshold, DASHBOARD_ROWS)?,
                newest,
            ))
        })
        .await?;
    let lang = layout.lang;
    let bars: Vec<Bar> = trade
        .days
        .iter()
        .map(|d| Bar {
            label: short_day(lang, &d.period),
            value: d.revenue_cents.0,
            hover: t_with(
                lang,
                "admin-chart-revenue-orders",
                &[
                    ("label", text(&d.period)),
                    (
                        "revenue",
                        text(format_price(d.revenue_cents, &shop.currency, lang)),
                    ),
                    ("count", text(d.orders)),
                ],
            ),
        })
        .collect();
    let chart = bar_chart(
        &t(lang, "admin-chart-revenue-30"),
        &bars,
        &money_axis(&shop.currency, lang),
        100,
    );
    Ok(Reply::page(
        "admin/index.html",
        &layout,
        DashboardPage {
            counts,
            orders,
            low_stock: threshold,
            trade,
            chart,
            low_stock_products,
            newest,
        },
    ))
}

/// A message's variable that is text (a name, a code, an amount already
/// written), so that Fluent writes it as it is.
fn text(value: impl std::fmt::Display) -> FluentValue<'static> {
    FluentValue::from(value.to_string())
}

/// A day under a chart's bar, the year being in its title: `11-30`, and
/// in Spanish `30/11`.
fn short_day(lang: crate::i18n::Lang, period: &str) -> String {
    match (lang, chrono::NaiveDate::parse_from_str(period, "%Y-%m-%d")) {
        (crate::i18n::Lang::Es, Ok(day)) => day.format("%d/%m").to_string(),
        (crate::i18n::Lang::En, Ok(day)) => day.format("%-d %b").to_string(),
        (_, Err(_)) => period.to_string(),
    }
}

/// A report's month (`2026-11`) as the language writes it: Nov 2026, 11/2026.
fn month(lang: crate::i18n::Lang, period: &str) -> String {
    let first = chrono::NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d");
    match (lang, first) {
        (crate::i18n::Lang::Es, Ok(day)) => day.format("%m/%Y").to_string(),
        (crate::i18n::Lang::En, Ok(day)) => day.format("%b %Y").to_string(),
        (_, Err(_)) => period.to_string(),
    }
}

/// An amount in a form's field, with the decimal separator of `lang`
/// (12.90, 12,90); the forms read either.
fn form_decimal(lang: crate::i18n::Lang, amount: crate::money::Cents) -> String {
    let written = amount.to_string();
    match lang {
        crate::i18n::Lang::Es => written.replace('.', ","),
        crate::i18n::Lang::En => written,
    }
}

/// One option of a `<select>`.
#[derive(Debug, Clone, Serialize)]
struct Choice {
    value: String,
    label: String,
}

/// The categories as select options, indented by depth, leaving out
/// `except` and everything below it (a category's own parent must not be
/// itself or one of its subcategories).
fn category_choices(all: Vec<Category>, except: Option<crate::ids::CategoryId>) -> Vec<Choice> {
    let mut skip_below = None;
    tree(all)
        .into_iter()
        .filter(|TreeEntry { depth, category }| {
            if skip_below.is_some_and(|d| *depth > d) {
                return false;
            }
            skip_below = None;
            if Some(category.id) == except {
                skip_below = Some(*depth);
                return false;
            }
            true
        })
        .map(|e| Choice {
            value: e.category.id.to_string(),
            label: format!("{}{}", "— ".repeat(e.depth), e.category.name),
        })
        .collect()
}

/// The id chosen in a select: none for the empty option, and id 0 (which
/// no row has, so the domain refuses it by name) for anything not a number.
fn chosen_id(value: &str) -> Option<i64> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.parse().ok().filter(|id| *id > 0).unwrap_or(0))
}

/// A whole number typed in a form (stock, a stock change).
fn whole_number(text: &str) -> Result<i64, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is required");
    }
    text.parse().map_err(|_| "must be a whole number")
}

/// Rows per page of back-office lists.
fn paging(page: Option<&str>) -> Result<Paging, Error> {
    Paging::parse(page, None)
}

/// What a delete confirmation page shows.
#[derive(Debug, Serialize)]
struct Confirm {
    /// "product", "category", "supplier".
    kind: &'static str,
    /// Where its pages are: `/admin/{section}/{id}/delete`.
    section: &'static str,
    id: i64,
    name: String,
    /// What else deleting does, if anything.
    note: Option<String>,
}

/// The context of `admin/delete.html`.
#[derive(Serialize)]
struct ConfirmPage<'a> {
    confirm: &'a Confirm,
}

impl Confirm {
    fn page(&self, layout: &Layout) -> Reply {
        Reply::page("admin/delete.html", layout, ConfirmPage { confirm: self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CategoryId;

    #[test]
    fn a_category_is_not_offered_as_its_own_parent_nor_are_its_subcategories() {
        let all = vec![
            Category::sample(1, "Shoes", None),
            Category::sample(2, "Boots", Some(1)),
            Category::sample(3, "Winter", Some(2)),
            Category::sample(4, "Sandals", Some(1)),
            Category::sample(5, "Toys", None),
        ];
        let labels = |except| {
            category_choices(all.clone(), except)
                .into_iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(Some(CategoryId(2))), ["Shoes", "— Sandals", "Toys"]);
        assert_eq!(labels(None).len(), 5);
        assert_eq!(labels(None)[2], "— — Winter");
    }

    #[test]
    fn the_back_office_speaks_both_languages() {
        use crate::i18n::Lang;
        assert_eq!(t(Lang::Es, "admin-dashboard-title"), "Administración");
        assert_eq!(t(Lang::En, "admin-dashboard-title"), "Back office");
        let n = |n: i64| [("count", FluentValue::from(n))];
        assert_eq!(
            t_with(Lang::Es, "admin-dashboard-awaiting-payment", &n(1)),
            "pedido pendiente de pago"
        );
        assert_eq!(
            t_with(Lang::Es, "admin-dashboard-awaiting-payment", &n(3)),
            "pedidos pendientes de pago"
        );
        assert_eq!(short_day(Lang::Es, "2026-11-30"), "30/11");
        assert_eq!(short_day(Lang::En, "2026-11-30"), "30 Nov");
        assert_eq!(month(Lang::Es, "2026-11"), "11/2026");
        assert_eq!(month(Lang::En, "2026-11"), "Nov 2026");
        assert_eq!(form_decimal(Lang::Es, crate::money::Cents(1290)), "12,90");
    }

    #[test]
    fn select_values_become_ids() {
        assert_eq!(chosen_id(""), None);
        assert_eq!(chosen_id("7"), Some(7));
        assert_eq!(chosen_id("x"), Some(0));
        assert_eq!(chosen_id("-3"), Some(0));
        assert_eq!(whole_number("+5"), Ok(5));
        assert_eq!(whole_number("-2"), Ok(-2));
        assert!(whole_number("1.5").is_err());
        assert!(whole_number(" ").is_err());
    }
}

//! `/api/v1/reports/*`: the back office's reports for staff, as JSON or, with
//! `?format=csv`, as a CSV download of the same rows.

use rocket::Either;
use rocket::serde::json::Json;
use rocket::{Route, State, get, routes};

use crate::api::ApiResult;
use crate::attachment::CsvFile;
use crate::auth::Staff;
use crate::db::Db;
use crate::domain::reports::{self, CustomerReport, LowStockReport, Params, ProductReport, SalesReport};
use crate::domain::settings::Settings;
use crate::error::Error;
use crate::error_schema::ApiError;

/// JSON, or the CSV file of the same rows.
type Answer<T> = ApiResult<Either<Json<T>, CsvFile>>;

/// Whether the answer is CSV; anything but `json` or `csv` is refused.
pub fn wants_csv(format: Option<&str>) -> Result<bool, Error> {
    match format.map(str::trim) {
        None | Some("") | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(_) => Err(Error::field("format", "must be json or csv")),
    }
}

fn answer<T>(report: T, csv: bool, name: &str, to_csv: fn(&T) -> Result<Vec<u8>, Error>) -> Answer<T> {
    if csv {
        Ok(Either::Right(CsvFile::new(name, to_csv(&report)?)))
    } else {
        Ok(Either::Left(Json(report)))
    }
}

#[utoipa::path(
    tag = "back office",
    summary = "Sales by day, week or month: orders paid, revenue after refunds",
    description = "An order counts when it is paid (`paid_at`), in the shop's time zone; a refund, \
        or the cancelling of a paid order, subtracts its total in the period of the refund. Every \
        period of the range has a row, those without sales too.",
    params(
        ("from" = Option<String>, Query, format = Date, description = "first local day; default 29 days before `to`"),
        ("to" = Option<String>, Query, format = Date, description = "last local day, included; default today"),
        ("group" = Option<String>, Query, pattern = "^(day|week|month)$", description = "default day; weeks start on Monday"),
        ("format" = Option<String>, Query, pattern = "^(json|csv)$", description = "csv: the rows as a CSV download, money as decimals"),
    ),
    responses(
        (status = 200, description = "the report", content((SalesReport = "application/json"), (String = "text/csv"))),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/reports/sales?<from>&<to>&<group>&<format>")]
async fn get_sales(
    from: Option<&str>,
    to: Option<&str>,
    group: Option<&str>,
    format: Option<&str>,
    _staff: Staff,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Answer<SalesReport> {
    let csv = wants_csv(format)?;
    let (query, tz) = Params {
        from,
        to,
        group,
        ..Params::default()
    }
    .check_for(&settings.current())?;
    let report = db
        .run(move |conn| reports::sales(conn, tz, query.range, query.group))
        .await?;
    answer(report, csv, "sales.csv", SalesReport::csv)
}

#[utoipa::path(
    tag = "back office",
    summary = "The products that brought the most revenue",
    description = "Quantities and line amounts (after discounts) of the orders paid in the range, \
        less those refunded in it.",
    params(
        ("from" = Option<String>, Query, format = Date, description = "first local day; default 29 days before `to`"),
        ("to" = Option<String>, Query, format = Date, description = "last local day, included; default today"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 1000, description = "default 10"),
        ("format" = Option<String>, Query, pattern = "^(json|csv)$", description = "csv: the rows as a CSV download, money as decimals"),
    ),
    responses(
        (status = 200, description = "the report", content((ProductReport = "application/json"), (String = "text/csv"))),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/reports/top-products?<from>&<to>&<limit>&<format>")]
async fn get_top_products(
    from: Option<&str>,
    to: Option<&str>,
    limit: Option<&str>,
    format: Option<&str>,
    _staff: Staff,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Answer<ProductReport> {
    let csv = wants_csv(format)?;
    let (query, tz) = Params {
        from,
        to,
        limit,
        ..Params::default()
    }
    .check_for(&settings.current())?;
    let report = db
        .run(move |conn| reports::top_products(conn, tz, query.range, query.limit))
        .await?;
    answer(report, csv, "top-products.csv", ProductReport::csv)
}

#[utoipa::path(
    tag = "back office",
    summary = "The customers who brought the most revenue",
    description = "Orders paid in the range less those refunded in it, per customer.",
    params(
        ("from" = Option<String>, Query, format = Date, description = "first local day; default 29 days before `to`"),
        ("to" = Option<String>, Query, format = Date, description = "last local day, included; default today"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 1000, description = "default 10"),
        ("format" = Option<String>, Query, pattern = "^(json|csv)$", description = "csv: the rows as a CSV download, money as decimals"),
    ),
    responses(
        (status = 200, description = "the report", content((CustomerReport = "application/json"), (String = "text/csv"))),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/reports/customers?<from>&<to>&<limit>&<format>")]
async fn get_customers(
    from: Option<&str>,
    to: Option<&str>,
    limit: Option<&str>,
    format: Option<&str>,
    _staff: Staff,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Answer<CustomerReport> {
    let csv = wants_csv(format)?;
    let (query, tz) = Params {
        from,
        to,
        limit,
        ..Params::default()
    }
    .check_for(&settings.current())?;
    let report = db
        .run(move |conn| reports::customers(conn, tz, query.range, query.limit))
        .await?;
    answer(report, csv, "customers.csv", CustomerReport::csv)
}

#[utoipa::path(
    tag = "back office",
    summary = "Active products with little stock left, fewest first",
    params(
        ("threshold" = Option<i64>, Query, minimum = 0, maximum = 1000000, description = "this many or fewer; default the `low_stock_threshold` setting"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 1000, description = "default 10"),
        ("format" = Option<String>, Query, pattern = "^(json|csv)$", description = "csv: the rows as a CSV download"),
    ),
    responses(
        (status = 200, description = "the report", content((LowStockReport = "application/json"), (String = "text/csv"))),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/reports/low-stock?<threshold>&<limit>&<format>")]
async fn get_low_stock(
    threshold: Option<&str>,
    limit: Option<&str>,
    format: Option<&str>,
    _staff: Staff,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Answer<LowStockReport> {
    let csv = wants_csv(format)?;
    let (query, _) = Params {
        threshold,
        limit,
        ..Params::default()
    }
    .check_for(&settings.current())?;
    let report = db
        .run(move |conn| reports::low_stock(conn, query.threshold, query.limit))
        .await?;
    answer(report, csv, "low-stock.csv", LowStockReport::csv)
}

pub fn routes() -> Vec<Route> {
    routes![get_sales, get_top_products, get_customers, get_low_stock]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_sales, get_top_products, get_customers, get_low_stock))]
pub struct Doc;

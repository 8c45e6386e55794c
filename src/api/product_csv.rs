//! The product CSV file through the API: `/export/products.csv` and
//! `/import/products`.

use rocket::data::{Data, ToByteUnit};
use rocket::http::ContentType;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};

use crate::api::ApiResult;
use crate::attachment::CsvFile;
use crate::auth::Staff;
use crate::db::Db;
use crate::domain::product_csv::{self, ImportReport, Source};
use crate::error::Error;
use crate::error_schema::ApiError;
use crate::i18n;
use crate::upload;

#[utoipa::path(
    tag = "transfer",
    summary = "Every product as CSV",
    responses(
        (status = 200, description = "sku,name,description,price,stock,category,supplier,active", content_type = "text/csv", body = String),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
    ),
)]
#[get("/export/products.csv")]
async fn get_products_csv(_staff: Staff, db: &State<Db>) -> ApiResult<CsvFile> {
    let body = db.run(|conn| product_csv::export_bytes(conn)).await?;
    Ok(CsvFile::new(product_csv::FILE_NAME, body))
}

#[utoipa::path(
    tag = "transfer",
    summary = "Import products from CSV, all or nothing",
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "what was done, or every bad line", body = ImportReport),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[post("/import/products", data = "<data>")]
async fn post_products_import(
    data: Data<'_>,
    content_type: Option<&ContentType>,
    staff: Staff,
    db: &State<Db>,
    lang: super::AskedLang,
) -> ApiResult<Json<ImportReport>> {
    if !content_type.is_some_and(|ct| ct.media_type() == ContentType::CSV.media_type()) {
        return Err(Error::UnsupportedMediaType(
            "expected Content-Type: text/csv".into(),
        ));
    }
    // The file waits on disk, not in memory, between its check and its
    // import: a big import then needs little memory.
    let spool = tempfile::NamedTempFile::new().map_err(Error::caused)?;
    let written = data
        .open(product_csv::MAX_MIB.mebibytes())
        .into_file(spool.path())
        .await
        .map_err(|e| Error::BadRequest("bad_request", format!("the body could not be read: {e}")))?;
    if !written.is_complete() {
        return Err(Error::PayloadTooLarge);
    }
    let source = Source::Spooled(spool);
    let user = staff.0.user.id;
    let mut report = upload::import_products(db, source, user).await?;
    for e in &mut report.errors {
        e.message = i18n::message(lang.0, &e.message);
    }
    Ok(Json(report))
}

pub fn routes() -> Vec<Route> {
    routes![get_products_csv, post_products_import]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_products_csv, post_products_import))]
pub struct Doc;

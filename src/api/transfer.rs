//! CSV export and import of products through the API.

use rocket::data::{Data, ToByteUnit};
use rocket::http::{ContentType, Header};
use rocket::serde::json::Json;
use rocket::{Responder, Route, State, get, post, routes};

use crate::api::ApiResult;
use crate::api::openapi::ApiError;
use crate::auth::Staff;
use crate::db::Db;
use crate::domain::csv_products::{self, ImportReport};
use crate::error::Error;

#[derive(Responder)]
pub struct CsvFile {
    body: Vec<u8>,
    content_type: ContentType,
    disposition: Header<'static>,
}

impl CsvFile {
    pub fn new(name: &str, body: Vec<u8>) -> CsvFile {
        CsvFile {
            body,
            content_type: ContentType::CSV,
            disposition: Header::new("Content-Disposition", format!("attachment; filename=\"{name}\"")),
        }
    }
}

pub async fn export_products(db: &Db) -> Result<CsvFile, Error> {
    let body = db
        .run(|conn| {
            let mut out = Vec::new();
            csv_products::export(conn, &mut out)?;
            Ok(out)
        })
        .await?;
    Ok(CsvFile::new("products.csv", body))
}

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
    export_products(db).await
}

/// The largest CSV file accepted.
pub const MAX_CSV_MIB: u64 = 32;

pub async fn import_products(
    db: &Db,
    user: crate::ids::UserId,
    data: Vec<u8>,
) -> Result<ImportReport, Error> {
    db.run(move |conn| csv_products::import(conn, &data, Some(user), &|_| {}))
        .await
}

#[utoipa::path(
    tag = "transfer",
    summary = "Import products from CSV, all or nothing; bearer token",
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
) -> ApiResult<Json<ImportReport>> {
    if !content_type.is_some_and(|ct| ct.media_type() == ContentType::CSV.media_type()) {
        return Err(Error::UnsupportedMediaType(
            "expected Content-Type: text/csv".into(),
        ));
    }
    let body = data
        .open(MAX_CSV_MIB.mebibytes())
        .into_bytes()
        .await
        .map_err(Error::internal)?;
    if !body.is_complete() {
        return Err(Error::PayloadTooLarge);
    }
    Ok(Json(
        import_products(db, staff.0.user.id, body.into_inner()).await?,
    ))
}

pub fn routes() -> Vec<Route> {
    routes![get_products_csv, post_products_import]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_products_csv, post_products_import))]
pub struct Doc;

//! The product CSV file in the back office: import products from an uploaded file (all or nothing,
//! with every bad line listed) and download the export.

use rocket::form::{Errors, Form};
use rocket::fs::TempFile;
use rocket::http::Status;
use rocket::tokio::io::AsyncReadExt;
use rocket::{FromForm, Route, State, get, post, routes};
use serde::Serialize;

use super::text;
use crate::attachment::CsvFile;
use crate::auth::Staff;
use crate::auth::csrf;
use crate::auth::session::CurrentSession;
use crate::db::Db;
use crate::domain::product_csv::{self, COLUMNS, ImportReport, MAX_MIB, Source};
use crate::error::Error;
use crate::i18n::{FluentValue, t_with};
use crate::upload;
use crate::web::{Layout, Reply, render};

/// The context of `admin/import.html`: what a file holds, and what was
/// wrong with the one sent (a `message`, or the lines of the `report`).
#[derive(Serialize)]
struct ImportPage {
    columns: String,
    max_mib: u64,
    message: Option<String>,
    report: Option<ImportReport>,
}

fn page(layout: &Layout, status: Status, message: Option<String>, report: Option<ImportReport>) -> Reply {
    let context = ImportPage {
        columns: COLUMNS.join(","),
        max_mib: MAX_MIB,
        message,
        report,
    };
    Reply::Page((status, render("admin/import.html", layout, context)))
}

#[get("/admin/import")]
fn get_import(_staff: Staff, layout: Layout) -> Reply {
    page(&layout, Status::Ok, None, None)
}

#[derive(FromForm)]
struct ImportForm<'r> {
    #[field(name = "_csrf")]
    csrf: Option<String>,
    file: TempFile<'r>,
}

async fn read(file: &TempFile<'_>) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::with_capacity(file.len() as usize);
    file.open()
        .await
        .map_err(Error::caused)?
        .read_to_end(&mut bytes)
        .await
        .map_err(Error::caused)?;
    Ok(bytes)
}

#[post("/admin/import", data = "<form>")]
async fn post_import(
    form: Result<Form<ImportForm<'_>>, Errors<'_>>,
    staff: Staff,
    layout: Layout,
    current: &CurrentSession,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let Ok(form) = form else {
        let mib = [("mib", FluentValue::from(MAX_MIB))];
        let message = t_with(layout.lang, "admin-import-too-big", &mib);
        return Ok(page(&layout, Status::UnprocessableEntity, Some(message), None));
    };
    csrf::verify(current, form.csrf.as_deref().unwrap_or_default())?;
    let source = Source::Bytes(read(&form.file).await?);
    let user = staff.0.user.id;
    let report = upload::import_products(db, source, user).await?;
    if report.errors.is_empty() {
        let counts = [
            ("created", text(report.created)),
            ("updated", text(report.updated)),
        ];
        let message = t_with(layout.lang, "admin-import-done", &counts);
        return Ok(Reply::redirect("/admin/products", &message));
    }
    Ok(page(&layout, Status::UnprocessableEntity, None, Some(report)))
}

#[get("/admin/export/products.csv")]
async fn get_export(_staff: Staff, db: &State<Db>) -> Result<CsvFile, Error> {
    let body = db.run(|conn| product_csv::export_bytes(conn)).await?;
    Ok(CsvFile::new(product_csv::FILE_NAME, body))
}

pub fn routes() -> Vec<Route> {
    routes![get_import, post_import, get_export]
}

//! Uploads that the back office's and the API's routes share: a product
//! image from a multipart form (what the bytes must be is
//! `domain::images`'), and a product CSV file to import.

use rocket::form::{Errors, Form};
use rocket::fs::TempFile;
use rocket::tokio::io::AsyncReadExt;

use crate::db::products::{self, ImageRef};
use crate::db::{Db, blocking};
use crate::domain::images::{self, too_large};
use crate::domain::product_csv::{self, ImportReport, Source};
use crate::error::Error;
use crate::ids::{ProductId, UserId};

/// Imports a product CSV file for `user`: every line is checked on the
/// blocking pool first, then the file is written in a batch of its own.
/// A file with bad lines changes nothing and gets the report of them.
pub async fn import_products(db: &Db, source: Source, user: UserId) -> Result<ImportReport, Error> {
    match blocking(move || Ok(product_csv::check(source))).await? {
        Ok(file) => {
            db.write_alone(move |tx| product_csv::import(tx, &file, Some(user), &|_| {}))
                .await
        }
        Err(report) => Ok(report),
    }
}

/// A multipart form with one `file` field.
#[derive(rocket::FromForm)]
pub struct Upload<'r> {
    pub file: TempFile<'r>,
}

/// The uploaded bytes and their image type, checked: there, at most
/// `max_mb` megabytes, and an image.
pub async fn read_image(
    max_mb: u64,
    form: Result<Form<Upload<'_>>, Errors<'_>>,
) -> Result<(Vec<u8>, &'static str), Error> {
    let upload = match form {
        Ok(form) => form.into_inner(),
        Err(errors) => {
            let over_limit = errors.iter().any(|e| {
                matches!(e.kind, rocket::form::error::ErrorKind::InvalidLength { .. })
                    || e.to_string().contains("limit")
            });
            if over_limit {
                return Err(too_large(max_mb));
            }
            return Err(Error::field(
                "file",
                "must be an image file sent as multipart/form-data",
            ));
        }
    };
    if upload.file.len() > max_mb * 1024 * 1024 {
        return Err(too_large(max_mb));
    }
    let mut bytes = Vec::with_capacity(upload.file.len() as usize);
    let mut reader = upload.file.open().await.map_err(Error::caused)?;
    reader.read_to_end(&mut bytes).await.map_err(Error::caused)?;
    let content_type = images::check(&bytes)?;
    Ok((bytes, content_type))
}

/// Adds the uploaded image to `product`: a product that is not there is
/// "not found" before the upload is looked at.
pub async fn add_image(
    db: &Db,
    max_mb: u64,
    product: ProductId,
    form: Result<Form<Upload<'_>>, Errors<'_>>,
) -> Result<ImageRef, Error> {
    db.run(move |conn| products::find_id_exists(conn, product))
        .await?;
    let (bytes, content_type) = read_image(max_mb, form).await?;
    db.write(move |tx| images::add(tx, product, &bytes, content_type))
        .await
}

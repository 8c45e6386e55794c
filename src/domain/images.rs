//! Product images: recognised by their content (PNG, JPEG, WebP, GIF), not
//! by their name or declared type, and kept in the database.

use rocket::form::{Errors, Form};
use rocket::fs::TempFile;
use rocket::tokio::io::AsyncReadExt;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::db::products::ImageRef;
use crate::db::{Db, images, products, write_tx};
use crate::error::Error;
use crate::ids::{ImageId, ProductId};

/// A multipart form with one `file` field.
#[derive(rocket::FromForm)]
pub struct Upload<'r> {
    pub file: TempFile<'r>,
}

/// The image type of `bytes`, by their first bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

pub fn etag(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn too_large(config: &Config) -> Error {
    Error::Validation {
        message: format!("the image is larger than {} MB", config.max_image_mb),
        fields: [(
            "file".to_string(),
            vec![format!("must be at most {} MB", config.max_image_mb)],
        )]
        .into(),
    }
}

/// The uploaded bytes, checked: there, not too large, and an image.
pub async fn read_upload(
    config: &Config,
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
                return Err(too_large(config));
            }
            return Err(Error::field(
                "file",
                "must be an image file sent as multipart/form-data",
            ));
        }
    };
    let limit = config.max_image_mb * 1024 * 1024;
    if upload.file.len() > limit {
        return Err(too_large(config));
    }
    let mut bytes = Vec::with_capacity(upload.file.len() as usize);
    let mut reader = upload.file.open().await.map_err(Error::internal)?;
    reader.read_to_end(&mut bytes).await.map_err(Error::internal)?;
    if bytes.is_empty() {
        return Err(Error::field("file", "is empty"));
    }
    let content_type =
        sniff(&bytes).ok_or_else(|| Error::field("file", "must be a PNG, JPEG, WebP or GIF image"))?;
    Ok((bytes, content_type))
}

pub async fn add(
    db: &Db,
    config: &Config,
    product: ProductId,
    form: Result<Form<Upload<'_>>, Errors<'_>>,
) -> Result<ImageRef, Error> {
    db.run(move |conn| products::find_id_exists(conn, product))
        .await?;
    let (bytes, content_type) = read_upload(config, form).await?;
    let tag = etag(&bytes);
    let id = db
        .run(move |conn| {
            let tx = write_tx(conn)?;
            products::find_id_exists(&tx, product)?;
            let id = images::insert(&tx, product, content_type, &bytes, &tag)?;
            tx.commit()?;
            Ok(id)
        })
        .await?;
    Ok(ImageRef::new(id))
}

pub async fn remove(db: &Db, product: ProductId, image: ImageId) -> Result<(), Error> {
    Error::found(db.run(move |conn| images::delete(conn, product, image)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"hello, I am text named x.png"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVE"), None);
        assert_eq!(sniff(b""), None);
    }
}

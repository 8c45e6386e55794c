//! Product images: recognised by their content (PNG, JPEG, WebP, GIF), not
//! by their name or declared type, and kept in the database.

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::db::products::ImageRef;
use crate::db::{images, products};
use crate::domain::image_size;
use crate::error::Error;
use crate::ids::{ImageId, ProductId};

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

/// The error of a file over the limit of `max_mb` megabytes.
pub fn too_large(max_mb: u64) -> Error {
    Error::Validation {
        message: format!("the image is larger than {max_mb} MB"),
        fields: [("file".to_string(), vec![format!("must be at most {max_mb} MB")])].into(),
    }
}

/// The image type of uploaded `bytes`, which must be there, an image with a
/// readable header, and of a size that `image_size::acceptable`.
pub fn check(bytes: &[u8]) -> Result<&'static str, Error> {
    if bytes.is_empty() {
        return Err(Error::field("file", "is empty"));
    }
    let not_an_image = || Error::field("file", "must be a PNG, JPEG, WebP or GIF image");
    let content_type = sniff(bytes).ok_or_else(not_an_image)?;
    let size = image_size::dimensions(bytes).ok_or_else(not_an_image)?;
    if !image_size::acceptable(size) {
        return Err(too_many_pixels(size));
    }
    Ok(content_type)
}

/// The error of an image whose header claims more pixels than the limits.
fn too_many_pixels((width, height): (u32, u32)) -> Error {
    let limit = format!(
        "at most {} pixels on a side and {} megapixels",
        image_size::MAX_SIDE,
        image_size::MAX_PIXELS / 1_000_000
    );
    Error::Validation {
        message: format!("the image is {width} × {height} pixels; images may be {limit}"),
        fields: [("file".to_string(), vec![format!("must be {limit}")])].into(),
    }
}

/// Stores `bytes` (checked with `check`) as an image of `product`.
pub fn add(tx: &Connection, product: ProductId, bytes: &[u8], content_type: &str) -> Result<ImageRef, Error> {
    products::find_id_exists(tx, product)?;
    let etag = etag(bytes);
    let id = images::insert(tx, product, content_type, bytes, &etag)?;
    Ok(ImageRef::new(id, &etag))
}

pub fn remove(conn: &Connection, product: ProductId, image: ImageId) -> Result<(), Error> {
    Error::found(images::delete(conn, product, image)?)
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

//! `GET /images/<id>/<version>`: product images, at a URL that names their
//! bytes (the version is their etag), so browsers may keep them for a year;
//! and the older `GET /images/<id>`, which they must revalidate.

use rocket::http::Header;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::{Responder, Route, State, get, routes};

use crate::auth::Viewer;
use crate::db::{Db, images};
use crate::error::Error;
use crate::ids::ImageId;

#[derive(Responder)]
pub enum ImageReply {
    Image(Vec<u8>, Header<'static>, Header<'static>, Header<'static>),
    #[response(status = 304)]
    NotModified((), Header<'static>, Header<'static>),
}

/// The `If-None-Match` header, if any.
pub struct IfNoneMatch(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IfNoneMatch {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(IfNoneMatch(
            req.headers().get_one("If-None-Match").map(str::to_string),
        ))
    }
}

/// `GET /images/<id>/<version>`: the URL `ImageRef` hands out. Its bytes
/// never change, so it is cached for a year. A version that is not the
/// image's etag is a 404, not a redirect to the current URL: the id may have
/// been reused by another image after a delete, and the old URL named bytes
/// that are gone; sending its holder to different bytes is what the version
/// is there to prevent.
#[get("/images/<id>/<version>")]
async fn get_image_version(
    id: ImageId,
    version: &str,
    viewer: Viewer,
    if_none_match: IfNoneMatch,
    db: &State<Db>,
) -> Result<ImageReply, Error> {
    let image = find(db, id, &viewer).await?;
    if image.etag != version {
        return Err(Error::NotFound);
    }
    Ok(reply(image, if_none_match, "public, max-age=31536000, immutable"))
}

/// `GET /images/<id>`: the unversioned URL of older pages and links. It
/// serves whatever image has the id now, so caches must revalidate it every
/// time (they get its ETag, and a 304 while it is the same).
#[get("/images/<id>")]
async fn get_image(
    id: ImageId,
    viewer: Viewer,
    if_none_match: IfNoneMatch,
    db: &State<Db>,
) -> Result<ImageReply, Error> {
    let image = find(db, id, &viewer).await?;
    Ok(reply(image, if_none_match, "no-cache"))
}

/// The image, if it exists and the viewer may see its product.
async fn find(db: &Db, id: ImageId, viewer: &Viewer) -> Result<images::ImageData, Error> {
    let staff = viewer.is_staff();
    db.run(move |conn| images::find(conn, id, staff))
        .await?
        .ok_or(Error::NotFound)
}

fn reply(image: images::ImageData, if_none_match: IfNoneMatch, cache_control: &'static str) -> ImageReply {
    let etag = format!("\"{}\"", image.etag);
    let cache = Header::new("Cache-Control", cache_control);
    if if_none_match
        .0
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag))
    {
        return ImageReply::NotModified((), Header::new("ETag", etag), cache);
    }
    // Only the types `sniff` recognised are ever stored.
    let content_type = Header::new("Content-Type", image.content_type);
    ImageReply::Image(image.data, content_type, Header::new("ETag", etag), cache)
}

pub fn routes() -> Vec<Route> {
    routes![get_image_version, get_image]
}

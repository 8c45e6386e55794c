//! `GET /images/<id>`: product images, at a stable URL. An image's bytes
//! never change (a new upload is a new id), so browsers may keep it long.

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
    NotModified((), Header<'static>),
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

#[get("/images/<id>")]
async fn get_image(
    id: ImageId,
    viewer: Viewer,
    if_none_match: IfNoneMatch,
    db: &State<Db>,
) -> Result<ImageReply, Error> {
    let staff = viewer.is_staff();
    let image = db
        .run(move |conn| images::find(conn, id, staff))
        .await?
        .ok_or(Error::NotFound)?;
    let etag = format!("\"{}\"", image.etag);
    let cache = Header::new("Cache-Control", "public, max-age=31536000, immutable");
    if if_none_match
        .0
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag))
    {
        return Ok(ImageReply::NotModified((), Header::new("ETag", etag)));
    }
    // Only the types `sniff` recognised are ever stored.
    let content_type = Header::new("Content-Type", image.content_type);
    Ok(ImageReply::Image(
        image.data,
        content_type,
        Header::new("ETag", etag),
        cache,
    ))
}

pub fn routes() -> Vec<Route> {
    routes![get_image]
}

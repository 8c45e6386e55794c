//! HTTP caching of the storefront (API.md, "Caching"): what a browser, a
//! caching proxy or a CDN may keep, decided in one response fairing.
//!
//! An anonymous `GET` of the catalog, its JSON, the sitemap or an image (no
//! session cookie, no `Authorization`, and an answer that sets no cookie)
//! is the same for every visitor: it gets an `ETag`, a `304` when the
//! client already has it, and `Cache-Control: public, max-age=N`. Every
//! other answer says `private, no-store`, so that no cache ever hands one
//! visitor's page, cart or order to another.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{Header, Method, Status};
use rocket::{Request, Response};
use sha2::{Digest, Sha256};

use crate::auth::session;

/// The routes whose anonymous answers are the same for everyone, by route
/// template (`/api/v1/...` as mounted).
const STOREFRONT: &[&str] = &[
    "/",
    "/categories/<key>",
    "/products/<key>",
    "/products/<id>/reviews",
    "/sitemap.xml",
    "/<part>",
    "/robots.txt",
    "/images/<id>",
    "/images/<id>/<version>",
    "/api/v1/products",
    "/api/v1/products/<id>",
    "/api/v1/products/<id>/reviews",
    "/api/v1/categories",
    "/api/v1/categories/<id>",
];

/// Files compiled into the binary: the same for everyone who asks, so
/// their own `Cache-Control` stands whoever asks.
const STATIC: &[&str] = &["/static/<path..>", "/favicon.ico"];

pub const PRIVATE: &str = "private, no-store";
const PRIVATE_IMMUTABLE: &str = "private, max-age=31536000, immutable";

/// The fairing; `max_age` is the setting `cache_max_age_secs`.
pub struct HttpCache {
    pub max_age: u64,
}

#[rocket::async_trait]
impl Fairing for HttpCache {
    fn info(&self) -> Info {
        Info {
            name: "HTTP caching",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        match class(req) {
            Class::Static => {}
            Class::Storefront { images } if anonymous(req, res) => {
                self.public(req, res, images).await;
            }
            Class::Storefront { images: true } if immutable(res) => {
                // A versioned image URL names its bytes: a signed-in
                // shopper's browser keeps it too, but no shared cache does,
                // since staff may see pictures of hidden products.
                res.set_header(Header::new("Cache-Control", PRIVATE_IMMUTABLE));
            }
            _ => {
                res.set_header(Header::new("Cache-Control", PRIVATE));
            }
        }
    }
}

enum Class {
    Static,
    /// A storefront `GET`; `images` for image bytes, which carry their own
    /// validator and `Cache-Control`.
    Storefront {
        images: bool,
    },
    Private,
}

fn class(req: &Request<'_>) -> Class {
    let Some(route) = req.route() else {
        return Class::Private;
    };
    // Rocket answers HEAD with the GET route (and says GET by then).
    if !matches!(req.method(), Method::Get | Method::Head) || route.method != Method::Get {
        return Class::Private;
    }
    let path = route.uri.path();
    if STATIC.contains(&path) {
        Class::Static
    } else if STOREFRONT.contains(&path) {
        Class::Storefront {
            images: path.starts_with("/images/"),
        }
    } else {
        Class::Private
    }
}

/// Whether the answer is the one every visitor without a session gets:
/// the request has no session and no token, and the answer sets no cookie
/// (a new session, or a flash message it consumed).
fn anonymous(req: &Request<'_>, res: &Response<'_>) -> bool {
    req.cookies().get(session::COOKIE).is_none()
        && !req.headers().contains("Authorization")
        && !res.headers().contains("Set-Cookie")
}

/// Whether the answer is a versioned image's bytes (or a 304 for them),
/// which its handler marked `immutable`.
fn immutable(res: &Response<'_>) -> bool {
    matches!(res.status(), Status::Ok | Status::NotModified)
        && res
            .headers()
            .get_one("Cache-Control")
            .is_some_and(|c| c.contains("immutable"))
}

impl HttpCache {
    async fn public(&self, req: &Request<'_>, res: &mut Response<'_>, images: bool) {
        // A 301 sends to a page's canonical address, the same for all.
        let status = res.status();
        if !matches!(
            status,
            Status::Ok | Status::NotModified | Status::MovedPermanently
        ) {
            res.set_header(Header::new("Cache-Control", PRIVATE));
            return;
        }
        if !images {
            res.set_header(Header::new(
                "Cache-Control",
                format!("public, max-age={}", self.max_age),
            ));
            // A cache that does not skip requests with a session (as the
            // example proxy configuration does) keeps them apart at least;
            // pages may be translated by the visitor's language.
            let vary = if crate::error::is_api(req) {
                "Cookie, Authorization"
            } else {
                "Cookie, Accept-Language"
            };
            res.set_header(Header::new("Vary", vary));
        }
        if status != Status::Ok {
            return;
        }
        let etag = match res.headers().get_one("ETag") {
            Some(etag) => etag.to_string(),
            None => match body_etag(res).await {
                Some(etag) => etag,
                None => return,
            },
        };
        let fresh = req
            .headers()
            .get_one("If-None-Match")
            .is_some_and(|tags| matches_any(tags, &etag));
        res.set_header(Header::new("ETag", etag));
        if fresh {
            // Rocket drops the body of a 304 after the fairings.
            res.set_status(Status::NotModified);
        }
    }
}

/// A strong validator for the body: a hash of its bytes. The body is read
/// into memory (pages and JSON already are) and put back.
async fn body_etag(res: &mut Response<'_>) -> Option<String> {
    let bytes = match res.body_mut().to_bytes().await {
        Ok(bytes) => bytes,
        Err(e) => {
            rocket::error!("reading an answer to tag it failed: {e}");
            return None;
        }
    };
    let digest = Sha256::digest(&bytes);
    let tag: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    res.set_sized_body(bytes.len(), std::io::Cursor::new(bytes));
    Some(format!("\"{tag}\""))
}

/// `If-None-Match` against `etag` with the weak comparison of RFC 9110
/// (13.1.2): `W/"x"` matches `"x"`, and `*` matches any.
pub fn matches_any(if_none_match: &str, etag: &str) -> bool {
    let opaque = |tag: &str| -> String { tag.trim().trim_start_matches("W/").to_string() };
    let ours = opaque(etag);
    if_none_match.trim() == "*" || if_none_match.split(',').any(|tag| opaque(tag) == ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_compares_weakly() {
        assert!(matches_any("\"abc\"", "\"abc\""));
        assert!(matches_any("W/\"abc\"", "\"abc\""));
        assert!(matches_any("\"x\", W/\"abc\"", "\"abc\""));
        assert!(matches_any("*", "\"abc\""));
        assert!(!matches_any("\"abcd\"", "\"abc\""));
        assert!(!matches_any("abc", "\"abc\""));
        assert!(!matches_any("", "\"abc\""));
    }
}

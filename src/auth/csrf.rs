//! Form bodies with CSRF protection: `CsrfForm<T>` reads an
//! `application/x-www-form-urlencoded` body, checks its `_csrf` field against
//! the session's secret, and only then deserializes `T`. A form without a
//! valid token is refused with 403 before any handler runs. `GuestForm<T>`
//! also takes the form of a visitor who has no session yet.

use rocket::data::{Data, FromData, Outcome, ToByteUnit};
use rocket::http::ContentType;
use rocket::request::Request;
use serde::de::DeserializeOwned;

use crate::auth::session::CurrentSession;
use crate::error::{Error, GuardError};
use crate::token::constant_time_eq;

pub const FIELD: &str = "_csrf";

pub struct CsrfForm<T>(pub T);

impl<T> std::ops::Deref for CsrfForm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Checks a CSRF token sent some other way than in a `CsrfForm` (a field
/// of a multipart upload form, for example).
pub fn verify(current: &CurrentSession, sent: &str) -> Result<(), Error> {
    match &current.0 {
        Some(session) if constant_time_eq(&session.csrf, sent) => Ok(()),
        _ => Err(Error::CsrfFailed),
    }
}

fn fail<'r, T>(req: &'r Request<'_>, error: Error) -> Outcome<'r, T, Error> {
    Outcome::Error(GuardError::set(req, error))
}

/// The body of a form, within the configured limit.
async fn read_form(req: &Request<'_>, data: Data<'_>) -> Result<Vec<u8>, Error> {
    if req.content_type() != Some(&ContentType::Form) {
        return Err(Error::UnsupportedMediaType("expected a form".into()));
    }
    let limit = req.limits().get("form").unwrap_or(64.kibibytes());
    match data.open(limit).into_bytes().await {
        Ok(body) if body.is_complete() => Ok(body.into_inner()),
        Ok(_) => Err(Error::PayloadTooLarge),
        Err(e) => Err(Error::BadRequest("bad_request", e.to_string())),
    }
}

fn sent_token(body: &[u8]) -> String {
    url::form_urlencoded::parse(body)
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_urlencoded::from_bytes::<T>(body)
        .map_err(|e| Error::BadRequest("bad_request", format!("the form could not be read: {e}")))
}

async fn current<'r>(req: &'r Request<'_>) -> Result<&'r CurrentSession, Error> {
    match req.guard().await {
        rocket::outcome::Outcome::Success(s) => Ok(s),
        rocket::outcome::Outcome::Error((_, e)) => Err(e),
        rocket::outcome::Outcome::Forward(_) => Err(Error::CsrfFailed),
    }
}

#[rocket::async_trait]
impl<'r, T: DeserializeOwned + Send + 'static> FromData<'r> for CsrfForm<T> {
    type Error = Error;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self, Error> {
        let checked = async {
            // Defence in depth: a form the browser says another site sent
            // is refused even if it somehow carries a valid token.
            if cross_site(req) {
                return Err(Error::CsrfFailed);
            }
            let body = read_form(req, data).await?;
            verify(current(req).await?, &sent_token(&body))?;
            decode(&body)
        };
        match checked.await {
            Ok(value) => Outcome::Success(CsrfForm(value)),
            Err(e) => fail(req, e),
        }
    }
}

/// A form that may come from a visitor who has no session yet: the first
/// "Add to cart" of a product page, which must not start a session for
/// every visitor who only looks. With a session it is checked like
/// `CsrfForm`. Without one there is no cart a forged form could change,
/// and a request that the browser marks as cross-site is refused, so that
/// another site cannot start a cart for its visitors either.
pub struct GuestForm<T>(pub T);

impl<T> std::ops::Deref for GuestForm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[rocket::async_trait]
impl<'r, T: DeserializeOwned + Send + 'static> FromData<'r> for GuestForm<T> {
    type Error = Error;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self, Error> {
        let checked = async {
            let body = read_form(req, data).await?;
            let current = current(req).await?;
            if current.0.is_some() {
                verify(current, &sent_token(&body))?;
            } else if cross_site(req) {
                return Err(Error::CsrfFailed);
            }
            decode(&body)
        };
        match checked.await {
            Ok(value) => Outcome::Success(GuestForm(value)),
            Err(e) => fail(req, e),
        }
    }
}

/// Refuses a state-changing API request made with a session cookie when
/// the browser says it comes from another site (API.md, as Go's
/// `CrossOriginProtection` does it). A cookie rides along on cross-site
/// requests, but every browser that sends one also says where it comes
/// from: `Sec-Fetch-Site`, or on older browsers `Origin`. Requests that
/// say neither come from scripts and are served like token requests,
/// whatever their body (JSON, CSV, a multipart upload, or none).
pub fn check_cookie_write(req: &Request<'_>) -> Result<(), Error> {
    let safe = matches!(
        req.method(),
        rocket::http::Method::Get | rocket::http::Method::Head | rocket::http::Method::Options
    );
    if crate::error::is_api(req) && !safe && cross_site(req) {
        return Err(Error::CsrfFailed);
    }
    Ok(())
}

/// Whether the browser says the request comes from another site: by
/// `Sec-Fetch-Site` (current browsers) or else by `Origin` against `Host`.
/// Clients that send neither (scripts, old browsers) are not refused.
pub fn cross_site(req: &Request<'_>) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get_one("Sec-Fetch-Site") {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get_one("Origin") else {
        return false;
    };
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    match (origin_host, headers.get_one("Host")) {
        (Some(from), Some(host)) => !from.eq_ignore_ascii_case(host),
        _ => true,
    }
}

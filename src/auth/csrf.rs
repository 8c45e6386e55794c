//! Form bodies with CSRF protection: `CsrfForm<T>` reads an
//! `application/x-www-form-urlencoded` body, checks its `_csrf` field against
//! the session's secret, and only then deserializes `T`. A form without a
//! valid token is refused with 403 before any handler runs.

use rocket::data::{Data, FromData, Outcome, ToByteUnit};
use rocket::http::ContentType;
use rocket::request::Request;
use serde::de::DeserializeOwned;

use crate::auth::constant_time_eq;
use crate::auth::session::CurrentSession;
use crate::error::{Error, GuardError};

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

#[rocket::async_trait]
impl<'r, T: DeserializeOwned + Send + 'static> FromData<'r> for CsrfForm<T> {
    type Error = Error;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self, Error> {
        if req.content_type() != Some(&ContentType::Form) {
            return fail(req, Error::UnsupportedMediaType("expected a form".into()));
        }
        let limit = req.limits().get("form").unwrap_or(64.kibibytes());
        let body = match data.open(limit).into_bytes().await {
            Ok(body) if body.is_complete() => body.into_inner(),
            Ok(_) => return fail(req, Error::PayloadTooLarge),
            Err(e) => return fail(req, Error::BadRequest("bad_request", e.to_string())),
        };
        let sent = url::form_urlencoded::parse(&body)
            .find(|(k, _)| k == FIELD)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        let current: &CurrentSession = match req.guard().await {
            rocket::outcome::Outcome::Success(s) => s,
            _ => return fail(req, Error::CsrfFailed),
        };
        if let Err(e) = verify(current, &sent) {
            return fail(req, e);
        }
        match serde_urlencoded::from_bytes::<T>(&body) {
            Ok(value) => Outcome::Success(CsrfForm(value)),
            Err(e) => fail(
                req,
                Error::BadRequest("bad_request", format!("the form could not be read: {e}")),
            ),
        }
    }
}

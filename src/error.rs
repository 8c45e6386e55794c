//! The one error type of the application: its status, code and message.
//! The catchers render it (API.md's JSON under `/api`, a page elsewhere).

use std::collections::BTreeMap;

use rocket::http::{Header, Status};
use rocket::request::Request;
use rocket::response::{self, Responder};
use serde_json::json;

/// Messages per field, in the order the rules were checked.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("authentication required")]
    Unauthenticated,
    #[error("{message}")]
    InvalidCredentials { message: String },
    #[error("you may not do this")]
    Forbidden,
    /// A 403 whose reason the user should read, because they can do
    /// something about it (receive the product before reviewing it).
    #[error("{message}")]
    NotAllowed { message: String },
    #[error("the form has expired; reload the page and try again")]
    CsrfFailed,
    #[error("{message}")]
    Validation { message: String, fields: FieldErrors },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A well-formed request the shop refuses for a reason of its own code,
    /// not a field's (`idempotency_key_reused`).
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String },
    #[error("too many attempts, try again in {} minutes", .retry_after_secs.div_ceil(60))]
    TooManyRequests { retry_after_secs: u64 },
    /// A 429 whose reason the user should read (too many unpaid orders).
    #[error("{message}")]
    Limited { message: String, retry_after_secs: u64 },
    #[error("{1}")]
    BadRequest(&'static str, String),
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The database cannot be read or written just now (a storage fault,
    /// a full disk, a lock held too long): try again soon.
    #[error("the shop cannot reach its database just now; please try again in a moment")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(Cause),
}

/// What went wrong inside the shop, kept for the log with every error
/// beneath it; never shown to the user.
#[derive(Debug, Clone)]
pub struct Cause {
    message: String,
    error: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
}

impl std::fmt::Display for Cause {
    /// The message, then each error beneath it that it does not already
    /// say: "cannot write the outbox: permission denied (os error 13)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        let mut said = self.message.clone();
        let mut below = self.error.as_deref().and_then(std::error::Error::source);
        while let Some(e) = below {
            let text = e.to_string();
            if !said.contains(&text) {
                write!(f, ": {text}")?;
                said.push_str(&text);
            }
            below = e.source();
        }
        Ok(())
    }
}

impl Error {
    /// A validation failure of one field.
    pub fn field(field: &str, message: impl Into<String>) -> Error {
        let mut fields = FieldErrors::new();
        fields.insert(field.to_string(), vec![message.into()]);
        Error::invalid(fields)
    }

    pub fn invalid(fields: FieldErrors) -> Error {
        Error::Validation {
            message: "some fields are invalid".into(),
            fields,
        }
    }

    /// `NotFound` unless `found`: for deletes that report whether a row went.
    pub fn found(found: bool) -> Result<(), Error> {
        if found { Ok(()) } else { Err(Error::NotFound) }
    }

    /// An internal error told by a message.
    pub fn internal(cause: impl std::fmt::Display) -> Error {
        Error::Internal(Cause {
            message: cause.to_string(),
            error: None,
        })
    }

    /// An internal error caused by `error`, kept whole so that the log
    /// shows every error beneath it.
    pub fn caused(error: impl std::error::Error + Send + Sync + 'static) -> Error {
        Error::Internal(Cause {
            message: error.to_string(),
            error: Some(std::sync::Arc::new(error)),
        })
    }

    pub fn status(&self) -> Status {
        match self {
            Error::NotFound => Status::NotFound,
            Error::Unauthenticated | Error::InvalidCredentials { .. } => Status::Unauthorized,
            Error::Forbidden | Error::NotAllowed { .. } | Error::CsrfFailed => Status::Forbidden,
            Error::Validation { .. } => Status::UnprocessableEntity,
            Error::Conflict { .. } => Status::Conflict,
            Error::Unprocessable { .. } => Status::UnprocessableEntity,
            Error::TooManyRequests { .. } | Error::Limited { .. } => Status::TooManyRequests,
            Error::BadRequest(..) => Status::BadRequest,
            Error::PayloadTooLarge => Status::PayloadTooLarge,
            Error::UnsupportedMediaType(_) => Status::UnsupportedMediaType,
            Error::Unavailable(_) => Status::ServiceUnavailable,
            Error::Internal(_) => Status::InternalServerError,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound => "not_found",
            Error::Unauthenticated => "unauthenticated",
            Error::InvalidCredentials { .. } => "invalid_credentials",
            Error::Forbidden | Error::NotAllowed { .. } => "forbidden",
            Error::CsrfFailed => "csrf_failed",
            Error::Validation { .. } => "validation_failed",
            Error::Conflict { code, .. } | Error::Unprocessable { code, .. } => code,
            Error::TooManyRequests { .. } | Error::Limited { .. } => "rate_limited",
            Error::BadRequest(code, _) => code,
            Error::PayloadTooLarge => "payload_too_large",
            Error::UnsupportedMediaType(_) => "unsupported_media_type",
            Error::Unavailable(_) => "unavailable",
            Error::Internal(_) => "internal",
        }
    }

    /// What the user is told. Internal causes are logged, never shown.
    pub fn public_message(&self) -> String {
        match self {
            Error::Internal(_) => "something went wrong on our side; please try again".into(),
            other => other.to_string(),
        }
    }

    /// The error for a bare status, used by catchers when no handler or
    /// guard left a more precise one.
    pub fn from_status(status: Status) -> Error {
        match status.code {
            400 => Error::BadRequest("bad_request", "the request could not be understood".into()),
            401 => Error::Unauthenticated,
            403 => Error::Forbidden,
            404 => Error::NotFound,
            413 => Error::PayloadTooLarge,
            415 => Error::UnsupportedMediaType("unsupported content type".into()),
            503 => Error::Unavailable(format!("status {status}")),
            422 => Error::Validation {
                message: "the request is not valid".into(),
                fields: FieldErrors::new(),
            },
            _ => Error::internal(format!("unhandled status {status}")),
        }
    }

    /// `to_json` with the messages in `lang`.
    pub fn to_json_in(&self, lang: crate::i18n::Lang) -> serde_json::Value {
        let mut body = self.to_json();
        let error = &mut body["error"];
        if let Some(message) = error["message"].as_str() {
            error["message"] = json!(crate::i18n::message(lang, message));
        }
        if let Some(fields) = error.get_mut("fields").and_then(|f| f.as_object_mut()) {
            for list in fields.values_mut() {
                if let Some(items) = list.as_array_mut() {
                    for item in items.iter_mut() {
                        if let Some(text) = item.as_str() {
                            *item = json!(crate::i18n::message(lang, text));
                        }
                    }
                }
            }
        }
        body
    }

    pub fn to_json(&self) -> serde_json::Value {
        let mut error = json!({"code": self.code(), "message": self.public_message()});
        if let Error::Validation { fields, .. } = self {
            error["fields"] = json!(fields);
        }
        json!({ "error": error })
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NotFound,
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation
                    && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                Error::Conflict {
                    code: "conflict",
                    message: "this already exists".into(),
                }
            }
            rusqlite::Error::SqliteFailure(f, message) if is_storage_fault(f.code) => {
                Error::Unavailable(rusqlite::Error::SqliteFailure(f, message).to_string())
            }
            other => Error::caused(other),
        }
    }
}

/// SQLite's answers that say the storage, not the request, is at fault:
/// they pass when the disk or the lock holder recovers.
fn is_storage_fault(code: rusqlite::ErrorCode) -> bool {
    use rusqlite::ErrorCode::*;
    matches!(
        code,
        SystemIoFailure
            | DatabaseCorrupt
            | NotADatabase
            | CannotOpen
            | DiskFull
            | DatabaseBusy
            | DatabaseLocked
            | FileLockingProtocolFailed
    )
}

/// The pool answers an error only when it cannot open a connection in time.
impl From<r2d2::Error> for Error {
    fn from(e: r2d2::Error) -> Error {
        Error::Unavailable(e.to_string())
    }
}

/// True when the request is for the JSON API, whose errors are JSON.
pub fn is_api(req: &Request<'_>) -> bool {
    let path = req.uri().path();
    path == "/api" || path.starts_with("/api/")
}

/// An error answers through the catcher of its path: JSON under `/api`, a
/// page elsewhere. This module knows neither shape; it leaves the error
/// where the catcher finds it.
impl<'r> Responder<'r, 'static> for Error {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        match &self {
            Error::Internal(cause) => {
                rocket::error!("internal error on {} {}: {}", req.method(), req.uri(), cause)
            }
            Error::Unavailable(cause) => rocket::error!(
                "database unavailable on {} {}: {}",
                req.method(),
                req.uri(),
                cause
            ),
            _ => {}
        }
        let status = self.status();
        GuardError::stash(req, self, Source::Handler);
        Err(status)
    }
}

/// Who failed: a guard or body parser before the handler ran, or the
/// handler itself. HTML pages send guests to the login page only for the
/// first; a handler's 401 is a page of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Guard,
    Handler,
}

/// A guard, body parser or handler that fails leaves its precise error
/// here, so the catcher that answers can show it rather than a generic one.
#[derive(Default)]
pub struct GuardError(std::sync::Mutex<Option<(Error, Source)>>);

impl GuardError {
    pub fn set(req: &Request<'_>, error: Error) -> (Status, Error) {
        let status = error.status();
        GuardError::stash(req, error.clone(), Source::Guard);
        (status, error)
    }

    fn stash(req: &Request<'_>, error: Error, source: Source) {
        let cell = req.local_cache(GuardError::default);
        *cell.0.lock().expect("guard error lock poisoned") = Some((error, source));
    }

    pub fn take(req: &Request<'_>) -> Option<Error> {
        GuardError::take_with_source(req).map(|(error, _)| error)
    }

    /// The error left for this request and who left it.
    pub fn take_with_source(req: &Request<'_>) -> Option<(Error, Source)> {
        req.local_cache(GuardError::default)
            .0
            .lock()
            .expect("guard error lock poisoned")
            .take()
    }
}

/// A catcher's answer to `error`: `body` with `status`, and a `Retry-After`
/// header when the error says when to try again.
pub struct Caught<R> {
    status: Status,
    body: R,
    retry_after: Option<u64>,
}

impl<R> Caught<R> {
    pub fn new(status: Status, error: &Error, body: R) -> Caught<R> {
        let retry_after = match error {
            Error::TooManyRequests { retry_after_secs } | Error::Limited { retry_after_secs, .. } => {
                Some(*retry_after_secs)
            }
            Error::Unavailable(_) => Some(5),
            _ => None,
        };
        Caught {
            status,
            body,
            retry_after,
        }
    }
}

impl<'r, R: Responder<'r, 'static>> Responder<'r, 'static> for Caught<R> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let mut response = self.body.respond_to(req)?;
        response.set_status(self.status);
        if let Some(secs) = self.retry_after {
            response.set_header(Header::new("Retry-After", secs.to_string()));
        }
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error with one beneath it, as a template or CSV error holds the
    /// I/O error that caused it.
    #[derive(Debug, thiserror::Error)]
    #[error("cannot write the export")]
    struct Export(#[source] std::io::Error);

    #[test]
    fn an_internal_error_keeps_every_cause_for_the_log_and_shows_none() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied");
        let e = Error::caused(Export(io));
        assert_eq!(
            e.to_string(),
            "internal error: cannot write the export: permission denied"
        );
        assert_eq!(
            e.public_message(),
            "something went wrong on our side; please try again"
        );
        // A cause that already says what is beneath it is not repeated.
        let said = Error::caused(std::io::Error::other("disk full"));
        assert_eq!(said.to_string(), "internal error: disk full");
        assert_eq!(Error::internal("no rows").to_string(), "internal error: no rows");
    }
}

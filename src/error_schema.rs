//! API.md's error shape as the OpenAPI document describes it: the one
//! error response every operation of the API and `/metrics` refers to.
//! `crate::error::Error::to_json` writes it.

use std::collections::BTreeMap;

use utoipa::{ToResponse, ToSchema};

/// API.md's error shape, the body of every error answer.
#[derive(ToSchema)]
#[allow(dead_code)] // only described: `crate::error::Error::to_json` writes it
pub struct ErrorBody {
    #[schema(inline)]
    error: ErrorDetail,
}

#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorDetail {
    /// Stable and machine-readable: `bad_request`, `malformed_json`,
    /// `unauthenticated`, `invalid_credentials`, `forbidden`, `csrf_failed`,
    /// `not_found`, `conflict`, `insufficient_stock`, `invalid_transition`,
    /// `payload_too_large`, `unsupported_media_type`, `validation_failed`,
    /// `idempotency_key_reused`, `rate_limited`, `internal`, …
    #[schema(example = "validation_failed")]
    code: String,
    /// For people; never holds internal details.
    #[schema(example = "the body does not have the expected fields and types")]
    message: String,
    /// With `validation_failed`: the messages for each field at fault.
    #[schema(nullable = false)]
    fields: Option<BTreeMap<String, Vec<String>>>,
}

/// The one error response every operation refers to: the status tells the
/// kind (400 unparseable body, 401 not signed in, 403 not allowed, 404 not
/// found or not yours, 409 state conflict, 413 body too large, 415 not
/// JSON, 422 invalid, 429 throttled, with `Retry-After`), `error.code` the
/// precise reason.
#[derive(ToResponse)]
#[response(description = "The error shape of API.md")]
#[allow(dead_code)]
pub struct ApiError(#[to_schema] ErrorBody);

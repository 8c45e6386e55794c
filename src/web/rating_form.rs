//! The form a review or an order's rating is written in, as the product
//! page and the rating page show it again after a post that failed.

use rocket::http::Status;
use serde::{Deserialize, Serialize};

use crate::domain::reviews::{self, RatingForm};
use crate::error::{Error, FieldErrors};

/// A rating form (a review or an order's rating) sent back after a post
/// that failed: what was typed, what is wrong, and the page's status.
#[derive(Debug, Default, Serialize)]
pub(crate) struct ReviewFormState {
    #[serde(skip)]
    pub status: Status,
    pub values: RatingValues,
    pub errors: FieldErrors,
    /// An error that is not a field's (reviewed already, not received).
    pub message: Option<String>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct RatingValues {
    rating: String,
    comment: String,
    /// Where to go after a review is published: the order's rating page
    /// when it was written there.
    pub back: Option<String>,
}

impl ReviewFormState {
    /// The form after `error`, or the error itself when it is not one a
    /// form can show (not found, …).
    pub(super) fn failed(values: RatingValues, error: Error) -> Result<ReviewFormState, Error> {
        let (errors, message) = match &error {
            Error::Validation { fields, .. } => (fields.clone(), None),
            Error::Conflict { .. } | Error::NotAllowed { .. } => {
                (FieldErrors::new(), Some(error.public_message()))
            }
            _ => return Err(error),
        };
        Ok(ReviewFormState {
            status: error.status(),
            values,
            errors,
            message,
        })
    }
}

impl RatingValues {
    pub(super) fn check(&self) -> Result<reviews::Rated, Error> {
        RatingForm {
            rating: self.rating.clone(),
            comment: self.comment.clone(),
        }
        .check()
    }
}

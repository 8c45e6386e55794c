//! JSON request bodies: `JsonBody<T>` insists on `application/json` (415),
//! the configured size limit (413), well-formed JSON (400 `malformed_json`)
//! and the right types (422, naming the field).

use rocket::data::{Data, FromData, Outcome, ToByteUnit};
use rocket::request::Request;
use serde::de::DeserializeOwned;

use crate::error::{Error, FieldErrors, GuardError};

pub struct JsonBody<T>(pub T);

fn fail<'r, T>(req: &'r Request<'_>, error: Error) -> Outcome<'r, T, Error> {
    Outcome::Error(GuardError::set(req, error))
}

#[rocket::async_trait]
impl<'r, T: DeserializeOwned + Send + 'static> FromData<'r> for JsonBody<T> {
    type Error = Error;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self, Error> {
        match read(req, data, false).await {
            Ok(value) => Outcome::Success(JsonBody(value.expect("a body is required"))),
            Err(e) => fail(req, e),
        }
    }
}

/// A JSON body that may also be left out entirely (for actions whose fields
/// are all optional, such as `mark-paid`); then it is `T::default()`.
pub struct OptionalJsonBody<T>(pub T);

#[rocket::async_trait]
impl<'r, T: DeserializeOwned + Default + Send + 'static> FromData<'r> for OptionalJsonBody<T> {
    type Error = Error;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self, Error> {
        match read(req, data, true).await {
            Ok(value) => Outcome::Success(OptionalJsonBody(value.unwrap_or_default())),
            Err(e) => fail(req, e),
        }
    }
}

/// The parsed body; `None` only when `may_be_empty` and it is empty.
async fn read<T: DeserializeOwned>(
    req: &Request<'_>,
    data: Data<'_>,
    may_be_empty: bool,
) -> Result<Option<T>, Error> {
    let limit = req.limits().get("json").unwrap_or(1.mebibytes());
    let is_json = req.content_type().is_some_and(|ct| ct.is_json());
    if !is_json && !may_be_empty {
        return Err(Error::UnsupportedMediaType(
            "expected Content-Type: application/json".into(),
        ));
    }
    let body = match data.open(limit).into_bytes().await {
        Ok(body) if body.is_complete() => body.into_inner(),
        Ok(_) => return Err(Error::PayloadTooLarge),
        Err(e) => return Err(Error::BadRequest("bad_request", e.to_string())),
    };
    if may_be_empty && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    if !is_json {
        return Err(Error::UnsupportedMediaType(
            "expected Content-Type: application/json".into(),
        ));
    }
    parse(&body).map(Some)
}

/// Parses a JSON body, telling syntax errors (400) from type errors (422).
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    // Well-formedness first, so that `{} junk` is a 400 even though `{}`
    // alone would already lack fields.
    serde_json::from_slice::<serde::de::IgnoredAny>(body).map_err(|e| malformed(&e))?;
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if !inner.is_data() {
            return malformed(&inner);
        }
        let message = describe(&inner);
        let field = match message.strip_prefix("missing field `") {
            Some(rest) => rest.trim_end_matches('`').to_string(),
            None if path == "." => "body".to_string(),
            None => path,
        };
        let mut fields = FieldErrors::new();
        fields.insert(field, vec![message]);
        Error::Validation {
            message: "the body does not have the expected fields and types".into(),
            fields,
        }
    })?;
    de.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

fn malformed(e: &serde_json::Error) -> Error {
    Error::BadRequest("malformed_json", format!("the body is not valid JSON: {e}"))
}

/// serde's message without its "at line 1 column 9" position.
fn describe(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Price {
        price_cents: i64,
    }

    #[test]
    fn syntax_errors_are_malformed_json() {
        for body in ["{", "{\"price_cents\": }", "nonsense", "", "{} trailing"] {
            let e = parse::<Price>(body.as_bytes()).unwrap_err();
            assert_eq!(e.code(), "malformed_json", "{body}");
        }
    }

    #[test]
    fn a_float_for_cents_names_the_field() {
        let e = parse::<Price>(br#"{"price_cents": 12.5}"#).unwrap_err();
        assert_eq!(e.code(), "validation_failed");
        let Error::Validation { fields, .. } = e else {
            unreachable!()
        };
        assert!(fields.contains_key("price_cents"), "{fields:?}");
    }

    #[test]
    fn a_missing_field_is_a_validation_error() {
        let e = parse::<Price>(b"{}").unwrap_err();
        assert_eq!(e.code(), "validation_failed");
    }
}

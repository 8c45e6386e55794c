//! Field errors: collecting them, turning `validator`'s into them, and the
//! few field rules every area shares (an e-mail address).

use std::borrow::Cow;

use validator::{Validate, ValidateEmail, ValidationError, ValidationErrors};

use crate::error::{Error, FieldErrors};

/// A rule's error with the message shown next to the field.
pub fn invalid(message: &'static str) -> ValidationError {
    ValidationError::new("invalid").with_message(Cow::Borrowed(message))
}

pub fn email_rule(email: &str) -> Result<(), ValidationError> {
    if email.is_empty() {
        return Err(invalid("is required"));
    }
    if email.len() > 254 || !email.validate_email() {
        return Err(invalid("must be a valid e-mail address"));
    }
    Ok(())
}

/// The errors of `value`'s derived rules, as field messages.
pub fn field_errors(value: &impl Validate) -> FieldErrors {
    match value.validate() {
        Ok(()) => FieldErrors::new(),
        Err(errors) => to_fields(&errors),
    }
}

pub fn to_fields(errors: &ValidationErrors) -> FieldErrors {
    errors
        .field_errors()
        .into_iter()
        .map(|(field, errs)| {
            let messages = errs.iter().map(message).collect();
            (field.to_string(), messages)
        })
        .collect()
}

/// The message of a rule's error.
pub fn message(e: &ValidationError) -> String {
    e.message
        .as_ref()
        .map_or_else(|| e.code.to_string(), |m| m.to_string())
}

/// Adds `message` to `field`.
pub fn add(fields: &mut FieldErrors, field: &str, message: &str) {
    fields
        .entry(field.to_string())
        .or_default()
        .push(message.to_string());
}

/// `Ok` when there are no errors, else the validation error carrying them.
pub fn finish(fields: FieldErrors) -> Result<(), Error> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(fields))
    }
}

/// For `Option<Option<T>>` fields of a JSON patch: `Some(None)` for an
/// explicit `null` (clear it), `None` when the field is absent (keep it).
pub fn explicit<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(email_rule("ana@example.com").is_ok());
        for bad in ["", "ana", "ana@", "@example.com", "a b@example.com"] {
            assert!(email_rule(bad).is_err(), "{bad}");
        }
    }
}

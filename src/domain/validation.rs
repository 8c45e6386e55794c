//! The field rules for accounts, the same for forms, JSON and the command
//! line, and the conversion of `validator`'s errors into `FieldErrors`.

use std::borrow::Cow;

use validator::{Validate, ValidateEmail, ValidationError, ValidationErrors};

use crate::auth::password::MAX_PASSWORD_BYTES;
use crate::error::{Error, FieldErrors};

pub const MIN_PASSWORD_BYTES: usize = 10;

fn invalid(message: &'static str) -> ValidationError {
    ValidationError::new("invalid").with_message(Cow::Borrowed(message))
}

pub fn username_rule(username: &str) -> Result<(), ValidationError> {
    let len = username.chars().count();
    if len == 0 {
        return Err(invalid("is required"));
    }
    if !(3..=32).contains(&len) {
        return Err(invalid("must be 3 to 32 characters long"));
    }
    // ASCII only: SQLite ignores case for ASCII letters alone, and
    // look-alike letters from other scripts would allow impersonation.
    if !username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err(invalid("may contain only letters a-z, digits, '.', '_' and '-'"));
    }
    Ok(())
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

pub fn password_rule(password: &str) -> Result<(), ValidationError> {
    if password.is_empty() {
        return Err(invalid("is required"));
    }
    if password.len() < MIN_PASSWORD_BYTES {
        return Err(invalid("must be at least 10 characters long"));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(invalid(
            "must be at most 72 bytes (bcrypt's limit; letters with accents count as 2 bytes)",
        ));
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

pub fn password_is_username(password: &str, username: &str) -> bool {
    password.eq_ignore_ascii_case(username)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        for ok in ["ana", "Ana.Maria_2-x", &"a".repeat(32)] {
            assert!(username_rule(ok).is_ok(), "{ok}");
        }
        for bad in ["", "ab", &"a".repeat(33), "ana maria", "josé", "ana@shop", "<b>"] {
            assert!(username_rule(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_are_counted_in_bytes() {
        assert!(password_rule(&"a".repeat(10)).is_ok());
        assert!(password_rule(&"a".repeat(9)).is_err());
        assert!(password_rule(&"a".repeat(72)).is_ok());
        assert!(password_rule(&"a".repeat(73)).is_err());
        // 37 two-byte letters are 74 bytes: refused although only 37 characters.
        assert!(password_rule(&"é".repeat(37)).is_err());
    }

    #[test]
    fn emails() {
        assert!(email_rule("ana@example.com").is_ok());
        for bad in ["", "ana", "ana@", "@example.com", "a b@example.com"] {
            assert!(email_rule(bad).is_err(), "{bad}");
        }
    }
}

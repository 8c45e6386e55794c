//! The field rules for accounts (usernames, passwords), the same for
//! forms, JSON and the command line.

use validator::ValidationError;

use crate::domain::fields::invalid;

pub const MIN_PASSWORD_BYTES: usize = 10;

/// bcrypt reads at most 72 bytes; longer passwords are refused, not cut.
pub const MAX_PASSWORD_BYTES: usize = 72;

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
}

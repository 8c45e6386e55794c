//! Accounts: the rules of registration and of changes to one's own account,
//! and the writes they make. Hashing passwords and throttling sign-ins
//! happen around these, in `auth::accounts`.

use rusqlite::Connection;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::sessions;
use crate::db::users::{self, NewUser, User};
use crate::domain::account_rules::{password_is_username, password_rule, username_rule};
use crate::domain::fields::{add, email_rule, field_errors, finish, message};
use crate::error::{Error, FieldErrors};
use crate::ids::{SessionId, UserId};
use crate::role::Role;

const PASSWORD_IS_USERNAME: &str = "must not be the same as the username";
const TAKEN: &str = "is already taken";

#[derive(Debug, Default, Clone, Deserialize, Validate, ToSchema)]
#[serde(default)]
pub struct Registration {
    #[validate(custom(function = "username_rule"))]
    #[schema(
        required = true,
        min_length = 3,
        max_length = 32,
        pattern = "^[A-Za-z0-9._-]+$"
    )]
    pub username: String,
    #[validate(custom(function = "email_rule"))]
    #[schema(required = true, format = Email, max_length = 254)]
    pub email: String,
    #[validate(custom(function = "password_rule"))]
    /// 10 to 72 bytes.
    #[schema(required = true, min_length = 10)]
    pub password: String,
}

impl Registration {
    /// The registration trimmed, if its fields follow the rules.
    pub fn checked(mut self) -> Result<Registration, Error> {
        self.username = self.username.trim().to_string();
        self.email = self.email.trim().to_string();
        let mut errors = field_errors(&self);
        if !errors.contains_key("password") && password_is_username(&self.password, &self.username) {
            add(&mut errors, "password", PASSWORD_IS_USERNAME);
        }
        finish(errors)?;
        Ok(self)
    }
}

/// Creates the account of a `checked` registration with the hash of its
/// password. The name and address are checked again here: someone may have
/// taken them while the password was hashed.
pub fn insert(tx: &Connection, input: &Registration, password_hash: &str, role: Role) -> Result<User, Error> {
    check_unique(tx, &input.username, &input.email, None)?;
    let new = NewUser {
        username: &input.username,
        email: &input.email,
        password_hash,
        role,
    };
    let id = users::insert(tx, &new)?;
    users::find(tx, id)
}

/// Refuses a username or address another account (but `except`) has.
pub fn check_unique(
    conn: &Connection,
    username: &str,
    email: &str,
    except: Option<UserId>,
) -> Result<(), Error> {
    let mut errors = FieldErrors::new();
    if users::username_taken(conn, username, except)? {
        add(&mut errors, "username", TAKEN);
    }
    if users::email_taken(conn, email, except)? {
        add(&mut errors, "email", "already has an account");
    }
    finish(errors)
}

#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
#[serde(default)]
pub struct Credentials {
    /// The username or the e-mail address.
    #[schema(required = true)]
    pub username: String,
    #[schema(required = true)]
    pub password: String,
}

pub const BAD_CREDENTIALS: &str = "wrong username or password";

/// The error of a failed sign-in, the same for unknown users and wrong
/// passwords.
pub fn bad_credentials() -> Error {
    Error::InvalidCredentials {
        message: BAD_CREDENTIALS.into(),
    }
}

/// A change to one's own account; every change needs the current password.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
#[serde(default)]
pub struct AccountChange {
    #[schema(required = true)]
    pub current_password: String,
    pub username: Option<String>,
    #[schema(format = Email)]
    pub email: Option<String>,
    /// Ends the user's other sessions.
    pub new_password: Option<String>,
}

/// The error when the current password given with a change is wrong.
pub fn wrong_current_password(change: &AccountChange) -> Error {
    let message = if change.current_password.is_empty() {
        "is required"
    } else {
        "is not your current password"
    };
    Error::field("current_password", message)
}

/// The account's name and address after a change, checked.
#[derive(Debug, Clone)]
pub struct Profile {
    pub username: String,
    pub email: String,
}

impl AccountChange {
    /// The profile `user` will have, if the change follows the rules.
    pub fn checked(&self, user: &User) -> Result<Profile, Error> {
        let username = self
            .username
            .as_deref()
            .map_or(user.username.clone(), |u| u.trim().to_string());
        let email = self
            .email
            .as_deref()
            .map_or(user.email.clone(), |e| e.trim().to_string());
        let mut errors = FieldErrors::new();
        if let Err(e) = username_rule(&username) {
            add(&mut errors, "username", &message(&e));
        }
        if let Err(e) = email_rule(&email) {
            add(&mut errors, "email", &message(&e));
        }
        if let Some(password) = &self.new_password {
            if let Err(e) = password_rule(password) {
                add(&mut errors, "new_password", &message(&e));
            } else if password_is_username(password, &username) {
                add(&mut errors, "new_password", PASSWORD_IS_USERNAME);
            }
        }
        finish(errors)?;
        Ok(Profile { username, email })
    }
}

/// Writes a checked change. A new password ends all of the user's sessions
/// but `keep` (the one making the change, if any).
pub fn apply_change(
    tx: &Connection,
    id: UserId,
    profile: &Profile,
    new_password_hash: Option<&str>,
    keep: Option<SessionId>,
) -> Result<User, Error> {
    check_unique(tx, &profile.username, &profile.email, Some(id))?;
    users::update_profile(tx, id, &profile.username, &profile.email)?;
    if let Some(hash) = new_password_hash {
        users::update_password(tx, id, hash)?;
        sessions::delete_for_user(tx, id, keep)?;
    }
    users::find(tx, id)
}

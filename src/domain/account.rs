//! Accounts: registration, sign-in checks and changes to one's own account.

use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::throttle::Throttle;
use crate::auth::{Hasher, Role};
use crate::db::users::{self, NewUser, User};
use crate::db::{Db, sessions, write_tx};
use crate::domain::validation::{
    add, email_rule, field_errors, finish, message, password_is_username, password_rule, username_rule,
};
use crate::error::Error;
use crate::ids::SessionId;

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
    fn trimmed(mut self) -> Self {
        self.username = self.username.trim().to_string();
        self.email = self.email.trim().to_string();
        self
    }
}

/// Creates an account with `role`. Registration from the shop always passes
/// `Role::Customer`; only admins and the command line make others.
pub async fn register(db: &Db, hasher: &Hasher, input: Registration, role: Role) -> Result<User, Error> {
    register_checked(db, hasher, input, role, |_| Ok(())).await
}

/// `register`, with `check` run in the transaction that inserts the user:
/// the user is created only if it succeeds.
pub async fn register_checked<F>(
    db: &Db,
    hasher: &Hasher,
    input: Registration,
    role: Role,
    check: F,
) -> Result<User, Error>
where
    F: FnOnce(&rusqlite::Connection) -> Result<(), Error> + Send + 'static,
{
    let input = input.trimmed();
    let mut errors = field_errors(&input);
    if !errors.contains_key("password") && password_is_username(&input.password, &input.username) {
        add(&mut errors, "password", PASSWORD_IS_USERNAME);
    }
    finish(errors)?;
    let probe = input.clone();
    db.run(move |conn| check_unique(conn, &probe.username, &probe.email, None))
        .await?;
    let hash = hasher.hash(&input.password).await?;
    db.run(move |conn| {
        let tx = write_tx(conn)?;
        check(&tx)?;
        // Checked again: someone may have taken the name while we hashed.
        check_unique(&tx, &input.username, &input.email, None)?;
        let new = NewUser {
            username: &input.username,
            email: &input.email,
            password_hash: &hash,
            role,
        };
        let id = users::insert(&tx, &new)?;
        let user = users::find(&tx, id)?;
        tx.commit()?;
        Ok(user)
    })
    .await
}

fn check_unique(
    conn: &rusqlite::Connection,
    username: &str,
    email: &str,
    except: Option<crate::ids::UserId>,
) -> Result<(), Error> {
    let mut errors = crate::error::FieldErrors::new();
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

/// Checks a sign-in attempt. Unknown users and wrong passwords get the same
/// answer after the same work; too many failures get `TooManyRequests`,
/// even with the right password.
pub async fn authenticate(
    db: &Db,
    hasher: &Hasher,
    throttle: &Throttle,
    credentials: &Credentials,
    address: &str,
) -> Result<User, Error> {
    let login = credentials.username.trim().to_string();
    throttle
        .check(&login, address)
        .map_err(|retry_after_secs| Error::TooManyRequests { retry_after_secs })?;
    let lookup = login.clone();
    let found = db.run(move |conn| users::find_for_login(conn, &lookup)).await?;
    let (user, hash) = match found {
        Some((user, hash)) if user.active => (Some(user), Some(hash)),
        _ => (None, None),
    };
    let matches = hasher.verify(&credentials.password, hash).await?;
    match user {
        Some(user) if matches => {
            throttle.clear_account(&login);
            Ok(user)
        }
        _ => {
            throttle.record_failure(&login, address);
            Err(Error::InvalidCredentials {
                message: BAD_CREDENTIALS.into(),
            })
        }
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

/// Applies `change` to `user`'s account. A new password ends all of the
/// user's sessions but `keep` (the one making the change, if any).
pub async fn change(
    db: &Db,
    hasher: &Hasher,
    throttle: &Throttle,
    user: &User,
    keep: Option<SessionId>,
    change: AccountChange,
    address: &str,
) -> Result<User, Error> {
    throttle
        .check(&user.username, address)
        .map_err(|retry_after_secs| Error::TooManyRequests { retry_after_secs })?;
    let id = user.id;
    let hash = db.run(move |conn| users::password_hash(conn, id)).await?;
    if !hasher.verify(&change.current_password, Some(hash)).await? {
        throttle.record_failure(&user.username, address);
        let message = if change.current_password.is_empty() {
            "is required"
        } else {
            "is not your current password"
        };
        return Err(Error::field("current_password", message));
    }

    let username = change
        .username
        .as_deref()
        .map_or(user.username.clone(), |u| u.trim().to_string());
    let email = change
        .email
        .as_deref()
        .map_or(user.email.clone(), |e| e.trim().to_string());
    let mut errors = crate::error::FieldErrors::new();
    if let Err(e) = username_rule(&username) {
        add(&mut errors, "username", &message(&e));
    }
    if let Err(e) = email_rule(&email) {
        add(&mut errors, "email", &message(&e));
    }
    if let Some(password) = &change.new_password {
        if let Err(e) = password_rule(password) {
            add(&mut errors, "new_password", &message(&e));
        } else if password_is_username(password, &username) {
            add(&mut errors, "new_password", PASSWORD_IS_USERNAME);
        }
    }
    finish(errors)?;

    let new_hash = match &change.new_password {
        Some(password) => Some(hasher.hash(password).await?),
        None => None,
    };
    db.run(move |conn| {
        let tx = write_tx(conn)?;
        check_unique(&tx, &username, &email, Some(id))?;
        users::update_profile(&tx, id, &username, &email)?;
        if let Some(hash) = &new_hash {
            users::update_password(&tx, id, hash)?;
            sessions::delete_for_user(&tx, id, keep)?;
        }
        let user = users::find(&tx, id)?;
        tx.commit()?;
        Ok(user)
    })
    .await
}

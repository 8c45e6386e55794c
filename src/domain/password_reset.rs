//! Password reset: a one-time link by e-mail, valid for an hour. The request
//! answers the same whether or not the address has an account.

use rusqlite::Connection;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::users::User;
use crate::db::{self, outbox, password_resets, sessions, users};
use crate::domain::account_rules::{password_is_username, password_rule};
use crate::domain::fields::message;
use crate::error::Error;
use crate::i18n::{FluentValue, t, t_with};
use crate::token::{hash_token, random_token};

pub const LINK_LIFETIME_MINUTES: i64 = 60;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ResetRequest {
    #[schema(required = true)]
    pub email: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ResetConfirm {
    /// The token from the e-mailed link.
    #[schema(required = true)]
    pub token: String,
    #[schema(required = true, min_length = 10)]
    pub new_password: String,
}

/// Queues the reset mail if `email` belongs to an active account. Returns
/// whether a mail was queued, for the caller to wake the mailer; the caller
/// must not tell the user.
pub fn request(tx: &Connection, public_url: &str, email: &str) -> Result<bool, Error> {
    let Some(user) = users::find_by_email(tx, email.trim())? else {
        return Ok(false);
    };
    if !user.active {
        return Ok(false);
    }
    let token = random_token();
    let expires = db::from_now(chrono::Duration::minutes(LINK_LIFETIME_MINUTES));
    password_resets::insert(tx, user.id, &hash_token(&token), &expires)?;
    // In the user's own language, else the shop's: the mail is read
    // outside any page.
    let lang = match users::language(tx, user.id)? {
        Some(lang) => lang,
        None => crate::domain::settings::load(tx)?.language().default_lang(),
    };
    let body = format!(
        "{hello}\n\n{asked}\n{open}\n\n{public_url}/password-reset/{token}\n\n{ignore}\n",
        hello = t_with(
            lang,
            "mail-hello",
            &[("name", FluentValue::from(user.username.as_str()))]
        ),
        asked = t(lang, "mail-reset-asked"),
        open = t_with(
            lang,
            "mail-reset-open",
            &[("minutes", FluentValue::from(LINK_LIFETIME_MINUTES))]
        ),
        ignore = t(lang, "mail-reset-ignore"),
    );
    outbox::insert(
        tx,
        &outbox::Mail {
            kind: "password_reset",
            to: &user.email,
            subject: &t(lang, "mail-reset-subject"),
            body: &body,
        },
    )?;
    Ok(true)
}

const BAD_LINK: &str = "this link is invalid or has expired; ask for a new one";

pub fn link_is_valid(conn: &Connection, token: &str) -> Result<bool, Error> {
    password_resets::is_valid(conn, &hash_token(token))
}

/// The user whose valid link has the hash `token_hash`.
pub fn user_of_link(conn: &Connection, token_hash: &str) -> Result<User, Error> {
    if !password_resets::is_valid(conn, token_hash)? {
        return Err(Error::field("token", BAD_LINK));
    }
    let user_id: i64 = conn.query_row(
        "SELECT user_id FROM password_resets WHERE token_hash = ?1",
        [token_hash],
        |r| r.get(0),
    )?;
    users::find(conn, crate::ids::UserId(user_id))
}

/// Checks the new password chosen for `user`.
pub fn check_new_password(input: &ResetConfirm, user: &User) -> Result<(), Error> {
    if let Err(e) = password_rule(&input.new_password) {
        return Err(Error::field("new_password", message(&e)));
    }
    if password_is_username(&input.new_password, &user.username) {
        return Err(Error::field(
            "new_password",
            "must not be the same as the username",
        ));
    }
    Ok(())
}

/// Uses up the link with the hash `token_hash`, sets the new password and
/// ends every session of the user.
pub fn apply(tx: &Connection, token_hash: &str, new_password_hash: &str) -> Result<(), Error> {
    // Consumed here, not when the link was checked: two uses of one link
    // race to this line.
    let Some(user_id) = password_resets::consume(tx, token_hash)? else {
        return Err(Error::field("token", BAD_LINK));
    };
    users::update_password(tx, user_id, new_password_hash)?;
    password_resets::delete_for_user(tx, user_id)?;
    sessions::delete_for_user(tx, user_id, None)?;
    Ok(())
}

//! Password reset: a one-time link by e-mail, valid for an hour. The request
//! answers the same whether or not the address has an account.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::{Hasher, hash_token, random_token};
use crate::db::{self, Db, outbox, password_resets, sessions, users, write_tx};
use crate::domain::validation::{message, password_is_username, password_rule};
use crate::error::Error;

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
pub async fn request(db: &Db, public_url: &str, email: &str) -> Result<bool, Error> {
    let email = email.trim().to_string();
    let public_url = public_url.to_string();
    db.run(move |conn| {
        let tx = write_tx(conn)?;
        let Some(user) = users::find_by_email(&tx, &email)? else {
            return Ok(false);
        };
        if !user.active {
            return Ok(false);
        }
        let token = random_token();
        let expires = db::from_now(chrono::Duration::minutes(LINK_LIFETIME_MINUTES));
        password_resets::insert(&tx, user.id, &hash_token(&token), &expires)?;
        let body = format!(
            "Hello {name},\n\n\
             Someone (hopefully you) asked to reset the password of your account.\n\
             To choose a new password, open this link within {LINK_LIFETIME_MINUTES} minutes:\n\n\
             {public_url}/password-reset/{token}\n\n\
             If you did not ask for this, ignore this message; your password stays as it is.\n",
            name = user.username,
        );
        outbox::insert(
            &tx,
            &outbox::Mail {
                kind: "password_reset",
                to: &user.email,
                subject: "Reset your password",
                body: &body,
            },
        )?;
        tx.commit()?;
        Ok(true)
    })
    .await
}

const BAD_LINK: &str = "this link is invalid or has expired; ask for a new one";

pub async fn link_is_valid(db: &Db, token: &str) -> Result<bool, Error> {
    let hash = hash_token(token);
    db.run(move |conn| password_resets::is_valid(conn, &hash)).await
}

/// Sets the new password and ends every session of the user.
pub async fn confirm(db: &Db, hasher: &Hasher, input: ResetConfirm) -> Result<(), Error> {
    let hash = hash_token(&input.token);
    let probe = hash.clone();
    let user = db
        .run(move |conn| {
            if !password_resets::is_valid(conn, &probe)? {
                return Ok(None);
            }
            let user_id: i64 = conn.query_row(
                "SELECT user_id FROM password_resets WHERE token_hash = ?1",
                [&probe],
                |r| r.get(0),
            )?;
            Ok(Some(users::find(conn, crate::ids::UserId(user_id))?))
        })
        .await?
        .ok_or_else(|| Error::field("token", BAD_LINK))?;
    if let Err(e) = password_rule(&input.new_password) {
        return Err(Error::field("new_password", message(&e)));
    }
    if password_is_username(&input.new_password, &user.username) {
        return Err(Error::field(
            "new_password",
            "must not be the same as the username",
        ));
    }
    let new_hash = hasher.hash(&input.new_password).await?;
    db.run(move |conn| {
        let tx = write_tx(conn)?;
        // Consumed here, not above: two uses of one link race to this line.
        let Some(user_id) = password_resets::consume(&tx, &hash)? else {
            return Err(Error::field("token", BAD_LINK));
        };
        users::update_password(&tx, user_id, &new_hash)?;
        password_resets::delete_for_user(&tx, user_id)?;
        sessions::delete_for_user(&tx, user_id, None)?;
        tx.commit()?;
        Ok(())
    })
    .await
}

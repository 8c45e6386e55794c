//! Registering, signing in and changing one's account: the rules of
//! `domain::account` around bcrypt (on the blocking pool, never in a
//! database call) and the login throttle.

use crate::auth::Hasher;
use crate::auth::throttle::Throttle;
use crate::db::Db;
use crate::db::users::{self, User};
use crate::domain::account::{self, AccountChange, Credentials, Registration};
use crate::domain::password_reset::{self, ResetConfirm};
use crate::error::Error;
use crate::ids::SessionId;
use crate::role::Role;
use crate::token::hash_token;

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
    let input = input.checked()?;
    let probe = input.clone();
    db.run(move |conn| account::check_unique(conn, &probe.username, &probe.email, None))
        .await?;
    let hash = hasher.hash(&input.password).await?;
    db.write(move |tx| {
        check(tx)?;
        account::insert(tx, &input, &hash, role)
    })
    .await
}

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
            Err(account::bad_credentials())
        }
    }
}

/// Applies `change` to `user`'s account once the current password checks
/// out. A new password ends all of the user's sessions but `keep`.
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
        return Err(account::wrong_current_password(&change));
    }
    let profile = change.checked(user)?;
    let new_hash = match &change.new_password {
        Some(password) => Some(hasher.hash(password).await?),
        None => None,
    };
    db.write(move |tx| account::apply_change(tx, id, &profile, new_hash.as_deref(), keep))
        .await
}

/// Sets the new password chosen with a reset link and ends every session of
/// the user.
pub async fn reset_password(db: &Db, hasher: &Hasher, input: ResetConfirm) -> Result<(), Error> {
    let hash = hash_token(&input.token);
    let probe = hash.clone();
    let user = db
        .run(move |conn| password_reset::user_of_link(conn, &probe))
        .await?;
    password_reset::check_new_password(&input, &user)?;
    let new_hash = hasher.hash(&input.new_password).await?;
    db.write(move |tx| password_reset::apply(tx, &hash, &new_hash))
        .await
}

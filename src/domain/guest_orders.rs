//! A guest's order through its private link: finding it by the link's
//! token, and the account a guest makes from it, which takes that order and
//! the other guest orders of the same browser session, never orders found
//! by e-mail address.

use rusqlite::Connection;

use crate::db::orders::{self, Order};
use crate::db::users::User;
use crate::domain::account::{self, Registration};
use crate::domain::fields::add;
use crate::domain::orders::Actor;
use crate::error::{Error, FieldErrors};
use crate::ids::{OrderId, SessionId};
use crate::role::Role;
use crate::token::hash_token;

/// Whether `token` can be one `token::random_token` made: 43 URL-safe
/// characters. Anything else is "not found" without a query.
pub fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The order of a private link's token; 404 for a token of no order.
pub fn order_of_token(conn: &Connection, token: &str) -> Result<OrderId, Error> {
    if !well_formed(token) {
        return Err(Error::NotFound);
    }
    orders::find_by_guest_token(conn, &hash_token(token))?.ok_or(Error::NotFound)
}

/// The order of a private link, as its holder sees it.
pub fn find(conn: &Connection, token: &str) -> Result<Order, Error> {
    let id = order_of_token(conn, token)?;
    crate::domain::orders::find(conn, Actor::Guest(id), id)
}

/// The message next to the e-mail of an account form whose address has an
/// account already: the guest signs in instead, and no order is attached
/// to that account by its address.
pub const EMAIL_TAKEN: &str = "already has an account: sign in with it instead";

/// Refuses what `account::check_unique` refuses, in the words of this form.
pub fn check_unique(conn: &Connection, input: &Registration) -> Result<(), Error> {
    account::check_unique(conn, &input.username, &input.email, None).map_err(reword)
}

fn reword(error: Error) -> Error {
    match error {
        Error::Validation { message, mut fields } => {
            if fields.contains_key("email") {
                let mut email = FieldErrors::new();
                add(&mut email, "email", EMAIL_TAKEN);
                fields.extend(email);
            }
            Error::Validation { message, fields }
        }
        other => other,
    }
}

/// A new account from the link of guest order `order`, in the write
/// transaction `tx`: the customer `input` names owns that order and the
/// guest orders placed in `session` (the browser making the account).
/// Answers the user and how many orders they took.
pub fn create_account(
    tx: &Connection,
    order: OrderId,
    session: Option<SessionId>,
    input: &Registration,
    password_hash: &str,
) -> Result<(User, usize), Error> {
    if orders::owner(tx, order)?.flatten().is_some() {
        return Err(Error::Conflict {
            code: "already_owned",
            message: "this order belongs to an account already; sign in to see it".into(),
        });
    }
    let user = account::insert(tx, input, password_hash, Role::Customer).map_err(reword)?;
    let taken = orders::claim_guest_orders(tx, user.id, order, session)?;
    Ok((user, taken))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tokens_of_the_right_shape_are_looked_up() {
        assert!(well_formed(&crate::token::random_token()));
        assert!(!well_formed(""));
        assert!(!well_formed(&"a".repeat(42)));
        assert!(!well_formed(&format!("{}/", "a".repeat(42))));
        assert!(!well_formed(&"é".repeat(22)));
    }
}

//! Whose cart a request is about: a user's (bearer token or signed-in
//! session) or a guest session's. `CartViewer` reads and creates nothing;
//! `CartOwner` writes, starting a guest session when there is none.

use rocket::outcome::try_outcome;
use rocket::request::{FromRequest, Outcome, Request};

use crate::auth::SignedIn;
use crate::auth::csrf::cross_site;
use crate::auth::session::{self, CurrentSession};
use crate::domain::cart::Owner;
use crate::error::{Error, GuardError, is_api};

/// The signed-in user's cart, if the request is signed in. A bearer token
/// that does not work is a 401, as everywhere in the API.
async fn signed_in_owner(req: &Request<'_>, current: &CurrentSession) -> Option<Outcome<Owner, Error>> {
    let by_cookie = current.0.as_ref().is_some_and(|s| s.user.is_some());
    if !req.headers().contains("Authorization") && !by_cookie {
        return None;
    }
    Some(req.guard::<SignedIn>().await.map(|s| Owner::User(s.user.id)))
}

/// The cart to show: `None` for a visitor without a session, whose cart is
/// empty (and stays without a row until they add something).
pub struct CartViewer(pub Option<Owner>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CartViewer {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let current: &CurrentSession = try_outcome!(req.guard().await);
        if let Some(user) = signed_in_owner(req, current).await {
            return user.map(|owner| CartViewer(Some(owner)));
        }
        Outcome::Success(CartViewer(current.0.as_ref().map(|s| Owner::Guest(s.id))))
    }
}

/// The cart to change. A guest gets a session (and so a cart) here.
pub struct CartOwner(pub Owner);

fn fail<T>(req: &Request<'_>, error: Error) -> Outcome<T, Error> {
    Outcome::Error(GuardError::set(req, error))
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CartOwner {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let current: &CurrentSession = try_outcome!(req.guard().await);
        if let Some(user) = signed_in_owner(req, current).await {
            return user.map(CartOwner);
        }
        // A guest's cart rides on a cookie just as a user's does, so the
        // same rule keeps cross-site requests out.
        if let Err(e) = crate::auth::csrf::check_cookie_write(req) {
            return fail(req, e);
        }
        // Checked here too (not only by `GuestForm`), so that a refused
        // cross-site form does not leave a new session behind.
        if !is_api(req) && current.0.is_none() && cross_site(req) {
            return fail(req, Error::CsrfFailed);
        }
        match session::ensure(req).await {
            Ok(s) => Outcome::Success(CartOwner(Owner::Guest(s.id))),
            Err(e) => fail(req, e),
        }
    }
}

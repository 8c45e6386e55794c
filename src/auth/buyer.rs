//! `Shopper`, a request guard: who would check out, a signed-in customer
//! (by session or bearer token) or a guest session with its client address,
//! or nobody (a visitor without a session has no cart to buy).

use rocket::outcome::try_outcome;
use rocket::request::{FromRequest, Outcome, Request};

use crate::auth::SignedIn;
use crate::auth::session::CurrentSession;
use crate::domain::checkout::Buyer;
use crate::error::{Error, GuardError};

pub struct Shopper(pub Option<Buyer>);

impl Shopper {
    /// The buyer, or 401 for a visitor without a session.
    pub fn required(self) -> Result<Buyer, Error> {
        self.0.ok_or(Error::Unauthenticated)
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Shopper {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let current: &CurrentSession = try_outcome!(req.guard().await);
        let by_cookie = current.0.as_ref().is_some_and(|s| s.user.is_some());
        if req.headers().contains("Authorization") || by_cookie {
            let signed_in = try_outcome!(req.guard::<SignedIn>().await);
            return Outcome::Success(Shopper(Some(Buyer::User {
                id: signed_in.user.id,
                email: signed_in.user.email,
            })));
        }
        let Some(session) = &current.0 else {
            return Outcome::Success(Shopper(None));
        };
        // A guest's checkout rides on a cookie as a user's does.
        if let Err(e) = crate::auth::csrf::check_cookie_write(req) {
            return Outcome::Error(GuardError::set(req, e));
        }
        // `client_ip` honours the configured `ip_header` behind a proxy.
        let client_ip = req
            .client_ip()
            .map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
        Outcome::Success(Shopper(Some(Buyer::Guest {
            session: session.id,
            client_ip,
        })))
    }
}

//! Request guards: `SignedIn` (any user, by session cookie or bearer token),
//! and on it `Staff` and `Admin`. A failure leaves its error for the catcher,
//! which answers JSON under `/api` and a page elsewhere.

use rocket::request::{FromRequest, Outcome, Request};

use crate::auth::session::CurrentSession;
use crate::db::users::User;
use crate::db::{self, Db, tokens};
use crate::error::{Error, GuardError};
use crate::ids::{SessionId, TokenId};
use crate::token::hash_token;

/// How the user proved who they are.
#[derive(Debug, Clone, Copy)]
pub enum Via {
    Session(SessionId),
    Token(TokenId),
}

/// A signed-in, active user.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub via: Via,
}

impl SignedIn {
    pub fn session(&self) -> Option<SessionId> {
        match self.via {
            Via::Session(id) => Some(id),
            Via::Token(_) => None,
        }
    }
}

fn fail<T>(req: &Request<'_>, error: Error) -> Outcome<T, Error> {
    Outcome::Error(GuardError::set(req, error))
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SignedIn {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        if let Some(header) = req.headers().get_one("Authorization") {
            return match header.strip_prefix("Bearer ") {
                Some(token) => by_token(req, token.trim()).await,
                None => fail(req, Error::Unauthenticated),
            };
        }
        let current: &CurrentSession = match req.guard().await {
            Outcome::Success(s) => s,
            Outcome::Error((_, e)) => return fail(req, e),
            Outcome::Forward(_) => return fail(req, Error::Unauthenticated),
        };
        let Some((session, user)) = current.0.as_ref().and_then(|s| Some((s.id, s.user.clone()?))) else {
            return fail(req, Error::Unauthenticated);
        };
        if let Err(e) = crate::auth::csrf::check_cookie_write(req) {
            return fail(req, e);
        }
        Outcome::Success(SignedIn {
            user,
            via: Via::Session(session),
        })
    }
}

/// Token use is recorded at most once a minute, to keep reads cheap.
const TOKEN_TOUCH_SECS: i64 = 60;

async fn by_token(req: &Request<'_>, token: &str) -> Outcome<SignedIn, Error> {
    let Some(db) = req.rocket().state::<Db>() else {
        return fail(req, Error::internal("no database"));
    };
    let hash = hash_token(token);
    let touch_cutoff = db::from_now(-chrono::Duration::seconds(TOKEN_TOUCH_SECS));
    let found = db.run(move |conn| tokens::find_user_by_token(conn, &hash)).await;
    let found = match found {
        Ok(Some((id, last_used, user))) if last_used.as_deref().is_none_or(|t| *t < *touch_cutoff) => db
            .write(move |tx| tokens::touch(tx, id))
            .await
            .map(|()| Some((id, last_used, user))),
        other => other,
    };
    match found {
        Ok(Some((id, _, user))) => Outcome::Success(SignedIn {
            user,
            via: Via::Token(id),
        }),
        Ok(None) => fail(req, Error::Unauthenticated),
        Err(e) => fail(req, e),
    }
}

/// A signed-in staff member or admin.
pub struct Staff(pub SignedIn);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Staff {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let signed_in = rocket::outcome::try_outcome!(req.guard::<SignedIn>().await);
        if signed_in.user.role.is_staff() {
            Outcome::Success(Staff(signed_in))
        } else {
            fail(req, Error::Forbidden)
        }
    }
}

/// A signed-in admin.
pub struct Admin(pub SignedIn);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Admin {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let signed_in = rocket::outcome::try_outcome!(req.guard::<SignedIn>().await);
        if signed_in.user.role == crate::role::Role::Admin {
            Outcome::Success(Admin(signed_in))
        } else {
            fail(req, Error::Forbidden)
        }
    }
}

/// The client's address, for throttling; "unknown" when Rocket has none.
pub struct ClientAddr(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientAddr {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let addr = req
            .client_ip()
            .map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
        Outcome::Success(ClientAddr(addr))
    }
}

/// Whoever is asking, signed in or not. A bearer token that does not work
/// is still a 401: a script should hear that its token is wrong.
pub struct Viewer(pub Option<SignedIn>);

impl Viewer {
    pub fn is_staff(&self) -> bool {
        self.0.as_ref().is_some_and(|s| s.user.role.is_staff())
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Viewer {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let current: &CurrentSession = rocket::outcome::try_outcome!(req.guard().await);
        let signed_in_by_cookie = current.0.as_ref().is_some_and(|s| s.user.is_some());
        if req.headers().contains("Authorization") || signed_in_by_cookie {
            return req.guard::<SignedIn>().await.map(|s| Viewer(Some(s)));
        }
        Outcome::Success(Viewer(None))
    }
}

//! Server-side sessions: the cookie holds a random token, the database its
//! hash. Guests get a session only when they need one (a form, a cart), so
//! browsing creates no rows.

use std::sync::Mutex;

use chrono::Duration;
use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::request::{FromRequest, Outcome, Request};

use crate::db::users::User;
use crate::db::{self, Db, sessions};
use crate::domain::cart::{self, Merged};
use crate::error::Error;
use crate::i18n::Lang;
use crate::ids::{SessionId, UserId};
use crate::token::{hash_token, random_token};

pub const COOKIE: &str = "tienda_session";

/// A live session, as loaded for this request.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: SessionId,
    pub csrf: String,
    pub user: Option<User>,
    /// The language chosen with the storefront's chooser, if any.
    pub lang: Option<Lang>,
    /// The signed-in user's own language, if they chose one.
    pub user_lang: Option<Lang>,
}

impl Session {
    /// Whose cart this session shows: its user's, or its own as a guest's.
    pub fn cart_owner(&self) -> cart::Owner {
        match &self.user {
            Some(user) => cart::Owner::User(user.id),
            None => cart::Owner::Guest(self.id),
        }
    }
}

/// How long sessions live and how their cookie is marked (managed state).
#[derive(Clone)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub max_age: Duration,
    pub secure: bool,
}

impl SessionPolicy {
    fn cookie(&self, token: String) -> Cookie<'static> {
        Cookie::build((COOKIE, token))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .max_age(rocket::time::Duration::seconds(self.max_age.num_seconds()))
            .build()
    }

    /// Removes expired sessions; run in the background.
    pub fn purge(&self, conn: &rusqlite::Connection) -> Result<usize, Error> {
        sessions::purge_expired(conn, &db::from_now(-self.idle), &db::from_now(-self.max_age))
    }
}

/// The request's session, if its cookie names one that has not expired.
#[derive(Default)]
pub struct CurrentSession(pub Option<Session>);

/// The session as loaded once per request, or why it could not be: a
/// cookie whose session cannot be looked up (the database is down) is not
/// the same as no cookie, and answers 503 rather than 401.
#[derive(Default)]
pub struct Loaded {
    pub session: CurrentSession,
    failure: Option<Error>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for &'r CurrentSession {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let loaded: &Loaded = req.local_cache_async(load(req)).await;
        match &loaded.failure {
            None => Outcome::Success(&loaded.session),
            Some(e) => Outcome::Error(crate::error::GuardError::set(req, e.clone())),
        }
    }
}

/// Touching `last_seen_at` on every request would make every page a write;
/// a few minutes of slack in the idle timeout is fine.
const TOUCH_AFTER: Duration = Duration::minutes(5);

async fn load(req: &Request<'_>) -> Loaded {
    let Some(token) = req.cookies().get(COOKIE).map(|c| c.value().to_string()) else {
        return Loaded::default();
    };
    let (Some(db), Some(policy)) = (req.rocket().state::<Db>(), req.rocket().state::<SessionPolicy>()) else {
        return Loaded::default();
    };
    let (idle_cutoff, absolute_cutoff) = (db::from_now(-policy.idle), db::from_now(-policy.max_age));
    let touch_cutoff = db::from_now(-TOUCH_AFTER);
    let found = async {
        let found = db
            .run(move |conn| sessions::find_by_token(conn, &hash_token(&token)))
            .await?;
        let Some(row) = found else {
            return Ok(None);
        };
        let id = row.id;
        if row.last_seen_at < idle_cutoff || row.created_at < absolute_cutoff {
            db.write(move |tx| sessions::delete(tx, id)).await?;
            return Ok(None);
        }
        if row.last_seen_at < touch_cutoff {
            db.write(move |tx| sessions::touch(tx, id)).await?;
        }
        Ok::<_, Error>(Some(Session {
            id,
            csrf: row.csrf_token,
            user: row.user,
            lang: row.language,
            user_lang: row.user_language,
        }))
    }
    .await;
    match found {
        Ok(session) => Loaded {
            session: CurrentSession(session),
            failure: None,
        },
        Err(e) => {
            rocket::error!("loading the session failed: {e}");
            Loaded {
                session: CurrentSession(None),
                failure: Some(e),
            }
        }
    }
}

/// A session made during this request, so that asking twice makes one.
#[derive(Default)]
struct Created(Mutex<Option<Session>>);

/// The request's session, starting a guest session if there is none.
pub async fn ensure(req: &Request<'_>) -> Result<Session, Error> {
    let current: &CurrentSession = match req.guard().await {
        Outcome::Success(current) => current,
        Outcome::Error((_, e)) => return Err(e),
        Outcome::Forward(_) => return Err(Error::Unauthenticated),
    };
    if let Some(session) = &current.0 {
        return Ok(session.clone());
    }
    let created = req.local_cache(Created::default);
    if let Some(session) = created.0.lock().expect("session lock poisoned").clone() {
        return Ok(session);
    }
    let db = req
        .rocket()
        .state::<Db>()
        .ok_or_else(|| Error::internal("no database"))?;
    let policy = req
        .rocket()
        .state::<SessionPolicy>()
        .ok_or_else(|| Error::internal("no session policy"))?;
    let (token, csrf) = (random_token(), random_token());
    let (hash, csrf_copy) = (hash_token(&token), csrf.clone());
    let id = db
        .write(move |tx| sessions::insert(tx, &hash, None, &csrf_copy))
        .await?;
    req.cookies().add(policy.cookie(token));
    let session = Session {
        id,
        csrf,
        user: None,
        lang: None,
        user_lang: None,
    };
    *created.0.lock().expect("session lock poisoned") = Some(session.clone());
    Ok(session)
}

/// Signs `user` in: the guest session (if any) gets a new token and keeps its
/// data; otherwise a new session starts. Either way the browser gets a new
/// cookie, so a token fixed before login is worthless after it. The guest's
/// cart is merged into the user's in the same transaction; the answer says
/// which lines could not be taken whole.
pub async fn sign_in(
    db: &Db,
    policy: &SessionPolicy,
    cookies: &CookieJar<'_>,
    current: Option<&Session>,
    user: UserId,
) -> Result<Merged, Error> {
    let (token, csrf) = (random_token(), random_token());
    let hash = hash_token(&token);
    let current = current.map(|s| s.id);
    let merged = db
        .write(move |tx| match current {
            Some(id) => {
                sessions::rotate(tx, id, &hash, Some(user), &csrf)?;
                cart::merge_guest_cart(tx, id, user)
            }
            None => {
                sessions::insert(tx, &hash, Some(user), &csrf)?;
                Ok(Merged::default())
            }
        })
        .await?;
    cookies.add(policy.cookie(token));
    Ok(merged)
}

/// Ends the session on the server; its cookie stops working at once.
pub async fn sign_out(db: &Db, cookies: &CookieJar<'_>, session: SessionId) -> Result<(), Error> {
    db.write(move |tx| sessions::delete(tx, session)).await?;
    cookies.remove(Cookie::build(COOKIE).path("/"));
    Ok(())
}

//! The storefront's language chooser: `/language/es` remembers the choice
//! in the visitor's session (starting one if needed) and goes back to the
//! page it was chosen on. A plain link, so that it works on every page,
//! with or without a form's CSRF token; the worst a forged link can do is
//! switch a visitor's language.

use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::Redirect;
use rocket::{Route, State, get, routes};

use crate::auth::session::{self, Session};
use crate::db::{Db, sessions};
use crate::error::{Error, GuardError};
use crate::i18n::Lang;

/// The visitor's session and the local page that linked here.
struct Chooser {
    session: Session,
    back: String,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Chooser {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let session = match session::ensure(req).await {
            Ok(s) => s,
            Err(e) => return Outcome::Error(GuardError::set(req, e)),
        };
        let back = req
            .headers()
            .get_one("Referer")
            .and_then(|r| url::Url::parse(r).ok())
            .filter(|u| Some(u.authority()) == req.host().map(|h| h.to_string()).as_deref())
            .map(|u| match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_string(),
            });
        Outcome::Success(Chooser {
            session,
            back: super::local_path(back.as_deref()),
        })
    }
}

#[get("/language/<code>")]
async fn get_language(code: &str, chooser: Chooser, db: &State<Db>) -> Result<Redirect, Error> {
    let lang = Lang::from_code(code).ok_or(Error::NotFound)?;
    let id = chooser.session.id;
    db.write(move |tx| sessions::set_language(tx, id, lang)).await?;
    Ok(Redirect::to(chooser.back))
}

pub fn routes() -> Vec<Route> {
    routes![get_language]
}

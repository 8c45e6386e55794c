//! The first-run page that creates the first admin account. Its link works
//! once; afterwards it is a 404.

use rocket::http::CookieJar;
use rocket::{Route, State, get, post, routes};
use serde::Serialize;

use crate::auth::Hasher;
use crate::auth::accounts;
use crate::auth::csrf::CsrfForm;
use crate::auth::session::{self, CurrentSession, SessionPolicy};
use crate::db::{Db, setup_tokens};
use crate::domain::account::Registration;
use crate::error::Error;
use crate::role::Role;
use crate::token::hash_token;
use crate::web::account::{AccountValues, after_sign_in};
use crate::web::{FormPage, Reply, form_error};

/// The context of `setup.html`: the link's token and the form.
#[derive(Serialize)]
struct SetupPage<'a> {
    token: &'a str,
    values: AccountValues,
}

#[get("/setup/<token>")]
async fn get_setup(token: &str, page: FormPage, db: &State<Db>) -> Result<Reply, Error> {
    let hash = hash_token(token);
    if !db.run(move |conn| setup_tokens::exists(conn, &hash)).await? {
        return Err(Error::NotFound);
    }
    Ok(Reply::page(
        "setup.html",
        &page.0,
        SetupPage {
            token,
            values: AccountValues::default(),
        },
    ))
}

#[allow(clippy::too_many_arguments)]
#[post("/setup/<token>", data = "<form>")]
async fn post_setup(
    token: &str,
    form: CsrfForm<Registration>,
    page: FormPage,
    current: &CurrentSession,
    db: &State<Db>,
    hasher: &State<Hasher>,
    policy: &State<SessionPolicy>,
    cookies: &CookieJar<'_>,
) -> Result<Reply, Error> {
    let input = form.0;
    let values = AccountValues {
        username: input.username.clone(),
        email: input.email.clone(),
    };
    let hash = hash_token(token);
    // The token is used up in the transaction that creates the admin, so
    // two submissions of the form cannot make two admins.
    let consume = move |conn: &rusqlite::Connection| match setup_tokens::consume(conn, &hash)? {
        true => Ok(()),
        false => Err(Error::NotFound),
    };
    match accounts::register_checked(db, hasher, input, Role::Admin, consume).await {
        Ok(user) => {
            let merged = session::sign_in(db, policy, cookies, current.0.as_ref(), user.id).await?;
            let lang = page.0.lang;
            let welcome = crate::i18n::t_with(
                lang,
                "setup-welcome",
                &[("name", crate::i18n::FluentValue::from(user.username.as_str()))],
            );
            Ok(after_sign_in("/account".into(), welcome, &merged, lang))
        }
        Err(e) => form_error("setup.html", &page.0, SetupPage { token, values }, e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_setup, post_setup]
}

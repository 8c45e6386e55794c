//! Password reset: ask for a link by e-mail, then set a new password.

use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::auth::Hasher;
use crate::auth::accounts;
use crate::auth::csrf::CsrfForm;
use crate::config::Config;
use crate::db::Db;
use crate::domain::password_reset::{self, ResetConfirm, ResetRequest};
use crate::error::Error;
use crate::mail::Mailer;
use crate::web::{Blank, FormPage, Reply, form_error};

pub const SENT: &str = "If an account uses that address, we have sent it a link to choose a new password.";

#[get("/password-reset")]
fn get_request(page: FormPage) -> Reply {
    Reply::page("account/reset_request.html", &page.0, Blank {})
}

#[post("/password-reset", data = "<form>")]
async fn post_request(
    form: CsrfForm<ResetRequest>,
    db: &State<Db>,
    config: &State<Config>,
    mailer: &State<Mailer>,
) -> Result<Reply, Error> {
    let (public_url, email) = (config.public_url(), form.email.clone());
    if db
        .write(move |tx| password_reset::request(tx, &public_url, &email))
        .await?
    {
        mailer.wake();
    }
    Ok(Reply::redirect("/login", SENT))
}

/// The context of `account/reset_confirm.html`: the link's token.
#[derive(Serialize)]
struct ConfirmPage<'a> {
    token: &'a str,
}

#[get("/password-reset/<token>")]
async fn get_confirm(token: &str, page: FormPage, db: &State<Db>) -> Result<Reply, Error> {
    let probe = token.to_string();
    if !db
        .run(move |conn| password_reset::link_is_valid(conn, &probe))
        .await?
    {
        return Err(Error::Validation {
            message: "this link is invalid or has expired; ask for a new one".into(),
            fields: Default::default(),
        });
    }
    Ok(Reply::page(
        "account/reset_confirm.html",
        &page.0,
        ConfirmPage { token },
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NewPasswordForm {
    new_password: String,
}

#[post("/password-reset/<token>", data = "<form>")]
async fn post_confirm(
    token: &str,
    form: CsrfForm<NewPasswordForm>,
    page: FormPage,
    db: &State<Db>,
    hasher: &State<Hasher>,
) -> Result<Reply, Error> {
    let input = ResetConfirm {
        token: token.to_string(),
        new_password: form.0.new_password,
    };
    match accounts::reset_password(db, hasher, input).await {
        Ok(()) => Ok(Reply::redirect(
            "/login",
            "Your password is changed. Sign in with it.",
        )),
        Err(e) => form_error("account/reset_confirm.html", &page.0, ConfirmPage { token }, e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_request, post_request, get_confirm, post_confirm]
}

//! The API tokens page: create (shown once), list, revoke.

use rocket::{Route, State, get, post, routes};
use serde::Serialize;

use crate::auth::SignedIn;
use crate::auth::csrf::CsrfForm;
use crate::db::Db;
use crate::db::tokens::{self, ApiToken};
use crate::domain::tokens::{self as domain, CreatedToken, NewToken};
use crate::error::Error;
use crate::ids::TokenId;
use crate::web::{Empty, Layout, Reply, form_error};

/// More than anyone keeps; the page lists them all.
const LIST_LIMIT: i64 = 200;

/// The context of `account/tokens.html`.
#[derive(Serialize)]
struct TokensPage {
    tokens: Vec<ApiToken>,
    /// The token just made, with its secret.
    created: Option<CreatedToken>,
    values: TokenValues,
}

/// The new token's form as typed.
#[derive(Default, Serialize)]
struct TokenValues {
    name: String,
}

async fn list(db: &Db, user: &SignedIn) -> Result<Vec<ApiToken>, Error> {
    let id = user.user.id;
    let rows = db
        .run(move |conn| tokens::list_page(conn, id, LIST_LIMIT, 0))
        .await?;
    Ok(rows)
}

#[get("/account/tokens")]
async fn get_tokens(user: SignedIn, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    let tokens = list(db, &user).await?;
    Ok(Reply::page(
        "account/tokens.html",
        &layout,
        TokensPage {
            tokens,
            created: None,
            values: TokenValues::default(),
        },
    ))
}

#[post("/account/tokens", data = "<form>")]
async fn post_token(
    form: CsrfForm<NewToken>,
    user: SignedIn,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let name = form.0.name.clone();
    let created = db.write(move |tx| domain::create(tx, user.user.id, form.0)).await;
    let tokens = list(db, &user).await?;
    match created {
        // Shown on this answer only: the secret is not stored anywhere.
        Ok(created) => Ok(Reply::page(
            "account/tokens.html",
            &layout,
            TokensPage {
                tokens,
                created: Some(created),
                values: TokenValues::default(),
            },
        )),
        Err(e) => form_error(
            "account/tokens.html",
            &layout,
            TokensPage {
                tokens,
                created: None,
                values: TokenValues { name },
            },
            e,
        ),
    }
}

#[post("/account/tokens/<id>/delete", data = "<_form>")]
async fn post_token_delete(
    id: TokenId,
    _form: CsrfForm<Empty>,
    user: SignedIn,
    db: &State<Db>,
) -> Result<Reply, Error> {
    db.write(move |tx| domain::revoke(tx, user.user.id, id)).await?;
    Ok(Reply::redirect(
        "/account/tokens",
        "The token is revoked; it no longer works.",
    ))
}

pub fn routes() -> Vec<Route> {
    routes![get_tokens, post_token, post_token_delete]
}

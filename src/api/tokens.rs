//! `/api/v1/tokens`: the signed-in user's API tokens.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, post, routes};

use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::SignedIn;
use crate::db::Db;
use crate::db::tokens::{self, ApiToken};
use crate::domain::tokens::{self as domain, CreatedToken, NewToken};
use crate::ids::TokenId;

#[get("/tokens?<page>&<per_page>")]
async fn get_tokens(
    user: SignedIn,
    page: Option<&str>,
    per_page: Option<&str>,
    db: &State<Db>,
) -> ApiResult<Json<ListPage<ApiToken>>> {
    let paging = Paging::parse(page, per_page)?;
    let id = user.user.id;
    let (items, total) = db
        .run(move |conn| {
            let items = tokens::list_page(conn, id, paging.per_page, paging.offset())?;
            Ok((items, tokens::count_for_user(conn, id)?))
        })
        .await?;
    Ok(ListPage::new(items, paging, total))
}

#[post("/tokens", data = "<body>")]
async fn post_token(
    body: JsonBody<NewToken>,
    user: SignedIn,
    db: &State<Db>,
) -> ApiResult<(Status, Json<CreatedToken>)> {
    let created = db
        .write(move |tx| domain::create(tx, user.user.id, body.0))
        .await?;
    Ok((Status::Created, Json(created)))
}

#[delete("/tokens/<id>")]
async fn delete_token(id: TokenId, user: SignedIn, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| domain::revoke(tx, user.user.id, id)).await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![get_tokens, post_token, delete_token]
}

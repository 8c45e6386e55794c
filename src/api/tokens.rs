//! `/api/v1/tokens`: the signed-in user's API tokens.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, post, routes};

use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::SignedIn;
use crate::db::Db;
use crate::db::tokens::{self, ApiToken};
use crate::domain::tokens::{self as domain, CreatedToken, NewToken};
use crate::error_schema::ApiError;
use crate::ids::TokenId;

#[utoipa::path(
    tag = "accounts",
    summary = "One's API tokens",
    params(
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page", body = ListPage<ApiToken>),
        (status = 401, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "accounts",
    summary = "Make an API token (shown once)",
    request_body = NewToken,
    responses(
        (status = 201, description = "the token", body = CreatedToken),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "accounts",
    summary = "Revoke one of one's tokens",
    params(
        ("id" = TokenId, Path, description = "the token"),
    ),
    responses(
        (status = 204, description = "revoked"),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[delete("/tokens/<id>")]
async fn delete_token(id: TokenId, user: SignedIn, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| domain::revoke(tx, user.user.id, id)).await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![get_tokens, post_token, delete_token]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(get_tokens, post_token, delete_token))]
pub struct Doc;

//! `/api/v1/cart`: the cart of the signed-in user or of the guest session.
//! Every change answers the whole cart as it is afterwards.

use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, post, put, routes};

use crate::api::{ApiResult, JsonBody};
use crate::auth::{CartOwner, CartViewer};
use crate::db::Db;
use crate::domain::cart::{self, Cart, NewLine, QuantityChange};
use crate::error_schema::ApiError;
use crate::ids::ProductId;

#[utoipa::path(
    tag = "cart",
    summary = "The cart of the signed-in user, or of the guest session (empty without one)",
    security((), ("session" = []), ("bearer" = [])),
    responses(
        (status = 200, description = "the cart", body = Cart),
        (status = 401, response = ApiError),
    ),
)]
#[get("/cart")]
async fn get_cart(viewer: CartViewer, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = viewer.0;
    Ok(Json(db.run(move |conn| cart::view(conn, owner)).await?))
}

#[utoipa::path(
    tag = "cart",
    summary = "Add to a product's line (a guest gets a session); more than the stock is a 409 insufficient_stock",
    security((), ("session" = []), ("bearer" = [])),
    request_body = NewLine,
    responses(
        (status = 200, description = "the cart", body = Cart,
            links(
                ("SetQuantity" = (operation_id = "put_cart_item", parameters(("id" = "$request.body#/product_id")))),
                ("SaveForLater" = (operation_id = "post_save_for_later", parameters(("id" = "$request.body#/product_id")))),
                ("MoveToCart" = (operation_id = "post_move_to_cart", parameters(("id" = "$request.body#/product_id")))),
                ("RemoveLine" = (operation_id = "delete_cart_item", parameters(("id" = "$request.body#/product_id"))))
            ),
        ),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/cart/items", data = "<body>")]
async fn post_cart_item(owner: CartOwner, body: JsonBody<NewLine>, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = owner.0;
    Ok(Json(db.write(move |tx| cart::add(tx, owner, body.0)).await?))
}

#[utoipa::path(
    tag = "cart",
    summary = "Set a line's quantity; 0 removes it. Lines in the cart may not exceed the stock (409)",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("id" = ProductId, Path, description = "the product of the line"),
    ),
    request_body = QuantityChange,
    responses(
        (status = 200, description = "the cart", body = Cart),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[put("/cart/items/<id>", data = "<body>")]
async fn put_cart_item(
    id: ProductId,
    owner: CartOwner,
    body: JsonBody<QuantityChange>,
    db: &State<Db>,
) -> ApiResult<Json<Cart>> {
    let (owner, quantity) = (owner.0, body.0.quantity);
    Ok(Json(
        db.write(move |tx| cart::set_quantity(tx, owner, id, quantity))
            .await?,
    ))
}

#[utoipa::path(
    tag = "cart",
    summary = "Remove a line, in the cart or saved",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("id" = ProductId, Path, description = "the product of the line"),
    ),
    responses(
        (status = 200, description = "the cart", body = Cart),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[delete("/cart/items/<id>")]
async fn delete_cart_item(id: ProductId, owner: CartOwner, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = owner.0;
    Ok(Json(db.write(move |tx| cart::remove(tx, owner, id)).await?))
}

#[utoipa::path(
    tag = "cart",
    summary = "Move a line to the saved list",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("id" = ProductId, Path, description = "the product of the line"),
    ),
    responses(
        (status = 200, description = "the cart", body = Cart),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[post("/cart/items/<id>/save-for-later")]
async fn post_save_for_later(id: ProductId, owner: CartOwner, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = owner.0;
    Ok(Json(
        db.write(move |tx| cart::save_for_later(tx, owner, id)).await?,
    ))
}

#[utoipa::path(
    tag = "cart",
    summary = "Move a saved line back into the cart; 409 insufficient_stock or unavailable when it cannot be bought",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("id" = ProductId, Path, description = "the product of the line"),
    ),
    responses(
        (status = 200, description = "the cart", body = Cart),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[post("/cart/items/<id>/move-to-cart")]
async fn post_move_to_cart(id: ProductId, owner: CartOwner, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = owner.0;
    Ok(Json(db.write(move |tx| cart::move_to_cart(tx, owner, id)).await?))
}

pub fn routes() -> Vec<Route> {
    routes![
        get_cart,
        post_cart_item,
        put_cart_item,
        delete_cart_item,
        post_save_for_later,
        post_move_to_cart
    ]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    get_cart,
    post_cart_item,
    put_cart_item,
    delete_cart_item,
    post_save_for_later,
    post_move_to_cart
))]
pub struct Doc;

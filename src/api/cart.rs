//! `/api/v1/cart`: the cart of the signed-in user or of the guest session.
//! Every change answers the whole cart as it is afterwards.

use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, post, put, routes};

use crate::api::{ApiResult, JsonBody};
use crate::auth::{CartOwner, CartViewer};
use crate::db::Db;
use crate::domain::cart::{self, Cart, NewLine, QuantityChange};
use crate::ids::ProductId;

#[get("/cart")]
async fn get_cart(viewer: CartViewer, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = viewer.0;
    Ok(Json(db.run(move |conn| cart::view(conn, owner)).await?))
}

#[post("/cart/items", data = "<body>")]
async fn post_cart_item(owner: CartOwner, body: JsonBody<NewLine>, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = owner.0;
    Ok(Json(db.write(move |tx| cart::add(tx, owner, body.0)).await?))
}

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

#[delete("/cart/items/<id>")]
async fn delete_cart_item(id: ProductId, owner: CartOwner, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = owner.0;
    Ok(Json(db.write(move |tx| cart::remove(tx, owner, id)).await?))
}

#[post("/cart/items/<id>/save-for-later")]
async fn post_save_for_later(id: ProductId, owner: CartOwner, db: &State<Db>) -> ApiResult<Json<Cart>> {
    let owner = owner.0;
    Ok(Json(
        db.write(move |tx| cart::save_for_later(tx, owner, id)).await?,
    ))
}

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

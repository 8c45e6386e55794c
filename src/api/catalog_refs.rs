//! `/api/v1/categories` and `/api/v1/suppliers`.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, patch, post, routes};

use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::Staff;
use crate::db::Db;
use crate::db::categories::{self, Category};
use crate::db::suppliers::{self, Supplier};
use crate::domain::categories::{self as domain, CategoryInput};
use crate::domain::suppliers::{self as supplier_rules, SupplierInput};
use crate::ids::{CategoryId, SupplierId};

#[get("/categories?<page>&<per_page>")]
async fn get_categories(
    page: Option<&str>,
    per_page: Option<&str>,
    db: &State<Db>,
) -> ApiResult<Json<ListPage<Category>>> {
    let paging = Paging::parse(page, per_page)?;
    let all = db.run(|conn| categories::all(conn)).await?;
    let total = all.len() as i64;
    let items = all
        .into_iter()
        .skip(usize::try_from(paging.offset()).unwrap_or(usize::MAX))
        .take(paging.per_page as usize)
        .collect();
    Ok(ListPage::new(items, paging, total))
}

#[get("/categories/<id>")]
async fn get_category(id: CategoryId, db: &State<Db>) -> ApiResult<Json<Category>> {
    Ok(Json(db.run(move |conn| categories::find(conn, id)).await?))
}

#[post("/categories", data = "<body>")]
async fn post_category(
    body: JsonBody<CategoryInput>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<(Status, Json<Category>)> {
    Ok((
        Status::Created,
        Json(db.write(move |tx| domain::save(tx, None, body.0)).await?),
    ))
}

#[patch("/categories/<id>", data = "<body>")]
async fn patch_category(
    id: CategoryId,
    body: JsonBody<CategoryInput>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<Category>> {
    Ok(Json(
        db.write(move |tx| domain::save(tx, Some(id), body.0)).await?,
    ))
}

#[delete("/categories/<id>")]
async fn delete_category(id: CategoryId, _staff: Staff, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| domain::delete(tx, id)).await?;
    Ok(Status::NoContent)
}

#[get("/suppliers?<q>&<page>&<per_page>")]
async fn get_suppliers(
    q: Option<String>,
    page: Option<&str>,
    per_page: Option<&str>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<ListPage<Supplier>>> {
    let paging = Paging::parse(page, per_page)?;
    let (items, total) = db
        .run(move |conn| suppliers::list_page(conn, q.as_deref(), paging.per_page, paging.offset()))
        .await?;
    Ok(ListPage::new(items, paging, total))
}

#[get("/suppliers/<id>")]
async fn get_supplier(id: SupplierId, _staff: Staff, db: &State<Db>) -> ApiResult<Json<Supplier>> {
    Ok(Json(db.run(move |conn| suppliers::find(conn, id)).await?))
}

#[post("/suppliers", data = "<body>")]
async fn post_supplier(
    body: JsonBody<SupplierInput>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<(Status, Json<Supplier>)> {
    Ok((
        Status::Created,
        Json(db.write(move |tx| supplier_rules::save(tx, None, body.0)).await?),
    ))
}

#[patch("/suppliers/<id>", data = "<body>")]
async fn patch_supplier(
    id: SupplierId,
    body: JsonBody<SupplierInput>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<Supplier>> {
    Ok(Json(
        db.write(move |tx| supplier_rules::save(tx, Some(id), body.0))
            .await?,
    ))
}

#[delete("/suppliers/<id>")]
async fn delete_supplier(id: SupplierId, _staff: Staff, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| supplier_rules::delete(tx, id)).await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![
        get_categories,
        get_category,
        post_category,
        patch_category,
        delete_category,
        get_suppliers,
        get_supplier,
        post_supplier,
        patch_supplier,
        delete_supplier
    ]
}

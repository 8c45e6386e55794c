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
use crate::error_schema::ApiError;
use crate::ids::{CategoryId, SupplierId};

#[utoipa::path(
    tag = "catalog",
    summary = "Every category",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page", body = ListPage<Category>),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "catalog",
    summary = "One category",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("id" = CategoryId, Path, description = "the category"),
    ),
    responses(
        (status = 200, description = "the category", body = Category),
        (status = 404, response = ApiError),
    ),
)]
#[get("/categories/<id>")]
async fn get_category(id: CategoryId, db: &State<Db>) -> ApiResult<Json<Category>> {
    Ok(Json(db.run(move |conn| categories::find(conn, id)).await?))
}

#[utoipa::path(
    tag = "catalog",
    summary = "Create a category",
    request_body = CategoryInput,
    responses(
        (status = 201, description = "the category", body = Category,
            links(
                ("GetCategory" = (operation_id = "get_category", parameters(("id" = "$response.body#/id")))),
                ("PatchCategory" = (operation_id = "patch_category", parameters(("id" = "$response.body#/id")))),
                ("DeleteCategory" = (operation_id = "delete_category", parameters(("id" = "$response.body#/id"))))
            ),
        ),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "catalog",
    summary = "Change a category",
    params(
        ("id" = CategoryId, Path, description = "the category"),
    ),
    request_body = CategoryInput,
    responses(
        (status = 200, description = "the category", body = Category),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "catalog",
    summary = "Delete an empty category",
    params(
        ("id" = CategoryId, Path, description = "the category"),
    ),
    responses(
        (status = 204, description = "deleted"),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[delete("/categories/<id>")]
async fn delete_category(id: CategoryId, _staff: Staff, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| domain::delete(tx, id)).await?;
    Ok(Status::NoContent)
}

#[utoipa::path(
    tag = "catalog",
    summary = "Suppliers",
    params(
        ("q" = Option<String>, Query, description = "part of the name"),
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page", body = ListPage<Supplier>),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "catalog",
    summary = "One supplier",
    params(
        ("id" = SupplierId, Path, description = "the supplier"),
    ),
    responses(
        (status = 200, description = "the supplier", body = Supplier),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
    ),
)]
#[get("/suppliers/<id>")]
async fn get_supplier(id: SupplierId, _staff: Staff, db: &State<Db>) -> ApiResult<Json<Supplier>> {
    Ok(Json(db.run(move |conn| suppliers::find(conn, id)).await?))
}

#[utoipa::path(
    tag = "catalog",
    summary = "Create a supplier",
    request_body = SupplierInput,
    responses(
        (status = 201, description = "the supplier", body = Supplier,
            links(
                ("GetSupplier" = (operation_id = "get_supplier", parameters(("id" = "$response.body#/id")))),
                ("PatchSupplier" = (operation_id = "patch_supplier", parameters(("id" = "$response.body#/id")))),
                ("DeleteSupplier" = (operation_id = "delete_supplier", parameters(("id" = "$response.body#/id"))))
            ),
        ),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "catalog",
    summary = "Change a supplier",
    params(
        ("id" = SupplierId, Path, description = "the supplier"),
    ),
    request_body = SupplierInput,
    responses(
        (status = 200, description = "the supplier", body = Supplier),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 409, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
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

#[utoipa::path(
    tag = "catalog",
    summary = "Delete a supplier; its products keep existing",
    params(
        ("id" = SupplierId, Path, description = "the supplier"),
    ),
    responses(
        (status = 204, description = "deleted"),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
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

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
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
))]
pub struct Doc;

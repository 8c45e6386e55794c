//! `/api/v1/products`: the catalog, stock and images.

use rocket::form::{Errors, Form};
use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, patch, post, routes};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::{ApiResult, JsonBody, ListPage, Paging};
use crate::auth::{Staff, Viewer};
use crate::db::products::{ImageRef, Product};
use crate::db::stock::Movement;
use crate::db::{Db, products, stock};
use crate::domain::catalog::{CatalogQuery, PriceFormat, flag, parse_category, parse_sort, price_range};
use crate::domain::images;
use crate::domain::listing::ListingCache;
use crate::domain::products::{self as domain, NewProduct, ProductPatch, StockAdjustment};
use crate::error::FieldErrors;
use crate::error_schema::ApiError;
use crate::ids::{ImageId, ProductId};
use crate::upload::{self, Upload};

#[allow(clippy::too_many_arguments)]
#[utoipa::path(
    tag = "catalog",
    summary = "The catalog",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("q" = Option<String>, Query, description = "full-text search, word prefixes"),
        ("category" = Option<i64>, Query, minimum = 1, description = "a category, with its subcategories"),
        ("min_price_cents" = Option<i64>, Query, minimum = 0),
        ("max_price_cents" = Option<i64>, Query, minimum = 0),
        ("in_stock" = Option<bool>, Query),
        ("sort" = Option<String>, Query, pattern = "^(name|price|-price|newest)$", description = "name, price, -price or newest"),
        ("include_inactive" = Option<bool>, Query, description = "staff only; ignored for others"),
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page", body = ProductList),
        (status = 401, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get(
    "/products?<q>&<category>&<min_price_cents>&<max_price_cents>&<in_stock>&<sort>&<include_inactive>&<page>&<per_page>"
)]
async fn get_products(
    viewer: Viewer,
    q: Option<String>,
    category: Option<&str>,
    min_price_cents: Option<&str>,
    max_price_cents: Option<&str>,
    in_stock: Option<&str>,
    sort: Option<&str>,
    include_inactive: Option<&str>,
    page: Option<&str>,
    per_page: Option<&str>,
    db: &State<Db>,
    cache: &State<std::sync::Arc<ListingCache>>,
) -> ApiResult<Json<ProductList>> {
    let paging = Paging::parse(page, per_page)?;
    let mut errors = FieldErrors::new();
    let (min_price, max_price) =
        price_range(PriceFormat::Cents, min_price_cents, max_price_cents, &mut errors);
    let query = CatalogQuery {
        text: q,
        category: parse_category(category, &mut errors),
        min_price,
        max_price,
        in_stock: flag("in_stock", in_stock, &mut errors),
        // Others may ask; they still see active products only.
        include_inactive: flag("include_inactive", include_inactive, &mut errors) && viewer.is_staff(),
        max_stock: None,
        sort: parse_sort(sort, &mut errors),
    }
    .check(errors)?;
    let cache = cache.inner().clone();
    let page = db.run(move |conn| query.run(conn, &cache, paging)).await?;
    Ok(Json(ProductList {
        items: page.items,
        page: paging.page,
        per_page: paging.per_page,
        total: page.total,
        did_you_mean: page.suggestion,
    }))
}

/// A page of products in API.md's list shape, and, when a word of `q` is
/// in no product, the search with it corrected.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductList {
    pub items: Vec<Product>,
    #[schema(minimum = 1)]
    pub page: i64,
    #[schema(minimum = 1, maximum = 100)]
    pub per_page: i64,
    /// How many there are in all pages.
    #[schema(minimum = 0)]
    pub total: i64,
    /// "Did you mean …?": the search with its misspelt words corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<String>,
}

#[utoipa::path(
    tag = "catalog",
    summary = "One product (inactive ones for staff only)",
    security((), ("session" = []), ("bearer" = [])),
    params(
        ("id" = ProductId, Path, description = "the product"),
    ),
    responses(
        (status = 200, description = "the product", body = Product),
        (status = 401, response = ApiError),
        (status = 404, response = ApiError),
    ),
)]
#[get("/products/<id>")]
async fn get_product(id: ProductId, viewer: Viewer, db: &State<Db>) -> ApiResult<Json<Product>> {
    let staff = viewer.is_staff();
    Ok(Json(
        db.run(move |conn| domain::find_visible(conn, id, staff)).await?,
    ))
}

#[utoipa::path(
    tag = "catalog",
    summary = "Create a product",
    request_body = NewProduct,
    responses(
        (status = 201, description = "the product", body = Product,
            links(
                ("GetProduct" = (operation_id = "get_product", parameters(("id" = "$response.body#/id")))),
                ("PatchProduct" = (operation_id = "patch_product", parameters(("id" = "$response.body#/id")))),
                ("AdjustStock" = (operation_id = "post_stock", parameters(("id" = "$response.body#/id")))),
                ("GetStockMovements" = (operation_id = "get_stock_movements", parameters(("id" = "$response.body#/id")))),
                ("AddImage" = (operation_id = "post_image", parameters(("id" = "$response.body#/id")))),
                ("GetReviews" = (operation_id = "get_reviews", parameters(("id" = "$response.body#/id")))),
                ("ReviewProduct" = (operation_id = "post_review", parameters(("id" = "$response.body#/id")))),
                ("DeleteProduct" = (operation_id = "delete_product", parameters(("id" = "$response.body#/id"))))
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
#[post("/products", data = "<body>")]
async fn post_product(
    body: JsonBody<NewProduct>,
    staff: Staff,
    db: &State<Db>,
) -> ApiResult<(Status, Json<Product>)> {
    let product = db
        .write(move |tx| domain::create(tx, staff.0.user.id, body.0))
        .await?;
    Ok((Status::Created, Json(product)))
}

#[utoipa::path(
    tag = "catalog",
    summary = "Change a product (not its stock)",
    params(
        ("id" = ProductId, Path, description = "the product"),
    ),
    request_body = ProductPatch,
    responses(
        (status = 200, description = "the product", body = Product),
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
#[patch("/products/<id>", data = "<body>")]
async fn patch_product(
    id: ProductId,
    body: JsonBody<ProductPatch>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<Product>> {
    Ok(Json(db.write(move |tx| domain::update(tx, id, body.0)).await?))
}

#[utoipa::path(
    tag = "catalog",
    summary = "Delete a product; one that appears in orders is archived instead",
    params(
        ("id" = ProductId, Path, description = "the product"),
    ),
    responses(
        (status = 204, description = "deleted or archived"),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[delete("/products/<id>")]
async fn delete_product(id: ProductId, _staff: Staff, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| domain::remove(tx, id)).await?;
    Ok(Status::NoContent)
}

#[utoipa::path(
    tag = "stock",
    summary = "Adjust the stock; never below zero",
    params(
        ("id" = ProductId, Path, description = "the product"),
    ),
    request_body = StockAdjustment,
    responses(
        (status = 200, description = "the product", body = Product),
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
#[post("/products/<id>/stock", data = "<body>")]
async fn post_stock(
    id: ProductId,
    body: JsonBody<StockAdjustment>,
    staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<Product>> {
    Ok(Json(
        db.write(move |tx| domain::adjust_stock(tx, staff.0.user.id, id, body.0))
            .await?,
    ))
}

#[utoipa::path(
    tag = "stock",
    summary = "The stock history, newest first",
    params(
        ("id" = ProductId, Path, description = "the product"),
        ("page" = Option<i64>, Query, minimum = 1, description = "1 and up; default 1"),
        ("per_page" = Option<i64>, Query, minimum = 1, maximum = 100, description = "1..=100; default 20"),
    ),
    responses(
        (status = 200, description = "a page", body = ListPage<Movement>),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[get("/products/<id>/stock-movements?<page>&<per_page>")]
async fn get_stock_movements(
    id: ProductId,
    page: Option<&str>,
    per_page: Option<&str>,
    _staff: Staff,
    db: &State<Db>,
) -> ApiResult<Json<ListPage<Movement>>> {
    let paging = Paging::parse(page, per_page)?;
    let (items, total) = db
        .run(move |conn| {
            products::find_id_exists(conn, id)?;
            Ok((
                stock::list_page(conn, id, paging.per_page, paging.offset())?,
                stock::count(conn, id)?,
            ))
        })
        .await?;
    Ok(ListPage::new(items, paging, total))
}

#[derive(Serialize)]
struct CreatedImage {
    #[serde(flatten)]
    image: ImageRef,
}

/// The multipart form of an image upload, as the OpenAPI document shows it.
#[derive(ToSchema)]
#[allow(dead_code)] // only described: `Upload` reads the form
struct ImageUpload {
    /// PNG, JPEG, WebP or GIF, told by its content.
    #[schema(value_type = String, content_media_type = "application/octet-stream")]
    file: Vec<u8>,
}

#[utoipa::path(
    tag = "catalog",
    summary = "Add an image (PNG, JPEG, WebP or GIF, by content); bearer token",
    params(
        ("id" = ProductId, Path, description = "the product"),
    ),
    request_body(content = ImageUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "the image", body = ImageRef,
            links(
                ("DeleteImage" = (operation_id = "delete_image", parameters(("id" = "$request.path.id"), ("image" = "$response.body#/id"))))
            ),
        ),
        (status = 400, response = ApiError),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 413, response = ApiError),
        (status = 415, response = ApiError),
        (status = 422, response = ApiError),
    ),
)]
#[post("/products/<id>/images", data = "<form>")]
async fn post_image(
    id: ProductId,
    form: Result<Form<Upload<'_>>, Errors<'_>>,
    _staff: Staff,
    db: &State<Db>,
    config: &State<crate::config::Config>,
) -> ApiResult<(Status, Json<CreatedImage>)> {
    let image = upload::add_image(db, config.max_image_mb, id, form).await?;
    Ok((Status::Created, Json(CreatedImage { image })))
}

#[utoipa::path(
    tag = "catalog",
    summary = "Remove an image",
    params(
        ("id" = ProductId, Path, description = "the product"),
        ("image" = ImageId, Path, description = "the image"),
    ),
    responses(
        (status = 204, description = "removed"),
        (status = 401, response = ApiError),
        (status = 403, response = ApiError),
        (status = 404, response = ApiError),
        (status = 415, response = ApiError),
    ),
)]
#[delete("/products/<id>/images/<image>")]
async fn delete_image(id: ProductId, image: ImageId, _staff: Staff, db: &State<Db>) -> ApiResult<Status> {
    db.write(move |tx| images::remove(tx, id, image)).await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![
        get_products,
        get_product,
        post_product,
        patch_product,
        delete_product,
        post_stock,
        get_stock_movements,
        post_image,
        delete_image
    ]
}

/// The operations above, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    get_products,
    get_product,
    post_product,
    patch_product,
    delete_product,
    post_stock,
    get_stock_movements,
    post_image,
    delete_image
))]
pub struct Doc;

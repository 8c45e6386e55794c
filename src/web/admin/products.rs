//! Back-office product pages: the list, the create and edit forms, a
//! product's page (images, stock adjustments, stock history) and delete.

use std::sync::Arc;

use rocket::form::{Errors, Form};
use rocket::fs::TempFile;
use rocket::{FromForm, Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use super::{
    Choice, Confirm, Empty, Pager, category_choices, chosen_id, form_decimal, paging, text, whole_number,
};
use crate::auth::Staff;
use crate::auth::csrf::{self, CsrfForm};
use crate::auth::session::CurrentSession;
use crate::config::Config;
use crate::db::products::{Product, Sort};
use crate::db::stock::Movement;
use crate::db::{Db, categories, images as image_rows, products, stock, suppliers};
use crate::domain::catalog::{CatalogQuery, flag, parse_category};
use crate::domain::fields::add;
use crate::domain::images;
use crate::domain::listing::ListingCache;
use crate::domain::paging::Paging;
use crate::domain::products::{
    self as domain, ADJUSTMENT_REASONS, NewProduct, ProductPatch, Removal, StockAdjustment,
};
use crate::domain::settings::Settings;
use crate::error::{Error, FieldErrors};
use crate::i18n::{Lang, t, t_with};
use crate::ids::{CategoryId, ImageId, ProductId, SupplierId, UserId};
use crate::money::Cents;
use crate::upload::{self, Upload};
use crate::web::{Layout, Reply, form_error};

/// The product form as typed: the price as a decimal, the rest as text.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct ProductForm {
    name: String,
    sku: String,
    description: String,
    price: String,
    stock: String,
    category_id: String,
    supplier_id: String,
    active: Option<String>,
}

impl ProductForm {
    fn from_product(p: &Product, lang: Lang) -> ProductForm {
        ProductForm {
            name: p.name.clone(),
            sku: p.sku.clone().unwrap_or_default(),
            description: p.description.clone(),
            price: form_decimal(lang, p.price_cents),
            stock: p.stock.to_string(),
            category_id: p.category.as_ref().map(|c| c.id.to_string()).unwrap_or_default(),
            supplier_id: p.supplier_id.map(|s| s.to_string()).unwrap_or_default(),
            active: p.active.then(|| "on".into()),
        }
    }

    /// The product as the domain takes it. The opening stock is read only
    /// when creating (`with_stock`); afterwards it changes by adjustments.
    fn input(&self, with_stock: bool) -> Result<NewProduct, Error> {
        let mut errors = FieldErrors::new();
        let price = Cents::parse(&self.price)
            .map_err(|e| add(&mut errors, "price", e))
            .ok();
        let stock = if with_stock {
            whole_number(&self.stock)
                .map_err(|e| add(&mut errors, "stock", e))
                .ok()
        } else {
            Some(0)
        };
        let input = NewProduct {
            name: self.name.clone(),
            sku: Some(self.sku.clone()),
            description: self.description.clone(),
            price_cents: price.map_or(0, |p| p.0),
            stock: stock.unwrap_or(0),
            category_id: chosen_id(&self.category_id).map(CategoryId),
            supplier_id: chosen_id(&self.supplier_id).map(SupplierId),
            active: Some(self.active.is_some()),
        };
        if errors.is_empty() {
            return Ok(input);
        }
        // The domain's rules for the other fields, so that every message
        // shows at once.
        if let Err(Error::Validation { fields, .. }) = input.validate() {
            for (field, messages) in fields {
                errors.entry(field).or_default().extend(messages);
            }
        }
        Err(Error::invalid(errors))
    }
}

/// The domain names the price `price_cents`; the form has `price`.
fn form_fields(error: Error) -> Error {
    match error {
        Error::Validation { message, fields } => Error::Validation {
            message,
            fields: fields
                .into_iter()
                .map(|(k, v)| (if k == "price_cents" { "price".into() } else { k }, v))
                .collect(),
        },
        other => other,
    }
}

fn patch(input: NewProduct) -> ProductPatch {
    ProductPatch {
        name: Some(input.name),
        sku: Some(input.sku),
        description: Some(input.description),
        price_cents: Some(input.price_cents),
        category_id: Some(input.category_id),
        supplier_id: Some(input.supplier_id),
        active: input.active,
        stock: None,
    }
}

/// The context of `admin/products/form.html`.
#[derive(Serialize)]
struct ProductFormPage {
    categories: Vec<Choice>,
    suppliers: Vec<Choice>,
    /// `None` for a new product.
    product: Option<Product>,
    values: Option<ProductForm>,
}

/// The context of `admin/products/index.html`.
#[derive(Serialize)]
struct ProductsPage {
    products: Vec<Product>,
    pager: Pager,
    categories: Vec<Choice>,
    filter: ProductFilter,
}

/// The list's filters, to show in their fields again.
#[derive(Serialize)]
struct ProductFilter {
    q: String,
    category: String,
    active_only: bool,
    /// "" (by name) or "stock" (fewest first).
    sort: String,
    /// Active products at or under the low-stock threshold only.
    low: bool,
    /// Another limit than the threshold, as typed (kept in a hidden field).
    max_stock: String,
    /// The `low_stock_threshold` setting.
    threshold: i64,
}

/// The context of `admin/products/show.html`.
#[derive(Serialize)]
struct ProductPage {
    product: Product,
    /// The supplier's name.
    supplier: Option<String>,
    history: Vec<Movement>,
    pager: Pager,
    reasons: Vec<Choice>,
    /// The form that failed, "stock" or "image", so its message stands
    /// beside it; "" when none did.
    failed: &'static str,
    /// The stock form as typed, when it failed.
    values: Option<StockForm>,
}

/// What the product form shows: the categories and suppliers it offers
/// and, when editing, the product.
async fn form_page(db: &Db, id: Option<ProductId>) -> Result<ProductFormPage, Error> {
    db.run(move |conn| {
        let product = id.map(|id| products::find(conn, id)).transpose()?;
        let suppliers: Vec<Choice> = suppliers::all(conn)?
            .into_iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                label: s.name,
            })
            .collect();
        Ok(ProductFormPage {
            categories: category_choices(categories::all(conn)?, None),
            suppliers,
            product,
            values: None,
        })
    })
    .await
}

/// The filters of the product list.
#[derive(Debug, Default, FromForm)]
struct ListFilter {
    q: Option<String>,
    category: Option<String>,
    active_only: Option<String>,
    /// `stock`: fewest in stock first; by name otherwise.
    sort: Option<String>,
    /// Only active products at or under the low-stock threshold (or
    /// `max_stock`), as the dashboard counts them.
    low: Option<String>,
    max_stock: Option<String>,
    page: Option<String>,
}

/// The list's order: by name unless `stock` is asked for.
fn list_sort(value: Option<&str>, errors: &mut FieldErrors) -> Option<Sort> {
    match value.map(str::trim) {
        None | Some("" | "name") => None,
        Some("stock") => Some(Sort::Stock),
        Some(_) => {
            add(errors, "sort", "must be name or stock");
            None
        }
    }
}

#[get("/admin/products?<filter..>")]
async fn get_products(
    filter: ListFilter,
    _staff: Staff,
    layout: Layout,
    settings: &State<Settings>,
    db: &State<Db>,
    cache: &State<Arc<ListingCache>>,
) -> Result<Reply, Error> {
    let paging = paging(filter.page.as_deref())?;
    let mut errors = FieldErrors::new();
    let low = flag("low", filter.low.as_deref(), &mut errors);
    let active_only = low || flag("active_only", filter.active_only.as_deref(), &mut errors);
    let threshold = settings.current().low_stock_threshold;
    let max_stock = match filter
        .max_stock
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(text) => whole_number(text)
            .and_then(|n| if n >= 0 { Ok(n) } else { Err("must be 0 or more") })
            .map_err(|e| add(&mut errors, "max_stock", e))
            .ok(),
        None => low.then_some(threshold),
    };
    let sort = list_sort(filter.sort.as_deref(), &mut errors);
    let query = CatalogQuery {
        text: filter.q.clone(),
        category: parse_category(filter.category.as_deref(), &mut errors),
        // Staff see inactive products here unless they ask not to.
        include_inactive: !active_only,
        max_stock,
        sort,
        ..CatalogQuery::default()
    }
    .check(errors)?;
    let cache = cache.inner().clone();
    let (page, categories) = db
        .run(move |conn| Ok((query.run(conn, &cache, paging)?, categories::all(conn)?)))
        .await?;
    let (q, category) = (filter.q.unwrap_or_default(), filter.category.unwrap_or_default());
    let only = if active_only { "on" } else { "" };
    let sort = sort.map_or("", Sort::as_str);
    let max_stock = filter.max_stock.unwrap_or_default();
    let pager = Pager::new(
        paging,
        page.total,
        &[
            ("q", &q),
            ("category", &category),
            ("active_only", only),
            ("sort", sort),
            ("low", if low { "1" } else { "" }),
            ("max_stock", max_stock.trim()),
        ],
    );
    Ok(Reply::page(
        "admin/products/index.html",
        &layout,
        ProductsPage {
            products: page.items,
            pager,
            categories: category_choices(categories, None),
            filter: ProductFilter {
                q,
                category,
                active_only,
                sort: sort.to_string(),
                low,
                max_stock,
                threshold,
            },
        },
    ))
}

#[get("/admin/products/new")]
async fn get_new_product(_staff: Staff, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    let mut context = form_page(db, None).await?;
    context.values = Some(ProductForm {
        stock: "0".into(),
        active: Some("on".into()),
        ..ProductForm::default()
    });
    Ok(Reply::page("admin/products/form.html", &layout, context))
}

/// Creates (`id` None) or changes the product; on any error, the form again.
async fn save(
    db: &Db,
    layout: &Layout,
    user: UserId,
    id: Option<ProductId>,
    form: ProductForm,
) -> Result<Reply, Error> {
    let saved = match (form.input(id.is_none()), id) {
        (Ok(input), None) => db.write(move |tx| domain::create(tx, user, input)).await,
        (Ok(input), Some(id)) => db.write(move |tx| domain::update(tx, id, patch(input))).await,
        (Err(e), _) => Err(e),
    };
    match saved {
        Ok(p) => Ok(Reply::redirect(
            format!("/admin/products/{}", p.id),
            &t_with(layout.lang, "admin-product-saved", &[("name", text(&p.name))]),
        )),
        Err(e) => {
            let mut context = form_page(db, id).await?;
            context.values = Some(form);
            form_error("admin/products/form.html", layout, context, form_fields(e))
        }
    }
}

#[post("/admin/products", data = "<form>")]
async fn post_product(
    form: CsrfForm<ProductForm>,
    staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    save(db, &layout, staff.0.user.id, None, form.0).await
}

/// Everything the product's page shows, with the stock history's `page`.
async fn product_page(db: &Db, lang: Lang, id: ProductId, paging: Paging) -> Result<ProductPage, Error> {
    db.run(move |conn| {
        let product = products::find(conn, id)?;
        let supplier = match product.supplier_id {
            Some(s) => Some(suppliers::find(conn, s)?.name),
            None => None,
        };
        let history = stock::list_page(conn, id, paging.per_page, paging.offset())?;
        let pager = Pager::new(paging, stock::count(conn, id)?, &[]);
        let reasons: Vec<Choice> = ADJUSTMENT_REASONS
            .iter()
            .map(|r| Choice {
                value: r.to_string(),
                label: t_with(lang, "admin-reason-name", &[("reason", text(r))]),
            })
            .collect();
        Ok(ProductPage {
            product,
            supplier,
            history,
            pager,
            reasons,
            failed: "",
            values: None,
        })
    })
    .await
}

#[get("/admin/products/<id>?<page>")]
async fn get_product(
    id: ProductId,
    page: Option<&str>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let context = product_page(db, layout.lang, id, paging(page)?).await?;
    Ok(Reply::page("admin/products/show.html", &layout, context))
}

/// The product's page again after a failed stock or image form: `part`
/// says which, so its message stands beside it; `values` refills it.
async fn product_form_error(
    db: &Db,
    layout: &Layout,
    id: ProductId,
    part: &'static str,
    values: Option<StockForm>,
    error: Error,
) -> Result<Reply, Error> {
    let mut context = product_page(db, layout.lang, id, paging(None)?).await?;
    context.failed = part;
    context.values = values;
    form_error("admin/products/show.html", layout, context, error)
}

#[get("/admin/products/<id>/edit")]
async fn get_edit_product(
    id: ProductId,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let mut context = form_page(db, Some(id)).await?;
    context.values = context
        .product
        .as_ref()
        .map(|p| ProductForm::from_product(p, layout.lang));
    Ok(Reply::page("admin/products/form.html", &layout, context))
}

#[post("/admin/products/<id>/edit", data = "<form>")]
async fn post_edit_product(
    id: ProductId,
    form: CsrfForm<ProductForm>,
    staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    save(db, &layout, staff.0.user.id, Some(id), form.0).await
}

fn delete_confirm(product: &Product, lang: Lang) -> Confirm {
    Confirm {
        kind: "product",
        section: "products",
        id: product.id.0,
        name: product.name.clone(),
        note: Some(t(lang, "admin-product-delete-note")),
    }
}

#[get("/admin/products/<id>/delete")]
async fn get_delete_product(
    id: ProductId,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let product = db.run(move |conn| products::find(conn, id)).await?;
    Ok(delete_confirm(&product, layout.lang).page(&layout))
}

#[post("/admin/products/<id>/delete", data = "<_form>")]
async fn post_delete_product(
    id: ProductId,
    _form: CsrfForm<Empty>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let message = match db.write(move |tx| domain::remove(tx, id)).await? {
        Removal::Deleted => "admin-product-deleted",
        Removal::Archived => "admin-product-archived",
    };
    Ok(Reply::redirect("/admin/products", &t(layout.lang, message)))
}

/// The stock adjustment form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct StockForm {
    delta: String,
    reason: String,
    note: String,
}

#[post("/admin/products/<id>/stock", data = "<form>")]
async fn post_stock_adjustment(
    id: ProductId,
    form: CsrfForm<StockForm>,
    staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let adjusted = match whole_number(&form.delta) {
        Ok(delta) => {
            let adjustment = StockAdjustment {
                delta,
                reason: form.reason.clone(),
                note: Some(form.note.clone()),
            };
            db.write(move |tx| domain::adjust_stock(tx, staff.0.user.id, id, adjustment))
                .await
        }
        Err(e) => Err(Error::field("delta", e)),
    };
    match adjusted {
        Ok(p) => Ok(Reply::redirect(
            format!("/admin/products/{id}"),
            &t_with(
                layout.lang,
                "admin-product-stock-now",
                &[("stock", text(p.stock))],
            ),
        )),
        Err(e) => product_form_error(db, &layout, id, "stock", Some(form.0), e).await,
    }
}

/// The upload form: the file and, since a multipart body is no
/// `CsrfForm`, its CSRF token as a field.
#[derive(FromForm)]
struct ImageForm<'r> {
    #[field(name = "_csrf")]
    csrf: Option<String>,
    file: TempFile<'r>,
}

#[post("/admin/products/<id>/images", data = "<form>")]
async fn post_image(
    id: ProductId,
    form: Result<Form<ImageForm<'_>>, Errors<'_>>,
    _staff: Staff,
    layout: Layout,
    current: &CurrentSession,
    db: &State<Db>,
    config: &State<Config>,
) -> Result<Reply, Error> {
    // A body that could not be read as the form (no file, too large) has
    // no token to check, but nothing is stored: its error is just shown.
    let upload = match form {
        Ok(form) => {
            let form = form.into_inner();
            csrf::verify(current, form.csrf.as_deref().unwrap_or_default())?;
            Ok(Form::from(Upload { file: form.file }))
        }
        Err(errors) => Err(errors),
    };
    match upload::add_image(db, config.max_image_mb, id, upload).await {
        Ok(_) => Ok(Reply::redirect(
            format!("/admin/products/{id}"),
            &t(layout.lang, "admin-product-image-added"),
        )),
        Err(e) => product_form_error(db, &layout, id, "image", None, e).await,
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Direction {
    Up,
    Down,
}

#[derive(Debug, Deserialize)]
struct MoveForm {
    direction: Direction,
}

#[post("/admin/products/<id>/images/<image>/move", data = "<form>")]
async fn post_image_move(
    id: ProductId,
    image: ImageId,
    form: CsrfForm<MoveForm>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let up = matches!(form.direction, Direction::Up);
    let moved = db
        .write(move |tx| image_rows::move_image(tx, id, image, up))
        .await?;
    if !moved {
        return Err(Error::NotFound);
    }
    Ok(Reply::redirect(
        format!("/admin/products/{id}"),
        &t(layout.lang, "admin-product-images-reordered"),
    ))
}

#[post("/admin/products/<id>/images/<image>/delete", data = "<_form>")]
async fn post_image_delete(
    id: ProductId,
    image: ImageId,
    _form: CsrfForm<Empty>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    db.write(move |tx| images::remove(tx, id, image)).await?;
    Ok(Reply::redirect(
        format!("/admin/products/{id}"),
        &t(layout.lang, "admin-product-image-deleted"),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        get_products,
        get_new_product,
        post_product,
        get_product,
        get_edit_product,
        post_edit_product,
        get_delete_product,
        post_delete_product,
        post_stock_adjustment,
        post_image,
        post_image_move,
        post_image_delete
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(price: &str, stock: &str) -> ProductForm {
        ProductForm {
            name: "Mug".into(),
            price: price.into(),
            stock: stock.into(),
            ..ProductForm::default()
        }
    }

    fn fields(result: Result<NewProduct, Error>) -> FieldErrors {
        match result.map_err(form_fields) {
            Err(Error::Validation { fields, .. }) => fields,
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn the_price_is_read_exactly() {
        assert_eq!(form("12.34", "3").input(true).unwrap().price_cents, 1234);
        assert_eq!(form("0.5", "0").input(true).unwrap().price_cents, 50);
        assert!(fields(form("12.345", "0").input(true)).contains_key("price"));
    }

    #[test]
    fn every_field_is_reported_at_once() {
        let mut bad = form("abc", "x");
        bad.name = " ".into();
        let reported = fields(bad.input(true));
        assert_eq!(
            reported.keys().map(String::as_str).collect::<Vec<_>>(),
            ["name", "price", "stock"]
        );
        assert!(!fields(form("abc", "x").input(false)).contains_key("stock"));
    }
}

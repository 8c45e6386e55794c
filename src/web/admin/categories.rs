//! Back-office category pages: the tree with product counts, the create and
//! edit forms, and delete (refused while a category is in use).

use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use super::{Choice, Confirm, ConfirmPage, Empty, category_choices, chosen_id, text};
use crate::auth::Staff;
use crate::auth::csrf::CsrfForm;
use crate::db::Db;
use crate::db::categories::{self, Category};
use crate::domain::categories::{self as domain, CategoryInput, TreeEntry, tree};
use crate::error::Error;
use crate::i18n::{t, t_with};
use crate::ids::CategoryId;
use crate::web::{Layout, Reply, form_error};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct CategoryForm {
    name: String,
    parent_id: String,
}

impl CategoryForm {
    fn from_category(c: &Category) -> CategoryForm {
        CategoryForm {
            name: c.name.clone(),
            parent_id: c.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        }
    }

    fn input(&self) -> CategoryInput {
        CategoryInput {
            name: Some(self.name.clone()),
            parent_id: Some(chosen_id(&self.parent_id).map(CategoryId)),
        }
    }
}

/// The context of `admin/categories/index.html`.
#[derive(Serialize)]
struct CategoriesPage {
    categories: Vec<CategoryRow>,
}

/// A category in the tree with the number of its products.
#[derive(Serialize)]
struct CategoryRow {
    #[serde(flatten)]
    entry: TreeEntry<Category>,
    products: i64,
}

/// The context of `admin/categories/form.html`.
#[derive(Serialize)]
struct CategoryFormPage {
    /// `None` for a new category.
    category: Option<Category>,
    parents: Vec<Choice>,
    values: Option<CategoryForm>,
}

#[get("/admin/categories")]
async fn get_categories(_staff: Staff, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    let (all, totals) = db
        .run(|conn| Ok((categories::all(conn)?, categories::product_totals(conn)?)))
        .await?;
    let rows: Vec<CategoryRow> = tree(all)
        .into_iter()
        .map(|entry| {
            let total = totals.get(&entry.category.id).copied().unwrap_or(0);
            CategoryRow {
                entry,
                products: total,
            }
        })
        .collect();
    Ok(Reply::page(
        "admin/categories/index.html",
        &layout,
        CategoriesPage { categories: rows },
    ))
}

/// What the form shows: the possible parents and, when editing, the
/// category.
async fn form_page(db: &Db, id: Option<CategoryId>) -> Result<CategoryFormPage, Error> {
    db.run(move |conn| {
        let category = id.map(|id| categories::find(conn, id)).transpose()?;
        let parents = category_choices(categories::all(conn)?, id);
        Ok(CategoryFormPage {
            category,
            parents,
            values: None,
        })
    })
    .await
}

/// Creates (`id` None) or changes the category; on any error, the form again.
async fn save(db: &Db, layout: &Layout, id: Option<CategoryId>, form: CategoryForm) -> Result<Reply, Error> {
    let input = form.input();
    match db.write(move |tx| domain::save(tx, id, input)).await {
        Ok(c) => Ok(Reply::redirect(
            "/admin/categories",
            &t_with(layout.lang, "admin-category-saved", &[("name", text(&c.name))]),
        )),
        Err(e) => {
            let mut context = form_page(db, id).await?;
            context.values = Some(form);
            form_error("admin/categories/form.html", layout, context, e)
        }
    }
}

#[get("/admin/categories/new")]
async fn get_new_category(_staff: Staff, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    let context = form_page(db, None).await?;
    Ok(Reply::page("admin/categories/form.html", &layout, context))
}

#[post("/admin/categories", data = "<form>")]
async fn post_category(
    form: CsrfForm<CategoryForm>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    save(db, &layout, None, form.0).await
}

#[get("/admin/categories/<id>/edit")]
async fn get_edit_category(
    id: CategoryId,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let mut context = form_page(db, Some(id)).await?;
    context.values = context.category.as_ref().map(CategoryForm::from_category);
    Ok(Reply::page("admin/categories/form.html", &layout, context))
}

#[post("/admin/categories/<id>/edit", data = "<form>")]
async fn post_edit_category(
    id: CategoryId,
    form: CsrfForm<CategoryForm>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    save(db, &layout, Some(id), form.0).await
}

async fn delete_confirm(db: &Db, id: CategoryId) -> Result<Confirm, Error> {
    let category = db.run(move |conn| categories::find(conn, id)).await?;
    Ok(Confirm {
        kind: "category",
        section: "categories",
        id: id.0,
        name: category.name,
        note: None,
    })
}

#[get("/admin/categories/<id>/delete")]
async fn get_delete_category(
    id: CategoryId,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    Ok(delete_confirm(db, id).await?.page(&layout))
}

#[post("/admin/categories/<id>/delete", data = "<_form>")]
async fn post_delete_category(
    id: CategoryId,
    _form: CsrfForm<Empty>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    match db.write(move |tx| domain::delete(tx, id)).await {
        Ok(()) => Ok(Reply::redirect(
            "/admin/categories",
            &t(layout.lang, "admin-category-deleted"),
        )),
        Err(e) => {
            let confirm = delete_confirm(db, id).await?;
            form_error("admin/delete.html", &layout, ConfirmPage { confirm: &confirm }, e)
        }
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        get_categories,
        get_new_category,
        post_category,
        get_edit_category,
        post_edit_category,
        get_delete_category,
        post_delete_category
    ]
}

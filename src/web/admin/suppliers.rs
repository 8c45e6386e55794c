//! Back-office supplier pages: the list with search, the create and edit
//! forms, and delete.

use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use super::{Confirm, Empty, Pager, paging, text};
use crate::auth::Staff;
use crate::auth::csrf::CsrfForm;
use crate::db::Db;
use crate::db::suppliers::{self, Supplier};
use crate::domain::suppliers::{self as domain, SupplierInput};
use crate::error::Error;
use crate::i18n::{FluentValue, t, t_with};
use crate::ids::SupplierId;
use crate::web::{Layout, Reply, form_error};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct SupplierForm {
    name: String,
    contact: String,
    phone: String,
    email: String,
}

impl SupplierForm {
    fn from_supplier(s: &Supplier) -> SupplierForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        SupplierForm {
            name: s.name.clone(),
            contact: text(&s.contact),
            phone: text(&s.phone),
            email: text(&s.email),
        }
    }

    /// Every field is set; an empty one clears it.
    fn input(&self) -> SupplierInput {
        SupplierInput {
            name: Some(self.name.clone()),
            contact: Some(Some(self.contact.clone())),
            phone: Some(Some(self.phone.clone())),
            email: Some(Some(self.email.clone())),
        }
    }
}

/// The context of `admin/suppliers/index.html`.
#[derive(Serialize)]
struct SuppliersPage {
    suppliers: Vec<Supplier>,
    pager: Pager,
    filter: SupplierFilter,
}

/// The list's search, to show in its box again.
#[derive(Serialize)]
struct SupplierFilter {
    q: String,
}

/// The context of `admin/suppliers/form.html`.
#[derive(Serialize)]
struct SupplierFormPage {
    /// `None` for a new supplier.
    supplier: Option<Supplier>,
    values: SupplierForm,
}

#[get("/admin/suppliers?<q>&<page>")]
async fn get_suppliers(
    q: Option<String>,
    page: Option<&str>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let paging = paging(page)?;
    let q = q.map(|q| q.trim().to_string()).unwrap_or_default();
    let search = Some(q.clone()).filter(|q| !q.is_empty());
    let (items, total) = db
        .run(move |conn| suppliers::list_page(conn, search.as_deref(), paging.per_page, paging.offset()))
        .await?;
    let pager = Pager::new(paging, total, &[("q", &q)]);
    Ok(Reply::page(
        "admin/suppliers/index.html",
        &layout,
        SuppliersPage {
            suppliers: items,
            pager,
            filter: SupplierFilter { q },
        },
    ))
}

async fn find(db: &Db, id: SupplierId) -> Result<Supplier, Error> {
    db.run(move |conn| suppliers::find(conn, id)).await
}

/// Creates (`id` None) or changes the supplier; on any error, the form again.
async fn save(db: &Db, layout: &Layout, id: Option<SupplierId>, form: SupplierForm) -> Result<Reply, Error> {
    let input = form.input();
    match db.write(move |tx| domain::save(tx, id, input)).await {
        Ok(s) => Ok(Reply::redirect(
            "/admin/suppliers",
            &t_with(layout.lang, "admin-supplier-saved", &[("name", text(&s.name))]),
        )),
        Err(e) => {
            let supplier = match id {
                Some(id) => Some(find(db, id).await?),
                None => None,
            };
            let context = SupplierFormPage {
                supplier,
                values: form,
            };
            form_error("admin/suppliers/form.html", layout, context, e)
        }
    }
}

#[get("/admin/suppliers/new")]
fn get_new_supplier(_staff: Staff, layout: Layout) -> Reply {
    let context = SupplierFormPage {
        supplier: None,
        values: SupplierForm::default(),
    };
    Reply::page("admin/suppliers/form.html", &layout, context)
}

#[post("/admin/suppliers", data = "<form>")]
async fn post_supplier(
    form: CsrfForm<SupplierForm>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    save(db, &layout, None, form.0).await
}

#[get("/admin/suppliers/<id>/edit")]
async fn get_edit_supplier(
    id: SupplierId,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let supplier = find(db, id).await?;
    let context = SupplierFormPage {
        values: SupplierForm::from_supplier(&supplier),
        supplier: Some(supplier),
    };
    Ok(Reply::page("admin/suppliers/form.html", &layout, context))
}

#[post("/admin/suppliers/<id>/edit", data = "<form>")]
async fn post_edit_supplier(
    id: SupplierId,
    form: CsrfForm<SupplierForm>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    save(db, &layout, Some(id), form.0).await
}

#[get("/admin/suppliers/<id>/delete")]
async fn get_delete_supplier(
    id: SupplierId,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let supplier = find(db, id).await?;
    let note = (supplier.product_count > 0).then(|| {
        let count = [("count", FluentValue::from(supplier.product_count))];
        t_with(layout.lang, "admin-supplier-delete-note", &count)
    });
    let confirm = Confirm {
        kind: "supplier",
        section: "suppliers",
        id: id.0,
        name: supplier.name,
        note,
    };
    Ok(confirm.page(&layout))
}

#[post("/admin/suppliers/<id>/delete", data = "<_form>")]
async fn post_delete_supplier(
    id: SupplierId,
    _form: CsrfForm<Empty>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    db.write(move |tx| domain::delete(tx, id)).await?;
    Ok(Reply::redirect(
        "/admin/suppliers",
        &t(layout.lang, "admin-supplier-deleted"),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        get_suppliers,
        get_new_supplier,
        post_supplier,
        get_edit_supplier,
        post_edit_supplier,
        get_delete_supplier,
        post_delete_supplier
    ]
}

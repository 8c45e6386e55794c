//! Back-office coupon pages: the list, the create and edit forms, delete.
//! Amounts are typed as decimals, dates as days (from 00:00 UTC).

use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use super::{Confirm, Empty, Pager, form_decimal, paging, text, whole_number};
use crate::auth::Staff;
use crate::auth::csrf::CsrfForm;
use crate::db::Db;
use crate::db::coupons::{self, CouponRow};
use crate::domain::coupons::{self as domain, CouponInput};
use crate::domain::fields::{add, finish};
use crate::error::{Error, FieldErrors};
use crate::i18n::{Lang, t, t_with};
use crate::ids::CouponId;
use crate::money::Cents;
use crate::web::{Layout, Reply, form_error};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct CouponForm {
    code: String,
    kind: String,
    value: String,
    min_subtotal: String,
    starts_on: String,
    ends_on: String,
    usage_limit: String,
    once_per_customer: Option<String>,
}

impl CouponForm {
    fn from_coupon(c: &CouponRow, lang: Lang) -> CouponForm {
        let day = |t: &Option<String>| t.as_deref().map(|t| t[..10].to_string()).unwrap_or_default();
        CouponForm {
            code: c.code.clone(),
            kind: c.kind.clone(),
            value: match c.kind.as_str() {
                "fixed" => form_decimal(lang, Cents(c.value)),
                _ => c.value.to_string(),
            },
            min_subtotal: form_decimal(lang, Cents(c.min_subtotal_cents)),
            starts_on: day(&c.starts_at),
            ends_on: day(&c.ends_at),
            usage_limit: c.usage_limit.map(|n| n.to_string()).unwrap_or_default(),
            once_per_customer: c.once_per_customer.then(|| "on".into()),
        }
    }

    /// The coupon as the domain takes it; what cannot even be read as a
    /// number or a day is reported here, under the form's field names.
    fn input(&self) -> Result<CouponInput, Error> {
        let mut errors = FieldErrors::new();
        let value = match self.kind.as_str() {
            "fixed" => Cents::parse(&self.value).map(|c| c.0),
            _ => whole_number(&self.value),
        }
        .map_err(|e| add(&mut errors, "value", e))
        .ok();
        let min_subtotal = match self.min_subtotal.trim() {
            "" => Some(0),
            text => Cents::parse(text)
                .map(|c| c.0)
                .map_err(|e| add(&mut errors, "min_subtotal", e))
                .ok(),
        };
        let mut day = |field: &str, text: &str| match text.trim() {
            "" => None,
            text => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(d) => Some(format!("{d}T00:00:00Z")),
                Err(_) => {
                    add(&mut errors, field, "must be a day like 2026-12-01");
                    None
                }
            },
        };
        let starts_at = day("starts_on", &self.starts_on);
        let ends_at = day("ends_on", &self.ends_on);
        let usage_limit = match self.usage_limit.trim() {
            "" => None,
            text => whole_number(text)
                .map_err(|e| add(&mut errors, "usage_limit", e))
                .ok(),
        };
        finish(errors)?;
        Ok(CouponInput {
            code: Some(self.code.clone()),
            kind: Some(self.kind.clone()),
            value,
            min_subtotal_cents: min_subtotal,
            starts_at: Some(starts_at),
            ends_at: Some(ends_at),
            usage_limit: Some(usage_limit),
            once_per_customer: Some(self.once_per_customer.is_some()),
        })
    }
}

/// The domain's field names, as the form calls them.
fn form_field(field: &str) -> String {
    match field {
        "min_subtotal_cents" => "min_subtotal",
        "starts_at" => "starts_on",
        "ends_at" => "ends_on",
        other => other,
    }
    .to_string()
}

/// The context of `admin/coupons/index.html`.
#[derive(Serialize)]
struct CouponsPage {
    coupons: Vec<CouponRow>,
    pager: Pager,
}

/// The context of `admin/coupons/form.html`.
#[derive(Serialize)]
struct CouponFormPage {
    /// `None` for a new coupon.
    coupon: Option<CouponRow>,
    values: CouponForm,
}

#[get("/admin/coupons?<page>")]
async fn get_coupons(
    page: Option<&str>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let paging = paging(page)?;
    let (items, total) = db
        .run(move |conn| coupons::list_page(conn, paging.per_page, paging.offset()))
        .await?;
    let pager = Pager::new(paging, total, &[]);
    Ok(Reply::page(
        "admin/coupons/index.html",
        &layout,
        CouponsPage {
            coupons: items,
            pager,
        },
    ))
}

async fn find(db: &Db, id: CouponId) -> Result<CouponRow, Error> {
    db.run(move |conn| coupons::find(conn, id)).await
}

async fn save(db: &Db, layout: &Layout, id: Option<CouponId>, form: CouponForm) -> Result<Reply, Error> {
    let saved = match form.input() {
        Ok(input) => db.write(move |tx| domain::save(tx, id, input)).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(c) => Ok(Reply::redirect(
            "/admin/coupons",
            &t_with(layout.lang, "admin-coupon-saved", &[("code", text(&c.code))]),
        )),
        Err(Error::Validation { message, fields }) => {
            let coupon = match id {
                Some(id) => Some(find(db, id).await?),
                None => None,
            };
            let fields = fields.into_iter().map(|(k, v)| (form_field(&k), v)).collect();
            let context = CouponFormPage { coupon, values: form };
            form_error(
                "admin/coupons/form.html",
                layout,
                context,
                Error::Validation { message, fields },
            )
        }
        Err(other) => Err(other),
    }
}

#[get("/admin/coupons/new")]
fn get_new_coupon(_staff: Staff, layout: Layout) -> Reply {
    let values = CouponForm {
        kind: "percent".into(),
        min_subtotal: form_decimal(layout.lang, Cents(0)),
        ..CouponForm::default()
    };
    Reply::page(
        "admin/coupons/form.html",
        &layout,
        CouponFormPage { coupon: None, values },
    )
}

#[post("/admin/coupons", data = "<form>")]
async fn post_coupon(
    form: CsrfForm<CouponForm>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    save(db, &layout, None, form.0).await
}

#[get("/admin/coupons/<id>/edit")]
async fn get_edit_coupon(
    id: CouponId,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let coupon = find(db, id).await?;
    let values = CouponForm::from_coupon(&coupon, layout.lang);
    Ok(Reply::page(
        "admin/coupons/form.html",
        &layout,
        CouponFormPage {
            coupon: Some(coupon),
            values,
        },
    ))
}

#[post("/admin/coupons/<id>/edit", data = "<form>")]
async fn post_edit_coupon(
    id: CouponId,
    form: CsrfForm<CouponForm>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    save(db, &layout, Some(id), form.0).await
}

#[get("/admin/coupons/<id>/delete")]
async fn get_delete_coupon(
    id: CouponId,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let coupon = find(db, id).await?;
    let confirm = Confirm {
        kind: "coupon",
        section: "coupons",
        id: id.0,
        name: coupon.code,
        note: None,
    };
    Ok(confirm.page(&layout))
}

#[post("/admin/coupons/<id>/delete", data = "<_form>")]
async fn post_delete_coupon(
    id: CouponId,
    _form: CsrfForm<Empty>,
    _staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    db.write(move |tx| domain::delete(tx, id)).await?;
    Ok(Reply::redirect(
        "/admin/coupons",
        &t(layout.lang, "admin-coupon-deleted"),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        get_coupons,
        get_new_coupon,
        post_coupon,
        get_edit_coupon,
        post_edit_coupon,
        get_delete_coupon,
        post_delete_coupon
    ]
}

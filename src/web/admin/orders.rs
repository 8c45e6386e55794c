//! Back-office order pages: every order, filtered and searched, and an
//! order's page with the steps of the lifecycle its status allows.

use rocket::{FromForm, Route, State, get, post, routes};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Choice, Empty, Pager, paging};
use crate::auth::Staff;
use crate::auth::csrf::CsrfForm;
use crate::db::Db;
use crate::db::orders::OrderFilter;
use crate::domain::orders::{self, Action, Actor, MarkPaidInput, RefundInput, STATUSES, ShipInput};
use crate::error::Error;
use crate::ids::OrderId;
use crate::order_desk::OrderDesk;
use crate::web::orders::take_step;
use crate::web::{Layout, Reply, form_error};

/// The filters of the order list.
#[derive(Debug, Default, FromForm)]
struct ListFilter {
    status: Option<String>,
    q: Option<String>,
    page: Option<String>,
}

#[get("/admin/orders?<filter..>")]
async fn get_orders(
    filter: ListFilter,
    staff: Staff,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let paging = paging(filter.page.as_deref())?;
    let status = filter.status.unwrap_or_default();
    let q = filter.q.unwrap_or_default();
    let statuses: Vec<Choice> = STATUSES
        .iter()
        .map(|s| Choice {
            value: s.to_string(),
            label: s.replace('_', " "),
        })
        .collect();
    let mut context = json!({
        "orders": [], "statuses": statuses, "filter": {"status": status, "q": q},
        "pager": Pager::new(paging, 0, &[]),
    });
    let query = OrderFilter {
        user: None,
        status: Some(status.clone()).filter(|s| !s.is_empty()),
        search: Some(q.clone()),
    };
    match orders::list(db, Actor::of(&staff.0.user), query, paging).await {
        Ok((found, total)) => {
            context["orders"] = json!(found);
            context["pager"] = json!(Pager::new(paging, total, &[("status", &status), ("q", &q)]));
            Ok(Reply::page("admin/orders/index.html", &layout, context))
        }
        Err(e) => form_error("admin/orders/index.html", &layout, context, e),
    }
}

/// The order's page; `failed` names the step whose form is shown again
/// with its values and errors.
async fn order_page(
    db: &Db,
    staff: &Staff,
    id: OrderId,
    failed: &str,
    values: Value,
) -> Result<Value, Error> {
    let order = orders::find(db, Actor::of(&staff.0.user), id).await?;
    Ok(json!({"order": order, "failed": failed, "values": values}))
}

#[get("/admin/orders/<id>")]
async fn get_order(id: OrderId, staff: Staff, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    let context = order_page(db, &staff, id, "", json!({})).await?;
    Ok(Reply::page("admin/orders/show.html", &layout, context))
}

/// One step from the order's page: taken, or its form shown again when
/// what was typed for it is refused (a reference too long, say).
struct Step<'a> {
    id: OrderId,
    staff: Staff,
    desk: OrderDesk<'a>,
    layout: Layout,
}

impl Step<'_> {
    async fn take(
        self,
        failed: &'static str,
        values: Value,
        action: Result<Action, Error>,
    ) -> Result<Reply, Error> {
        let back = format!("/admin/orders/{}", self.id);
        let action = match action {
            Ok(action) => action,
            Err(e) => {
                let context = order_page(self.desk.db(), &self.staff, self.id, failed, values).await?;
                return form_error("admin/orders/show.html", &self.layout, context, e);
            }
        };
        let staff = Actor::of(&self.staff.0.user);
        take_step(self.desk, staff, self.id, action, back).await
    }
}

#[post("/admin/orders/<id>/mark-paid", data = "<form>")]
async fn post_mark_paid(
    id: OrderId,
    form: CsrfForm<MarkPaidInput>,
    staff: Staff,
    desk: OrderDesk<'_>,
    layout: Layout,
) -> Result<Reply, Error> {
    let input = form.0;
    let values = json!({"reference": input.reference});
    Step {
        id,
        staff,
        desk,
        layout,
    }
    .take("mark_paid", values, Action::mark_paid(input))
    .await
}

#[post("/admin/orders/<id>/ship", data = "<form>")]
async fn post_ship(
    id: OrderId,
    form: CsrfForm<ShipInput>,
    staff: Staff,
    desk: OrderDesk<'_>,
    layout: Layout,
) -> Result<Reply, Error> {
    let input = form.0;
    let values = json!({"carrier": input.carrier, "tracking_number": input.tracking_number});
    Step {
        id,
        staff,
        desk,
        layout,
    }
    .take("ship", values, Action::ship(input))
    .await
}

#[post("/admin/orders/<id>/deliver", data = "<_form>")]
async fn post_deliver(
    id: OrderId,
    _form: CsrfForm<Empty>,
    staff: Staff,
    desk: OrderDesk<'_>,
    layout: Layout,
) -> Result<Reply, Error> {
    Step {
        id,
        staff,
        desk,
        layout,
    }
    .take("deliver", json!({}), Ok(Action::Deliver))
    .await
}

#[post("/admin/orders/<id>/cancel", data = "<_form>")]
async fn post_cancel(
    id: OrderId,
    _form: CsrfForm<Empty>,
    staff: Staff,
    desk: OrderDesk<'_>,
    layout: Layout,
) -> Result<Reply, Error> {
    Step {
        id,
        staff,
        desk,
        layout,
    }
    .take("cancel", json!({}), Ok(Action::Cancel))
    .await
}

/// The refund form: a checkbox is absent when not ticked.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RefundForm {
    restock: Option<String>,
    note: Option<String>,
}

#[post("/admin/orders/<id>/refund", data = "<form>")]
async fn post_refund(
    id: OrderId,
    form: CsrfForm<RefundForm>,
    staff: Staff,
    desk: OrderDesk<'_>,
    layout: Layout,
) -> Result<Reply, Error> {
    let form = form.0;
    let values = json!({"restock": form.restock.is_some(), "note": form.note});
    let input = RefundInput {
        restock: form.restock.is_some(),
        note: form.note,
    };
    Step {
        id,
        staff,
        desk,
        layout,
    }
    .take("refund", values, Action::refund(input))
    .await
}

pub fn routes() -> Vec<Route> {
    routes![
        get_orders,
        get_order,
        post_mark_paid,
        post_ship,
        post_deliver,
        post_cancel,
        post_refund
    ]
}

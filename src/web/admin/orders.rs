//! Back-office order pages: every order, filtered and searched, and an
//! order's page with the steps of the lifecycle its status allows; cancel
//! and refund ask for confirmation on a page of their own first.

use rocket::{FromForm, Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use super::{Choice, Empty, Pager, paging, text};
use crate::auth::Staff;
use crate::auth::csrf::CsrfForm;
use crate::auth::order_desk::OrderDesk;
use crate::db::orders::{self as order_rows, Order};
use crate::db::{Db, order_search};
use crate::domain::lifecycle::{self, Who};
use crate::domain::order_csv;
use crate::domain::orders::{self, Action, Actor, DeliverInput, MarkPaidInput, RefundInput, ShipInput};
use crate::domain::settings::Settings;
use crate::error::Error;
use crate::i18n::{Lang, format_price, t, t_with};
use crate::ids::OrderId;
use crate::order_types::OrderStatus;
use crate::web::orders::take_step;
use crate::web::{Layout, Reply, form_error};

/// The filters of the order list.
#[derive(Debug, Default, FromForm)]
struct ListFilter {
    status: Option<String>,
    q: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
}

/// The order list, with its filters as typed.
#[derive(Serialize)]
struct OrdersPage {
    orders: Vec<Order>,
    statuses: Vec<Choice>,
    filter: FilterValues,
    pager: Pager,
    /// The export of the orders the filters pick; `None` while a filter
    /// is refused.
    download: Option<String>,
}

#[derive(Serialize)]
struct FilterValues {
    status: String,
    q: String,
    from: String,
    to: String,
}

#[get("/admin/orders?<filter..>")]
async fn get_orders(
    filter: ListFilter,
    _staff: Staff,
    layout: Layout,
    settings: &State<Settings>,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let paging = paging(filter.page.as_deref())?;
    let statuses: Vec<Choice> = OrderStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.to_string(),
            label: status_name(layout.lang, *s),
        })
        .collect();
    let values = FilterValues {
        status: filter.status.unwrap_or_default(),
        q: filter.q.unwrap_or_default(),
        from: filter.from.unwrap_or_default(),
        to: filter.to.unwrap_or_default(),
    };
    let typed = [
        ("status", values.status.as_str()),
        ("q", values.q.as_str()),
        ("from", values.from.as_str()),
        ("to", values.to.as_str()),
    ];
    let pager = Pager::new(paging, 0, &[]);
    let chosen = order_csv::Filter::parse(
        Some(&values.from),
        Some(&values.to),
        Some(&values.status),
        Some(&values.q),
    );
    let query = match chosen {
        Ok(chosen) => chosen.query(settings.current().tz()),
        Err(e) => {
            let page = OrdersPage {
                orders: Vec::new(),
                statuses,
                filter: values,
                pager,
                download: None,
            };
            return form_error("admin/orders/index.html", &layout, page, e);
        }
    };
    let (orders, total) = db
        .run(move |conn| {
            let (ids, total) = order_search::page_ids(conn, &query, paging.per_page, paging.offset())?;
            let orders = ids.into_iter().map(|id| order_rows::find(conn, id));
            Ok((orders.collect::<Result<Vec<_>, _>>()?, total))
        })
        .await?;
    let page = OrdersPage {
        orders,
        statuses,
        pager: Pager::new(paging, total, &typed),
        download: Some(download_link(&typed)),
        filter: values,
    };
    Ok(Reply::page("admin/orders/index.html", &layout, page))
}

/// An order's status as staff read it: "pending payment".
fn status_name(lang: Lang, status: OrderStatus) -> String {
    t_with(lang, "admin-status-name", &[("status", text(status))])
}

/// The API's export with the list's filters, the empty ones left out.
fn download_link(filters: &[(&str, &str)]) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in filters.iter().filter(|(_, v)| !v.trim().is_empty()) {
        query.append_pair(name, value.trim());
    }
    let query = query.finish();
    if query.is_empty() {
        EXPORT.to_string()
    } else {
        format!("{EXPORT}?{query}")
    }
}

/// Where the order export is served; a staff member's session opens it.
const EXPORT: &str = "/api/v1/export/orders.csv";

/// An order's page in the back office.
#[derive(Serialize)]
struct OrderPage {
    order: Order,
    /// The steps staff may take now: the table's, one form each.
    actions: Vec<lifecycle::Step>,
    /// The step whose form is shown again with its values and errors.
    failed: &'static str,
    values: StepValues,
    /// Not paid yet: deliver collects the cash (cash on delivery).
    unpaid: bool,
}

/// What was typed in a step's form, shown again when it is refused.
#[derive(Debug, Default, Serialize)]
struct StepValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracking_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    restock: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

async fn find_order(db: &Db, staff: &Staff, id: OrderId) -> Result<Order, Error> {
    let actor = Actor::of(&staff.0.user);
    db.run(move |conn| orders::find(conn, actor, id)).await
}

/// The order's page; `failed` names the step whose form is shown again
/// with its values and errors.
async fn order_page(
    db: &Db,
    staff: &Staff,
    id: OrderId,
    failed: &'static str,
    values: StepValues,
) -> Result<OrderPage, Error> {
    let order = find_order(db, staff, id).await?;
    Ok(OrderPage {
        actions: orders::allowed_steps(&order, Who::Staff),
        unpaid: order.paid_at.is_none(),
        order,
        failed,
        values,
    })
}

#[get("/admin/orders/<id>")]
async fn get_order(id: OrderId, staff: Staff, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    let page = order_page(db, &staff, id, "", StepValues::default()).await?;
    Ok(Reply::page("admin/orders/show.html", &layout, page))
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
        values: StepValues,
        action: Result<Action, Error>,
    ) -> Result<Reply, Error> {
        let back = format!("/admin/orders/{}", self.id);
        let action = match action {
            Ok(action) => action,
            Err(e) => {
                let page = order_page(self.desk.db(), &self.staff, self.id, failed, values).await?;
                return form_error("admin/orders/show.html", &self.layout, page, e);
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
    let values = StepValues {
        reference: input.reference.clone(),
        ..StepValues::default()
    };
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
    let values = StepValues {
        carrier: input.carrier.clone(),
        tracking_number: input.tracking_number.clone(),
        ..StepValues::default()
    };
    Step {
        id,
        staff,
        desk,
        layout,
    }
    .take("ship", values, Action::ship(input))
    .await
}

#[post("/admin/orders/<id>/ready", data = "<_form>")]
async fn post_ready(
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
    .take("ready", StepValues::default(), Ok(Action::Ready))
    .await
}

#[post("/admin/orders/<id>/deliver", data = "<form>")]
async fn post_deliver(
    id: OrderId,
    form: CsrfForm<DeliverInput>,
    staff: Staff,
    desk: OrderDesk<'_>,
    layout: Layout,
) -> Result<Reply, Error> {
    let input = form.0;
    let values = StepValues {
        reference: input.reference.clone(),
        ..StepValues::default()
    };
    Step {
        id,
        staff,
        desk,
        layout,
    }
    .take("deliver", values, Action::deliver(input))
    .await
}

/// The confirmation page of a step that cannot be taken back: what it
/// will do, then its form.
#[derive(Serialize)]
struct ConfirmPage {
    order: Order,
    /// `cancel` or `refund`.
    step: lifecycle::Step,
    /// What the step does, one sentence each.
    consequences: Vec<String>,
    values: StepValues,
}

/// What cancelling or refunding `order` does, in the words staff read
/// before they confirm.
fn consequences(order: &Order, step: lifecycle::Step, lang: Lang) -> Vec<String> {
    let amount = text(format_price(order.total_cents, &order.currency, lang));
    let total = [("total", amount)];
    let lines: Vec<String> = order
        .items
        .iter()
        .map(|i| format!("{} × {}", i.quantity, i.name))
        .collect();
    let paid = order.paid_at.is_some();
    let mut said = Vec::new();
    match step {
        lifecycle::Step::Cancel => {
            let items = [("items", text(lines.join(", ")))];
            said.push(t_with(lang, "admin-confirm-cancel-restock", &items));
            if paid {
                said.push(t_with(lang, "admin-confirm-cancel-paid", &total));
            } else if order.status == OrderStatus::PendingPayment {
                said.push(t(lang, "admin-confirm-cancel-unpaid"));
            } else {
                said.push(t_with(lang, "admin-confirm-cancel-returned", &total));
            }
            if let Some(invoice) = &order.invoice_number {
                said.push(t_with(
                    lang,
                    "admin-confirm-credit-note",
                    &[("invoice", text(invoice))],
                ));
            }
            if order.coupon_code.is_some() {
                said.push(t(lang, "admin-confirm-coupon"));
            }
            said.push(t(lang, "admin-confirm-cancel-mail"));
        }
        _ => {
            said.push(t_with(lang, "admin-confirm-refund-paid", &total));
            said.push(t(lang, "admin-confirm-refund-restock"));
            match &order.invoice_number {
                Some(invoice) => said.push(t_with(
                    lang,
                    "admin-confirm-credit-note",
                    &[("invoice", text(invoice))],
                )),
                None => said.push(t(lang, "admin-confirm-no-invoice")),
            }
            said.push(t(lang, "admin-confirm-refund-mail"));
        }
    }
    said.push(t(lang, "admin-cannot-be-undone"));
    said
}

/// The confirmation page of `step`, or back to the order saying why the
/// step cannot be taken now.
async fn confirm_page(
    db: &Db,
    staff: &Staff,
    lang: Lang,
    id: OrderId,
    step: lifecycle::Step,
    values: StepValues,
) -> Result<Result<ConfirmPage, Reply>, Error> {
    let order = find_order(db, staff, id).await?;
    if !orders::allowed_steps(&order, Who::Staff).contains(&step) {
        let args = [
            (
                "step",
                text(if step == lifecycle::Step::Cancel {
                    "cancel"
                } else {
                    "refund"
                }),
            ),
            ("number", text(&order.number)),
            ("status", text(status_name(lang, order.status))),
        ];
        let message = t_with(lang, "admin-confirm-not-now", &args);
        return Ok(Err(Reply::refused(format!("/admin/orders/{id}"), &message)));
    }
    Ok(Ok(ConfirmPage {
        consequences: consequences(&order, step, lang),
        order,
        step,
        values,
    }))
}

#[get("/admin/orders/<id>/cancel")]
async fn get_cancel(id: OrderId, staff: Staff, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    match confirm_page(
        db,
        &staff,
        layout.lang,
        id,
        lifecycle::Step::Cancel,
        StepValues::default(),
    )
    .await?
    {
        Ok(page) => Ok(Reply::page("admin/orders/confirm.html", &layout, page)),
        Err(back) => Ok(back),
    }
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
    .take("cancel", StepValues::default(), Ok(Action::Cancel))
    .await
}

#[get("/admin/orders/<id>/refund")]
async fn get_refund(id: OrderId, staff: Staff, layout: Layout, db: &State<Db>) -> Result<Reply, Error> {
    match confirm_page(
        db,
        &staff,
        layout.lang,
        id,
        lifecycle::Step::Refund,
        StepValues::default(),
    )
    .await?
    {
        Ok(mut page) => {
            // Goods not handed over yet are still on the shelf.
            page.values.restock = Some(matches!(
                page.order.status,
                OrderStatus::Paid | OrderStatus::ReadyForPickup
            ));
            Ok(Reply::page("admin/orders/confirm.html", &layout, page))
        }
        Err(back) => Ok(back),
    }
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
    let values = StepValues {
        restock: Some(form.restock.is_some()),
        note: form.note.clone(),
        ..StepValues::default()
    };
    let input = RefundInput {
        restock: form.restock.is_some(),
        note: form.note,
    };
    let action = match Action::refund(input) {
        Ok(action) => action,
        // What was typed is shown again on the confirmation page.
        Err(e) => {
            return match confirm_page(
                desk.db(),
                &staff,
                layout.lang,
                id,
                lifecycle::Step::Refund,
                values,
            )
            .await?
            {
                Ok(page) => form_error("admin/orders/confirm.html", &layout, page, e),
                Err(back) => Ok(back),
            };
        }
    };
    Step {
        id,
        staff,
        desk,
        layout,
    }
    .take("refund", StepValues::default(), Ok(action))
    .await
}

pub fn routes() -> Vec<Route> {
    routes![
        get_orders,
        get_order,
        post_mark_paid,
        post_ship,
        post_ready,
        post_deliver,
        get_cancel,
        post_cancel,
        get_refund,
        post_refund
    ]
}

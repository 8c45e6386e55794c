//! The customer's orders: the history, an order's page, its printable
//! invoice (a pro-forma summary while unpaid) and credit note, and
//! cancelling while it is unpaid. Who may see and do what is
//! `domain::orders`'s rule, the same as the JSON API's: the owner, or staff.

use rocket::{Route, State, get, post, routes};
use serde::Serialize;

use crate::auth::SignedIn;
use crate::auth::csrf::CsrfForm;
use crate::auth::order_desk::OrderDesk;
use crate::db::Db;
use crate::db::orders::{Order, OrderFilter};
use crate::domain::lifecycle::{Step, Who};
use crate::domain::orders::{self, Action, Actor};
use crate::domain::paging::Paging;
use crate::domain::reviews;
use crate::domain::settings::{Settings, ShopSettings};
use crate::error::Error;
use crate::ids::OrderId;
use crate::order_types::{OrderStatus, PaymentMethod};
use crate::web::checkout::percent;
use crate::web::pager::Pager;
use crate::web::{Empty, Layout, Reply};

/// Takes the step and goes `back`, saying what happened. A step the
/// order's status does not allow (someone else was quicker) changes nothing
/// and goes back with the reason.
pub async fn take_step(
    desk: OrderDesk<'_>,
    actor: Actor,
    id: OrderId,
    action: Action,
    back: String,
) -> Result<Reply, Error> {
    let verb = action.verb();
    match desk.apply(actor, id, action).await {
        Ok(order) => Ok(Reply::redirect(
            back,
            &format!("Order {} is {verb}.", order.number),
        )),
        Err(Error::Conflict { message, .. }) => Ok(Reply::refused(back, &message)),
        Err(e) => Err(e),
    }
}

/// The customer's order history.
#[derive(Serialize)]
struct OrdersPage {
    orders: Vec<Order>,
    pager: Pager,
}

/// An order's page, as its customer sees it (staff see the same, and a
/// guest through the order's private link).
#[derive(Serialize)]
pub(crate) struct OrderPage {
    order: Order,
    /// Where the order's page is: `/orders/7`, or a guest's private link's
    /// path; its invoice and cancel form hang below it.
    order_path: String,
    /// The viewer placed it ("My orders" is theirs).
    own: bool,
    /// What the customer may do now (the table's steps for the owner).
    actions: Vec<Step>,
    /// The owner may rate it: the page links to the rating page.
    may_rate: bool,
    /// Waiting for a bank transfer: the page says where to send it.
    pay_by_transfer: bool,
    /// Cash on delivery, not paid yet: the page says how much to have ready.
    cash_due: bool,
    /// Where to collect a pickup order.
    shop_address: String,
    bank_details: String,
    hold_hours: i64,
}

impl OrderPage {
    /// The page of `order` at `order_path`; `own`: the viewer placed it.
    pub(crate) fn new(order: Order, order_path: String, own: bool, shop: ShopSettings) -> OrderPage {
        OrderPage {
            order_path,
            own,
            // What the customer may do, also when staff look at their page.
            actions: orders::allowed_steps(&order, Who::Owner),
            may_rate: own && order.user_id.is_some() && reviews::may_rate(order.status),
            pay_by_transfer: order.status == OrderStatus::PendingPayment
                && order.payment_method == PaymentMethod::BankTransfer,
            cash_due: order.paid_at.is_none()
                && order.payment_method == PaymentMethod::CashOnDelivery
                && !matches!(order.status, OrderStatus::Cancelled | OrderStatus::Refunded),
            shop_address: shop.address.clone(),
            bank_details: shop.bank_details,
            hold_hours: shop.unpaid_hold_hours,
            order,
        }
    }
}

/// What an order's printable page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Document {
    /// The order is paid: its invoice, with its number.
    Invoice,
    /// Not paid (yet): a summary, which is no invoice.
    Summary,
    /// The money of an invoiced order went back.
    CreditNote,
}

impl Document {
    /// The order's invoice once it is paid, its summary before.
    pub(crate) fn of(order: &Order) -> Document {
        if order.invoice_number.is_some() {
            Document::Invoice
        } else {
            Document::Summary
        }
    }
}

/// The seller as the invoice names them, from the settings.
#[derive(Serialize)]
struct Seller {
    /// The legal name, or the shop's name when none is set.
    name: String,
    address: String,
    tax_id: String,
    contact_email: String,
    phone: String,
}

#[derive(Serialize)]
pub(crate) struct InvoicePage {
    order: Order,
    /// The order's page, which the invoice links back to.
    order_path: String,
    document: Document,
    /// The invoice's or credit note's number; empty for a summary.
    number: String,
    /// When it was issued (stored UTC; shown in the shop's zone).
    issued_at: String,
    seller: Seller,
    /// The order's tax rate, "21%".
    tax_rate: String,
}

#[get("/orders?<page>")]
async fn get_orders(
    page: Option<&str>,
    signed_in: SignedIn,
    layout: Layout,
    db: &State<Db>,
) -> Result<Reply, Error> {
    let paging = Paging::parse(page, None)?;
    // "My orders" are one's own, staff's too (all orders are in the back office).
    let filter = OrderFilter {
        user: Some(signed_in.user.id),
        ..OrderFilter::default()
    };
    let actor = Actor::of(&signed_in.user);
    let (orders, total) = db
        .run(move |conn| orders::list(conn, actor, filter, paging))
        .await?;
    let page = OrdersPage {
        orders,
        pager: Pager::new(paging, total, &[]),
    };
    Ok(Reply::page("orders/index.html", &layout, page))
}

async fn find(db: &Db, signed_in: &SignedIn, id: OrderId) -> Result<Order, Error> {
    let actor = Actor::of(&signed_in.user);
    db.run(move |conn| orders::find(conn, actor, id)).await
}

#[get("/orders/<id>")]
async fn get_order(
    id: OrderId,
    signed_in: SignedIn,
    layout: Layout,
    db: &State<Db>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let order = find(db, &signed_in, id).await?;
    let own = order.user_id == Some(signed_in.user.id);
    let page = OrderPage::new(order, format!("/orders/{id}"), own, settings.current());
    Ok(Reply::page("orders/show.html", &layout, page))
}

/// The printable page of `order`: its invoice once paid, a summary before.
pub(crate) fn invoice_page(
    order: Order,
    order_path: String,
    shop: &ShopSettings,
    document: Document,
) -> InvoicePage {
    let (number, issued_at) = match document {
        Document::Invoice => (order.invoice_number.clone(), order.paid_at.clone()),
        Document::CreditNote => (
            order.credit_note_number.clone(),
            order.refunded_at.clone().or_else(|| order.cancelled_at.clone()),
        ),
        Document::Summary => (None, None),
    };
    let legal = shop.legal_name.trim();
    InvoicePage {
        number: number.unwrap_or_default(),
        issued_at: issued_at.unwrap_or_else(|| order.created_at.clone()),
        seller: Seller {
            name: if legal.is_empty() {
                shop.shop_name.clone()
            } else {
                legal.to_string()
            },
            address: shop.address.trim().to_string(),
            tax_id: shop.tax_id.trim().to_string(),
            contact_email: shop.contact_email.trim().to_string(),
            phone: shop.phone.trim().to_string(),
        },
        tax_rate: percent(order.tax_rate_bp.unwrap_or(shop.tax_rate_bp)),
        order_path,
        order,
        document,
    }
}

#[get("/orders/<id>/invoice")]
async fn get_invoice(
    id: OrderId,
    signed_in: SignedIn,
    layout: Layout,
    db: &State<Db>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let order = find(db, &signed_in, id).await?;
    let document = Document::of(&order);
    let page = invoice_page(order, format!("/orders/{id}"), &settings.current(), document);
    Ok(Reply::page("orders/invoice.html", &layout, page))
}

/// The credit note of a paid order whose money went back; other orders
/// have none (404).
#[get("/orders/<id>/credit-note")]
async fn get_credit_note(
    id: OrderId,
    signed_in: SignedIn,
    layout: Layout,
    db: &State<Db>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let order = find(db, &signed_in, id).await?;
    if order.credit_note_number.is_none() {
        return Err(Error::NotFound);
    }
    let page = invoice_page(
        order,
        format!("/orders/{id}"),
        &settings.current(),
        Document::CreditNote,
    );
    Ok(Reply::page("orders/invoice.html", &layout, page))
}

#[post("/orders/<id>/cancel", data = "<_form>")]
async fn post_cancel(
    id: OrderId,
    _form: CsrfForm<Empty>,
    signed_in: SignedIn,
    desk: OrderDesk<'_>,
) -> Result<Reply, Error> {
    let back = format!("/orders/{id}");
    take_step(desk, Actor::of(&signed_in.user), id, Action::Cancel, back).await
}

pub fn routes() -> Vec<Route> {
    routes![get_orders, get_order, get_invoice, get_credit_note, post_cancel]
}

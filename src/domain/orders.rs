//! Orders after checkout: who may see them, and taking them along the
//! lifecycle whose steps `domain::lifecycle`'s table allows.
//!
//! Each step is one conditional UPDATE on the status, from the status the
//! table allowed, in the caller's write transaction, together with the
//! stock it returns and the mail it sends; a step the order's status does
//! not allow changes nothing (409). So a second cancel, or a cancel racing
//! a ship, can never return stock twice.

use rusqlite::Connection;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::orders::{self, Order, OrderFilter, Series};
use crate::db::users::User;
use crate::db::{self, stock};
use crate::domain::fields::{add, finish};
use crate::domain::lifecycle::{self, Refusal, Situation, Step, Who};
use crate::domain::order_mail::{self, MailContext};
use crate::domain::paging::Paging;
use crate::domain::settings::ShopSettings;
use crate::error::{Error, FieldErrors};
use crate::ids::{OrderId, UserId};
use crate::order_types::OrderStatus;
use crate::role::Role;

/// Who acts on an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Customer(UserId),
    /// Whoever holds the private link of this order (a guest's order).
    Guest(OrderId),
    Staff(UserId),
    /// The background task that cancels unpaid orders.
    System,
}

impl Actor {
    pub fn of(user: &User) -> Actor {
        match user.role {
            Role::Staff | Role::Admin => Actor::Staff(user.id),
            Role::Customer => Actor::Customer(user.id),
        }
    }

    fn user(self) -> Option<UserId> {
        match self {
            Actor::Customer(id) | Actor::Staff(id) => Some(id),
            Actor::Guest(_) | Actor::System => None,
        }
    }

    /// Who the actor is to `order`; `None` for a customer and someone
    /// else's order (a guest's too), or a link and another order, which
    /// are "not found" to them. The link stays the order's own page after
    /// the guest made an account.
    fn who(self, order: &Order) -> Option<Who> {
        match self {
            Actor::Customer(id) => (order.user_id == Some(id)).then_some(Who::Owner),
            Actor::Guest(id) => (order.id == id).then_some(Who::Owner),
            Actor::Staff(_) => Some(Who::Staff),
            Actor::System => Some(Who::System),
        }
    }
}

/// A step of the lifecycle, with what staff typed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    MarkPaid {
        reference: Option<String>,
    },
    Ship {
        carrier: Option<String>,
        tracking_number: Option<String>,
    },
    /// A pickup order is waiting at the shop.
    Ready,
    /// Handed over; for an unpaid order also the payment, with its
    /// reference.
    Deliver {
        reference: Option<String>,
    },
    Cancel,
    Refund {
        restock: bool,
        note: Option<String>,
    },
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
#[schema(as = MarkPaid)]
pub struct MarkPaidInput {
    #[schema(max_length = 100)]
    pub reference: Option<String>,
}

/// What staff type when they hand an order over: the receipt of the cash
/// collected, when it was not paid yet.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
#[schema(as = Deliver)]
pub struct DeliverInput {
    /// Recorded with the payment of an unpaid (cash-on-delivery) order.
    #[schema(max_length = 100)]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
#[schema(as = Ship)]
pub struct ShipInput {
    #[schema(max_length = 100)]
    pub carrier: Option<String>,
    #[schema(max_length = 100)]
    pub tracking_number: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(as = Refund)]
pub struct RefundInput {
    /// Whether the items go back into stock.
    pub restock: bool,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

impl Action {
    pub fn mark_paid(input: MarkPaidInput) -> Result<Action, Error> {
        let mut errors = FieldErrors::new();
        let reference = text(&mut errors, "reference", input.reference, 100);
        finish(errors)?;
        Ok(Action::MarkPaid { reference })
    }

    pub fn ship(input: ShipInput) -> Result<Action, Error> {
        let mut errors = FieldErrors::new();
        let carrier = text(&mut errors, "carrier", input.carrier, 100);
        let tracking_number = text(&mut errors, "tracking_number", input.tracking_number, 100);
        finish(errors)?;
        Ok(Action::Ship {
            carrier,
            tracking_number,
        })
    }

    pub fn deliver(input: DeliverInput) -> Result<Action, Error> {
        let mut errors = FieldErrors::new();
        let reference = text(&mut errors, "reference", input.reference, 100);
        finish(errors)?;
        Ok(Action::Deliver { reference })
    }

    pub fn refund(input: RefundInput) -> Result<Action, Error> {
        let mut errors = FieldErrors::new();
        let note = text(&mut errors, "note", input.note, 1000);
        finish(errors)?;
        Ok(Action::Refund {
            restock: input.restock,
            note,
        })
    }

    /// The step of the table this action takes.
    pub fn step(&self) -> Step {
        match self {
            Action::MarkPaid { .. } => Step::MarkPaid,
            Action::Ship { .. } => Step::Ship,
            Action::Ready => Step::Ready,
            Action::Deliver { .. } => Step::Deliver,
            Action::Cancel => Step::Cancel,
            Action::Refund { .. } => Step::Refund,
        }
    }

    /// What the order is after the step: "order T-000001 is {verb}".
    pub fn verb(&self) -> &'static str {
        self.step().verb()
    }

    /// The `*_at` column the step stamps and the columns it sets from
    /// what staff typed.
    fn columns(&self) -> (&'static str, Vec<(&'static str, Option<&str>)>) {
        match self {
            Action::MarkPaid { reference } => ("paid_at", vec![("payment_reference", reference.as_deref())]),
            Action::Ship {
                carrier,
                tracking_number,
            } => (
                "shipped_at",
                vec![
                    ("carrier", carrier.as_deref()),
                    ("tracking_number", tracking_number.as_deref()),
                ],
            ),
            Action::Ready => ("ready_at", Vec::new()),
            Action::Deliver { .. } => ("delivered_at", Vec::new()),
            Action::Cancel => ("cancelled_at", Vec::new()),
            Action::Refund { note, .. } => ("refunded_at", vec![("refund_note", note.as_deref())]),
        }
    }
}

/// Optional free text: trimmed, empty is none, at most `max` characters.
fn text(errors: &mut FieldErrors, field: &str, value: Option<String>, max: usize) -> Option<String> {
    let value = value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    if value.as_ref().is_some_and(|v| v.chars().count() > max) {
        add(errors, field, &format!("must be at most {max} characters"));
    }
    value
}

/// What the lifecycle table looks at of an order.
pub fn situation(order: &Order) -> Situation {
    Situation {
        status: order.status,
        payment: order.payment_method,
        shipping: order.shipping_method,
        paid: order.paid_at.is_some(),
    }
}

/// The steps `who` may take on the order now, for its pages' buttons.
pub fn allowed_steps(order: &Order, who: Who) -> Vec<Step> {
    lifecycle::allowed(situation(order), who)
}

/// A `?status=` filter: empty is none; a name that is no status is a 422.
pub fn status_filter(status: Option<&str>) -> Result<Option<OrderStatus>, Error> {
    match status.filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(name) => name
            .parse()
            .map(Some)
            .map_err(|_| Error::field("status", format!("must be one of {}", OrderStatus::names()))),
    }
}

/// The order, if `actor` may see it.
pub fn find(conn: &Connection, actor: Actor, id: OrderId) -> Result<Order, Error> {
    let order = orders::find(conn, id)?;
    if actor.who(&order).is_none() {
        return Err(Error::NotFound);
    }
    Ok(order)
}

/// A page of the orders `actor` may see, newest first. A customer's filter
/// is always their own orders.
pub fn list(
    conn: &Connection,
    actor: Actor,
    mut filter: OrderFilter,
    paging: Paging,
) -> Result<(Vec<Order>, i64), Error> {
    match actor {
        Actor::Customer(id) => filter.user = Some(id),
        // A link shows its one order, never a list.
        Actor::Guest(_) => return Err(Error::NotFound),
        Actor::Staff(_) | Actor::System => {}
    }
    orders::list_page(conn, &filter, paging.per_page, paging.offset())
}

/// Takes the order one step along its lifecycle, in the caller's write
/// transaction `tx`.
pub fn apply(
    tx: &Connection,
    ctx: &MailContext,
    actor: Actor,
    id: OrderId,
    action: &Action,
) -> Result<Order, Error> {
    let order = orders::find(tx, id)?;
    let who = actor.who(&order).ok_or(Error::NotFound)?;
    let step = action.step();
    let to = lifecycle::next(situation(&order), step, who).map_err(|r| refusal(&order, step, r))?;
    let (stamp, extra) = action.columns();
    let paid = order.paid_at.is_some();
    if !orders::set_status(tx, id, order.status, paid, to, stamp, &extra)? {
        // The write transaction holds the order still; the conditional
        // update is the guarantee all the same.
        let now = orders::find(tx, id)?;
        let why = lifecycle::next(situation(&now), step, who).err();
        return Err(refusal(&now, step, why.unwrap_or(Refusal::NotNow)));
    }
    let after = orders::find(tx, id)?;
    after_step(tx, ctx, actor, &after, paid, action)?;
    orders::find(tx, id)
}

/// The error for a refused step, in the words the customer or staff see.
fn refusal(order: &Order, step: Step, why: Refusal) -> Error {
    let status = order.status.label();
    let message = match why {
        Refusal::NotYours => return Error::Forbidden,
        Refusal::OnlyTheShop => format!(
            "order {} is {status}; only the shop can {} it now, please contact us",
            order.number,
            step.infinitive()
        ),
        Refusal::NotNow => format!("order {} is {status}; it cannot be {}", order.number, step.verb()),
    };
    Error::Conflict {
        code: "invalid_transition",
        message,
    }
}

/// What follows a step in the same transaction: stock, money, numbers,
/// mail. `was_paid`: the order was paid before the step.
fn after_step(
    tx: &Connection,
    ctx: &MailContext,
    actor: Actor,
    order: &Order,
    was_paid: bool,
    action: &Action,
) -> Result<(), Error> {
    match action {
        Action::MarkPaid { reference } => paid(tx, ctx, actor, order, reference.as_deref()),
        Action::Ship { .. } => order_mail::queue_shipping_notice(tx, ctx, order),
        Action::Ready => order_mail::queue_ready_for_pickup(tx, ctx, order),
        Action::Deliver { reference } => {
            if !was_paid && orders::set_paid(tx, order.id, reference.as_deref())? {
                paid(tx, ctx, actor, order, reference.as_deref())?;
            }
            Ok(())
        }
        Action::Cancel => {
            restock(tx, actor, order, "cancel")?;
            orders::release_redemption(tx, order.id)?;
            if was_paid {
                orders::insert_payment(tx, order.id, "refund", order.total_cents, None, actor.user())?;
                credit_note(tx, ctx, order)?;
            }
            let why = match actor {
                Actor::Customer(_) | Actor::Guest(_) => "you cancelled it",
                Actor::Staff(_) => "the shop cancelled it",
                Actor::System => "it was not paid in time",
            };
            order_mail::queue_cancellation(tx, ctx, order, why)
        }
        Action::Refund { restock: back, note } => {
            if *back {
                restock(tx, actor, order, "refund")?;
            }
            orders::insert_payment(
                tx,
                order.id,
                "refund",
                order.total_cents,
                note.as_deref(),
                actor.user(),
            )?;
            credit_note(tx, ctx, order)?;
            let order = orders::find(tx, order.id)?;
            order_mail::queue_refund(tx, ctx, &order)
        }
    }
}

/// The year an invoice or credit note issued at `now` belongs to: the
/// year in the shop's time zone, where New Year comes when the shop's
/// clocks say so.
pub fn invoice_year(now: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> i32 {
    use chrono::Datelike;
    now.with_timezone(&tz).year()
}

fn year_now(ctx: &MailContext) -> i32 {
    invoice_year(chrono::Utc::now(), ctx.shop.tz())
}

/// The money came: its payment row and the order's invoice number.
fn paid(
    tx: &Connection,
    ctx: &MailContext,
    actor: Actor,
    order: &Order,
    reference: Option<&str>,
) -> Result<(), Error> {
    orders::insert_payment(
        tx,
        order.id,
        "payment",
        order.total_cents,
        reference,
        actor.user(),
    )?;
    orders::number_in_series(tx, order.id, Series::Invoice, year_now(ctx))?;
    Ok(())
}

/// The money of an invoiced order goes back: a credit note cancels the
/// invoice.
fn credit_note(tx: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let invoiced = orders::find(tx, order.id)?.invoice_number.is_some();
    if invoiced {
        orders::number_in_series(tx, order.id, Series::CreditNote, year_now(ctx))?;
    }
    Ok(())
}

/// Puts every line's quantity back in stock, with its movement.
fn restock(tx: &Connection, actor: Actor, order: &Order, reason: &str) -> Result<(), Error> {
    for item in &order.items {
        // A product erased since cannot be: order lines keep it archived.
        stock::change(
            tx,
            &stock::Change {
                product: item.product_id,
                delta: item.quantity,
                reason,
                order_id: Some(order.id.0),
                user: actor.user(),
                note: Some(&order.number),
            },
        )?;
    }
    Ok(())
}

/// The unpaid orders older than the hold, oldest first, at most `limit`.
pub fn past_the_hold(conn: &Connection, shop: &ShopSettings, limit: i64) -> Result<Vec<OrderId>, Error> {
    let cutoff = db::from_now(-chrono::Duration::hours(shop.unpaid_hold_hours));
    orders::unpaid_before(conn, &cutoff, limit)
}

/// Cancels (and restocks) one unpaid order past the hold, in `tx`. False
/// when it was paid or cancelled by someone else in the meantime.
pub fn expire(tx: &Connection, ctx: &MailContext, id: OrderId) -> Result<bool, Error> {
    match apply(tx, ctx, Actor::System, id, &Action::Cancel) {
        Ok(_) => Ok(true),
        Err(Error::Conflict { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::db::orders::Series;

    #[test]
    fn the_year_of_an_invoice_is_the_shop_s() {
        let eve = Utc
            .with_ymd_and_hms(2026, 12, 31, 23, 30, 0)
            .single()
            .expect("a time");
        assert_eq!(invoice_year(eve, chrono_tz::Tz::UTC), 2026);
        assert_eq!(invoice_year(eve, chrono_tz::Europe::Madrid), 2027);
        let morning = Utc
            .with_ymd_and_hms(2027, 1, 1, 3, 0, 0)
            .single()
            .expect("a time");
        assert_eq!(invoice_year(morning, chrono_tz::America::New_York), 2026);
    }

    #[test]
    fn numbers_read_as_documented() {
        assert_eq!(Series::Invoice.format(2026, 1), "2026-000001");
        assert_eq!(Series::CreditNote.format(2026, 42), "R2026-000042");
        assert_eq!(Series::Invoice.format(2027, 1_234_567), "2027-1234567");
    }
}

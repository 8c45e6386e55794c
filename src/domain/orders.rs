//! Orders after checkout: who may see them, and the lifecycle of DESIGN.md.
//!
//! ```text
//! pending_payment ──mark-paid──▶ paid ──ship──▶ shipped ──deliver──▶ delivered
//!       └─cancel (owner/staff/hold expiry)  └─cancel (staff)   paid/shipped/delivered ─refund─▶ refunded
//! ```
//!
//! Each step is one conditional UPDATE on the status inside a write
//! transaction, together with the stock it returns and the mail it sends;
//! a step the order's status does not allow changes nothing (409). So a
//! second cancel, or a cancel racing a ship, can never return stock twice.

use rusqlite::Connection;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::Role;
use crate::db::orders::{self, Order, OrderFilter};
use crate::db::users::User;
use crate::db::{self, Db, stock, write_tx};
use crate::domain::order_mail::{self, MailContext};
use crate::domain::paging::Paging;
use crate::domain::validation::{add, finish};
use crate::error::{Error, FieldErrors};
use crate::ids::{OrderId, UserId};

pub const STATUSES: [&str; 6] = [
    "pending_payment",
    "paid",
    "shipped",
    "delivered",
    "cancelled",
    "refunded",
];

/// Who acts on an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Customer(UserId),
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
            Actor::System => None,
        }
    }

    /// Customers see their own orders only; others' are "not found".
    fn may_see(self, owner: UserId) -> bool {
        match self {
            Actor::Customer(id) => id == owner,
            Actor::Staff(_) | Actor::System => true,
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
    Deliver,
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

    pub fn refund(input: RefundInput) -> Result<Action, Error> {
        let mut errors = FieldErrors::new();
        let note = text(&mut errors, "note", input.note, 1000);
        finish(errors)?;
        Ok(Action::Refund {
            restock: input.restock,
            note,
        })
    }

    /// What the order is after the step: "order T-000001 is {verb}".
    pub fn verb(&self) -> &'static str {
        match self {
            Action::MarkPaid { .. } => "marked paid",
            Action::Ship { .. } => "shipped",
            Action::Deliver => "delivered",
            Action::Cancel => "cancelled",
            Action::Refund { .. } => "refunded",
        }
    }

    fn is_staff_only(&self) -> bool {
        !matches!(self, Action::Cancel)
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

/// The order, if `actor` may see it.
pub async fn find(db: &Db, actor: Actor, id: OrderId) -> Result<Order, Error> {
    db.run(move |conn| {
        let order = orders::find(conn, id)?;
        if !actor.may_see(order.user_id) {
            return Err(Error::NotFound);
        }
        Ok(order)
    })
    .await
}

/// A page of the orders `actor` may see, newest first. A customer's filter
/// is always their own orders.
pub async fn list(
    db: &Db,
    actor: Actor,
    mut filter: OrderFilter,
    paging: Paging,
) -> Result<(Vec<Order>, i64), Error> {
    if let Actor::Customer(id) = actor {
        filter.user = Some(id);
    }
    if let Some(status) = &filter.status
        && !STATUSES.contains(&status.as_str())
    {
        return Err(Error::field(
            "status",
            format!("must be one of {}", STATUSES.join(", ")),
        ));
    }
    db.run(move |conn| orders::list_page(conn, &filter, paging.per_page, paging.offset()))
        .await
}

/// Takes the order one step along its lifecycle.
pub async fn apply(
    db: &Db,
    ctx: MailContext,
    actor: Actor,
    id: OrderId,
    action: Action,
) -> Result<Order, Error> {
    db.run(move |conn| {
        let tx = write_tx(conn)?;
        let order = step(&tx, &ctx, actor, id, &action)?;
        tx.commit()?;
        Ok(order)
    })
    .await
}

fn step(
    tx: &Connection,
    ctx: &MailContext,
    actor: Actor,
    id: OrderId,
    action: &Action,
) -> Result<Order, Error> {
    let owner = orders::owner(tx, id)?.ok_or(Error::NotFound)?;
    if !actor.may_see(owner) {
        return Err(Error::NotFound);
    }
    let staff = !matches!(actor, Actor::Customer(_));
    if action.is_staff_only() && !staff {
        return Err(Error::Forbidden);
    }
    let done = match action {
        Action::MarkPaid { reference } => orders::set_status(
            tx,
            id,
            &["pending_payment"],
            "paid",
            "paid_at",
            &[("payment_reference", reference.as_deref())],
        )?,
        Action::Ship {
            carrier,
            tracking_number,
        } => orders::set_status(
            tx,
            id,
            &["paid"],
            "shipped",
            "shipped_at",
            &[
                ("carrier", carrier.as_deref()),
                ("tracking_number", tracking_number.as_deref()),
            ],
        )?,
        Action::Deliver => orders::set_status(tx, id, &["shipped"], "delivered", "delivered_at", &[])?,
        Action::Cancel => {
            let from: &[&str] = if staff {
                &["pending_payment", "paid"]
            } else {
                &["pending_payment"]
            };
            orders::set_status(tx, id, from, "cancelled", "cancelled_at", &[])?
        }
        Action::Refund { note, .. } => orders::set_status(
            tx,
            id,
            &["paid", "shipped", "delivered"],
            "refunded",
            "refunded_at",
            &[("refund_note", note.as_deref())],
        )?,
    };
    if !done {
        let order = orders::find(tx, id)?;
        return Err(refusal(&order, action, staff));
    }
    let order = orders::find(tx, id)?;
    after_step(tx, ctx, actor, &order, action)?;
    orders::find(tx, id)
}

/// Why the order's status does not allow the action.
fn refusal(order: &Order, action: &Action, staff: bool) -> Error {
    let status = order.status.replace('_', " ");
    let message = if matches!(action, Action::Cancel) && !staff && order.status == "paid" {
        format!(
            "order {} is paid; only the shop can cancel it now, please contact us",
            order.number
        )
    } else {
        format!(
            "order {} is {status}; it cannot be {}",
            order.number,
            action.verb()
        )
    };
    Error::Conflict {
        code: "invalid_transition",
        message,
    }
}

/// What follows a step in the same transaction: stock, money, mail.
fn after_step(
    tx: &Connection,
    ctx: &MailContext,
    actor: Actor,
    order: &Order,
    action: &Action,
) -> Result<(), Error> {
    match action {
        Action::MarkPaid { reference } => orders::insert_payment(
            tx,
            order.id,
            "payment",
            order.total_cents,
            reference.as_deref(),
            actor.user(),
        ),
        Action::Ship { .. } => order_mail::queue_shipping_notice(tx, ctx, order),
        Action::Deliver => Ok(()),
        Action::Cancel => {
            restock(tx, actor, order, "cancel")?;
            orders::release_redemption(tx, order.id)?;
            if order.paid_at.is_some() {
                orders::insert_payment(tx, order.id, "refund", order.total_cents, None, actor.user())?;
            }
            let why = match actor {
                Actor::Customer(_) => "you cancelled it",
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
            )
        }
    }
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

/// Cancels (and restocks) the unpaid orders older than the hold; returns
/// how many. Each order is its own short transaction.
pub fn expire_unpaid(conn: &mut Connection, ctx: &MailContext) -> Result<usize, Error> {
    let cutoff = db::from_now(-chrono::Duration::hours(ctx.shop.unpaid_hold_hours));
    let mut cancelled = 0;
    loop {
        let due = orders::unpaid_before(conn, &cutoff, 100)?;
        if due.is_empty() {
            return Ok(cancelled);
        }
        for id in due {
            let tx = write_tx(conn)?;
            match step(&tx, ctx, Actor::System, id, &Action::Cancel) {
                Ok(_) => {
                    tx.commit()?;
                    cancelled += 1;
                }
                // Paid or cancelled by someone else in the meantime.
                Err(Error::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
    }
}

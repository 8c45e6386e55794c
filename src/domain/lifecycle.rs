//! What may happen next to an order: one table of the lifecycle of
//! DESIGN.md, `status × step × who × payment method × shipping method ×
//! paid or not → next status`, and the reason a step is refused.
//! `domain::orders` takes the steps it allows; pages show the steps it lists.
//!
//! ```text
//! pending_payment ──mark-paid──▶ paid ──ship (standard)──▶ shipped ──────────┐
//!   │  (cash on delivery: ship or ready unpaid)  └─ready (pickup)─▶ ready_for_pickup ─deliver─▶ delivered
//!   └─cancel (owner/staff/hold expiry)   paid, and unpaid shipped/ready: cancel (staff)
//!                          paid/shipped/ready/delivered, once paid: refund ─▶ refunded
//! ```
//!
//! Where the goods are is the status; whether the money came is `paid_at`
//! (`Money`), which the table looks at too: a cash-on-delivery order is
//! shipped or ready unpaid and paid when it is delivered.
//!
//! A new edge is one line in [`TABLE`] and one line in the test's grid.

use serde::Serialize;

use crate::order_types::OrderStatus::{
    self, Cancelled, Delivered, Paid, PendingPayment, ReadyForPickup, Refunded, Shipped,
};
use crate::order_types::PaymentMethod::{self, BankTransfer, CashOnDelivery};
use crate::order_types::ShippingMethod::{self, Pickup, Standard};

/// A step of the lifecycle, without what staff typed for it. Serialized
/// as the pages name their forms (`mark_paid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    MarkPaid,
    Ship,
    /// A pickup order is waiting at the shop.
    Ready,
    Deliver,
    Refund,
    Cancel,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::MarkPaid,
        Step::Ship,
        Step::Ready,
        Step::Deliver,
        Step::Refund,
        Step::Cancel,
    ];

    /// What the order is after the step: "order T-000001 is {verb}".
    pub fn verb(self) -> &'static str {
        match self {
            Step::MarkPaid => "marked paid",
            Step::Ship => "shipped",
            Step::Ready => "ready for pickup",
            Step::Deliver => "delivered",
            Step::Refund => "refunded",
            Step::Cancel => "cancelled",
        }
    }

    /// "only the shop can {infinitive} it now".
    pub fn infinitive(self) -> &'static str {
        match self {
            Step::MarkPaid => "mark paid",
            Step::Ship => "ship",
            Step::Ready => "make ready for pickup",
            Step::Deliver => "deliver",
            Step::Refund => "refund",
            Step::Cancel => "cancel",
        }
    }
}

/// Who takes a step, as far as the table cares. Someone else's customer
/// never gets this far: for them the order does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// The customer who placed the order.
    Owner,
    /// Staff or an admin.
    Staff,
    /// The background task that cancels unpaid orders after the hold.
    System,
}

impl Who {
    pub const ALL: [Who; 3] = [Who::Owner, Who::Staff, Who::System];
}

/// Whether an edge asks the order to be paid (`paid_at` set) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Money {
    Any,
    /// Not paid yet: cash on delivery still to collect.
    Owed,
    /// Paid: there is money to give back.
    Received,
}

impl Money {
    fn fits(self, paid: bool) -> bool {
        match self {
            Money::Any => true,
            Money::Owed => !paid,
            Money::Received => paid,
        }
    }
}

/// What the table looks at of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    pub status: OrderStatus,
    pub payment: PaymentMethod,
    pub shipping: ShippingMethod,
    /// `paid_at` is set.
    pub paid: bool,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `who` never takes this step, whatever the order's status (403).
    NotYours,
    /// Someone else (the shop) may take it now, but not `who` (409).
    OnlyTheShop,
    /// Nobody may take it from this status, with these methods (409).
    NotNow,
}

/// One allowed step: from `from`, `by` one of them, for orders paid and
/// shipped as given (`None`: any) and paid or not as `money` says, to `to`.
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    pub from: OrderStatus,
    pub step: Step,
    pub by: &'static [Who],
    pub payment: Option<PaymentMethod>,
    pub shipping: Option<ShippingMethod>,
    pub money: Money,
    pub to: OrderStatus,
}

impl Edge {
    fn fits(&self, at: Situation, step: Step) -> bool {
        self.from == at.status
            && self.step == step
            && self.payment.is_none_or(|p| p == at.payment)
            && self.shipping.is_none_or(|s| s == at.shipping)
            && self.money.fits(at.paid)
    }
}

const STAFF: &[Who] = &[Who::Staff];
const PEOPLE: &[Who] = &[Who::Owner, Who::Staff];
const SYSTEM: &[Who] = &[Who::System];
const ANY: Money = Money::Any;
const OWED: Money = Money::Owed;
const RECEIVED: Money = Money::Received;
const COD: Option<PaymentMethod> = Some(CashOnDelivery);
const BANK: Option<PaymentMethod> = Some(BankTransfer);
const STANDARD: Option<ShippingMethod> = Some(Standard);
const PICKUP: Option<ShippingMethod> = Some(Pickup);

const fn edge(
    from: OrderStatus,
    step: Step,
    by: &'static [Who],
    payment: Option<PaymentMethod>,
    shipping: Option<ShippingMethod>,
    money: Money,
    to: OrderStatus,
) -> Edge {
    Edge {
        from,
        step,
        by,
        payment,
        shipping,
        money,
        to,
    }
}

/// Every step an order may take; anything else is refused.
#[rustfmt::skip]
pub const TABLE: &[Edge] = &[
    //   from            step            who     payment shipping  money     to
    edge(PendingPayment, Step::MarkPaid, STAFF,  None,   None,     ANY,      Paid),
    // Cash on delivery leaves (or waits at the shop) before it is paid.
    edge(PendingPayment, Step::Ship,     STAFF,  COD,    STANDARD, ANY,      Shipped),
    edge(PendingPayment, Step::Ready,    STAFF,  COD,    PICKUP,   ANY,      ReadyForPickup),
    edge(Paid,           Step::Ship,     STAFF,  None,   STANDARD, ANY,      Shipped),
    edge(Paid,           Step::Ready,    STAFF,  None,   PICKUP,   ANY,      ReadyForPickup),
    // Cash collected before the hand-over: the goods stay where they are.
    edge(Shipped,        Step::MarkPaid, STAFF,  None,   None,     OWED,     Shipped),
    edge(ReadyForPickup, Step::MarkPaid, STAFF,  None,   None,     OWED,     ReadyForPickup),
    // Delivering an unpaid order records its payment (cash on delivery).
    edge(Shipped,        Step::Deliver,  STAFF,  None,   None,     ANY,      Delivered),
    edge(ReadyForPickup, Step::Deliver,  STAFF,  None,   None,     ANY,      Delivered),
    edge(PendingPayment, Step::Cancel,   PEOPLE, None,   None,     ANY,      Cancelled),
    // The hold expiry only waits for bank transfers.
    edge(PendingPayment, Step::Cancel,   SYSTEM, BANK,   None,     ANY,      Cancelled),
    // A paid order is the shop's to cancel: the money has to go back.
    edge(Paid,           Step::Cancel,   STAFF,  None,   None,     ANY,      Cancelled),
    // A cash-on-delivery parcel that came back, or was never collected.
    edge(Shipped,        Step::Cancel,   STAFF,  None,   None,     OWED,     Cancelled),
    edge(ReadyForPickup, Step::Cancel,   STAFF,  None,   None,     OWED,     Cancelled),
    edge(Paid,           Step::Refund,   STAFF,  None,   None,     RECEIVED, Refunded),
    edge(Shipped,        Step::Refund,   STAFF,  None,   None,     RECEIVED, Refunded),
    edge(ReadyForPickup, Step::Refund,   STAFF,  None,   None,     RECEIVED, Refunded),
    edge(Delivered,      Step::Refund,   STAFF,  None,   None,     RECEIVED, Refunded),
];

/// The status `step` takes the order to when `who` takes it, or why not.
pub fn next(at: Situation, step: Step, who: Who) -> Result<OrderStatus, Refusal> {
    if !TABLE.iter().any(|e| e.step == step && e.by.contains(&who)) {
        return Err(Refusal::NotYours);
    }
    let mut fitting = TABLE.iter().filter(|e| e.fits(at, step)).peekable();
    if fitting.peek().is_none() {
        return Err(Refusal::NotNow);
    }
    fitting
        .find(|e| e.by.contains(&who))
        .map(|e| e.to)
        .ok_or(Refusal::OnlyTheShop)
}

/// The steps `who` may take now, in the order pages show them.
pub fn allowed(at: Situation, who: Who) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|step| next(at, *step, who).is_ok())
        .collect()
}

/// Whether some path of steps, by anyone, leads from `from` to `to`.
pub fn may_become(from: OrderStatus, to: OrderStatus) -> bool {
    let mut reached = vec![from];
    let mut i = 0;
    while let Some(status) = reached.get(i).copied() {
        for e in TABLE.iter().filter(|e| e.from == status) {
            if !reached.contains(&e.to) {
                reached.push(e.to);
            }
        }
        i += 1;
    }
    from != to && reached.contains(&to)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO: Result<OrderStatus, Refusal> = Err(Refusal::NotNow);
    const SHOP: Result<OrderStatus, Refusal> = Err(Refusal::OnlyTheShop);
    const NOT_YOURS: Result<OrderStatus, Refusal> = Err(Refusal::NotYours);
    const fn to(status: OrderStatus) -> Result<OrderStatus, Refusal> {
        Ok(status)
    }
    const READY: Result<OrderStatus, Refusal> = Ok(ReadyForPickup);

    /// The columns of the grid.
    const FROM: [OrderStatus; 7] = [
        PendingPayment,
        Paid,
        Shipped,
        ReadyForPickup,
        Delivered,
        Cancelled,
        Refunded,
    ];

    type Row = (
        Step,
        Who,
        Option<PaymentMethod>,
        Option<ShippingMethod>,
        Money,
        [Result<OrderStatus, Refusal>; 7],
    );

    /// What every step does from every status, for every actor: written
    /// out by hand from DESIGN.md, not from `TABLE`. A row with a method
    /// or a money condition (`None`, `ANY`: any) overrides the rows above
    /// it for that case, so an edge for cash on delivery is one more row.
    #[rustfmt::skip]
    const GRID: &[Row] = &[
        //                                                     pending_payment  paid           shipped        ready_for_pickup delivered      cancelled refunded
        (Step::MarkPaid, Who::Staff,  None, None,     ANY,      [to(Paid),       NO,            NO,            NO,              NO,            NO, NO]),
        (Step::MarkPaid, Who::Staff,  None, None,     OWED,     [to(Paid),       NO,            to(Shipped),   READY,           NO,            NO, NO]),
        (Step::MarkPaid, Who::Owner,  None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::MarkPaid, Who::System, None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Ship,     Who::Staff,  None, None,     ANY,      [NO; 7]),
        (Step::Ship,     Who::Staff,  None, STANDARD, ANY,      [NO,             to(Shipped),   NO,            NO,              NO,            NO, NO]),
        (Step::Ship,     Who::Staff,  COD,  STANDARD, ANY,      [to(Shipped),    to(Shipped),   NO,            NO,              NO,            NO, NO]),
        (Step::Ship,     Who::Owner,  None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Ship,     Who::System, None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Ready,    Who::Staff,  None, None,     ANY,      [NO; 7]),
        (Step::Ready,    Who::Staff,  None, PICKUP,   ANY,      [NO,             READY,         NO,            NO,              NO,            NO, NO]),
        (Step::Ready,    Who::Staff,  COD,  PICKUP,   ANY,      [READY,          READY,         NO,            NO,              NO,            NO, NO]),
        (Step::Ready,    Who::Owner,  None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Ready,    Who::System, None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Deliver,  Who::Staff,  None, None,     ANY,      [NO,             NO,            to(Delivered), to(Delivered),   NO,            NO, NO]),
        (Step::Deliver,  Who::Owner,  None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Deliver,  Who::System, None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Refund,   Who::Staff,  None, None,     ANY,      [NO; 7]),
        (Step::Refund,   Who::Staff,  None, None,     RECEIVED, [NO,             to(Refunded),  to(Refunded),  to(Refunded),    to(Refunded),  NO, NO]),
        (Step::Refund,   Who::Owner,  None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Refund,   Who::System, None, None,     ANY,      [NOT_YOURS; 7]),
        (Step::Cancel,   Who::Staff,  None, None,     ANY,      [to(Cancelled),  to(Cancelled), NO,            NO,              NO,            NO, NO]),
        (Step::Cancel,   Who::Staff,  None, None,     OWED,     [to(Cancelled),  to(Cancelled), to(Cancelled), to(Cancelled),   NO,            NO, NO]),
        (Step::Cancel,   Who::Owner,  None, None,     ANY,      [to(Cancelled),  SHOP,          NO,            NO,              NO,            NO, NO]),
        (Step::Cancel,   Who::Owner,  None, None,     OWED,     [to(Cancelled),  SHOP,          SHOP,          SHOP,            NO,            NO, NO]),
        (Step::Cancel,   Who::System, None, None,     ANY,      [SHOP,           SHOP,          NO,            NO,              NO,            NO, NO]),
        (Step::Cancel,   Who::System, None, None,     OWED,     [SHOP,           SHOP,          SHOP,          SHOP,            NO,            NO, NO]),
        (Step::Cancel,   Who::System, BANK, None,     ANY,      [to(Cancelled),  SHOP,          NO,            NO,              NO,            NO, NO]),
        (Step::Cancel,   Who::System, BANK, None,     OWED,     [to(Cancelled),  SHOP,          SHOP,          SHOP,            NO,            NO, NO]),
    ];

    /// The grid's answer: the last row that fits.
    fn expected(status: usize, step: Step, who: Who, at: Situation) -> Result<OrderStatus, Refusal> {
        let row = GRID
            .iter()
            .rev()
            .find(|(s, w, p, sh, money, _)| {
                *s == step
                    && *w == who
                    && p.is_none_or(|p| p == at.payment)
                    && sh.is_none_or(|sh| sh == at.shipping)
                    && money.fits(at.paid)
            })
            .unwrap_or_else(|| panic!("the grid has no row for {step:?} by {who:?}"));
        row.5[status]
    }

    #[test]
    fn every_status_step_actor_method_and_payment_is_in_the_grid_and_the_table_agrees() {
        assert_eq!(FROM, OrderStatus::ALL, "the grid's columns are every status");
        let mut checked = 0;
        for (column, status) in FROM.into_iter().enumerate() {
            for step in Step::ALL {
                for who in Who::ALL {
                    for payment in PaymentMethod::ALL {
                        for shipping in ShippingMethod::ALL {
                            for paid in [false, true] {
                                let at = Situation {
                                    status,
                                    payment,
                                    shipping,
                                    paid,
                                };
                                assert_eq!(
                                    next(at, step, who),
                                    expected(column, step, who, at),
                                    "{step:?} by {who:?} from {status:?} ({payment:?}, {shipping:?}, paid {paid})"
                                );
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 7 * 6 * 3 * 2 * 2 * 2);
    }

    #[test]
    fn no_two_edges_disagree() {
        let overlap = |a: Money, b: Money| a == Money::Any || b == Money::Any || a == b;
        for (i, a) in TABLE.iter().enumerate() {
            for b in &TABLE[i + 1..] {
                let same_case = a.from == b.from
                    && a.step == b.step
                    && a.by.iter().any(|w| b.by.contains(w))
                    && (a.payment.is_none() || b.payment.is_none() || a.payment == b.payment)
                    && (a.shipping.is_none() || b.shipping.is_none() || a.shipping == b.shipping)
                    && overlap(a.money, b.money);
                assert!(!same_case || a.to == b.to, "{a:?} and {b:?} overlap");
            }
        }
    }

    fn at(status: OrderStatus) -> Situation {
        Situation {
            status,
            payment: BankTransfer,
            shipping: Standard,
            paid: !matches!(status, PendingPayment | Cancelled),
        }
    }

    fn cod(status: OrderStatus, shipping: ShippingMethod, paid: bool) -> Situation {
        Situation {
            status,
            payment: CashOnDelivery,
            shipping,
            paid,
        }
    }

    #[test]
    fn pages_list_the_steps_the_table_allows() {
        use Step::*;
        assert_eq!(allowed(at(PendingPayment), Who::Staff), [MarkPaid, Cancel]);
        assert_eq!(allowed(at(Paid), Who::Staff), [Ship, Refund, Cancel]);
        assert_eq!(allowed(at(Shipped), Who::Staff), [Deliver, Refund]);
        assert_eq!(allowed(at(Delivered), Who::Staff), [Refund]);
        assert_eq!(allowed(at(Cancelled), Who::Staff), []);
        assert_eq!(allowed(at(Refunded), Who::Staff), []);
        assert_eq!(allowed(at(PendingPayment), Who::Owner), [Cancel]);
        for status in [Paid, Shipped, ReadyForPickup, Delivered, Cancelled, Refunded] {
            assert_eq!(allowed(at(status), Who::Owner), [], "{status:?}");
        }
    }

    #[test]
    fn cash_on_delivery_leaves_unpaid_and_is_paid_or_cancelled_on_the_way() {
        use Step::*;
        assert_eq!(
            allowed(cod(PendingPayment, Standard, false), Who::Staff),
            [MarkPaid, Ship, Cancel]
        );
        assert_eq!(
            allowed(cod(PendingPayment, Pickup, false), Who::Staff),
            [MarkPaid, Ready, Cancel]
        );
        assert_eq!(
            allowed(cod(Shipped, Standard, false), Who::Staff),
            [MarkPaid, Deliver, Cancel]
        );
        assert_eq!(
            allowed(cod(ReadyForPickup, Pickup, false), Who::Staff),
            [MarkPaid, Deliver, Cancel]
        );
        assert_eq!(
            allowed(cod(Shipped, Standard, true), Who::Staff),
            [Deliver, Refund]
        );
        assert_eq!(
            allowed(cod(ReadyForPickup, Pickup, true), Who::Staff),
            [Deliver, Refund]
        );
        // The hold expiry leaves cash on delivery alone.
        assert_eq!(
            next(cod(PendingPayment, Standard, false), Cancel, Who::System),
            Err(Refusal::OnlyTheShop)
        );
        assert_eq!(next(at(PendingPayment), Cancel, Who::System), Ok(Cancelled));
        // A bank transfer is paid before it leaves; pickup is never shipped.
        assert_eq!(next(at(PendingPayment), Ship, Who::Staff), Err(Refusal::NotNow));
        let pickup_paid = Situation {
            shipping: Pickup,
            ..at(Paid)
        };
        assert_eq!(allowed(pickup_paid, Who::Staff), [Ready, Refund, Cancel]);
    }

    #[test]
    fn an_order_may_still_be_delivered_until_it_is_delivered_cancelled_or_refunded() {
        for status in [PendingPayment, Paid, Shipped, ReadyForPickup] {
            assert!(may_become(status, Delivered), "{status:?}");
        }
        for status in [Delivered, Cancelled, Refunded] {
            assert!(!may_become(status, Delivered), "{status:?}");
        }
        assert!(may_become(PendingPayment, Refunded));
        assert!(!may_become(Cancelled, Refunded));
    }

    #[test]
    fn verbs_make_todays_messages() {
        let verbs = Step::ALL.map(Step::verb);
        assert_eq!(
            verbs,
            [
                "marked paid",
                "shipped",
                "ready for pickup",
                "delivered",
                "refunded",
                "cancelled"
            ]
        );
        assert_eq!(Step::Cancel.infinitive(), "cancel");
        assert_eq!(
            serde_json::to_value(Step::MarkPaid).ok(),
            Some(serde_json::json!("mark_paid"))
        );
        assert_eq!(
            serde_json::to_value(Step::Ready).ok(),
            Some(serde_json::json!("ready"))
        );
    }
}

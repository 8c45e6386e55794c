//! What may happen next to an order: one table of the lifecycle of
//! DESIGN.md, `status × step × who × payment method × shipping method →
//! next status`, and the reason a step is refused. `domain::orders` takes
//! the steps it allows; pages show the steps it lists.
//!
//! ```text
//! pending_payment ──mark-paid──▶ paid ──ship──▶ shipped ──deliver──▶ delivered
//!       └─cancel (owner/staff/hold expiry)  └─cancel (staff)   paid/shipped/delivered ─refund─▶ refunded
//! ```
//!
//! A new edge is one line in [`TABLE`] and one line in the test's grid.

use serde::Serialize;

use crate::order_types::OrderStatus::{self, Cancelled, Delivered, Paid, PendingPayment, Refunded, Shipped};
use crate::order_types::{PaymentMethod, ShippingMethod};

/// A step of the lifecycle, without what staff typed for it. Serialized
/// as the pages name their forms (`mark_paid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    MarkPaid,
    Ship,
    Deliver,
    Refund,
    Cancel,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::MarkPaid,
        Step::Ship,
        Step::Deliver,
        Step::Refund,
        Step::Cancel,
    ];

    /// What the order is after the step: "order T-000001 is {verb}".
    pub fn verb(self) -> &'static str {
        match self {
            Step::MarkPaid => "marked paid",
            Step::Ship => "shipped",
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

/// What the table looks at of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    pub status: OrderStatus,
    pub payment: PaymentMethod,
    pub shipping: ShippingMethod,
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
/// shipped as given (`None`: any), to `to`.
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    pub from: OrderStatus,
    pub step: Step,
    pub by: &'static [Who],
    pub payment: Option<PaymentMethod>,
    pub shipping: Option<ShippingMethod>,
    pub to: OrderStatus,
}

impl Edge {
    fn fits(&self, at: Situation, step: Step) -> bool {
        self.from == at.status
            && self.step == step
            && self.payment.is_none_or(|p| p == at.payment)
            && self.shipping.is_none_or(|s| s == at.shipping)
    }
}

const STAFF: &[Who] = &[Who::Staff];
const ANYONE: &[Who] = &[Who::Owner, Who::Staff, Who::System];

const fn edge(
    from: OrderStatus,
    step: Step,
    by: &'static [Who],
    payment: Option<PaymentMethod>,
    shipping: Option<ShippingMethod>,
    to: OrderStatus,
) -> Edge {
    Edge {
        from,
        step,
        by,
        payment,
        shipping,
        to,
    }
}

/// Every step an order may take; anything else is refused.
#[rustfmt::skip]
pub const TABLE: &[Edge] = &[
    //   from            step              who     payment shipping to
    edge(PendingPayment, Step::MarkPaid,  STAFF,  None,   None,    Paid),
    edge(Paid,           Step::Ship,      STAFF,  None,   None,    Shipped),
    edge(Shipped,        Step::Deliver,   STAFF,  None,   None,    Delivered),
    edge(PendingPayment, Step::Cancel,    ANYONE, None,   None,    Cancelled),
    // A paid order is the shop's to cancel: the money has to go back.
    edge(Paid,           Step::Cancel,    STAFF,  None,   None,    Cancelled),
    edge(Paid,           Step::Refund,    STAFF,  None,   None,    Refunded),
    edge(Shipped,        Step::Refund,    STAFF,  None,   None,    Refunded),
    edge(Delivered,      Step::Refund,    STAFF,  None,   None,    Refunded),
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

    /// The columns of the grid.
    const FROM: [OrderStatus; 6] = [PendingPayment, Paid, Shipped, Delivered, Cancelled, Refunded];

    type Row = (
        Step,
        Who,
        Option<PaymentMethod>,
        Option<ShippingMethod>,
        [Result<OrderStatus, Refusal>; 6],
    );

    /// What every step does from every status, for every actor: written
    /// out by hand from DESIGN.md, not from `TABLE`. A row with a method
    /// (`None`: any) overrides the rows above it for that method, so an
    /// edge for cash on delivery is one more row.
    #[rustfmt::skip]
    const GRID: &[Row] = &[
        //                                    pending_payment  paid         shipped         delivered       cancelled refunded
        (Step::MarkPaid, Who::Staff,  None, None, [to(Paid),       NO,          NO,             NO,             NO,       NO]),
        (Step::MarkPaid, Who::Owner,  None, None, [NOT_YOURS; 6]),
        (Step::MarkPaid, Who::System, None, None, [NOT_YOURS; 6]),
        (Step::Ship,     Who::Staff,  None, None, [NO,             to(Shipped), NO,             NO,             NO,       NO]),
        (Step::Ship,     Who::Owner,  None, None, [NOT_YOURS; 6]),
        (Step::Ship,     Who::System, None, None, [NOT_YOURS; 6]),
        (Step::Deliver,  Who::Staff,  None, None, [NO,             NO,          to(Delivered),  NO,             NO,       NO]),
        (Step::Deliver,  Who::Owner,  None, None, [NOT_YOURS; 6]),
        (Step::Deliver,  Who::System, None, None, [NOT_YOURS; 6]),
        (Step::Refund,   Who::Staff,  None, None, [NO,             to(Refunded), to(Refunded), to(Refunded),   NO,       NO]),
        (Step::Refund,   Who::Owner,  None, None, [NOT_YOURS; 6]),
        (Step::Refund,   Who::System, None, None, [NOT_YOURS; 6]),
        (Step::Cancel,   Who::Staff,  None, None, [to(Cancelled),  to(Cancelled), NO,           NO,             NO,       NO]),
        (Step::Cancel,   Who::Owner,  None, None, [to(Cancelled),  SHOP,        NO,             NO,             NO,       NO]),
        (Step::Cancel,   Who::System, None, None, [to(Cancelled),  SHOP,        NO,             NO,             NO,       NO]),
    ];

    /// The grid's answer: the last row that fits.
    fn expected(
        status: usize,
        step: Step,
        who: Who,
        pay: PaymentMethod,
        ship: ShippingMethod,
    ) -> Result<OrderStatus, Refusal> {
        let row = GRID
            .iter()
            .rev()
            .find(|(s, w, p, sh, _)| {
                *s == step && *w == who && p.is_none_or(|p| p == pay) && sh.is_none_or(|sh| sh == ship)
            })
            .unwrap_or_else(|| panic!("the grid has no row for {step:?} by {who:?}"));
        row.4[status]
    }

    #[test]
    fn every_status_step_actor_and_method_is_in_the_grid_and_the_table_agrees() {
        assert_eq!(FROM, OrderStatus::ALL, "the grid's columns are every status");
        let mut checked = 0;
        for (column, status) in FROM.into_iter().enumerate() {
            for step in Step::ALL {
                for who in Who::ALL {
                    for payment in PaymentMethod::ALL {
                        for shipping in ShippingMethod::ALL {
                            let at = Situation {
                                status,
                                payment,
                                shipping,
                            };
                            assert_eq!(
                                next(at, step, who),
                                expected(column, step, who, payment, shipping),
                                "{step:?} by {who:?} from {status:?} ({payment:?}, {shipping:?})"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 6 * 5 * 3 * 2 * 2);
    }

    #[test]
    fn no_two_edges_disagree() {
        for (i, a) in TABLE.iter().enumerate() {
            for b in &TABLE[i + 1..] {
                let same_case = a.from == b.from
                    && a.step == b.step
                    && a.by.iter().any(|w| b.by.contains(w))
                    && (a.payment.is_none() || b.payment.is_none() || a.payment == b.payment)
                    && (a.shipping.is_none() || b.shipping.is_none() || a.shipping == b.shipping);
                assert!(!same_case || a.to == b.to, "{a:?} and {b:?} overlap");
            }
        }
    }

    fn at(status: OrderStatus) -> Situation {
        Situation {
            status,
            payment: PaymentMethod::BankTransfer,
            shipping: ShippingMethod::Standard,
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
        for status in [Paid, Shipped, Delivered, Cancelled, Refunded] {
            assert_eq!(allowed(at(status), Who::Owner), [], "{status:?}");
        }
    }

    #[test]
    fn an_order_may_still_be_delivered_until_it_is_delivered_cancelled_or_refunded() {
        for status in [PendingPayment, Paid, Shipped] {
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
            ["marked paid", "shipped", "delivered", "refunded", "cancelled"]
        );
        assert_eq!(Step::Cancel.infinitive(), "cancel");
        assert_eq!(
            serde_json::to_value(Step::MarkPaid).ok(),
            Some(serde_json::json!("mark_paid"))
        );
    }
}

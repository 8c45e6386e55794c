//! The states and methods of an order as types: `OrderStatus`,
//! `PaymentMethod` and `ShippingMethod`. Stored and serialized as the
//! snake_case names API.md gives them (`pending_payment`, `bank_transfer`,
//! `pickup`); what may happen next is `domain::lifecycle`'s table.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

/// A name that is none of a type's names; the caller says it in its own
/// words (a filter's 422, a checkout field's message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {name:?}")]
pub struct UnknownName {
    pub kind: &'static str,
    pub name: String,
}

macro_rules! named {
    ($kind:literal, $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The name as stored, serialized and typed in URLs.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn from_name(name: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|it| it.as_str() == name)
            }

            /// Every name, for messages: "a, b, c".
            pub fn names() -> String {
                $name::ALL.map($name::as_str).join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_name(text).ok_or_else(|| {
                    FromSqlError::Other(Box::new(UnknownName {
                        kind: $kind,
                        name: text.to_string(),
                    }))
                })
            }
        }
    };
}

/// Where an order is in its lifecycle (DESIGN.md, "Order lifecycle").
/// Whether it is paid is `paid_at`, not only the status.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    PendingPayment,
    Paid,
    Shipped,
    /// A pickup order waiting at the shop.
    ReadyForPickup,
    Delivered,
    Cancelled,
    Refunded,
}

named!("status", OrderStatus {
    PendingPayment = "pending_payment",
    Paid = "paid",
    Shipped = "shipped",
    ReadyForPickup = "ready_for_pickup",
    Delivered = "delivered",
    Cancelled = "cancelled",
    Refunded = "refunded",
});

impl OrderStatus {
    /// For sentences: "pending payment".
    pub fn label(self) -> String {
        self.as_str().replace('_', " ")
    }
}

impl FromStr for OrderStatus {
    type Err = UnknownName;

    fn from_str(name: &str) -> Result<OrderStatus, UnknownName> {
        OrderStatus::from_name(name).ok_or_else(|| UnknownName {
            kind: "status",
            name: name.to_string(),
        })
    }
}

/// How an order is paid: the ways a small shop takes without a card
/// processor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    #[default]
    BankTransfer,
    CashOnDelivery,
}

named!("payment method", PaymentMethod {
    BankTransfer = "bank_transfer",
    CashOnDelivery = "cash_on_delivery",
});

impl FromStr for PaymentMethod {
    type Err = UnknownName;

    fn from_str(name: &str) -> Result<PaymentMethod, UnknownName> {
        PaymentMethod::from_name(name).ok_or_else(|| UnknownName {
            kind: "payment method",
            name: name.to_string(),
        })
    }
}

/// How an order reaches the customer. Its price is `domain::pricing`'s,
/// which also parses it from a request (with pricing's error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShippingMethod {
    /// The shop's flat fee, free from the threshold on.
    #[default]
    Standard,
    /// Collected at the shop: free.
    Pickup,
}

named!("shipping method", ShippingMethod {
    Standard = "standard",
    Pickup = "pickup",
});

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    /// The serde name, the stored name and `as_str` are one name.
    fn same_names<T>(all: &[T])
    where
        T: Serialize + for<'de> Deserialize<'de> + ToSql + FromSql + fmt::Display + PartialEq + fmt::Debug,
    {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        for it in all {
            let name = it.to_string();
            assert_eq!(serde_json::to_value(it).ok(), Some(serde_json::json!(name)));
            let back: T = serde_json::from_value(serde_json::json!(name)).expect("its own name");
            assert_eq!(&back, it);
            let stored: String = conn.query_row("SELECT ?1", [it], |r| r.get(0)).expect("stored");
            assert_eq!(stored, name);
            let read: T = conn.query_row("SELECT ?1", [&name], |r| r.get(0)).expect("read");
            assert_eq!(&read, it);
        }
    }

    #[test]
    fn names_are_api_md_s() {
        assert_eq!(
            OrderStatus::names(),
            "pending_payment, paid, shipped, ready_for_pickup, delivered, cancelled, refunded"
        );
        assert_eq!(PaymentMethod::names(), "bank_transfer, cash_on_delivery");
        assert_eq!(ShippingMethod::names(), "standard, pickup");
        same_names(&OrderStatus::ALL);
        same_names(&PaymentMethod::ALL);
        same_names(&ShippingMethod::ALL);
        assert_eq!(OrderStatus::PendingPayment.label(), "pending payment");
        assert_eq!(OrderStatus::ReadyForPickup.label(), "ready for pickup");
    }

    #[test]
    fn unknown_names_are_refused() {
        assert_eq!("paid".parse::<OrderStatus>(), Ok(OrderStatus::Paid));
        for name in ["", "Paid", " paid", "lost"] {
            assert!(name.parse::<OrderStatus>().is_err(), "{name:?}");
            assert!(name.parse::<PaymentMethod>().is_err(), "{name:?}");
        }
        let conn = Connection::open_in_memory().expect("an in-memory database");
        let stored = conn.query_row("SELECT 'lost'", [], |r| r.get::<_, OrderStatus>(0));
        assert!(stored.is_err());
    }
}

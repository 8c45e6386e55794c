//! The e-mails an order sends: confirmation (and the shop's new-order
//! notice), shipping notice, ready for pickup, cancellation and refund.
//! They are queued in the outbox inside the transaction that changes the
//! order, so a mail goes out exactly when the change happened. Times in
//! them are in the shop's time zone.

use std::fmt::Write;

use rusqlite::Connection;

use crate::db::orders::Order;
use crate::db::outbox;
use crate::domain::settings::ShopSettings;
use crate::error::Error;
use crate::money::format_price;
use crate::order_types::{PaymentMethod, ShippingMethod};

/// What the mails say about the shop: its settings and its address.
#[derive(Debug, Clone)]
pub struct MailContext {
    pub shop: ShopSettings,
    /// The shop's public URL, without a trailing slash.
    pub base_url: String,
}

impl MailContext {
    /// Where the customer follows the order: their account's order page,
    /// or a guest's private link (known only when the order is placed; its
    /// token is not stored, so later mails point back to the first).
    fn link(&self, order: &Order) -> String {
        match (&order.guest_link, order.user_id) {
            (Some(link), _) => link.clone(),
            (None, None) => "the private link in your order confirmation e-mail".into(),
            (None, Some(_)) => format!("{}/orders/{}", self.base_url, order.id),
        }
    }

    fn price(&self, order: &Order, cents: crate::money::Cents) -> String {
        format_price(cents, &order.currency)
    }

    /// A stored UTC timestamp in the shop's time zone: `2026-11-22 11:15 CET`.
    pub fn local_time(&self, stored: &str) -> String {
        match chrono::DateTime::parse_from_rfc3339(stored) {
            Ok(t) => t
                .with_timezone(&self.shop.tz())
                .format("%Y-%m-%d %H:%M %Z")
                .to_string(),
            Err(_) => stored.to_string(),
        }
    }
}

/// The order's lines and totals, as the confirmation and the shop's notice
/// list them.
fn summary(ctx: &MailContext, order: &Order) -> String {
    let mut body = String::new();
    for item in &order.items {
        let _ = writeln!(
            body,
            "  {} × {} at {} = {}",
            item.quantity,
            item.name,
            ctx.price(order, item.unit_price_cents),
            ctx.price(order, item.line_total_cents)
        );
    }
    let _ = writeln!(body, "\nSubtotal: {}", ctx.price(order, order.subtotal_cents));
    if order.discount_cents.0 > 0 {
        let code = order.coupon_code.as_deref().unwrap_or_default();
        let _ = writeln!(
            body,
            "Discount ({code}): -{}",
            ctx.price(order, order.discount_cents)
        );
    }
    let _ = writeln!(body, "Shipping: {}", ctx.price(order, order.shipping_cents));
    let tax_label = if order.prices_include_tax {
        "Tax included"
    } else {
        "Tax"
    };
    let _ = writeln!(body, "{tax_label}: {}", ctx.price(order, order.tax_cents));
    let _ = writeln!(body, "Total: {}", ctx.price(order, order.total_cents));
    body
}

pub fn queue_confirmation(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let mut body = format!(
        "Hello {},\n\nthank you for your order {} at {}.\n\n",
        order.billing_name, order.number, ctx.shop.shop_name
    );
    body.push_str(&summary(ctx, order));
    body.push('\n');
    match (order.payment_method, order.shipping_method) {
        (PaymentMethod::BankTransfer, _) => {
            let _ = writeln!(
                body,
                "Please pay by bank transfer, with {} as the reference:\n\n{}\n\n\
                 Unpaid orders are cancelled after {} hours.\n",
                order.number,
                ctx.shop.bank_details.trim(),
                ctx.shop.unpaid_hold_hours
            );
        }
        (PaymentMethod::CashOnDelivery, ShippingMethod::Pickup) => {
            body.push_str(
                "You pay cash when you collect it at the shop; we e-mail you when it is ready.\n\n",
            );
        }
        (PaymentMethod::CashOnDelivery, ShippingMethod::Standard) => {
            body.push_str("You pay cash on delivery.\n\n");
        }
    }
    let _ = writeln!(body, "Follow your order at {}", ctx.link(order));
    queue(
        conn,
        "order_confirmation",
        order,
        &format!("Your order {}", order.number),
        &body,
    )?;
    queue_new_order_notice(conn, ctx, order)
}

/// To the shop, when it asked for them (`order_notification_email`).
fn queue_new_order_notice(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let to = ctx.shop.order_notification_email.trim();
    if to.is_empty() {
        return Ok(());
    }
    let mut body = format!(
        "New order {} placed {} by {} <{}>{}.\n\n",
        order.number,
        ctx.local_time(&order.created_at),
        order.billing_name,
        order.email,
        if order.user_id.is_none() {
            ", a guest without an account"
        } else {
            ""
        }
    );
    body.push_str(&summary(ctx, order));
    let pay = match order.payment_method {
        PaymentMethod::BankTransfer => "bank transfer",
        PaymentMethod::CashOnDelivery => "cash on delivery",
    };
    let ship = match order.shipping_method {
        ShippingMethod::Standard => "standard delivery",
        ShippingMethod::Pickup => "pickup at the shop",
    };
    let _ = writeln!(body, "\nPayment: {pay}. Delivery: {ship}.");
    let _ = writeln!(body, "\nThe order: {}/admin/orders/{}", ctx.base_url, order.id);
    outbox::insert(
        conn,
        &outbox::Mail {
            kind: "new_order",
            to,
            subject: &format!(
                "New order {} ({})",
                order.number,
                ctx.price(order, order.total_cents)
            ),
            body: &body,
        },
    )?;
    Ok(())
}

pub fn queue_shipping_notice(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let mut body = format!(
        "Hello {},\n\nyour order {} is on its way.\n",
        order.billing_name, order.number
    );
    if let Some(carrier) = &order.carrier {
        let _ = writeln!(body, "Carrier: {carrier}");
    }
    if let Some(tracking) = &order.tracking_number {
        let _ = writeln!(body, "Tracking number: {tracking}");
    }
    let _ = writeln!(body, "\nFollow your order at {}", ctx.link(order));
    let subject = format!("Your order {} has shipped", order.number);
    queue(conn, "shipping_notice", order, &subject, &body)
}

pub fn queue_cancellation(
    conn: &Connection,
    ctx: &MailContext,
    order: &Order,
    why: &str,
) -> Result<(), Error> {
    let body = format!(
        "Hello {},\n\nyour order {} at {} has been cancelled: {why}.\n\n\
         If you already paid for it, we will pay you back.\n\nThe order: {}\n",
        order.billing_name,
        order.number,
        ctx.shop.shop_name,
        ctx.link(order)
    );
    let subject = format!("Your order {} is cancelled", order.number);
    queue(conn, "order_cancelled", order, &subject, &body)
}

pub fn queue_ready_for_pickup(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let mut body = format!(
        "Hello {},\n\nyour order {} is ready for pickup at {}",
        order.billing_name, order.number, ctx.shop.shop_name
    );
    let address = ctx.shop.address.trim();
    if address.is_empty() {
        body.push_str(".\n");
    } else {
        let _ = writeln!(body, ":\n\n{address}");
    }
    if let Some(ready) = &order.ready_at {
        let _ = writeln!(body, "\nReady since {}.", ctx.local_time(ready));
    }
    if order.paid_at.is_none() {
        let _ = writeln!(
            body,
            "Please bring {} to pay when you collect it.",
            ctx.price(order, order.total_cents)
        );
    }
    let _ = writeln!(body, "\nYour order: {}", ctx.link(order));
    let subject = format!("Your order {} is ready for pickup", order.number);
    queue(conn, "ready_for_pickup", order, &subject, &body)
}

pub fn queue_refund(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let mut body = format!(
        "Hello {},\n\nwe have refunded your order {} at {}: {}",
        order.billing_name,
        order.number,
        ctx.shop.shop_name,
        ctx.price(order, order.total_cents)
    );
    if let Some(at) = &order.refunded_at {
        let _ = write!(body, ", on {}", ctx.local_time(at));
    }
    body.push_str(".\n");
    if let Some(note) = &order.refund_note {
        let _ = writeln!(body, "\n{note}");
    }
    if let Some(number) = &order.credit_note_number {
        let _ = writeln!(
            body,
            "\nCredit note {number}: {}/orders/{}/credit-note",
            ctx.base_url, order.id
        );
    }
    let _ = writeln!(body, "\nThe order: {}", ctx.link(order));
    let subject = format!("Your order {} is refunded", order.number);
    queue(conn, "order_refunded", order, &subject, &body)
}

fn queue(conn: &Connection, kind: &str, order: &Order, subject: &str, body: &str) -> Result<(), Error> {
    outbox::insert(
        conn,
        &outbox::Mail {
            kind,
            to: &order.email,
            subject,
            body,
        },
    )?;
    Ok(())
}

impl MailContext {
    /// From the app's managed state: today's settings and the public URL.
    pub fn from_state(
        settings: &crate::domain::settings::Settings,
        config: &crate::config::Config,
    ) -> MailContext {
        MailContext {
            shop: settings.current(),
            base_url: config.public_url(),
        }
    }
}

//! The e-mails an order sends: confirmation, shipping notice, cancellation.
//! They are queued in the outbox inside the transaction that changes the
//! order, so a mail goes out exactly when the change happened.

use std::fmt::Write;

use rusqlite::Connection;

use crate::db::orders::Order;
use crate::db::outbox;
use crate::domain::settings::ShopSettings;
use crate::error::Error;
use crate::money::format_price;
use crate::order_types::PaymentMethod;

/// What the mails say about the shop: its settings and its address.
#[derive(Debug, Clone)]
pub struct MailContext {
    pub shop: ShopSettings,
    /// The shop's public URL, without a trailing slash.
    pub base_url: String,
}

impl MailContext {
    fn link(&self, order: &Order) -> String {
        format!("{}/orders/{}", self.base_url, order.id)
    }

    fn price(&self, order: &Order, cents: crate::money::Cents) -> String {
        format_price(cents, &order.currency)
    }
}

pub fn queue_confirmation(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let mut body = format!(
        "Hello {},\n\nthank you for your order {} at {}.\n\n",
        order.username, order.number, ctx.shop.shop_name
    );
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
    let _ = writeln!(body, "Total: {}\n", ctx.price(order, order.total_cents));
    if order.payment_method == PaymentMethod::BankTransfer {
        let _ = writeln!(
            body,
            "Please pay by bank transfer, with {} as the reference:\n\n{}\n\n\
             Unpaid orders are cancelled after {} hours.\n",
            order.number,
            ctx.shop.bank_details.trim(),
            ctx.shop.unpaid_hold_hours
        );
    } else {
        body.push_str("You pay cash on delivery.\n\n");
    }
    let _ = writeln!(body, "Follow your order at {}", ctx.link(order));
    queue(
        conn,
        "order_confirmation",
        order,
        &format!("Your order {}", order.number),
        &body,
    )
}

pub fn queue_shipping_notice(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let mut body = format!(
        "Hello {},\n\nyour order {} is on its way.\n",
        order.username, order.number
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
        order.username,
        order.number,
        ctx.shop.shop_name,
        ctx.link(order)
    );
    let subject = format!("Your order {} is cancelled", order.number);
    queue(conn, "order_cancelled", order, &subject, &body)
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

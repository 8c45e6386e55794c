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
use crate::i18n::{self, FluentValue, Lang};
use crate::order_types::{PaymentMethod, ShippingMethod};

/// What the mails say about the shop: its settings and its address, and
/// the language the customer reads.
#[derive(Debug, Clone)]
pub struct MailContext {
    pub shop: ShopSettings,
    /// The shop's public URL, without a trailing slash.
    pub base_url: String,
    /// The customer's language; the shop's own notices use the shop's.
    pub lang: Lang,
}

impl MailContext {
    /// The same context with the customer's mails in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> MailContext {
        self.lang = lang;
        self
    }

    /// The context of a mail to the customer about `order`: in the language
    /// the order was placed in, whoever acts on it now (staff in the back
    /// office, the expiry of an unpaid order).
    fn for_customer(&self, order: &Order) -> MailContext {
        self.clone().in_lang(order.language.unwrap_or(self.lang))
    }

    fn t(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        i18n::t_with(self.lang, key, args)
    }

    /// Where the customer follows the order: their account's order page,
    /// or a guest's private link (known only when the order is placed; its
    /// token is not stored, so later mails point back to the first).
    fn link(&self, order: &Order) -> String {
        match (&order.guest_link, order.user_id) {
            (Some(link), _) => link.clone(),
            (None, None) => self.t("mail-private-link", &[]),
            (None, Some(_)) => format!("{}/orders/{}", self.base_url, order.id),
        }
    }

    fn price(&self, order: &Order, cents: crate::money::Cents) -> String {
        i18n::format_price(cents, &order.currency, self.lang)
    }

    /// A stored UTC timestamp in the shop's time zone: `22 Nov 2026 11:15
    /// CET`, `22/11/2026 11:15 CET`.
    pub fn local_time(&self, stored: &str) -> String {
        match chrono::DateTime::parse_from_rfc3339(stored) {
            Ok(t) => t
                .with_timezone(&self.shop.tz())
                .format(i18n::datetime_format(self.lang))
                .to_string(),
            Err(_) => stored.to_string(),
        }
    }
}

/// Shorthand for a message's variables.
fn v<'a>(value: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    value.into()
}

/// The order's lines and totals, as the confirmation and the shop's notice
/// list them.
fn summary(ctx: &MailContext, order: &Order) -> String {
    let mut body = String::new();
    for item in &order.items {
        let _ = writeln!(
            body,
            "  {}",
            ctx.t(
                "mail-line",
                &[
                    ("quantity", v(item.quantity)),
                    ("name", v(item.name.as_str())),
                    ("price", v(ctx.price(order, item.unit_price_cents))),
                    ("total", v(ctx.price(order, item.line_total_cents))),
                ]
            )
        );
    }
    let amount = |key: &str, cents| ctx.t(key, &[("amount", v(ctx.price(order, cents)))]);
    let _ = writeln!(body, "\n{}", amount("mail-subtotal", order.subtotal_cents));
    if order.discount_cents.0 > 0 {
        let code = order.coupon_code.as_deref().unwrap_or_default();
        let _ = writeln!(
            body,
            "{}",
            ctx.t(
                "mail-discount",
                &[
                    ("code", v(code)),
                    ("amount", v(ctx.price(order, order.discount_cents)))
                ]
            )
        );
    }
    let _ = writeln!(body, "{}", amount("mail-shipping", order.shipping_cents));
    let tax_key = if order.prices_include_tax {
        "mail-tax-included"
    } else {
        "mail-tax"
    };
    let _ = writeln!(body, "{}", amount(tax_key, order.tax_cents));
    let _ = writeln!(body, "{}", amount("mail-total", order.total_cents));
    body
}

fn hello(ctx: &MailContext, order: &Order) -> String {
    ctx.t("mail-hello", &[("name", v(order.billing_name.as_str()))])
}

pub fn queue_confirmation(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let ctx = &ctx.for_customer(order);
    let number = || v(order.number.as_str());
    let mut body = format!(
        "{}\n\n{}\n\n",
        hello(ctx, order),
        ctx.t(
            "mail-confirmation-thanks",
            &[("number", number()), ("shop", v(ctx.shop.shop_name.as_str()))]
        )
    );
    body.push_str(&summary(ctx, order));
    body.push('\n');
    match (order.payment_method, order.shipping_method) {
        (PaymentMethod::BankTransfer, _) => {
            let _ = writeln!(
                body,
                "{}\n\n{}\n\n{}\n",
                ctx.t("mail-pay-by-transfer", &[("number", number())]),
                ctx.shop.bank_details.trim(),
                ctx.t(
                    "mail-unpaid-cancelled-after",
                    &[("hours", v(ctx.shop.unpaid_hold_hours))]
                )
            );
        }
        (PaymentMethod::CashOnDelivery, ShippingMethod::Pickup) => {
            let _ = write!(body, "{}\n\n", ctx.t("mail-pay-cash-pickup", &[]));
        }
        (PaymentMethod::CashOnDelivery, ShippingMethod::Standard) => {
            let _ = write!(body, "{}\n\n", ctx.t("mail-pay-cash-delivery", &[]));
        }
    }
    let _ = writeln!(body, "{}", ctx.t("mail-follow", &[("link", v(ctx.link(order)))]));
    queue(
        conn,
        "order_confirmation",
        order,
        &ctx.t("mail-confirmation-subject", &[("number", number())]),
        &body,
    )?;
    queue_new_order_notice(conn, ctx, order)
}

/// To the shop, when it asked for them (`order_notification_email`), in
/// the shop's language.
fn queue_new_order_notice(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let to = ctx.shop.order_notification_email.trim();
    if to.is_empty() {
        return Ok(());
    }
    let ctx = &ctx.clone().in_lang(ctx.shop.language().default_lang());
    let key = if order.user_id.is_none() {
        "mail-new-order-guest"
    } else {
        "mail-new-order"
    };
    let mut body = ctx.t(
        key,
        &[
            ("number", v(order.number.as_str())),
            ("when", v(ctx.local_time(&order.created_at))),
            ("name", v(order.billing_name.as_str())),
            ("email", v(order.email.as_str())),
        ],
    );
    body.push_str("\n\n");
    body.push_str(&summary(ctx, order));
    let pay = match order.payment_method {
        PaymentMethod::BankTransfer => "mail-payment-bank-transfer",
        PaymentMethod::CashOnDelivery => "mail-payment-cash-on-delivery",
    };
    let ship = match order.shipping_method {
        ShippingMethod::Standard => "mail-shipping-standard",
        ShippingMethod::Pickup => "mail-shipping-pickup",
    };
    let _ = writeln!(
        body,
        "\n{}",
        ctx.t(
            "mail-payment-and-delivery",
            &[("payment", v(ctx.t(pay, &[]))), ("delivery", v(ctx.t(ship, &[])))]
        )
    );
    let link = format!("{}/admin/orders/{}", ctx.base_url, order.id);
    let _ = writeln!(body, "\n{}", ctx.t("mail-the-order", &[("link", v(link))]));
    outbox::insert(
        conn,
        &outbox::Mail {
            kind: "new_order",
            to,
            subject: &ctx.t(
                "mail-new-order-subject",
                &[
                    ("number", v(order.number.as_str())),
                    ("total", v(ctx.price(order, order.total_cents))),
                ],
            ),
            body: &body,
        },
    )?;
    Ok(())
}

pub fn queue_shipping_notice(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let ctx = &ctx.for_customer(order);
    let number = || v(order.number.as_str());
    let mut body = format!(
        "{}\n\n{}\n",
        hello(ctx, order),
        ctx.t("mail-shipped", &[("number", number())])
    );
    if let Some(carrier) = &order.carrier {
        let _ = writeln!(
            body,
            "{}",
            ctx.t("mail-carrier", &[("carrier", v(carrier.as_str()))])
        );
    }
    if let Some(tracking) = &order.tracking_number {
        let _ = writeln!(
            body,
            "{}",
            ctx.t("mail-tracking-number", &[("tracking", v(tracking.as_str()))])
        );
    }
    let _ = writeln!(
        body,
        "\n{}",
        ctx.t("mail-follow", &[("link", v(ctx.link(order)))])
    );
    let subject = ctx.t("mail-shipped-subject", &[("number", number())]);
    queue(conn, "shipping_notice", order, &subject, &body)
}

pub fn queue_cancellation(
    conn: &Connection,
    ctx: &MailContext,
    order: &Order,
    why: &str,
) -> Result<(), Error> {
    let ctx = &ctx.for_customer(order);
    let number = || v(order.number.as_str());
    let body = format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        hello(ctx, order),
        ctx.t(
            "mail-cancelled",
            &[
                ("number", number()),
                ("shop", v(ctx.shop.shop_name.as_str())),
                ("why", v(i18n::message(ctx.lang, why))),
            ]
        ),
        ctx.t("mail-cancelled-pay-back", &[]),
        ctx.t("mail-the-order", &[("link", v(ctx.link(order)))])
    );
    let subject = ctx.t("mail-cancelled-subject", &[("number", number())]);
    queue(conn, "order_cancelled", order, &subject, &body)
}

pub fn queue_ready_for_pickup(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let ctx = &ctx.for_customer(order);
    let number = || v(order.number.as_str());
    let address = ctx.shop.address.trim();
    let args = [("number", number()), ("shop", v(ctx.shop.shop_name.as_str()))];
    let mut body = format!("{}\n\n", hello(ctx, order));
    if address.is_empty() {
        let _ = writeln!(body, "{}", ctx.t("mail-ready", &args));
    } else {
        let _ = writeln!(body, "{}\n\n{address}", ctx.t("mail-ready-at", &args));
    }
    if let Some(ready) = &order.ready_at {
        let _ = writeln!(
            body,
            "\n{}",
            ctx.t("mail-ready-since", &[("when", v(ctx.local_time(ready)))])
        );
    }
    if order.paid_at.is_none() {
        let _ = writeln!(
            body,
            "{}",
            ctx.t(
                "mail-bring",
                &[("amount", v(ctx.price(order, order.total_cents)))]
            )
        );
    }
    let _ = writeln!(
        body,
        "\n{}",
        ctx.t("mail-your-order", &[("link", v(ctx.link(order)))])
    );
    let subject = ctx.t("mail-ready-subject", &[("number", number())]);
    queue(conn, "ready_for_pickup", order, &subject, &body)
}

pub fn queue_refund(conn: &Connection, ctx: &MailContext, order: &Order) -> Result<(), Error> {
    let ctx = &ctx.for_customer(order);
    let number = || v(order.number.as_str());
    let args = [
        ("number", number()),
        ("shop", v(ctx.shop.shop_name.as_str())),
        ("amount", v(ctx.price(order, order.total_cents))),
    ];
    let refunded = match &order.refunded_at {
        Some(at) => {
            let mut with_date = args.to_vec();
            with_date.push(("when", v(ctx.local_time(at))));
            ctx.t("mail-refunded-on", &with_date)
        }
        None => ctx.t("mail-refunded", &args),
    };
    let mut body = format!("{}\n\n{refunded}\n", hello(ctx, order));
    if let Some(note) = &order.refund_note {
        let _ = writeln!(body, "\n{note}");
    }
    if let Some(credit) = &order.credit_note_number {
        let link = format!("{}/orders/{}/credit-note", ctx.base_url, order.id);
        let _ = writeln!(
            body,
            "\n{}",
            ctx.t(
                "mail-credit-note",
                &[("number", v(credit.as_str())), ("link", v(link))]
            )
        );
    }
    let _ = writeln!(
        body,
        "\n{}",
        ctx.t("mail-the-order", &[("link", v(ctx.link(order)))])
    );
    let subject = ctx.t("mail-refunded-subject", &[("number", number())]);
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
        let shop = settings.current();
        MailContext {
            lang: shop.language().default_lang(),
            shop,
            base_url: config.public_url(),
        }
    }
}

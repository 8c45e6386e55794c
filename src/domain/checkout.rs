//! Checkout: the quote of a cart and the placing of an order. Placing is one
//! `BEGIN IMMEDIATE` transaction that re-reads every price, takes the stock
//! with conditional updates and writes the order, its lines, the stock
//! movements, the coupon redemption and the confirmation e-mail, and empties
//! the bought lines from the cart; or, when anything is wrong, changes
//! nothing. Nothing the client says about prices is read. The caller owns
//! the transaction: these functions run inside it.
//!
//! A guest checks out with an e-mail address: the order gets a private
//! link (a random token whose hash alone is stored). Unpaid orders are
//! capped per e-mail address and, among guests' orders, per client
//! address; both counts are read in the placing transaction, which holds
//! the write lock, so concurrent checkouts cannot pass the cap together.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::carts::{self, CheckoutLine, Owner};
use crate::db::orders::{self, GuestMark, NewOrder, Order, OrderItem, ShippingAddress};
use crate::db::{coupons, stock};
use crate::domain::fields::{add, email_rule, finish};
use crate::domain::order_mail::{self, MailContext};
use crate::domain::pricing::{self, Coupon, CouponKind, Quote, Redemptions};
use crate::domain::settings::ShopSettings;
use crate::error::{Error, FieldErrors};
use crate::ids::{CouponId, ProductId, SessionId, UserId};
use crate::money::Cents;
use crate::order_types::{PaymentMethod, ShippingMethod};
use crate::token::{hash_token, random_token};

pub const MAX_KEY_CHARS: usize = 100;

/// What the quote depends on besides the cart.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct QuoteRequest {
    pub coupon_code: Option<String>,
    /// `standard` (the default) or `pickup`.
    pub shipping_method: Option<String>,
}

/// The checkout form or JSON body. Every field may be missing here, so that
/// each missing one is reported next to its field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct CheckoutRequest {
    /// Required for a guest: where the confirmation and the order's
    /// private link go. A signed-in customer's own address is used instead.
    #[schema(format = Email, max_length = 254)]
    // Left out when absent, so that a customer's idempotency hash stays
    // what it was before guests could check out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Required for `standard` shipping; a `pickup` order needs only
    /// `billing_name` (an address given with it is checked and kept for
    /// the invoice).
    pub shipping_address: Option<AddressInput>,
    /// The buyer's name on the invoice; required for `pickup` without an
    /// address, otherwise the address's name by default.
    #[schema(max_length = 100)]
    // Left out when absent, so that the idempotency hash of a request
    // made before this field existed stays the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_name: Option<String>,
    #[schema(required = true, value_type = PaymentMethod)]
    pub payment_method: String,
    pub coupon_code: Option<String>,
    /// `standard` (the default) or `pickup`.
    pub shipping_method: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
#[schema(as = ShippingAddressInput)]
pub struct AddressInput {
    #[schema(required = true, max_length = 100)]
    pub name: String,
    #[schema(required = true, max_length = 200)]
    pub line1: String,
    #[schema(max_length = 200)]
    pub line2: Option<String>,
    #[schema(required = true, max_length = 100)]
    pub city: String,
    #[schema(required = true, max_length = 20)]
    pub postal_code: String,
    #[schema(required = true, max_length = 60)]
    pub country: String,
}

impl CheckoutRequest {
    /// The request with its text trimmed and empty optional fields removed,
    /// which is also what the idempotency check compares.
    fn normalized(self) -> CheckoutRequest {
        let address = self.shipping_address.map(|a| AddressInput {
            name: a.name.trim().to_string(),
            line1: a.line1.trim().to_string(),
            line2: optional(a.line2),
            city: a.city.trim().to_string(),
            postal_code: a.postal_code.trim().to_string(),
            country: a.country.trim().to_string(),
        });
        // A form sends the address's fields empty when there is none.
        let address = address.filter(|a| {
            !(a.name.is_empty()
                && a.line1.is_empty()
                && a.line2.is_none()
                && a.city.is_empty()
                && a.postal_code.is_empty()
                && a.country.is_empty())
        });
        CheckoutRequest {
            email: optional(self.email),
            shipping_address: address,
            billing_name: optional(self.billing_name),
            payment_method: self.payment_method.trim().to_string(),
            coupon_code: optional(self.coupon_code),
            shipping_method: optional(self.shipping_method),
        }
    }

    /// Checks the fields of a normalized request: where to, for whom and
    /// how paid.
    fn check(&self, guest: bool) -> Result<Recipient, Error> {
        let mut errors = FieldErrors::new();
        if guest {
            match &self.email {
                None => add(
                    &mut errors,
                    "email",
                    "is required: your confirmation and your order's private link go there",
                ),
                Some(email) => {
                    if let Err(e) = email_rule(email) {
                        add(&mut errors, "email", &e.to_string());
                    }
                }
            }
        }
        let shipping = ShippingMethod::chosen(self.shipping_method.as_deref());
        if let Err(e) = &shipping {
            add(&mut errors, "shipping_method", &e.to_string());
        }
        let pickup = shipping == Ok(ShippingMethod::Pickup);
        let empty = AddressInput::default();
        let given = self.shipping_address.as_ref();
        // Pickup needs no address; one given anyway must be whole.
        if given.is_some() || !pickup {
            check_address(&mut errors, given.unwrap_or(&empty));
        }
        let billing_name = self
            .billing_name
            .clone()
            .or_else(|| given.map(|a| a.name.clone()).filter(|n| !n.is_empty()));
        match &billing_name {
            None if pickup => add(
                &mut errors,
                "billing_name",
                "is required: the name the order is collected under and invoiced to",
            ),
            Some(name) if name.chars().count() > 100 => {
                add(&mut errors, "billing_name", "must be at most 100 characters")
            }
            _ => {}
        }
        let payment = self.payment_method.parse::<PaymentMethod>();
        if payment.is_err() {
            add(
                &mut errors,
                "payment_method",
                "choose bank_transfer or cash_on_delivery",
            );
        }
        finish(errors)?;
        let address = given.map(|a| ShippingAddress {
            name: a.name.clone(),
            line1: a.line1.clone(),
            line2: a.line2.clone(),
            city: a.city.clone(),
            postal_code: a.postal_code.clone(),
            country: a.country.clone(),
        });
        Ok(Recipient {
            email: self.email.clone().filter(|_| guest),
            address,
            billing_name: billing_name.unwrap_or_default(),
            payment: payment.map_err(Error::caused)?,
        })
    }
}

/// Where an order goes, who it is invoiced to, how it is paid.
#[derive(Debug, Clone)]
struct Recipient {
    /// A guest's address; `None` for a customer, whose account's is used.
    email: Option<String>,
    address: Option<ShippingAddress>,
    billing_name: String,
    payment: PaymentMethod,
}

fn check_address(errors: &mut FieldErrors, a: &AddressInput) {
    let mut text = |field: &str, value: &str, required: bool, max: usize| {
        let name = format!("shipping_address.{field}");
        if required && value.is_empty() {
            add(errors, &name, "is required");
        } else if value.chars().count() > max {
            add(errors, &name, &format!("must be at most {max} characters"));
        }
    };
    text("name", &a.name, true, 100);
    text("line1", &a.line1, true, 200);
    text("line2", a.line2.as_deref().unwrap_or_default(), false, 200);
    text("city", &a.city, true, 100);
    text("postal_code", &a.postal_code, true, 20);
    text("country", &a.country, true, 60);
}

fn optional(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// A quote as the checkout page and `/checkout/quote` show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Quote)]
pub struct QuoteView {
    pub subtotal_cents: Cents,
    pub discount_cents: Cents,
    pub shipping_cents: Cents,
    pub tax_cents: Cents,
    pub total_cents: Cents,
    pub prices_include_tax: bool,
    #[schema(required = true)]
    pub coupon_code: Option<String>,
    pub shipping_method: ShippingMethod,
    pub lines: Vec<QuoteLineView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuoteLine)]
pub struct QuoteLineView {
    pub product_id: ProductId,
    #[schema(required = true)]
    pub sku: Option<String>,
    pub name: String,
    pub unit_price_cents: Cents,
    pub quantity: u32,
    pub line_total_cents: Cents,
    pub discount_cents: Cents,
    pub tax_cents: Cents,
}

/// What the quote and the order are computed from, read in one transaction.
struct Priced {
    lines: Vec<CheckoutLine>,
    quote: Quote,
    coupon: Option<(CouponId, String)>,
    shipping: ShippingMethod,
}

impl Priced {
    fn view(&self, prices_include_tax: bool) -> QuoteView {
        let q = &self.quote;
        QuoteView {
            subtotal_cents: q.subtotal_cents,
            discount_cents: q.discount_cents,
            shipping_cents: q.shipping_cents,
            tax_cents: q.tax_cents,
            total_cents: q.total_cents,
            prices_include_tax,
            coupon_code: self.coupon.as_ref().map(|(_, code)| code.clone()),
            shipping_method: self.shipping,
            lines: self
                .lines
                .iter()
                .zip(&q.lines)
                .map(|(line, priced)| QuoteLineView {
                    product_id: line.product_id,
                    sku: line.sku.clone(),
                    name: line.name.clone(),
                    unit_price_cents: priced.unit_price_cents,
                    quantity: priced.quantity,
                    line_total_cents: priced.line_total_cents,
                    discount_cents: priced.discount_cents,
                    tax_cents: priced.tax_cents,
                })
                .collect(),
        }
    }

    fn items(&self) -> Vec<OrderItem> {
        self.lines
            .iter()
            .zip(&self.quote.lines)
            .map(|(line, priced)| OrderItem {
                product_id: line.product_id,
                sku: line.sku.clone(),
                name: line.name.clone(),
                unit_price_cents: priced.unit_price_cents,
                quantity: i64::from(priced.quantity),
                line_total_cents: priced.line_total_cents,
                discount_cents: priced.discount_cents,
                tax_cents: priced.tax_cents,
            })
            .collect()
    }
}

/// Prices the owner's cart as checkout would now. `conn` is best a
/// transaction, so that the cart and the coupon are read as of one moment.
pub fn quote(
    conn: &Connection,
    settings: &ShopSettings,
    owner: Owner,
    request: &QuoteRequest,
) -> Result<QuoteView, Error> {
    let customer = Customer::of_owner(conn, owner)?;
    let priced = price(
        conn,
        settings,
        &customer,
        request.coupon_code.as_deref(),
        request.shipping_method.as_deref(),
        Utc::now(),
    )?;
    Ok(priced.view(settings.prices_include_tax))
}

/// Reads the cart, checks that every line can be bought, and prices it.
fn price(
    conn: &Connection,
    settings: &ShopSettings,
    customer: &Customer,
    coupon_code: Option<&str>,
    shipping_method: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Priced, Error> {
    let shipping = ShippingMethod::chosen(shipping_method.map(str::trim).filter(|m| !m.is_empty()))?;
    let lines = carts::checkout_lines(conn, customer.owner)?;
    if lines.is_empty() {
        return Err(Error::Validation {
            message: "your cart is empty".into(),
            fields: FieldErrors::new(),
        });
    }
    check_stock(&lines)?;
    let coupon = match coupon_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => Some(find_coupon(conn, code, customer)?),
        None => None,
    };
    let cart: Vec<pricing::CartLine> = lines
        .iter()
        .map(|line| pricing::CartLine {
            product_id: line.product_id,
            unit_price: line.unit_price,
            quantity: u32::try_from(line.quantity).unwrap_or(0),
        })
        .collect();
    let quote = pricing::quote(
        &cart,
        &settings.pricing(),
        shipping,
        coupon.as_ref().map(|(_, coupon, used)| (coupon, *used)),
        now,
    )?;
    Ok(Priced {
        lines,
        quote,
        coupon: coupon.map(|(id, coupon, _)| (id, coupon.code)),
        shipping,
    })
}

/// Every line that cannot be bought as it is: 409 naming them all.
fn check_stock(lines: &[CheckoutLine]) -> Result<(), Error> {
    let short: Vec<String> = lines
        .iter()
        .filter(|line| !line.active || line.stock < line.quantity)
        .map(|line| {
            if !line.active {
                format!("“{}” is no longer available", line.name)
            } else if line.stock <= 0 {
                format!("“{}” is out of stock", line.name)
            } else {
                format!(
                    "there are only {} of “{}” in stock, and your cart has {}",
                    line.stock, line.name, line.quantity
                )
            }
        })
        .collect();
    if short.is_empty() {
        return Ok(());
    }
    Err(Error::Conflict {
        code: "insufficient_stock",
        message: short.join("; "),
    })
}

fn find_coupon(
    conn: &Connection,
    code: &str,
    customer: &Customer,
) -> Result<(CouponId, Coupon, Redemptions), Error> {
    let no_such = || Error::field("coupon_code", "there is no coupon with this code");
    let row = coupons::find_by_code(conn, code)?.ok_or_else(no_such)?;
    let moment = |text: Option<&String>| -> Result<Option<DateTime<Utc>>, Error> {
        text.map(|t| DateTime::parse_from_rfc3339(t).map(|t| t.with_timezone(&Utc)))
            .transpose()
            .map_err(Error::caused)
    };
    let coupon = Coupon {
        code: row.code.clone(),
        kind: CouponKind::from_parts(&row.kind, row.value).map_err(Error::internal)?,
        min_subtotal: Cents(row.min_subtotal_cents),
        starts_at: moment(row.starts_at.as_ref())?,
        ends_at: moment(row.ends_at.as_ref())?,
        usage_limit: row.usage_limit.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        once_per_customer: row.once_per_customer,
    };
    let (total, by_customer) = orders::redemptions(conn, row.id, customer.user, &customer.email)?;
    let used = Redemptions {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        by_customer: u32::try_from(by_customer).unwrap_or(u32::MAX),
    };
    Ok((row.id, coupon, used))
}

/// Who checks out: a signed-in customer, or a guest session from a
/// client address.
#[derive(Debug, Clone)]
pub enum Buyer {
    User { id: UserId, email: String },
    Guest { session: SessionId, client_ip: String },
}

impl Buyer {
    fn owner(&self) -> Owner {
        match self {
            Buyer::User { id, .. } => Owner::User(*id),
            Buyer::Guest { session, .. } => Owner::Guest(*session),
        }
    }

    fn is_guest(&self) -> bool {
        matches!(self, Buyer::Guest { .. })
    }
}

/// Whose cart is priced, and the address coupons once per customer are
/// counted by (a guest's is unknown while only quoting).
struct Customer {
    owner: Owner,
    user: Option<UserId>,
    email: String,
}

impl Customer {
    fn of_owner(conn: &Connection, owner: Owner) -> Result<Customer, Error> {
        Ok(match owner {
            Owner::User(id) => Customer {
                owner,
                user: Some(id),
                email: crate::db::users::find(conn, id)?.email,
            },
            Owner::Guest(_) => Customer {
                owner,
                user: None,
                email: String::new(),
            },
        })
    }
}

/// The result of a checkout: the order, and whether this request made it
/// (`false`: an earlier request with the same key did). A guest's new
/// order carries its private link in `order.guest_link`.
#[derive(Debug)]
pub struct Placed {
    pub order: Order,
    pub created: bool,
    /// A guest's new order: the token of its private link.
    pub guest_token: Option<String>,
}

/// A checkout request that passed the checks that need no database: the
/// key, the address, the payment method.
#[derive(Debug, Clone)]
pub struct Checked {
    key: String,
    request: CheckoutRequest,
    recipient: Recipient,
    /// What the idempotency check compares.
    hash: String,
}

/// Checks a checkout request before any transaction is opened. A guest
/// must give an e-mail address; a customer's is their account's.
pub fn check(key: String, request: CheckoutRequest, guest: bool) -> Result<Checked, Error> {
    let key = key.trim().to_string();
    if key.is_empty() || key.chars().count() > MAX_KEY_CHARS {
        return Err(Error::field(
            "Idempotency-Key",
            "send an Idempotency-Key header of 1 to 100 characters",
        ));
    }
    let mut request = request.normalized();
    if !guest {
        request.email = None;
    }
    let recipient = request.check(guest)?;
    let hash = hash_token(&serde_json::to_string(&request).map_err(Error::caused)?);
    Ok(Checked {
        key,
        request,
        recipient,
        hash,
    })
}

/// The order an earlier checkout with this key made, if any; a key used
/// for a different request is refused.
fn earlier(tx: &Connection, buyer: &Buyer, checked: &Checked) -> Result<Option<Placed>, Error> {
    let found = match buyer {
        Buyer::User { id, .. } => orders::find_key(tx, *id, &checked.key)?,
        Buyer::Guest { session, .. } => orders::find_guest_key(tx, *session, &checked.key)?,
    };
    let Some((order, stored)) = found else {
        return Ok(None);
    };
    if stored != checked.hash {
        return Err(Error::Unprocessable {
            code: "idempotency_key_reused",
            message: "this Idempotency-Key was used for a different checkout".into(),
        });
    }
    Ok(Some(Placed {
        order: orders::find(tx, order)?,
        created: false,
        guest_token: None,
    }))
}

/// Refuses an order past the shop's cap on unpaid orders: per e-mail
/// address (a customer's orders count under their address), and for a
/// guest also per client address.
fn check_unpaid_cap(tx: &Connection, ctx: &MailContext, buyer: &Buyer, email: &str) -> Result<(), Error> {
    let max = ctx.shop.max_unpaid_orders;
    let user = match buyer {
        Buyer::User { id, .. } => Some(*id),
        Buyer::Guest { .. } => None,
    };
    let unpaid = orders::count_awaiting_payment(tx, email, user)?;
    if unpaid >= max {
        return Err(Error::Limited {
            message: format!(
                "you already have {unpaid} {} awaiting payment for “{email}”, as many as this shop holds \
                 at once; pay or cancel one of them first",
                plural(unpaid)
            ),
            retry_after_secs: 3600,
        });
    }
    if let Buyer::Guest { client_ip, .. } = buyer {
        let from_here = orders::count_guest_awaiting_payment(tx, client_ip)?;
        if from_here >= max {
            return Err(Error::Limited {
                message: format!(
                    "{from_here} unpaid {} without an account were already placed from your network, \
                     as many as this shop holds at once; pay or cancel one of them first, or sign in",
                    plural(from_here)
                ),
                retry_after_secs: 3600,
            });
        }
    }
    Ok(())
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "order" } else { "orders" }
}

/// Places the order for the buyer's cart, once per idempotency key, in the
/// caller's write transaction `tx`.
pub fn place(tx: &Connection, ctx: &MailContext, buyer: &Buyer, checked: &Checked) -> Result<Placed, Error> {
    if let Some(placed) = earlier(tx, buyer, checked)? {
        return Ok(placed);
    }
    let email = match buyer {
        Buyer::User { email, .. } => email.clone(),
        Buyer::Guest { .. } => checked
            .recipient
            .email
            .clone()
            .ok_or_else(|| Error::field("email", "is required"))?,
    };
    check_unpaid_cap(tx, ctx, buyer, &email)?;
    let customer = Customer {
        owner: buyer.owner(),
        user: match buyer {
            Buyer::User { id, .. } => Some(*id),
            Buyer::Guest { .. } => None,
        },
        email,
    };
    let request = &checked.request;
    let priced = price(
        tx,
        &ctx.shop,
        &customer,
        request.coupon_code.as_deref(),
        request.shipping_method.as_deref(),
        Utc::now(),
    )?;
    let (order, guest_token) = write_order(tx, ctx, buyer, &customer, checked, &priced)?;
    match buyer {
        Buyer::User { id, .. } => orders::insert_key(tx, *id, &checked.key, &checked.hash, order.id)?,
        Buyer::Guest { session, .. } => {
            orders::insert_guest_key(tx, *session, &checked.key, &checked.hash, order.id)?
        }
    }
    Ok(Placed {
        order,
        created: true,
        guest_token,
    })
}

/// The path of a guest order's private page.
pub fn guest_path(token: &str) -> String {
    format!("/orders/guest/{token}")
}

fn write_order(
    tx: &Connection,
    ctx: &MailContext,
    buyer: &Buyer,
    customer: &Customer,
    checked: &Checked,
    priced: &Priced,
) -> Result<(Order, Option<String>), Error> {
    let q = &priced.quote;
    let token = buyer.is_guest().then(random_token);
    let mark = match (buyer, &token) {
        (Buyer::Guest { session, client_ip }, Some(token)) => Some(GuestMark {
            token_hash: hash_token(token),
            session: *session,
            client_ip: client_ip.clone(),
        }),
        _ => None,
    };
    let id = orders::insert(
        tx,
        &NewOrder {
            user: customer.user,
            email: &customer.email,
            guest: mark.as_ref(),
            currency: &ctx.shop.currency,
            prices_include_tax: ctx.shop.prices_include_tax,
            tax_rate_bp: ctx.shop.tax_rate_bp,
            subtotal: q.subtotal_cents,
            discount: q.discount_cents,
            shipping: q.shipping_cents,
            tax: q.tax_cents,
            total: q.total_cents,
            coupon: priced.coupon.as_ref().map(|(id, code)| (*id, code.as_str())),
            payment_method: checked.recipient.payment,
            shipping_method: priced.shipping,
            billing_name: &checked.recipient.billing_name,
            address: checked.recipient.address.as_ref(),
            language: ctx.lang,
        },
    )?;
    for (line, item) in priced.items().iter().enumerate() {
        orders::insert_item(tx, id, line + 1, item)?;
        let taken = stock::change(
            tx,
            &stock::Change {
                product: item.product_id,
                delta: -item.quantity,
                reason: "sale",
                order_id: Some(id.0),
                user: customer.user,
                note: None,
            },
        )?;
        // The stock was checked in this transaction, which holds the write
        // lock; the conditional update is the guarantee all the same.
        if taken.is_none() {
            return Err(Error::Conflict {
                code: "insufficient_stock",
                message: format!("“{}” sold out while the order was placed", item.name),
            });
        }
    }
    if let Some((coupon, _)) = &priced.coupon {
        orders::redeem(tx, *coupon, id, customer.user)?;
    }
    // Every line in the cart was bought; the saved ones stay.
    carts::clear_items(tx, customer.owner)?;
    let mut order = orders::find(tx, id)?;
    order.guest_link = token
        .as_ref()
        .map(|t| format!("{}{}", ctx.base_url, guest_path(t)));
    order_mail::queue_confirmation(tx, ctx, &order)?;
    Ok((order, token))
}

/// The address of the customer's last order, to pre-fill the checkout.
pub fn last_address(conn: &Connection, user: UserId) -> Result<Option<ShippingAddress>, Error> {
    orders::last_address(conn, user)
}

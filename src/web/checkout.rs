//! The checkout page: address, shipping, coupon and payment in one form
//! beside the server's quote of the cart, and placing the order. The rules
//! are `domain::checkout`'s, the same as `/api/v1/checkout`'s. A guest
//! checks out with an e-mail address and lands on the order's private page.

use rocket::http::Status;
use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::auth::buyer::Shopper;
use crate::auth::csrf::CsrfForm;
use crate::auth::order_desk::OrderDesk;
use crate::db::Db;
use crate::db::carts::Owner;
use crate::db::orders::ShippingAddress;
use crate::domain::checkout::{self, AddressInput, Buyer, CheckoutRequest, QuoteRequest, QuoteView};
use crate::domain::settings::{Settings, ShopSettings};
use crate::error::{Error, FieldErrors};
use crate::i18n::{FluentValue, Lang, t_with};
use crate::order_types::{PaymentMethod, ShippingMethod};
use crate::token::random_token;
use crate::web::{Layout, Reply, render};

/// The checkout form as typed. The address fields are named as the
/// domain names them in its errors (`shipping_address.city`), so that each
/// message lands next to its field.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct CheckoutForm {
    /// A guest's address (a customer's account has one).
    email: String,
    #[serde(rename = "shipping_address.name")]
    name: String,
    #[serde(rename = "shipping_address.line1")]
    line1: String,
    #[serde(rename = "shipping_address.line2")]
    line2: String,
    #[serde(rename = "shipping_address.city")]
    city: String,
    #[serde(rename = "shipping_address.postal_code")]
    postal_code: String,
    #[serde(rename = "shipping_address.country")]
    country: String,
    /// The name on the invoice; for pickup, the name to collect under.
    billing_name: String,
    payment_method: String,
    shipping_method: String,
    coupon_code: String,
    /// Made when the page is rendered: submitting the same page twice
    /// places one order.
    idempotency_key: String,
    /// Sent by the coupon's "Apply" button: price again, place nothing.
    #[serde(skip_serializing)]
    apply: Option<String>,
}

impl CheckoutForm {
    /// A fresh form, with the address of the customer's last order.
    fn new(
        last: Option<ShippingAddress>,
        coupon_code: Option<String>,
        shipping_method: Option<String>,
    ) -> CheckoutForm {
        let a = last.unwrap_or_default();
        CheckoutForm {
            email: String::new(),
            name: a.name,
            line1: a.line1,
            line2: a.line2.unwrap_or_default(),
            city: a.city,
            postal_code: a.postal_code,
            country: a.country,
            billing_name: String::new(),
            payment_method: PaymentMethod::default().as_str().into(),
            shipping_method: shipping_method.unwrap_or_default(),
            coupon_code: coupon_code.unwrap_or_default(),
            idempotency_key: random_token(),
            apply: None,
        }
    }

    fn quote_request(&self) -> QuoteRequest {
        let given = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
        QuoteRequest {
            coupon_code: given(&self.coupon_code),
            shipping_method: given(&self.shipping_method),
        }
    }

    fn request(&self) -> CheckoutRequest {
        let quote = self.quote_request();
        // The address's fields come empty for pickup; the domain reads an
        // empty address as none.
        CheckoutRequest {
            email: Some(self.email.clone()),
            shipping_address: Some(AddressInput {
                name: self.name.clone(),
                line1: self.line1.clone(),
                line2: Some(self.line2.clone()),
                city: self.city.clone(),
                postal_code: self.postal_code.clone(),
                country: self.country.clone(),
            }),
            billing_name: Some(self.billing_name.clone()),
            payment_method: self.payment_method.clone(),
            coupon_code: quote.coupon_code,
            shipping_method: quote.shipping_method,
        }
    }

    /// A key the domain accepts; a missing or mangled one is replaced, so
    /// that the next submission can go through.
    fn keep_key_usable(&mut self) {
        let key = self.idempotency_key.trim();
        if key.is_empty() || key.chars().count() > checkout::MAX_KEY_CHARS {
            self.idempotency_key = random_token();
        }
    }
}

/// What the checkout page shows.
#[derive(Serialize)]
struct CheckoutPage {
    values: CheckoutForm,
    errors: FieldErrors,
    message: Option<String>,
    quote: QuoteView,
    shop: ShopTerms,
    /// Standard delivery was asked for without an address: the page says
    /// that pickup needs none.
    address_missing: bool,
    /// No account: the page asks for an e-mail address.
    guest: bool,
    /// The first image of each line's product, by product id.
    thumbs: std::collections::HashMap<String, String>,
}

/// The shop's terms beside the form: shipping, tax and where to pay.
#[derive(Serialize)]
struct ShopTerms {
    shipping_fee_cents: i64,
    free_shipping_threshold_cents: Option<i64>,
    bank_details: String,
    tax_rate: String,
}

/// The checkout page of one customer or guest.
struct Checkout<'a> {
    db: &'a Db,
    shop: ShopSettings,
    owner: Owner,
    layout: &'a Layout,
}

impl Checkout<'_> {
    /// The page for `form`, with `errors` next to their fields; or back to
    /// the cart when the cart cannot be bought as it is.
    async fn page(
        self,
        form: CheckoutForm,
        errors: FieldErrors,
        message: Option<String>,
    ) -> Result<Reply, Error> {
        let status = if errors.is_empty() && message.is_none() {
            Status::Ok
        } else {
            Status::UnprocessableEntity
        };
        self.page_with_status(form, errors, message, status).await
    }

    async fn page_with_status(
        self,
        form: CheckoutForm,
        errors: FieldErrors,
        message: Option<String>,
        status: Status,
    ) -> Result<Reply, Error> {
        let mut errors = errors;
        let quote = match self.quote(&form, &mut errors).await {
            Ok(quote) => quote,
            Err(e) => return back_to_cart(e),
        };
        let ids: Vec<_> = quote.lines.iter().map(|l| l.product_id).collect();
        let thumbs = self
            .db
            .run(move |conn| crate::db::images::first_urls(conn, ids))
            .await?;
        let status = if status == Status::Ok && !errors.is_empty() {
            Status::UnprocessableEntity
        } else {
            status
        };
        let page = CheckoutPage {
            shop: ShopTerms {
                shipping_fee_cents: self.shop.shipping_fee_cents,
                free_shipping_threshold_cents: self.shop.free_shipping_threshold_cents,
                tax_rate: percent(self.shop.tax_rate_bp),
                bank_details: self.shop.bank_details,
            },
            address_missing: quote.shipping_method == ShippingMethod::Standard
                && errors.contains_key("shipping_address.line1"),
            guest: matches!(self.owner, Owner::Guest(_)),
            values: form,
            errors,
            message,
            quote,
            thumbs,
        };
        Ok(Reply::Page((
            status,
            render("shop/checkout.html", self.layout, page),
        )))
    }

    /// The quote of the cart. A coupon or shipping method the domain refuses
    /// is left out, with its message kept for its field, so the summary
    /// still shows what the order would cost.
    async fn quote(&self, form: &CheckoutForm, errors: &mut FieldErrors) -> Result<QuoteView, Error> {
        let mut request = form.quote_request();
        loop {
            let (shop, owner, asked) = (self.shop.clone(), self.owner, request.clone());
            let quoted = self
                .db
                .run(move |conn| {
                    let tx = conn.transaction()?;
                    checkout::quote(&tx, &shop, owner, &asked)
                })
                .await;
            let error = match quoted {
                Ok(quote) => return Ok(quote),
                Err(e) => e,
            };
            let Error::Validation { fields, .. } = &error else {
                return Err(error);
            };
            let dropped = if fields.contains_key("shipping_method") {
                request.shipping_method.take()
            } else if fields.contains_key("coupon_code") {
                request.coupon_code.take()
            } else {
                None
            };
            if dropped.is_none() {
                return Err(error);
            }
            for (field, messages) in fields {
                errors.entry(field.clone()).or_insert_with(|| messages.clone());
            }
        }
    }
}

/// A cart that cannot be checked out (empty, short of stock) goes back to
/// the cart page, saying why.
fn back_to_cart(error: Error) -> Result<Reply, Error> {
    match &error {
        Error::Conflict { message, .. }
        | Error::Validation { message, .. }
        | Error::Limited { message, .. } => Ok(Reply::refused("/cart", message)),
        _ => Err(error),
    }
}

/// A tax rate in basis points as people write it: 2100 → "21%", 1050 → "10.5%".
pub fn percent(basis_points: i64) -> String {
    let whole = basis_points / 100;
    match basis_points % 100 {
        0 => format!("{whole}%"),
        part => format!("{whole}.{}%", format!("{part:02}").trim_end_matches('0')),
    }
}

#[get("/checkout?<coupon_code>&<shipping_method>")]
async fn get_checkout(
    coupon_code: Option<String>,
    shipping_method: Option<String>,
    shopper: Shopper,
    layout: Layout,
    db: &State<Db>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    // A visitor without a session has put nothing in a cart.
    let Some(buyer) = shopper.0 else {
        return Ok(Reply::refused("/cart", "your cart is empty"));
    };
    let last = match &buyer {
        Buyer::User { id, .. } => {
            let user = *id;
            db.run(move |conn| checkout::last_address(conn, user)).await?
        }
        Buyer::Guest { .. } => None,
    };
    let form = CheckoutForm::new(last, coupon_code, shipping_method);
    let page = Checkout {
        db,
        shop: settings.current(),
        owner: owner_of(&buyer),
        layout: &layout,
    };
    page.page(form, FieldErrors::new(), None).await
}

#[post("/checkout", data = "<form>")]
async fn post_checkout(
    form: CsrfForm<CheckoutForm>,
    shopper: Shopper,
    layout: Layout,
    desk: OrderDesk<'_>,
) -> Result<Reply, Error> {
    let buyer = shopper.required()?;
    let mut form = form.0;
    form.keep_key_usable();
    let page = Checkout {
        db: desk.db(),
        shop: desk.shop().clone(),
        owner: owner_of(&buyer),
        layout: &layout,
    };
    if form.apply.is_some() {
        return page.page(form, FieldErrors::new(), None).await;
    }
    let (key, request) = (form.idempotency_key.clone(), form.request());
    match desk.place(buyer, key, request).await {
        Ok(placed) => Ok(placed_reply(placed, layout.lang)),
        // Too many unpaid orders: the page says so, and the cart stays.
        Err(Error::Limited { message, .. }) => {
            let message = crate::i18n::sentence(&message);
            page.page_with_status(form, FieldErrors::new(), Some(message), Status::TooManyRequests)
                .await
        }
        Err(Error::Validation { fields, .. }) if !fields.is_empty() => page.page(form, fields, None).await,
        // The page was used for another checkout (changed and sent again
        // after placing): a new key lets this one be placed on purpose.
        Err(Error::Unprocessable { .. }) => {
            form.idempotency_key = random_token();
            let message =
                "This form has already placed an order. Check the details and place this one again.";
            page.page(form, FieldErrors::new(), Some(message.into())).await
        }
        Err(e) => back_to_cart(e),
    }
}

fn owner_of(buyer: &Buyer) -> Owner {
    match buyer {
        Buyer::User { id, .. } => Owner::User(*id),
        Buyer::Guest { session, .. } => Owner::Guest(*session),
    }
}

/// Where a placed order goes: a customer's order page, or a guest's
/// private page, whose link is shown there (and e-mailed); the message in
/// the page's language, since the order number and e-mail in it would
/// keep a translation by its English words from finding it.
fn placed_reply(placed: checkout::Placed, lang: Lang) -> Reply {
    let order = placed.order;
    let said = |key: &str| {
        t_with(
            lang,
            key,
            &[
                ("number", FluentValue::from(order.number.as_str())),
                ("email", FluentValue::from(order.email.as_str())),
            ],
        )
    };
    match (placed.guest_token, order.user_id) {
        (Some(token), _) => Reply::redirect(checkout::guest_path(&token), &said("checkout-placed-guest")),
        (None, Some(_)) => Reply::redirect(format!("/orders/{}", order.id), &said("checkout-placed")),
        // The same form sent twice by a guest: the order's link went out
        // with the first, and its token is not kept.
        (None, None) => Reply::redirect("/", &said("checkout-placed-already")),
    }
}

pub fn routes() -> Vec<Route> {
    routes![get_checkout, post_checkout]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_rates_read_as_percentages() {
        assert_eq!(percent(2100), "21%");
        assert_eq!(percent(1050), "10.5%");
        assert_eq!(percent(5), "0.05%");
        assert_eq!(percent(0), "0%");
    }

    #[test]
    fn a_mangled_key_is_replaced_and_a_good_one_kept() {
        let mut form = CheckoutForm {
            idempotency_key: "x".repeat(101),
            ..CheckoutForm::default()
        };
        form.keep_key_usable();
        assert_eq!(form.idempotency_key.len(), 43);
        let kept = form.idempotency_key.clone();
        form.keep_key_usable();
        assert_eq!(form.idempotency_key, kept);
    }
}

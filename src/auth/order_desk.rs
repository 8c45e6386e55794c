//! `OrderDesk`, a request guard: what placing an order and taking it along
//! its lifecycle need besides who and which (the database, what the mails
//! say, the mailer to wake), for the pages and the JSON API alike. It owns
//! the write transaction that the domain's functions run in.

use rocket::request::{FromRequest, Outcome, Request};

use crate::config::Config;
use crate::db::Db;
use crate::db::orders::Order;
use crate::domain::checkout::{self, Buyer, CheckoutRequest, Placed};
use crate::domain::order_mail::MailContext;
use crate::domain::orders::{self, Action, Actor};
use crate::domain::settings::{Settings, ShopSettings};
use crate::error::{Error, GuardError};
use crate::i18n::Lang;
use crate::ids::OrderId;
use crate::mail::Mailer;

pub struct OrderDesk<'r> {
    db: &'r Db,
    ctx: MailContext,
    mailer: &'r Mailer,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for OrderDesk<'r> {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let rocket = req.rocket();
        match (
            rocket.state::<Db>(),
            rocket.state::<Settings>(),
            rocket.state::<Config>(),
            rocket.state::<Mailer>(),
        ) {
            (Some(db), Some(settings), Some(config), Some(mailer)) => {
                let lang = mail_lang(req, settings).await;
                Outcome::Success(OrderDesk {
                    db,
                    ctx: MailContext::from_state(settings, config).in_lang(lang),
                    mailer,
                })
            }
            _ => Outcome::Error(GuardError::set(
                req,
                Error::internal("order desk: state not managed"),
            )),
        }
    }
}

/// The language of the customer's mails from this request: the page's on
/// the storefront (where the customer acts: checkout, cancel), the
/// `Accept-Language` of an API call, and the shop's own from the back
/// office (staff act, the customer reads).
async fn mail_lang(req: &Request<'_>, settings: &Settings) -> Lang {
    let path = req.uri().path();
    let shop = settings.language();
    if path.starts_with("/admin") {
        shop.default_lang()
    } else if path.starts_with("/api") {
        let asked = req.headers().get_one("Accept-Language");
        asked
            .and_then(crate::i18n::negotiate)
            .unwrap_or(shop.default_lang())
    } else {
        let current = req
            .guard::<&crate::auth::session::CurrentSession>()
            .await
            .succeeded();
        let session = current.and_then(|c| c.0.as_ref());
        crate::i18n::page_lang(
            false,
            session.and_then(|s| s.lang),
            session.and_then(|s| s.user_lang),
            shop,
            req.headers().get_one("Accept-Language"),
        )
    }
}

impl<'r> OrderDesk<'r> {
    pub fn db(&self) -> &'r Db {
        self.db
    }

    /// The shop's settings as this request found them.
    pub fn shop(&self) -> &ShopSettings {
        &self.ctx.shop
    }

    /// Places the order for the buyer's cart (see `checkout::place`); the
    /// confirmation goes out when this request made the order.
    pub async fn place(self, buyer: Buyer, key: String, request: CheckoutRequest) -> Result<Placed, Error> {
        let checked = checkout::check(key, request, matches!(buyer, Buyer::Guest { .. }))?;
        let ctx = self.ctx;
        let placed = self
            .db
            .write(move |tx| checkout::place(tx, &ctx, &buyer, &checked))
            .await?;
        if placed.created {
            self.db.events.orders_placed.inc();
            self.mailer.wake();
        }
        Ok(placed)
    }

    /// Takes the order one step along its lifecycle (see `orders::apply`).
    pub async fn apply(self, actor: Actor, id: OrderId, action: Action) -> Result<Order, Error> {
        let ctx = self.ctx;
        let order = self
            .db
            .write(move |tx| orders::apply(tx, &ctx, actor, id, &action))
            .await?;
        self.mailer.wake();
        Ok(order)
    }
}

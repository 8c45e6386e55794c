//! A guest's order through its private link (`/orders/guest/<token>`): the
//! order's page, its invoice, cancelling while the lifecycle lets the owner,
//! and making an account that takes the order. A token of no order, of
//! another shape, or of another order is a 404. The pages are not cached
//! and send no Referer, so the link does not leak to other sites.

use rocket::http::{CookieJar, Header};
use rocket::response::{self, Responder};
use rocket::{Request, Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::auth::Hasher;
use crate::auth::csrf::CsrfForm;
use crate::auth::order_desk::OrderDesk;
use crate::auth::session::{self, CurrentSession, SessionPolicy};
use crate::config::Config;
use crate::db::Db;
use crate::db::orders::Order;
use crate::domain::account::Registration;
use crate::domain::checkout::guest_path;
use crate::domain::guest_orders;
use crate::domain::orders::{Action, Actor};
use crate::domain::settings::Settings;
use crate::error::{Error, FieldErrors};
use crate::web::account::after_sign_in;
use crate::web::orders::{Document, OrderPage, invoice_page, take_step};
use crate::web::{Empty, Layout, Reply, render};

/// A private page: kept by no cache and named in no Referer.
pub struct Private<R>(R);

impl<'r, 'o: 'r, R: Responder<'r, 'o>> Responder<'r, 'o> for Private<R> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'o> {
        let mut res = self.0.respond_to(req)?;
        res.set_header(Header::new("Cache-Control", "private, no-store"));
        res.set_header(Header::new("Referrer-Policy", "no-referrer"));
        Ok(res)
    }
}

/// A page of the link, or the error page (which shows nothing of the
/// order).
type PrivateReply = Result<Private<Reply>, Error>;

fn private(reply: Result<Reply, Error>) -> PrivateReply {
    reply.map(Private)
}

/// What the private page adds to an order's page.
#[derive(Serialize)]
struct GuestPart {
    /// The page's own address, to keep.
    link: String,
    /// The guest may make an account that takes the order: it has none
    /// yet, and nobody is signed in here.
    may_create_account: bool,
    /// Someone is signed in in this browser.
    signed_in: bool,
}

#[derive(Serialize)]
struct GuestPage {
    #[serde(flatten)]
    page: OrderPage,
    guest: GuestPart,
    /// The account form's username (never the password).
    values: AccountValues,
    errors: FieldErrors,
    message: Option<String>,
}

#[derive(Debug, Default, Serialize)]
struct AccountValues {
    username: String,
}

async fn find(db: &Db, token: &str) -> Result<Order, Error> {
    let token = token.to_string();
    db.run(move |conn| guest_orders::find(conn, &token)).await
}

/// The private page of `order`, with the account form's `values` and
/// `errors`.
fn page(
    order: Order,
    token: &str,
    current: &CurrentSession,
    settings: &Settings,
    config: &Config,
    account: (AccountValues, FieldErrors, Option<String>),
) -> GuestPage {
    let signed_in = current.0.as_ref().is_some_and(|s| s.user.is_some());
    let path = guest_path(token);
    let guest = GuestPart {
        link: format!("{}{path}", config.public_url()),
        may_create_account: order.user_id.is_none() && !signed_in,
        signed_in,
    };
    let (values, errors, message) = account;
    GuestPage {
        page: OrderPage::new(order, path, false, settings.current()),
        guest,
        values,
        errors,
        message,
    }
}

#[get("/orders/guest/<token>", rank = 0)]
async fn get_guest_order(
    token: &str,
    current: &CurrentSession,
    layout: Layout,
    db: &State<Db>,
    settings: &State<Settings>,
    config: &State<Config>,
) -> PrivateReply {
    private(
        async {
            let order = find(db, token).await?;
            let context = page(order, token, current, settings, config, Default::default());
            Ok(Reply::page("orders/show.html", &layout, context))
        }
        .await,
    )
}

#[get("/orders/guest/<token>/invoice", rank = 0)]
async fn get_guest_invoice(
    token: &str,
    layout: Layout,
    db: &State<Db>,
    settings: &State<Settings>,
) -> PrivateReply {
    private(
        async {
            let order = find(db, token).await?;
            let document = Document::of(&order);
            let page = invoice_page(order, guest_path(token), &settings.current(), document);
            Ok(Reply::page("orders/invoice.html", &layout, page))
        }
        .await,
    )
}

#[get("/orders/guest/<token>/credit-note", rank = 0)]
async fn get_guest_credit_note(
    token: &str,
    layout: Layout,
    db: &State<Db>,
    settings: &State<Settings>,
) -> PrivateReply {
    private(
        async {
            let order = find(db, token).await?;
            if order.credit_note_number.is_none() {
                return Err(Error::NotFound);
            }
            let page = invoice_page(
                order,
                guest_path(token),
                &settings.current(),
                Document::CreditNote,
            );
            Ok(Reply::page("orders/invoice.html", &layout, page))
        }
        .await,
    )
}

/// Cancels the order if the lifecycle lets its owner now (the table's
/// rule, asked with the link's holder as the owner).
#[post("/orders/guest/<token>/cancel", data = "<_form>")]
async fn post_guest_cancel(token: &str, _form: CsrfForm<Empty>, desk: OrderDesk<'_>) -> PrivateReply {
    private(
        async {
            let lookup = token.to_string();
            let id = desk
                .db()
                .run(move |conn| guest_orders::order_of_token(conn, &lookup))
                .await?;
            take_step(desk, Actor::Guest(id), id, Action::Cancel, guest_path(token)).await
        }
        .await,
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AccountForm {
    username: String,
    password: String,
}

/// Makes a customer account from the link: it owns this order and the
/// other guest orders of this browser's session, and is signed in.
#[allow(clippy::too_many_arguments)]
#[post("/orders/guest/<token>/account", data = "<form>")]
async fn post_guest_account(
    token: &str,
    form: CsrfForm<AccountForm>,
    current: &CurrentSession,
    layout: Layout,
    db: &State<Db>,
    hasher: &State<Hasher>,
    policy: &State<SessionPolicy>,
    settings: &State<Settings>,
    config: &State<Config>,
    cookies: &CookieJar<'_>,
) -> PrivateReply {
    private(
        async {
            let order = find(db, token).await?;
            let back = guest_path(token);
            if current.0.as_ref().is_some_and(|s| s.user.is_some()) {
                return Ok(Reply::refused(
                    back,
                    "you are signed in; sign out to make a new account",
                ));
            }
            let form = form.0;
            let input = Registration {
                username: form.username.clone(),
                email: order.email.clone(),
                password: form.password,
            };
            let (id, session) = (order.id, current.0.as_ref().map(|s| s.id));
            let made = async {
                let input = input.checked()?;
                let probe = input.clone();
                db.run(move |conn| guest_orders::check_unique(conn, &probe))
                    .await?;
                let hash = hasher.hash(&input.password).await?;
                db.write(move |tx| guest_orders::create_account(tx, id, session, &input, &hash))
                    .await
            }
            .await;
            match made {
                Ok((user, taken)) => {
                    let merged = session::sign_in(db, policy, cookies, current.0.as_ref(), user.id).await?;
                    let name = crate::i18n::FluentValue::from(user.username.as_str());
                    let welcome = match taken {
                        0 | 1 => crate::i18n::t_with(
                            layout.lang,
                            "welcome-guest-order",
                            &[("name", name), ("number", order.number.as_str().into())],
                        ),
                        n => crate::i18n::t_with(
                            layout.lang,
                            "welcome-guest-orders",
                            &[("name", name), ("count", (n as i64).into())],
                        ),
                    };
                    Ok(after_sign_in(
                        format!("/orders/{id}"),
                        welcome,
                        &merged,
                        layout.lang,
                    ))
                }
                Err(Error::Validation { fields, .. }) if !fields.is_empty() => {
                    let values = AccountValues {
                        username: form.username,
                    };
                    let context = page(order, token, current, settings, config, (values, fields, None));
                    Ok(Reply::Page((
                        rocket::http::Status::UnprocessableEntity,
                        render("orders/show.html", &layout, context),
                    )))
                }
                Err(Error::Conflict { message, .. }) => Ok(Reply::refused(back, &message)),
                Err(e) => Err(e),
            }
        }
        .await,
    )
}

pub fn routes() -> Vec<Route> {
    routes![
        get_guest_order,
        get_guest_invoice,
        get_guest_credit_note,
        post_guest_cancel,
        post_guest_account
    ]
}

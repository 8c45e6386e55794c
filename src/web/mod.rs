//! HTML pages by area. Handlers parse, call `domain`/`db`, and render a
//! template or redirect with a flash message (post/redirect/get).

mod account;
mod admin;
mod cart;
pub mod chart;
mod checkout;
mod guest_orders;
mod images;
mod language;
mod orders;
mod pager;
mod password_reset;
mod rating_form;
mod reviews;
pub mod seo;
mod setup;
mod shop;
mod tokens;
pub mod view;

use rocket::http::Status;
use rocket::request::{FlashMessage, FromRequest, Outcome, Request};
use rocket::response::{Flash, Redirect};
use rocket::{Catcher, Responder, Route, catch, catchers};
use serde::Serialize;
use serde_json::{Value, json};

use crate::auth::session::{self, CurrentSession, Session};
use crate::db::Db;
use crate::domain::settings::Settings;
use crate::error::{self, Error, FieldErrors, GuardError, Source};
use crate::i18n::{Lang, ShopLanguage, sentence};
use view::View;

pub fn routes() -> Vec<Route> {
    [
        shop::routes(),
        language::routes(),
        seo::routes(),
        reviews::routes(),
        cart::routes(),
        images::routes(),
        checkout::routes(),
        orders::routes(),
        guest_orders::routes(),
        account::routes(),
        tokens::routes(),
        password_reset::routes(),
        setup::routes(),
        admin::routes(),
    ]
    .concat()
}

/// What a handler answers: a page (with its status) or a redirect.
#[derive(Responder)]
pub enum Reply {
    Page((Status, View)),
    Redirect(Flash<Redirect>),
    /// 301: the page lives at another (canonical) URL.
    Moved(Redirect),
}

impl Reply {
    pub fn page(template: &'static str, layout: &Layout, context: impl Serialize) -> Reply {
        Reply::Page((Status::Ok, render(template, layout, context)))
    }

    pub fn redirect(to: impl Into<String>, message: &str) -> Reply {
        Reply::Redirect(Flash::success(Redirect::to(to.into()), message))
    }

    /// 301 to the page's canonical URL, with the flash message the request
    /// brought along: it is meant for the page at the new URL.
    pub fn moved(to: String, layout: &Layout) -> Reply {
        match &layout.flash {
            Some(f) => Reply::Redirect(Flash::new(Redirect::moved(to), &f.kind, &f.message)),
            None => Reply::Moved(Redirect::moved(to)),
        }
    }

    /// A redirect whose flash is a `warning` or an `error`, not a success.
    pub fn redirect_with(kind: &str, to: impl Into<String>, message: &str) -> Reply {
        Reply::Redirect(Flash::new(Redirect::to(to.into()), kind, message))
    }

    /// A redirect whose flash says what went wrong: `message` is an
    /// error's (lower case, no full stop), shown as a sentence.
    pub fn refused(to: impl Into<String>, message: &str) -> Reply {
        Reply::redirect_with("error", to, &sentence(message))
    }
}

/// The context of a page with nothing of its own beyond the layout (and
/// an empty form).
#[derive(Debug, Serialize)]
pub struct Blank {}

/// The body of a form with nothing but its CSRF token (buttons that act).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Empty {}

#[derive(Debug, Clone, Serialize)]
struct LayoutUser {
    /// For handlers (whose own parts of a page depend on who asks), not
    /// for templates.
    #[serde(skip)]
    id: crate::ids::UserId,
    username: String,
    role: crate::role::Role,
}

#[derive(Debug, Clone, Serialize)]
struct LayoutFlash {
    kind: String,
    message: String,
}

/// What the base layout shows on every page: the shop, who is signed in,
/// the CSRF token for its forms, the number of items in the cart, and the
/// flash message of the last action.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    shop_name: String,
    /// ISO code, for the `price` filter: `{{ p.price_cents | price(currency=layout.currency) }}`.
    currency: String,
    /// IANA name, for the `when` macro: `{{ m::when(t=order.created_at, tz=layout.timezone) }}`.
    timezone: String,
    user: Option<LayoutUser>,
    csrf: Option<String>,
    /// `None` when it could not be counted (error pages).
    cart_count: Option<i64>,
    flash: Option<LayoutFlash>,
    /// The page's language, for the `t` function, the `price` filter and
    /// the `when` macro: `{{ t(key="cart-title", lang=layout.lang) }}`.
    pub lang: Lang,
}

impl Layout {
    fn new(
        req: &Request<'_>,
        session: Option<&Session>,
        cart_count: Option<i64>,
        flash: Option<FlashMessage<'_>>,
    ) -> Layout {
        let (shop_name, currency, timezone) = req.rocket().state::<Settings>().map_or_else(
            || ("Tienda".into(), "EUR".into(), "UTC".into()),
            Settings::for_layout,
        );
        let lang = request_lang(req, session);
        Layout {
            shop_name,
            currency,
            timezone,
            lang,
            user: session.and_then(|s| s.user.as_ref()).map(|u| LayoutUser {
                id: u.id,
                username: u.username.clone(),
                role: u.role,
            }),
            csrf: session.map(|s| s.csrf.clone()),
            cart_count,
            flash: flash.map(|f| LayoutFlash {
                kind: f.kind().to_string(),
                message: crate::i18n::message(lang, f.message()),
            }),
        }
    }

    /// The layout from what this request already loaded, for error pages
    /// (which cannot wait for the database).
    fn cached(req: &Request<'_>) -> Layout {
        let loaded = req.local_cache(session::Loaded::default);
        Layout::new(req, loaded.session.0.as_ref(), None, None)
    }

    pub fn is_staff(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.is_staff())
    }

    /// The signed-in user's id, if anyone is signed in.
    pub fn user_id(&self) -> Option<crate::ids::UserId> {
        self.user.as_ref().map(|u| u.id)
    }

    pub fn csrf(&self) -> &str {
        self.csrf.as_deref().unwrap_or_default()
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Layout {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let current: &CurrentSession = rocket::outcome::try_outcome!(req.guard().await);
        let flash = req
            .guard::<Option<FlashMessage<'_>>>()
            .await
            .succeeded()
            .flatten();
        let cart_count = match &current.0 {
            Some(session) => cart_count(req, session).await,
            None => Some(0),
        };
        Outcome::Success(Layout::new(req, current.0.as_ref(), cart_count, flash))
    }
}

/// The number of items in the session's cart, for the header. Visitors
/// without a session have none and cost no query, which keeps the catalog
/// as cheap for them as before there were carts.
async fn cart_count(req: &Request<'_>, session: &Session) -> Option<i64> {
    let db = req.rocket().state::<Db>()?;
    let owner = session.cart_owner();
    match db
        .run(move |conn| crate::domain::cart::item_count(conn, owner))
        .await
    {
        Ok(count) => Some(count),
        Err(e) => {
            rocket::error!("counting the cart's items failed: {e}");
            None
        }
    }
}

/// The language of this request's page. The storefront speaks what the
/// visitor chose with its chooser, else the signed-in user's own language;
/// the back office the other way round; else the shop's setting (`auto`:
/// the browser's `Accept-Language`). All of it is in memory or in the
/// session row already read: no query of its own.
pub fn request_lang(req: &Request<'_>, session: Option<&Session>) -> Lang {
    let (chosen, own) = session.map_or((None, None), |s| (s.lang, s.user_lang));
    let shop = req
        .rocket()
        .state::<Settings>()
        .map_or(ShopLanguage::Fixed(Lang::En), Settings::language);
    crate::i18n::page_lang(
        req.uri().path().starts_with("/admin"),
        chosen,
        own,
        shop,
        req.headers().get_one("Accept-Language"),
    )
}

/// The layout of a page with a form: it starts a guest session if needed,
/// so that the form can carry a CSRF token.
pub struct FormPage(pub Layout);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for FormPage {
    type Error = Error;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Error> {
        let session = match session::ensure(req).await {
            Ok(s) => s,
            Err(e) => return Outcome::Error(GuardError::set(req, e)),
        };
        let flash = req
            .guard::<Option<FlashMessage<'_>>>()
            .await
            .succeeded()
            .flatten();
        let cart_count = cart_count(req, &session).await;
        Outcome::Success(FormPage(Layout::new(req, Some(&session), cart_count, flash)))
    }
}

/// Renders `template` with `context`, a page's `#[derive(Serialize)]`
/// struct, and the layout. Forms find `errors` and `values` even when
/// empty (Tera has no literal for an empty map).
pub fn render(template: &'static str, layout: &Layout, context: impl Serialize) -> View {
    let mut context = page_value(context);
    if layout.lang != Lang::En {
        translate_messages(&mut context, layout.lang);
    }
    context["layout"] = json!(layout);
    for key in ["errors", "values"] {
        if context[key].is_null() {
            context[key] = json!({});
        }
    }
    View { template, context }
}

/// The messages the code wrote in English into a page's context, in
/// `lang`: every `message` string and every field's `errors`, at any depth.
fn translate_messages(value: &mut Value, lang: Lang) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match (key.as_str(), &mut *v) {
                    ("message", Value::String(text)) => *text = crate::i18n::message(lang, text),
                    ("errors", Value::Object(fields)) => {
                        for list in fields.values_mut() {
                            if let Value::Array(items) = list {
                                for item in items.iter_mut() {
                                    if let Value::String(text) = item {
                                        *text = crate::i18n::message(lang, text);
                                    }
                                }
                            }
                        }
                    }
                    _ => translate_messages(v, lang),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| translate_messages(v, lang)),
        _ => {}
    }
}

/// A page's struct as the map its template reads; an empty map (and so a
/// render error naming the missing field) if it is not one.
fn page_value(context: impl Serialize) -> Value {
    match serde_json::to_value(context) {
        Ok(value @ Value::Object(_)) => value,
        Ok(other) => {
            rocket::error!("a page context is not a map: {other}");
            json!({})
        }
        Err(e) => {
            rocket::error!("a page context did not serialize: {e}");
            json!({})
        }
    }
}

/// Re-renders a form after `error`: field errors next to their fields, other
/// errors above the form, the values kept, with the error's status.
pub fn form_error(
    template: &'static str,
    layout: &Layout,
    context: impl Serialize,
    error: Error,
) -> Result<Reply, Error> {
    let fields: FieldErrors = match &error {
        Error::Validation { fields, .. } => fields.clone(),
        Error::InvalidCredentials { .. }
        | Error::TooManyRequests { .. }
        | Error::Conflict { .. }
        | Error::Unprocessable { .. } => FieldErrors::new(),
        _ => return Err(error),
    };
    let mut context = page_value(context);
    if fields.is_empty() {
        context["message"] = json!(error.public_message());
    }
    context["errors"] = json!(fields);
    Ok(Reply::Page((error.status(), render(template, layout, context))))
}

/// The page for an error that no handler turned into a better one.
fn error_page(req: &Request<'_>, error: &Error) -> View {
    let layout = Layout::cached(req);
    let title = match error.status().code {
        401 => "error-title-401",
        403 => "error-title-403",
        404 => "error-title-404",
        413 => "error-title-413",
        429 => "error-title-429",
        500 => "error-title-500",
        _ => "error-title-other",
    };
    render(
        "error.html",
        &layout,
        ErrorPage {
            title: crate::i18n::t(layout.lang, title),
            message: error.public_message(),
            status: error.status().code,
            forbidden: matches!(error, Error::Forbidden),
        },
    )
}

/// The context of `error.html`.
#[derive(Serialize)]
struct ErrorPage {
    title: String,
    message: String,
    status: u16,
    /// The plain "you may not do this", which the page words by who asks.
    forbidden: bool,
}

/// A path to return to after signing in: only a local one, so a crafted link
/// cannot send the user to another site.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_string(),
        _ => "/".to_string(),
    }
}

/// What an HTML catcher answers: the login page for a guest a guard
/// turned away, else the error's page.
#[derive(Responder)]
enum Caught {
    Login(Redirect),
    Page(error::Caught<View>),
}

/// A guard's 401 sends the guest to sign in and back; a handler's 401 (a
/// session that could not be started) is a page like other errors.
#[catch(401)]
fn unauthorized(status: Status, req: &Request<'_>) -> Caught {
    match GuardError::take_with_source(req) {
        Some((error, Source::Handler)) => Caught::Page(error_answer(status, req, error)),
        _ => {
            let next = req.uri().to_string();
            let query = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("next", &next)
                .finish();
            Caught::Login(Redirect::to(format!("/login?{query}")))
        }
    }
}

#[catch(default)]
fn any_error(status: Status, req: &Request<'_>) -> error::Caught<View> {
    let error = GuardError::take(req).unwrap_or_else(|| Error::from_status(status));
    error_answer(status, req, error)
}

fn error_answer(status: Status, req: &Request<'_>, error: Error) -> error::Caught<View> {
    let page = error_page(req, &error);
    error::Caught::new(status, &error, page)
}

pub fn catchers() -> Vec<Catcher> {
    catchers![unauthorized, any_error]
}

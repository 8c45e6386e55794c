//! Register, sign in, sign out, and the account page.

use rocket::http::CookieJar;
use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::auth::accounts;
use crate::auth::csrf::CsrfForm;
use crate::auth::session::{self, CurrentSession, SessionPolicy};
use crate::auth::throttle::Throttle;
use crate::auth::{ClientAddr, Hasher, SignedIn};
use crate::db::Db;
use crate::domain::account::{AccountChange, Credentials, Registration};
use crate::domain::cart::Merged;
use crate::domain::settings::Settings;
use crate::error::Error;
use crate::i18n::{Lang, t, t_with};
use crate::role::Role;
use crate::web::{Empty, FormPage, Layout, Reply, form_error, local_path};

/// What the registration and sign-in forms show again (never a password).
#[derive(Debug, Default, Serialize)]
pub(super) struct AccountValues {
    pub username: String,
    pub email: String,
}

/// The context of `account/register.html` and `account/login.html`.
#[derive(Serialize)]
struct SignInPage {
    values: AccountValues,
    /// Where to go once signed in.
    next: String,
}

#[get("/register?<next>")]
fn get_register(page: FormPage, next: Option<&str>) -> Reply {
    Reply::page(
        "account/register.html",
        &page.0,
        SignInPage {
            values: AccountValues::default(),
            next: local_path(next),
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RegisterForm {
    username: String,
    email: String,
    password: String,
    next: Option<String>,
}

#[post("/register", data = "<form>")]
async fn post_register(
    form: CsrfForm<RegisterForm>,
    page: FormPage,
    current: &CurrentSession,
    db: &State<Db>,
    hasher: &State<Hasher>,
    policy: &State<SessionPolicy>,
    cookies: &CookieJar<'_>,
) -> Result<Reply, Error> {
    let form = form.0;
    let next = local_path(form.next.as_deref());
    let values = AccountValues {
        username: form.username.clone(),
        email: form.email.clone(),
    };
    let input = Registration {
        username: form.username,
        email: form.email,
        password: form.password,
    };
    match accounts::register(db, hasher, input, Role::Customer).await {
        Ok(user) => {
            let merged = session::sign_in(db, policy, cookies, current.0.as_ref(), user.id).await?;
            let lang = page.0.lang;
            let welcome = t_with(lang, "welcome-new", &[("name", user.username.as_str().into())]);
            Ok(after_sign_in(next, welcome, &merged, lang))
        }
        Err(e) => {
            let context = SignInPage { values, next };
            form_error("account/register.html", &page.0, context, e)
        }
    }
}

/// The redirect after signing in, with what the merge of the guest's cart
/// could not keep (as a warning) after the welcome.
/// `welcome` is in `lang` already (it names the user, whom no catalog knows).
pub fn after_sign_in(to: String, welcome: String, merged: &Merged, lang: Lang) -> Reply {
    match merged.message() {
        Some(note) => Reply::redirect_with(
            "warning",
            to,
            &format!("{welcome} {}", crate::i18n::message(lang, &note)),
        ),
        None => Reply::redirect(to, &welcome),
    }
}

#[get("/login?<next>")]
fn get_login(page: FormPage, next: Option<&str>) -> Reply {
    Reply::page(
        "account/login.html",
        &page.0,
        SignInPage {
            values: AccountValues::default(),
            next: local_path(next),
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

#[allow(clippy::too_many_arguments)]
#[post("/login", data = "<form>")]
async fn post_login(
    form: CsrfForm<LoginForm>,
    page: FormPage,
    current: &CurrentSession,
    addr: ClientAddr,
    db: &State<Db>,
    hasher: &State<Hasher>,
    throttle: &State<Throttle>,
    policy: &State<SessionPolicy>,
    cookies: &CookieJar<'_>,
) -> Result<Reply, Error> {
    let form = form.0;
    let next = local_path(form.next.as_deref());
    let credentials = Credentials {
        username: form.username,
        password: form.password,
    };
    match accounts::authenticate(db, hasher, throttle, &credentials, &addr.0).await {
        Ok(user) => {
            let merged = session::sign_in(db, policy, cookies, current.0.as_ref(), user.id).await?;
            let lang = page.0.lang;
            let welcome = t_with(lang, "welcome-back", &[("name", user.username.as_str().into())]);
            Ok(after_sign_in(next, welcome, &merged, lang))
        }
        Err(e) => {
            let values = AccountValues {
                username: credentials.username,
                email: String::new(),
            };
            let context = SignInPage { values, next };
            form_error("account/login.html", &page.0, context, e)
        }
    }
}

#[post("/logout", data = "<_form>")]
async fn post_logout(
    _form: CsrfForm<Empty>,
    current: &CurrentSession,
    db: &State<Db>,
    cookies: &CookieJar<'_>,
) -> Result<Reply, Error> {
    if let Some(s) = &current.0 {
        session::sign_out(db, cookies, s.id).await?;
    }
    Ok(Reply::redirect("/", "You are signed out."))
}

/// The context of `account/show.html`: the profile form as shown.
#[derive(Serialize)]
struct AccountPage {
    profile: AccountValues,
    role: Role,
    since: String,
    /// The user's own language; `None`: the shop's.
    language: Option<Lang>,
}

fn account_context(user: &crate::db::users::User) -> AccountPage {
    AccountPage {
        profile: AccountValues {
            username: user.username.clone(),
            email: user.email.clone(),
        },
        role: user.role,
        since: user.created_at.clone(),
        language: None,
    }
}

#[get("/account")]
fn get_account(user: SignedIn, layout: Layout, current: &CurrentSession) -> Reply {
    let mut context = account_context(&user.user);
    context.language = current.0.as_ref().and_then(|s| s.user_lang);
    Reply::page("account/show.html", &layout, context)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LanguageForm {
    /// `en`, `es`, or empty for the shop's language.
    language: String,
}

/// The user's own language, for the back office and (unless the storefront's
/// chooser says otherwise) the storefront. The session's own choice is
/// dropped so that the new one shows at once.
#[post("/account/language", data = "<form>")]
async fn post_language(
    form: CsrfForm<LanguageForm>,
    user: SignedIn,
    db: &State<Db>,
    settings: &State<Settings>,
) -> Result<Reply, Error> {
    let code = form.0.language;
    let lang = match code.trim() {
        "" => None,
        other => match Lang::from_code(other) {
            Some(lang) => Some(lang),
            None => {
                let mut errors = crate::error::FieldErrors::new();
                crate::domain::fields::add(&mut errors, "language", "must be en, es or empty");
                crate::domain::fields::finish(errors)?;
                None
            }
        },
    };
    let (id, session) = (user.user.id, user.session());
    db.write(move |tx| {
        crate::db::users::update_language(tx, id, lang)?;
        if let Some(session) = session {
            crate::db::sessions::clear_language(tx, session)?;
        }
        Ok(())
    })
    .await?;
    let shown = lang.unwrap_or_else(|| settings.language().default_lang());
    Ok(Reply::redirect("/account", &t(shown, "account-language-saved")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ProfileForm {
    username: String,
    email: String,
    current_password: String,
}

#[allow(clippy::too_many_arguments)]
#[post("/account/profile", data = "<form>")]
async fn post_profile(
    form: CsrfForm<ProfileForm>,
    user: SignedIn,
    layout: Layout,
    addr: ClientAddr,
    db: &State<Db>,
    hasher: &State<Hasher>,
    throttle: &State<Throttle>,
) -> Result<Reply, Error> {
    let form = form.0;
    let mut context = account_context(&user.user);
    context.profile = AccountValues {
        username: form.username.clone(),
        email: form.email.clone(),
    };
    let change = AccountChange {
        current_password: form.current_password,
        username: Some(form.username),
        email: Some(form.email),
        new_password: None,
    };
    match accounts::change(db, hasher, throttle, &user.user, user.session(), change, &addr.0).await {
        Ok(_) => Ok(Reply::redirect("/account", "Your account is updated.")),
        Err(e) => form_error("account/show.html", &layout, context, prefix_fields(e, "profile")),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
    new_password_confirm: String,
}

#[allow(clippy::too_many_arguments)]
#[post("/account/password", data = "<form>")]
async fn post_password(
    form: CsrfForm<PasswordForm>,
    user: SignedIn,
    layout: Layout,
    addr: ClientAddr,
    db: &State<Db>,
    hasher: &State<Hasher>,
    throttle: &State<Throttle>,
) -> Result<Reply, Error> {
    let form = form.0;
    let context = account_context(&user.user);
    if form.new_password != form.new_password_confirm {
        let e = Error::field("new_password_confirm", "does not match the new password");
        return form_error(
            "account/show.html",
            &layout,
            context,
            prefix_fields(e, "password"),
        );
    }
    let change = AccountChange {
        current_password: form.current_password,
        username: None,
        email: None,
        new_password: Some(form.new_password),
    };
    match accounts::change(db, hasher, throttle, &user.user, user.session(), change, &addr.0).await {
        Ok(_) => Ok(Reply::redirect(
            "/account",
            "Your password is changed. Your other sessions are signed out.",
        )),
        Err(e) => form_error(
            "account/show.html",
            &layout,
            context,
            prefix_fields(e, "password"),
        ),
    }
}

/// The account page has two forms with fields of the same name; errors are
/// keyed `form.field` so each stands next to its own form's field.
fn prefix_fields(error: Error, form: &str) -> Error {
    match error {
        Error::Validation { message, fields } => Error::Validation {
            message,
            fields: fields
                .into_iter()
                .map(|(k, v)| (format!("{form}.{k}"), v))
                .collect(),
        },
        other => other,
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        post_language,
        get_register,
        post_register,
        get_login,
        post_login,
        post_logout,
        get_account,
        post_profile,
        post_password
    ]
}

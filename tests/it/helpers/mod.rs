//! `TestApp`: the real application on a fresh database, and `Agent`s that
//! act like browsers or scripts, each with its own cookies. `fixtures` makes
//! what tests need (one way per thing); `page` reads HTML by selectors.

mod fixtures;
pub mod page;

pub use fixtures::{address, id_after};
pub use page::Page;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::net::SocketAddr;

use rocket::figment::Figment;
use rocket::http::{ContentType, Header, Method, Status};
use rocket::local::blocking::Client;
use serde_json::{Value, json};
use tempfile::TempDir;

pub const PASSWORD: &str = "correct horse 1";

/// A test that cannot run on this machine (a tool is missing). Under the
/// README's test command, which installs every tool and sets
/// TIENDA_REQUIRE_ALL, that is a failure; under a bare `cargo test` the
/// test says it was skipped and returns.
#[track_caller]
pub fn skip(why: &str) {
    assert!(
        std::env::var_os("TIENDA_REQUIRE_ALL").is_none(),
        "this test must run under tests/run.sh, but {why}"
    );
    eprintln!("SKIPPED: {why}");
}

pub struct TestApp {
    pub client: Client,
    pub dir: TempDir,
}

/// Settings for tests: a cheap bcrypt cost, quiet logs, fast mail retries.
pub fn test_figment(dir: &std::path::Path) -> Figment {
    tienda::config::defaults()
        .merge(("data_dir", dir))
        .merge(("bcrypt_cost", 4))
        .merge(("log_level", "off"))
        .merge(("cli_colors", false))
        .merge(("mail_poll_secs", 1))
        .merge(("hold_check_secs", 1))
        .merge(("mail_retry_secs", 1))
}

impl TestApp {
    pub fn new() -> TestApp {
        TestApp::with(|f| f)
    }

    /// An app with settings changed by `customize`.
    pub fn with(customize: impl FnOnce(Figment) -> Figment) -> TestApp {
        let dir = tempfile::tempdir().expect("temporary directory");
        TestApp::in_dir(dir, customize)
    }

    /// An app on the data directory of an earlier one (a restart).
    pub fn in_dir(dir: TempDir, customize: impl FnOnce(Figment) -> Figment) -> TestApp {
        let figment = customize(test_figment(dir.path()));
        let rocket = tienda::rocket(figment).expect("the app builds");
        let client = Client::untracked(rocket).expect("the app launches");
        TestApp { client, dir }
    }

    /// Stops the app and gives back its directory, to start it again.
    pub fn stop(self) -> TempDir {
        let TestApp { client, dir } = self;
        client.terminate();
        dir
    }

    /// A new browser (or script) with no cookies yet.
    pub fn agent(&self) -> Agent<'_> {
        Agent {
            client: &self.client,
            cookies: RefCell::new(BTreeMap::new()),
            bearer: None,
            remote: "127.0.0.1:40000".parse().expect("address"),
        }
    }

    /// `uri` as an anonymous visitor sees it; it must answer 200.
    #[track_caller]
    pub fn page(&self, uri: &str) -> Page {
        self.agent().page(uri)
    }

    pub fn setup_url(&self) -> Option<String> {
        let link = self.client.rocket().state::<tienda::setup::SetupLink>()?;
        link.url().map(str::to_string)
    }

    /// Lets one customer hold `n` unpaid orders (the shop's default is 3),
    /// for tests that place many; as an admin would set it, without making
    /// one.
    pub fn allow_unpaid_orders(&self, n: i64) {
        let rocket = self.client.rocket();
        let db = rocket.state::<tienda::db::Db>().expect("db");
        let settings = rocket
            .state::<tienda::domain::settings::Settings>()
            .expect("settings");
        let mut conn = db.conn().expect("connection");
        let tx = tienda::db::write_tx(&mut conn).expect("transaction");
        let patch = tienda::domain::settings::SettingsPatch {
            max_unpaid_orders: Some(n),
            ..Default::default()
        };
        let saved = tienda::domain::settings::store(&tx, patch).expect("saved");
        tx.commit().expect("committed");
        settings.replace(saved);
    }

    /// A connection to the app's database, for checking what was stored.
    pub fn db(&self) -> rusqlite::Connection {
        let db = self.client.rocket().state::<tienda::db::Db>().expect("db");
        db.conn().expect("connection")
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).expect("count query")
    }

    /// Creates a user directly, as `tienda user create` would.
    pub fn create_user(&self, username: &str, role: tienda::auth::Role) {
        let state = self.client.rocket();
        let db = state.state::<tienda::db::Db>().expect("db");
        let hasher = state.state::<tienda::auth::Hasher>().expect("hasher");
        let input = tienda::domain::account::Registration {
            username: username.into(),
            email: format!("{username}@example.com"),
            password: PASSWORD.into(),
        };
        let made = tienda::auth::accounts::register(db, hasher, input, role);
        rocket::execute(made).expect("user created");
    }

    /// A browser signed in through the login form as a new user of `role`.
    #[track_caller]
    pub fn signed_in_with_form(&self, username: &str, role: tienda::auth::Role) -> Agent<'_> {
        self.create_user(username, role);
        let agent = self.agent();
        agent.login(username, PASSWORD).assert_status(Status::SeeOther);
        agent
    }

    /// A script signed in as a new user of `role`, by session cookie.
    pub fn signed_in(&self, username: &str, role: tienda::auth::Role) -> Agent<'_> {
        self.create_user(username, role);
        let agent = self.agent();
        agent.api_login(username, PASSWORD).assert_status(Status::Ok);
        agent
    }
}

/// An answer, owned, so tests can keep it while making more requests.
pub struct Resp {
    pub status: Status,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body as sent, for files that are not text.
    pub bytes: Vec<u8>,
}

/// What a failing test prints: the body as text, not its bytes again.
impl std::fmt::Debug for Resp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resp")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish()
    }
}

impl Resp {
    /// The body parsed as HTML, to read by selectors.
    pub fn page(&self) -> Page {
        Page::parse(&self.body)
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn location(&self) -> &str {
        self.header("Location")
            .unwrap_or_else(|| panic!("no Location in {self:?}"))
    }

    #[track_caller]
    pub fn assert_status(&self, status: Status) -> &Resp {
        assert_eq!(self.status, status, "answer: {}", self.body);
        self
    }

    /// The JSON error code of API.md's error shape.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn field_errors(&self, field: &str) -> Vec<String> {
        let errors = &self.json()["error"]["fields"][field];
        errors
            .as_array()
            .map(|a| a.iter().filter_map(|m| m.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }
}

pub struct Agent<'c> {
    client: &'c Client,
    cookies: RefCell<BTreeMap<String, String>>,
    bearer: Option<String>,
    pub remote: SocketAddr,
}

impl<'c> Agent<'c> {
    /// The same agent, sending `token` as a bearer token instead of cookies.
    pub fn with_token(&self, token: &str) -> Agent<'c> {
        Agent {
            client: self.client,
            cookies: RefCell::new(BTreeMap::new()),
            bearer: Some(token.to_string()),
            remote: self.remote,
        }
    }

    /// Another agent from a different address.
    pub fn at_address(mut self, remote: &str) -> Agent<'c> {
        self.remote = remote.parse().expect("address");
        self
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.borrow_mut().insert(name.into(), value.into());
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.cookie("tienda_session")
    }

    pub fn request(
        &self,
        method: Method,
        uri: &str,
        content_type: Option<ContentType>,
        body: Option<Vec<u8>>,
    ) -> Resp {
        self.request_with(method, uri, &[], content_type, body)
    }

    /// A JSON request (or none with no body) with extra headers.
    pub fn request_with_headers(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Resp {
        let body = body.map(|b| b.to_string().into_bytes());
        self.request_with(method, uri, headers, Some(ContentType::JSON), body)
    }

    /// A request with more `headers`, such as a browser's `Sec-Fetch-Site`.
    pub fn request_with(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        content_type: Option<ContentType>,
        body: Option<Vec<u8>>,
    ) -> Resp {
        let mut req = self.client.req(method, uri.to_string()).remote(self.remote);
        for (name, value) in headers {
            req = req.header(Header::new(name.to_string(), value.to_string()));
        }
        for (name, value) in self.cookies.borrow().iter() {
            req = req.cookie(rocket::http::Cookie::new(name.clone(), value.clone()));
        }
        if let Some(token) = &self.bearer {
            req = req.header(Header::new("Authorization", format!("Bearer {token}")));
        }
        if let Some(ct) = content_type {
            req = req.header(ct);
        }
        if let Some(body) = body {
            req = req.body(body);
        }
        let res = req.dispatch();
        let headers: Vec<(String, String)> = res
            .headers()
            .iter()
            .map(|h| (h.name().to_string(), h.value().to_string()))
            .collect();
        for (name, value) in &headers {
            if name.eq_ignore_ascii_case("set-cookie") {
                self.store_cookie(value);
            }
        }
        let status = res.status();
        let bytes = res.into_bytes().unwrap_or_default();
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    fn store_cookie(&self, header: &str) {
        let cookie = rocket::http::Cookie::parse_encoded(header.to_string()).expect("a valid Set-Cookie");
        let removed = cookie
            .max_age()
            .is_some_and(|age| age.is_zero() || age.is_negative());
        let mut cookies = self.cookies.borrow_mut();
        if removed || cookie.value().is_empty() {
            cookies.remove(cookie.name());
        } else {
            cookies.insert(cookie.name().to_string(), cookie.value().to_string());
        }
    }

    /// `uri`, following a 301 to a page's canonical URL as a browser
    /// would (`/products/12` is `/products/12-chefs-knife`); `request`
    /// shows the 301 itself.
    pub fn get(&self, uri: &str) -> Resp {
        let res = self.request(Method::Get, uri, None, None);
        match res.header("Location") {
            Some(to) if res.status == Status::MovedPermanently => self.request(Method::Get, to, None, None),
            _ => res,
        }
    }

    /// Sends a JSON body (cookie-authenticated scripts must, API.md says).
    pub fn json(&self, method: Method, uri: &str, body: Value) -> Resp {
        self.request(
            method,
            uri,
            Some(ContentType::JSON),
            Some(body.to_string().into_bytes()),
        )
    }

    pub fn post_json(&self, uri: &str, body: Value) -> Resp {
        self.json(Method::Post, uri, body)
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub fn post_form(&self, uri: &str, fields: &[(&str, &str)]) -> Resp {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.request(
            Method::Post,
            uri,
            Some(ContentType::Form),
            Some(body.into_bytes()),
        )
    }

    /// Like a person: opens `page`, then submits the form that posts to
    /// `action` with its CSRF token and `fields`.
    pub fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Resp {
        let html = self.get(page);
        assert!(
            html.status.code < 400,
            "{page} answered {}: {}",
            html.status,
            html.body
        );
        let token = csrf_token(&html.body, action);
        let mut all = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(action, &all)
    }

    /// Posts a `multipart/form-data` form, as a browser sends a form with
    /// a file input: text `fields`, then the `file`.
    pub fn post_multipart(&self, uri: &str, fields: &[(&str, &str)], file: &FilePart<'_>) -> Resp {
        let (content_type, body) =
            multipart(fields, file.field, file.file_name, file.content_type, file.bytes);
        self.request(Method::Post, uri, Some(content_type), Some(body))
    }

    pub fn api_register(&self, username: &str, password: &str) -> Resp {
        self.post_json(
            "/api/v1/auth/register",
            json!({"username": username, "email": format!("{username}@example.com"), "password": password}),
        )
    }

    pub fn api_login(&self, username: &str, password: &str) -> Resp {
        self.post_json(
            "/api/v1/auth/login",
            json!({"username": username, "password": password}),
        )
    }

    /// Registers through the HTML form (which also signs in).
    pub fn register(&self, username: &str) -> Resp {
        let email = format!("{username}@example.com");
        self.submit(
            "/register",
            "/register",
            &[("username", username), ("email", &email), ("password", PASSWORD)],
        )
    }

    pub fn login(&self, username: &str, password: &str) -> Resp {
        self.submit(
            "/login",
            "/login",
            &[("username", username), ("password", password)],
        )
    }

    pub fn me(&self) -> Resp {
        self.get("/api/v1/me")
    }

    /// Opens `uri`, which must answer 200, and parses it.
    #[track_caller]
    pub fn page(&self, uri: &str) -> Page {
        let res = self.get(uri);
        assert_eq!(res.status, Status::Ok, "{uri}: {}", res.body);
        res.page()
    }

    /// Follows the redirect `res` and gives the page it leads to.
    #[track_caller]
    pub fn follow(&self, res: &Resp) -> Resp {
        assert_eq!(res.status, Status::SeeOther, "not a redirect: {}", res.body);
        self.get(res.location())
    }

    /// The flash message on the page the redirect `res` leads to.
    #[track_caller]
    pub fn flash_after(&self, res: &Resp) -> String {
        assert_eq!(res.status, Status::SeeOther, "{}", res.body);
        let page = self.get(res.location());
        page.page()
            .flash()
            .unwrap_or_else(|| panic!("no flash on {}: {}", res.location(), page.body))
    }
}

/// A file in a multipart form.
pub struct FilePart<'a> {
    pub field: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// The CSRF token of the form on `html` that posts to `action`.
#[track_caller]
pub fn csrf_token(html: &str, action: &str) -> String {
    Page::parse(html)
        .csrf_token(action)
        .unwrap_or_else(|| panic!("no form posting to {action} with a CSRF field in:\n{html}"))
}

/// A multipart/form-data body with one file field, and its content type.
pub fn multipart(
    fields: &[(&str, &str)],
    file_field: &str,
    filename: &str,
    file_type: &str,
    bytes: &[u8],
) -> (ContentType, Vec<u8>) {
    const BOUNDARY: &str = "tienda-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{filename}\"\r\nContent-Type: {file_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let content_type = ContentType::new("multipart", "form-data").with_params(("boundary", BOUNDARY));
    (content_type, body)
}

/// The smallest valid PNG: one transparent pixel.
pub const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

impl TestApp {
    /// A script with a bearer token of a new user of `role`.
    pub fn token_agent(&self, username: &str, role: tienda::auth::Role) -> Agent<'_> {
        let signed_in = self.signed_in(username, role);
        let token = signed_in
            .post_json("/api/v1/tokens", json!({"name": "tests"}))
            .json()["token"]
            .as_str()
            .expect("a token")
            .to_string();
        self.agent().with_token(&token)
    }
}

impl Agent<'_> {
    pub fn delete(&self, uri: &str) -> Resp {
        let content_type = self.bearer.is_none().then_some(ContentType::JSON);
        self.request(Method::Delete, uri, content_type, None)
    }
}

/// The message shown next to the form field `field` (`id="{field}-error"`).
pub fn field_error(html: &str, field: &str) -> Option<String> {
    Page::parse(html).field_error(field)
}

//! A shop served by the real binary, and a script client of its JSON API
//! that signs in by cookie: for tests that need real processes and real
//! threads (concurrency, crashes, backups under load).
//!
//! The `try_` calls give `None` when the server did not answer in full (it
//! was killed, say); any answer other than the expected one still fails the
//! test.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::process::{Server, create_user, http_request};

const PASSWORD: &str = "a long password";

/// A running shop with an admin, and the database file for checking.
pub struct Shop {
    pub server: Server,
    pub db: PathBuf,
    pub admin: String,
    dir: tempfile::TempDir,
}

/// An answer: the status and the JSON body (Null when there is none).
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub raw: String,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or_default()
    }
}

/// Whether `raw` is a whole answer: its head, and as much body as its
/// `Content-Length` says. A server killed while answering leaves less.
fn complete(raw: &str) -> bool {
    let Some((head, body)) = raw.split_once("\r\n\r\n") else {
        return false;
    };
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    length.is_none_or(|length| body.len() >= length)
}

impl Shop {
    pub fn start() -> Shop {
        let dir = tempfile::tempdir().expect("temporary directory");
        let data = dir.path().join("tienda-data");
        create_user(&data, "boss", "admin", PASSWORD);
        let server = Server::serve(dir.path());
        let mut shop = Shop {
            server,
            db: data.join("tienda.db"),
            admin: String::new(),
            dir,
        };
        shop.admin = shop.login("boss");
        shop
    }

    /// A shop whose server `serve` starts on the data directory it is
    /// given, once the admin exists: for a shop run under another process.
    pub fn start_with(serve: impl FnOnce(&Path) -> Server) -> Shop {
        let dir = tempfile::tempdir().expect("temporary directory");
        let data = dir.path().join("tienda-data");
        create_user(&data, "boss", "admin", PASSWORD);
        let server = serve(&data);
        let mut shop = Shop {
            server,
            db: data.join("tienda.db"),
            admin: String::new(),
            dir,
        };
        shop.admin = shop.login("boss");
        shop
    }

    /// Where the shop keeps its database.
    pub fn data_dir(&self) -> &Path {
        self.db.parent().expect("the database is in the data directory")
    }

    /// Stops the server (if it still runs) and starts a new one on the same
    /// data directory; sessions live in the database, so cookies still work.
    pub fn restart(&mut self) {
        self.server.stop();
        self.server = Server::serve(self.dir.path());
    }

    pub fn try_call(
        &self,
        method: &str,
        path: &str,
        cookie: &str,
        body: Option<Value>,
        extra: &[(&str, &str)],
    ) -> Option<Answer> {
        let cookie = format!("tienda_session={cookie}");
        let mut headers = vec![("Content-Type", "application/json"), ("Cookie", cookie.as_str())];
        headers.extend_from_slice(extra);
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let (status, raw) = http_request(self.server.port, method, path, &headers, &body)?;
        if !complete(&raw) {
            return None;
        }
        let json = raw
            .split_once("\r\n\r\n")
            .and_then(|(_, body)| serde_json::from_str(body).ok())
            .unwrap_or(Value::Null);
        Some(Answer {
            status,
            body: json,
            raw,
        })
    }

    pub fn call(
        &self,
        method: &str,
        path: &str,
        cookie: &str,
        body: Option<Value>,
        extra: &[(&str, &str)],
    ) -> Answer {
        self.try_call(method, path, cookie, body, extra)
            .expect("the server answers")
    }

    /// Signs in and returns the session cookie's value.
    pub fn try_login(&self, username: &str) -> Option<String> {
        let answer = self.try_call(
            "POST",
            "/api/v1/auth/login",
            "",
            Some(json!({"username": username, "password": PASSWORD})),
            &[],
        )?;
        assert_eq!(answer.status, 200, "{}", answer.raw);
        let line = answer
            .raw
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("set-cookie: tienda_session="))
            .expect("a session cookie");
        let value = &line["set-cookie: tienda_session=".len()..];
        Some(value.split(';').next().unwrap_or_default().to_string())
    }

    pub fn login(&self, username: &str) -> String {
        self.try_login(username).expect("the server answers")
    }

    pub fn try_add_to_cart(&self, cookie: &str, product: i64, quantity: i64) -> Option<()> {
        let added = self.try_call(
            "POST",
            "/api/v1/cart/items",
            cookie,
            Some(json!({"product_id": product, "quantity": quantity})),
            &[],
        )?;
        assert_eq!(added.status, 200, "{}", added.raw);
        Some(())
    }

    /// A new customer, signed in, with `lines` in the cart (in that order).
    pub fn try_customer(&self, name: &str, lines: &[(i64, i64)]) -> Option<String> {
        let made = self.try_call(
            "POST",
            "/api/v1/auth/register",
            "",
            Some(json!({"username": name, "email": format!("{name}@example.com"), "password": PASSWORD})),
            &[],
        )?;
        assert_eq!(made.status, 201, "{}", made.raw);
        let cookie = self.try_login(name)?;
        for &(product, quantity) in lines {
            self.try_add_to_cart(&cookie, product, quantity)?;
        }
        Some(cookie)
    }

    pub fn customer(&self, name: &str, lines: &[(i64, i64)]) -> String {
        self.try_customer(name, lines).expect("the server answers")
    }

    pub fn product(&self, name: &str, stock: i64) -> i64 {
        let made = self.call(
            "POST",
            "/api/v1/products",
            &self.admin,
            Some(json!({"name": name, "description": "", "price_cents": 1000, "stock": stock})),
            &[],
        );
        assert_eq!(made.status, 201, "{}", made.raw);
        made.body["id"].as_i64().expect("id")
    }

    pub fn try_checkout(&self, cookie: &str, key: &str, coupon: Option<&str>) -> Option<Answer> {
        let body = json!({
            "shipping_address": {"name": "Ada", "line1": "1 Main St", "city": "Lyon",
                                 "postal_code": "69001", "country": "France"},
            "payment_method": "cash_on_delivery",
            "coupon_code": coupon,
        });
        self.try_call(
            "POST",
            "/api/v1/checkout",
            cookie,
            Some(body),
            &[("Idempotency-Key", key)],
        )
    }

    pub fn checkout(&self, cookie: &str, key: &str, coupon: Option<&str>) -> Answer {
        self.try_checkout(cookie, key, coupon)
            .expect("the server answers")
    }

    pub fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(&self.db).expect("the database opens");
        conn.query_row(sql, [], |r| r.get(0)).expect("count query")
    }
}

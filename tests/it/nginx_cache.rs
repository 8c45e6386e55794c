//! The shop behind a real nginx cache, configured by the example in
//! `deploy/nginx-cache.conf`: visitors without a session are served from
//! the cache, shoppers with a session never get a cached or another's
//! page, and a price change shows through within `cache_max_age_secs`.
//!
//! Needs Debian's `nginx` (tests/run.sh installs it); without it the test
//! says so and passes, except under tests/run.sh, where that fails.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::Page;
use crate::process::{Server, create_user, eventually, free_port, http_request};

const PASSWORD: &str = "a long password";
/// The shop's `cache_max_age_secs` here: short, so the test is.
const MAX_AGE: u64 = 2;

fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// An nginx of our own: its prefix, configuration, cache and logs in a
/// temporary directory, on a free port; stopped when dropped.
struct Nginx {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Nginx {
    /// nginx with the example configuration, pointed at `upstream_port`.
    fn start(binary: &Path, upstream_port: u16) -> Nginx {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let port = free_port();
        let example =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/nginx-cache.conf"))
                .expect("deploy/nginx-cache.conf");
        let site = [
            (
                "/var/cache/nginx/tienda",
                dir.path().join("cache").display().to_string(),
            ),
            (
                "server 127.0.0.1:8000;",
                format!("server 127.0.0.1:{upstream_port};"),
            ),
            ("listen 80;", format!("listen 127.0.0.1:{port};")),
        ]
        .iter()
        .fold(example, |text, (from, to)| {
            assert!(text.contains(from), "the example has `{from}`");
            text.replace(from, to)
        });
        let d = dir.path().display();
        // Workers run as root when the test does, so that they can write
        // to the private temporary directory.
        let user = if running_as_root() { "user root;" } else { "" };
        let main = format!(
            "{user}\ndaemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
             {site}\n}}\n"
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, main).expect("the configuration is written");
        let child = Command::new(binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nginx starts");
        let mut nginx = Nginx { child, port, dir };
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = nginx.child.try_wait() {
                panic!("nginx stopped ({status}): {}", nginx.log());
            }
            assert!(start.elapsed() < Duration::from_secs(15), "nginx did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers before it exits.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        while matches!(self.child.try_wait(), Ok(None)) && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(1).map(|uid| uid == "0"))
            .unwrap_or(false)
    })
}

/// An HTTP answer, split.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    fn cache(&self) -> &str {
        self.header("X-Cache-Status").unwrap_or("(none)")
    }

    /// The value of the session cookie this answer sets, if it does.
    fn session(&self) -> Option<String> {
        self.head.lines().find_map(|line| {
            let value = line
                .split_once(':')
                .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))?
                .1
                .trim();
            let value = value.strip_prefix("tienda_session=")?;
            Some(value.split(';').next().unwrap_or_default().to_string())
        })
    }

    fn page(&self) -> Page {
        Page::parse(&self.body)
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

fn call(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let (status, raw) = http_request(port, method, path, headers, body).expect("an answer");
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw.as_str(), ""));
    Answer {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn get(port: u16, path: &str, session: Option<&str>) -> Answer {
    let cookie = session.map(|s| format!("tienda_session={s}"));
    let headers: Vec<(&str, &str)> = cookie.iter().map(|c| ("Cookie", c.as_str())).collect();
    call(port, "GET", path, &headers, "")
}

fn post_json(port: u16, path: &str, session: Option<&str>, body: Value) -> Answer {
    let cookie = session.map(|s| format!("tienda_session={s}"));
    let mut headers = vec![("Content-Type", "application/json")];
    headers.extend(cookie.iter().map(|c| ("Cookie", c.as_str())));
    call(port, "POST", path, &headers, &body.to_string())
}

fn login(port: u16, username: &str) -> String {
    let answer = post_json(
        port,
        "/api/v1/auth/login",
        None,
        json!({"username": username, "password": PASSWORD}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.session().expect("a session cookie")
}

#[track_caller]
fn assert_anonymous_view(answer: &Answer) {
    let page = answer.page();
    assert_eq!(page.select_text(".who-name"), None, "nobody is signed in on it");
    assert_eq!(page.select_text(".cart-count"), None, "its cart is empty");
}

#[test]
fn behind_nginx_visitors_get_cached_pages_and_shoppers_their_own() {
    let Some(nginx) = nginx_binary() else {
        return crate::helpers::skip("nginx is not installed (apt-get install nginx; tests/run.sh does)");
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("Rocket.toml"),
        format!("[default]\ncache_max_age_secs = {MAX_AGE}\n"),
    )
    .expect("Rocket.toml");
    create_user(&dir.path().join("tienda-data"), "boss", "admin", PASSWORD);
    let shop = Server::serve(dir.path());
    let boss = login(shop.port, "boss");
    let made = post_json(
        shop.port,
        "/api/v1/products",
        Some(&boss),
        json!({"name": "Chef's knife", "description": "", "price_cents": 4500, "stock": 9}),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let product = made.json()["id"].as_i64().expect("an id");
    let proxy = Nginx::start(&nginx, shop.port);
    let port = proxy.port;
    let page_path = get(port, &format!("/products/{product}"), None)
        .header("Location")
        .expect("a redirect to the canonical URL")
        .to_string();

    // Visitors without a session: the second request is served by nginx.
    for path in ["/", page_path.as_str(), &format!("/api/v1/products/{product}")] {
        let first = get(port, path, None);
        assert_eq!(first.status, 200, "{path}: {}", first.body);
        let second = get(port, path, None);
        assert_eq!(second.status, 200);
        assert_eq!(second.cache(), "HIT", "{path}: {}\n{}", second.head, proxy.log());
        assert_eq!(second.body, first.body);
    }
    assert_anonymous_view(&get(port, &page_path, None));

    // A signed-in customer gets their own page, never the cached one.
    let made = post_json(
        port,
        "/api/v1/auth/register",
        None,
        json!({"username": "ana", "email": "ana@example.com", "password": PASSWORD}),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let ana = login(port, "ana");
    for path in [page_path.as_str(), "/"] {
        let mine = get(port, path, Some(&ana));
        assert_eq!(mine.status, 200);
        assert_ne!(mine.cache(), "HIT", "{path}");
        assert_eq!(
            mine.page().select_text(".who-name").as_deref(),
            Some("ana"),
            "{path}"
        );
        assert_eq!(mine.header("Cache-Control"), Some("private, no-store"));
    }

    // A guest's first add to cart starts a session; from then on the
    // guest sees their cart, and nobody else does.
    let added = call(
        port,
        "POST",
        "/cart/add",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &format!("_csrf=&product_id={product}&quantity=2"),
    );
    assert_eq!(added.status, 303, "{}", added.body);
    assert_ne!(added.cache(), "HIT");
    let guest = added.session().expect("a guest session starts");
    for path in [page_path.as_str(), "/"] {
        let theirs = get(port, path, Some(&guest));
        assert_eq!(theirs.status, 200);
        assert_ne!(theirs.cache(), "HIT", "{path}");
        let page = theirs.page();
        assert_eq!(page.select_text(".cart-count").as_deref(), Some("2"), "{path}");
        assert_eq!(page.select_text(".who-name"), None);
    }
    // The signed-in customer's and the guest's pages were not kept.
    let anonymous = get(port, &page_path, None);
    assert_anonymous_view(&anonymous);
    assert_anonymous_view(&get(port, "/", None));

    // A price change shows through the cache once max-age has passed.
    let before = anonymous.page().select_text(".product-price").expect("a price");
    let changed = call(
        shop.port,
        "PATCH",
        &format!("/api/v1/products/{product}"),
        &[
            ("Content-Type", "application/json"),
            ("Cookie", &format!("tienda_session={boss}")),
        ],
        &json!({"price_cents": 3999}).to_string(),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let changed_at = Instant::now();
    let after = eventually("the new price to show through the cache", || {
        let price = get(port, &page_path, None).page().select_text(".product-price")?;
        (price != before).then_some(price)
    });
    let waited = changed_at.elapsed();
    assert!(after.contains("39.99"), "{after}");
    // max-age, and the second or so a cached copy may be older than its
    // age says (nginx counts in whole seconds).
    assert!(
        waited <= Duration::from_secs(MAX_AGE + 2),
        "the new price took {waited:?} to show, max-age is {MAX_AGE} s"
    );
    drop(proxy);
    drop(shop);
}

//! `GET /metrics`: off unless `metrics_token` is set, then only for that
//! bearer token; read here with Prometheus's own text parser (the Python
//! client's), and its counters move with what the shop is asked to do.

use std::io::Write;
use std::process::{Command, Stdio};

use rocket::http::{Header, Status};
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::process::{eventually, free_port};
use tienda::auth::Role;

const TOKEN: &str = "scrape-me-0123456789";

/// One sample of the exposition: its name, labels and value.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: Value,
    value: f64,
}

/// The samples of `text`, as `prometheus_client.parser` reads them: a
/// document it cannot parse fails the test.
fn parse(text: &str) -> Vec<Sample> {
    const SCRIPT: &str = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append({"name": s.name, "labels": s.labels, "value": s.value})
print(json.dumps(out))
"#;
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("the text is sent");
    let out = child.wait_with_output().expect("the parser ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the Prometheus parser refused the metrics (without prometheus_client installed, \
         `pip install prometheus_client`; tests/run.sh installs it): {stderr}\n{text}"
    );
    let samples: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON from the parser");
    samples
        .into_iter()
        .map(|s| Sample {
            name: s["name"].as_str().unwrap_or_default().to_string(),
            labels: s["labels"].clone(),
            value: s["value"].as_f64().unwrap_or(f64::NAN),
        })
        .collect()
}

struct Scrape(Vec<Sample>);

impl Scrape {
    /// The value of `name` with (at least) `labels`; 0 when absent, as a
    /// counter not yet touched is.
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.0
            .iter()
            .filter(|s| s.name == name)
            .find(|s| labels.iter().all(|(k, v)| s.labels[k].as_str() == Some(v)))
            .map_or(0.0, |s| s.value)
    }

    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|s| s.name == name)
    }
}

fn scrape(app: &TestApp) -> Scrape {
    let res = app
        .client
        .get("/metrics")
        .header(Header::new("Authorization", format!("Bearer {TOKEN}")))
        .dispatch();
    assert_eq!(res.status(), Status::Ok);
    let content_type = res
        .headers()
        .get_one("Content-Type")
        .unwrap_or_default()
        .to_string();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    Scrape(parse(&res.into_string().unwrap_or_default()))
}

fn with_token(f: rocket::figment::Figment) -> rocket::figment::Figment {
    f.merge(("metrics_token", TOKEN))
}

#[test]
fn metrics_are_off_unless_a_token_is_set() {
    let app = TestApp::new();
    let off = app.agent().get("/metrics");
    assert_eq!(off.status, Status::NotFound);
    assert_eq!(off.error_code(), "not_found");
    let res = app
        .client
        .get("/metrics")
        .header(Header::new("Authorization", format!("Bearer {TOKEN}")))
        .dispatch();
    assert_eq!(res.status(), Status::NotFound);
}

#[test]
fn metrics_need_the_bearer_token() {
    let app = TestApp::with(with_token);
    let none = app
        .agent()
        .request(rocket::http::Method::Get, "/metrics", None, None);
    assert_eq!(none.status, Status::Unauthorized);
    assert_eq!(none.header("WWW-Authenticate"), Some("Bearer"));
    assert_eq!(none.error_code(), "unauthenticated");
    for wrong in ["Bearer nope", "Bearer", TOKEN, "Basic c2NyYXBlOm1l"] {
        let res = app
            .client
            .get("/metrics")
            .header(Header::new("Authorization", wrong))
            .dispatch();
        assert_eq!(res.status(), Status::Unauthorized, "{wrong}");
    }
    // Signed in as an admin is not the token either.
    let admin = app.signed_in("boss", Role::Admin);
    assert_eq!(admin.get("/metrics").status, Status::Unauthorized);
    assert!(scrape(&app).has("tienda_http_requests_total"));
}

#[test]
fn requests_are_counted_by_route_template_and_status() {
    let app = TestApp::with(with_token);
    let staff = app.token_agent("staff", Role::Staff);
    let a = app.product("Apron").create(&staff);
    let b = app.product("Bowl").create(&staff);
    let before = scrape(&app);
    for _ in 0..3 {
        app.agent().get("/").assert_status(Status::Ok);
    }
    app.agent()
        .get(&format!("/api/v1/products/{a}"))
        .assert_status(Status::Ok);
    app.agent()
        .get(&format!("/api/v1/products/{b}"))
        .assert_status(Status::Ok);
    app.agent()
        .get("/api/v1/products/999")
        .assert_status(Status::NotFound);
    let after = scrape(&app);

    let delta = |labels: &[(&str, &str)]| {
        after.value("tienda_http_requests_total", labels) - before.value("tienda_http_requests_total", labels)
    };
    assert_eq!(
        delta(&[("method", "GET"), ("route", "/"), ("status", "200")]),
        3.0
    );
    let product = [("method", "GET"), ("route", "/api/v1/products/<id>")];
    assert_eq!(delta(&[product[0], product[1], ("status", "200")]), 2.0);
    assert_eq!(delta(&[product[0], product[1], ("status", "404")]), 1.0);
    assert!(
        !after
            .0
            .iter()
            .any(|s| s.labels["route"].as_str().is_some_and(|r| r.contains("/1"))),
        "no raw paths as routes"
    );
    let latency = "tienda_http_request_duration_seconds_count";
    let home = [("method", "GET"), ("route", "/")];
    assert_eq!(after.value(latency, &home) - before.value(latency, &home), 3.0);
    let slow = after.value(
        "tienda_http_request_duration_seconds_bucket",
        &[home[0], home[1], ("le", "+Inf")],
    );
    assert_eq!(
        slow,
        after.value(latency, &home),
        "every request is in the +Inf bucket"
    );
}

#[test]
fn orders_writes_backups_and_failed_mail_are_counted() {
    // An SMTP server that is not there: every delivery fails.
    let smtp = free_port();
    let app = TestApp::with(|f| {
        with_token(f)
            .merge(("smtp.host", "127.0.0.1"))
            .merge(("smtp.port", smtp))
            .merge(("smtp.tls", "none"))
    });
    let staff = app.token_agent("staff", Role::Staff);
    let product = app.product("Apron").stock(5).create(&staff);
    let before = scrape(&app);
    assert_eq!(before.value("tienda_orders_placed_total", &[]), 0.0);
    assert!(before.value("tienda_db_read_pool_max", &[]) >= 2.0);
    assert!(before.has("tienda_db_read_pool_open") && before.has("tienda_db_read_pool_idle"));
    assert_eq!(before.value("tienda_writer_queue_length", &[]), 0.0);

    let (ana, order) = app.order_of("ana", product, 1);
    assert_eq!(order["status"], "pending_payment");
    let admin = app.token_agent("boss", Role::Admin);
    admin
        .post_json("/api/v1/backups", json!({}))
        .assert_status(Status::Created);

    let after = scrape(&app);
    assert_eq!(after.value("tienda_orders_placed_total", &[]), 1.0);
    assert_eq!(after.value("tienda_backups_taken_total", &[]), 1.0);
    let batches = "tienda_writer_batch_size_count";
    assert!(after.value(batches, &[]) > before.value(batches, &[]));
    let writes = "tienda_writer_batch_size_sum";
    assert!(after.value(writes, &[]) >= after.value(batches, &[]));
    // The same key again is the same order, not another.
    let again = ana.checkout("ana-1", json!({}));
    assert_eq!(again.json()["id"], order["id"], "{again:?}");
    assert_eq!(scrape(&app).value("tienda_orders_placed_total", &[]), 1.0);

    // The order's e-mails wait in the outbox and fail to go out.
    let failed = eventually("a failed delivery to be counted", || {
        let now = scrape(&app);
        (now.value("tienda_mail_delivery_failures_total", &[]) >= 1.0).then_some(now)
    });
    assert!(failed.value("tienda_outbox_backlog", &[]) >= 1.0);
    assert!(failed.value("tienda_outbox_failing", &[]) >= 1.0);
}

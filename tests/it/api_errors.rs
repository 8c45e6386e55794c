//! Bad requests of every kind get API.md's error shape and never a 500.

use rocket::http::{ContentType, Method, Status};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};
use tienda::auth::Role;

#[test]
fn malformed_json_is_a_400() {
    let app = TestApp::new();
    let agent = app.agent();
    for body in [
        "{",
        "{\"username\": }",
        "not json",
        "",
        "[1, 2",
        "{\"a\":1} {\"b\":2}",
    ] {
        let res = agent.request(
            Method::Post,
            "/api/v1/auth/register",
            Some(ContentType::JSON),
            Some(body.as_bytes().to_vec()),
        );
        res.assert_status(Status::BadRequest);
        assert_eq!(res.error_code(), "malformed_json", "{body}");
    }
}

#[test]
fn wrong_types_are_a_422_naming_the_field() {
    let app = TestApp::new();
    let res = app.agent().post_json(
        "/api/v1/auth/register",
        json!({"username": 12, "email": "a@example.com", "password": PASSWORD}),
    );
    res.assert_status(Status::UnprocessableEntity);
    assert!(!res.field_errors("username").is_empty(), "{}", res.body);
    let res = app.agent().post_json("/api/v1/auth/login", json!([1, 2, 3]));
    res.assert_status(Status::UnprocessableEntity);
}

#[test]
fn other_content_types_are_a_415() {
    let app = TestApp::new();
    let agent = app.agent();
    for ct in [ContentType::Form, ContentType::Plain, ContentType::XML] {
        let res = agent.request(
            Method::Post,
            "/api/v1/auth/login",
            Some(ct.clone()),
            Some(b"{}".to_vec()),
        );
        res.assert_status(Status::UnsupportedMediaType);
        assert_eq!(res.error_code(), "unsupported_media_type", "{ct}");
    }
    let none = agent.request(Method::Post, "/api/v1/auth/login", None, Some(b"{}".to_vec()));
    none.assert_status(Status::UnsupportedMediaType);
    // An HTML form that is not a form is refused too.
    agent.get("/login");
    let res = agent.request(
        Method::Post,
        "/login",
        Some(ContentType::JSON),
        Some(b"{}".to_vec()),
    );
    res.assert_status(Status::UnsupportedMediaType);
}

#[test]
fn oversized_bodies_are_a_413() {
    let app = TestApp::new();
    let agent = app.agent();
    let big_json = format!("{{\"username\": \"{}\"}}", "a".repeat(1024 * 1024 + 10));
    let res = agent.request(
        Method::Post,
        "/api/v1/auth/login",
        Some(ContentType::JSON),
        Some(big_json.into_bytes()),
    );
    res.assert_status(Status::PayloadTooLarge);
    assert_eq!(res.error_code(), "payload_too_large");

    agent.get("/login");
    let big_form = format!("username={}", "a".repeat(65 * 1024));
    let res = agent.request(
        Method::Post,
        "/login",
        Some(ContentType::Form),
        Some(big_form.into_bytes()),
    );
    res.assert_status(Status::PayloadTooLarge);
    assert!(res.body.contains("Too large"));
}

#[test]
fn unknown_paths_are_json_under_the_api_and_pages_elsewhere() {
    let app = TestApp::new();
    let agent = app.agent();
    let api = agent.get("/api/v1/nope");
    api.assert_status(Status::NotFound);
    assert_eq!(api.header("Content-Type"), Some("application/json"));
    assert_eq!(
        api.json(),
        json!({"error": {"code": "not_found", "message": "not found"}})
    );

    let page = agent.get("/nope");
    page.assert_status(Status::NotFound);
    assert!(page.header("Content-Type").unwrap().starts_with("text/html"));
    assert!(page.body.contains("Not found"));
}

#[test]
fn malformed_ids_are_not_found() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    for path in [
        "/api/v1/tokens/abc",
        "/api/v1/tokens/-1",
        "/api/v1/tokens/99999999999999999999999",
        "/api/v1/tokens/0",
    ] {
        let res = agent.request(Method::Delete, path, Some(ContentType::JSON), None);
        res.assert_status(Status::NotFound);
    }
}

#[test]
fn unauthenticated_api_calls_get_401_json() {
    let app = TestApp::new();
    let agent = app.agent();
    for (method, path) in [
        (Method::Get, "/api/v1/me"),
        (Method::Get, "/api/v1/tokens"),
        (Method::Post, "/api/v1/auth/logout"),
    ] {
        let res = agent.request(method, path, Some(ContentType::JSON), Some(b"{}".to_vec()));
        res.assert_status(Status::Unauthorized);
        assert_eq!(res.error_code(), "unauthenticated", "{path}");
    }
    agent
        .with_token("tienda_nonsense")
        .me()
        .assert_status(Status::Unauthorized);
    let basic = agent.request(Method::Get, "/api/v1/me", None, None);
    basic.assert_status(Status::Unauthorized);
}

#[test]
fn pagination_parameters_are_checked() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    for query in ["per_page=0", "per_page=101", "page=0", "page=abc", "per_page=2.5"] {
        let res = agent.get(&format!("/api/v1/tokens?{query}"));
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(res.error_code(), "validation_failed", "{query}");
    }
}

#[test]
fn every_answer_carries_the_security_headers() {
    let app = TestApp::new();
    let agent = app.agent();
    for path in [
        "/",
        "/login",
        "/nope",
        "/api/v1/nope",
        "/api/v1/me",
        "/healthz",
        "/static/style.css",
    ] {
        let res = agent.get(path);
        let csp = res
            .header("Content-Security-Policy")
            .unwrap_or_else(|| panic!("no CSP on {path}"));
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(res.header("X-Content-Type-Options"), Some("nosniff"), "{path}");
        assert_eq!(res.header("X-Frame-Options"), Some("DENY"), "{path}");
        assert_eq!(res.header("Referrer-Policy"), Some("same-origin"), "{path}");
    }
}

#[test]
fn health_reports_the_database() {
    let app = TestApp::new();
    let res = app.agent().get("/healthz");
    res.assert_status(Status::Ok);
    let body = res.json();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["db"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn health_is_503_when_the_database_cannot_be_read() {
    let app = TestApp::new();
    app.db().execute_batch("DROP TABLE settings").unwrap();
    let res = app.agent().get("/healthz");
    res.assert_status(Status::ServiceUnavailable);
    assert_eq!(res.json()["db"], "unavailable");
    assert!(!res.body.contains("settings"), "no SQL details: {}", res.body);
}

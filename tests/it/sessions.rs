//! Sessions: rotation at sign-in, sign-out, expiry, CSRF, throttling.

use rocket::http::{ContentType, Method, Status};
use serde_json::json;

use crate::helpers::{PASSWORD, TINY_PNG, TestApp, multipart};
use tienda::auth::Role;

#[test]
fn sign_in_gives_a_new_session_token_and_the_old_one_is_worthless() {
    let app = TestApp::new();
    app.create_user("ana", Role::Customer);
    let agent = app.agent();
    agent.get("/login");
    let guest = agent
        .session_cookie()
        .expect("the login form starts a guest session");

    agent.login("ana", PASSWORD);

    let signed_in = agent.session_cookie().expect("a session");
    assert_ne!(guest, signed_in);
    assert_eq!(agent.me().json()["username"], "ana");
    let fixed = app.agent();
    fixed.set_cookie("tienda_session", &guest);
    fixed.me().assert_status(Status::Unauthorized);
    assert_eq!(
        app.count("SELECT count(*) FROM sessions"),
        1,
        "the guest row was reused"
    );
}

#[test]
fn the_cookie_is_http_only_and_same_site() {
    let app = TestApp::new();
    app.create_user("ana", Role::Customer);
    let res = app.agent().api_login("ana", PASSWORD);
    let cookie = res.header("Set-Cookie").expect("a cookie");
    assert!(cookie.starts_with("tienda_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"));
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("tienda_session=");
    assert!(token.len() >= 43, "at least 256 bits");
    let stored: String = app
        .db()
        .query_row("SELECT token_hash FROM sessions", [], |r| r.get(0))
        .unwrap();
    assert_ne!(stored, token, "only a hash is stored");
}

#[test]
fn cookies_are_secure_when_served_over_https() {
    let app = TestApp::with(|f| f.merge(("https", true)));
    app.create_user("ana", Role::Customer);
    let res = app.agent().api_login("ana", PASSWORD);
    assert!(res.header("Set-Cookie").unwrap().contains("Secure"));
}

#[test]
fn a_signed_out_cookie_is_refused() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    let cookie = agent.session_cookie().unwrap();

    agent
        .request(Method::Post, "/api/v1/auth/logout", Some(ContentType::JSON), None)
        .assert_status(Status::NoContent);

    let replay = app.agent();
    replay.set_cookie("tienda_session", &cookie);
    replay.me().assert_status(Status::Unauthorized);
    assert_eq!(replay.me().error_code(), "unauthenticated");
    assert_eq!(app.count("SELECT count(*) FROM sessions"), 0);
}

#[test]
fn the_sign_out_button_ends_the_session() {
    let app = TestApp::new();
    let agent = app.agent();
    agent.register("ana");
    let cookie = agent.session_cookie().unwrap();

    let res = agent.submit("/", "/logout", &[]);

    assert_eq!(res.location(), "/");
    assert!(agent.get("/").body.contains("You are signed out."));
    let replay = app.agent();
    replay.set_cookie("tienda_session", &cookie);
    replay.me().assert_status(Status::Unauthorized);
}

#[test]
fn a_new_password_ends_the_other_sessions_only() {
    let app = TestApp::new();
    let phone = app.signed_in("ana", Role::Customer);
    let laptop = app.agent();
    laptop.login("ana", PASSWORD);
    assert_eq!(laptop.me().status, Status::Ok);

    let res = phone.json(
        Method::Patch,
        "/api/v1/me",
        json!({"current_password": PASSWORD, "new_password": "a brand new secret"}),
    );

    res.assert_status(Status::Ok);
    laptop.me().assert_status(Status::Unauthorized);
    phone.me().assert_status(Status::Ok);
    app.agent()
        .api_login("ana", PASSWORD)
        .assert_status(Status::Unauthorized);
    app.agent()
        .api_login("ana", "a brand new secret")
        .assert_status(Status::Ok);
}

#[test]
fn the_password_form_also_ends_the_other_sessions() {
    let app = TestApp::new();
    let browser = app.agent();
    browser.register("ana");
    let script = app.agent();
    script.api_login("ana", PASSWORD).assert_status(Status::Ok);

    let res = browser.submit(
        "/account",
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "a brand new secret"),
            ("new_password_confirm", "a brand new secret"),
        ],
    );

    assert_eq!(res.location(), "/account");
    script.me().assert_status(Status::Unauthorized);
    assert!(browser.get("/account").body.contains("Your password is changed."));
}

#[test]
fn sessions_expire_after_their_lifetime_and_are_removed() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    app.db()
        .execute("UPDATE sessions SET created_at = '2020-01-01T00:00:00Z'", [])
        .unwrap();

    agent.me().assert_status(Status::Unauthorized);
    assert_eq!(app.count("SELECT count(*) FROM sessions"), 0);
}

#[test]
fn idle_sessions_expire() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    let long_ago = tienda::db::from_now(-chrono::Duration::days(8));
    app.db()
        .execute("UPDATE sessions SET last_seen_at = ?1", [long_ago])
        .unwrap();

    agent.me().assert_status(Status::Unauthorized);
}

#[test]
fn a_form_without_the_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::new();
    let agent = app.agent();
    agent.register("ana");

    let missing = agent.post_form(
        "/account/profile",
        &[
            ("username", "ana"),
            ("email", "evil@example.com"),
            ("current_password", PASSWORD),
        ],
    );
    missing.assert_status(Status::Forbidden);
    assert!(missing.body.contains("reload the page"), "{}", missing.body);

    // A token from another session does not do either.
    let other = app.agent();
    other.get("/register");
    let page = other.get("/register");
    let foreign = crate::helpers::csrf_token(&page.body, "/register");
    agent
        .post_form(
            "/account/profile",
            &[
                ("_csrf", &foreign),
                ("username", "ana"),
                ("email", "evil@example.com"),
                ("current_password", PASSWORD),
            ],
        )
        .assert_status(Status::Forbidden);

    agent.post_form("/logout", &[]).assert_status(Status::Forbidden);
    agent.me().assert_status(Status::Ok);
    assert_eq!(
        app.count("SELECT count(*) FROM users WHERE email = 'evil@example.com'"),
        0
    );
}

#[test]
fn cookie_authenticated_api_writes_from_another_site_are_refused() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    for headers in [
        [("Sec-Fetch-Site", "cross-site")],
        [("Sec-Fetch-Site", "same-site")],
        [("Origin", "https://evil.example")],
    ] {
        let res = agent.request_with(
            Method::Post,
            "/api/v1/tokens",
            &headers,
            Some(ContentType::JSON),
            Some(br#"{"name":"sneaky"}"#.to_vec()),
        );
        res.assert_status(Status::Forbidden);
        assert_eq!(res.error_code(), "csrf_failed");
        agent
            .request_with(
                Method::Post,
                "/api/v1/auth/logout",
                &headers,
                Some(ContentType::Plain),
                None,
            )
            .assert_status(Status::Forbidden);
    }
    // The shop's own pages say same-origin, and are served.
    let own = agent.request_with(
        Method::Post,
        "/api/v1/tokens",
        &[("Sec-Fetch-Site", "same-origin"), ("Origin", "http://localhost")],
        Some(ContentType::JSON),
        Some(br#"{"name":"mine"}"#.to_vec()),
    );
    own.assert_status(Status::Created);
    // A form body is still no JSON.
    let res = agent.request(
        Method::Post,
        "/api/v1/tokens",
        Some(ContentType::Form),
        Some(b"name=sneaky".to_vec()),
    );
    res.assert_status(Status::UnsupportedMediaType);
    agent.me().assert_status(Status::Ok);
    assert_eq!(app.count("SELECT count(*) FROM api_tokens"), 1);
}

#[test]
fn scripts_signed_in_by_cookie_may_delete_upload_and_import() {
    let app = TestApp::new();
    let staff = app.signed_in("boss", Role::Staff);
    let mug = app.product("Mug").create(&staff);
    let cup = app.product("Cup").create(&staff);

    let (ct, body) = multipart(&[], "file", "mug.png", "image/png", TINY_PNG);
    staff
        .request(
            Method::Post,
            &format!("/api/v1/products/{mug}/images"),
            Some(ct),
            Some(body),
        )
        .assert_status(Status::Created);
    let csv = "sku,name,description,price,stock,category,supplier,active\nS-1,Saucer,,3.50,4,,,true\n";
    let res = staff.request(
        Method::Post,
        "/api/v1/import/products",
        Some(ContentType::new("text", "csv")),
        Some(csv.as_bytes().to_vec()),
    );
    res.assert_status(Status::Ok);
    assert_eq!(res.json()["created"], 1);
    staff
        .request(Method::Delete, &format!("/api/v1/products/{cup}"), None, None)
        .assert_status(Status::NoContent);

    assert_eq!(
        app.count(&format!(
            "SELECT count(*) FROM product_images WHERE product_id = {mug}"
        )),
        1
    );
    assert_eq!(app.count("SELECT count(*) FROM products WHERE sku = 'S-1'"), 1);
    assert_eq!(
        app.count(&format!("SELECT count(*) FROM products WHERE id = {cup}")),
        0
    );
}

#[test]
fn five_failures_lock_the_account_even_for_the_right_password() {
    let app = TestApp::new();
    app.create_user("ana", Role::Customer);
    let attacker = app.agent();
    for _ in 0..5 {
        attacker
            .api_login("ana", "guess guess guess")
            .assert_status(Status::Unauthorized);
    }

    let owner = app.agent().at_address("10.1.1.1:5000");
    let res = owner.api_login("ana", PASSWORD);

    res.assert_status(Status::TooManyRequests);
    assert_eq!(res.error_code(), "rate_limited");
    let retry: u64 = res.header("Retry-After").unwrap().parse().unwrap();
    assert!(retry > 14 * 60 && retry <= 15 * 60, "{retry}");
    assert!(owner.me().status == Status::Unauthorized);

    let form = owner.login("ana", PASSWORD);
    form.assert_status(Status::TooManyRequests);
    assert_eq!(
        form.page().select_text(".form-error").as_deref(),
        Some("too many attempts, try again in 15 minutes")
    );
    // Other accounts are not affected.
    app.create_user("bob", Role::Customer);
    owner.api_login("bob", PASSWORD).assert_status(Status::Ok);
}

#[test]
fn twenty_failures_from_one_address_lock_that_address() {
    let app = TestApp::new();
    app.create_user("ana", Role::Customer);
    let attacker = app.agent().at_address("10.9.9.9:1234");
    for i in 0..20 {
        attacker
            .api_login(&format!("user{i}"), "guess guess guess")
            .assert_status(Status::Unauthorized);
    }

    attacker
        .api_login("ana", PASSWORD)
        .assert_status(Status::TooManyRequests);
    app.agent()
        .at_address("10.0.0.2:1")
        .api_login("ana", PASSWORD)
        .assert_status(Status::Ok);
}

#[test]
fn the_purge_removes_only_expired_sessions() {
    let app = TestApp::new();
    let _live = app.signed_in("ana", Role::Customer);
    let _old = app.signed_in("bob", Role::Customer);
    app.db()
        .execute(
            "UPDATE sessions SET last_seen_at = '2020-01-01T00:00:00Z'
             WHERE user_id = (SELECT id FROM users WHERE username = 'bob')",
            [],
        )
        .unwrap();
    let policy = app
        .client
        .rocket()
        .state::<tienda::auth::session::SessionPolicy>()
        .unwrap();

    assert_eq!(policy.purge(&app.db()).unwrap(), 1);
    assert_eq!(app.count("SELECT count(*) FROM sessions"), 1);
}

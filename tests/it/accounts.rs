//! Registration, sign-in and account changes, as HTML forms and as JSON.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};

#[test]
fn registration_through_json_always_makes_a_customer() {
    let app = TestApp::new();
    let agent = app.agent();

    let res = agent.post_json(
        "/api/v1/auth/register",
        json!({"username": "mallory", "email": "m@example.com", "password": PASSWORD,
               "role": "admin", "is_admin": true}),
    );

    res.assert_status(Status::Created);
    let user = res.json();
    assert_eq!(user["role"], "customer");
    assert_eq!(user["username"], "mallory");
    assert_eq!(user["active"], true);
    assert!(user["id"].as_i64().unwrap() > 0);
    assert!(user["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(user.get("password_hash").is_none());
    assert_eq!(app.count("SELECT count(*) FROM users WHERE role = 'customer'"), 1);
}

#[test]
fn registration_through_the_form_signs_in_and_shows_the_user() {
    let app = TestApp::new();
    let agent = app.agent();

    let res = agent.register("ana");

    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(res.location(), "/");
    let home = agent.get("/");
    assert!(
        home.body.contains("Welcome, ana! Your account is ready."),
        "{}",
        home.body
    );
    assert_eq!(home.page().select_text(".who-name").as_deref(), Some("ana"));
    assert!(!home.body.contains("role-customer"), "no badge for customers");
}

#[test]
fn invalid_registrations_name_each_field_in_json() {
    let app = TestApp::new();
    let agent = app.agent();
    let cases = [
        (
            json!({"username": "ab", "email": "a@example.com", "password": PASSWORD}),
            "username",
        ),
        (
            json!({"username": "ana maria", "email": "a@example.com", "password": PASSWORD}),
            "username",
        ),
        (
            json!({"username": "x".repeat(33), "email": "a@example.com", "password": PASSWORD}),
            "username",
        ),
        (
            json!({"username": "ana", "email": "not-an-address", "password": PASSWORD}),
            "email",
        ),
        (
            json!({"username": "ana", "email": "", "password": PASSWORD}),
            "email",
        ),
        (
            json!({"username": "ana", "email": "a@example.com", "password": "short"}),
            "password",
        ),
        (
            json!({"username": "ana", "email": "a@example.com", "password": "a".repeat(73)}),
            "password",
        ),
        (
            json!({"username": "ana", "email": "a@example.com", "password": "é".repeat(37)}),
            "password",
        ),
        (
            json!({"username": "ana.lopez1", "email": "a@example.com", "password": "ANA.LOPEZ1"}),
            "password",
        ),
        (
            json!({"email": "a@example.com", "password": PASSWORD}),
            "username",
        ),
    ];
    for (body, field) in cases {
        let res = agent.post_json("/api/v1/auth/register", body.clone());
        res.assert_status(Status::UnprocessableEntity);
        assert_eq!(res.error_code(), "validation_failed", "{body}");
        assert!(!res.field_errors(field).is_empty(), "{body}: {}", res.body);
    }
    let long = agent.post_json(
        "/api/v1/auth/register",
        json!({"username": "ana", "email": "a@example.com", "password": "a".repeat(73)}),
    );
    assert!(
        long.field_errors("password")[0].contains("72 bytes"),
        "{}",
        long.body
    );
    assert_eq!(app.count("SELECT count(*) FROM users"), 0);
}

#[test]
fn an_invalid_form_comes_back_with_messages_next_to_fields_and_values_kept() {
    let app = TestApp::new();
    let agent = app.agent();

    let res = agent.submit(
        "/register",
        "/register",
        &[
            ("username", "a b"),
            ("email", "ana@example.com"),
            ("password", "short"),
        ],
    );

    res.assert_status(Status::UnprocessableEntity);
    assert!(res.page().has("#username-error"), "{}", res.body);
    assert!(
        res.body.contains("Username may contain only letters"),
        "{}",
        res.body
    );
    assert!(res.body.contains("Password must be at least 10 characters long"));
    assert!(
        res.page().has("[value=\"ana@example.com\"]"),
        "the e-mail is kept"
    );
    assert!(!res.page().has("[value=\"short\"]"), "a password is never echoed");
    assert_eq!(app.count("SELECT count(*) FROM users"), 0);
}

#[test]
fn usernames_and_emails_are_unique_ignoring_case() {
    let app = TestApp::new();
    let agent = app.agent();
    agent.api_register("Ana", PASSWORD).assert_status(Status::Created);

    let same_name = agent.post_json(
        "/api/v1/auth/register",
        json!({"username": "aNA", "email": "other@example.com", "password": PASSWORD}),
    );
    same_name.assert_status(Status::UnprocessableEntity);
    assert_eq!(same_name.field_errors("username"), ["is already taken"]);

    let same_email = agent.post_json(
        "/api/v1/auth/register",
        json!({"username": "bob", "email": "ANA@EXAMPLE.COM", "password": PASSWORD}),
    );
    same_email.assert_status(Status::UnprocessableEntity);
    assert!(!same_email.field_errors("email").is_empty());

    let form = agent.submit(
        "/register",
        "/register",
        &[
            ("username", "ANA"),
            ("email", "x@example.com"),
            ("password", PASSWORD),
        ],
    );
    form.assert_status(Status::UnprocessableEntity);
    assert!(form.body.contains("Username is already taken"), "{}", form.body);
    assert_eq!(app.count("SELECT count(*) FROM users"), 1);
}

#[test]
fn sign_in_works_by_username_or_email_and_failures_say_the_same() {
    let app = TestApp::new();
    let agent = app.agent();
    agent.api_register("ana", PASSWORD).assert_status(Status::Created);

    agent
        .api_login("ANA@example.com", PASSWORD)
        .assert_status(Status::Ok);
    assert_eq!(agent.me().json()["username"], "ana");

    let other = app.agent();
    let wrong = other.api_login("ana", "wrong password!");
    let unknown = other.api_login("nobody", "wrong password!");
    wrong.assert_status(Status::Unauthorized);
    unknown.assert_status(Status::Unauthorized);
    assert_eq!(wrong.error_code(), "invalid_credentials");
    assert_eq!(wrong.json(), unknown.json(), "the same answer for both");
}

#[test]
fn the_login_form_returns_to_the_page_that_asked_for_it() {
    let app = TestApp::new();
    app.create_user("ana", tienda::auth::Role::Customer);
    let agent = app.agent();

    let asked = agent.get("/account");
    assert_eq!(asked.status, Status::SeeOther);
    assert_eq!(asked.location(), "/login?next=%2Faccount");

    let page = agent.get(asked.location());
    let token = crate::helpers::csrf_token(&page.body, "/login");
    assert!(
        page.body.contains("name=\"next\" value=\"&#x2F;account\""),
        "{}",
        page.body
    );
    let res = agent.post_form(
        "/login",
        &[
            ("_csrf", &token),
            ("username", "ana"),
            ("password", PASSWORD),
            ("next", "/account"),
        ],
    );
    assert_eq!(res.location(), "/account");

    // An address on another site is not followed.
    let evil = app.agent();
    let page = evil.get("/login");
    let token = crate::helpers::csrf_token(&page.body, "/login");
    let res = evil.post_form(
        "/login",
        &[
            ("_csrf", &token),
            ("username", "ana"),
            ("password", PASSWORD),
            ("next", "//evil.example"),
        ],
    );
    assert_eq!(res.location(), "/");
}

#[test]
fn a_wrong_password_in_the_form_shows_one_message() {
    let app = TestApp::new();
    app.create_user("ana", tienda::auth::Role::Customer);
    let agent = app.agent();

    let res = agent.login("ana", "not the password");

    res.assert_status(Status::Unauthorized);
    assert_eq!(
        res.page().select_text(".form-error").as_deref(),
        Some("wrong username or password")
    );
    assert!(res.page().has("[value=\"ana\"]"), "the username is kept");
}

#[test]
fn changing_the_profile_needs_the_current_password() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", tienda::auth::Role::Customer);

    let refused = agent.json(
        Method::Patch,
        "/api/v1/me",
        json!({"current_password": "not it at all", "email": "new@example.com"}),
    );
    refused.assert_status(Status::UnprocessableEntity);
    assert_eq!(
        refused.field_errors("current_password"),
        ["is not your current password"]
    );

    let changed = agent.json(
        Method::Patch,
        "/api/v1/me",
        json!({"current_password": PASSWORD, "email": "new@example.com", "username": "ana.new"}),
    );
    changed.assert_status(Status::Ok);
    assert_eq!(changed.json()["email"], "new@example.com");
    assert_eq!(changed.json()["username"], "ana.new");
    app.agent()
        .api_login("ana.new", PASSWORD)
        .assert_status(Status::Ok);
}

#[test]
fn the_account_page_changes_the_email_and_reports_errors_per_form() {
    let app = TestApp::new();
    app.create_user("bob", tienda::auth::Role::Customer);
    let agent = app.agent();
    agent.register("ana");

    let taken = agent.submit(
        "/account",
        "/account/profile",
        &[
            ("username", "bob"),
            ("email", "ana@example.com"),
            ("current_password", PASSWORD),
        ],
    );
    taken.assert_status(Status::UnprocessableEntity);
    assert!(taken.page().has("#profile-username-error"), "{}", taken.body);
    assert!(taken.page().has("[value=\"bob\"]"));

    let mismatch = agent.submit(
        "/account",
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "a new password"),
            ("new_password_confirm", "another one!"),
        ],
    );
    mismatch.assert_status(Status::UnprocessableEntity);
    assert!(
        mismatch
            .body
            .contains("New password again does not match the new password")
    );

    let ok = agent.submit(
        "/account",
        "/account/profile",
        &[
            ("username", "ana"),
            ("email", "ana@new.example"),
            ("current_password", PASSWORD),
        ],
    );
    assert_eq!(ok.location(), "/account");
    let page = agent.get("/account");
    assert!(page.body.contains("Your account is updated."));
    assert!(page.page().has("[value=\"ana@new.example\"]"));
}

#[test]
fn no_answer_ever_contains_a_password_hash() {
    let app = TestApp::new();
    let agent = app.agent();
    let mut bodies = vec![
        agent.api_register("ana", PASSWORD).body,
        agent.api_login("ana", PASSWORD).body,
        agent.me().body,
        agent
            .json(Method::Patch, "/api/v1/me", json!({"current_password": PASSWORD}))
            .body,
        agent.post_json("/api/v1/tokens", json!({"name": "t"})).body,
        agent.get("/api/v1/tokens").body,
        agent.get("/account").body,
        agent.get("/account/tokens").body,
    ];
    let browser = app.agent();
    bodies.push(browser.register("bob").body);
    bodies.push(browser.get("/").body);
    for body in bodies {
        assert!(
            !body.contains("$2b$") && !body.contains("$2y$"),
            "a hash in: {body}"
        );
        assert!(!body.contains("password_hash"), "{body}");
    }
}

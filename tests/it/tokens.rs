//! API tokens: made once, shown once, carry the owner's role, revocable.

use rocket::http::{ContentType, Method, Status};
use serde_json::json;

use crate::helpers::TestApp;
use tienda::auth::Role;

#[test]
fn a_token_acts_as_its_owner_until_revoked() {
    let app = TestApp::new();
    let agent = app.signed_in("stock-bot", Role::Staff);

    let created = agent.post_json("/api/v1/tokens", json!({"name": "stock sync"}));
    created.assert_status(Status::Created);
    let token = created.json()["token"].as_str().unwrap().to_string();
    let id = created.json()["id"].as_i64().unwrap();
    assert!(token.starts_with("tienda_"));

    let script = app.agent().with_token(&token);
    let me = script.me();
    me.assert_status(Status::Ok);
    assert_eq!(me.json()["username"], "stock-bot");
    assert_eq!(me.json()["role"], "staff");

    // Writes with a token need no CSRF token and no cookie.
    script
        .post_json("/api/v1/tokens", json!({"name": "second"}))
        .assert_status(Status::Created);

    let listed = agent.get("/api/v1/tokens").json();
    assert_eq!(listed["total"], 2);
    assert_eq!(listed["page"], 1);
    assert_eq!(listed["per_page"], 20);
    let first = &listed["items"][1];
    assert_eq!(first["name"], "stock sync");
    assert!(first["last_used_at"].is_string(), "use is recorded: {listed}");
    assert!(first.get("token").is_none() && !listed.to_string().contains(&token));

    agent
        .request(
            Method::Delete,
            &format!("/api/v1/tokens/{id}"),
            Some(ContentType::JSON),
            None,
        )
        .assert_status(Status::NoContent);
    script.me().assert_status(Status::Unauthorized);
    let stored: String = app
        .db()
        .query_row("SELECT token_hash FROM api_tokens", [], |r| r.get(0))
        .unwrap();
    assert!(!stored.starts_with("tienda_"), "only the hash is stored");
}

#[test]
fn another_users_token_cannot_be_revoked() {
    let app = TestApp::new();
    let ana = app.signed_in("ana", Role::Customer);
    let bob = app.signed_in("bob", Role::Admin);
    let id = ana.post_json("/api/v1/tokens", json!({"name": "mine"})).json()["id"]
        .as_i64()
        .unwrap();

    bob.request(
        Method::Delete,
        &format!("/api/v1/tokens/{id}"),
        Some(ContentType::JSON),
        None,
    )
    .assert_status(Status::NotFound);
    assert_eq!(app.count("SELECT count(*) FROM api_tokens"), 1);
}

#[test]
fn a_token_needs_a_name() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    let res = agent.post_json("/api/v1/tokens", json!({"name": "  "}));
    res.assert_status(Status::UnprocessableEntity);
    assert_eq!(res.field_errors("name"), ["is required"]);
}

#[test]
fn a_deactivated_users_token_stops_working() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    let token = agent.post_json("/api/v1/tokens", json!({"name": "t"})).json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    app.db().execute("UPDATE users SET active = 0", []).unwrap();
    app.agent()
        .with_token(&token)
        .me()
        .assert_status(Status::Unauthorized);
    agent.me().assert_status(Status::Unauthorized);
}

#[test]
fn signing_out_with_a_token_says_to_revoke_it() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    let token = agent.post_json("/api/v1/tokens", json!({"name": "t"})).json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .agent()
        .with_token(&token)
        .post_json("/api/v1/auth/logout", json!({}));
    res.assert_status(Status::BadRequest);
    assert!(
        res.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("revoke")
    );
}

#[test]
fn the_tokens_page_shows_a_new_token_once_and_revokes() {
    let app = TestApp::new();
    let agent = app.agent();
    agent.register("ana");

    let created = agent.submit("/account/tokens", "/account/tokens", &[("name", "label printer")]);
    created.assert_status(Status::Ok);
    let value = created.page().select_text(".secret").expect("the token is shown");
    assert!(value.starts_with("tienda_"));
    app.agent().with_token(&value).me().assert_status(Status::Ok);

    let page = agent.get("/account/tokens");
    assert!(page.body.contains("label printer"));
    assert!(!page.body.contains(&value), "shown once only");

    let id: i64 = app
        .db()
        .query_row("SELECT id FROM api_tokens", [], |r| r.get(0))
        .unwrap();
    let action = format!("/account/tokens/{id}/delete");
    let res = agent.submit("/account/tokens", &action, &[]);
    assert_eq!(res.location(), "/account/tokens");
    app.agent()
        .with_token(&value)
        .me()
        .assert_status(Status::Unauthorized);
}

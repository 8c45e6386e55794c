//! The first-run setup link.

use rocket::http::Status;

use crate::helpers::{PASSWORD, TestApp};

fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").expect("a URL").1;
    after_scheme[after_scheme.find('/').expect("a path")..].to_string()
}

#[test]
fn the_setup_link_creates_the_first_admin_once() {
    let app = TestApp::new();
    let link = app.setup_url().expect("a fresh shop has a setup link");
    assert!(link.starts_with("http://127.0.0.1:8000/setup/"), "{link}");
    let path = path_of(&link);
    let agent = app.agent();

    let res = agent.submit(
        &path,
        &path,
        &[
            ("username", "owner"),
            ("email", "owner@example.com"),
            ("password", PASSWORD),
        ],
    );

    assert_eq!(res.location(), "/account");
    let me = agent.me().json();
    assert_eq!(me["role"], "admin");
    assert_eq!(me["username"], "owner");
    assert!(
        agent
            .get("/account")
            .body
            .contains("Your admin account is ready.")
    );

    let again = app.agent();
    again.get(&path).assert_status(Status::NotFound);
    // Not even with a valid form token from another page.
    let page = again.get("/register");
    let token = crate::helpers::csrf_token(&page.body, "/register");
    again
        .post_form(
            &path,
            &[
                ("_csrf", &token),
                ("username", "second"),
                ("email", "s@example.com"),
                ("password", PASSWORD),
            ],
        )
        .assert_status(Status::NotFound);
    assert_eq!(app.count("SELECT count(*) FROM users WHERE role = 'admin'"), 1);
}

#[test]
fn a_wrong_setup_token_is_not_found() {
    let app = TestApp::new();
    app.agent()
        .get("/setup/not-the-token")
        .assert_status(Status::NotFound);
}

#[test]
fn an_invalid_setup_form_keeps_the_link_usable() {
    let app = TestApp::new();
    let path = path_of(&app.setup_url().unwrap());
    let agent = app.agent();

    let res = agent.submit(
        &path,
        &path,
        &[
            ("username", "x"),
            ("email", "owner@example.com"),
            ("password", PASSWORD),
        ],
    );

    res.assert_status(Status::UnprocessableEntity);
    assert!(res.body.contains("Username must be 3 to 32 characters long"));
    agent.get(&path).assert_status(Status::Ok);
}

#[test]
fn a_restart_makes_a_new_link_until_there_is_an_admin() {
    let app = TestApp::new();
    let first = app.setup_url().unwrap();
    let dir = app.stop();

    let app = TestApp::in_dir(dir, |f| f);
    let second = app.setup_url().expect("still no admin");
    assert_ne!(first, second);
    app.agent().get(&path_of(&first)).assert_status(Status::NotFound);
    app.create_user("boss", tienda::auth::Role::Admin);
    let dir = app.stop();

    let app = TestApp::in_dir(dir, |f| f);
    assert_eq!(app.setup_url(), None);
    app.agent().get(&path_of(&second)).assert_status(Status::NotFound);
}

#[test]
fn the_secret_key_is_made_once_privately_and_reused() {
    let app = TestApp::new();
    let key_path = app.dir.path().join("secret.key");
    let key = std::fs::read_to_string(&key_path).expect("a key file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let dir = app.stop();
    let app = TestApp::in_dir(dir, |f| f);
    assert_eq!(std::fs::read_to_string(&key_path).unwrap(), key);
    drop(app);

    let configured =
        TestApp::with(|f| f.merge(("secret_key", "hPRYyVRiMyxpw5sBB1XeCMN1kFsDCqKvBi2QJxBVHQk=")));
    assert!(
        !configured.dir.path().join("secret.key").exists(),
        "a configured key wins"
    );
}

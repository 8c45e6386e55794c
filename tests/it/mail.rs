//! Password reset by e-mail, through the outbox: `.eml` files by default,
//! a real SMTP server (aiosmtpd, started here) when configured.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};
use crate::process::{eventually, free_port};
use tienda::auth::Role;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'));
    files.sort();
    files
}

/// The reset link's token in a delivered message.
fn reset_token(message: &str) -> String {
    let unfolded = message.replace("=\r\n", "").replace("=\n", "");
    let at = unfolded.find("/password-reset/").expect("a reset link") + "/password-reset/".len();
    unfolded[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[test]
fn a_reset_mail_becomes_an_eml_file_and_its_link_sets_a_new_password() {
    let app = TestApp::new();
    let agent = app.signed_in("ana", Role::Customer);
    let outbox = app.dir.path().join("outbox");

    let asked = app
        .agent()
        .post_json("/api/v1/auth/password-reset", json!({"email": "ANA@example.com"}));
    asked.assert_status(Status::Accepted);
    let unknown = app.agent().post_json(
        "/api/v1/auth/password-reset",
        json!({"email": "nobody@example.com"}),
    );
    unknown.assert_status(Status::Accepted);
    assert_eq!(
        asked.body, unknown.body,
        "the answer does not tell who has an account"
    );

    let file = eventually("the .eml file", || files_in(&outbox).into_iter().next());
    let message = std::fs::read_to_string(&file).unwrap();
    assert!(file.to_string_lossy().ends_with("-password_reset.eml"));
    assert!(message.contains("To: ana@example.com"), "{message}");
    assert!(message.contains("Subject: Reset your password"));
    assert_eq!(files_in(&outbox).len(), 1, "nothing for the unknown address");
    // The file is written first, then the row is marked sent.
    eventually("the row marked sent", || {
        (app.count("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL") == 1).then_some(())
    });

    let token = reset_token(&message);
    let weak = app.agent().post_json(
        "/api/v1/auth/password-reset/confirm",
        json!({"token": token, "new_password": "short"}),
    );
    weak.assert_status(Status::UnprocessableEntity);
    app.agent()
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            json!({"token": token, "new_password": "my new password"}),
        )
        .assert_status(Status::NoContent);

    agent.me().assert_status(Status::Unauthorized);
    app.agent()
        .api_login("ana", PASSWORD)
        .assert_status(Status::Unauthorized);
    app.agent()
        .api_login("ana", "my new password")
        .assert_status(Status::Ok);
    let reused = app.agent().post_json(
        "/api/v1/auth/password-reset/confirm",
        json!({"token": token, "new_password": "yet another one"}),
    );
    reused.assert_status(Status::UnprocessableEntity);
    assert!(!reused.field_errors("token").is_empty());
}

#[test]
fn the_reset_pages_work_in_the_browser() {
    let app = TestApp::new();
    app.create_user("ana", Role::Customer);
    let agent = app.agent();

    let res = agent.submit(
        "/password-reset",
        "/password-reset",
        &[("email", "ana@example.com")],
    );
    assert_eq!(res.location(), "/login");
    assert!(agent.get("/login").body.contains("we have sent it a link"));

    let outbox = app.dir.path().join("outbox");
    let file = eventually("the .eml file", || files_in(&outbox).into_iter().next());
    let path = format!(
        "/password-reset/{}",
        reset_token(&std::fs::read_to_string(file).unwrap())
    );
    let weak = agent.submit(&path, &path, &[("new_password", "ana")]);
    weak.assert_status(Status::UnprocessableEntity);
    assert!(
        weak.body
            .contains("New password must be at least 10 characters long")
    );

    let done = agent.submit(&path, &path, &[("new_password", "a fresh password")]);
    assert_eq!(done.location(), "/login");
    agent.get(&path).assert_status(Status::UnprocessableEntity);
    app.agent()
        .api_login("ana", "a fresh password")
        .assert_status(Status::Ok);
}

#[test]
fn an_expired_reset_link_is_refused() {
    let app = TestApp::new();
    app.create_user("ana", Role::Customer);
    app.agent()
        .post_json("/api/v1/auth/password-reset", json!({"email": "ana@example.com"}))
        .assert_status(Status::Accepted);
    let outbox = app.dir.path().join("outbox");
    let file = eventually("the .eml file", || files_in(&outbox).into_iter().next());
    let token = reset_token(&std::fs::read_to_string(file).unwrap());
    app.db()
        .execute(
            "UPDATE password_resets SET expires_at = '2020-01-01T00:00:00Z'",
            [],
        )
        .unwrap();

    app.agent()
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            json!({"token": token, "new_password": "my new password"}),
        )
        .assert_status(Status::UnprocessableEntity);
    app.agent().api_login("ana", PASSWORD).assert_status(Status::Ok);
}

/// aiosmtpd on 127.0.0.1:`port`, storing what it receives in a maildir.
struct SmtpServer {
    child: Child,
    maildir: tempfile::TempDir,
}

impl SmtpServer {
    fn start(port: u16) -> SmtpServer {
        let maildir = tempfile::tempdir().unwrap();
        let child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir.path().join("mail"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (the test command installs it)");
        eventually("the SMTP server to listen", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).ok()
        });
        SmtpServer { child, maildir }
    }

    fn messages(&self) -> Vec<String> {
        files_in(&self.maildir.path().join("mail").join("new"))
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn smtp_app(port: u16) -> TestApp {
    TestApp::with(|f| {
        f.merge(("smtp", json!({"host": "127.0.0.1", "port": port, "tls": "none"})))
            .merge(("mail_from", "Shop <shop@example.com>"))
    })
}

#[test]
fn mail_is_delivered_over_smtp_when_configured() {
    let port = free_port();
    let server = SmtpServer::start(port);
    let app = smtp_app(port);
    app.create_user("ana", Role::Customer);

    app.agent()
        .post_json("/api/v1/auth/password-reset", json!({"email": "ana@example.com"}))
        .assert_status(Status::Accepted);

    let message = eventually("the SMTP delivery", || server.messages().into_iter().next());
    assert!(message.contains("To: ana@example.com"), "{message}");
    assert!(message.contains("From: Shop <shop@example.com>"));
    assert!(!reset_token(&message).is_empty());
    assert!(
        !app.dir.path().join("outbox").exists(),
        "no files when SMTP is configured"
    );
    // The file is written first, then the row is marked sent.
    eventually("the row marked sent", || {
        (app.count("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL") == 1).then_some(())
    });
}

#[test]
fn a_failed_smtp_delivery_is_retried_and_not_lost() {
    let port = free_port();
    let app = smtp_app(port);
    app.create_user("ana", Role::Customer);

    app.agent()
        .post_json("/api/v1/auth/password-reset", json!({"email": "ana@example.com"}))
        .assert_status(Status::Accepted);
    eventually("a failed attempt", || {
        let failed = app.count("SELECT count(*) FROM outbox WHERE attempts >= 1 AND last_error IS NOT NULL");
        (failed == 1).then_some(())
    });
    assert_eq!(app.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL"), 1);

    let server = SmtpServer::start(port);
    let message = eventually("the retried delivery", || server.messages().into_iter().next());
    assert!(message.contains("Subject: Reset your password"));
    eventually("the row marked sent", || {
        (app.count("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL") == 1).then_some(())
    });
}

#[test]
fn the_reset_request_changes_nothing_for_an_unknown_address() {
    let app = TestApp::new();
    let agent = app.agent();
    agent
        .json(
            Method::Post,
            "/api/v1/auth/password-reset",
            json!({"email": "ghost@example.com"}),
        )
        .assert_status(Status::Accepted);
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    assert_eq!(app.count("SELECT count(*) FROM password_resets"), 0);
}

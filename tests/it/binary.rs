//! The `tienda` binary as a shop owner runs it: alone in an empty directory,
//! and its `user` commands.

use std::path::Path;

use crate::process::{BINARY, Server, http_get, tienda};

#[test]
fn the_binary_alone_in_an_empty_directory_is_a_working_shop() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("tienda");
    std::fs::copy(BINARY, &binary).unwrap();

    let mut server = Server::start(&binary, dir.path(), &[]);

    let setup = server.setup_path().expect("the setup link is printed");
    assert_eq!(http_get(server.port, &setup).unwrap().0, 200);
    let (status, home) = http_get(server.port, "/").unwrap();
    assert_eq!(status, 200);
    assert!(home.contains("This shop has no products on sale yet."), "{home}");
    let (status, css) = http_get(server.port, "/static/style.css").unwrap();
    assert_eq!(status, 200);
    assert!(css.contains("text/css") && css.contains("--accent"));
    assert_eq!(http_get(server.port, "/login").unwrap().0, 200);
    let data = dir.path().join("tienda-data");
    assert!(data.join("tienda.db").is_file());
    assert!(data.join("secret.key").is_file());

    assert!(server.terminate().success(), "SIGTERM is a clean stop");
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

#[test]
fn user_create_and_role_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop");

    let made = tienda(
        &data,
        &[
            "user",
            "create",
            "boss",
            "--email",
            "boss@example.com",
            "--role",
            "admin",
        ],
        Some("a long password"),
    );
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(String::from_utf8_lossy(&made.stdout).contains("Created admin boss"));

    let weak = tienda(
        &data,
        &["user", "create", "kim", "--email", "kim@example.com"],
        Some("short"),
    );
    assert!(!weak.status.success());
    assert!(
        stderr(&weak).contains("password: must be at least 10 characters long"),
        "{}",
        stderr(&weak)
    );

    let no_password = tienda(
        &data,
        &["user", "create", "kim", "--email", "kim@example.com"],
        None,
    );
    assert!(!no_password.status.success());
    assert!(
        stderr(&no_password).contains("TIENDA_PASSWORD"),
        "{}",
        stderr(&no_password)
    );

    let bad_role = tienda(
        &data,
        &[
            "user",
            "create",
            "kim",
            "--email",
            "kim@example.com",
            "--role",
            "boss",
        ],
        Some("a long password"),
    );
    assert!(!bad_role.status.success());

    let last_admin = tienda(&data, &["user", "role", "boss", "staff"], None);
    assert!(!last_admin.status.success());
    assert!(
        stderr(&last_admin).contains("last active admin"),
        "{}",
        stderr(&last_admin)
    );

    let second = tienda(
        &data,
        &[
            "user",
            "create",
            "kim",
            "--email",
            "kim@example.com",
            "--role",
            "admin",
        ],
        Some("a long password"),
    );
    assert!(second.status.success(), "{}", stderr(&second));
    let demoted = tienda(&data, &["user", "role", "boss", "staff"], None);
    assert!(demoted.status.success(), "{}", stderr(&demoted));

    let unknown = tienda(&data, &["user", "role", "nobody", "staff"], None);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("no such user"));

    let conn = rusqlite::Connection::open(data.join("tienda.db")).unwrap();
    let roles: Vec<(String, String)> = conn
        .prepare("SELECT username, role FROM users ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        roles,
        [("boss".into(), "staff".into()), ("kim".into(), "admin".into())]
    );
}

#[test]
fn backup_while_serving_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(Path::new(BINARY), dir.path(), &[]);
    let data = dir.path().join("tienda-data");
    let made = tienda(
        &data,
        &["user", "create", "ana", "--email", "ana@example.com"],
        Some("a long password"),
    );
    assert!(made.status.success(), "{}", stderr(&made));

    let copy = dir.path().join("copy.db");
    let backup = tienda(&data, &["backup", copy.to_str().unwrap()], None);
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert_eq!(http_get(server.port, "/healthz").unwrap().0, 200, "still serving");

    let conn = rusqlite::Connection::open(&copy).unwrap();
    let users: i64 = conn
        .query_row("SELECT count(*) FROM users WHERE username = 'ana'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(users, 1);
    let again = tienda(&data, &["backup", copy.to_str().unwrap()], None);
    assert!(!again.status.success(), "an existing file is not overwritten");

    let check = tienda(&data, &["check"], None);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains(": ok"));
    let nothing = tienda(&dir.path().join("empty"), &["check"], None);
    assert!(!nothing.status.success());
    assert!(stderr(&nothing).contains("there is no database"));
}

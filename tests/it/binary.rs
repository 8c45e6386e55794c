//! The `tienda` binary as a shop owner runs it: alone in an empty directory,
//! and its `user` commands.

use crate::process::{BINARY, Server, create_user, http_get, tienda};

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

/// DESIGN.md's command line: `tienda [serve] [--demo]`, so `serve` may be
/// left out with its options too.
#[test]
fn tienda_demo_without_serve_serves_the_demo_shop() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        std::path::Path::new(BINARY),
        dir.path(),
        &["--demo", "--language", "es"],
    );

    let (status, products) = http_get(server.port, "/api/v1/products").unwrap();
    assert_eq!(status, 200);
    let (_, body) = products.split_once("\r\n\r\n").expect("headers, then the body");
    let products: serde_json::Value = serde_json::from_str(body).unwrap();
    assert!(
        products["total"].as_i64().unwrap() > 0,
        "the demo catalog: {products}"
    );
    let (_, home) = http_get(server.port, "/").unwrap();
    assert!(
        home.contains("lang=\"es\""),
        "the demo shop speaks Spanish: {home}"
    );
    assert!(server.terminate().success(), "SIGTERM is a clean stop");

    // A command's arguments are not the server's: mixing them is refused.
    let mixed = tienda(&dir.path().join("tienda-data"), &["--demo", "check"], None);
    assert!(!mixed.status.success(), "{}", mixed.stdout);
    assert!(mixed.stderr.contains("--demo"), "{}", mixed.stderr);
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
    assert!(made.status.success(), "{}", made.stderr);
    assert!(made.stdout.contains("Created admin boss"));

    let weak = tienda(
        &data,
        &["user", "create", "kim", "--email", "kim@example.com"],
        Some("short"),
    );
    assert!(!weak.status.success());
    assert!(
        weak.stderr
            .contains("password: must be at least 10 characters long"),
        "{}",
        weak.stderr
    );

    let no_password = tienda(
        &data,
        &["user", "create", "kim", "--email", "kim@example.com"],
        None,
    );
    assert!(!no_password.status.success());
    assert!(
        no_password.stderr.contains("TIENDA_PASSWORD"),
        "{}",
        no_password.stderr
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
        last_admin.stderr.contains("last active admin"),
        "{}",
        last_admin.stderr
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
    assert!(second.status.success(), "{}", second.stderr);
    let demoted = tienda(&data, &["user", "role", "boss", "staff"], None);
    assert!(demoted.status.success(), "{}", demoted.stderr);

    let unknown = tienda(&data, &["user", "role", "nobody", "staff"], None);
    assert!(!unknown.status.success());
    assert!(unknown.stderr.contains("no such user"));

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
    let server = Server::serve(dir.path());
    let data = dir.path().join("tienda-data");
    create_user(&data, "ana", "customer", "a long password");

    let copy = dir.path().join("copy.db");
    let backup = tienda(&data, &["backup", copy.to_str().unwrap()], None);
    assert!(backup.status.success(), "{}", backup.stderr);
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
    assert!(check.status.success(), "{}", check.stderr);
    assert!(check.stdout.contains(": ok"));
    let nothing = tienda(&dir.path().join("empty"), &["check"], None);
    assert!(!nothing.status.success());
    assert!(nothing.stderr.contains("there is no database"));
}

#[test]
fn a_data_directory_it_cannot_write_is_named_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let mut command = std::process::Command::new("sh");
    // Root may write anywhere: as root the shop is started as `nobody`.
    let as_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if as_root {
        let chown = std::process::Command::new("chown")
            .arg("nobody")
            .arg(&data)
            .status()
            .unwrap();
        assert!(chown.success());
        command.args([
            "-c",
            "exec setpriv --reuid=nobody --regid=nogroup --clear-groups \"$0\" \"$@\"",
        ]);
    } else {
        command.args(["-c", "exec \"$0\" \"$@\""]);
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = command
        .arg(BINARY)
        .arg("--data-dir")
        .arg(&data)
        .env("ROCKET_PORT", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains(&format!("the data directory {} is not usable", data.display())),
        "{stderr}"
    );
    assert!(stderr.contains("--data-dir"), "{stderr}");
}

#[test]
fn an_owner_s_template_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("tienda-data").join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    // As an owner writes one: a copy of the built-in page, on the shop's
    // layout and with its macros, with other words.
    std::fs::write(
        templates.join("error.html.tera"),
        r#"{% extends "base.html" %}{% import "shop/macros.html" as shop %}
{% block title %}{{ title }}{% endblock title %}
{% block content %}<p>Nothing here, friend.</p>{{ shop::search_box(lang=layout.lang) }}{% endblock content %}"#,
    )
    .unwrap();

    let server = Server::start(std::path::Path::new(BINARY), dir.path(), &[]);

    let (status, page) = http_get(server.port, "/no-such-page").unwrap();
    assert_eq!(status, 404);
    assert!(page.contains("Nothing here, friend."), "{page}");
    assert!(
        page.contains("<div class=\"search-box\" role=\"search\">"),
        "{page}"
    );
    assert!(page.contains("href=\"/cart\""), "the shop's header: {page}");
    // The other pages are still the built-in ones.
    let (status, login) = http_get(server.port, "/login").unwrap();
    assert_eq!(status, 200);
    assert!(login.contains("name=\"password\""), "{login}");
}

#[test]
fn a_broken_replacement_template_stops_the_start_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop");
    std::fs::create_dir_all(data.join("templates")).unwrap();
    std::fs::write(data.join("templates").join("error.html.tera"), "<p>{% if %}</p>").unwrap();

    let mut child = std::process::Command::new(BINARY)
        .arg("--data-dir")
        .arg(&data)
        .env("ROCKET_PORT", crate::process::free_port().to_string())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let start = std::time::Instant::now();
    while child.try_wait().expect("the child's status").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("the shop started with a broken template");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("its output");
    assert!(!output.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("error.html"), "{said}");
    assert!(!said.contains("is serving at"), "{said}");
}

//! The shop's backups: admins list them, take one now and download it
//! (API and back office), the schedule takes them by itself and keeps the
//! newest, and `tienda restore` refuses what it should not put in place.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::helpers::TestApp;
use crate::process::{eventually, tienda};
use tienda::auth::Role;

#[test]
fn only_admins_see_take_and_download_backups() {
    let app = TestApp::new();
    app.agent()
        .get("/api/v1/backups")
        .assert_status(Status::Unauthorized);
    for role in [Role::Customer, Role::Staff] {
        let agent = app.token_agent(&format!("u{}", role.as_str()), role);
        agent.get("/api/v1/backups").assert_status(Status::Forbidden);
        agent
            .request(Method::Post, "/api/v1/backups", None, None)
            .assert_status(Status::Forbidden);
        agent
            .get("/api/v1/backups/tienda-20261130-120000.sqlite3")
            .assert_status(Status::Forbidden);
    }

    let admin = app.token_agent("boss", Role::Admin);
    let staff = app.token_agent("clerk", Role::Staff);
    let product = app.product("Lamp").stock(3).create(&staff);
    assert_eq!(admin.get("/api/v1/backups").json(), json!({"items": []}));

    let made = admin.request(Method::Post, "/api/v1/backups", None, None);
    made.assert_status(Status::Created);
    let item = made.json();
    let name = item["name"].as_str().expect("a name").to_string();
    assert!(
        name.starts_with("tienda-") && name.ends_with(".sqlite3"),
        "{name}"
    );
    assert!(item["size_bytes"].as_u64().expect("a size") > 0);
    assert!(item["created_at"].as_str().expect("a time").ends_with('Z'));
    let listed = admin.get("/api/v1/backups").json();
    assert_eq!(listed["items"], json!([item]));

    let download = admin.get(&format!("/api/v1/backups/{name}"));
    download.assert_status(Status::Ok);
    assert_eq!(download.header("Content-Type"), Some("application/vnd.sqlite3"));
    assert!(
        download
            .header("Content-Disposition")
            .is_some_and(|d| d.contains(&name)),
        "saved under its name"
    );
    assert_eq!(download.bytes.len() as u64, item["size_bytes"].as_u64().unwrap());
    let copy = app.dir.path().join("downloaded.sqlite3");
    std::fs::write(&copy, &download.bytes).expect("the download saved");
    let conn = rusqlite::Connection::open(&copy).expect("a database");
    let name_in_backup: String = conn
        .query_row("SELECT name FROM products WHERE id = ?1", [product], |r| r.get(0))
        .expect("the product is in the backup");
    assert_eq!(name_in_backup, "Lamp");

    for bad in [
        "tienda.db",
        "..%2Ftienda.db",
        "secret.key",
        "tienda-20261130-120000.sqlite3",
    ] {
        admin
            .get(&format!("/api/v1/backups/{bad}"))
            .assert_status(Status::NotFound);
    }
}

#[test]
fn the_backups_page_takes_one_and_lists_it() {
    let app = TestApp::new();
    let clerk = app.signed_in_with_form("clerk", Role::Staff);
    clerk.get("/admin/backups").assert_status(Status::Forbidden);
    let admin = app.signed_in_with_form("boss", Role::Admin);
    let page = admin.get("/admin/backups");
    page.assert_status(Status::Ok);
    assert!(page.body.contains("No backups yet."));
    assert!(
        page.body.contains("every 24 hours, and the newest 7 are kept"),
        "{}",
        page.body
    );

    let taken = admin.submit("/admin/backups", "/admin/backups", &[]);
    assert_eq!(taken.location(), "/admin/backups");
    let page = admin.get("/admin/backups");
    assert!(
        page.body.contains("Backed up to tienda-"),
        "the flash names the file"
    );
    let names = page.page().select_texts("#backups .backup-name");
    assert_eq!(names.len(), 1);
    assert!(
        page.body.contains(&format!("/api/v1/backups/{}", names[0])),
        "a download link"
    );
}

#[test]
fn the_schedule_takes_a_backup_when_one_is_due_and_keeps_the_newest() {
    let dir = tempfile::tempdir().expect("a directory");
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).expect("the backups folder");
    // Eight old backups, the newest two days old: one is due, and with
    // the default of seven kept, the two oldest go.
    for day in 1..=8 {
        std::fs::write(
            backups.join(format!("tienda-202611{day:02}-030000.sqlite3")),
            b"old",
        )
        .expect("a file");
    }
    std::fs::write(backups.join("keep-me.txt"), b"not a backup").expect("a file");
    let app = TestApp::in_dir(dir, |f| f.merge(("backup_check_secs", 1)));
    // The test client runs the shop's background tasks only while it
    // answers a request, so each look asks for one.
    let names = || -> Vec<String> {
        app.agent().get("/healthz");
        let mut names: Vec<String> = std::fs::read_dir(app.dir.path().join("backups"))
            .expect("the folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    };
    eventually("an automatic backup", || {
        let names = names();
        names
            .iter()
            .any(|n| n.starts_with("tienda-") && !n.starts_with("tienda-2026110"))
            .then_some(names)
    });
    let after = eventually("the old backups pruned", || {
        let names = names();
        (names.len() == 8).then_some(names)
    });
    assert_eq!(after[0], "keep-me.txt");
    assert!(!after.contains(&"tienda-20261101-030000.sqlite3".to_string()));
    assert!(!after.contains(&"tienda-20261102-030000.sqlite3".to_string()));
    assert!(after.contains(&"tienda-20261103-030000.sqlite3".to_string()));

    // Turned off, no more are taken.
    let admin = app.token_agent("boss", Role::Admin);
    admin
        .json(
            Method::Patch,
            "/api/v1/settings",
            json!({"backup_every_hours": 0}),
        )
        .assert_status(Status::Ok);
    std::fs::remove_file(app.dir.path().join("backups").join(&after[7])).expect("the new backup removed");
    for _ in 0..25 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        assert_eq!(names().len(), 7, "nothing new while backups are off");
    }
}

#[test]
fn a_restore_refuses_what_is_not_a_sound_tienda_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("a directory");
    let data = dir.path().join("data");
    let made = tienda(&data, &["check"], None);
    assert!(!made.success(), "no database yet");
    let created = tienda(
        &data,
        &[
            "user",
            "create",
            "boss",
            "--email",
            "b@example.com",
            "--role",
            "admin",
        ],
        Some("a long password"),
    );
    assert!(created.success(), "{}", created.stderr);
    let before = std::fs::read(data.join("tienda.db")).expect("the database");

    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, b"this is not a database at all, only some words").expect("a file");
    let other = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE notes (text TEXT); PRAGMA user_version = 1;"))
        .expect("another database");
    let newer = dir.path().join("newer.sqlite3");
    let backup = tienda(&data, &["backup", newer.to_str().unwrap()], None);
    assert!(backup.success(), "{}", backup.stderr);
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 999;"))
        .expect("a newer schema");

    for (file, says) in [
        (&garbage, "not a readable SQLite database"),
        (&other, "not a Tienda database"),
        (&newer, "schema version 999, newer than this binary knows"),
        (&dir.path().join("missing.sqlite3"), "there is no file"),
    ] {
        let refused = tienda(&data, &["restore", file.to_str().unwrap()], None);
        assert!(!refused.success(), "{} was restored", file.display());
        assert!(
            refused.stderr.contains(says),
            "{}: {}",
            file.display(),
            refused.stderr
        );
    }
    assert_eq!(
        std::fs::read(data.join("tienda.db")).expect("the database"),
        before,
        "nothing changed"
    );
    let leftovers: Vec<String> = std::fs::read_dir(&data)
        .expect("the data directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains("restoring") || n.contains("replaced"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

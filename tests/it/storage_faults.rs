//! When the database file cannot be read, signed-in requests answer 503
//! (the session is valid; the storage is not), and once the file is whole
//! again the shop serves without a restart.

use rocket::http::Status;

use crate::helpers::TestApp;
use tienda::auth::Role;

#[test]
fn a_damaged_database_is_a_503_and_the_shop_recovers_when_it_is_whole_again() {
    let app = TestApp::new();
    let customer = app.signed_in("ana", Role::Customer);
    let staff = app.token_agent("clerk", Role::Staff);
    let product = app.product("Mug").stock(5).create(&staff);
    customer.get("/api/v1/me").assert_status(Status::Ok);

    // Everything into the main file, which is then overwritten with zeros
    // in place, as a failing disk would hand back.
    let path = app.dir.path().join("tienda.db");
    app.db()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let whole = std::fs::read(&path).expect("the database file");
    std::fs::write(&path, vec![0u8; whole.len()]).expect("damage the file");

    let me = customer.get("/api/v1/me");
    me.assert_status(Status::ServiceUnavailable);
    assert_eq!(me.error_code(), "unavailable", "not 401: the session is valid");
    assert!(me.header("Retry-After").is_some());
    let page = customer.get("/account");
    page.assert_status(Status::ServiceUnavailable);
    assert!(page.body.contains("try again"), "{}", page.body);
    app.agent()
        .get("/healthz")
        .assert_status(Status::ServiceUnavailable);
    let added = customer.post_json(
        "/api/v1/cart/items",
        serde_json::json!({"product_id": product, "quantity": 1}),
    );
    added.assert_status(Status::ServiceUnavailable);

    std::fs::write(&path, &whole).expect("repair the file");
    // Every pooled connection that met the fault was closed; the next
    // requests get fresh ones, with no restart.
    for _ in 0..6 {
        app.agent().get("/healthz").assert_status(Status::Ok);
        customer.get("/api/v1/me").assert_status(Status::Ok);
    }
    customer
        .post_json(
            "/api/v1/cart/items",
            serde_json::json!({"product_id": product, "quantity": 1}),
        )
        .assert_status(Status::Ok);
    assert_eq!(customer.get("/api/v1/cart").json()["items"][0]["quantity"], 1);
}

/// A database file cut to a third (its header intact) or overwritten with
/// something else stops the start with what is wrong and the command that
/// puts the newest backup back; that command then works.
#[test]
fn a_database_cut_short_or_not_sqlite_stops_the_start_and_says_how_to_restore() {
    use crate::process::tienda;
    let app = TestApp::new();
    let staff = app.token_agent("clerk", Role::Staff);
    for n in 0..40 {
        app.product(&format!("Mug {n}")).stock(5).create(&staff);
    }
    let admin = app.token_agent("owner", Role::Admin);
    admin
        .request(rocket::http::Method::Post, "/api/v1/backups", None, None)
        .assert_status(Status::Created);
    app.db()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let dir = app.stop();
    let data = dir.path();
    let path = data.join("tienda.db");
    let whole = std::fs::read(&path).expect("the database file");

    std::fs::write(&path, &whole[..whole.len() / 3]).expect("cut the file");
    let cut = tienda(data, &["check"], None);
    assert!(!cut.success());
    assert!(
        cut.stderr
            .contains("cannot be used: it is cut short: its header counts"),
        "{}",
        cut.stderr
    );
    assert!(!cut.stderr.contains("try again"), "{}", cut.stderr);
    let restore = cut
        .stderr
        .split("tienda restore ")
        .nth(1)
        .map(str::trim)
        .expect("the command to restore the newest backup");
    assert!(restore.contains("backups"), "{restore}");

    std::fs::write(&path, vec![b'x'; whole.len()]).expect("overwrite the file");
    let other = tienda(data, &["check"], None);
    assert!(
        other
            .stderr
            .contains("cannot be used: it is not an SQLite database"),
        "{}",
        other.stderr
    );
    let serve = tienda(data, &["serve"], None);
    assert!(!serve.success());
    assert!(
        serve
            .stderr
            .contains("cannot be used: it is not an SQLite database")
            && serve.stderr.contains("The shop did not start"),
        "{}",
        serve.stderr
    );

    let restored = tienda(data, &["restore", restore], None);
    assert!(restored.success(), "{}", restored.stderr);
    let checked = tienda(data, &["check"], None);
    assert!(checked.success(), "{}{}", checked.stdout, checked.stderr);
    let kept = std::fs::read_dir(data)
        .expect("the data directory")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().contains("replaced-"))
        .expect("the damaged file is kept");
    assert_eq!(std::fs::read(kept.path()).expect("kept"), vec![b'x'; whole.len()]);
}

/// The file emptied in place under the running shop: the health check
/// answers 503 (a monitor's check must not hang), and once the file is
/// back the shop serves and takes writes again, without a restart, and the
/// file is sound.
#[test]
fn a_database_emptied_under_the_shop_is_a_503_and_serves_again_once_it_is_back() {
    let app = TestApp::new();
    let customer = app.signed_in("ana", Role::Customer);
    let staff = app.token_agent("clerk", Role::Staff);
    let product = app.product("Mug").stock(5).create(&staff);
    let path = app.dir.path().join("tienda.db");
    app.db()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    let whole = std::fs::read(&path).expect("the database file");

    std::fs::File::create(&path).expect("empty the file in place");
    for _ in 0..3 {
        let health = app.agent().get("/healthz");
        health.assert_status(Status::ServiceUnavailable);
        assert_eq!(health.json()["db"], "unavailable");
    }
    let add = |quantity: i64| {
        customer.post_json(
            "/api/v1/cart/items",
            serde_json::json!({"product_id": product, "quantity": quantity}),
        )
    };
    add(1).assert_status(Status::ServiceUnavailable);

    std::fs::write(&path, &whole).expect("put the file back");
    crate::process::eventually("the shop to serve again", || {
        (app.agent().get("/healthz").status == Status::Ok && add(2).status == Status::Ok).then_some(())
    });
    assert_eq!(customer.get("/api/v1/cart").json()["items"][0]["quantity"], 2);
    let problems: String = app
        .db()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("an integrity check");
    assert_eq!(problems, "ok");
}

/// Damage the checks before the start cannot see, a page in the middle of
/// the file overwritten: SQLite's quick check after the start finds it,
/// and the health check says 503 with the reason (not SQLite's words).
#[test]
fn damaged_pages_found_after_the_start_turn_the_health_check_to_503_with_the_reason() {
    let dir = TestApp::new().stop();
    let path = dir.path().join("tienda.db");
    let conn = rusqlite::Connection::open(&path).expect("the database");
    conn.execute_batch(
        "CREATE TABLE filler (x BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
         INSERT INTO filler SELECT randomblob(3000) FROM n;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .expect("rows on pages of their own");
    let page: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .expect("a page size");
    let page = usize::try_from(page).expect("a positive page size");
    drop(conn);
    let backup = dir.path().join("before.sqlite3");
    let taken = crate::process::tienda(dir.path(), &["backup", backup.to_str().unwrap()], None);
    assert!(taken.success(), "{}", taken.stderr);
    let mut bytes = std::fs::read(&path).expect("the file");
    let at = (bytes.len() / page - 3) * page;
    bytes[at..at + page].fill(0x5a);
    std::fs::write(&path, &bytes).expect("one page overwritten");

    let app = TestApp::in_dir(dir, |f| f);
    let health = crate::process::eventually("the check to find the damage", || {
        let answer = app.agent().get("/healthz");
        (answer.status == Status::ServiceUnavailable).then(|| answer.json())
    });
    assert_eq!(health["db"], "unavailable");
    assert_eq!(
        health["reason"],
        "the database file is damaged; restore the newest backup"
    );

    // The restore it asks for replaces the damaged file, keeping its bytes.
    let dir = app.stop();
    let restored = crate::process::tienda(dir.path(), &["restore", backup.to_str().unwrap()], None);
    assert!(restored.success(), "{}", restored.stderr);
    let checked = crate::process::tienda(dir.path(), &["check"], None);
    assert!(checked.success(), "{}{}", checked.stdout, checked.stderr);
}

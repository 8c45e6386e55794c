//! What the README's "Deploying it for real" relies on: the example
//! systemd unit is one systemd accepts, and going back to an older binary
//! after an upgrade is refused with a message that says what to do.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::skip;
use crate::process::{BINARY, create_user};

#[test]
fn the_example_systemd_unit_passes_systemd_analyze_verify() {
    let Ok(version) = Command::new("systemd-analyze").arg("--version").output() else {
        return skip("systemd-analyze is not installed (tests/run.sh installs systemd)");
    };
    assert!(version.status.success());
    let unit = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/tienda.service"))
        .expect("deploy/tienda.service");
    // verify also checks that the programs exist: point it at this build
    // and at a stand-in for Litestream.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).expect("a directory");
    std::os::unix::fs::symlink(BINARY, bin.join("tienda")).expect("a link");
    std::os::unix::fs::symlink("/bin/true", bin.join("litestream")).expect("a link");
    let file = dir.path().join("tienda.service");
    let unit = unit.replace("/usr/local/bin/", &format!("{}/", bin.display()));
    std::fs::write(&file, unit).expect("the unit is written");
    let verified = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&file)
        .output()
        .expect("systemd-analyze runs");
    let said = String::from_utf8_lossy(&verified.stderr);
    // Unknown keys and bad values are only warnings for systemd.
    let about_ours: Vec<&str> = said.lines().filter(|l| l.contains("tienda.service")).collect();
    assert!(
        verified.status.success() && about_ours.is_empty(),
        "systemd-analyze verify: {said}"
    );
}

#[test]
fn an_older_binary_refuses_a_database_a_newer_one_upgraded_and_says_what_to_do() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = dir.path().join("tienda-data");
    create_user(&data, "boss", "admin", "a long password");
    let newest: i64 = rusqlite::Connection::open(data.join("tienda.db"))
        .and_then(|c| {
            let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            c.pragma_update(None, "user_version", v + 1)?;
            Ok(v)
        })
        .expect("the schema version is raised");

    let mut child = Command::new(BINARY)
        .arg("--data-dir")
        .arg(&data)
        .arg("serve")
        .env("ROCKET_PORT", crate::process::free_port().to_string())
        .env_remove("ROCKET_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("its status") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tienda serve started on a database newer than it knows");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("its output");
    assert!(!status.success(), "it refused to start");
    let expected = format!(
        "schema version {}, newer than this binary knows ({newest}): a newer Tienda has upgraded it",
        newest + 1
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("tienda restore FILE"), "{stderr}");
}

//! Continuous replication with Litestream, set up as the README says: the
//! shop runs as Litestream's child (`litestream replicate -exec "tienda
//! serve"`, with `TIENDA_LITESTREAM=true`) and replicates to a file replica
//! while customers check out; both are killed with SIGKILL; `litestream
//! restore` into an empty directory gives a shop whose books balance and
//! that holds every order acknowledged more than `MARGIN` before the kill,
//! and a restore to a point in time holds exactly the orders before it.
//!
//! These tests need the `litestream` binary (tests/run.sh installs it):
//! `TIENDA_LITESTREAM_BIN`, else `litestream` on the PATH. Without it they
//! are skipped, except under tests/run.sh, where that fails.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::durability::{Placed, assert_books, orders_in};
use crate::process::{BINARY, Server, free_port, http_get, http_request, tienda};
use crate::shop::Shop;

/// How often Litestream ships the log to the replica in these tests (its
/// default, and the example configuration's).
const SYNC_INTERVAL: &str = "1s";
/// An order acknowledged this long before the machine dies must survive
/// it: the sync interval, plus time for a sync under load to finish.
const MARGIN: Duration = Duration::from_secs(3);
/// The longest any one step may take: a start, a restore.
const STEP_LIMIT: Duration = Duration::from_secs(60);

/// The `litestream` binary, or `None` (with a message) when the tests are
/// to be skipped.
fn litestream() -> Option<PathBuf> {
    let found = match std::env::var_os("TIENDA_LITESTREAM_BIN") {
        Some(bin) => Some(PathBuf::from(bin)),
        None => std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join("litestream"))
                .find(|bin| bin.is_file())
        }),
    };
    match found {
        Some(bin) if bin.is_file() => Some(bin),
        _ => {
            crate::helpers::skip(
                "litestream is not installed (tests/run.sh installs it; or set TIENDA_LITESTREAM_BIN)",
            );
            None
        }
    }
}

/// Kills a whole process group with SIGKILL when dropped: Litestream and
/// the shop it runs, even when a test fails half-way.
struct Group(u32);

impl Group {
    fn kill(&self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0)])
            .stderr(Stdio::null())
            .status();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Litestream replicating `data/tienda.db` to the directory `replica`,
/// running the shop as its child, in a process group of their own. Their
/// output goes to `log`.
fn replicate(litestream: &Path, data: &Path, replica: &Path, log: &Path) -> (Server, Group) {
    let config = data.with_file_name("litestream.yml");
    let yaml = format!(
        "dbs:\n  - path: {}\n    replica:\n      type: file\n      path: {}\n      sync-interval: {SYNC_INTERVAL}\n",
        data.join("tienda.db").display(),
        replica.display()
    );
    std::fs::write(&config, yaml).expect("the configuration is written");
    let serve = format!("{BINARY} serve --data-dir {}", data.display());
    let port = free_port();
    let out = File::create(log).expect("a log file");
    let child = Command::new(litestream)
        .arg("replicate")
        .arg("-config")
        .arg(&config)
        .arg("-exec")
        .arg(serve)
        .env("ROCKET_PORT", port.to_string())
        .env("TIENDA_BCRYPT_COST", "4")
        .env("TIENDA_LITESTREAM", "true")
        .env_remove("ROCKET_CONFIG")
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("the log file"))
        .stderr(out)
        .process_group(0)
        .spawn()
        .expect("litestream starts");
    let group = Group(child.id());
    let mut server = Server {
        child,
        port,
        lines: Vec::new(),
    };
    let start = Instant::now();
    while http_get(port, "/healthz").is_none() {
        if server.child.try_wait().ok().flatten().is_some() || start.elapsed() > STEP_LIMIT {
            let log = std::fs::read_to_string(log).unwrap_or_default();
            panic!("the shop under litestream did not answer:\n{log}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    server.lines = std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    (server, group)
}

/// Runs `command` to its end, for at most `STEP_LIMIT`; panics with its
/// output if it fails.
fn run(mut command: Command, what: &str) -> String {
    let out = tempfile::NamedTempFile::new().expect("a temporary file");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(out.reopen().expect("the file"))
        .stderr(out.reopen().expect("the file"))
        .spawn()
        .unwrap_or_else(|e| panic!("{what} does not start: {e}"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("its status") {
            break status;
        }
        if start.elapsed() > STEP_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {STEP_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = std::fs::read_to_string(out.path()).unwrap_or_default();
    assert!(status.success(), "{what} failed: {output}");
    output
}

/// `litestream restore` of the file replica `replica` into
/// `dir/tienda-data/tienda.db`, at `timestamp` if given; how long it took.
fn restore(litestream: &Path, replica: &Path, dir: &Path, timestamp: Option<&str>) -> Duration {
    let mut command = Command::new(litestream);
    command.arg("restore");
    if let Some(t) = timestamp {
        command.args(["-timestamp", t]);
    }
    command
        .arg("-o")
        .arg(dir.join("tienda-data").join("tienda.db"))
        .arg(format!("file://{}", replica.display()));
    let start = Instant::now();
    run(command, "litestream restore");
    start.elapsed()
}

/// An order the shop acknowledged, and when.
#[derive(Clone)]
struct Acked {
    order: Placed,
    at: Instant,
}

/// Customers `{name}0`, `{name}1`… placing one-line orders until `stop`
/// or until the shop no longer answers.
fn buyer(shop: &Shop, products: &[i64], name: &str, stop: &AtomicBool, acked: &Mutex<Vec<Acked>>) {
    let mut cookie = String::new();
    for n in 0usize.. {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        // The shop may limit how many unpaid orders one address holds.
        if n % 3 == 0 {
            match shop.try_customer(&format!("{name}{}", n / 3), &[]) {
                Some(c) => cookie = c,
                None => return,
            }
        }
        if shop
            .try_add_to_cart(&cookie, products[n % products.len()], 1 + n as i64 % 2)
            .is_none()
        {
            return;
        }
        let Some(answer) = shop.try_checkout(&cookie, &format!("{name}o{n}"), None) else {
            return;
        };
        assert_eq!(answer.status, 201, "{}", answer.raw);
        let order = Placed::from(&answer);
        acked.lock().expect("no thread panicked").push(Acked {
            order,
            at: Instant::now(),
        });
    }
}

/// `buyers` customers checking out for `duration`, then `then` (while they
/// still do), then they stop; the orders acknowledged.
fn checkouts(
    shop: &Shop,
    products: &[i64],
    batch: &str,
    duration: Duration,
    then: impl FnOnce(),
) -> Vec<Acked> {
    const BUYERS: usize = 3;
    let stop = AtomicBool::new(false);
    let acked = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for b in 0..BUYERS {
            let (stop, acked) = (&stop, &acked);
            s.spawn(move || buyer(shop, products, &format!("{batch}b{b}c"), stop, acked));
        }
        std::thread::sleep(duration);
        then();
        stop.store(true, Ordering::Relaxed);
    });
    acked.into_inner().expect("no thread panicked")
}

fn ids(orders: &[Acked]) -> Vec<i64> {
    orders.iter().map(|a| a.order.id).collect()
}

/// A new shop that Litestream runs (`replicate -exec`), replicating to
/// `replica`, and the process group of the two.
fn replicated_shop(litestream: &Path, replica: &Path, log: &Path) -> (Shop, Group) {
    let mut group = None;
    let shop = Shop::start_with(|data| {
        let (server, g) = replicate(litestream, data, replica, log);
        group = Some(g);
        server
    });
    (shop, group.expect("litestream started"))
}

fn placed(orders: &[Acked]) -> Vec<Placed> {
    orders.iter().map(|a| a.order.clone()).collect()
}

#[test]
fn a_shop_replicated_by_litestream_and_killed_restores_every_order_older_than_the_sync_interval() {
    let Some(litestream) = litestream() else { return };
    let work = tempfile::tempdir().expect("a temporary directory");
    let replica = work.path().join("replica");
    let log = work.path().join("litestream.log");
    let (shop, group) = replicated_shop(&litestream, &replica, &log);
    assert!(
        shop.server.lines.iter().any(|l| l.contains("left to Litestream")),
        "the shop says it leaves checkpoints to Litestream"
    );
    let initial: Vec<(i64, i64)> = (0..3)
        .map(|i| (shop.product(&format!("Lamp {i}"), 100_000), 100_000))
        .collect();
    let products: Vec<i64> = initial.iter().map(|&(p, _)| p).collect();

    // Before T: a batch, then quiet for longer than the margin.
    let before = checkouts(&shop, &products, "a", Duration::from_secs(3), || {});
    std::thread::sleep(MARGIN);
    let point = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    std::thread::sleep(Duration::from_secs(2));

    // After T: orders until both processes die, a backup taken meanwhile.
    let backup = work.path().join("taken-under-litestream.sqlite3");
    let mut killed_at = None;
    let after = checkouts(&shop, &products, "b", Duration::from_secs(5), || {
        let taken = tienda(
            shop.data_dir(),
            &["backup", backup.to_str().expect("UTF-8")],
            None,
        );
        assert!(
            taken.success(),
            "tienda backup under litestream: {}",
            taken.stderr
        );
        std::thread::sleep(Duration::from_secs(2));
        group.kill();
        killed_at = Some(Instant::now());
    });
    let killed_at = killed_at.expect("the processes were killed");
    assert!(!before.is_empty() && !after.is_empty(), "orders were placed");

    // Everything, into an empty directory.
    let latest = work.path().join("latest");
    let took = restore(&litestream, &replica, &latest, None);
    let data = latest.join("tienda-data");
    let all: Vec<Acked> = before.iter().chain(&after).cloned().collect();
    let old_enough: Vec<Acked> = all
        .iter()
        .filter(|a| killed_at.duration_since(a.at) > MARGIN)
        .cloned()
        .collect();
    let stored = orders_in(&data.join("tienda.db"));
    let missing: Vec<&Acked> = all.iter().filter(|a| !stored.contains(&a.order)).collect();
    let window = missing
        .iter()
        .map(|a| killed_at.duration_since(a.at))
        .max()
        .unwrap_or_default();
    eprintln!(
        "{} orders acknowledged, {} restored from the replica in {:.2} s; {} missing, \
         acknowledged at most {:.2} s before the kill (sync interval {SYNC_INTERVAL}, margin {MARGIN:?})",
        all.len(),
        stored.len(),
        took.as_secs_f64(),
        missing.len(),
        window.as_secs_f64()
    );
    assert_books(&data, &placed(&old_enough), &initial);

    // The restored shop serves, and its sessions came along.
    let restored = Server::serve(&latest);
    let newest = old_enough.last().expect("an order old enough").order.id;
    let cookie = format!("tienda_session={}", shop.admin);
    let answer = http_request(
        restored.port,
        "GET",
        &format!("/api/v1/orders/{newest}"),
        &[("Cookie", &cookie)],
        "",
    );
    assert_eq!(
        answer.map(|a| a.0),
        Some(200),
        "order {newest} in the restored shop"
    );
    drop(restored);

    // The backup taken while Litestream ran is sound too.
    let checked = tienda(
        &work.path().join("from-backup"),
        &["restore", backup.to_str().expect("UTF-8")],
        None,
    );
    assert!(checked.success(), "the backup restores: {}", checked.stderr);

    // To the point in time between the batches.
    let earlier = work.path().join("earlier");
    restore(&litestream, &replica, &earlier, Some(&point));
    let data = earlier.join("tienda-data");
    assert_books(&data, &placed(&before), &initial);
    let stored: Vec<i64> = orders_in(&data.join("tienda.db")).iter().map(|p| p.id).collect();
    let later: Vec<i64> = ids(&after).into_iter().filter(|id| stored.contains(id)).collect();
    assert!(
        later.is_empty(),
        "orders placed after {point} are in the restore to {point}: {later:?}"
    );
    assert_eq!(stored.len(), before.len(), "only the orders before {point}");
}

#[test]
fn the_example_litestream_configuration_is_valid() {
    let Some(litestream) = litestream() else { return };
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/litestream.yml");
    let mut command = Command::new(litestream);
    command
        .arg("databases")
        .arg("-config")
        .arg(&config)
        .env("TIENDA_S3_BUCKET", "shop-backups")
        .env("TIENDA_S3_REGION", "eu-west-1")
        .env("TIENDA_S3_ACCESS_KEY_ID", "id")
        .env("TIENDA_S3_SECRET_ACCESS_KEY", "secret");
    let listed = run(command, "litestream databases");
    assert!(
        listed.contains("/var/lib/tienda/tienda.db") && listed.contains("s3"),
        "{listed}"
    );
}

/// SIGTERM to the process `pid`, as `systemctl stop` sends it.
fn terminate(pid: u32) {
    let sent = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    assert!(sent.is_ok_and(|s| s.success()), "kill -TERM failed");
}

/// Waits until `server` has ended.
fn wait_until_ended(server: &mut Server) {
    let start = Instant::now();
    while server.child.try_wait().expect("its status").is_none() {
        assert!(start.elapsed() < STEP_LIMIT, "litestream did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn litestream_syncs_as_it_stops_and_replicates_a_backup_restored_under_it() {
    let Some(litestream) = litestream() else { return };
    let work = tempfile::tempdir().expect("a temporary directory");
    let replica = work.path().join("replica");
    let log = work.path().join("litestream.log");
    // The group is kept for its drop, which kills what is left of it.
    let (mut shop, _first) = replicated_shop(&litestream, &replica, &log);
    let initial = vec![(shop.product("Lamp", 100_000), 100_000)];
    let products = [initial[0].0];

    let kept = checkouts(&shop, &products, "a", Duration::from_secs(1), || {});
    let backup = work.path().join("backup.sqlite3");
    let taken = tienda(
        shop.data_dir(),
        &["backup", backup.to_str().expect("UTF-8")],
        None,
    );
    assert!(taken.success(), "{}", taken.stderr);
    // Stopped while customers check out, as `systemctl stop` would.
    let pid = shop.server.child.id();
    let undone = checkouts(&shop, &products, "b", Duration::from_secs(1), || terminate(pid));
    wait_until_ended(&mut shop.server);
    assert!(!kept.is_empty() && !undone.is_empty(), "orders were placed");
    let stopped = work.path().join("stopped");
    restore(&litestream, &replica, &stopped, None);
    let all: Vec<Acked> = kept.iter().chain(&undone).cloned().collect();
    assert_books(&stopped.join("tienda-data"), &placed(&all), &initial);

    // Back to the backup, with the shop stopped; then replicating again.
    let restored = tienda(
        shop.data_dir(),
        &["restore", backup.to_str().expect("UTF-8")],
        None,
    );
    assert!(restored.success(), "{}", restored.stderr);
    let (server, group) = replicate(&litestream, shop.data_dir(), &replica, &log);
    shop.server = server;
    let later = checkouts(&shop, &products, "c", Duration::from_secs(1), || {});
    std::thread::sleep(MARGIN);
    drop(group);

    let latest = work.path().join("latest");
    restore(&litestream, &replica, &latest, None);
    let data = latest.join("tienda-data");
    let expected: Vec<Acked> = kept.iter().chain(&later).cloned().collect();
    assert_books(&data, &placed(&expected), &initial);
    assert_eq!(
        orders_in(&data.join("tienda.db")).len(),
        expected.len(),
        "the orders undone by the restore stay undone"
    );
}

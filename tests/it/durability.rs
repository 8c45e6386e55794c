//! What ends or strains a process does not cost orders: `kill -9` in the
//! middle of checkouts loses no acknowledged order and leaves the stock
//! books balanced, `tienda backup` finishes while the shop takes orders and
//! holds every order acknowledged before it, and the server raises its open
//! files limit so idle clients cannot lock everyone out.
//!
//! Every bound here (rounds, orders, seconds) keeps the tests short; none
//! is a speed requirement.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::ScopedJoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, params};

use crate::process::{BINARY, Server, http_get, http_request_bytes, tienda};
use crate::shop::{Answer, Shop};

/// An order the server acknowledged (201): its id and its lines, as
/// (product, quantity) sorted by product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub id: i64,
    pub lines: Vec<(i64, i64)>,
}

impl Placed {
    pub fn from(answer: &Answer) -> Placed {
        let id = answer.body["id"].as_i64().expect("an order id");
        let mut lines: Vec<(i64, i64)> = answer.body["items"]
            .as_array()
            .expect("the order's items")
            .iter()
            .map(|item| {
                let product = item["product_id"].as_i64().expect("product_id");
                (product, item["quantity"].as_i64().expect("quantity"))
            })
            .collect();
        lines.sort_unstable();
        Placed { id, lines }
    }
}

/// A checkout that was sent but never answered: the server died first.
struct Unanswered {
    cookie: String,
    key: String,
}

/// The orders one customer places before the next one signs up: the shop
/// may limit how many unpaid orders one address holds.
const ORDERS_PER_CUSTOMER: usize = 3;

/// Customers placing orders, on several threads, into `placed`.
struct Load<'a> {
    shop: &'a Shop,
    products: &'a [i64],
    stop: &'a AtomicBool,
    placed: &'a Mutex<Vec<Placed>>,
}

impl Load<'_> {
    fn placed(&self) -> Vec<Placed> {
        self.placed.lock().expect("no thread panicked").clone()
    }

    /// Customers named `{name}c0`, `{name}c1`… place up to `max_orders`
    /// orders of one to three lines, until `stop` or until the server no
    /// longer answers; then the checkout left unanswered, if one was.
    fn buyer(&self, name: &str, max_orders: usize) -> Option<Unanswered> {
        let mut cookie = String::new();
        for n in 0..max_orders {
            if self.stop.load(Ordering::Relaxed) {
                return None;
            }
            if n % ORDERS_PER_CUSTOMER == 0 {
                let customer = format!("{name}c{}", n / ORDERS_PER_CUSTOMER);
                cookie = self.shop.try_customer(&customer, &[])?;
            }
            for line in 0..1 + n % 3 {
                let product = self.products[(n + line) % self.products.len()];
                let quantity = 1 + (n + line) as i64 % 2;
                self.shop.try_add_to_cart(&cookie, product, quantity)?;
            }
            let key = format!("{name}o{n}");
            let Some(answer) = self.shop.try_checkout(&cookie, &key, None) else {
                return Some(Unanswered { cookie, key });
            };
            assert_eq!(answer.status, 201, "{}", answer.raw);
            let placed = Placed::from(&answer);
            self.placed.lock().expect("no thread panicked").push(placed);
        }
        None
    }
}

/// The orders in the database at `db`, as `Placed`.
pub fn orders_in(db: &Path) -> Vec<Placed> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("the database opens");
    let mut stmt = conn
        .prepare("SELECT order_id, product_id, quantity FROM order_items ORDER BY order_id, product_id")
        .expect("a query");
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))
        .expect("order items");
    let mut orders: Vec<Placed> = Vec::new();
    for row in rows {
        let (id, product, quantity) = row.expect("an order item");
        match orders.last_mut() {
            Some(last) if last.id == id => last.lines.push((product, quantity)),
            _ => orders.push(Placed {
                id,
                lines: vec![(product, quantity)],
            }),
        }
    }
    orders
}

/// That every order in `acknowledged` is in the database at `db` with the
/// lines it was acknowledged with, and that the stock books balance: for
/// each product its stock plus what orders not cancelled hold is its
/// `initial` stock, its stock is the sum of its movements, and every order's
/// `sale` movements are its lines. Then `tienda check` of `data_dir`.
#[track_caller]
pub fn assert_books(data_dir: &Path, acknowledged: &[Placed], initial: &[(i64, i64)]) {
    let db = data_dir.join("tienda.db");
    let stored = orders_in(&db);
    let lost: Vec<&Placed> = acknowledged
        .iter()
        .filter(|placed| !stored.contains(placed))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged orders are missing or changed: {lost:?}",
        lost.len(),
        acknowledged.len()
    );

    let conn =
        Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("the database opens");
    let number = |sql: &str, product: i64| -> i64 {
        conn.query_row(sql, params![product], |r| r.get(0))
            .expect("a number")
    };
    for &(product, stock) in initial {
        let now = number("SELECT stock FROM products WHERE id = ?1", product);
        let held = number(
            "SELECT coalesce(sum(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id
             WHERE i.product_id = ?1 AND o.status != 'cancelled'",
            product,
        );
        assert_eq!(
            now + held,
            stock,
            "product {product}: stock {now}, in orders {held}"
        );
        let moved = number(
            "SELECT coalesce(sum(delta), 0) FROM stock_movements WHERE product_id = ?1",
            product,
        );
        assert_eq!(moved, now, "product {product}: its movements add up to {moved}");
    }
    let unmatched: i64 = conn
        .query_row(
            "SELECT count(*) FROM order_items i
             WHERE i.quantity != (SELECT -coalesce(sum(m.delta), 0) FROM stock_movements m
                                  WHERE m.order_id = i.order_id AND m.product_id = i.product_id
                                    AND m.reason = 'sale')",
            [],
            |r| r.get(0),
        )
        .expect("a count");
    assert_eq!(unmatched, 0, "order lines without their sale movements");
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM stock_movements
             WHERE reason = 'sale' AND order_id NOT IN (SELECT id FROM orders)",
            [],
            |r| r.get(0),
        )
        .expect("a count");
    assert_eq!(orphans, 0, "sale movements of orders that are not there");

    let check = tienda(data_dir, &["check"], None);
    assert!(check.success(), "tienda check: {}{}", check.stdout, check.stderr);
}

/// Waits, at most `limit`, until `done` holds or every thread has ended.
fn wait_for(threads: &[ScopedJoinHandle<'_, Option<Unanswered>>], limit: Duration, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() && start.elapsed() < limit && !threads.iter().all(|t| t.is_finished()) {
        std::thread::sleep(Duration::from_millis(10));
    }
}

const ROUNDS: usize = 3;
const BUYERS: usize = 4;

#[test]
fn kill_9_during_checkouts_loses_no_acknowledged_order() {
    let mut shop = Shop::start();
    let initial: Vec<(i64, i64)> = (0..4)
        .map(|i| (shop.product(&format!("Lamp {i}"), 100_000), 100_000))
        .collect();
    let products: Vec<i64> = initial.iter().map(|&(p, _)| p).collect();
    let mut acknowledged: Vec<Placed> = Vec::new();
    for round in 0..ROUNDS {
        let stop = AtomicBool::new(false);
        let placed = Mutex::new(Vec::new());
        let load = Load {
            shop: &shop,
            products: &products,
            stop: &stop,
            placed: &placed,
        };
        let unanswered: Vec<Unanswered> = std::thread::scope(|s| {
            let threads: Vec<_> = (0..BUYERS)
                .map(|b| {
                    let load = &load;
                    s.spawn(move || load.buyer(&format!("r{round}b{b}"), 1000))
                })
                .collect();
            // Kill at a different point of each round, once orders flow.
            wait_for(&threads, Duration::from_secs(10), || {
                placed.lock().is_ok_and(|p| p.len() >= 10)
            });
            std::thread::sleep(Duration::from_millis(300 + 400 * round as u64));
            shop.server.sigkill();
            stop.store(true, Ordering::Relaxed);
            threads
                .into_iter()
                .filter_map(|t| t.join().expect("a buyer thread"))
                .collect()
        });
        let placed_now = load.placed();
        assert!(!placed_now.is_empty(), "round {round}: no order was placed");
        acknowledged.extend(placed_now);

        shop.restart();
        // A checkout the crash left unanswered is settled by sending it
        // again with its key: the order it made (200), or a new one (201).
        let settled = unanswered.len();
        for Unanswered { cookie, key } in unanswered {
            let again = shop.checkout(&cookie, &key, None);
            assert!([200, 201].contains(&again.status), "{}", again.raw);
            acknowledged.push(Placed::from(&again));
        }
        eprintln!(
            "round {round}: {} orders acknowledged in all, {settled} unanswered checkouts settled",
            acknowledged.len()
        );
        assert_books(shop.data_dir(), &acknowledged, &initial);
    }
}

/// A PNG of `side` × `side` pixels of noise, which no compression shrinks:
/// about 3 bytes a pixel.
fn noise_png(side: u32, seed: u64) -> Vec<u8> {
    // xorshift: any bytes will do, but the same ones every run.
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let pixels: Vec<u8> = (0..side * side * 3)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("a PNG header");
    writer.write_image_data(&pixels).expect("PNG data");
    writer.finish().expect("a whole PNG");
    out
}

/// Uploads `png` as an image of `product`, as the admin.
fn add_image(shop: &Shop, product: i64, png: &[u8]) {
    const BOUNDARY: &str = "tienda-test-boundary";
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"noise.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(png);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let cookie = format!("tienda_session={}", shop.admin);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let headers = [
        ("Cookie", cookie.as_str()),
        ("Content-Type", content_type.as_str()),
    ];
    let path = format!("/api/v1/products/{product}/images");
    let (status, answer) =
        http_request_bytes(shop.server.port, "POST", &path, &headers, &body).expect("the server answers");
    assert_eq!(status, 201, "{answer}");
}

/// Enough customers to keep the shop writing all the time.
const BACKUP_BUYERS: usize = 6;

/// A child process killed when dropped, for a test that fails while it runs.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_backup_under_steady_checkouts_finishes_and_restores_every_earlier_order() {
    let mut shop = Shop::start();
    let initial: Vec<(i64, i64)> = (0..4)
        .map(|i| (shop.product(&format!("Lamp {i}"), 500_000), 500_000))
        .collect();
    let products: Vec<i64> = initial.iter().map(|&(p, _)| p).collect();
    // About 45 MB of pictures: an online backup copied in slices of 1,000
    // pages (4 MB) started over whenever an order came between two of
    // them, so under this load it never finished.
    for (i, &product) in products.iter().enumerate() {
        for j in 0..3 {
            add_image(&shop, product, &noise_png(1_100, (i * 3 + j) as u64));
        }
    }
    let pages = shop.count("PRAGMA page_count");
    assert!(pages > 10_000, "the database has only {pages} pages");

    let stop = AtomicBool::new(false);
    let placed = Mutex::new(Vec::new());
    let load = Load {
        shop: &shop,
        products: &products,
        stop: &stop,
        placed: &placed,
    };
    let file = shop.data_dir().with_file_name("backup.db");
    let (before, backup) = std::thread::scope(|s| {
        let threads: Vec<_> = (0..BACKUP_BUYERS)
            .map(|b| {
                let load = &load;
                s.spawn(move || load.buyer(&format!("b{b}"), 20_000))
            })
            .collect();
        wait_for(&threads, Duration::from_secs(10), || {
            placed.lock().is_ok_and(|p| p.len() >= 20)
        });
        let before = load.placed();
        let started = Instant::now();
        let child = Command::new(BINARY)
            .arg("--data-dir")
            .arg(shop.data_dir())
            .arg("backup")
            .arg(&file)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut backup = Running(child);
        let status = loop {
            if let Some(status) = backup.0.try_wait().expect("the backup's status") {
                break Some(status);
            }
            if started.elapsed() > Duration::from_secs(60) {
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let during = load.placed().len() - before.len();
        stop.store(true, Ordering::Relaxed);
        for thread in threads {
            thread.join().expect("a buyer thread");
        }
        eprintln!(
            "the backup took {:.1} s; {during} orders were placed meanwhile",
            started.elapsed().as_secs_f64()
        );
        (before, status.map(|s| (s, backup)))
    });
    let Some((status, mut backup)) = backup else {
        panic!("tienda backup did not finish within 60 s while the shop took orders");
    };
    let mut stderr = String::new();
    if let Some(mut err) = backup.0.stderr.take() {
        use std::io::Read;
        let _ = err.read_to_string(&mut stderr);
    }
    assert!(status.success(), "tienda backup: {stderr}");
    assert_eq!(http_get(shop.server.port, "/healthz").map(|a| a.0), Some(200));

    let file = file.to_str().expect("a UTF-8 path");
    let refused = tienda(shop.data_dir(), &["restore", file], None);
    assert!(!refused.success(), "a restore under a serving shop is refused");
    assert!(refused.stderr.contains("stop it first"), "{}", refused.stderr);

    shop.server.stop();
    let restored = tienda(shop.data_dir(), &["restore", file], None);
    assert!(restored.success(), "tienda restore: {}", restored.stderr);
    assert!(restored.stdout.contains("Restored"), "{}", restored.stdout);
    let kept = std::fs::read_dir(shop.data_dir())
        .expect("the data directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .any(|name| name.starts_with("tienda.db.replaced-"));
    assert!(kept, "the replaced database is kept beside the restored one");
    assert_books(shop.data_dir(), &before, &initial);
}

/// The soft and hard "Max open files" of the process `pid` ("self" for
/// this one); `None` for "unlimited".
fn open_files_limits(pid: &str) -> (Option<u64>, Option<u64>) {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("the process's limits");
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .expect("a line for open files");
    let mut values = line["Max open files".len()..]
        .split_whitespace()
        .map(|v| v.parse::<u64>().ok());
    let soft = values.next().expect("a soft limit");
    let hard = values.next().expect("a hard limit");
    (soft, hard)
}

#[test]
fn the_server_raises_its_open_files_soft_limit_to_the_hard_limit() {
    let (_, hard) = open_files_limits("self");
    if hard.is_some_and(|hard| hard <= 256) {
        return crate::helpers::skip(&format!(
            "the hard limit of open files is {hard:?}, no more than 256"
        ));
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    // The shell lowers the soft limit and becomes the binary (same pid).
    let lowered = "ulimit -Sn 256 && exec \"$0\" \"$@\"";
    let server = Server::start(Path::new("sh"), dir.path(), &["-c", lowered, BINARY]);
    let (soft, server_hard) = open_files_limits(&server.child.id().to_string());
    assert_eq!(server_hard, hard, "the hard limit is inherited");
    assert_eq!(soft, hard, "the soft limit is raised to the hard limit");
}

//! The checkout benchmark of DESIGN.md: many customers, each signing in
//! once, then for a bounded time adding 3 products to the cart and checking
//! out, over and over, on keep-alive connections. Prints the orders per
//! second, the checkout's latency percentiles and what every other answer
//! was; `bench/run.sh` runs it and then checks the stock against the units
//! sold.
//!
//!   checkout_bench PORT CUSTOMERS CONNECTIONS SECONDS PRODUCTS_FILE
//!
//! PRODUCTS_FILE holds the ids of the products to buy, one per line. The
//! customers `bench0`, `bench1`, ... are registered by this program (the
//! server should run with a low bcrypt cost, as sign-in is not what is
//! measured).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench password 1";

/// One keep-alive HTTP/1.1 connection.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Connection {
    fn open(port: u16) -> Connection {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("the server listens");
        stream.set_nodelay(true).expect("nodelay");
        Connection {
            reader: BufReader::new(stream.try_clone().expect("clone")),
            writer: stream,
        }
    }

    /// Sends a JSON request; returns the status, the session cookie if one
    /// was set, and the body.
    fn send(
        &mut self,
        path: &str,
        cookie: &str,
        key: Option<&str>,
        body: &str,
    ) -> (u16, Option<String>, String) {
        let mut head = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
        if !cookie.is_empty() {
            head.push_str(&format!("Cookie: tienda_session={cookie}\r\n"));
        }
        if let Some(key) = key {
            head.push_str(&format!("Idempotency-Key: {key}\r\n"));
        }
        head.push_str("\r\n");
        head.push_str(body);
        self.writer.write_all(head.as_bytes()).expect("request written");
        self.read_answer()
    }

    fn read_answer(&mut self) -> (u16, Option<String>, String) {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("status line");
        let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let (mut length, mut cookie) = (0, None);
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("header");
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if let Some(value) = lower.strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
            if lower.starts_with("set-cookie: tienda_session=") {
                let value = &header["set-cookie: tienda_session=".len()..];
                cookie = value.split(';').next().map(str::to_string);
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("body");
        (status, cookie, String::from_utf8_lossy(&body).into_owned())
    }
}

/// A small deterministic generator, so that runs buy the same things.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[derive(Default)]
struct Tally {
    orders: u64,
    other: std::collections::BTreeMap<String, u64>,
    checkout_micros: Vec<u64>,
}

fn sign_in(conn: &mut Connection, name: &str) -> String {
    let registration =
        format!(r#"{{"username":"{name}","email":"{name}@example.com","password":"{PASSWORD}"}}"#);
    let (status, _, body) = conn.send("/api/v1/auth/register", "", None, &registration);
    // 422: registered by an earlier run on the same database.
    assert!(status == 201 || status == 422, "register {name}: {status} {body}");
    let login = format!(r#"{{"username":"{name}","password":"{PASSWORD}"}}"#);
    let (status, cookie, body) = conn.send("/api/v1/auth/login", "", None, &login);
    assert_eq!(status, 200, "login {name}: {body}");
    cookie.expect("a session cookie")
}

const CHECKOUT: &str = r#"{"shipping_address":{"name":"Bench","line1":"1 Load St","city":"Lyon","postal_code":"69001","country":"France"},"payment_method":"cash_on_delivery"}"#;

/// One connection's customers, in turn, until `until`.
fn shop(
    port: u16,
    customers: Vec<String>,
    products: Arc<Vec<i64>>,
    start: Arc<Barrier>,
    seconds: u64,
    tally: Arc<Mutex<Tally>>,
) {
    let mut conn = Connection::open(port);
    let cookies: Vec<String> = customers.iter().map(|name| sign_in(&mut conn, name)).collect();
    // Keys differ from run to run, so that a second run on the same
    // database places new orders rather than replaying the first run's.
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ customers.len() as u64 ^ (cookies[0].len() as u64) << 32);
    let mut mine = Tally::default();
    start.wait();
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut round = 0;
    while Instant::now() < until {
        for (customer, cookie) in customers.iter().zip(&cookies) {
            for _ in 0..3 {
                let product = products[rng.below(products.len())];
                let line = format!(r#"{{"product_id":{product},"quantity":1}}"#);
                let (status, _, _) = conn.send("/api/v1/cart/items", cookie, None, &line);
                if status != 200 {
                    *mine.other.entry(format!("cart {status}")).or_default() += 1;
                }
            }
            let key = format!("{customer}-{run}-{round}");
            let began = Instant::now();
            let (status, _, body) = conn.send("/api/v1/checkout", cookie, Some(&key), CHECKOUT);
            mine.checkout_micros.push(began.elapsed().as_micros() as u64);
            if status == 201 {
                mine.orders += 1;
            } else {
                let code = body.split("\"code\":\"").nth(1).and_then(|r| r.split('"').next());
                *mine
                    .other
                    .entry(format!("checkout {status} {}", code.unwrap_or("")))
                    .or_default() += 1;
            }
        }
        round += 1;
    }
    let mut tally = tally.lock().expect("tally");
    tally.orders += mine.orders;
    tally.checkout_micros.extend(mine.checkout_micros);
    for (what, n) in mine.other {
        *tally.other.entry(what).or_default() += n;
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(0) as f64 / 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, port, customers, connections, seconds, products] = args.as_slice() else {
        eprintln!("usage: checkout_bench PORT CUSTOMERS CONNECTIONS SECONDS PRODUCTS_FILE");
        std::process::exit(2);
    };
    let number = |s: &str| s.parse::<u64>().expect("a number");
    let (port, customers, connections, seconds) = (
        number(port) as u16,
        number(customers) as usize,
        number(connections) as usize,
        number(seconds),
    );
    let products: Vec<i64> = std::fs::read_to_string(products)
        .expect("the products file")
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    let products = Arc::new(products);
    let start = Arc::new(Barrier::new(connections + 1));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let threads: Vec<_> = (0..connections)
        .map(|c| {
            let names = (c..customers)
                .step_by(connections)
                .map(|i| format!("bench{i}"))
                .collect();
            let (products, start, tally) = (products.clone(), start.clone(), tally.clone());
            std::thread::spawn(move || shop(port, names, products, start, seconds, tally))
        })
        .collect();
    start.wait();
    let began = Instant::now();
    for thread in threads {
        thread.join().expect("a connection's thread");
    }
    let elapsed = began.elapsed().as_secs_f64();
    let mut tally = tally.lock().expect("tally");
    tally.checkout_micros.sort_unstable();
    let micros = &tally.checkout_micros;
    println!(
        "orders={} seconds={elapsed:.1} orders_per_sec={:.0} checkouts={} checkout_p50_ms={:.2} checkout_p99_ms={:.2} requests_per_sec={:.0}",
        tally.orders,
        tally.orders as f64 / elapsed,
        micros.len(),
        percentile(micros, 0.50),
        percentile(micros, 0.99),
        micros.len() as f64 * 4.0 / elapsed,
    );
    for (what, n) in &tally.other {
        println!("other: {what} x{n}");
    }
}

//! Many customers at once against the real binary: never more sold than
//! there is, a coupon never used more than allowed, one order per
//! idempotency key, and lifecycle steps that race each other settle on one.

use std::sync::{Arc, Barrier};

use serde_json::json;

use crate::shop::{Answer, Shop};

/// Runs `work(i)` for every `i` in `0..n` on its own thread, all released at
/// the same moment; the answers in the order of `i`.
fn at_once<T: Send + 'static>(n: usize, work: impl Fn(usize) -> T + Send + Sync + 'static) -> Vec<T> {
    let barrier = Arc::new(Barrier::new(n));
    let work = Arc::new(work);
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let (barrier, work) = (barrier.clone(), work.clone());
            std::thread::spawn(move || {
                barrier.wait();
                work(i)
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().expect("thread")).collect()
}

/// The statuses, and that every refusal is the expected one, never a 5xx
/// or SQLite's "database is locked".
fn outcomes(answers: &[Answer], refusal: (u16, &str)) -> usize {
    for answer in answers {
        assert!(!answer.raw.contains("locked"), "{}", answer.raw);
        assert!(
            answer.status == 201 || (answer.status, answer.code()) == refusal,
            "unexpected answer: {}",
            answer.raw
        );
    }
    answers.iter().filter(|a| a.status == 201).count()
}

#[test]
fn fifty_checkouts_at_once_sell_exactly_the_ten_in_stock() {
    let shop = Arc::new(Shop::start());
    let lamp = shop.product("Lamp", 10);
    let cookies: Vec<String> = (0..50)
        .map(|i| shop.customer(&format!("buyer{i}"), &[(lamp, 1)]))
        .collect();
    let cookies = Arc::new(cookies);
    let answers = {
        let (shop, cookies) = (shop.clone(), cookies.clone());
        at_once(50, move |i| shop.checkout(&cookies[i], "once", None))
    };
    assert_eq!(outcomes(&answers, (409, "insufficient_stock")), 10);
    assert_eq!(shop.count("SELECT count(*) FROM orders"), 10);
    assert_eq!(
        shop.count(&format!("SELECT stock FROM products WHERE id = {lamp}")),
        0
    );
    assert_eq!(
        shop.count("SELECT count(*) FROM stock_movements WHERE reason = 'sale'"),
        10
    );
}

#[test]
fn carts_of_several_products_in_different_orders_never_oversell() {
    let shop = Arc::new(Shop::start());
    let products = [
        shop.product("Red", 10),
        shop.product("Green", 10),
        shop.product("Blue", 10),
    ];
    // Every customer wants one of each, added in one of the six orders.
    let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    let cookies: Vec<String> = (0..40)
        .map(|i| {
            let lines: Vec<(i64, i64)> = orders[i % 6].iter().map(|&p| (products[p], 1)).collect();
            shop.customer(&format!("buyer{i}"), &lines)
        })
        .collect();
    let cookies = Arc::new(cookies);
    let answers = {
        let (shop, cookies) = (shop.clone(), cookies.clone());
        at_once(40, move |i| shop.checkout(&cookies[i], "k", None))
    };
    assert_eq!(outcomes(&answers, (409, "insufficient_stock")), 10);
    for product in products {
        assert_eq!(
            shop.count(&format!("SELECT stock FROM products WHERE id = {product}")),
            0
        );
        let sold = shop.count(&format!(
            "SELECT -sum(delta) FROM stock_movements WHERE reason = 'sale' AND product_id = {product}"
        ));
        assert_eq!(sold, 10);
    }
}

#[test]
fn a_coupon_limited_to_five_is_used_five_times() {
    let shop = Arc::new(Shop::start());
    let lamp = shop.product("Lamp", 1000);
    let coupon = shop.call(
        "POST",
        "/api/v1/coupons",
        &shop.admin,
        Some(json!({"code": "FIRST5", "kind": "percent", "value": 20, "usage_limit": 5})),
        &[],
    );
    assert_eq!(coupon.status, 201, "{}", coupon.raw);
    let cookies: Vec<String> = (0..30)
        .map(|i| shop.customer(&format!("buyer{i}"), &[(lamp, 1)]))
        .collect();
    let cookies = Arc::new(cookies);
    let answers = {
        let (shop, cookies) = (shop.clone(), cookies.clone());
        at_once(30, move |i| shop.checkout(&cookies[i], "k", Some("FIRST5")))
    };
    assert_eq!(outcomes(&answers, (422, "validation_failed")), 5);
    assert_eq!(
        shop.count("SELECT count(*) FROM orders WHERE discount_cents = 200"),
        5
    );
    assert_eq!(shop.count("SELECT count(*) FROM coupon_redemptions"), 5);
    assert_eq!(
        shop.count(&format!("SELECT stock FROM products WHERE id = {lamp}")),
        995
    );
}

#[test]
fn one_idempotency_key_sent_twenty_times_at_once_makes_one_order() {
    let shop = Arc::new(Shop::start());
    let lamp = shop.product("Lamp", 10);
    let cookie = Arc::new(shop.customer("ada", &[(lamp, 2)]));
    let answers = {
        let (shop, cookie) = (shop.clone(), cookie.clone());
        at_once(20, move |_| shop.checkout(&cookie, "double-click", None))
    };
    let created = answers.iter().filter(|a| a.status == 201).count();
    let repeated = answers.iter().filter(|a| a.status == 200).count();
    assert_eq!(
        (created, repeated),
        (1, 19),
        "{:?}",
        answers.iter().map(|a| a.status).collect::<Vec<_>>()
    );
    assert!(answers.iter().all(|a| a.body["id"] == answers[0].body["id"]));
    assert_eq!(shop.count("SELECT count(*) FROM orders"), 1);
    assert_eq!(
        shop.count(&format!("SELECT stock FROM products WHERE id = {lamp}")),
        8
    );
}

#[test]
fn racing_steps_settle_on_one_and_the_stock_stays_right() {
    let shop = Arc::new(Shop::start());
    let lamp = shop.product("Lamp", 100);
    let mut ids = Vec::new();
    for i in 0..8 {
        let cookie = shop.customer(&format!("buyer{i}"), &[(lamp, 2)]);
        let placed = shop.checkout(&cookie, "k", None);
        assert_eq!(placed.status, 201, "{}", placed.raw);
        ids.push(placed.body["id"].as_i64().expect("id"));
    }
    // Two cancels at once: one wins, the stock comes back once.
    for &id in &ids[..4] {
        let answers = {
            let shop = shop.clone();
            at_once(2, move |_| {
                shop.call(
                    "POST",
                    &format!("/api/v1/orders/{id}/cancel"),
                    &shop.admin,
                    None,
                    &[],
                )
            })
        };
        let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409]);
    }
    assert_eq!(
        shop.count(&format!("SELECT stock FROM products WHERE id = {lamp}")),
        100 - 16 + 8
    );
    // A paid order cancelled and shipped at once: one of them happens.
    for &id in &ids[4..] {
        let paid = shop.call(
            "POST",
            &format!("/api/v1/orders/{id}/mark-paid"),
            &shop.admin,
            None,
            &[],
        );
        assert_eq!(paid.status, 200, "{}", paid.raw);
        let answers = {
            let shop = shop.clone();
            at_once(2, move |i| {
                let step = if i == 0 { "cancel" } else { "ship" };
                shop.call(
                    "POST",
                    &format!("/api/v1/orders/{id}/{step}"),
                    &shop.admin,
                    None,
                    &[],
                )
            })
        };
        let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "{}", answers[0].raw);
    }
    let cancelled = shop.count("SELECT count(*) FROM orders WHERE status = 'cancelled'");
    let kept = shop.count("SELECT count(*) FROM orders WHERE status != 'cancelled'");
    assert_eq!(cancelled + kept, 8);
    // Every order not cancelled still holds its 2; cancelled ones gave theirs back.
    assert_eq!(
        shop.count(&format!("SELECT stock FROM products WHERE id = {lamp}")),
        100 - 2 * kept
    );
    assert_eq!(
        shop.count("SELECT count(*) FROM stock_movements WHERE reason = 'cancel'"),
        cancelled
    );
}

#[test]
fn twenty_payments_at_once_take_twenty_invoice_numbers_without_gaps() {
    let shop = Arc::new(Shop::start());
    let lamp = shop.product("Lamp", 100);
    let mut ids = Vec::new();
    for i in 0..20 {
        let cookie = shop.customer(&format!("buyer{i}"), &[(lamp, 1)]);
        let placed = shop.checkout(&cookie, "k", None);
        assert_eq!(placed.status, 201, "{}", placed.raw);
        ids.push(placed.body["id"].as_i64().expect("id"));
    }
    let ids = Arc::new(ids);
    let answers = {
        let (shop, ids) = (shop.clone(), ids.clone());
        at_once(20, move |i| {
            let id = ids[i];
            shop.call(
                "POST",
                &format!("/api/v1/orders/{id}/mark-paid"),
                &shop.admin,
                None,
                &[],
            )
        })
    };
    let mut numbers: Vec<String> = answers
        .iter()
        .map(|a| {
            assert_eq!(a.status, 200, "{}", a.raw);
            a.body["invoice_number"].as_str().expect("a number").to_string()
        })
        .collect();
    numbers.sort();
    let year = chrono::Utc::now().format("%Y").to_string();
    let expected: Vec<String> = (1..=20).map(|n| format!("{year}-{n:06}")).collect();
    assert_eq!(numbers, expected, "one each, no gaps, no repeats");
    assert_eq!(
        shop.count("SELECT count(DISTINCT invoice_number) FROM orders"),
        20
    );
    assert_eq!(
        shop.count("SELECT last FROM invoice_counters WHERE series = 'invoice'"),
        20
    );
}

#[test]
fn delivering_and_cancelling_one_returned_cash_parcel_at_once_settle_on_one() {
    let shop = Arc::new(Shop::start());
    let lamp = shop.product("Lamp", 100);
    let mut ids = Vec::new();
    for i in 0..6 {
        let cookie = shop.customer(&format!("buyer{i}"), &[(lamp, 2)]);
        let placed = shop.checkout(&cookie, "k", None);
        assert_eq!(placed.status, 201, "{}", placed.raw);
        let id = placed.body["id"].as_i64().expect("id");
        let shipped = shop.call(
            "POST",
            &format!("/api/v1/orders/{id}/ship"),
            &shop.admin,
            None,
            &[],
        );
        assert_eq!(
            shipped.status, 200,
            "unpaid cash on delivery ships: {}",
            shipped.raw
        );
        ids.push(id);
    }
    for &id in &ids {
        let answers = {
            let shop = shop.clone();
            at_once(2, move |i| {
                let step = if i == 0 { "deliver" } else { "cancel" };
                shop.call(
                    "POST",
                    &format!("/api/v1/orders/{id}/{step}"),
                    &shop.admin,
                    None,
                    &[],
                )
            })
        };
        let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "{} / {}", answers[0].raw, answers[1].raw);
    }
    let delivered = shop.count("SELECT count(*) FROM orders WHERE status = 'delivered'");
    let cancelled = shop.count("SELECT count(*) FROM orders WHERE status = 'cancelled'");
    assert_eq!(delivered + cancelled, 6);
    // Delivered ones were paid once, with an invoice; cancelled ones gave
    // their stock back once and were never paid.
    assert_eq!(shop.count("SELECT count(*) FROM payments"), delivered);
    assert_eq!(
        shop.count("SELECT count(*) FROM orders WHERE status = 'delivered' AND paid_at IS NOT NULL AND invoice_number IS NOT NULL"),
        delivered
    );
    assert_eq!(
        shop.count("SELECT count(*) FROM orders WHERE status = 'cancelled' AND (paid_at IS NOT NULL OR invoice_number IS NOT NULL)"),
        0
    );
    assert_eq!(
        shop.count("SELECT count(*) FROM stock_movements WHERE reason = 'cancel'"),
        cancelled
    );
    assert_eq!(
        shop.count(&format!("SELECT stock FROM products WHERE id = {lamp}")),
        100 - 2 * delivered
    );
}

//! `tienda demo`: adds generated products and orders, for trying the shop
//! at scale.

use indicatif::{ProgressBar, ProgressStyle};

use super::{decimal, text};
use crate::config::Config;
use crate::demo::orders::OrderPlan;
use crate::i18n::{Lang, t, t_with};

/// What to add.
pub struct Amounts {
    pub products: u64,
    pub orders: u64,
    pub customers: u64,
    pub days: i64,
}

pub fn generate(config: &Config, lang: Lang, amounts: Amounts) -> Result<(), String> {
    let db = super::open_db(config, lang)?;
    let mut conn = db.conn().map_err(|e| e.to_string())?;
    let mut products = amounts.products;
    if amounts.orders > 0 {
        let existing: i64 = conn
            .query_row("SELECT count(*) FROM products WHERE active", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if existing == 0 && products == 0 {
            // Orders need something to buy.
            products = 1000;
        }
    }
    if products > 0 {
        let bar = bar(products, &t(lang, "cli-progress-products"));
        let started = std::time::Instant::now();
        crate::demo::generate(&mut conn, products, &|done| bar.set_position(done))
            .map_err(|e| e.to_string())?;
        bar.finish_and_clear();
        let args = [
            ("count", text(products)),
            ("seconds", text(decimal(lang, started.elapsed().as_secs_f64()))),
        ];
        println!("{}", t_with(lang, "cli-demo-products", &args));
    }
    if amounts.orders > 0 {
        let bar = bar(amounts.orders, &t(lang, "cli-progress-orders"));
        let started = std::time::Instant::now();
        let plan = OrderPlan::recent(amounts.orders, amounts.customers, amounts.days.max(1), lang);
        crate::demo::orders::generate(&mut conn, &plan, &|done| bar.set_position(done))
            .map_err(|e| e.to_string())?;
        bar.finish_and_clear();
        let args = [
            ("count", text(amounts.orders)),
            ("customers", text(amounts.customers)),
            ("days", text(amounts.days.max(1))),
            ("seconds", text(decimal(lang, started.elapsed().as_secs_f64()))),
        ];
        println!("{}", t_with(lang, "cli-demo-orders", &args));
    }
    Ok(())
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(&format!("{{bar:40}} {{pos}}/{{len}} {what} {{elapsed}}"))
            .expect("a valid template"),
    );
    bar
}

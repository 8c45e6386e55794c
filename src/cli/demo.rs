//! `tienda demo`: adds generated products, for trying the shop at scale.

use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;

pub fn generate(config: &Config, count: u64) -> Result<(), String> {
    let db = super::open_db(config)?;
    let bar = ProgressBar::new(count);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} products {elapsed}").expect("a valid template"),
    );
    let mut conn = db.conn().map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    crate::demo::generate(&mut conn, count, &|done| bar.set_position(done)).map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    println!(
        "Added {count} generated products in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

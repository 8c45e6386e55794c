//! `tienda import products` and `tienda export products`: the product CSV file.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;
use crate::db::write_tx;
use crate::domain::product_csv::{self, Source};

fn count_lines(file: &Path) -> std::io::Result<u64> {
    let mut reader = std::io::BufReader::new(std::fs::File::open(file)?);
    let mut lines = 0;
    loop {
        let buf = std::io::BufRead::fill_buf(&mut reader)?;
        if buf.is_empty() {
            return Ok(lines);
        }
        lines += buf.iter().filter(|b| **b == b'\n').count() as u64;
        let read = buf.len();
        std::io::BufRead::consume(&mut reader, read);
    }
}

pub fn import(config: &Config, file: &Path) -> Result<(), String> {
    // Counted for the progress bar, and a file that cannot be read is
    // said before the database is opened.
    let lines = count_lines(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?
        .saturating_sub(1)
        .max(1);
    let db = super::open_db(config)?;
    let bar = ProgressBar::new(lines);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} lines {elapsed}")
            .expect("a valid progress template"),
    );
    let mut conn = db.conn().map_err(|e| e.to_string())?;
    let report = match product_csv::check(Source::File(file.to_path_buf())) {
        Ok(checked) => {
            let tx = write_tx(&mut conn).map_err(|e| e.to_string())?;
            let report = product_csv::import(&tx, &checked, None, &|done| bar.set_position(done))
                .map_err(|e| e.to_string())?;
            tx.commit().map_err(|e| e.to_string())?;
            report
        }
        Err(report) => report,
    };
    bar.finish_and_clear();
    if !report.errors.is_empty() {
        let lines: Vec<String> = report
            .errors
            .iter()
            .map(|e| format!("line {}: {}", e.line, e.message))
            .collect();
        return Err(format!(
            "nothing was imported; fix these lines and run it again:\n{}",
            lines.join("\n")
        ));
    }
    println!(
        "Imported {}: {} created, {} updated.",
        file.display(),
        report.created,
        report.updated
    );
    Ok(())
}

pub fn export(config: &Config, file: &Path) -> Result<(), String> {
    let db = super::open_db(config)?;
    let conn = db.conn().map_err(|e| e.to_string())?;
    let partial = file.with_extension("partial");
    let out =
        std::fs::File::create(&partial).map_err(|e| format!("cannot create {}: {e}", partial.display()))?;
    let count = product_csv::export(&conn, std::io::BufWriter::new(out)).map_err(|e| e.to_string())?;
    std::fs::rename(&partial, file).map_err(|e| e.to_string())?;
    println!("Exported {count} products to {}.", file.display());
    Ok(())
}

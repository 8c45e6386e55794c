//! `tienda import products` and `tienda export products`: the product CSV file.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use super::text;
use crate::config::Config;
use crate::db::write_tx;
use crate::domain::product_csv::{self, Source};
use crate::i18n::{FluentValue, Lang, t, t_with};

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

pub fn import(config: &Config, lang: Lang, file: &Path) -> Result<(), String> {
    // Counted for the progress bar, and a file that cannot be read is
    // said before the database is opened.
    let lines = count_lines(file)
        .map_err(|e| {
            t_with(
                lang,
                "cli-cannot-read",
                &[("path", text(file.display())), ("error", text(e))],
            )
        })?
        .saturating_sub(1)
        .max(1);
    let db = super::open_db(config, lang)?;
    let bar = ProgressBar::new(lines);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {} {{elapsed}}",
            t(lang, "cli-progress-lines")
        ))
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
            .map(|e| {
                let args = [("line", text(e.line)), ("message", text(&e.message))];
                t_with(lang, "cli-import-line", &args)
            })
            .collect();
        return Err(format!("{}\n{}", t(lang, "cli-import-nothing"), lines.join("\n")));
    }
    let args = [
        ("path", text(file.display())),
        ("created", text(report.created)),
        ("updated", text(report.updated)),
    ];
    println!("{}", t_with(lang, "cli-import-done", &args));
    Ok(())
}

pub fn export(config: &Config, lang: Lang, file: &Path) -> Result<(), String> {
    let db = super::open_db(config, lang)?;
    let conn = db.conn().map_err(|e| e.to_string())?;
    let partial = file.with_extension("partial");
    let out = std::fs::File::create(&partial).map_err(|e| {
        t_with(
            lang,
            "cli-cannot-create",
            &[("path", text(partial.display())), ("error", text(e))],
        )
    })?;
    let count = product_csv::export(&conn, std::io::BufWriter::new(out)).map_err(|e| e.to_string())?;
    std::fs::rename(&partial, file).map_err(|e| e.to_string())?;
    let args = [
        ("count", FluentValue::from(count)),
        ("path", text(file.display())),
    ];
    println!("{}", t_with(lang, "cli-export-products-done", &args));
    Ok(())
}

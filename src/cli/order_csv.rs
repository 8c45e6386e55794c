//! `tienda export orders FILE.csv [--from DATE --to DATE]`: the order export
//! (`domain::order_csv`) written to a file, with a progress bar.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use super::text;
use crate::config::Config;
use crate::domain::order_csv::{Export, Filter};
use crate::domain::settings;
use crate::error::Error;
use crate::i18n::{Lang, t, t_with};

pub fn export(
    config: &Config,
    lang: Lang,
    file: &Path,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(), String> {
    let filter = Filter::parse(from, to, None, None).map_err(|e| filter_error(&e))?;
    let db = super::open_db(config, lang)?;
    let conn = db.conn().map_err(|e| e.to_string())?;
    let tz = settings::load(&conn).map_err(|e| e.to_string())?.tz();
    let mut export = Export::new(&filter, tz);
    let total = export.count(&conn).map_err(|e| e.to_string())?;
    let bar = ProgressBar::new(total.max(0) as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {} {{elapsed}}",
            t(lang, "cli-progress-orders")
        ))
        .expect("a valid progress template"),
    );
    // Written beside the file and renamed at the end, so that a failed
    // export never leaves half a file under the name asked for.
    let partial = file.with_extension("partial");
    let out = std::fs::File::create(&partial).map_err(|e| {
        t_with(
            lang,
            "cli-cannot-create",
            &[("path", text(partial.display())), ("error", text(e))],
        )
    })?;
    let mut out = std::io::BufWriter::new(out);
    let written = export.write_all(&conn, &mut out, &|done| bar.set_position(done));
    let flushed = written.and_then(|()| {
        use std::io::Write;
        out.flush().map_err(Error::caused)
    });
    bar.finish_and_clear();
    if let Err(e) = flushed {
        let _ = std::fs::remove_file(&partial);
        let args = [("path", text(partial.display())), ("error", text(e))];
        return Err(t_with(lang, "cli-cannot-write", &args));
    }
    std::fs::rename(&partial, file).map_err(|e| {
        t_with(
            lang,
            "cli-cannot-write",
            &[("path", text(file.display())), ("error", text(e))],
        )
    })?;
    let args = [
        ("orders", text(export.orders)),
        ("lines", text(export.lines)),
        ("path", text(file.display())),
        ("timezone", text(tz.name())),
    ];
    println!("{}", t_with(lang, "cli-export-orders-done", &args));
    Ok(())
}

/// `--from: must be a date like 2026-11-30`, one line per problem.
fn filter_error(e: &Error) -> String {
    match e {
        Error::Validation { fields, .. } => fields
            .iter()
            .flat_map(|(field, messages)| messages.iter().map(move |m| format!("--{field}: {m}")))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

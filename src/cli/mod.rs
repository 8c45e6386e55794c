//! The command line: `serve` (the default), and the commands that look
//! after users, data and backups.

mod demo;
mod maintenance;
mod order_csv;
mod product_csv;
mod restore;
mod user;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use rocket::figment::Figment;
use rusqlite::OpenFlags;

use crate::i18n::{FluentValue, Lang, ShopLanguage, t, t_with};
use crate::start_error::StartError;

#[derive(Debug, Parser)]
#[command(name = "tienda", version, about = "A small online shop in one binary")]
pub struct Cli {
    /// Where the database and the secret key live (default ./tienda-data).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// `tienda [serve] [--demo]`: the server's options may come without
    /// `serve`; `from_args` gathers them here with those after `serve`.
    #[command(flatten)]
    serve: ServeArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Default, clap::Args)]
pub struct ServeArgs {
    /// Load a demo shop (products, pictures, an account per role) into
    /// an empty database first.
    #[arg(long)]
    demo: bool,
    /// The demo shop's language: en (the default) or es.
    #[arg(long, value_parser = ["en", "es"])]
    language: Option<String>,
}

impl ServeArgs {
    fn given(&self) -> bool {
        self.demo || self.language.is_some()
    }

    /// These, with what `later` (the options after `serve`) adds.
    fn and(self, later: ServeArgs) -> ServeArgs {
        ServeArgs {
            demo: self.demo || later.demo,
            language: later.language.or(self.language),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the shop (the default).
    Serve(ServeArgs),
    /// Add generated products and orders, for trying large shops and
    /// benchmarks (1,000 products when neither is given).
    Demo {
        #[arg(long)]
        products: Option<u64>,
        /// Orders placed over the last `--days` days by `--customers`
        /// generated customers.
        #[arg(long)]
        orders: Option<u64>,
        #[arg(long, default_value_t = 500)]
        customers: u64,
        #[arg(long, default_value_t = 365)]
        days: i64,
    },
    /// Manage user accounts.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Copy the database to FILE, consistently, even while serving.
    Backup { file: PathBuf },
    /// Replace the database with the backup FILE, once checked (the shop
    /// must be stopped; the replaced database is kept beside it).
    Restore { file: PathBuf },
    /// Check the database's integrity.
    Check,
    /// Import products from a CSV file, all or nothing.
    Import {
        #[arg(value_enum)]
        what: ImportKind,
        file: PathBuf,
    },
    /// Export to a CSV file.
    Export {
        #[arg(value_enum)]
        what: ExportKind,
        file: PathBuf,
        /// Orders placed on or after this day (YYYY-MM-DD, the shop's time zone).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Orders placed on or before this day.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportKind {
    Products,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportKind {
    Products,
    Orders,
}

impl Cli {
    /// The command line, as `clap` parses it, with the server's options
    /// given before `serve` added to those after it (no command at all is
    /// `serve` too, see `run`); like a `clap` mistake, those options beside
    /// another command end the process with a usage message.
    pub fn from_args() -> Cli {
        let mut cli = Cli::parse();
        match cli.command.take() {
            Some(Command::Serve(after)) => cli.serve = std::mem::take(&mut cli.serve).and(after),
            Some(_) if cli.serve.given() => {
                use clap::CommandFactory;
                Cli::command()
                    .error(
                        clap::error::ErrorKind::ArgumentConflict,
                        "--demo and --language go with serving the shop, not with another command",
                    )
                    .exit()
            }
            other => cli.command = other,
        }
        cli
    }

    /// The configuration, with `--data-dir` over everything else.
    pub fn figment(&self) -> Figment {
        let figment = crate::config::figment();
        match &self.data_dir {
            Some(dir) => figment.merge(("data_dir", dir)),
            None => figment,
        }
    }
}

/// Runs the command; the error is what to print before exiting with 1.
pub fn run(cli: Cli) -> Result<(), String> {
    let figment = cli.figment();
    // The messages speak the shop's language, read before the command
    // runs (a restore replaces the database, a user command creates it).
    let lang = config_of(&figment).map_or_else(|_| crate::i18n::environment_lang(), |c| lang_of(&c));
    match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(ServeArgs { demo, language }) => serve(
            figment
                .merge(("demo", demo))
                .merge(("demo_language", language.unwrap_or_else(|| "en".into()))),
            lang,
        ),
        Command::Demo {
            products,
            orders,
            customers,
            days,
        } => demo::generate(
            &config_of(&figment)?,
            lang,
            demo::Amounts {
                products: products.unwrap_or(if orders.is_some() { 0 } else { 1000 }),
                orders: orders.unwrap_or(0),
                customers,
                days,
            },
        ),
        Command::User(command) => user::run(figment, lang, command),
        Command::Backup { file } => maintenance::backup(&config_of(&figment)?, lang, &file),
        Command::Restore { file } => restore::restore(&config_of(&figment)?, lang, &file),
        Command::Check => maintenance::check(&config_of(&figment)?, lang),
        Command::Import {
            what: ImportKind::Products,
            file,
        } => product_csv::import(&config_of(&figment)?, lang, &file),
        Command::Export {
            what: ExportKind::Products,
            file,
            from,
            to,
        } => {
            if from.is_some() || to.is_some() {
                return Err(t(lang, "cli-from-to-orders-only"));
            }
            product_csv::export(&config_of(&figment)?, lang, &file)
        }
        Command::Export {
            what: ExportKind::Orders,
            file,
            from,
            to,
        } => order_csv::export(&config_of(&figment)?, lang, &file, from.as_deref(), to.as_deref()),
    }
}

fn config_of(figment: &Figment) -> Result<crate::config::Config, String> {
    crate::config::Config::from_figment(figment).map_err(|e| e.to_string())
}

/// The language of the messages to the shop's owner: the shop's
/// `language` setting when there is a shop (English unless set), and for
/// `auto`, or no shop yet, the environment's.
fn lang_of(config: &crate::config::Config) -> Lang {
    let path = config.db_path();
    let setting = path
        .is_file()
        .then(|| rusqlite::Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok())
        .flatten()
        .and_then(|conn| crate::domain::settings::load(&conn).ok());
    setting.map_or(ShopLanguage::Auto, |s| s.language()).for_owner()
}

/// A message's variable that is text: a path, a name, an error.
fn text(value: impl std::fmt::Display) -> FluentValue<'static> {
    FluentValue::from(value.to_string())
}

/// A decimal with one digit after the separator of `lang`: 2.5 or 2,5.
fn decimal(lang: Lang, value: f64) -> String {
    let written = format!("{value:.1}");
    match lang {
        Lang::Es => written.replace('.', ","),
        Lang::En => written,
    }
}

/// The shop's database, created (with its directory) if there is none yet.
fn open_db(config: &crate::config::Config, lang: Lang) -> Result<crate::db::Db, String> {
    std::fs::create_dir_all(&config.data_dir).map_err(|e| {
        t_with(
            lang,
            "cli-cannot-create",
            &[("path", text(config.data_dir.display())), ("error", text(e))],
        )
    })?;
    crate::db::Db::open(&config.db_path(), config.checkpoints())
        .map_err(|e| StartError::opening(&config.data_dir, &config.db_path(), e).to_string())
}

fn serve(figment: Figment, lang: Lang) -> Result<(), String> {
    raise_open_files_limit(lang);
    let rocket = crate::rocket(figment).map_err(|e| message_of(&e))?;
    rocket::execute(rocket.launch())
        .map(|_| ())
        .map_err(|e| t_with(lang, "cli-server-stopped", &[("error", text(e))]))
}

/// Every client connection is an open file. The usual soft limit (1,024)
/// let a thousand idle clients lock everyone else out ("Too many open
/// files") while the hard limit allows far more, so the shop asks for all
/// of it.
fn raise_open_files_limit(lang: Lang) {
    if let Err(e) = rlimit::increase_nofile_limit(u64::MAX) {
        eprintln!("{}", t_with(lang, "cli-open-files", &[("error", text(e))]));
    }
}

/// The message of an error without the "internal error" prefix, which
/// means nothing on the command line.
fn message_of(e: &StartError) -> String {
    match e {
        StartError::Other(crate::error::Error::Internal(cause)) => cause.to_string(),
        other => other.to_string(),
    }
}

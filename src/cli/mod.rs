//! The command line: `serve` (the default) and the `user` commands.

mod maintenance;
mod user;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use rocket::figment::Figment;

#[derive(Debug, Parser)]
#[command(name = "tienda", version, about = "A small online shop in one binary")]
pub struct Cli {
    /// Where the database and the secret key live (default ./tienda-data).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the shop (the default).
    Serve,
    /// Manage user accounts.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Copy the database to FILE, consistently, even while serving.
    Backup { file: PathBuf },
    /// Check the database's integrity.
    Check,
}

impl Cli {
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
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(figment),
        Command::User(command) => user::run(figment, command),
        Command::Backup { file } => maintenance::backup(&config_of(&figment)?, &file),
        Command::Check => maintenance::check(&config_of(&figment)?),
    }
}

fn config_of(figment: &Figment) -> Result<crate::config::Config, String> {
    crate::config::Config::from_figment(figment).map_err(|e| e.to_string())
}

fn serve(figment: Figment) -> Result<(), String> {
    let rocket = crate::rocket(figment).map_err(|e| e.to_string())?;
    rocket::execute(rocket.launch())
        .map(|_| ())
        .map_err(|e| format!("the server stopped: {e}"))
}

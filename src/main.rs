//! `tienda`: reads the command line and hands over to the library.

use clap::Parser;

fn main() {
    let cli = tienda::cli::Cli::parse();
    if let Err(message) = tienda::cli::run(cli) {
        eprintln!("tienda: {message}");
        std::process::exit(1);
    }
}

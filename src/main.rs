//! `tienda`: reads the command line and hands over to the library.

fn main() {
    let cli = tienda::cli::Cli::from_args();
    if let Err(message) = tienda::cli::run(cli) {
        eprintln!("tienda: {message}");
        std::process::exit(1);
    }
}

//! Answers that the browser saves as a file instead of showing.

use rocket::Responder;
use rocket::http::{ContentType, Header};

/// A CSV file to download, with the name to save it under.
#[derive(Responder)]
pub struct CsvFile {
    body: Vec<u8>,
    content_type: ContentType,
    disposition: Header<'static>,
}

impl CsvFile {
    pub fn new(name: &str, body: Vec<u8>) -> CsvFile {
        CsvFile {
            body,
            content_type: ContentType::CSV,
            disposition: Header::new("Content-Disposition", format!("attachment; filename=\"{name}\"")),
        }
    }
}

/// A database file to download (a backup), streamed from disk.
#[derive(Responder)]
pub struct DatabaseFile {
    body: rocket::tokio::fs::File,
    content_type: ContentType,
    disposition: Header<'static>,
}

impl DatabaseFile {
    pub async fn open(path: &std::path::Path, name: &str) -> Result<DatabaseFile, crate::error::Error> {
        let body = rocket::tokio::fs::File::open(path)
            .await
            .map_err(|_| crate::error::Error::NotFound)?;
        Ok(DatabaseFile {
            body,
            content_type: ContentType::new("application", "vnd.sqlite3"),
            disposition: Header::new("Content-Disposition", format!("attachment; filename=\"{name}\"")),
        })
    }
}

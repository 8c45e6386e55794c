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

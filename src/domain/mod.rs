//! Rules that are not SQL, shared by the HTML pages, the JSON API and the
//! command line.

pub mod account;
pub mod password_reset;
pub mod tokens;
pub mod validation;

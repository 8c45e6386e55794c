//! Rules that are not SQL, shared by the HTML pages, the JSON API and the
//! command line. They are plain synchronous functions over a `&Connection`
//! (writes take the caller's transaction); handlers and guards own the
//! `db.run`/`db.write` that calls them.

pub mod account;
pub mod account_rules;
pub mod cart;
pub mod catalog;
pub mod categories;
pub mod checkout;
pub mod coupons;
pub mod csv_cell;
pub mod fields;
pub mod guest_orders;
pub mod image_size;
pub mod images;
pub mod lifecycle;
pub mod listing;
pub mod order_csv;
pub mod order_mail;
pub mod orders;
pub mod paging;
pub mod password_reset;
pub mod pricing;
pub mod product_csv;
pub mod products;
pub mod reports;
pub mod reviews;
pub mod search;
pub mod settings;
pub mod suppliers;
pub mod tokens;
pub mod users;

//! Tienda's integration tests: one binary, one module per area. Every test
//! builds the real application on a fresh database in its own directory.

mod accounts;
mod admin;
mod admin_browser;
mod api_errors;
mod backups;
mod binary;
mod browser;
mod cart;
mod cash_and_pickup;
mod catalog_api;
mod checkout;
mod concurrency;
mod coupons;
mod durability;
mod export;
mod findable;
mod guests;
mod helpers;
mod mail;
mod openapi;
mod order_pages;
mod orders;
mod process;
mod reports;
mod reviews;
mod robustness;
mod search;
mod sessions;
mod settings;
mod setup;
mod shop;
mod storage_faults;
mod storefront;
mod tokens;
mod transfer;

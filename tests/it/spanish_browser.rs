//! A Spanish shop in the browser: a guest browses, buys with cash on
//! pickup, gets the e-mail, and staff open the order in the back office, at
//! a laptop's and a phone's width. Every page is in Spanish, with money and
//! dates written the Spanish way, and no English interface word is left.

use std::path::Path;

use thirtyfour::prelude::*;

use crate::browser::{
    Tab, WIDTHS, browser_wanted, click_and_wait, demo_password, first_href, mail_in_outbox, page_text,
    pickup_and_cash_as_guest, sign_in, start_chromedriver,
};
use crate::process::Server;

/// Words of the English interface; none may show on a Spanish page (the
/// language chooser's "English" is the one English word meant to be there).
const ENGLISH: &[&str] = &[
    "Add to cart",
    "Checkout",
    "Sign in",
    "Sign out",
    "Search",
    "Your cart",
    "Shipping",
    "Payment",
    "Place order",
    "Quantity",
    "Orders",
    "Products",
    "Categories",
    "Cash on delivery",
    "Pickup",
    "Invoice",
    "Customer",
    "Status",
    "Price",
    "In stock",
    "Out of stock",
    "Remove",
    "Account",
    "Dashboard",
    "Reports",
    "Settings",
    "Thank you",
    "is placed",
];

/// The page is Spanish: it says `spanish` and no English interface word,
/// and its `<html lang>` is `es`.
async fn assert_spanish(driver: &Tab, spanish: &str) -> WebDriverResult<String> {
    let url = driver.current_url().await?;
    let lang = driver.find(By::Tag("html")).await?.attr("lang").await?;
    assert_eq!(lang.as_deref(), Some("es"), "{url}");
    let text = page_text(driver).await?;
    assert!(text.contains(spanish), "{url} does not say {spanish:?}:\n{text}");
    for word in ENGLISH {
        assert!(!text.contains(word), "{url} says {word:?} in English:\n{text}");
    }
    Ok(text)
}

/// An amount written the Spanish way: `12,90 €`.
fn has_spanish_money(text: &str) -> bool {
    text.split(" €").any(|before| {
        let amount: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        let amount: String = amount.chars().rev().collect();
        amount.len() >= 4 && amount.as_bytes()[amount.len() - 3] == b','
    })
}

/// A date written the Spanish way: `30/11/2026`.
fn has_spanish_date(text: &str) -> bool {
    text.as_bytes().windows(10).any(|w| {
        w.iter().enumerate().all(|(i, c)| match i {
            2 | 5 => *c == b'/',
            _ => c.is_ascii_digit(),
        })
    })
}

#[rocket::async_test]
async fn a_spanish_shop_from_the_catalog_to_the_back_office() -> WebDriverResult<()> {
    if !browser_wanted() {
        return Ok(());
    }
    for width in WIDTHS {
        a_spanish_shop_at(width).await?;
    }
    Ok(())
}

async fn a_spanish_shop_at(width: u32) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        Path::new(crate::process::BINARY),
        dir.path(),
        &["serve", "--demo", "--language", "es"],
    );
    let base = format!("http://127.0.0.1:{}", server.port);
    let (_chromedriver, driver_port) = start_chromedriver();
    let driver = Tab::open(driver_port, &dir.path().join("profile"), width).await?;

    // A visitor browses the catalog and a product.
    driver.goto(format!("{base}/")).await?;
    let text = assert_spanish(&driver, "Ordenar por").await?;
    assert!(has_spanish_money(&text), "{text}");
    driver.screenshot("es-catalog").await?;
    let product = first_href(&driver, ".product-card-link").await?;
    driver.goto(format!("{base}{product}")).await?;
    assert_spanish(&driver, "Añadir al carrito").await?;
    driver.screenshot("es-product").await?;

    // Puts it in the cart and checks out as a guest: cash on pickup.
    click_and_wait(&driver, By::Id("add-to-cart")).await?;
    driver.goto(format!("{base}/cart")).await?;
    let text = assert_spanish(&driver, "Tramitar pedido").await?;
    assert!(has_spanish_money(&text), "{text}");
    driver.screenshot("es-cart").await?;
    click_and_wait(&driver, By::Id("checkout")).await?;
    assert_eq!(driver.current_url().await?.path(), "/checkout");
    assert_spanish(&driver, "No hace falta cuenta").await?;
    pickup_and_cash_as_guest(&driver, "lucia@example.org", "Lucía Pérez").await?;
    driver.screenshot("es-checkout").await?;
    click_and_wait(&driver, By::ClassName("place-order")).await?;

    // The private page of the order, in Spanish, with its date.
    let url = driver.current_url().await?;
    assert!(url.path().starts_with("/orders/guest/"), "{url}");
    let text = assert_spanish(&driver, "Gracias: el pedido").await?;
    assert!(has_spanish_money(&text), "{text}");
    assert!(has_spanish_date(&text), "{text}");
    driver.screenshot("es-guest-order").await?;

    // The confirmation e-mail speaks Spanish too.
    let mail = mail_in_outbox(dir.path(), "order_confirmation");
    assert!(mail.contains("To: lucia@example.org"), "{mail}");
    assert!(mail.contains("gracias por tu pedido"), "{mail}");
    for word in ["Thank", "Your order", "Total:", "Follow"] {
        assert!(!mail.contains(word), "the mail says {word:?}:\n{mail}");
    }

    // Staff open the order in the back office.
    let password = demo_password(&server, "admin");
    sign_in(&driver, &base, "admin", &password).await?;
    driver.goto(format!("{base}/admin/orders")).await?;
    let text = assert_spanish(&driver, "Pedidos").await?;
    assert!(has_spanish_money(&text), "{text}");
    let order = first_href(&driver, "td a[href^='/admin/orders/']").await?;
    driver.goto(format!("{base}{order}")).await?;
    let text = assert_spanish(&driver, "Estado").await?;
    assert!(has_spanish_money(&text), "{text}");
    assert!(has_spanish_date(&text), "{text}");
    driver.screenshot("es-admin-order").await?;

    driver.quit().await?;
    Ok(())
}

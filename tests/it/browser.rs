//! The browser journey, in headless Chromium driven through chromedriver,
//! against the real binary. The test command installs Debian's `chromium`
//! and `chromium-driver`; set TIENDA_SKIP_BROWSER=1 to skip this test on a
//! machine without them.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use thirtyfour::prelude::*;

use crate::process::{BINARY, Server, eventually, free_port};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_chromedriver() -> (Driver, u16) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    eventually("chromedriver", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).ok()
    });
    (Driver(child), port)
}

async fn browser(driver_port: u16, profile: &Path) -> WebDriverResult<WebDriver> {
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary(CHROMIUM)?;
    // This machine has no network beyond loopback: background fetches and
    // the sandbox (we run as root) are turned off.
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,900",
    ] {
        caps.add_arg(arg)?;
    }
    caps.add_arg(&format!("--user-data-dir={}", profile.display()))?;
    WebDriver::new(format!("http://127.0.0.1:{driver_port}"), caps).await
}

/// Types into the fields of the form posting to `action`, then submits it.
async fn fill_and_submit(driver: &WebDriver, action: &str, fields: &[(&str, &str)]) -> WebDriverResult<()> {
    let form = driver.find(By::Css(format!("form[action='{action}']"))).await?;
    for (name, value) in fields {
        let input = form.find(By::Css(format!("input[name='{name}']"))).await?;
        input.clear().await?;
        input.send_keys(*value).await?;
    }
    form.find(By::Css("button[type='submit']")).await?.click().await?;
    // The answer replaces the page: wait until the old form is gone.
    form.wait_until().stale().await
}

async fn click_and_wait(driver: &WebDriver, by: By) -> WebDriverResult<()> {
    let element = driver.find(by).await?;
    element.click().await?;
    element.wait_until().stale().await
}

async fn page_text(driver: &WebDriver) -> WebDriverResult<String> {
    driver.find(By::Tag("body")).await?.text().await
}

async fn sign_out(driver: &WebDriver) -> WebDriverResult<()> {
    click_and_wait(driver, By::Id("logout")).await?;
    let text = page_text(driver).await?;
    assert!(text.contains("You are signed out."), "{text}");
    Ok(())
}

#[rocket::async_test]
async fn a_new_shop_from_setup_to_a_customer_changing_the_password() -> WebDriverResult<()> {
    if std::env::var("TIENDA_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("browser test skipped: TIENDA_SKIP_BROWSER=1");
        return Ok(());
    }
    assert!(
        Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists(),
        "chromium and chromium-driver are missing: run the test command of the README, which installs them"
    );
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(Path::new(BINARY), dir.path(), &[]);
    let base = format!("http://127.0.0.1:{}", server.port);
    let (_chromedriver, driver_port) = start_chromedriver();
    let driver = browser(driver_port, &dir.path().join("profile")).await?;

    // The owner opens the printed link and creates the admin account.
    let setup = server.setup_path().expect("a setup link");
    driver.goto(format!("{base}{setup}")).await?;
    fill_and_submit(
        &driver,
        &setup,
        &[
            ("username", "owner"),
            ("email", "owner@example.com"),
            ("password", "owner password 1"),
        ],
    )
    .await?;
    assert_eq!(driver.current_url().await?.path(), "/account");
    let text = page_text(&driver).await?;
    assert!(text.contains("Your admin account is ready."), "{text}");
    assert_eq!(
        driver
            .find(By::ClassName("role"))
            .await?
            .text()
            .await?
            .to_lowercase(),
        "admin"
    );
    sign_out(&driver).await?;

    // A customer registers; a mistake first, shown next to its field.
    driver.goto(format!("{base}/register")).await?;
    fill_and_submit(
        &driver,
        "/register",
        &[
            ("username", "ana"),
            ("email", "ana@example.com"),
            ("password", "short"),
        ],
    )
    .await?;
    let error = driver.find(By::Id("password-error")).await?.text().await?;
    assert_eq!(error, "Password must be at least 10 characters long.");
    let kept = driver.find(By::Id("email")).await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some("ana@example.com"));
    fill_and_submit(&driver, "/register", &[("password", "ana password 1")]).await?;
    let text = page_text(&driver).await?;
    assert!(text.contains("Welcome, ana! Your account is ready."), "{text}");
    sign_out(&driver).await?;

    // She signs in again and changes her password.
    driver.goto(format!("{base}/login")).await?;
    fill_and_submit(
        &driver,
        "/login",
        &[("username", "ana"), ("password", "ana password 1")],
    )
    .await?;
    assert!(page_text(&driver).await?.contains("Welcome back, ana."));
    driver.goto(format!("{base}/account")).await?;
    fill_and_submit(
        &driver,
        "/account/password",
        &[
            ("current_password", "ana password 1"),
            ("new_password", "ana password 2"),
            ("new_password_confirm", "ana password 2"),
        ],
    )
    .await?;
    assert!(page_text(&driver).await?.contains("Your password is changed."));
    sign_out(&driver).await?;

    // The old password no longer works; the new one does.
    driver.goto(format!("{base}/login")).await?;
    fill_and_submit(
        &driver,
        "/login",
        &[("username", "ana"), ("password", "ana password 1")],
    )
    .await?;
    assert!(page_text(&driver).await?.contains("wrong username or password"));
    fill_and_submit(
        &driver,
        "/login",
        &[("username", "ana"), ("password", "ana password 2")],
    )
    .await?;
    assert!(page_text(&driver).await?.contains("Welcome back, ana."));
    sign_out(&driver).await?;

    driver.quit().await?;
    Ok(())
}

//! Browser journeys, in headless Chromium driven through chromedriver,
//! against the real binary, each on a laptop's and a phone's width. Every
//! page they visit must fit the width (no sideways scrolling) and pass
//! axe-core without a serious or critical violation; the main pages are
//! saved as screenshots. The test command installs Debian's `chromium` and
//! `chromium-driver` and the npm package `axe-core`; set
//! TIENDA_SKIP_BROWSER=1 to skip these tests on a machine without them.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use thirtyfour::prelude::*;

use serde_json::{Value, json};

use crate::process::{Server, create_user, eventually, free_port, http_request};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn start_chromedriver() -> (Driver, u16) {
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

pub(crate) async fn browser(driver_port: u16, profile: &Path) -> WebDriverResult<WebDriver> {
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

/// A laptop's width and a phone's (an iPhone 12 to 15), in CSS pixels.
pub(crate) const WIDTHS: [u32; 2] = [1280, 390];

/// axe-core's script, from TIENDA_AXE_CORE or where the test command
/// installs it (`<target dir>/axe-core`).
fn axe_source() -> String {
    let path = std::env::var_os("TIENDA_AXE_CORE").map_or_else(
        || target_dir().join("axe-core/node_modules/axe-core/axe.min.js"),
        PathBuf::from,
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing ({}: {e}): run tests/run.sh, which installs it, or \
             `npm install --prefix {} axe-core@4`",
            path.display(),
            target_dir().join("axe-core").display()
        )
    })
}

/// Cargo's target directory (the parent of the tests' temporary one).
fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

/// Where screenshots go: TIENDA_SCREENSHOTS, or `<target dir>/screenshots`.
fn screenshot_dir() -> PathBuf {
    std::env::var_os("TIENDA_SCREENSHOTS").map_or_else(|| target_dir().join("screenshots"), PathBuf::from)
}

/// A browser at one width, which checks every page it shows: it fits the
/// width, and axe-core finds nothing serious. It derefs to the driver;
/// its own `goto` checks the page it went to.
pub(crate) struct Tab {
    driver: WebDriver,
    width: u32,
    axe: String,
}

impl Deref for Tab {
    type Target = WebDriver;
    fn deref(&self) -> &WebDriver {
        &self.driver
    }
}

impl Tab {
    pub(crate) async fn open(driver_port: u16, profile: &Path, width: u32) -> WebDriverResult<Tab> {
        let axe = axe_source();
        let driver = browser(driver_port, profile).await?;
        let tab = Tab { driver, width, axe };
        // Chromium keeps a window at least 500 pixels wide: a phone's
        // width is emulated instead (not as a mobile, which would zoom out
        // to fit what overflows).
        tab.viewport(900).await?;
        Ok(tab)
    }

    async fn viewport(&self, height: i64) -> WebDriverResult<()> {
        self.driver
            .cdp()
            .send_raw(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": self.width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
            )
            .await?;
        Ok(())
    }

    pub(crate) async fn goto(&self, url: impl AsRef<str>) -> WebDriverResult<()> {
        self.driver.goto(url.as_ref()).await?;
        self.check().await
    }

    /// The page fits the width and axe-core finds no serious or critical
    /// violation.
    async fn check(&self) -> WebDriverResult<()> {
        let url = self.driver.current_url().await?;
        let widths = self
            .driver
            .execute(
                "return [document.documentElement.scrollWidth, window.innerWidth];",
                vec![],
            )
            .await?;
        let widths: Vec<i64> = widths.convert()?;
        if widths[0] > widths[1] {
            // Name the elements that stick out, innermost first.
            let wide = self
                .driver
                .execute(
                    "return [...document.querySelectorAll('body *')]
                       .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                       .reverse().slice(0, 5)
                       .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40));",
                    vec![],
                )
                .await?;
            let wide: Vec<String> = wide.convert()?;
            panic!(
                "{url} at {} px: the page is {} px wide and scrolls sideways: {wide:?}",
                self.width, widths[0]
            );
        }
        // What axe-core does not check: one h1, before the other headings.
        let headings = self
            .driver
            .execute(
                "const shown = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
                     .filter(h => h.getClientRects().length > 0);
                 return shown.slice(0, 3).map(h => h.tagName + ' ' + h.textContent.trim())
                     .concat([String(shown.filter(h => h.tagName === 'H1').length)]);",
                vec![],
            )
            .await?;
        let headings: Vec<String> = headings.convert()?;
        assert!(
            headings.first().is_some_and(|h| h.starts_with("H1 "))
                && headings.last().is_some_and(|n| n == "1"),
            "{url}: one h1 should come before the other headings, not {headings:?}"
        );
        if self.width < 500 {
            self.check_tap_targets(url.as_str()).await?;
        }
        let loaded = self
            .driver
            .execute("return typeof axe !== 'undefined';", vec![])
            .await?;
        if !loaded.convert::<bool>()? {
            self.driver.execute(&*self.axe, vec![]).await?;
        }
        let found = self
            .driver
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document).then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.map(n => n.target.join(' '))}))),
                     e => done([{id: 'axe failed', help: String(e)}]));",
                vec![],
            )
            .await?;
        let violations = found.json();
        assert!(
            violations.as_array().is_some_and(|v| v.is_empty()),
            "{url} at {} px: axe-core finds {violations:#}",
            self.width
        );
        Ok(())
    }

    /// On a phone, links and buttons that do things (not links within a
    /// sentence) are at least 44 × 44 pixels, as WCAG 2.5.5 asks.
    async fn check_tap_targets(&self, url: &str) -> WebDriverResult<()> {
        let small = self
            .driver
            .execute(
                "return [...document.querySelectorAll(
                     'header a, header button, nav a, .pagination a, .pager a, main button, main .button, summary')]
                   .filter(e => e.getClientRects().length > 0)
                   .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
                   .filter(([, r]) => r.width < 43.5 || r.height < 43.5)
                   .map(([text, r]) => `${text} (${Math.round(r.width)} × ${Math.round(r.height)})`);",
                vec![],
            )
            .await?;
        let small: Vec<String> = small.convert()?;
        assert!(
            small.is_empty(),
            "{url} at {} px: tap targets smaller than 44 × 44: {small:?}",
            self.width
        );
        Ok(())
    }

    /// Saves the whole page as `<name>-<width>.png` in the screenshot folder.
    pub(crate) async fn screenshot(&self, name: &str) -> WebDriverResult<()> {
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("the screenshot folder can be made");
        let height: i64 = self
            .driver
            .execute("return document.documentElement.scrollHeight;", vec![])
            .await?
            .convert()?;
        self.viewport(height.clamp(900, 8000)).await?;
        let png = self.driver.screenshot_as_png().await?;
        self.viewport(900).await?;
        let file = dir.join(format!("{name}-{}.png", self.width));
        std::fs::write(&file, png).expect("the screenshot can be saved");
        Ok(())
    }

    pub(crate) async fn quit(self) -> WebDriverResult<()> {
        self.driver.quit().await
    }
}

/// Types into the fields of the form posting to `action`, then submits it.
pub(crate) async fn fill_and_submit(
    driver: &Tab,
    action: &str,
    fields: &[(&str, &str)],
) -> WebDriverResult<()> {
    let form = driver.find(By::Css(format!("form[action='{action}']"))).await?;
    for (name, value) in fields {
        let input = form.find(By::Css(format!("input[name='{name}']"))).await?;
        input.clear().await?;
        input.send_keys(*value).await?;
    }
    form.find(By::Css("button[type='submit']")).await?.click().await?;
    // The answer replaces the page: wait until the old form is gone.
    form.wait_until().stale().await?;
    driver.check().await
}

pub(crate) async fn click_and_wait(driver: &Tab, by: By) -> WebDriverResult<()> {
    let element = driver.find(by).await?;
    element.click().await?;
    element.wait_until().stale().await?;
    driver.check().await
}

/// On a phone the catalog's filters are folded: opens them. A wide
/// screen shows them without a summary to click, but WebDriver takes
/// whatever is in a closed `<details>` for hidden: it is opened for it.
async fn open_filters(driver: &Tab) -> WebDriverResult<()> {
    let fold = driver.find(By::ClassName("filters-fold")).await?;
    let summary = fold.find(By::Tag("summary")).await?;
    if fold.attr("open").await?.is_some() {
        return Ok(());
    }
    if summary.is_displayed().await? {
        summary.click().await?;
    } else {
        driver
            .execute("arguments[0].open = true;", vec![fold.to_json()?])
            .await?;
    }
    Ok(())
}

pub(crate) async fn page_text(driver: &Tab) -> WebDriverResult<String> {
    driver.find(By::Tag("body")).await?.text().await
}

async fn sign_out(driver: &Tab) -> WebDriverResult<()> {
    click_and_wait(driver, By::Id("logout")).await?;
    let text = page_text(driver).await?;
    assert!(text.contains("You are signed out."), "{text}");
    Ok(())
}

/// False (after saying why) when TIENDA_SKIP_BROWSER=1 asks to skip.
pub(crate) fn browser_wanted() -> bool {
    if std::env::var("TIENDA_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        crate::helpers::skip("TIENDA_SKIP_BROWSER=1 asks to skip the browser");
        return false;
    }
    assert!(
        Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists(),
        "chromium and chromium-driver are missing: run the test command of the README, which installs them"
    );
    true
}

#[rocket::async_test]
async fn a_new_shop_from_setup_to_a_customer_changing_the_password() -> WebDriverResult<()> {
    if !browser_wanted() {
        return Ok(());
    }
    for width in WIDTHS {
        a_new_shop_from_setup_to_a_customer_changing_the_password_at(width).await?;
    }
    Ok(())
}

async fn a_new_shop_from_setup_to_a_customer_changing_the_password_at(width: u32) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::serve(dir.path());
    let base = format!("http://127.0.0.1:{}", server.port);
    let (_chromedriver, driver_port) = start_chromedriver();
    let driver = Tab::open(driver_port, &dir.path().join("profile"), width).await?;

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

    driver.quit().await
}

/// A script using the JSON API of the server on `port` with a token.
struct Script {
    port: u16,
    token: String,
}

impl Script {
    /// Signs in as `username` and makes an API token, as a stock-sync
    /// script's owner would once.
    fn sign_in(port: u16, username: &str, password: &str) -> Script {
        let json = [("Content-Type", "application/json")];
        let login = json!({"username": username, "password": password}).to_string();
        let (status, answer) = http_request(port, "POST", "/api/v1/auth/login", &json, &login).unwrap();
        assert_eq!(status, 200, "{answer}");
        let cookie = answer
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(name, value)| {
                name.eq_ignore_ascii_case("set-cookie") && value.contains("tienda_session=")
            })
            .and_then(|(_, value)| value.trim().split(';').next())
            .expect("a session cookie")
            .to_string();
        let headers = [("Content-Type", "application/json"), ("Cookie", cookie.as_str())];
        let (status, answer) =
            http_request(port, "POST", "/api/v1/tokens", &headers, r#"{"name":"seed"}"#).unwrap();
        assert_eq!(status, 201, "{answer}");
        let token = body_json(&answer)["token"].as_str().unwrap().to_string();
        Script { port, token }
    }

    /// The staff account `clerk` (password "clerk password 1"), made at the
    /// terminal in the shop started in `dir`, with its script signed in.
    fn clerk(dir: &Path, port: u16) -> Script {
        create_user(&dir.join("tienda-data"), "clerk", "staff", "clerk password 1");
        Script::sign_in(port, "clerk", "clerk password 1")
    }

    /// POSTs `body` to `path`; the `id` of what was created.
    fn create(&self, path: &str, body: Value) -> i64 {
        let auth = format!("Bearer {}", self.token);
        let headers = [
            ("Content-Type", "application/json"),
            ("Authorization", auth.as_str()),
        ];
        let (status, answer) = http_request(self.port, "POST", path, &headers, &body.to_string()).unwrap();
        assert_eq!(status, 201, "{answer}");
        body_json(&answer)["id"].as_i64().unwrap()
    }
}

fn body_json(answer: &str) -> Value {
    let (_, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

async fn card_names(driver: &Tab) -> WebDriverResult<Vec<String>> {
    let mut names = Vec::new();
    for card in driver.find_all(By::ClassName("product-card-name")).await? {
        names.push(card.text().await?);
    }
    names.sort();
    Ok(names)
}

#[rocket::async_test]
async fn a_shopper_searches_filters_and_opens_a_product() -> WebDriverResult<()> {
    if !browser_wanted() {
        return Ok(());
    }
    for width in WIDTHS {
        a_shopper_searches_filters_and_opens_a_product_at(width).await?;
    }
    Ok(())
}

async fn a_shopper_searches_filters_and_opens_a_product_at(width: u32) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::serve(dir.path());
    let base = format!("http://127.0.0.1:{}", server.port);

    // The owner makes a staff account at the terminal; a script fills the
    // catalog through the API.
    let script = Script::clerk(dir.path(), server.port);
    let computers = script.create("/api/v1/categories", json!({"name": "Computers"}));
    let laptops = script.create(
        "/api/v1/categories",
        json!({"name": "Laptops", "parent_id": computers}),
    );
    let books = script.create("/api/v1/categories", json!({"name": "Books"}));
    for (name, price_cents, category) in [
        ("Laptop Pro", 129_900, laptops),
        ("Laptop Air", 89_900, laptops),
        ("Laptop Stand", 3_990, computers),
        ("Laptop Cleaning Kit", 990, computers),
        ("Desk Lamp", 2_500, computers),
        ("Laptops for Dummies", 1_999, books),
    ] {
        script.create(
            "/api/v1/products",
            json!({"name": name, "price_cents": price_cents, "stock": 4, "category_id": category,
                   "description": format!("All about the {name}.")}),
        );
    }

    let (_chromedriver, driver_port) = start_chromedriver();
    let driver = Tab::open(driver_port, &dir.path().join("profile"), width).await?;
    driver.goto(format!("{base}/")).await?;
    assert_eq!(card_names(&driver).await?.len(), 6);

    // A word's beginning finds every product that has the word.
    fill_and_submit(&driver, "/", &[("q", "lapt")]).await?;
    assert_eq!(
        card_names(&driver).await?,
        [
            "Laptop Air",
            "Laptop Cleaning Kit",
            "Laptop Pro",
            "Laptop Stand",
            "Laptops for Dummies"
        ]
    );

    // A category keeps the search and takes in its subcategories.
    open_filters(&driver).await?;
    click_and_wait(&driver, By::LinkText("Computers")).await?;
    assert_eq!(
        driver.current_url().await?.path(),
        format!("/categories/{computers}-computers")
    );
    assert_eq!(
        card_names(&driver).await?,
        ["Laptop Air", "Laptop Cleaning Kit", "Laptop Pro", "Laptop Stand"]
    );

    // A price range narrows it further.
    open_filters(&driver).await?;
    fill_and_submit(
        &driver,
        &format!("/categories/{computers}-computers"),
        &[("min_price", "10"), ("max_price", "1000.00")],
    )
    .await?;
    assert_eq!(card_names(&driver).await?, ["Laptop Air", "Laptop Stand"]);
    let search = driver.find(By::Id("q")).await?.prop("value").await?;
    assert_eq!(search.as_deref(), Some("lapt"), "the search is kept");

    // The product's own page.
    click_and_wait(&driver, By::PartialLinkText("Laptop Air")).await?;
    let name = driver.find(By::ClassName("product-name")).await?.text().await?;
    assert_eq!(name, "Laptop Air");
    let price = driver.find(By::ClassName("product-price")).await?.text().await?;
    assert_eq!(price, "€899.00");
    let text = page_text(&driver).await?;
    assert!(text.contains("All about the Laptop Air."), "{text}");
    assert!(text.contains("Laptops"), "its category: {text}");

    driver.quit().await
}

pub(crate) async fn sign_in(driver: &Tab, base: &str, username: &str, password: &str) -> WebDriverResult<()> {
    driver.goto(format!("{base}/login")).await?;
    fill_and_submit(
        driver,
        "/login",
        &[("username", username), ("password", password)],
    )
    .await
}

/// On the checkout form: pickup, cash on delivery, and a guest's e-mail
/// and name; the order is not placed yet.
pub(crate) async fn pickup_and_cash_as_guest(driver: &Tab, email: &str, name: &str) -> WebDriverResult<()> {
    driver
        .find(By::Css("input[name='shipping_method'][value='pickup']"))
        .await?
        .click()
        .await?;
    driver
        .find(By::Css("input[name='payment_method'][value='cash_on_delivery']"))
        .await?
        .click()
        .await?;
    type_into(driver, "email", email).await?;
    type_into(driver, "billing_name", name).await
}

/// Types `value` into the input named `name` (in whichever form has it).
pub(crate) async fn type_into(driver: &Tab, name: &str, value: &str) -> WebDriverResult<()> {
    let input = driver.find(By::Css(format!("input[name='{name}']"))).await?;
    input.clear().await?;
    input.send_keys(value).await
}

#[rocket::async_test]
async fn a_guest_buys_with_a_coupon_and_follows_the_order_to_its_tracking_number() -> WebDriverResult<()> {
    if !browser_wanted() {
        return Ok(());
    }
    for width in WIDTHS {
        a_guest_buys_with_a_coupon_and_follows_the_order_to_its_tracking_number_at(width).await?;
    }
    Ok(())
}

async fn a_guest_buys_with_a_coupon_and_follows_the_order_to_its_tracking_number_at(
    width: u32,
) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::serve(dir.path());
    let base = format!("http://127.0.0.1:{}", server.port);
    let script = Script::clerk(dir.path(), server.port);
    let mug = script.create(
        "/api/v1/products",
        json!({"name": "Blue mug", "price_cents": 1250, "stock": 5, "description": "A mug."}),
    );
    script.create(
        "/api/v1/coupons",
        json!({"code": "WELCOME10", "kind": "percent", "value": 10}),
    );

    let (_chromedriver, driver_port) = start_chromedriver();
    let driver = Tab::open(driver_port, &dir.path().join("profile"), width).await?;

    // A guest puts two mugs in the cart; the header counts them.
    driver.goto(format!("{base}/products/{mug}")).await?;
    type_into(&driver, "quantity", "2").await?;
    click_and_wait(&driver, By::Id("add-to-cart")).await?;
    let count = driver.find(By::ClassName("cart-count")).await?.text().await?;
    assert_eq!(count, "2");

    // Checkout needs no account, but she wants one: from the checkout's
    // "or sign in" she registers and comes back to it, cart and all.
    driver.goto(format!("{base}/cart")).await?;
    click_and_wait(&driver, By::Id("checkout")).await?;
    assert_eq!(driver.current_url().await?.path(), "/checkout");
    click_and_wait(&driver, By::Css(".guest-note a")).await?;
    assert_eq!(driver.current_url().await?.path(), "/login");
    click_and_wait(&driver, By::Css("main a[href^='/register?next=']")).await?;
    fill_and_submit(
        &driver,
        "/register",
        &[
            ("username", "ana"),
            ("email", "ana@example.com"),
            ("password", "ana password 1"),
        ],
    )
    .await?;
    assert_eq!(driver.current_url().await?.path(), "/checkout");
    let text = page_text(&driver).await?;
    assert!(text.contains("Blue mug"), "{text}");

    // Address, a coupon applied to the server's summary, then the order.
    for (name, value) in [
        ("shipping_address.name", "Ana Díaz"),
        ("shipping_address.line1", "Calle Mayor 1"),
        ("shipping_address.postal_code", "28013"),
        ("shipping_address.city", "Madrid"),
        ("shipping_address.country", "Spain"),
        ("coupon_code", "welcome10"),
    ] {
        type_into(&driver, name, value).await?;
    }
    click_and_wait(&driver, By::Css("button[name='apply'][value='coupon']")).await?;
    let total = driver.find(By::ClassName("total")).await?.text().await?;
    assert_eq!(total, "€22.50", "25.00 less 10%");
    let kept = driver
        .find(By::Css("input[name='shipping_address.city']"))
        .await?
        .prop("value")
        .await?;
    assert_eq!(kept.as_deref(), Some("Madrid"));
    driver
        .find(By::Css("input[name='payment_method'][value='bank_transfer']"))
        .await?
        .click()
        .await?;
    click_and_wait(&driver, By::ClassName("place-order")).await?;
    assert_eq!(driver.current_url().await?.path(), "/orders/1");
    let number = driver.find(By::ClassName("order-number")).await?.text().await?;
    assert_eq!(number, "T-000001");
    let text = page_text(&driver).await?;
    assert!(text.contains("Please pay by bank transfer"), "{text}");
    sign_out(&driver).await?;

    // Staff record the payment and ship it.
    sign_in(&driver, &base, "clerk", "clerk password 1").await?;
    driver.goto(format!("{base}/admin/orders/1")).await?;
    fill_and_submit(&driver, "/admin/orders/1/mark-paid", &[("reference", "TRF-881")]).await?;
    fill_and_submit(
        &driver,
        "/admin/orders/1/ship",
        &[("carrier", "Correos"), ("tracking_number", "PK12345678ES")],
    )
    .await?;
    let text = page_text(&driver).await?;
    assert!(text.contains("PK12345678ES"), "{text}");
    sign_out(&driver).await?;

    // The customer sees where her parcel is.
    sign_in(&driver, &base, "ana", "ana password 1").await?;
    driver.goto(format!("{base}/orders/1")).await?;
    let text = page_text(&driver).await?;
    assert!(
        text.contains("PK12345678ES") && text.contains("Correos"),
        "{text}"
    );
    assert!(text.to_lowercase().contains("shipped"), "{text}");

    driver.quit().await
}

/// The demo shop's password of `username`, from the lines it printed.
pub(crate) fn demo_password(server: &Server, username: &str) -> String {
    server
        .lines
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        // "  admin  admin  password X", with "password" in the shop's language.
        .find(|words| words.len() == 4 && words[0] == username)
        .map(|words| words[3].to_string())
        .unwrap_or_else(|| panic!("no password for {username} in {:?}", server.lines))
}

/// The first link's address that `css` finds on the page.
pub(crate) async fn first_href(driver: &Tab, css: &str) -> WebDriverResult<String> {
    let link = driver.find(By::Css(css)).await?;
    Ok(link.attr("href").await?.unwrap_or_default())
}

#[rocket::async_test]
async fn every_page_of_the_demo_shop_fits_a_phone_and_a_laptop() -> WebDriverResult<()> {
    if !browser_wanted() {
        return Ok(());
    }
    for width in WIDTHS {
        every_page_of_the_demo_shop_at(width).await?;
    }
    Ok(())
}

/// The `.eml` file of `kind` in the outbox folder of the shop started in
/// `dir`, unfolded (quoted-printable soft breaks removed).
pub(crate) fn mail_in_outbox(dir: &Path, kind: &str) -> String {
    let outbox = dir.join("tienda-data").join("outbox");
    let file = eventually("the mail in the outbox folder", || {
        std::fs::read_dir(&outbox)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(&format!("-{kind}.eml")))
    });
    let message = std::fs::read_to_string(file).expect("the mail reads");
    message.replace("=\r\n", "").replace("=\n", "")
}

#[rocket::async_test]
async fn a_guest_buys_cash_on_pickup_follows_the_private_link_and_makes_an_account() -> WebDriverResult<()> {
    if !browser_wanted() {
        return Ok(());
    }
    for width in WIDTHS {
        a_guest_buys_cash_on_pickup_at(width).await?;
    }
    Ok(())
}

async fn a_guest_buys_cash_on_pickup_at(width: u32) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::serve(dir.path());
    let base = format!("http://127.0.0.1:{}", server.port);
    let script = Script::clerk(dir.path(), server.port);
    let teapot = script.create(
        "/api/v1/products",
        json!({"name": "Teapot", "price_cents": 2000, "stock": 3, "description": "A teapot."}),
    );
    let (_chromedriver, driver_port) = start_chromedriver();
    let driver = Tab::open(driver_port, &dir.path().join("profile"), width).await?;

    // A guest puts the teapot in the cart and checks out without an account.
    driver.goto(format!("{base}/products/{teapot}")).await?;
    click_and_wait(&driver, By::Id("add-to-cart")).await?;
    driver.goto(format!("{base}/cart")).await?;
    click_and_wait(&driver, By::Id("checkout")).await?;
    assert_eq!(driver.current_url().await?.path(), "/checkout");
    let note = driver.find(By::ClassName("guest-note")).await?.text().await?;
    assert!(note.contains("No account needed"), "{note}");
    pickup_and_cash_as_guest(&driver, "grace@example.org", "Grace Hopper").await?;
    click_and_wait(&driver, By::ClassName("place-order")).await?;

    // The confirmation is the private page, with its link.
    let url = driver.current_url().await?;
    assert!(url.path().starts_with("/orders/guest/"), "{url}");
    let link = driver.find(By::ClassName("guest-link")).await?.text().await?;
    assert_eq!(link, format!("{base}{}", url.path()));
    let text = page_text(&driver).await?;
    assert!(text.contains("T-000001 is placed"), "{text}");
    assert!(text.contains("Pay when you collect it"), "{text}");

    // The confirmation mail in the outbox folder has the link.
    let mail = mail_in_outbox(dir.path(), "order_confirmation");
    assert!(mail.contains("To: grace@example.org"), "{mail}");
    assert!(mail.contains(&link), "{mail}");

    // She opens the link and makes an account from it.
    driver.goto(&link).await?;
    let number = driver.find(By::ClassName("order-number")).await?.text().await?;
    assert_eq!(number, "T-000001");
    fill_and_submit(
        &driver,
        &format!("{}/account", url.path()),
        &[("username", "grace"), ("password", "grace password 1")],
    )
    .await?;
    assert_eq!(driver.current_url().await?.path(), "/orders/1");
    let text = page_text(&driver).await?;
    assert!(text.contains("Welcome, grace!"), "{text}");
    sign_out(&driver).await?;

    // Staff make it ready, then hand it over for cash, and print the invoice.
    sign_in(&driver, &base, "clerk", "clerk password 1").await?;
    driver.goto(format!("{base}/admin/orders/1")).await?;
    fill_and_submit(&driver, "/admin/orders/1/ready", &[]).await?;
    let text = page_text(&driver).await?;
    assert!(text.contains("ready for pickup"), "{text}");
    fill_and_submit(
        &driver,
        "/admin/orders/1/deliver",
        &[("reference", "cash at the desk")],
    )
    .await?;
    let invoice_number = driver.find(By::ClassName("invoice-number")).await?.text().await?;
    assert!(invoice_number.ends_with("-000001"), "{invoice_number}");
    driver.goto(format!("{base}/orders/1/invoice")).await?;
    let printed = driver.find(By::ClassName("invoice-number")).await?.text().await?;
    assert_eq!(printed, invoice_number);
    let text = page_text(&driver).await?;
    assert!(text.contains("Grace Hopper"), "{text}");

    driver.quit().await?;
    Ok(())
}

/// The storefront as a guest and as a customer, then every page of the
/// back office: each one checked, the main ones saved as screenshots.
async fn every_page_of_the_demo_shop_at(width: u32) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        Path::new(crate::process::BINARY),
        dir.path(),
        &["serve", "--demo"],
    );
    let base = format!("http://127.0.0.1:{}", server.port);
    let (_chromedriver, driver_port) = start_chromedriver();
    let driver = Tab::open(driver_port, &dir.path().join("profile"), width).await?;

    // A guest looks around and puts something in the cart.
    for (name, path) in [
        ("catalog", "/"),
        ("search", "/?q=tea"),
        ("category", "/categories/1"),
        ("sign-in", "/login"),
        ("register", "/register"),
        ("not-found", "/no-such-page"),
        ("empty-cart", "/cart"),
    ] {
        driver.goto(format!("{base}{path}")).await?;
        driver.screenshot(name).await?;
    }
    driver.goto(format!("{base}/")).await?;
    let product = first_href(&driver, ".product-card-link").await?;
    driver.goto(format!("{base}{product}")).await?;
    driver.screenshot("product").await?;
    click_and_wait(&driver, By::Id("add-to-cart")).await?;
    driver.screenshot("added-to-cart").await?;
    click_and_wait(&driver, By::ClassName("view-cart")).await?;
    driver.screenshot("cart").await?;

    // The demo customer checks out and looks at her orders and account.
    sign_in(&driver, &base, "customer", &demo_password(&server, "customer")).await?;
    driver.goto(format!("{base}/checkout")).await?;
    driver.screenshot("checkout").await?;
    driver.goto(format!("{base}/orders")).await?;
    driver.screenshot("orders").await?;
    let order = first_href(&driver, ".order-link").await?;
    driver.goto(format!("{base}{order}")).await?;
    driver.screenshot("order").await?;
    driver.goto(format!("{base}/account")).await?;
    driver.screenshot("account").await?;
    driver.goto(format!("{base}/admin")).await?;
    driver.screenshot("forbidden").await?;
    sign_out(&driver).await?;

    // The admin goes through every page of the back office.
    sign_in(&driver, &base, "admin", &demo_password(&server, "admin")).await?;
    for (name, path) in [
        ("admin-dashboard", "/admin"),
        ("admin-orders", "/admin/orders"),
        ("admin-products", "/admin/products"),
        ("admin-product", "/admin/products/1"),
        ("admin-product-edit", "/admin/products/1/edit"),
        ("admin-new-product", "/admin/products/new"),
        ("admin-product-delete", "/admin/products/1/delete"),
        ("admin-categories", "/admin/categories"),
        ("admin-new-category", "/admin/categories/new"),
        ("admin-category-edit", "/admin/categories/1/edit"),
        ("admin-suppliers", "/admin/suppliers"),
        ("admin-new-supplier", "/admin/suppliers/new"),
        ("admin-coupons", "/admin/coupons"),
        ("admin-new-coupon", "/admin/coupons/new"),
        ("admin-users", "/admin/users"),
        ("admin-reviews", "/admin/reviews"),
        ("admin-import", "/admin/import"),
        ("admin-settings", "/admin/settings"),
        ("admin-backups", "/admin/backups"),
        ("admin-reports", "/admin/reports"),
        ("admin-sales", "/admin/reports/sales"),
        ("admin-top-products", "/admin/reports/top-products"),
        ("admin-customers", "/admin/reports/customers"),
        ("admin-low-stock", "/admin/reports/low-stock"),
        ("api-tokens", "/account/tokens"),
    ] {
        driver.goto(format!("{base}{path}")).await?;
        driver.screenshot(name).await?;
    }
    driver.goto(format!("{base}/admin/orders")).await?;
    let order = first_href(&driver, ".order-link").await?;
    driver.goto(format!("{base}{order}")).await?;
    driver.screenshot("admin-order").await?;
    for step in ["cancel", "refund"] {
        driver.goto(format!("{base}{order}/{step}")).await?;
    }
    driver.goto(format!("{base}/admin/users")).await?;
    let user = first_href(&driver, ".user-link").await?;
    driver.goto(format!("{base}{user}")).await?;
    driver.screenshot("admin-user").await?;

    driver.quit().await
}

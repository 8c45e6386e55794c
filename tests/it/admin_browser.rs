//! The back office in a browser: an admin reads the dashboard and a report
//! with its chart, makes a customer staff, and deactivates a customer whose
//! own browser is signed in at the time.

use std::time::Duration;

use thirtyfour::prelude::*;

use crate::browser::{Tab, browser_wanted, click_and_wait, page_text, sign_in, start_chromedriver};
use crate::process::{Server, create_user, tienda};

/// The whole journey may take this long, however the browser misbehaves.
const JOURNEY: Duration = Duration::from_secs(180);

#[rocket::async_test]
async fn an_admin_reads_a_report_promotes_a_customer_and_signs_another_out() -> WebDriverResult<()> {
    if !browser_wanted() {
        return Ok(());
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tienda-data");
    // A month of generated orders, so the reports have something to draw.
    let demo = [
        "demo",
        "--products",
        "20",
        "--orders",
        "300",
        "--customers",
        "10",
        "--days",
        "30",
    ];
    assert!(tienda(&data, &demo, None).success());
    let server = Server::serve(dir.path());
    create_user(&data, "owner", "admin", "owner password 1");
    create_user(&data, "ana", "customer", "ana password 1");
    create_user(&data, "bob", "customer", "bob password 1");
    let base = format!("http://127.0.0.1:{}", server.port);
    let (_chromedriver, driver_port) = start_chromedriver();
    let admin = Tab::open(driver_port, &dir.path().join("admin-profile"), 1280).await?;
    let bob = Tab::open(driver_port, &dir.path().join("bob-profile"), 1280).await?;

    let journey = async {
        // Bob is signed in, in his own browser.
        sign_in(&bob, &base, "bob", "bob password 1").await?;
        bob.goto(format!("{base}/account")).await?;
        assert_eq!(bob.current_url().await?.path(), "/account");
        assert!(page_text(&bob).await?.contains("Signed in as bob"));

        // The admin's morning: the dashboard, then the sales report.
        sign_in(&admin, &base, "owner", "owner password 1").await?;
        admin.goto(format!("{base}/admin")).await?;
        let text = page_text(&admin).await?;
        assert!(text.contains("Low stock"), "{text}");
        assert!(!admin.find_all(By::Css("svg.chart-svg")).await?.is_empty());
        click_and_wait(&admin, By::Css("nav a[href='/admin/reports']")).await?;
        click_and_wait(&admin, By::Css("a[href='/admin/reports/sales']")).await?;
        assert_eq!(admin.current_url().await?.path(), "/admin/reports/sales");
        let chart = admin.find(By::Css("figure.chart svg.chart-svg")).await?;
        let bars = chart.find_all(By::Css("rect.bar")).await?;
        assert_eq!(bars.len(), 30, "a bar per day of the last 30");
        let hover = chart.find(By::Css("rect.bar title")).await?.inner_html().await?;
        assert!(hover.contains("revenue"), "{hover}");

        // Ana becomes staff.
        admin.goto(format!("{base}/admin/users?q=ana")).await?;
        click_and_wait(&admin, By::LinkText("ana")).await?;
        admin
            .find(By::Css("select#role option[value='staff']"))
            .await?
            .click()
            .await?;
        click_and_wait(&admin, By::Css("form[action$='/role'] button[type='submit']")).await?;
        let text = page_text(&admin).await?;
        assert!(text.contains("ana is now staff."), "{text}");
        admin.goto(format!("{base}/admin/users?role=staff")).await?;
        let mut staff = Vec::new();
        for link in admin.find_all(By::ClassName("user-link")).await? {
            staff.push(link.text().await?);
        }
        assert_eq!(staff, ["ana"]);

        // Bob is deactivated while his browser is still open.
        admin.goto(format!("{base}/admin/users?q=bob")).await?;
        click_and_wait(&admin, By::LinkText("bob")).await?;
        click_and_wait(&admin, By::Css("form[action$='/deactivate'] button")).await?;
        let text = page_text(&admin).await?;
        assert!(text.contains("bob is deactivated"), "{text}");

        // His next page load finds him signed out, and he cannot sign in.
        bob.refresh().await?;
        assert_eq!(bob.current_url().await?.path(), "/login");
        assert!(!page_text(&bob).await?.contains("Signed in as bob"));
        sign_in(&bob, &base, "bob", "bob password 1").await?;
        assert_eq!(bob.current_url().await?.path(), "/login");
        bob.goto(format!("{base}/account")).await?;
        assert_eq!(bob.current_url().await?.path(), "/login");
        WebDriverResult::Ok(())
    };
    let outcome = rocket::tokio::time::timeout(JOURNEY, journey).await;
    admin.quit().await?;
    bob.quit().await?;
    outcome.expect("the journey ends in time")
}

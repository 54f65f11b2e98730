//! The security administrator's page in headless Chromium: a lock-out lifted and a role changed with the page's
//! own buttons, and the page checked with axe-core for serious or critical accessibility violations, in Chinese
//! and English, on a desktop and a phone-sized window.
//!
//! Needs what `browser.rs` needs; without it the test says why and passes, except under CI.

use std::time::Duration;

use crate::support::browser::{
    available, axe_source, axe_violations, browser, sign_in, start_driver,
};
use crate::support::{Client, TestApp};
use gongkai_domain::account::Username;
use gongkai_store::AccountStore;
use thirtyfour::prelude::*;

/// Waits until the page shows an element matching `css` (after a submission).
async fn wait_for(driver: &WebDriver, css: &str) -> WebElement {
    for _ in 0..50 {
        if let Ok(found) = driver.find(By::Css(css)).await {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    driver.find(By::Css(css)).await.expect(css)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_security_administrator_lifts_a_lock_and_changes_a_role_in_the_browser() {
    if !available() {
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = TestApp::start().await;
    // Someone has guessed the reviewer's password five times.
    let guesser = Client::new(&app);
    for _ in 0..5 {
        guesser.login("ggzy-reviewer", "not-the-password").await;
    }
    let (_chromedriver, driver_url) = start_driver().await;
    let driver = browser(&driver_url).await;
    let mut problems = Vec::new();
    let mut check = async |driver: &WebDriver, page: &str| {
        for v in axe_violations(driver, &axe).await {
            problems.push(format!("{page}: {v}"));
        }
    };

    sign_in(&driver, &app, "security").await;
    driver
        .goto(app.url("/console/security"))
        .await
        .expect("security page");
    wait_for(&driver, "#locks-title").await;
    check(&driver, "security page").await;
    let body = driver.source().await.expect("source");
    assert!(body.contains("ggzy-reviewer"), "the lock is listed");

    // Lift it with the row's button.
    driver
        .find(By::Css("form[action='/console/security/unlock'] button"))
        .await
        .expect("the lift button")
        .click()
        .await
        .expect("click");
    let said = wait_for(&driver, "p.success").await;
    assert!(said.text().await.unwrap_or_default().contains("解除"));

    // Make the clerk a reviewer with the row's select and button.
    let clerk = app
        .store
        .credentials(&Username::parse("ggzy-clerk").expect("name"))
        .await
        .expect("read")
        .expect("the clerk")
        .account
        .id;
    let select = driver
        .find(By::Id(format!("role-{clerk}")))
        .await
        .expect("the clerk's role");
    select
        .find(By::Css("option[value='reviewer']"))
        .await
        .expect("reviewer")
        .click()
        .await
        .expect("choose");
    driver
        .find(By::Css(format!(
            "form[action='/console/security/accounts/{clerk}/role'] button"
        )))
        .await
        .expect("change")
        .click()
        .await
        .expect("click");
    // The page comes back with the role's message (the unlock's was there before).
    for _ in 0..50 {
        let url = driver.current_url().await.expect("url");
        if url.as_str().ends_with("done=role") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let said = wait_for(&driver, "p.success").await;
    assert!(said.text().await.unwrap_or_default().contains("角色"));
    let account = app
        .store
        .account(clerk)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(account.role.code(), "reviewer");
    check(&driver, "security page after a change").await;

    driver
        .goto(app.url("/console/security?lang=en"))
        .await
        .expect("English");
    wait_for(&driver, "#roles-title").await;
    check(&driver, "security page (English)").await;
    driver
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");
    check(&driver, "security page (English, phone)").await;

    driver.quit().await.expect("quit");
    assert!(
        problems.is_empty(),
        "serious or critical accessibility violations:\n{}",
        problems.join("\n")
    );
}

//! The register of 行政复议 and 行政诉讼 cases in headless Chromium, signed in as the centre's clerk: the register
//! page with table 四, the registration form sent back with a field's problem, and the decision form, each
//! checked with axe-core for serious or critical accessibility violations, in Chinese and English, on a desktop
//! and a phone-sized window.
//!
//! Needs what `browser.rs` needs (`chromedriver`, `chromium`, axe-core from `GONGKAI_AXE_JS` or
//! `target/axe/node_modules/axe-core/axe.min.js`); without them the test says why and passes, except under CI.

use std::time::Duration;

use crate::support::browser::{
    available, axe_source, axe_violations, browser, sign_in, start_driver,
};
use crate::support::{TestApp, fixture};
use gongkai_domain::agency::AgencyId;
use gongkai_store::AppealStore;
use thirtyfour::prelude::*;

/// Waits until the page shows an element matching `css` (after a click or a submission).
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
async fn the_register_pages_pass_axe() {
    if !available() {
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = TestApp::builder()
        .applications(fixture::applications())
        .appeals(fixture::register())
        .start()
        .await;
    let centre = app.agency(fixture::CENTRE);
    let pending = app
        .store
        .review_cases_of(AgencyId(centre))
        .await
        .expect("cases")
        .into_iter()
        .find(|c| c.case.decision.is_none())
        .expect("a pending fixture case");
    let (_chromedriver, driver_url) = start_driver().await;
    let driver = browser(&driver_url).await;
    let mut problems = Vec::new();
    let mut check = async |driver: &WebDriver, page: &str| {
        for v in axe_violations(driver, &axe).await {
            problems.push(format!("{page}: {v}"));
        }
    };

    sign_in(&driver, &app, "ggzy-clerk").await;

    // From the agency page to the register, by its link.
    driver
        .goto(app.url(&format!("/console/agencies/{centre}")))
        .await
        .expect("agency page");
    driver
        .find(By::Css(format!(
            "a[href='/console/agencies/{centre}/appeals']"
        )))
        .await
        .expect("the register link")
        .click()
        .await
        .expect("click");
    wait_for(&driver, "table.t4").await;
    check(&driver, "register").await;

    // The registration form, sent back for an unknown tracking number.
    wait_for(
        &driver,
        &format!("a[href='/console/agencies/{centre}/appeals/new']"),
    )
    .await
    .click()
    .await
    .expect("to the form");
    let application = wait_for(&driver, "#application").await;
    check(&driver, "registration form").await;
    application.send_keys("GK-2099-000001").await.expect("type");
    application.send_keys(Key::Enter).await.expect("submit");
    wait_for(&driver, "#application-error").await;
    check(&driver, "registration form with a problem").await;

    let decision = format!(
        "/console/agencies/{centre}/appeals/{}/decision",
        pending.id.0
    );
    driver.goto(app.url(&decision)).await.expect("decision");
    wait_for(&driver, "input[name='outcome']").await;
    check(&driver, "decision form").await;

    driver
        .goto(app.url(&format!(
            "/console/agencies/{centre}/appeals?year=2025&lang=en"
        )))
        .await
        .expect("English");
    wait_for(&driver, "table.t4").await;
    check(&driver, "register (English)").await;
    driver
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");
    check(&driver, "register (English, phone)").await;
    driver.goto(app.url(&decision)).await.expect("decision");
    check(&driver, "decision form (English, phone)").await;

    driver.quit().await.expect("quit");
    assert!(
        problems.is_empty(),
        "serious or critical accessibility violations:\n{}",
        problems.join("\n")
    );
}

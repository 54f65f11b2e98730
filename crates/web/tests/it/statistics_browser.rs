//! The statistics page (table 三 of an agency's applications) in headless Chromium, signed in as the centre's
//! clerk: checked with axe-core for serious or critical accessibility violations in Chinese and English, on a
//! desktop and a phone-sized window, and the year picker used with the keyboard.
//!
//! Needs what `browser.rs` needs (`chromedriver`, `chromium`, axe-core from `GONGKAI_AXE_JS` or
//! `target/axe/node_modules/axe-core/axe.min.js`); without them the test says why and passes, except under CI.
//! The helpers are in `common/browser.rs` (a copy of those `browser.rs` still keeps).

use std::time::Duration;

use crate::support::browser::{
    available, axe_source, axe_violations, browser, sign_in, start_driver,
};
use crate::support::{TestApp, fixture};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_statistics_page_passes_axe_and_its_year_picker_works() {
    if !available() {
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = TestApp::builder()
        .applications(fixture::applications())
        .start()
        .await;
    let centre = app.agency(fixture::CENTRE);
    let (_chromedriver, driver_url) = start_driver().await;
    let driver = browser(&driver_url).await;
    let mut problems = Vec::new();
    let mut check = async |driver: &WebDriver, page: &str| {
        for v in axe_violations(driver, &axe).await {
            problems.push(format!("{page}: {v}"));
        }
    };

    sign_in(&driver, &app, "ggzy-clerk").await;

    // From the work queue to the statistics, by its link.
    driver
        .goto(app.url(&format!("/console/agencies/{centre}/applications")))
        .await
        .expect("work queue");
    check(&driver, "work queue").await;
    driver
        .find(By::Css(format!(
            "a[href='/console/agencies/{centre}/applications/statistics']"
        )))
        .await
        .expect("the statistics link")
        .click()
        .await
        .expect("click");
    driver.find(By::Css("table.t3")).await.expect("table 三");
    check(&driver, "statistics").await;

    // Another year with the keyboard: the picker is a plain form.
    let select = driver.find(By::Id("year")).await.expect("year picker");
    select.focus().await.expect("focus");
    driver
        .find(By::Css("#year option[value='2023']"))
        .await
        .expect("2023 offered")
        .click()
        .await
        .expect("choose 2023");
    driver
        .find(By::Css(".year-form button"))
        .await
        .expect("show")
        .send_keys(Key::Enter)
        .await
        .expect("submit with the keyboard");
    let mut url = driver.current_url().await.expect("url");
    for _ in 0..50 {
        if url.query().is_some_and(|q| q.contains("year=2023")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        url = driver.current_url().await.expect("url");
    }
    assert!(
        url.query().is_some_and(|q| q.contains("year=2023")),
        "{url}"
    );
    let new = driver
        .find(By::Css("td[data-cell='t3.r1_new.total']"))
        .await
        .expect("the cell")
        .text()
        .await
        .expect("text");
    let received_2023 = fixture::applications()
        .iter()
        .filter(|c| c.agency == fixture::CENTRE)
        .filter(|c| chrono::Datelike::year(&c.received_on) == 2023)
        .count();
    assert!(
        received_2023 > 0,
        "the fixture's centre received applications in 2023"
    );
    assert_eq!(new, received_2023.to_string());
    check(&driver, "statistics 2023").await;

    driver
        .goto(app.url(&format!(
            "/console/agencies/{centre}/applications/statistics?year=2021&lang=en"
        )))
        .await
        .expect("English");
    check(&driver, "statistics (English)").await;
    driver
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");
    check(&driver, "statistics (English, phone)").await;

    driver.quit().await.expect("quit");
    assert!(
        problems.is_empty(),
        "serious or critical accessibility violations:\n{}",
        problems.join("\n")
    );
}

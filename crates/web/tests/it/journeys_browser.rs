//! Each role's day in headless Chromium, in Chinese, at a desktop width and a phone's: every page is checked
//! with axe-core, must not scroll sideways as a whole (a wide table scrolls inside its own frame), and shows
//! what the person came for. The citizen's and the clerk's way through one application is
//! `browser_application.rs`; here are the supervisor's oversight and the reviewer's checks.

use thirtyfour::prelude::*;

use crate::oversight::city;
use crate::support::browser::{
    available, axe_source, axe_violations, browser, find_after_navigation, sign_in, start_driver,
};
use crate::support::fixture::{CENTRE, FINANCE, GOVERNMENT};

/// The two widths every page is seen at.
const WIDTHS: [u32; 2] = [1280, 390];

/// What is wrong with the page at each width: axe's serious and critical findings, and a page wider than the
/// window.
async fn at_both_widths(driver: &WebDriver, axe: &str, page: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for width in WIDTHS {
        driver
            .set_window_rect(0, 0, width, 900)
            .await
            .expect("window size");
        if let Some(dir) = std::env::var_os("GONGKAI_SCREENSHOTS") {
            let name = format!("{}-{width}.png", page.replace([' ', ','], "_"));
            let _ = driver
                .screenshot(&std::path::Path::new(&dir).join(name))
                .await;
        }
        for v in axe_violations(driver, axe).await {
            problems.push(format!("{page} at {width}px: {v}"));
        }
        let overflow = driver
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                Vec::new(),
            )
            .await
            .expect("measure")
            .json()
            .as_i64()
            .unwrap_or(0);
        if overflow > 1 {
            problems.push(format!(
                "{page} at {width}px: the page scrolls sideways by {overflow}px"
            ));
        }
    }
    driver
        .set_window_rect(0, 0, 1280, 1000)
        .await
        .expect("window size");
    problems
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_supervisor_oversees_the_city_at_both_widths() {
    if !available() {
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = city().await;
    let gov = app.agency(GOVERNMENT);
    let finance = app.agency(FINANCE);
    let centre = app.agency(CENTRE);
    let (_chromedriver, driver_url) = start_driver().await;
    let driver = browser(&driver_url).await;
    let mut problems = Vec::new();
    sign_in(&driver, &app, "mz-supervisor").await;
    problems.extend(at_both_widths(&driver, &axe, "supervisor home").await);

    driver
        .goto(app.url(&format!("/console/agencies/{gov}/oversight?year=2023")))
        .await
        .expect("oversight");
    let heading = find_after_navigation(&driver, By::Css("h1")).await;
    assert!(heading.text().await.expect("text").contains("监督"));
    // The late report is marked and says so in words; the chart is drawn.
    let late = driver
        .find(By::Css(&format!(
            "tr[data-agency='{centre}'] td.late a[data-figure='report']"
        )))
        .await
        .expect("the centre's report is marked late");
    assert!(late.text().await.expect("text").contains("逾期未公布"));
    driver
        .find(By::Css("svg[data-chart='t3']"))
        .await
        .expect("the chart");
    problems.extend(at_both_widths(&driver, &axe, "oversight").await);

    // The overdue figure opens the finance bureau's overdue cases, read-only.
    driver
        .find(By::Css(&format!(
            "tr[data-agency='{finance}'] a[data-figure='overdue_now']"
        )))
        .await
        .expect("the overdue figure")
        .click()
        .await
        .expect("follow");
    let badge = find_after_navigation(&driver, By::Css(".state-overdue")).await;
    assert_eq!(badge.text().await.expect("text"), "已超期");
    problems.extend(at_both_widths(&driver, &axe, "overdue cases").await);

    driver.quit().await.expect("quit");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

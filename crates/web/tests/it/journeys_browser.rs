//! Each role's day in headless Chromium, in Chinese, at a desktop width and a phone's: every page is checked
//! with axe-core, must not scroll sideways as a whole (a wide table scrolls inside its own frame), and shows
//! what the person came for. The citizen's and the clerk's way through one application is
//! `browser_application.rs`; here are the supervisor's oversight and the reviewer's checks.

use thirtyfour::prelude::*;

use crate::oversight::city;
use crate::support::browser::{
    available, axe_source, axe_violations, browser, fill, find_after_navigation, sign_in,
    start_driver,
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
        .find(By::Css(format!(
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
        .find(By::Css(format!(
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

/// Looks an application up on /status as its applicant would.
async fn look_up(driver: &WebDriver, app: &crate::support::TestApp, tracking: &str, code: &str) {
    driver.goto(app.url("/status")).await.expect("status");
    fill(driver, "tracking_no", tracking).await;
    fill(driver, "query_code", code).await;
    driver
        .find(By::Css("form[action='/status'] button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("look up");
    find_after_navigation(driver, By::Id("found-title")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_citizen_sees_late_answers_and_sends_a_correction_and_the_clerk_reads_it() {
    use crate::citizen_status::{CORRECTING, FEE, LATE, code, specs, tracking_no};
    if !available() {
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = crate::support::TestApp::builder()
        .applications(specs())
        .start()
        .await;
    let centre = app.agency(CENTRE);
    let (_chromedriver, driver_url) = start_driver().await;
    let citizen = browser(&driver_url).await;
    let mut problems = Vec::new();
    citizen
        .goto(app.url("/lang?to=zh-CN"))
        .await
        .expect("language");

    // On a phone, an application filed online: the receipt's tracking number is on the first screen, not
    // below the column's menu.
    citizen
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");
    citizen
        .goto(app.url(&format!("/agencies/{centre}/apply")))
        .await
        .expect("form");
    fill(&citizen, "name", "孙八").await;
    fill(&citizen, "id_number", "11010519491231002X").await;
    fill(&citizen, "phone", "13500000000").await;
    fill(&citizen, "email", "sunba@example.cn").await;
    fill(
        &citizen,
        "description",
        "2025年孟州市公共资源交易中心进场交易项目统计",
    )
    .await;
    citizen
        .find(By::Css("form.form button[type=submit]"))
        .await
        .expect("submit button")
        .click()
        .await
        .expect("submit");
    let number = find_after_navigation(&citizen, By::Css("dd strong")).await;
    let top = citizen
        .execute(
            "return arguments[0].getBoundingClientRect().bottom <= window.innerHeight;",
            vec![number.to_json().expect("element")],
        )
        .await
        .expect("measure")
        .json()
        .as_bool();
    assert_eq!(
        top,
        Some(true),
        "the tracking number is on the first screen of a phone"
    );
    problems.extend(at_both_widths(&citizen, &axe, "receipt").await);

    // A late answer: flagged in red, with 投诉 and 行政复议 named.
    look_up(&citizen, &app, &tracking_no(&app, LATE).await, &code()).await;
    let late = citizen.find(By::Id("late")).await.expect("the late flag");
    let words = late.text().await.expect("text");
    assert!(words.contains("已超期"), "{words}");
    assert!(
        words.contains("投诉") && words.contains("行政复议"),
        "{words}"
    );
    problems.extend(at_both_widths(&citizen, &axe, "status, late").await);

    // A correction asked for: the form is on the page; sent, a message says it arrived.
    let correcting = tracking_no(&app, CORRECTING).await;
    look_up(&citizen, &app, &correcting, &code()).await;
    citizen
        .find(By::Id("correction-form"))
        .await
        .expect("the correction form");
    problems.extend(at_both_widths(&citizen, &axe, "status, correction asked").await);
    fill(
        &citizen,
        "content",
        "所需的是2026年第3标段的投标文件目录，不含报价部分。",
    )
    .await;
    let form = citizen.find(By::Id("correction-form")).await.expect("form");
    form.find(By::Css("button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("send");
    form.wait_until().stale().await.expect("the next page");
    let flash = find_after_navigation(&citizen, By::Id("status-flash")).await;
    assert!(!flash.text().await.expect("text").is_empty());
    assert!(
        citizen.find(By::Id("correction-form")).await.is_err(),
        "no second correction form once it is received"
    );
    problems.extend(at_both_widths(&citizen, &axe, "status, correction sent").await);

    // A fee awaited: the applicant says it is paid; the page says it waits to be checked.
    look_up(&citizen, &app, &tracking_no(&app, FEE).await, &code()).await;
    fill(&citizen, "statement", "已于12月1日通过银行转账缴纳。").await;
    let form = citizen.find(By::Id("fee-form")).await.expect("fee form");
    form.find(By::Css("button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("send");
    form.wait_until().stale().await.expect("the next page");
    find_after_navigation(&citizen, By::Id("fee-reported")).await;
    problems.extend(at_both_widths(&citizen, &axe, "status, fee reported").await);
    citizen.quit().await.expect("quit");

    // The clerk: the queue shows the late case as 已超期; the case shows what the correction said.
    let clerk = browser(&driver_url).await;
    sign_in(&clerk, &app, "ggzy-clerk").await;
    clerk
        .goto(app.url(&format!("/console/agencies/{centre}/applications")))
        .await
        .expect("queue");
    find_after_navigation(&clerk, By::Css(".state-overdue")).await;
    problems.extend(at_both_widths(&clerk, &axe, "clerk queue").await);
    clerk
        .find(By::LinkText(&correcting))
        .await
        .expect("the corrected case in the queue")
        .click()
        .await
        .expect("open");
    let content = find_after_navigation(&clerk, By::Css(".event-content")).await;
    assert!(content.text().await.expect("text").contains("第3标段"));
    problems.extend(at_both_widths(&clerk, &axe, "clerk case").await);
    clerk.quit().await.expect("quit");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reviewer_finds_what_waits_opens_it_and_publishes_with_confirmation() {
    if !available() {
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = city().await;
    let (_chromedriver, driver_url) = start_driver().await;
    let driver = browser(&driver_url).await;
    let mut problems = Vec::new();
    sign_in(&driver, &app, "ggzy-reviewer").await;
    let waiting = driver
        .find(By::Css("a[href$='catalog?state=in_review']"))
        .await
        .expect("the count of items waiting for review on the home page");
    problems.extend(at_both_widths(&driver, &axe, "reviewer home").await);
    waiting.click().await.expect("open the list");
    let item = find_after_navigation(&driver, By::Css("table.cards th[scope=row] a")).await;
    problems.extend(at_both_widths(&driver, &axe, "items in review").await);
    item.click().await.expect("open the item");
    let approve = find_after_navigation(&driver, By::Css("a.button[href$='/approve']")).await;
    problems.extend(at_both_widths(&driver, &axe, "item in review").await);
    approve.click().await.expect("approve");
    let warning = find_after_navigation(&driver, By::Id("publish-warning")).await;
    assert!(!warning.text().await.expect("text").is_empty());
    problems.extend(at_both_widths(&driver, &axe, "publication confirmation").await);
    let confirm = driver
        .find(By::Css("form input[name=confirmed][value='1']"))
        .await
        .expect("the confirmation form");
    let form = confirm.find(By::XPath("..")).await.expect("its form");
    form.find(By::Css("button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("confirm");
    form.wait_until().stale().await.expect("the next page");
    let flash = find_after_navigation(&driver, By::Css(".flash")).await;
    assert!(!flash.text().await.expect("text").is_empty());
    assert!(
        driver
            .source()
            .await
            .expect("page")
            .contains("state-published")
    );
    problems.extend(at_both_widths(&driver, &axe, "item published").await);
    driver.quit().await.expect("quit");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

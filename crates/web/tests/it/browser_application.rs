//! One application's whole life in headless Chromium: a citizen files it on the portal, a clerk asks for a
//! correction, records it and decides, and the citizen sees the state and fetches the reply letter. Every page
//! on the way is checked with axe-core. Skips outside CI when Chromium, its driver or axe-core is missing.

use crate::support::TestApp;
use crate::support::browser::{
    available, axe_source, axe_violations, browser, fill, find_after_navigation, start_driver,
};
use chrono::Duration;
use thirtyfour::prelude::*;

/// With `GONGKAI_SCREENSHOTS=DIR`, keeps a full-page screenshot of each checked page for a person to look at.
async fn shot(driver: &WebDriver, name: &str) {
    if let Some(dir) = std::env::var_os("GONGKAI_SCREENSHOTS") {
        let path = std::path::Path::new(&dir).join(format!("{name}.png"));
        driver.screenshot(&path).await.expect("screenshot");
    }
}

/// Sets a date input by script: typing into one depends on the browser's locale.
async fn set_date(driver: &WebDriver, id: &str, date: &str) {
    driver
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![serde_json::json!(id), serde_json::json!(date)],
        )
        .await
        .expect("set date");
}

/// Opens the step's section on the application page and submits its form.
async fn take_step(driver: &WebDriver, step: &str, before_submit: impl AsyncFnOnce(&WebDriver)) {
    let section = driver
        .find(By::Id(format!("step-{step}")))
        .await
        .unwrap_or_else(|_| panic!("the page offers {step}"));
    if section.attr("open").await.expect("attr").is_none() {
        section
            .find(By::Css("summary"))
            .await
            .expect("summary")
            .click()
            .await
            .expect("open");
    }
    before_submit(driver).await;
    section
        .find(By::Css("button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("submit");
    // The answer is a new page: wait until the old one is gone before reading it.
    section
        .wait_until()
        .stale()
        .await
        .expect("the page was replaced");
    find_after_navigation(driver, By::Css("h1")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_files_a_clerk_corrects_and_decides_and_the_citizen_reads_the_letter() {
    if !available() {
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let (_chromedriver, driver_url) = start_driver().await;
    let citizen = browser(&driver_url).await;
    let mut problems = Vec::new();
    let mut check = async |driver: &WebDriver, page: &str| {
        shot(driver, &page.replace([' ', ','], "_")).await;
        for v in axe_violations(driver, &axe).await {
            problems.push(format!("{page}: {v}"));
        }
    };

    // The citizen files the application on the agency's 依申请公开 page.
    citizen
        .goto(app.url("/lang?to=zh-CN"))
        .await
        .expect("language");
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
    let tracking_no = citizen
        .find(By::Css("dd strong"))
        .await
        .expect("tracking number")
        .text()
        .await
        .expect("text");
    let query_code = citizen
        .find(By::Css("dd code"))
        .await
        .expect("query code")
        .text()
        .await
        .expect("text");
    assert!(tracking_no.starts_with("GK-"), "{tracking_no}");
    check(&citizen, "receipt").await;

    // The clerk finds it in the work queue and handles it.
    let clerk = browser(&driver_url).await;
    clerk
        .goto(app.url("/lang?to=zh-CN"))
        .await
        .expect("language");
    clerk.goto(app.url("/console/login")).await.expect("login");
    fill(&clerk, "username", "ggzy-clerk").await;
    fill(&clerk, "password", &app.password_of("ggzy-clerk")).await;
    let login = clerk
        .find(By::Css("form[action='/console/login']"))
        .await
        .expect("the login form");
    login
        .find(By::Css("button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("sign in");
    // Signed in once the login page has been replaced.
    login.wait_until().stale().await.expect("signed in");
    clerk
        .goto(app.url(&format!("/console/agencies/{centre}/applications")))
        .await
        .expect("queue");
    check(&clerk, "work queue").await;
    clerk
        .find(By::LinkText(&tracking_no))
        .await
        .expect("in the queue")
        .click()
        .await
        .expect("open");
    check(&clerk, "application page").await;
    let correct_by = (app.today + Duration::days(15)).to_string();
    take_step(&clerk, "request_correction", async |d: &WebDriver| {
        set_date(d, "rc-by", &correct_by).await;
        fill(d, "rc-what", "请写明所需统计的项目类别和时间范围").await;
    })
    .await;
    assert!(clerk.source().await.expect("page").contains("待补正"));
    take_step(&clerk, "correction_received", async |_: &WebDriver| {}).await;
    take_step(&clerk, "decide", async |d: &WebDriver| {
        fill(d, "d-reason", "所申请的统计表已制作，随本告知书提供。").await;
    })
    .await;
    // The letter is shown first; the answer is recorded on confirming it.
    assert!(
        clerk
            .source()
            .await
            .expect("page")
            .contains("所申请的统计表已制作")
    );
    check(&clerk, "decision preview").await;
    let confirm = clerk
        .find(By::Css("form[action$='/steps'] button[type=submit]"))
        .await
        .expect("confirm button");
    confirm.click().await.expect("confirm");
    confirm.wait_until().stale().await.expect("the next page");
    find_after_navigation(&clerk, By::Css("h1")).await;
    let page = clerk.source().await.expect("page");
    assert!(
        page.contains("已答复") && page.contains("答复告知书"),
        "decided, with its letter"
    );
    check(&clerk, "application page, decided").await;

    // The citizen looks it up and fetches the letter.
    citizen.goto(app.url("/status")).await.expect("status");
    fill(&citizen, "tracking_no", &tracking_no).await;
    fill(&citizen, "query_code", &query_code).await;
    citizen
        .find(By::Css("form[action='/status'] button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("look up");
    find_after_navigation(&citizen, By::Id("found-title")).await;
    let page = citizen.source().await.expect("page");
    assert!(
        page.contains("已答复") && !page.contains("孙八"),
        "the state, without personal data"
    );
    check(&citizen, "status with letter").await;
    let href = citizen
        .find(By::LinkText("PDF"))
        .await
        .expect("the letter")
        .attr("href")
        .await
        .expect("href")
        .expect("a link");
    let pdf = reqwest::get(app.url(&href.replace("&amp;", "&")))
        .await
        .expect("GET");
    assert_eq!(pdf.status(), reqwest::StatusCode::OK);
    let bytes = pdf.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"%PDF"));

    citizen.quit().await.expect("quit");
    clerk.quit().await.expect("quit");
    assert!(
        problems.is_empty(),
        "serious or critical accessibility violations:\n{}",
        problems.join("\n")
    );
}

//! A visitor's way through the portal in headless Chromium (Debian's chromium and chromium-driver, no
//! browser download): home → agency column → category list → search → item page, each page checked with
//! axe-core for serious or critical accessibility violations, on a desktop and a phone-sized window.
//!
//! Needs `chromedriver`, `chromium` and axe-core (`GONGKAI_AXE_JS`, or `target/axe/node_modules/axe-core/
//! axe.min.js` as `.ci/run` installs it from the npm registry). Without them the test says why and passes,
//! except under CI (`CI` set), where it fails.

use crate::support::browser::{available, axe_source, axe_violations, browser, start_driver};
use crate::support::{TestApp, fixture};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_finds_an_item_and_every_page_passes_axe() {
    if !available() {
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let (_chromedriver, driver_url) = start_driver().await;
    let driver = browser(&driver_url).await;
    let mut problems = Vec::new();
    let mut check = async |driver: &WebDriver, page: &str| {
        for v in axe_violations(driver, &axe).await {
            problems.push(format!("{page}: {v}"));
        }
    };

    // Chinese first, as a visitor in China would see it (headless Chromium asks for English otherwise).
    driver
        .goto(app.url("/lang?to=zh-CN"))
        .await
        .expect("language");
    driver.goto(app.url("/")).await.expect("home");
    assert!(
        driver
            .title()
            .await
            .expect("title")
            .contains("政府信息公开")
    );
    check(&driver, "home").await;

    driver
        .find(By::LinkText("孟州市公共资源交易中心"))
        .await
        .expect("agency link")
        .click()
        .await
        .expect("click");
    let heading = driver
        .find(By::Css("h1"))
        .await
        .expect("h1")
        .text()
        .await
        .expect("text");
    assert_eq!(heading, "孟州市公共资源交易中心");
    check(&driver, "agency column").await;

    driver
        .find(By::Css(".category-grid a"))
        .await
        .expect("a category")
        .click()
        .await
        .expect("click");
    assert!(
        driver
            .current_url()
            .await
            .expect("url")
            .path()
            .contains("/category/")
    );
    driver
        .find(By::Css("table.catalog"))
        .await
        .expect("the category's list");
    check(&driver, "category list").await;

    let search = driver
        .find(By::Id("column-q"))
        .await
        .expect("the column's search box");
    search.send_keys("招标投标").await.expect("type");
    search
        .send_keys(Key::Enter)
        .await
        .expect("submit with the keyboard");
    driver.find(By::Css(".hits")).await.expect("results");
    check(&driver, "search results").await;

    driver
        .find(By::Css(".hit h3 a"))
        .await
        .expect("a result")
        .click()
        .await
        .expect("click");
    driver
        .find(By::Css("table.metadata"))
        .await
        .expect("the item's metadata table");
    let page = driver.source().await.expect("source");
    assert!(page.contains("索引号") && page.contains("发布机构"));
    check(&driver, "item page").await;

    let item_url = driver.current_url().await.expect("url").to_string();
    // The application form, the status page and the deadline calculator.
    for (path, name) in [
        ("/agencies/2/apply", "application form"),
        ("/status", "status page"),
        ("/deadline?received=2020-01-20", "deadline calculator"),
        ("/reports", "annual reports"),
        (
            "/reports?q=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A&year=2020",
            "annual reports searched",
        ),
    ] {
        driver.goto(app.url(path)).await.expect(name);
        check(&driver, name).await;
    }

    // The same pages on a phone.
    driver
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");
    check(&driver, "deadline calculator (phone)").await;
    driver.goto(item_url).await.expect("the item again");
    check(&driver, "item page (phone)").await;
    driver
        .goto(app.url("/search?q=%E6%8B%9B%E6%A0%87"))
        .await
        .expect("search");
    check(&driver, "search (phone)").await;

    driver.quit().await.expect("quit");
    assert!(
        problems.is_empty(),
        "serious or critical accessibility violations:\n{}",
        problems.join("\n")
    );
}

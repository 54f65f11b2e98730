//! The statistics page (table 三 of an agency's applications) in headless Chromium, signed in as the centre's
//! clerk: checked with axe-core for serious or critical accessibility violations in Chinese and English, on a
//! desktop and a phone-sized window, and the year picker used with the keyboard.
//!
//! Needs what `browser.rs` needs (`chromedriver`, `chromium`, axe-core from `GONGKAI_AXE_JS` or
//! `target/axe/node_modules/axe-core/axe.min.js`); without them the test says why and passes, except under CI.
//! The helpers below are those of `browser.rs`.

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::TestApp;
use thirtyfour::prelude::*;

struct ChromeDriver(Child);

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn axe_source() -> Option<String> {
    let path = std::env::var_os("GONGKAI_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/axe/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(path).ok()
}

fn which(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What is missing to run the test, if anything.
fn missing() -> Option<String> {
    let mut missing = Vec::new();
    for program in ["chromedriver", "chromium"] {
        if !which(program) {
            missing.push(program.to_owned());
        }
    }
    if axe_source().is_none() {
        missing.push("axe-core (npm install --prefix target/axe axe-core@4)".to_owned());
    }
    (!missing.is_empty()).then(|| missing.join(", "))
}

async fn start_driver() -> (ChromeDriver, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if reqwest::get(format!("{url}/status")).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (ChromeDriver(child), url)
}

async fn browser(driver_url: &str) -> WebDriver {
    let mut caps = DesiredCapabilities::chrome();
    caps.set_binary("/usr/bin/chromium").expect("binary");
    for arg in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=zh-CN",
        "--window-size=1280,1000",
    ] {
        caps.add_arg(arg).expect("argument");
    }
    WebDriver::new(driver_url, caps)
        .await
        .expect("a Chromium session")
}

/// The serious and critical axe violations of the page in the browser, as `rule (impact): help ×nodes`.
async fn axe_violations(driver: &WebDriver, axe: &str) -> Vec<String> {
    let script = format!(
        "{axe}\n;const done = arguments[arguments.length - 1];\
         axe.run(document, {{ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }})\
         .then(r => done(r.violations.map(v => ({{ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }}))))\
         .catch(e => done([{{ id: 'axe-error', impact: 'critical', help: String(e), nodes: 0 }}]));"
    );
    let result = driver
        .execute_async(script, Vec::new())
        .await
        .expect("axe ran");
    let found: Vec<serde_json::Value> = result.convert().expect("a list of violations");
    found
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .map(|v| {
            format!(
                "{} ({}): {} ×{}",
                v["id"], v["impact"], v["help"], v["nodes"]
            )
        })
        .collect()
}

#[tokio::test]
async fn the_statistics_page_passes_axe_and_its_year_picker_works() {
    if let Some(what) = missing() {
        if std::env::var_os("CI").is_some() {
            panic!("the browser test must run in CI; missing: {what}");
        }
        eprintln!("skipping the browser test; missing: {what}");
        return;
    }
    let axe = axe_source().unwrap_or_default();
    let app = TestApp::start().await;
    let centre = app.agency(gongkai_web::demo::CENTRE);
    let (_chromedriver, driver_url) = start_driver().await;
    let driver = browser(&driver_url).await;
    let mut problems = Vec::new();
    let mut check = async |driver: &WebDriver, page: &str| {
        for v in axe_violations(driver, &axe).await {
            problems.push(format!("{page}: {v}"));
        }
    };

    driver
        .goto(app.url("/lang?to=zh-CN"))
        .await
        .expect("language");
    driver
        .goto(app.url("/console/login"))
        .await
        .expect("login page");
    let password = app.password_of("ggzy-clerk");
    driver
        .find(By::Id("username"))
        .await
        .expect("user name field")
        .send_keys("ggzy-clerk")
        .await
        .expect("type");
    let field = driver
        .find(By::Id("password"))
        .await
        .expect("password field");
    field.send_keys(password.as_str()).await.expect("type");
    field.send_keys(Key::Enter).await.expect("sign in");
    driver.find(By::Css(".whoami")).await.expect("signed in");

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
    let received_2023 = gongkai_web::demo_applications::demo_cases()
        .iter()
        .filter(|c| c.agency == gongkai_web::demo::CENTRE)
        .filter(|c| chrono::Datelike::year(&c.received_on) == 2023)
        .count();
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

//! Headless Chromium for the browser tests: Debian's chromium and chromium-driver, and axe-core for the
//! accessibility checks.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use thirtyfour::prelude::*;

pub struct ChromeDriver(Child);

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // The driver and the browsers it started share a process group of their own: end them all, so that a
        // failed test leaves no Chromium behind to slow the next ones down.
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-9", "--", &group]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// axe-core: `GONGKAI_AXE_JS`, else `axe/` in the target folder this test binary was built in (`CARGO_TARGET_DIR`
/// may be anywhere), else in the workspace's `target/`.
pub fn axe_source() -> Option<String> {
    const AXE: &str = "axe/node_modules/axe-core/axe.min.js";
    let mut candidates: Vec<PathBuf> = std::env::var_os("GONGKAI_AXE_JS")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    // The binary is <target>/debug/deps/it-<hash>.
    if let Some(target) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(PathBuf::from))
    {
        candidates.push(target.join(AXE));
    }
    candidates.push(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../target")
            .join(AXE),
    );
    candidates
        .into_iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
}

pub fn which(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What is missing to run the test, if anything.
pub fn missing() -> Option<String> {
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

pub async fn start_driver() -> (ChromeDriver, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .process_group(0)
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

pub async fn browser(driver_url: &str) -> WebDriver {
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
    // Pages are built by a debug server on a busy CI machine (a letter's PDF is typeset on the way): wait up to
    // a minute for an element rather than the default 20 seconds.
    let poller = thirtyfour::extensions::query::ElementPollerWithTimeout::new(
        Duration::from_secs(60),
        Duration::from_millis(250),
    );
    WebDriver::builder(driver_url, caps)
        .poller(std::sync::Arc::new(poller))
        .connect()
        .await
        .expect("a Chromium session")
}

/// The serious and critical axe violations of the page in the browser, as `rule (impact): help ×nodes`.
pub async fn axe_violations(driver: &WebDriver, axe: &str) -> Vec<String> {
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

/// Whether the browser tests can run here. Outside CI a missing piece skips the test with a message; under CI
/// (`CI` set) it fails, so that CI always runs them.
pub fn available() -> bool {
    let Some(what) = missing() else {
        return true;
    };
    if std::env::var_os("CI").is_some() {
        panic!("the browser test must run in CI; missing: {what}");
    }
    eprintln!("skipping the browser test; missing: {what}");
    false
}

/// Chinese pages, then signs in at the console as `username` and waits for the console.
pub async fn sign_in(driver: &WebDriver, app: &super::TestApp, username: &str) {
    driver
        .goto(app.url("/lang?to=zh-CN"))
        .await
        .expect("language");
    driver
        .goto(app.url("/console/login"))
        .await
        .expect("login page");
    driver
        .find(By::Id("username"))
        .await
        .expect("user name field")
        .send_keys(username)
        .await
        .expect("type");
    let field = driver
        .find(By::Id("password"))
        .await
        .expect("password field");
    field
        .send_keys(app.password_of(username).as_str())
        .await
        .expect("type");
    field.send_keys(Key::Enter).await.expect("sign in");
    driver.find(By::Css(".whoami")).await.expect("signed in");
}

/// `by` on the page a click just asked for: while the browser is still swapping pages a lookup can fail with
/// errors other than "not found" (the old document is going away), so any error is retried for a minute.
pub async fn find_after_navigation(driver: &WebDriver, by: By) -> WebElement {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        match driver.find(by.clone()).await {
            Ok(found) => return found,
            Err(e) if std::time::Instant::now() > deadline => panic!("{by:?} never appeared: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

/// Fills a field by id, typed again if a busy browser lost keys, so that what is submitted is what the test
/// means.
pub async fn fill(driver: &WebDriver, id: &str, text: &str) {
    let field = driver
        .find(By::Id(id))
        .await
        .unwrap_or_else(|_| panic!("field {id}"));
    for _ in 0..3 {
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
        if field.prop("value").await.expect("value").as_deref() == Some(text) {
            return;
        }
    }
    panic!("could not type into {id}");
}

//! Every page a person reaches in Chinese says things in Chinese: the test walks the portal and the console as
//! each fixture account (following the links each page offers), visits the error pages, and fails on any
//! internal code (`access.role`, `http.not_found`, `t2.a20_5.admin_license.decisions`, `citizen:online`) or any
//! English sentence in what a reader sees: the text and the `title`, `aria-label`, `alt` and `placeholder`
//! attributes.

use std::collections::{BTreeSet, VecDeque};

use regex::Regex;

use crate::oversight::city;
use crate::support::fixture::{ACCOUNTS, CENTRE, FINANCE, GOVERNMENT};
use crate::support::{Client, TestApp};

/// Pages per account: enough to reach every kind of page of the fixture, few enough to stay quick.
const PAGE_LIMIT: usize = 90;

/// Links that are not pages in a language: files, feeds, the API, switches and actions.
fn is_page(path: &str) -> bool {
    let skip = [
        "/static/",
        "/api/",
        "/attachments/",
        "/lang",
        "/logout",
        "format=",
        ".pdf",
        ".docx",
        ".csv",
        ".xlsx",
        ".xml",
        ".json",
        ".md",
        ".txt",
        "/letters/",
        "/files/",
        "/download",
        // The audit trail as the verifier reads it: its stored codes and JSON, on purpose.
        "chain=1",
    ];
    path.starts_with('/') && !path.starts_with("//") && !skip.iter().any(|s| path.contains(s))
}

/// What a reader sees of a page: its text and its human-facing attributes, one piece per line.
fn visible(html: &str) -> Vec<String> {
    // A <code> element shows a literal on purpose (a command, a file name, a setting), not words to translate.
    let hidden = Regex::new(r"(?s)<(script|style|svg|code)\b.*?</(script|style|svg|code)>")
        .expect("pattern");
    let html = hidden.replace_all(html, " ");
    let attrs = Regex::new(r#"\b(?:title|aria-label|alt|placeholder)="([^"]*)""#).expect("pattern");
    let mut out: Vec<String> = attrs
        .captures_iter(&html)
        .map(|c| c[1].to_owned())
        .collect();
    let tags = Regex::new(r"<[^>]*>").expect("pattern");
    out.extend(
        tags.split(&html)
            .map(|t| {
                t.replace("&amp;", "&")
                    .replace("&nbsp;", " ")
                    .trim()
                    .to_owned()
            })
            .filter(|t| !t.is_empty()),
    );
    out
}

/// Why a piece of visible text is not Chinese enough, if it is not.
fn fault(text: &str) -> Option<String> {
    let code = Regex::new(r"\b[a-z][a-z0-9]*(?:[._:][a-z0-9]+)+\b").expect("pattern");
    for m in code.find_iter(text) {
        let word = m.as_str();
        // A file name, a web or mail address, or a version number is not an internal code.
        let harmless = [
            ".pdf", ".docx", ".doc", ".xlsx", ".csv", ".ofd", ".txt", ".html", ".cn", ".com",
            ".org", ".net", ".toml", "https:", "http:",
        ];
        let in_address = text[..m.start()].ends_with('@') || text[m.end()..].starts_with('@');
        if !harmless.iter().any(|h| word.contains(h)) && !in_address {
            return Some(format!("internal code `{word}`"));
        }
    }
    let sentence = Regex::new(r"\b[A-Za-z][a-z]+(?:[ ,'’-]+[A-Za-z][a-z]+){2,}").expect("pattern");
    sentence
        .find(text)
        .map(|m| format!("English `{}`", m.as_str()))
}

fn links(html: &str) -> Vec<String> {
    let href = Regex::new(r##"href="([^"#]+)"##).expect("pattern");
    href.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&").replace("&#x2f;", "/"))
        .filter(|p| is_page(p))
        .collect()
}

/// Walks from `start` as `client`, and returns every fault found as `path: fault: text`.
async fn walk(client: &Client, start: &[String], seen: &mut BTreeSet<String>) -> Vec<String> {
    let mut queue: VecDeque<String> = start.iter().cloned().collect();
    let mut faults = Vec::new();
    let mut visited = 0;
    while let Some(path) = queue.pop_front() {
        if visited >= PAGE_LIMIT || !seen.insert(path.clone()) {
            continue;
        }
        visited += 1;
        let started = std::time::Instant::now();
        let (status, html) = client.get(&path).await;
        if started.elapsed().as_millis() > 1000 {
            eprintln!("slow page: {path} {:?}", started.elapsed());
        }
        assert!(!status.is_server_error(), "{path}: {status}");
        if !html.contains("<html") {
            continue;
        }
        assert!(html.contains(r#"lang="zh-CN""#), "{path} is in Chinese");
        for text in visible(&html) {
            if let Some(why) = fault(&text) {
                faults.push(format!("{path}: {why}: {text}"));
            }
        }
        queue.extend(links(&html));
    }
    faults
}

async fn error_pages(app: &TestApp) -> Vec<String> {
    let gov = app.agency(GOVERNMENT);
    let finance = app.agency(FINANCE);
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let anonymous = Client::new(app);
    let mut faults = Vec::new();
    let cases: [(&Client, String); 8] = [
        (&anonymous, "/no-such-page".to_owned()),
        (&anonymous, "/items/no-such-item".to_owned()),
        (
            &anonymous,
            "/status?tracking_no=GK-2026-000001&query_code=wrong".to_owned(),
        ),
        (&anonymous, format!("/console/agencies/{centre}")),
        (&clerk, format!("/console/agencies/{finance}/applications")),
        (&clerk, format!("/console/agencies/{gov}/oversight")),
        (
            &clerk,
            format!("/console/agencies/{centre}/applications/999999"),
        ),
        (
            &clerk,
            format!("/console/agencies/{centre}/applications/statistics?year=1990"),
        ),
    ];
    for (client, path) in cases {
        let (status, html) = client.get(&path).await;
        assert!(!status.is_server_error(), "{path}: {status}");
        for text in visible(&html) {
            if let Some(why) = fault(&text) {
                faults.push(format!("{path} ({status}): {why}: {text}"));
            }
        }
    }
    faults
}

#[tokio::test]
async fn no_page_shows_a_code_or_english_in_chinese() {
    let app = city().await;
    let mut faults = error_pages(&app).await;
    let anonymous = Client::new(&app);
    let mut seen = BTreeSet::new();
    let portal = [
        "/".to_owned(),
        "/status".to_owned(),
        "/search?q=孟州".to_owned(),
        "/deadline".to_owned(),
    ];
    faults.extend(walk(&anonymous, &portal, &mut seen).await);
    for (username, ..) in ACCOUNTS {
        let client = app.signed_in(username).await;
        let mut seen = BTreeSet::new();
        faults.extend(walk(&client, &["/console".to_owned()], &mut seen).await);
    }
    faults.sort();
    faults.dedup();
    assert!(
        faults.is_empty(),
        "{} faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

#[test]
fn the_rules_catch_codes_and_english_and_pass_chinese() {
    assert!(fault("权限不足（access.role）").is_some());
    assert!(fault("t2.a20_5.admin_license.decisions").is_some());
    assert!(fault("citizen:online").is_some());
    assert!(fault("The deadline is extended by twenty days").is_some());
    assert!(fault("申请编号 GK-2026-000001，请于 2026-12-30 前答复").is_none());
    assert!(fault("下载 report-2025.pdf 或发送邮件至 gk@mengzhou.gov.cn").is_none());
    assert!(fault("PDF DOCX").is_none());
}

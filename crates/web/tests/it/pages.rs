//! The pages a visitor sees: the portal in Chinese or English, finished error pages, health probes and the
//! headers every response carries.

use crate::support::{Client, TestApp};
use reqwest::StatusCode;

#[tokio::test]
async fn the_portal_names_the_agencies_in_chinese_and_english() {
    let app = TestApp::start().await;
    let visitor = Client::new(&app);
    let (status, home) = visitor.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("<html lang=\"zh-CN\">"));
    for name in [
        "孟州市人民政府",
        "孟州市公共资源交易中心",
        "孟州市财政局",
        "孟州市教育局",
    ] {
        assert!(home.contains(name), "{name} on the portal");
    }
    let (_, english) = visitor.get("/?lang=en").await;
    assert!(english.contains("<html lang=\"en\">") && english.contains("Agencies"));
    let r = visitor
        .http
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.8")
        .send()
        .await;
    let body = r.expect("GET").text().await.unwrap_or_default();
    assert!(body.contains("Government Information Disclosure"));

    let centre = app.agency("孟州市公共资源交易中心");
    let (status, page) = visitor.get(&format!("/agencies/{centre}/guide")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("政府信息公开工作机构") && page.contains("0391-8100088"));
}

#[tokio::test]
async fn the_language_choice_is_remembered() {
    let app = TestApp::start().await;
    let visitor = Client::new(&app);
    let r = visitor
        .http
        .get(app.url("/lang?to=en"))
        .header("referer", app.url("/agencies/2?lang=zh-CN"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/agencies/2")
    );
    let (_, page) = visitor.get("/agencies/2").await;
    assert!(
        page.contains("Proactive disclosure") && page.contains("lang=\"en\""),
        "English after the switch"
    );
}

#[tokio::test]
async fn missing_pages_get_a_finished_page_in_the_visitors_language() {
    let app = TestApp::start().await;
    let visitor = Client::new(&app);
    let (status, page) = visitor.get("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("未找到该页面") && page.contains("返回首页"));
    let (_, page) = visitor.get("/agencies/999?lang=en").await;
    assert!(
        page.contains("Page not found") || page.contains("Record not found"),
        "{page}"
    );
}

#[tokio::test]
async fn health_probes_and_security_headers() {
    let app = TestApp::start().await;
    let visitor = Client::new(&app);
    let (status, body) = visitor.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"ok\""));
    let (status, body) = visitor.get("/readyz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"ready\"") && body.contains("sqlite"));
    let r = visitor.http.get(app.url("/")).send().await.expect("GET");
    let h = r.headers();
    assert_eq!(
        h.get("x-frame-options").and_then(|v| v.to_str().ok()),
        Some("DENY")
    );
    assert!(h.get("content-security-policy").is_some());
    let css = visitor
        .http
        .get(app.url("/static/site.css"))
        .send()
        .await
        .expect("GET");
    assert_eq!(
        css.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/css; charset=utf-8")
    );
}

/// 条例第四十九条: a department promises its report by 1月31日, a 人民政府 its own by 3月31日.
#[tokio::test]
async fn the_report_column_promises_the_day_the_law_sets_for_the_agency() {
    let app = TestApp::start().await;
    let visitor = Client::new(&app);
    let government = app.agency("孟州市人民政府");
    let centre = app.agency("孟州市公共资源交易中心");
    let (status, page) = visitor
        .get(&format!("/agencies/{government}/reports"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("3 月 31 日") && !page.contains("1 月 31 日"),
        "{page}"
    );
    let (_, page) = visitor.get(&format!("/agencies/{centre}/reports")).await;
    assert!(
        page.contains("1 月 31 日") && !page.contains("3 月 31 日"),
        "{page}"
    );
}

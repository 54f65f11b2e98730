//! The public deadline calculator, as a page and as `GET /api/v1/deadline`.

use crate::support::{Client, TestApp};
use reqwest::StatusCode;

#[tokio::test]
async fn the_deadline_counts_working_days_across_holidays_and_says_how() {
    let app = TestApp::start().await;
    let http = reqwest::Client::new();
    let get = |received: &str| {
        http.get(app.url(&format!("/api/v1/deadline?received={received}")))
            .send()
    };

    // 2020 Spring Festival, extended to 2 February by 国办发明电〔2020〕1号.
    let r = get("2020-01-20").await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let body: serde_json::Value = r.json().await.expect("JSON");
    assert_eq!(body["received"], "2020-01-20");
    assert_eq!(body["due"], "2020-02-25");
    assert_eq!(body["working_days"], 20);
    let explanation = body["explanation"].as_array().map(|a| a.len()).unwrap_or(0);
    assert!(explanation > 0, "the answer says how it was found: {body}");
    assert!(
        body.to_string().contains("春节"),
        "it names the holiday it passed: {body}"
    );

    // National Day 2019 with its 调休 Sunday and Saturday counted as working days.
    let body: serde_json::Value = get("2019-09-27")
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["due"], "2019-10-30");
    // Before 2019-05-15 the 2008 条例's 15 working days apply.
    let body: serde_json::Value = get("2019-04-03")
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        (body["due"].as_str(), body["working_days"].as_u64()),
        (Some("2019-04-25"), Some(15))
    );

    // Not a date: 400. A date no published holiday calendar reaches: 422, well formed but unanswerable.
    for (bad, code, status) in [
        ("2020-13-01", "deadline.bad_date", StatusCode::BAD_REQUEST),
        ("tomorrow", "deadline.bad_date", StatusCode::BAD_REQUEST),
        (
            "2026-12-20",
            "calendar.no_data",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = get(bad).await.expect("GET");
        assert_eq!(r.status(), status, "{bad}");
        let err: serde_json::Value = r.json().await.expect("JSON error");
        assert_eq!(err["error"], code, "{bad}");
    }
}

#[tokio::test]
async fn the_calculator_page_answers_and_explains_mistakes() {
    let app = TestApp::start().await;
    let visitor = Client::new(&app);
    let (status, page) = visitor.get("/deadline?received=2020-01-20").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("2020-02-25") && page.contains("计算过程"));
    // The page explains in the visitor's language only; the API keeps both.
    assert!(page.contains("跳过春节"), "{page}");
    assert!(
        !page.contains("skipped the"),
        "no English on the Chinese page: {page}"
    );
    let (status, page) = visitor.get("/deadline?received=2027-03-01").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("超出了已公布的节假日安排"));
    let (status, _) = visitor.get("/deadline").await;
    assert_eq!(status, StatusCode::OK, "the empty form");
}

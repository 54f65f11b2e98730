//! Intake that cannot be exhausted: one address, or one applicant, filing without end is told to wait (429 with
//! `Retry-After`, in the visitor's language) while everyone else goes on; a forged `X-Forwarded-For` changes
//! nothing; the applicant is kept only as checked.

use crate::support::TestApp;
use gongkai_store::ApplicationStore;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn application(id_number: &str, description: &str) -> Value {
    json!({
        "agency": "孟州市公共资源交易中心",
        "applicant": {
            "kind": "np", "name": "张三", "id_type": "resident_id", "id_number": id_number,
            "phone": "13800000000"
        },
        "description": description,
        "form": "electronic",
        "delivery": "online"
    })
}

/// Valid resident id numbers (GB 11643-1999 check character) for distinct applicants.
const PEOPLE: [&str; 4] = [
    "11010519491231002X",
    "110105198001011238",
    "410883199005152014",
    "410883200103104564",
];

async fn post(
    app: &TestApp,
    body: &Value,
    forwarded: Option<&str>,
    lang: &str,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(app.url("/api/v1/applications"))
        .header("accept-language", lang)
        .json(body);
    if let Some(f) = forwarded {
        request = request.header("x-forwarded-for", f);
    }
    request.send().await.expect("POST")
}

/// The seconds a 429 says to wait.
fn retry_after(r: &reqwest::Response) -> u64 {
    r.headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds")
}

#[tokio::test]
async fn one_address_is_told_to_wait_and_a_forged_forwarded_for_does_not_help() {
    let app = TestApp::builder()
        .config(|c| {
            c.behind_proxy = true;
            c.intake.per_address_burst = 3;
            c.intake.per_address_refill_seconds = 600;
        })
        .start()
        .await;
    // nginx on loopback appends the address it saw; whatever the client put before it is its own writing.
    let mut statuses = Vec::new();
    for (i, forged) in ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"]
        .iter()
        .enumerate()
    {
        let body = application(PEOPLE[i], &format!("请公开第{i}号文件"));
        let r = post(
            &app,
            &body,
            Some(&format!("{forged}, 203.0.113.9")),
            "zh-CN",
        )
        .await;
        statuses.push(r.status());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            let wait = retry_after(&r);
            assert!((1..=600).contains(&wait), "wait {wait}");
            let body: Value = r.json().await.expect("JSON");
            assert_eq!(body["error"], "http.too_many_requests", "{body}");
            assert!(
                body["message"].as_str().is_some_and(|m| m.contains("频繁")),
                "{body}"
            );
        }
    }
    assert_eq!(
        statuses,
        [
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::CREATED,
            StatusCode::TOO_MANY_REQUESTS
        ],
        "the forged leftmost addresses all count as 203.0.113.9"
    );
    // Another citizen behind the same proxy is still served, and the form page still opens.
    let r = post(
        &app,
        &application(PEOPLE[3], "请公开另一份文件"),
        Some("198.51.100.20"),
        "en",
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let page = reqwest::get(app.url(&format!(
        "/agencies/{}/apply",
        app.agency("孟州市公共资源交易中心")
    )))
    .await
    .expect("GET");
    assert_eq!(page.status(), StatusCode::OK);
    // In English for an English visitor.
    let r = post(
        &app,
        &application(PEOPLE[0], "再一次"),
        Some("203.0.113.9"),
        "en",
    )
    .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = r.json().await.expect("JSON");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("Too many")),
        "{body}"
    );
}

#[tokio::test]
async fn one_applicant_filing_without_end_waits_and_a_resubmission_takes_nothing() {
    let app = TestApp::builder()
        .config(|c| c.intake.per_identity_per_day = 2)
        .start()
        .await;
    let first = application(PEOPLE[0], "请公开2020年度预算");
    assert_eq!(
        post(&app, &first, None, "zh-CN").await.status(),
        StatusCode::CREATED
    );
    // Pressing 提交 again files nothing and uses none of the allowance.
    assert_eq!(
        post(&app, &first, None, "zh-CN").await.status(),
        StatusCode::OK
    );
    let second = application(PEOPLE[0], "请公开2021年度预算");
    assert_eq!(
        post(&app, &second, None, "zh-CN").await.status(),
        StatusCode::CREATED
    );
    let r = post(
        &app,
        &application(PEOPLE[0], "请公开2022年度预算"),
        None,
        "zh-CN",
    )
    .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&r);
    assert!(wait > 3600, "about half a day for 2 a day, not {wait} s");
    let body: Value = r.json().await.expect("JSON");
    assert_eq!(
        body["error"], "application.too_many_from_applicant",
        "{body}"
    );
    // Another applicant is not held up.
    let other = application(PEOPLE[1], "请公开2022年度预算");
    assert_eq!(
        post(&app, &other, None, "zh-CN").await.status(),
        StatusCode::CREATED
    );
    let agency = gongkai_domain::agency::AgencyId(app.agency("孟州市公共资源交易中心"));
    let filed = app
        .store
        .applications_of(agency, false)
        .await
        .expect("register");
    assert_eq!(
        filed.len(),
        3,
        "three filed, the resubmission and the refused one not"
    );
}

#[tokio::test]
async fn the_applicant_is_kept_only_as_checked() {
    let app = TestApp::start().await;
    // A field the API does not know is refused, not stored.
    let mut body = application(PEOPLE[0], "请公开2020年度预算");
    body["applicant"]["nickname"] = json!("x");
    let r = post(&app, &body, None, "zh-CN").await;
    assert!(r.status().is_client_error(), "{}", r.status());
    // Every text field is bounded, whatever the kind of applicant: a person's 1.9 MB contact person is refused.
    let mut body = application(PEOPLE[0], "请公开2020年度预算");
    body["applicant"]["contact_name"] = json!("张".repeat(650_000));
    let r = post(&app, &body, None, "zh-CN").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refusal: Value = r.json().await.expect("JSON");
    assert_eq!(refusal["fields"][0]["field"], "contact_name", "{refusal}");
    assert_eq!(refusal["fields"][0]["problem"], "too_long", "{refusal}");
    // A control character in a one-line field is refused.
    let mut body = application(PEOPLE[0], "请公开2020年度预算");
    body["applicant"]["name"] = json!("张三\u{1b}[31m");
    let r = post(&app, &body, None, "zh-CN").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refusal: Value = r.json().await.expect("JSON");
    assert_eq!(
        refusal["fields"][0]["problem"], "control_character",
        "{refusal}"
    );
    // A short contact person on a person's application does not belong to them: filed, and not kept.
    let mut body = application(PEOPLE[0], "请公开2020年度预算");
    body["applicant"]["contact_name"] = json!("李四");
    body["applicant"]["credit_code"] = json!("随便写的");
    let r = post(&app, &body, None, "zh-CN").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let agency = gongkai_domain::agency::AgencyId(app.agency("孟州市公共资源交易中心"));
    let filed = app
        .store
        .applications_of(agency, false)
        .await
        .expect("register");
    let kept: Value = serde_json::from_str(&filed[0].applicant).expect("applicant JSON");
    assert_eq!(kept["contact_name"], "", "{kept}");
    assert_eq!(kept["credit_code"], "", "{kept}");
    assert_eq!(kept["name"], "张三");
    assert_eq!(kept["id_number"], PEOPLE[0]);
}

//! Publishing the annual report through the console and the staff API: refused while an error finding stands,
//! refused while warnings are unconfirmed, then kept as an immutable version on the portal (HTML, PDF, DOCX,
//! JSON), a correction being a new version with its note while the old one stays readable.

use crate::support;

use crate::support::{Client, TestApp, fixture};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::report::Cell;
use gongkai_store::AgencyStore;
use reqwest::StatusCode;
use serde_json::{Value, json};

const YEAR: i32 = 2023;

async fn save(clerk: &Client, page: &str, penalty: &str) -> StatusCode {
    let fields = [
        ("t2.a20_6.admin_penalty.decisions", penalty),
        ("t2.a20_5.admin_license.decisions", "152"),
        // The agency's own words in sections 一 and 五: the drafts' （待填写） placeholders refuse publication.
        (
            "s1",
            "本年度本中心通过政府信息公开专栏主动公开交易公告和结果公示，依申请公开工作按时办结。",
        ),
        (
            "s5",
            "存在的问题：专栏更新不够及时。改进措施：每周检查一次专栏。",
        ),
        ("s6", "本机关无其他需要报告的事项。"),
    ];
    clerk
        .post_from(page, &format!("{page}/inputs"), &fields)
        .await
        .0
}

/// The staff API as a script would call it: the session cookie and the CSRF token in its header.
async fn api_publish(app: &TestApp, who: &Client, agency: i64, body: Value) -> (StatusCode, Value) {
    let session: Value = who
        .http
        .get(app.url("/api/v1/session"))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    let token = session["csrf_token"].as_str().expect("a token").to_owned();
    let r = who
        .http
        .post(app.url(&format!("/api/v1/agencies/{agency}/reports/{YEAR}/publish")))
        .header("Origin", app.url(""))
        .header("X-CSRF-Token", token)
        .json(&body)
        .send()
        .await
        .expect("POST");
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn rules(answer: &Value) -> Vec<String> {
    answer["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|x| x["rule"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_report_with_an_error_cannot_be_published_and_a_correction_is_a_new_version() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let page = format!("/console/agencies/{centre}/reports/{YEAR}");
    let clerk = app.signed_in("ggzy-clerk").await;
    let reviewer = app.signed_in("ggzy-reviewer").await;

    // What the clerk types is kept, and the rules say what is wrong with it.
    assert_eq!(save(&clerk, &page, "十五").await, StatusCode::SEE_OTHER);
    let (status, html) = clerk.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("T2-01") && html.contains("十五"),
        "the error is shown beside the figure"
    );

    let (status, html) = reviewer
        .post_from(
            &page,
            &format!("{page}/publish"),
            &[("confirm_warnings", "on"), ("confirm_publication", "on")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("不能发布"));
    let (status, answer) =
        api_publish(&app, &reviewer, centre, json!({ "confirm_warnings": true })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["error"], "report.has_errors");
    assert!(rules(&answer).contains(&"T2-01".to_owned()), "{answer}");
    let published = || async {
        app.store
            .publications_of(AgencyId(centre))
            .await
            .expect("list")
            .len()
    };
    assert_eq!(published().await, 0, "nothing was published");

    // Corrected; the own section 六 without a fee statement is a warning (D-04) a reviewer must confirm.
    assert_eq!(save(&clerk, &page, "15").await, StatusCode::SEE_OTHER);
    let (status, answer) = api_publish(&app, &reviewer, centre, json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["error"], "report.unconfirmed_warnings");
    assert!(rules(&answer).contains(&"D-04".to_owned()), "{answer}");
    // Published today (2026-11-30), the 2023 report of a department is long past 2024-01-31 (条例第四十九条).
    assert!(rules(&answer).contains(&"D-03".to_owned()), "{answer}");
    let (status, answer) = clerk
        .post_from(
            &page,
            &format!("{page}/publish"),
            &[("confirm_warnings", "on"), ("confirm_publication", "on")],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a clerk does not publish: {answer}"
    );
    let (status, answer) =
        api_publish(&app, &reviewer, centre, json!({ "confirm_warnings": true })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["version"], 1);

    // On the portal, as published.
    let visitor = Client::new(&app);
    let (status, list) = visitor.get(&format!("/agencies/{centre}/reports")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains(&format!("/agencies/{centre}/reports/{YEAR}/v1.pdf")));
    let v1: Value = reqwest::get(app.url(&format!("/agencies/{centre}/reports/{YEAR}/v1.json")))
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(v1["t2"]["a20_6"]["admin_penalty"]["decisions"], 15);
    let pdf = reqwest::get(app.url(answer["pdf"].as_str().expect("pdf")))
        .await
        .expect("GET")
        .bytes()
        .await
        .expect("bytes");
    assert!(pdf.starts_with(b"%PDF"));
    // The OFD of the version (GB/T 33190), the format agencies archive in: offered on the list, and it reads
    // back to the published figures.
    assert!(list.contains(&format!("/agencies/{centre}/reports/{YEAR}/v1.ofd")));
    let ofd = reqwest::get(app.url(answer["ofd"].as_str().expect("ofd")))
        .await
        .expect("GET");
    assert_eq!(ofd.status(), StatusCode::OK);
    assert_eq!(
        ofd.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/ofd")
    );
    let disposition = ofd
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.ends_with(".ofd\""), "{disposition}");
    let ofd = ofd.bytes().await.expect("bytes");
    let read = gongkai_report::parse_bytes(&ofd, Some("v1.ofd")).expect("the OFD parses");
    assert_eq!(read.agency.as_deref(), Some("孟州市公共资源交易中心"));
    assert_eq!(
        read.cell("t2.a20_6.admin_penalty.decisions"),
        Some(&Cell::Int(15))
    );
    let (status, latest) = visitor
        .get(&format!("/agencies/{centre}/reports/{YEAR}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(latest.contains("孟州市公共资源交易中心"));

    // A correction: only with its note, as a new version; the first stays readable.
    assert_eq!(save(&clerk, &page, "16").await, StatusCode::SEE_OTHER);
    let (status, answer) =
        api_publish(&app, &reviewer, centre, json!({ "confirm_warnings": true })).await;
    assert_eq!(
        (status, answer["error"].clone()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!("report.note_missing")
        )
    );
    let (status, answer) = api_publish(
        &app,
        &reviewer,
        centre,
        json!({ "confirm_warnings": true, "note": "更正行政处罚决定数量" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["version"], 2);
    let v1_again: Value =
        reqwest::get(app.url(&format!("/agencies/{centre}/reports/{YEAR}/v1.json")))
            .await
            .expect("GET")
            .json()
            .await
            .expect("JSON");
    assert_eq!(v1_again, v1, "the first version is unchanged");
    let (_, list) = visitor.get(&format!("/agencies/{centre}/reports")).await;
    assert!(list.contains("更正行政处罚决定数量"));
    assert_eq!(published().await, 2);
}

#[tokio::test]
async fn an_earlier_report_is_imported_from_the_report_page() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let page = format!("/console/agencies/{centre}/reports/{YEAR}");
    let (_, html) = clerk.get(&page).await;
    let token = support::csrf_of(&html).expect("a token");
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", token.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        clerk
            .http
            .post(app.url(&format!("/console/agencies/{centre}/reports/import")))
            .header("Origin", app.url(""))
            .multipart(form)
            .send()
    };
    let r = upload(
        "notes.txt",
        "会议纪要：讨论下周工作安排。".as_bytes().to_vec(),
    )
    .await
    .expect("POST");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap_or_default().contains("未导入"));
    assert_eq!(
        app.store
            .imported_report(AgencyId(centre), 2020)
            .await
            .expect("read"),
        None
    );

    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/reports/mengzhou-ggzyjy-2020.txt");
    let r = upload(
        "mengzhou-ggzyjy-2020.txt",
        std::fs::read(seed).expect("seed"),
    )
    .await
    .expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/console/agencies/{centre}/reports/2021").as_str())
    );
    let imported = app
        .store
        .imported_report(AgencyId(centre), 2020)
        .await
        .expect("read")
        .expect("imported");
    assert_eq!(imported.source_name, "mengzhou-ggzyjy-2020.txt");
}

#[tokio::test]
async fn a_supervisor_reads_the_governments_summary_in_the_console() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .start()
        .await;
    let government = app.agency("孟州市人民政府");
    let supervisor = app.signed_in("mz-supervisor").await;
    let page = format!("/console/agencies/{government}/reports/{YEAR}");
    let (status, own) = supervisor.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(own.contains("?rollup=1"), "the summary is offered");
    let (status, summary) = supervisor.get(&format!("{page}?rollup=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(summary.contains("孟州市公共资源交易中心") && summary.contains("孟州市财政局"));
    assert!(
        !summary.contains("/publish"),
        "a summary is read here, not published"
    );
    let json: Value = supervisor
        .http
        .get(app.url(&format!("{page}/draft.json?rollup=1")))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    let mut sum = 0;
    for name in [
        "孟州市人民政府",
        "孟州市公共资源交易中心",
        "孟州市财政局",
        "孟州市教育局",
    ] {
        let agency = app
            .store
            .agency(AgencyId(app.agency(name)))
            .await
            .expect("read")
            .expect("agency");
        let own = gongkai_app::reports::compile_report(&app.store, &agency, YEAR)
            .await
            .expect("compiled");
        sum += own
            .report
            .cell("t3.r1_new.total")
            .and_then(|c| c.as_int())
            .unwrap_or(0);
    }
    assert!(sum > 0);
    assert_eq!(json["t3"]["r1_new"]["total"], sum);
}

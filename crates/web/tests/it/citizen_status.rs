//! The applicant's page after the receipt: the state in words, the decision's type, a late answer flagged in
//! red with where to turn (条例第五十一条; 行政复议法第二十三条第一款第三项), the correction sent online with a file
//! the clerk can open, the word that the fee was paid (shown, not taken as paid), and the documents disclosed
//! with a decision, downloadable with the query code and refused without it.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::handling::Action;
use gongkai_domain::application::intake::QueryCode;
use gongkai_domain::application::outcome::Outcome;
use gongkai_domain::application::status::Status;
use gongkai_store::ApplicationStore;
use reqwest::StatusCode;

use crate::support::fixture::{CENTRE, QUERY_BYTES, TODAY, d};
use crate::support::{ApplicationSpec, Client, TestApp};

pub(crate) const LATE: &str = "孟州市公共资源交易中心2025年度招标代理机构名录";
const RECENT: &str = "孟州市公共资源交易中心2026年11月开标记录";
const DECIDED: &str = "孟州市公共资源交易中心2026年度政府采购意向公开汇总";
pub(crate) const CORRECTING: &str = "孟州市公共资源交易中心某标段的投标文件";
pub(crate) const FEE: &str = "孟州市公共资源交易中心2020年至2025年全部评标报告";

pub(crate) fn specs() -> Vec<ApplicationSpec> {
    vec![
        // Received on 9 October: 20 working days ran out in November, well before today (30 November).
        ApplicationSpec::new(CENTRE, d(2026, 10, 9), LATE, Vec::new()),
        ApplicationSpec::new(CENTRE, d(2026, 11, 25), RECENT, Vec::new()),
        ApplicationSpec::decided(
            CENTRE,
            d(2026, 11, 2),
            DECIDED,
            d(2026, 11, 20),
            Outcome::Partial,
        ),
        ApplicationSpec::new(
            CENTRE,
            d(2026, 11, 20),
            CORRECTING,
            vec![Action::RequestCorrection {
                on: d(2026, 11, 24),
                correct_by: d(2026, 12, 8),
            }],
        ),
        ApplicationSpec::new(
            CENTRE,
            d(2026, 11, 16),
            FEE,
            vec![Action::IssueFeeNotice {
                on: d(2026, 11, 25),
            }],
        ),
    ]
}

pub(crate) fn code() -> String {
    QueryCode::from_random(&QUERY_BYTES).as_str().to_owned()
}

/// The tracking number of the fixture application asking for `description`.
pub(crate) async fn tracking_no(app: &TestApp, description: &str) -> String {
    let centre = AgencyId(app.agency(CENTRE));
    app.store
        .applications_of(centre, false)
        .await
        .expect("list")
        .into_iter()
        .find(|a| a.description == description)
        .map(|a| a.tracking_no.to_string())
        .expect("fixture application")
}

pub(crate) async fn status_page(
    visitor: &Client,
    tracking: &str,
    code: &str,
) -> (StatusCode, String) {
    visitor
        .get(&format!("/status?tracking_no={tracking}&query_code={code}"))
        .await
}

pub(crate) fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n% correction scan\n".to_vec()
}

/// Sends a form of the status page as the browser does (multipart), with one file when given.
async fn send(
    app: &TestApp,
    visitor: &Client,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    }
    visitor
        .http
        .post(app.url(path))
        .multipart(form)
        .send()
        .await
        .expect("POST")
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

pub(crate) async fn started() -> TestApp {
    TestApp::builder().applications(specs()).start().await
}

#[tokio::test]
async fn a_late_answer_is_flagged_in_red_with_complaint_and_review_first_naming_the_government() {
    let app = started().await;
    let visitor = Client::new(&app);
    let late = tracking_no(&app, LATE).await;
    let (status, page) = status_page(&visitor, &late, &code()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("class=\"late-flag\">已超期"), "{page}");
    assert!(page.contains("您的申请正在办理中"), "the state in words");
    for advice in [
        "投诉、举报",
        "《条例》第五十一条",
        "先申请行政复议",
        "第二十三条第一款第三项",
        // The centre's parent in the tree: the agency one level up and the reconsideration body.
        "上一级行政机关：孟州市人民政府",
        "行政复议机关：孟州市人民政府",
    ] {
        assert!(page.contains(advice), "{advice}");
    }
    // Received five days ago: within its period, no flag and no advice.
    let recent = tracking_no(&app, RECENT).await;
    let (_, page) = status_page(&visitor, &recent, &code()).await;
    assert!(page.contains(&recent) && page.contains("您的申请正在办理中"));
    assert!(!page.contains("已超期") && !page.contains("先申请行政复议"));
    // The API tells the same.
    let api: serde_json::Value = reqwest::get(app.url(&format!(
        "/api/v1/applications/status?tracking_no={late}&query_code={}",
        code()
    )))
    .await
    .expect("GET")
    .json()
    .await
    .expect("JSON");
    assert_eq!(api["late"]["complain_to"], "孟州市人民政府");
    assert!(
        TODAY > d(2026, 11, 6),
        "the fixture's today is past the due date"
    );
}

#[tokio::test]
async fn a_decided_application_names_the_type_of_its_answer() {
    let app = started().await;
    let visitor = Client::new(&app);
    let decided = tracking_no(&app, DECIDED).await;
    let (_, page) = status_page(&visitor, &decided, &code()).await;
    assert!(page.contains("答复类型"), "{page}");
    assert!(page.contains("<dd id=\"outcome\">部分公开</dd>"), "{page}");
    assert!(page.contains("机关已对您的申请作出答复"));
    assert!(
        !page.contains("已超期"),
        "a decided application is never late"
    );
    let (_, english) = visitor
        .get(&format!(
            "/status?tracking_no={decided}&query_code={}&lang=en",
            code()
        ))
        .await;
    assert!(english.contains("Type of answer"), "{english}");
    assert!(english.contains("The office has answered your application"));
    assert!(english.contains("<dd id=\"outcome\">Partly disclosed</dd>"));
}

#[tokio::test]
async fn a_correction_sent_online_restarts_the_clock_and_the_clerk_opens_its_file() {
    let app = started().await;
    let visitor = Client::new(&app);
    let tracking = tracking_no(&app, CORRECTING).await;
    let (_, page) = status_page(&visitor, &tracking, &code()).await;
    assert!(page.contains("正在等待您补正"), "the state in words");
    assert!(page.contains("id=\"correction-form\""), "{page}");
    let query_code = code();
    // A renamed program is refused next to the field, and nothing is recorded.
    let refused = send(
        &app,
        &visitor,
        "/status/correction",
        &[
            ("tracking_no", &tracking),
            ("query_code", &query_code),
            ("content", "投标文件指2026年第3标段"),
        ],
        Some(("scan.pdf", b"MZ\x90\x00 not a pdf".to_vec())),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap_or_default();
    assert!(body.contains("id=\"files-error\""), "{body}");
    assert!(body.contains("投标文件指2026年第3标段"), "the text is kept");
    // The right code is needed: a wrong one answers like an unknown number.
    let wrong = send(
        &app,
        &visitor,
        "/status/correction",
        &[
            ("tracking_no", &tracking),
            ("query_code", "ZZZZZZZZZZ"),
            ("content", "x"),
        ],
        None,
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let sent = send(
        &app,
        &visitor,
        "/status/correction",
        &[
            ("tracking_no", &tracking),
            ("query_code", &query_code),
            ("content", "投标文件指2026年第3标段中标人的商务标部分"),
        ],
        Some(("补正说明.pdf", pdf())),
    )
    .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let to = location(&sent);
    assert_eq!(to, format!("/status?tracking_no={tracking}"));
    assert!(
        !to.contains(&query_code),
        "the code never goes into the address"
    );
    // After the redirect the page shows the application (the code came back in a cookie) and the message.
    let (status, page) = visitor.get(&to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("补正已提交"), "{page}");
    assert!(page.contains("您的申请正在办理中"), "received again");
    assert!(!page.contains("id=\"correction-form\""));
    let (_, again) = visitor.get(&to).await;
    assert!(!again.contains("补正已提交"), "the message is shown once");

    let stored = app
        .store
        .applications_of(AgencyId(app.agency(CENTRE)), false)
        .await
        .expect("list")
        .into_iter()
        .find(|a| a.description == CORRECTING)
        .expect("stored");
    assert_eq!(stored.status, Status::Received);
    let files = app.store.application_files(stored.id).await.expect("files");
    assert_eq!(files.len(), 1, "the refused file was not kept");
    let clerk = app.signed_in("ggzy-clerk").await;
    let path = format!(
        "/console/agencies/{}/applications/{}",
        app.agency(CENTRE),
        stored.id.0
    );
    let (_, console) = clerk.get(&path).await;
    assert!(console.contains("投标文件指2026年第3标段中标人的商务标部分"));
    let link = format!("{path}/files/{}", files[0].id);
    assert!(console.contains(&link), "{console}");
    assert!(console.contains("补正说明.pdf"));
    let r = clerk.http.get(app.url(&link)).send().await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.expect("bytes").to_vec(), pdf());
    // Not for the public.
    let (status, _) = Client::new(&app).get(&link).await;
    assert_ne!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_applicants_word_that_the_fee_was_paid_is_shown_to_both_and_not_taken_as_paid() {
    let app = started().await;
    let visitor = Client::new(&app);
    let tracking = tracking_no(&app, FEE).await;
    let (_, page) = status_page(&visitor, &tracking, &code()).await;
    assert!(page.contains("正在等待您缴费") && page.contains("id=\"fee-form\""));
    let query_code = code();
    let empty = send(
        &app,
        &visitor,
        "/status/fee-paid",
        &[
            ("tracking_no", &tracking),
            ("query_code", &query_code),
            ("statement", "  "),
        ],
        None,
    )
    .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .text()
            .await
            .unwrap_or_default()
            .contains("id=\"statement-error\"")
    );
    let statement = "已于2026年11月27日通过银行转账缴纳1100元";
    let sent = send(
        &app,
        &visitor,
        "/status/fee-paid",
        &[
            ("tracking_no", &tracking),
            ("query_code", &query_code),
            ("statement", statement),
        ],
        Some(("回单.pdf", pdf())),
    )
    .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let (_, page) = visitor.get(&location(&sent)).await;
    assert!(page.contains("已告知缴费，待核实"), "{page}");
    assert!(!page.contains("id=\"fee-form\""), "said once");
    let stored = app
        .store
        .applications_of(AgencyId(app.agency(CENTRE)), false)
        .await
        .expect("list")
        .into_iter()
        .find(|a| a.description == FEE)
        .expect("stored");
    assert!(
        matches!(stored.status, Status::AwaitingFee { .. }),
        "only the clerk records the payment"
    );
    let clerk = app.signed_in("ggzy-clerk").await;
    let (_, console) = clerk
        .get(&format!(
            "/console/agencies/{}/applications/{}",
            app.agency(CENTRE),
            stored.id.0
        ))
        .await;
    assert!(console.contains("id=\"fee-reported\"") && console.contains(statement));
    assert!(console.contains("回单.pdf"));
}

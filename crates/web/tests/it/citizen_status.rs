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

use crate::application_steps::{Case, file};
use crate::support::fixture::{CENTRE, QUERY_BYTES, TODAY, d};
use crate::support::{ApplicationSpec, Client, TestApp, csrf_of};

const LATE: &str = "孟州市公共资源交易中心2025年度招标代理机构名录";
const RECENT: &str = "孟州市公共资源交易中心2026年11月开标记录";
const DECIDED: &str = "孟州市公共资源交易中心2026年度政府采购意向公开汇总";
const CORRECTING: &str = "孟州市公共资源交易中心某标段的投标文件";
const FEE: &str = "孟州市公共资源交易中心2020年至2025年全部评标报告";

fn specs() -> Vec<ApplicationSpec> {
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

fn code() -> String {
    QueryCode::from_random(&QUERY_BYTES).as_str().to_owned()
}

/// The tracking number of the fixture application asking for `description`.
async fn tracking_no(app: &TestApp, description: &str) -> String {
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

async fn status_page(visitor: &Client, tracking: &str, code: &str) -> (StatusCode, String) {
    visitor
        .get(&format!("/status?tracking_no={tracking}&query_code={code}"))
        .await
}

fn pdf() -> Vec<u8> {
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

async fn started() -> TestApp {
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

/// The clerk decides `case` with `outcome`, attaching `document` on the form and confirming on the preview.
async fn decide_with(app: &TestApp, clerk: &Client, case: &Case, outcome: &str) -> String {
    let (_, page) = clerk.get(&case.path).await;
    let seen = regex::Regex::new(r#"name="seen_seq" value="(\d+)""#)
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .unwrap_or_default();
    let token = csrf_of(&page).unwrap_or_default();
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in [
        ("action", "decide"),
        ("on", &TODAY.to_string()),
        ("outcome", outcome),
        ("reason", "经审查，予以公开。"),
        ("seen_seq", &seen),
    ] {
        form = form.text(k.to_owned(), v.to_owned());
    }
    form = form.part(
        "files",
        reqwest::multipart::Part::bytes(pdf()).file_name("采购项目清单.pdf"),
    );
    let r = clerk
        .http
        .post(app.url(&format!("{}/steps?csrf={token}", case.path)))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    r.text().await.unwrap_or_default()
}

fn hidden_fields(page: &str) -> Vec<(String, String)> {
    regex::Regex::new(r#"<input type="hidden" name="([a-z_]+)" value="([^"]*)">"#)
        .expect("re")
        .captures_iter(page)
        .map(|c| {
            (
                c[1].to_owned(),
                c[2].replace("&quot;", "\"").replace("&#x2f;", "/"),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_disclosed_document_is_served_to_the_applicant_with_the_code_and_refused_without_it() {
    let app = started().await;
    let centre = app.agency(CENTRE);
    let case = file(&app, centre).await;
    let clerk = app.signed_in("ggzy-clerk").await;
    // Documents go only with an answer that discloses.
    let refused = decide_with(&app, &clerk, &case, "petition").await;
    assert!(
        refused.contains("只有予以公开或部分公开的答复才能附上公开的文件"),
        "{refused}"
    );
    let preview = decide_with(&app, &clerk, &case, "open").await;
    assert!(
        preview.contains("id=\"kept-files\"") && preview.contains("采购项目清单.pdf"),
        "{preview}"
    );
    let fields = hidden_fields(&preview);
    assert!(
        fields
            .iter()
            .any(|(k, v)| k == "kept_files" && v.contains("采购项目清单.pdf")),
        "{fields:?}"
    );
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, _) = clerk.post(&format!("{}/steps", case.path), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let visitor = Client::new(&app);
    let (_, page) = status_page(&visitor, &case.tracking_no, &case.query_code).await;
    assert!(
        page.contains("公开的政府信息") && page.contains("采购项目清单.pdf"),
        "{page}"
    );
    // As a browser reads the attribute (the template escapes its slashes).
    let page = page.replace("&#x2f;", "/");
    let href = regex::Regex::new(r#"href="(/status/files/\d+)\?"#)
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .expect("a link to the document");
    let r = visitor
        .http
        .get(app.url(&format!(
            "{href}?tracking_no={}&query_code={}",
            case.tracking_no, case.query_code
        )))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.expect("bytes").to_vec(), pdf());
    for query in [
        format!("?tracking_no={}", case.tracking_no),
        format!("?tracking_no={}&query_code=ZZZZZZZZZZ", case.tracking_no),
        String::new(),
    ] {
        let (status, _) = visitor.get(&format!("{href}{query}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{query}");
    }
    // Staff of the agency open it from the timeline.
    let (_, console) = clerk.get(&case.path).await;
    assert!(console.contains("采购项目清单.pdf"));
}

#[tokio::test]
async fn a_clerk_records_what_a_paper_correction_clarified_with_its_scan() {
    let app = started().await;
    let centre = app.agency(CENTRE);
    let stored = app
        .store
        .applications_of(AgencyId(centre), false)
        .await
        .expect("list")
        .into_iter()
        .find(|a| a.description == CORRECTING)
        .expect("stored");
    let path = format!("/console/agencies/{centre}/applications/{}", stored.id.0);
    let clerk = app.signed_in("ggzy-clerk").await;
    let (_, page) = clerk.get(&path).await;
    assert!(
        page.contains("id=\"cr-content\""),
        "the step's form asks what it clarified"
    );
    let seen = regex::Regex::new(r#"name="seen_seq" value="(\d+)""#)
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .unwrap_or_default();
    let token = csrf_of(&page).unwrap_or_default();
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in [
        ("action", "correction_received"),
        ("on", &TODAY.to_string()),
        ("content", "申请人来函说明：所需为第3标段的评标报告"),
        ("seen_seq", &seen),
    ] {
        form = form.text(k.to_owned(), v.to_owned());
    }
    form = form.part(
        "files",
        reqwest::multipart::Part::bytes(pdf()).file_name("来函扫描件.pdf"),
    );
    let r = clerk
        .http
        .post(app.url(&format!("{path}/steps?csrf={token}")))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = clerk.get(&path).await;
    assert!(page.contains("已登记收到补正"), "the flash message");
    assert!(page.contains("申请人来函说明：所需为第3标段的评标报告"));
    assert!(page.contains("来函扫描件.pdf"));
    let files = app.store.application_files(stored.id).await.expect("files");
    assert_eq!(
        files.iter().map(|f| f.actor.as_str()).collect::<Vec<_>>(),
        ["official:ggzy-clerk"]
    );
}

//! Handling an application in the console, over HTTP: 补正, a decision with its letter kept as served, the
//! citizen's view of both, and the steps that are refused (a future date, a date before the last event, an
//! extension without a reviewer, a second extension, a stale page), each changing nothing.

use crate::support;

use crate::support::{Client, TestApp, fixture};
use chrono::Duration;
use gongkai_domain::application::event::{Decision, Event, PartyKind};
use gongkai_domain::application::intake::{Channel, Delivery, TrackingNo};
use gongkai_domain::application::outcome::Outcome;
use gongkai_store::{AgencyStore, ApplicationId, ApplicationStore};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub(crate) struct Case {
    pub(crate) id: i64,
    pub(crate) tracking_no: String,
    pub(crate) query_code: String,
    pub(crate) path: String,
}

pub(crate) async fn file(app: &TestApp, centre: i64) -> Case {
    // Each call asks for something else: the same request again within a day would be the same application.
    static FILED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    let n = FILED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let description = format!("孟州市公共资源交易中心2025年度政府采购项目清单（第{n}批）");
    let receipt: Value = reqwest::Client::new()
        .post(app.url("/api/v1/applications"))
        .json(&json!({
            "agency": "孟州市公共资源交易中心",
            "applicant": { "kind": "np", "name": "王五", "id_type": "resident_id",
                "id_number": "11010519491231002X", "phone": "13700000000", "address": "孟州市河阳街道1号" },
            "description": description,
            "form": "paper",
            "delivery": "post"
        }))
        .send()
        .await
        .expect("POST")
        .json()
        .await
        .expect("JSON");
    let tracking_no = receipt["tracking_no"]
        .as_str()
        .expect("tracking")
        .to_owned();
    let stored = app
        .store
        .application_by_tracking_no(&TrackingNo::parse(&tracking_no).expect("a number"))
        .await
        .expect("read")
        .expect("stored");
    Case {
        id: stored.id.0,
        query_code: receipt["query_code"].as_str().expect("code").to_owned(),
        path: format!("/console/agencies/{centre}/applications/{}", stored.id.0),
        tracking_no,
    }
}

/// Posts one step from the application's page (its CSRF token and the last event it shows); a decision as
/// its preview's confirm button posts it (`confirmed=1`), the preview itself is tested in `case_list`.
pub(crate) async fn step(
    who: &Client,
    case: &Case,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let (_, page) = who.get(&case.path).await;
    let seen = regex::Regex::new(r#"name="seen_seq" value="(\d+)""#)
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .unwrap_or_default();
    let token = support::csrf_of(&page).unwrap_or_default();
    let mut form = fields.to_vec();
    if form.contains(&("action", "decide")) && !form.iter().any(|(k, _)| *k == "confirmed") {
        form.push(("confirmed", "1"));
    }
    form.push(("seen_seq", &seen));
    form.push(("csrf", &token));
    who.post(&format!("{}/steps", case.path), &form).await
}

pub(crate) async fn public_status(app: &TestApp, case: &Case) -> Value {
    reqwest::get(app.url(&format!(
        "/api/v1/applications/status?tracking_no={}&query_code={}",
        case.tracking_no, case.query_code
    )))
    .await
    .expect("GET")
    .json()
    .await
    .expect("JSON")
}

/// The application a receipt page (online or registered at the office) names by its tracking number.
async fn stored_from_receipt(app: &TestApp, page: &str) -> gongkai_store::StoredApplication {
    let tracking_no = regex::Regex::new(r"(GK-\d{4}-\d{6})")
        .expect("re")
        .captures(page)
        .map(|c| c[1].to_owned())
        .expect("a tracking number");
    app.store
        .application_by_tracking_no(&TrackingNo::parse(&tracking_no).expect("a number"))
        .await
        .expect("read")
        .expect("stored")
}

async fn events(app: &TestApp, case: &Case) -> Vec<Event> {
    app.store
        .application_events(ApplicationId(case.id))
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.event)
        .collect()
}

/// The receipt every case here starts with (filed online).
fn received() -> Event {
    Event::Received {
        channel: Channel::Online,
    }
}

#[tokio::test]
async fn correction_then_decision_serves_a_letter_the_citizen_can_fetch() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let case = file(&app, centre).await;
    let clerk = app.signed_in("ggzy-clerk").await;
    let today = app.today;
    let (d, later) = (today.to_string(), (today + Duration::days(15)).to_string());

    let (status, _) = step(
        &clerk,
        &case,
        &[
            ("action", "request_correction"),
            ("on", &d),
            ("correct_by", &later),
            ("what", "请写明项目名称或文号"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = clerk.get(&case.path).await;
    assert!(page.contains("待补正") && page.contains("请写明项目名称或文号"));
    assert!(
        page.contains("value=\"correction_received\"") && !page.contains("value=\"decide\""),
        "only the steps the state allows are offered"
    );
    let task = public_status(&app, &case).await;
    assert_eq!(task["status"], "awaiting_correction");
    assert_eq!(task["waiting_for"]["kind"], "correction");
    assert_eq!(task["waiting_for"]["what"], "请写明项目名称或文号");
    assert_eq!(task["waiting_for"]["by"], later.as_str());
    let (status, _) = step(
        &clerk,
        &case,
        &[("action", "correction_received"), ("on", &d)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = step(
        &clerk,
        &case,
        &[
            ("action", "decide"),
            ("on", &d),
            ("outcome", "open"),
            ("reason", "所申请信息已制作，现予提供。"),
            ("service", "post"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        events(&app, &case).await,
        [
            received(),
            Event::CorrectionRequested {
                correct_by: today + Duration::days(15),
                what: Some("请写明项目名称或文号".into()),
            },
            Event::CorrectionReceived {
                content: None,
                files: Vec::new(),
            },
            Event::Decided(Decision {
                outcome: Outcome::Open,
                reason: Some("所申请信息已制作，现予提供。".into()),
                extra: Some(String::new()),
                service: Some(Delivery::Post),
                not_held: None,
            })
        ]
    );

    let letters = app
        .store
        .application_letters(ApplicationId(case.id))
        .await
        .expect("letters");
    // The 补正告知书, then the 答复告知书.
    let kinds: Vec<&str> = letters.iter().map(|l| l.kind.as_str()).collect();
    assert_eq!(kinds, ["correction", "decision"]);
    let letter = &letters[1];
    assert_eq!((letter.served_on, letter.service.as_str()), (today, "post"));
    assert!(letter.text.contains("王五") && letter.text.contains("第三十六条"));
    // A disclosure may be challenged by 复议 before the centre's government, or in court.
    assert!(
        letter.text.contains("依法向孟州市人民政府申请行政复议")
            && letter.text.contains("六个月内"),
        "{}",
        letter.text
    );
    let (_, page) = clerk.get(&case.path).await;
    assert!(page.contains(&format!("/letters/{}.pdf", letter.id)));

    // The citizen sees the state and fetches the letter exactly as served.
    let status: Value = reqwest::get(app.url(&format!(
        "/api/v1/applications/status?tracking_no={}&query_code={}",
        case.tracking_no, case.query_code
    )))
    .await
    .expect("GET")
    .json()
    .await
    .expect("JSON");
    assert_eq!(status["status"], "decided");
    assert_eq!(status["decided_on"], d.as_str());
    let pdf_url = status["letters"][1]["pdf"]
        .as_str()
        .expect("a letter")
        .to_owned();
    let query = format!(
        "?tracking_no={}&query_code={}",
        case.tracking_no, case.query_code
    );
    let pdf = reqwest::get(app.url(&format!("{pdf_url}{query}")))
        .await
        .expect("GET")
        .bytes()
        .await
        .expect("bytes");
    assert!(pdf.starts_with(b"%PDF"));
    use sha2::Digest;
    assert_eq!(
        hex::encode(sha2::Sha256::digest(&pdf)),
        letter.pdf_sha256,
        "as served"
    );
    let docx_url = status["letters"][1]["docx"].as_str().expect("docx");
    let docx = reqwest::get(app.url(&format!("{docx_url}{query}")))
        .await
        .expect("GET");
    assert_eq!(docx.status(), StatusCode::OK);
    assert!(docx.bytes().await.expect("bytes").starts_with(b"PK"));
    let forged = reqwest::get(app.url(&format!(
        "{pdf_url}?tracking_no={}&query_code=AAAAAAAAAA",
        case.tracking_no
    )))
    .await
    .expect("GET");
    assert_eq!(
        forged.status(),
        StatusCode::NOT_FOUND,
        "a forged code gets nothing"
    );
}

/// 行政复议法（2023）第二十三条: a refusal to disclose served from 2024 on goes to 行政复议 first, before the
/// 复议机关 the letter names (the centre's 人民政府, from the agency tree), and offers no direct lawsuit.
#[tokio::test]
async fn a_refusal_letter_sends_the_applicant_to_review_first_before_the_named_government() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let case = file(&app, centre).await;
    let clerk = app.signed_in("ggzy-clerk").await;
    let d = app.today.to_string();
    let (status, _) = step(
        &clerk,
        &case,
        &[
            ("action", "decide"),
            ("on", &d),
            ("outcome", "process_info"),
            ("reason", "属于内部讨论记录。"),
            ("service", "post"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let letters = app
        .store
        .application_letters(ApplicationId(case.id))
        .await
        .expect("letters");
    let text = &letters.first().expect("a letter").text;
    assert!(
        text.contains("六十日内先向孟州市人民政府申请行政复议")
            && text.contains("对行政复议决定不服")
            && !text.contains("六个月内"),
        "{text}"
    );
}

/// 行政复议法（2023）第二十四条 names the body; where it is not the agency's parent (a vertically managed office),
/// the agency's profile says which, and its letters name that body.
#[tokio::test]
async fn the_reconsideration_body_set_in_the_profile_is_the_one_the_letter_names() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let agency = app
        .store
        .agency(gongkai_domain::agency::AgencyId(centre))
        .await
        .expect("read")
        .expect("agency");
    let profile = gongkai_domain::agency::AgencyProfile {
        review_body: "焦作市公共资源交易管理委员会".into(),
        ..agency.profile
    };
    let by = gongkai_domain::audit::ActorRef::System {
        reason: "test".into(),
    };
    app.store
        .update_agency(agency.id, &profile, &by)
        .await
        .expect("profile saved");
    let case = file(&app, centre).await;
    let clerk = app.signed_in("ggzy-clerk").await;
    let (_, edit) = app
        .signed_in("ggzy-admin")
        .await
        .get(&format!("/console/agencies/{centre}/edit"))
        .await;
    assert!(
        edit.contains("焦作市公共资源交易管理委员会"),
        "shown on the profile form"
    );
    let d = app.today.to_string();
    let (status, _) = step(
        &clerk,
        &case,
        &[("action", "decide"), ("on", &d), ("outcome", "open")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let letters = app
        .store
        .application_letters(ApplicationId(case.id))
        .await
        .expect("letters");
    let text = &letters.first().expect("a letter").text;
    assert!(
        text.contains("依法向焦作市公共资源交易管理委员会申请行政复议")
            && !text.contains("孟州市人民政府申请行政复议"),
        "{text}"
    );
}

#[tokio::test]
async fn refused_steps_say_why_and_change_nothing() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let case = file(&app, centre).await;
    let clerk = app.signed_in("ggzy-clerk").await;
    let today = app.today;
    let (d, tomorrow, yesterday) = (
        today.to_string(),
        (today + Duration::days(1)).to_string(),
        (today - Duration::days(1)).to_string(),
    );

    let (status, page) = step(
        &clerk,
        &case,
        &[("action", "decide"), ("on", &tomorrow), ("outcome", "open")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("晚于今天") && page.contains("申请未作任何改动"),
        "a date in the future"
    );
    let (status, page) = step(
        &clerk,
        &case,
        &[
            ("action", "decide"),
            ("on", &yesterday),
            ("outcome", "open"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("早于上一事项"), "before the receipt");
    let (status, _) = step(
        &clerk,
        &case,
        &[
            ("action", "decide"),
            ("on", &d),
            ("outcome", "no_correction"),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an outcome only the clock gives"
    );
    let (status, _) = step(
        &clerk,
        &case,
        &[
            ("action", "extend"),
            ("on", &d),
            ("working_days", "20"),
            ("reason", "需调取档案"),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an extension needs the head of the office (a reviewer)"
    );
    assert_eq!(
        events(&app, &case).await,
        [received()],
        "nothing was recorded"
    );

    let reviewer = app.signed_in("ggzy-reviewer").await;
    let (status, page) = step(
        &reviewer,
        &case,
        &[
            ("action", "extend"),
            ("on", &d),
            ("working_days", "20"),
            ("reason", "需调取档案"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let (_, page) = reviewer.get(&case.path).await;
    assert!(
        !page.contains("value=\"extend\""),
        "a second extension is not offered"
    );
    let (status, page) = step(
        &reviewer,
        &case,
        &[
            ("action", "extend"),
            ("on", &d),
            ("working_days", "5"),
            ("reason", "再延"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("只能延长一次"));

    // A page loaded before someone else's step is stale: its step is refused.
    let (_, stale) = clerk.get(&case.path).await;
    let token = support::csrf_of(&stale).unwrap_or_default();
    let (status, _) = step(
        &reviewer,
        &case,
        &[
            ("action", "start_consultation"),
            ("on", &d),
            ("party_kind", "third_party"),
            ("party", "中标企业"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = clerk
        .post(
            &format!("{}/steps", case.path),
            &[
                ("action", "withdraw"),
                ("on", &d),
                ("seen_seq", "2"),
                ("csrf", &token),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("刚被他人办理"));
    assert_eq!(
        events(&app, &case).await,
        [
            received(),
            Event::ExtensionApproved {
                working_days: 20,
                reason: Some("需调取档案".into()),
            },
            Event::ConsultationStarted {
                party: Some("中标企业".into()),
                party_kind: Some(PartyKind::ThirdParty),
            }
        ]
    );
    let other = app.agency("孟州市财政局");
    let path = format!("/console/agencies/{other}/applications/{}/steps", case.id);
    let (status, _) = clerk
        .post(
            &path,
            &[("action", "withdraw"), ("on", &d), ("csrf", &token)],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "not through another agency's address"
    );
}

#[tokio::test]
async fn staff_register_by_channel_with_the_receipt_date_of_article_31() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let form_path = format!("/console/agencies/{centre}/applications/new");
    let today = app.today;
    let (sent, signed) = (
        (today - Duration::days(3)).to_string(),
        (today - Duration::days(1)).to_string(),
    );
    let fields = |channel: &'static str, confirmed: &str| -> Vec<(&'static str, String)> {
        vec![
            ("channel", channel.to_owned()),
            ("sent_on", sent.clone()),
            ("confirmed_on", confirmed.to_owned()),
            ("kind", "org_biz".into()),
            ("name", "孟州市某建设工程有限公司".into()),
            ("credit_code", "91350100M000100Y43".into()),
            ("contact_name", "赵六".into()),
            ("phone", "0391-8000000".into()),
            ("address", "孟州市产业集聚区".into()),
            ("description", "2025年度某项目招标文件".into()),
            ("form", "paper".into()),
            ("delivery", "post".into()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let clerk = &clerk;
        let form_path = &form_path;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            clerk.post_from(form_path, form_path, &pairs).await
        }
    };
    let count = || async {
        app.store
            .applications_of(gongkai_domain::agency::AgencyId(centre), false)
            .await
            .expect("list")
            .len()
    };
    // The fixture's applications are there already.
    let before = count().await;
    let (status, page) = post(fields("signed_post", "")).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "posted but not signed for"
    );
    assert!(
        page.contains("孟州市某建设工程有限公司"),
        "what was typed is kept"
    );
    let future = (today + Duration::days(2)).to_string();
    let (status, _) = post(fields("signed_post", &future)).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "signed for in the future"
    );
    assert_eq!(count().await, before, "nothing was stored");
    let (status, page) = post(fields("signed_post", &signed)).await;
    assert_eq!(status, StatusCode::CREATED, "{page}");
    let stored = stored_from_receipt(&app, &page).await;
    assert_eq!(stored.channel, Channel::SignedForPost);
    assert_eq!(
        stored.received_on.map(|d| d.to_string()),
        Some(signed.clone()),
        "the day it was signed for"
    );
    let (status, page) = post(fields("in_person", "")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(page.contains(&sent), "in person: the day it was handed in");
}

/// The online form as the browser sends it (multipart), with a proof of identity of `bytes`.
async fn apply_with_proof(
    app: &TestApp,
    centre: i64,
    name: &str,
    bytes: Vec<u8>,
) -> (StatusCode, String) {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in [
        ("kind", "np"),
        ("name", "钱七"),
        ("id_type", "resident_id"),
        ("id_number", "11010519491231002X"),
        ("phone", "13600000000"),
        ("email", "qianqi@example.cn"),
        ("description", "孟州市公共资源交易中心2024年度工作总结"),
        ("form", "electronic"),
        ("delivery", "email"),
    ] {
        form = form.text(k, v);
    }
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    form = form.part("id_proof", part);
    // As a browser: the receipt after the redirect needs the cookie set with it.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let r = browser
        .post(app.url(&format!("/agencies/{centre}/apply")))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    let status = r.status();
    (status, r.text().await.unwrap_or_default())
}

fn png(size: usize) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    bytes.resize(size, 0);
    bytes
}

#[tokio::test]
async fn an_oversized_proof_of_identity_is_refused_and_nothing_is_kept() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let centre_id = gongkai_domain::agency::AgencyId(centre);
    let stored = || async {
        app.store
            .applications_of(centre_id, false)
            .await
            .expect("list")
            .len()
    };
    // The fixture's applications are there already.
    let before = stored().await;

    let (status, page) = apply_with_proof(&app, centre, "身份证.png", png(6 * 1024 * 1024)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("超过 5 MB") && page.contains("qianqi@example.cn"),
        "named, and what was typed is kept"
    );
    let (status, page) = apply_with_proof(&app, centre, "身份证.png", png(9 * 1024 * 1024)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        page.contains("提交的内容过大"),
        "a finished page, not a bare refusal"
    );
    let (status, _) = apply_with_proof(&app, centre, "证件.exe", b"MZ\x90\x00".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stored().await, before, "nothing was stored");

    let photo = png(40_000);
    let (status, receipt) = apply_with_proof(&app, centre, "身份证.png", photo.clone()).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the receipt, after the redirect: {receipt}"
    );
    assert_eq!(stored().await, before + 1);
    let app_id = stored_from_receipt(&app, &receipt).await.id.0;
    let path = format!("/console/agencies/{centre}/applications/{app_id}/id-proof");
    let clerk = app.signed_in("ggzy-clerk").await;
    let (_, page) = clerk
        .get(&format!("/console/agencies/{centre}/applications/{app_id}"))
        .await;
    assert!(page.contains(&path) && page.contains("身份证.png"));
    let r = clerk.http.get(app.url(&path)).send().await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.expect("bytes").to_vec(), photo);
    let supervisor = app.signed_in("mz-supervisor").await;
    assert_eq!(supervisor.get(&path).await.0, StatusCode::FORBIDDEN);
}

/// An application handed in at the office `days_ago`, registered by the clerk.
pub(crate) async fn registered(app: &TestApp, clerk: &Client, centre: i64, days_ago: i64) -> Case {
    let form_path = format!("/console/agencies/{centre}/applications/new");
    let sent = (app.today - Duration::days(days_ago)).to_string();
    let fields = [
        ("channel", "in_person"),
        ("sent_on", sent.as_str()),
        ("kind", "np"),
        ("name", "周九"),
        ("id_type", "resident_id"),
        ("id_number", "11010519491231002X"),
        ("phone", "13400000000"),
        ("address", "孟州市会昌街道2号"),
        (
            "description",
            "2023年至2025年孟州市公共资源交易中心全部交易项目的成交公告纸质复印件",
        ),
        ("form", "paper"),
        ("delivery", "post"),
    ];
    let (status, page) = clerk.post_from(&form_path, &form_path, &fields).await;
    assert_eq!(status, StatusCode::CREATED, "{page}");
    let query_code = regex::Regex::new(r"<code>([A-Z0-9]{10})</code>")
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .expect("a query code on the receipt");
    let stored = stored_from_receipt(app, &page).await;
    Case {
        id: stored.id.0,
        path: format!("/console/agencies/{centre}/applications/{}", stored.id.0),
        tracking_no: stored.tracking_no.to_string(),
        query_code,
    }
}

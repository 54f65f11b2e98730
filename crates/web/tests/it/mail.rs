//! E-mail notifications against a real SMTP server started by the test (`support::smtp`): the server's own
//! background sender delivers the receipt, the 补正 notice and the decision with its 答复告知书 attached as PDF
//! to the applicant who gave an address, and once a day the staff digest of cases due or overdue and items
//! waiting for review. What is read is what the SMTP server received.

use chrono::NaiveDate;
use gongkai_app::{MailConfig, MailSecurity};
use gongkai_store::{ApplicationId, ApplicationStore, MailState, MailStore};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::fixture::ApplicationSpec;
use crate::support::smtp::SmtpSink;
use crate::support::{ItemSpec, TestApp};

const CENTRE: &str = "孟州市公共资源交易中心";
const APPLICANT: &str = "zhaoliu@example.com";

fn mail_config(port: u16, digest_hour: u32) -> MailConfig {
    MailConfig {
        enabled: true,
        host: "127.0.0.1".into(),
        port,
        security: MailSecurity::None,
        from_address: "gongkai@mengzhou.example.cn".into(),
        digest_hour,
        ..MailConfig::default()
    }
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

/// The one message whose subject contains `words`.
fn with_subject<'a>(messages: &'a [Value], words: &str) -> &'a Value {
    let found: Vec<&Value> = messages
        .iter()
        .filter(|m| text(m, "subject").contains(words))
        .collect();
    assert_eq!(found.len(), 1, "one message about {words}: {messages:#?}");
    found[0]
}

/// The PDF attached to `message`: its file name and its text (poppler's `pdftotext`, the tests' oracle).
fn attached_pdf(message: &Value) -> (String, String) {
    let attachments = message["attachments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(attachments.len(), 1, "one attachment: {message:#?}");
    let pdf = &attachments[0];
    assert_eq!(text(pdf, "content_type"), "application/pdf");
    let path = text(pdf, "path");
    let bytes = std::fs::read(&path).expect("the attachment");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let out = std::process::Command::new("pdftotext")
        .args([&path, "-"])
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "the attachment parses as PDF");
    (
        text(pdf, "filename"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[tokio::test]
async fn the_applicant_receives_the_receipt_the_correction_notice_and_the_decision_with_its_letter()
{
    let Some(smtp) = SmtpSink::start() else {
        return;
    };
    let port = smtp.port;
    let app = TestApp::builder()
        .config(move |c| c.mail = mail_config(port, 24))
        .start()
        .await;
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let d = app.today.to_string();

    // Filed online with an e-mail address, the answer wanted by post: the messages go anyway.
    let receipt: Value = reqwest::Client::new()
        .post(app.url("/api/v1/applications"))
        .json(&json!({
            "agency": CENTRE,
            "applicant": { "kind": "np", "name": "赵六", "id_type": "resident_id",
                "id_number": "11010519491231002X", "email": APPLICANT, "address": "孟州市河阳街道1号" },
            "description": "孟州市公共资源交易中心2025年度政府采购项目中标结果",
            "form": "paper",
            "delivery": "post"
        }))
        .send()
        .await
        .expect("POST")
        .json()
        .await
        .expect("JSON");
    let tracking_no = text(&receipt, "tracking_no");
    let query_code = text(&receipt, "query_code");
    assert!(
        !tracking_no.is_empty() && !query_code.is_empty(),
        "{receipt}"
    );
    let stored = app
        .store
        .application_by_tracking_no(
            &gongkai_domain::application::intake::TrackingNo::parse(&tracking_no)
                .expect("a number"),
        )
        .await
        .expect("read")
        .expect("stored");
    let case = crate::application_steps::Case {
        id: stored.id.0,
        query_code: query_code.clone(),
        path: format!("/console/agencies/{centre}/applications/{}", stored.id.0),
        tracking_no: tracking_no.clone(),
    };
    let later = (app.today + chrono::Duration::days(15)).to_string();
    for fields in [
        vec![
            ("action", "request_correction"),
            ("on", d.as_str()),
            ("correct_by", later.as_str()),
            ("what", "请写明项目名称或文号"),
        ],
        vec![("action", "correction_received"), ("on", d.as_str())],
        vec![
            ("action", "decide"),
            ("on", d.as_str()),
            ("outcome", "open"),
            ("reason", "所申请信息已制作，现予提供。"),
            ("service", "post"),
        ],
    ] {
        let (status, _) = crate::application_steps::step(&clerk, &case, &fields).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{fields:?}");
    }

    let messages = smtp.wait_for(3).await;
    assert_eq!(messages.len(), 3, "{messages:#?}");
    for m in &messages {
        assert_eq!(m["rcpt_to"], json!([APPLICANT]));
        let from = text(m, "from");
        assert!(
            from.contains(CENTRE) && from.contains("gongkai@mengzhou.example.cn"),
            "the agency's name as sender: {from}"
        );
        assert!(
            !text(m, "body").contains(&query_code),
            "no query code in an e-mail"
        );
        assert!(text(m, "subject").contains(&tracking_no));
    }

    let got = with_subject(&messages, "已收到");
    let body = text(got, "body");
    assert!(body.contains("赵六"), "{body}");
    assert!(body.contains(&format!("申请编号：{tracking_no}")), "{body}");
    let received = app.today.format("%Y年%-m月%-d日").to_string();
    assert!(
        body.contains(&format!("收到申请日期：{received}")),
        "{body}"
    );
    assert!(
        body.contains("答复期限：") && body.contains("第三十三条"),
        "{body}"
    );
    assert!(got["attachments"].as_array().is_some_and(Vec::is_empty));

    let correction = with_subject(&messages, "补正告知书");
    assert!(
        text(correction, "body").contains("请写明项目名称或文号"),
        "the notice's text in the message"
    );
    let (_, correction_pdf) = attached_pdf(correction);
    assert!(correction_pdf.contains("补正"), "{correction_pdf}");

    let decision = with_subject(&messages, "已答复");
    assert!(text(decision, "body").contains("所申请信息已制作，现予提供。"));
    let (name, letter) = attached_pdf(decision);
    assert!(
        name.starts_with(&tracking_no) && name.ends_with(".pdf"),
        "{name}"
    );
    assert!(
        letter.contains(&tracking_no),
        "the letter names the application: {letter}"
    );
    assert!(letter.contains("答复告知书"), "{letter}");

    // Every message recorded, each sent once. The SMTP server has the last message before the sender has its
    // reply and marks it sent: the outbox is read again until it settles (at most 10 s).
    let mut kept = Vec::new();
    for _ in 0..50 {
        kept = app
            .store
            .mail_of_application(ApplicationId(case.id))
            .await
            .expect("outbox");
        if kept.iter().all(|m| m.state == MailState::Sent) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let kinds: Vec<(&str, MailState, i64)> = kept
        .iter()
        .map(|m| (m.kind.as_str(), m.state, m.attempts))
        .collect();
    assert_eq!(
        kinds,
        [
            ("receipt", MailState::Sent, 1),
            ("notice", MailState::Sent, 1),
            ("decision", MailState::Sent, 1),
        ]
    );
}

#[tokio::test]
async fn without_a_mail_server_messages_are_recorded_as_not_configured() {
    let app = TestApp::start().await;
    let receipt: Value = reqwest::Client::new()
        .post(app.url("/api/v1/applications"))
        .json(&json!({
            "agency": CENTRE,
            "applicant": { "kind": "np", "name": "赵六", "id_type": "resident_id",
                "id_number": "11010519491231002X", "email": APPLICANT },
            "description": "2024年度政府采购意向公开目录",
            "form": "electronic",
            "delivery": "email"
        }))
        .send()
        .await
        .expect("POST")
        .json()
        .await
        .expect("JSON");
    let stored = app
        .store
        .application_by_tracking_no(
            &gongkai_domain::application::intake::TrackingNo::parse(&text(&receipt, "tracking_no"))
                .expect("a number"),
        )
        .await
        .expect("read")
        .expect("stored");
    let kept = app
        .store
        .mail_of_application(stored.id)
        .await
        .expect("outbox");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].state, MailState::NotConfigured);
    assert_eq!(kept[0].recipient, APPLICANT);
    assert!(kept[0].subject.contains(&text(&receipt, "tracking_no")));
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[tokio::test]
async fn staff_receive_one_digest_a_day_of_cases_due_or_overdue_and_items_to_review() {
    let Some(smtp) = SmtpSink::start() else {
        return;
    };
    let port = smtp.port;
    const OVERDUE: &str = "2025年第三季度公共资源交易项目清单";
    const DUE_SOON: &str = "2025年第四季度公共资源交易项目清单";
    const NOT_YET: &str = "2026年公共资源交易平台运维合同";
    const IN_REVIEW: &str = "孟州市公共资源交易中心2026年采购意向公开";
    // The hour 0: the server queues today's digest as soon as it runs.
    let app = TestApp::builder()
        .applications([
            ApplicationSpec::new(CENTRE, day(2026, 10, 9), OVERDUE, vec![]),
            ApplicationSpec::new(CENTRE, day(2026, 11, 2), DUE_SOON, vec![]),
            ApplicationSpec::new(CENTRE, day(2026, 11, 30), NOT_YET, vec![]),
        ])
        .item(ItemSpec {
            title: IN_REVIEW,
            published_on: None,
            ..ItemSpec::default()
        })
        .staff_email("ggzy-clerk", "clerk@mengzhou.example.cn")
        .staff_email("ggzy-reviewer", "reviewer@mengzhou.example.cn")
        .config(move |c| c.mail = mail_config(port, 0))
        .start()
        .await;
    let messages = smtp.wait_for(2).await;
    assert_eq!(messages.len(), 2, "{messages:#?}");
    let to = |who: &str| {
        messages
            .iter()
            .find(|m| m["rcpt_to"] == json!([who]))
            .unwrap_or_else(|| panic!("a digest to {who}: {messages:#?}"))
    };
    let today = app.today.format("%Y年%-m月%-d日").to_string();
    for who in ["clerk@mengzhou.example.cn", "reviewer@mengzhou.example.cn"] {
        let m = to(who);
        let (subject, body) = (text(m, "subject"), text(m, "body"));
        assert!(subject.contains(&today), "{subject}");
        assert!(
            body.lines()
                .any(|l| l.starts_with("【已超期】") && l.contains(OVERDUE)),
            "{body}"
        );
        assert!(
            body.lines()
                .any(|l| l.starts_with("【将到期】") && l.contains(DUE_SOON)),
            "{body}"
        );
        assert!(!body.contains(NOT_YET), "due in weeks: not listed\n{body}");
    }
    assert!(
        text(to("reviewer@mengzhou.example.cn"), "body").contains(IN_REVIEW),
        "the reviewer's digest lists the item waiting for review"
    );
    assert!(
        !text(to("clerk@mengzhou.example.cn"), "body").contains(IN_REVIEW),
        "a clerk does not review"
    );
    // The day is recorded: neither this node nor another queues it again.
    assert!(
        !app.store
            .queue_digest(&app.today.to_string(), &[])
            .await
            .expect("store")
    );
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    assert_eq!(smtp.received().len(), 2, "one digest a day");
}

#[tokio::test]
async fn an_administrator_gives_staff_a_digest_address_in_the_console() {
    use gongkai_domain::account::Username;
    use gongkai_store::AccountStore;
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let admin = app.signed_in("ggzy-admin").await;
    let page = format!("/console/agencies/{centre}/accounts");
    let clerk = app
        .store
        .credentials(&Username::parse("ggzy-clerk").expect("name"))
        .await
        .expect("read")
        .expect("the clerk")
        .account;
    let action = format!("{page}/{}/email", clerk.id.0);

    let (status, _) = admin
        .post_from(&page, &action, &[("email", "wang@mengzhou.example.cn")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html) = admin.get(&format!("{page}?email_saved=ggzy-clerk")).await;
    assert!(
        html.contains("已保存待办提醒邮箱"),
        "the message after saving"
    );
    assert!(
        html.contains("value=\"wang@mengzhou.example.cn\""),
        "the address shows in the list"
    );
    assert_eq!(
        app.store.account_email(clerk.id).await.expect("read"),
        "wang@mengzhou.example.cn"
    );

    // Not an address: refused, said next to the list, the saved one kept.
    let (status, html) = admin
        .post_from(&page, &action, &[("email", "wang at mengzhou")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("电子邮箱格式不正确，未保存"), "{html}");
    assert_eq!(
        app.store.account_email(clerk.id).await.expect("read"),
        "wang@mengzhou.example.cn"
    );

    // A new account with its address at once; a bad one is named next to the field.
    let (status, html) = admin
        .post_from(
            &page,
            &page,
            &[
                ("username", "ggzy-clerk2"),
                ("display_name", "交易中心经办人二"),
                ("role", "clerk"),
                ("password", "a-long-enough-password"),
                ("email", "nobody@"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("id=\"email-error\""),
        "the error by the field"
    );
    let (status, _) = admin
        .post_from(
            &page,
            &page,
            &[
                ("username", "ggzy-clerk2"),
                ("display_name", "交易中心经办人二"),
                ("role", "clerk"),
                ("password", "a-long-enough-password"),
                ("email", "li@mengzhou.example.cn"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let created = app
        .store
        .credentials(&Username::parse("ggzy-clerk2").expect("name"))
        .await
        .expect("read")
        .expect("created")
        .account;
    assert_eq!(
        app.store.account_email(created.id).await.expect("read"),
        "li@mengzhou.example.cn"
    );
}

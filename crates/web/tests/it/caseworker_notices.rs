//! The notices a step serves, through the caseworker's API: an extension gives its 延期答复告知书 in `letters`
//! with its 发文字号, and a 本机关不掌握 answer rests on one ground of 条例第三十六条, naming the agency that holds
//! the information when that is the ground.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::caseworker_api::{Integration, pdf_text, token};
use crate::support::TestApp;
use crate::support::fixture::CENTRE;

/// The PDF of the last letter of `kind` in `answer`, as `pdftotext` reads it.
async fn letter_text(api: &Integration, answer: &Value, kind: &str) -> (Value, String) {
    let letter = answer["letters"]
        .as_array()
        .and_then(|l| l.iter().rev().find(|l| l["kind"] == kind))
        .cloned()
        .unwrap_or_else(|| panic!("a {kind} letter in {answer}"));
    let (status, pdf) = api
        .bytes(letter["pdf"].as_str().expect("a PDF address"))
        .await;
    assert_eq!(status, StatusCode::OK);
    (letter, pdf_text(&pdf))
}

#[tokio::test]
async fn an_extension_serves_its_notice_and_not_held_names_one_ground() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let reviewer = Integration::new(&app, &token(&app, centre, "reviewer").await, centre);
    let received = (app.today - chrono::Duration::days(25)).to_string();
    let case = reviewer.register(&received).await;
    let on = (app.today - chrono::Duration::days(3)).to_string();
    let (status, answer) = reviewer
        .step(
            &case,
            json!({"step": "extend", "on": on, "days": 20, "reason": "需要调取多年的档案"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (letter, text) = letter_text(&reviewer, &answer, "extension").await;
    assert_eq!(letter["kind_name"], "延期答复告知书", "{letter}");
    let doc_no = letter["doc_no"].as_str().expect("a 发文字号").to_owned();
    assert!(
        doc_no.contains("依申延") && doc_no.ends_with("1号"),
        "{doc_no}"
    );
    for expected in [
        "孟州市公共资源交易中心",
        case.as_str(),
        doc_no.as_str(),
        "第三十三条第二款",
        "需要调取多年的档案",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    let today = app.today.to_string();
    let (status, answer) = reviewer
        .step(
            &case,
            json!({"step": "decide", "on": today, "outcome": "not_held"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "one ground is required"
    );
    assert_eq!(answer["fields"][0]["field"], "not_held_ground", "{answer}");
    let (status, answer) = reviewer
        .step(
            &case,
            json!({"step": "decide", "on": today, "outcome": "not_held", "not_held_ground": "not_ours",
                   "competent_agency": "孟州市自然资源局", "competent_contact": "0391-8100099"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (_, text) = letter_text(&reviewer, &answer, "decision").await;
    assert!(
        text.contains("第三十六条第（五）项")
            && text.contains("孟州市自然资源局")
            && text.contains("0391-8100099")
            && !text.contains("第（四）项"),
        "{text}"
    );
}

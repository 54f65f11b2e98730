//! The notices a step serves (补正告知书, 延期答复告知书, 征求第三方意见书 …), over HTTP: each numbered with the
//! agency's 发文字号, listed by its Chinese name in the console and, when it was served on the applicant, on
//! the applicant's `/status` page, and downloadable as PDF and DOCX exactly as served.

use chrono::Duration;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AgencyStore, ApplicationId, ApplicationStore};
use reqwest::StatusCode;

use crate::application_steps::{Case, file, public_status, step};
use crate::support::{Client, TestApp};

/// Gives the centre the 代字 its numbers start with.
async fn set_prefix(app: &TestApp, centre: i64) {
    let agency = app
        .store
        .agency(AgencyId(centre))
        .await
        .expect("read")
        .expect("the centre");
    let mut profile = agency.profile.clone();
    profile.doc_prefix = "孟公资".into();
    app.store
        .update_agency(
            agency.id,
            &profile,
            &ActorRef::System {
                reason: "test".into(),
            },
        )
        .await
        .expect("prefix saved");
}

/// The applicant's status page for `case`.
async fn status_page(app: &TestApp, case: &Case) -> String {
    reqwest::get(app.url(&format!(
        "/status?tracking_no={}&query_code={}",
        case.tracking_no, case.query_code
    )))
    .await
    .expect("GET")
    .text()
    .await
    .expect("page")
}

/// Fetches `url` and returns its status and bytes.
async fn fetch(url: String) -> (StatusCode, Vec<u8>) {
    let response = reqwest::get(url).await.expect("GET");
    let status = response.status();
    (status, response.bytes().await.expect("bytes").to_vec())
}

/// The console's PDF and DOCX of the letter `id`, as the staff link gives them.
async fn staff_files(app: &TestApp, clerk: &Client, case: &Case, id: i64) -> (Vec<u8>, Vec<u8>) {
    let mut files = Vec::new();
    for extension in ["pdf", "docx"] {
        let response = clerk
            .http
            .get(app.url(&format!("{}/letters/{id}.{extension}", case.path)))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), StatusCode::OK, "{extension}");
        files.push(response.bytes().await.expect("bytes").to_vec());
    }
    let docx = files.pop().unwrap_or_default();
    (files.pop().unwrap_or_default(), docx)
}

#[tokio::test]
async fn a_correction_and_an_extension_serve_numbered_notices_staff_and_applicant_can_fetch() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    set_prefix(&app, centre).await;
    let clerk = app.signed_in("ggzy-clerk").await;
    let reviewer = app.signed_in("ggzy-reviewer").await;
    let d = app.today.to_string();
    let later = (app.today + Duration::days(15)).to_string();

    // 补正 on one application.
    let corrected = file(&app, centre).await;
    let (status, _) = step(
        &clerk,
        &corrected,
        &[
            ("action", "request_correction"),
            ("on", &d),
            ("correct_by", &later),
            ("what", "请写明项目名称或文号"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // An extension on another.
    let extended = file(&app, centre).await;
    let (status, _) = step(
        &reviewer,
        &extended,
        &[
            ("action", "extend"),
            ("on", &d),
            ("working_days", "20"),
            ("reason", "需调取异地档案"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    for (case, name, doc_no, article) in [
        (
            &corrected,
            "补正告知书",
            "孟公资依申补〔2026〕1号",
            "第三十条",
        ),
        (
            &extended,
            "延期答复告知书",
            "孟公资依申延〔2026〕1号",
            "第三十三条第二款",
        ),
    ] {
        let letters = app
            .store
            .application_letters(ApplicationId(case.id))
            .await
            .expect("letters");
        assert_eq!(letters.len(), 1, "{name}");
        let letter = &letters[0];
        assert_eq!(letter.doc_no.as_deref(), Some(doc_no));
        assert!(
            letter.text.contains(article) && letter.text.contains(doc_no),
            "{}",
            letter.text
        );

        // Staff: listed by name and number, both files as served.
        let (_, page) = clerk.get(&case.path).await;
        assert!(
            page.contains(name) && page.contains(doc_no),
            "{name} not in the console list"
        );
        let (pdf, docx) = staff_files(&app, &clerk, case, letter.id).await;
        assert!(
            pdf.starts_with(b"%PDF") && docx.starts_with(b"PK"),
            "{name}"
        );
        use sha2::Digest;
        assert_eq!(hex::encode(sha2::Sha256::digest(&pdf)), letter.pdf_sha256);
        assert_eq!(hex::encode(sha2::Sha256::digest(&docx)), letter.docx_sha256);

        // The applicant: on /status by name and number, and the same files with the query code.
        let page = status_page(&app, case).await;
        assert!(
            page.contains(name) && page.contains(doc_no),
            "{name} not on /status:\n{page}"
        );
        let public = public_status(&app, case).await;
        assert_eq!(public["letters"][0]["kind_name"], name);
        assert_eq!(public["letters"][0]["doc_no"], doc_no);
        let query = format!(
            "?tracking_no={}&query_code={}",
            case.tracking_no, case.query_code
        );
        for (field, magic, sha) in [
            ("pdf", &b"%PDF"[..], &letter.pdf_sha256),
            ("docx", &b"PK"[..], &letter.docx_sha256),
        ] {
            let url = public["letters"][0][field].as_str().expect("a link");
            let (status, bytes) = fetch(app.url(&format!("{url}{query}"))).await;
            assert_eq!(status, StatusCode::OK, "{name} {field}");
            assert!(bytes.starts_with(magic), "{name} {field}");
            assert_eq!(
                &hex::encode(sha2::Sha256::digest(&bytes)),
                sha,
                "{name} {field} as served"
            );
        }
    }
}

/// 条例第三十二条: the consultation letter goes to the third party; the applicant neither sees it listed nor can
/// fetch it, since it names the party consulted.
#[tokio::test]
async fn a_third_party_consultation_letter_is_for_staff_only() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let d = app.today.to_string();
    let case = file(&app, centre).await;
    let (status, _) = step(
        &clerk,
        &case,
        &[
            ("action", "start_consultation"),
            ("on", &d),
            ("party_kind", "third_party"),
            ("party", "河南某建设工程有限公司"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let letters = app
        .store
        .application_letters(ApplicationId(case.id))
        .await
        .expect("letters");
    assert_eq!(letters.len(), 1);
    let letter = &letters[0];
    assert_eq!(letter.kind, "consultation");
    assert!(letter.text.contains("河南某建设工程有限公司：") && letter.text.contains("第三十二条"));
    // No 代字 set: the full name stands in.
    assert_eq!(
        letter.doc_no.as_deref(),
        Some("孟州市公共资源交易中心依申征〔2026〕1号")
    );
    let (_, page) = clerk.get(&case.path).await;
    assert!(page.contains("征求第三方意见书"));
    let public = public_status(&app, &case).await;
    assert_eq!(
        public["letters"].as_array().map(Vec::len),
        Some(0),
        "{public}"
    );
    let (status, _) = fetch(app.url(&format!(
        "/status/letters/{}.pdf?tracking_no={}&query_code={}",
        letter.id, case.tracking_no, case.query_code
    )))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Point 9: a not-held answer names one ground of 条例第三十六条, and the （五）项 letter the competent agency.
#[tokio::test]
async fn a_not_held_decision_states_its_one_ground() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let d = app.today.to_string();
    let case = file(&app, centre).await;
    // Without a ground nothing is decided.
    let (status, _) = step(
        &clerk,
        &case,
        &[("action", "decide"), ("on", &d), ("outcome", "not_held")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = step(
        &clerk,
        &case,
        &[
            ("action", "decide"),
            ("on", &d),
            ("outcome", "not_held"),
            ("not_held_ground", "not_ours"),
            ("competent_agency", "孟州市财政局"),
            ("competent_contact", "0391-8100016"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let letters = app
        .store
        .application_letters(ApplicationId(case.id))
        .await
        .expect("letters");
    let text = &letters.first().expect("the letter").text;
    assert!(
        text.contains("第三十六条第（五）项") && !text.contains("第（四）项"),
        "{text}"
    );
    assert!(
        text.contains("孟州市财政局") && text.contains("0391-8100016"),
        "{text}"
    );
}

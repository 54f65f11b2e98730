//! The caseworker's API as a new integrator meets it: an agency administrator issues a token in the console,
//! the integration registers applications received on paper, reads them and takes steps with it, downloads the
//! letters served; refused steps are 422 and write nothing; a revoked token or another agency's is refused;
//! every call is in the audit trail with the token as its actor.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{ApiTokenStore, AuditFilter, AuditLog};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::fixture::{CENTRE, FINANCE, d};
use crate::support::{ApplicationSpec, TestApp};

/// An integration calling the API with its token.
pub(crate) struct Integration {
    http: reqwest::Client,
    base: String,
    token: String,
    agency: i64,
}

impl Integration {
    pub(crate) fn new(app: &TestApp, token: &str, agency: i64) -> Self {
        Self {
            http: reqwest::Client::new(),
            base: app.base.clone(),
            token: token.to_owned(),
            agency,
        }
    }

    fn url(&self, path: &str) -> String {
        format!(
            "{}/api/v1/agencies/{}/applications{path}",
            self.base, self.agency
        )
    }

    pub(crate) async fn get(&self, path: &str) -> (StatusCode, Value) {
        let r = self
            .http
            .get(self.url(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("GET");
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let r = self
            .http
            .post(self.url(path))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .expect("POST");
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    /// Registers an application handed in at the office on `on` (条例第三十一条: received that day).
    pub(crate) async fn register(&self, on: &str) -> String {
        let (status, receipt) = self
            .post(
                "",
                &json!({
                    "applicant": { "kind": "np", "name": "王五", "id_type": "resident_id",
                        "id_number": "11010519491231002X", "phone": "13700000000",
                        "address": "孟州市河阳街道1号" },
                    "description": "孟州市公共资源交易中心评标委员会的内部讨论记录",
                    "form": "paper", "delivery": "post",
                    "channel": "in_person", "sent_on": on, "confirmed_on": on
                }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{receipt}");
        assert_eq!(receipt["received_on"], on, "handed in: received that day");
        receipt["tracking_no"]
            .as_str()
            .expect("a number")
            .to_owned()
    }

    pub(crate) async fn step(&self, tracking_no: &str, body: Value) -> (StatusCode, Value) {
        self.post(&format!("/{tracking_no}/steps"), &body).await
    }

    pub(crate) async fn bytes(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("GET");
        let status = r.status();
        (
            status,
            r.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
        )
    }
}

/// A token of `agency` issued through the use case, as the console does it.
pub(crate) async fn token(app: &TestApp, agency: i64, role: &str) -> String {
    let by = ActorRef::Official {
        id: 2,
        username: "ggzy-admin".into(),
    };
    let request = gongkai_app::tokens::TokenRequest {
        name: format!("档案系统-{role}"),
        role: role.to_owned(),
    };
    match gongkai_app::tokens::issue_token(&app.store, AgencyId(agency), &request, &by).await {
        Ok(issued) => issued.secret,
        Err(_) => panic!("a token is issued"),
    }
}

/// The PDF's text as `pdftotext` reads it, without the line breaks and spaces typesetting put in.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext reads the letter");
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Decides `tracking_no` as 过程性信息 on `on` and returns the text of the served letter's PDF.
async fn refusal_letter(api: &Integration, tracking_no: &str, on: &str) -> String {
    let (status, decided) = api
        .step(
            tracking_no,
            json!({"step": "decide", "on": on, "outcome": "process_info",
                   "reasons": "属于行政机关在履行行政管理职能过程中形成的讨论记录。", "delivery": "post"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{decided}");
    assert_eq!(decided["status"], "decided");
    let letter = &decided["letters"][0];
    assert_eq!(letter["kind"], "decision");
    assert_eq!(letter["served_on"], on);
    let (status, pdf) = api
        .bytes(letter["pdf"].as_str().expect("a PDF address"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&pdf));
    assert_eq!(letter["sha256"], sha, "the file is the one served");
    let (status, docx) = api
        .bytes(letter["docx"].as_str().expect("a DOCX address"))
        .await;
    assert!(
        status == StatusCode::OK && docx.starts_with(b"PK"),
        "a DOCX"
    );
    let (status, text) = api
        .bytes(letter["text"].as_str().expect("a text address"))
        .await;
    let text = String::from_utf8(text).unwrap_or_default();
    assert!(
        status == StatusCode::OK && text.contains("行政复议"),
        "the letter's text: {text}"
    );
    pdf_text(&pdf)
}

/// 行政复议法（2023）第二十三条: a refusal served from 2024 on sends the applicant to 行政复议 first, before the
/// 复议机关 the letter names (the centre's 人民政府), with no direct lawsuit; served in 2023 it offers both.
#[tokio::test]
async fn a_refusal_letter_names_the_remedy_of_the_law_in_force_on_its_day() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let api = Integration::new(&app, &token(&app, centre, "clerk").await, centre);

    let today = app.today.to_string();
    let now = api.register(&today).await;
    let text = refusal_letter(&api, &now, &today).await;
    assert!(
        text.contains("六十日内先向孟州市人民政府申请行政复议") && !text.contains("六个月"),
        "2026: review first, before the named government, no direct lawsuit:\n{text}"
    );

    let then = api.register("2023-11-20").await;
    let text = refusal_letter(&api, &then, "2023-12-15").await;
    assert!(
        text.contains("六十日内依法向孟州市人民政府申请行政复议")
            && text.contains("六个月")
            && text.contains("行政诉讼"),
        "2023: review or a lawsuit:\n{text}"
    );
}

/// The domain's refusals come back as 422 with their code and reason, and the application is unchanged.
#[tokio::test]
async fn refused_steps_are_422_and_write_nothing() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let api = Integration::new(&app, &token(&app, centre, "clerk").await, centre);
    let today = app.today.to_string();

    let refused = |answer: &Value, code: &str| {
        assert_eq!(answer["error"], code, "{answer}");
        assert!(
            answer["message"].as_str().is_some_and(|m| !m.is_empty())
                && answer["fields"].is_array(),
            "{answer}"
        );
    };
    let unchanged = |before: &Value, after: &Value| {
        assert_eq!(before["events"], after["events"], "nothing was written");
        assert_eq!(before["status"], after["status"]);
    };

    // 条例第三十条: one 补正 notice; a second one after the correction arrived is refused.
    let corrected = api.register(&today).await;
    let (status, _) = api
        .step(
            &corrected,
            json!({"step": "request_correction", "on": today, "correct_by": "2026-12-15",
                   "items": ["所需信息的文号", "申请人的联系电话"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = api
        .step(
            &corrected,
            json!({"step": "correction_received", "on": today}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, before) = api.get(&format!("/{corrected}")).await;
    let (status, answer) = api
        .step(
            &corrected,
            json!({"step": "request_correction", "on": today, "correct_by": "2026-12-20",
                   "items": ["身份证复印件"]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    refused(&answer, "application.second_correction");
    unchanged(&before, &api.get(&format!("/{corrected}")).await.1);

    // 补正后申请内容仍不明确 without a 补正.
    let plain = api.register(&today).await;
    let (_, before) = api.get(&format!("/{plain}")).await;
    let (status, answer) = api
        .step(
            &plain,
            json!({"step": "decide", "on": today, "outcome": "still_unclear", "reasons": "仍不明确"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    refused(&answer, "application.still_unclear_without_correction");
    unchanged(&before, &api.get(&format!("/{plain}")).await.1);
    assert!(
        api.get("").await.1["items"]
            .as_array()
            .is_some_and(|items| items.iter().all(|i| i["status"] != "decided")),
        "no decision anywhere"
    );

    // 国办函〔2020〕109号 applies to applications received from 2021.
    let old = api.register("2020-06-01").await;
    let (_, before) = api.get(&format!("/{old}")).await;
    let (status, answer) = api
        .step(
            &old,
            json!({"step": "fee_notice", "on": "2020-06-05", "method": "per_page", "pages": 300}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    refused(&answer, "application.fee_before_fee_rules");
    unchanged(&before, &api.get(&format!("/{old}")).await.1);

    // A body that is not a step names its fields.
    let (status, answer) = api
        .step(
            &plain,
            json!({"step": "consultation_started", "on": "2026-13-01", "party_kind": "neighbour"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = answer["fields"]
        .as_array()
        .map(|f| f.iter().filter_map(|x| x["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(fields, ["on", "party_kind", "party"], "{answer}");

    // Someone stepped after what the caller saw: 409, nothing written.
    let seen = before["seen_seq"].as_i64().expect("seen_seq");
    let (status, _) = api
        .step(
            &plain,
            json!({"step": "consultation_started", "on": today, "party_kind": "third_party",
                             "party": "孟州市某建设工程有限公司", "seen_seq": seen}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, answer) = api
        .step(
            &plain,
            json!({"step": "consultation_ended", "on": today, "seen_seq": seen}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["error"], "application.changed");

    // 条例第三十三条第二款: a clerk's token may not extend.
    let (status, answer) = api
        .step(
            &corrected,
            json!({"step": "extend", "on": today, "days": 10, "reason": "需要调取档案"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    assert_eq!(answer["error"], "access.role");
}

/// A token is shown once in the console, answers for its own agency only, stops at revocation, and every call
/// it made is in the audit trail with the token as actor.
#[tokio::test]
async fn tokens_are_shown_once_scoped_revocable_and_audited() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let admin = app.signed_in("ggzy-admin").await;
    let page = format!("/console/agencies/{centre}/tokens");
    let (status, issued) = admin
        .post_from(&page, &page, &[("name", "档案管理系统"), ("role", "clerk")])
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let secret = regex::Regex::new(r"gkt_[0-9a-f]{64}")
        .expect("re")
        .find(&issued)
        .expect("the token is shown")
        .as_str()
        .to_owned();
    let (_, listed) = admin.get(&page).await;
    assert!(
        listed.contains("档案管理系统") && !listed.contains(&secret),
        "listed, never shown again"
    );
    let stored = app
        .store
        .api_tokens_of(AgencyId(centre))
        .await
        .expect("tokens");
    assert_eq!(stored.len(), 1);
    assert!(
        !stored[0].token_hash.contains(&secret[4..]),
        "only a hash is kept"
    );
    let id = stored[0].id.0;

    let api = Integration::new(&app, &secret, centre);
    let tracking_no = api.register(&app.today.to_string()).await;
    let (status, shown) = api.get(&format!("/{tracking_no}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown["events"][0]["actor"], "token:档案管理系统");
    assert!(
        shown["steps"]
            .as_array()
            .is_some_and(|s| s.iter().any(|x| x == "decide"))
    );

    // Another agency's applications: 403 in the caller's language.
    let finance = Integration::new(&app, &secret, app.agency(FINANCE));
    let r = finance
        .http
        .get(finance.url(""))
        .bearer_auth(&secret)
        .header("Accept-Language", "en")
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let answer: Value = r.json().await.expect("JSON");
    assert_eq!(answer["error"], "access.scope");
    assert!(
        answer["message"].as_str().is_some_and(|m| m.is_ascii()),
        "English: {answer}"
    );

    // An unknown token: 401, never a login page.
    let (status, answer) = Integration::new(&app, "gkt_0000", centre).get("").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["error"], "auth.token");

    // Revoked after the confirmation page: 401 from then on.
    let confirm = format!("{page}/{id}/revoke");
    let (status, question) = admin.get(&confirm).await;
    assert!(status == StatusCode::OK && question.contains("档案管理系统"));
    let (status, _) = admin.post_from(&confirm, &confirm, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, answer) = api.get("").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["error"], "auth.token");

    // Register, read and the other agency's list: three calls, each audited as the token's (the revoked
    // token's call opened nothing and is not its use).
    let events = app
        .store
        .audit_events(&AuditFilter {
            agencies: Some(vec![AgencyId(centre)]),
            before_seq: None,
            limit: 100,
        })
        .await
        .expect("audit");
    let by_token: Vec<(&str, Option<i64>)> = events
        .iter()
        .filter(|e| e.actor_kind == "token")
        .map(|e| (e.action.as_str(), e.actor_id))
        .collect();
    let uses = by_token
        .iter()
        .filter(|(a, _)| *a == "api_token.use")
        .count();
    assert_eq!(uses, 3, "each call with the token: {by_token:?}");
    assert!(
        by_token.contains(&("application.receive", Some(id))),
        "the registration is the token's: {by_token:?}"
    );
    assert!(by_token.iter().all(|(_, actor)| *actor == Some(id)));
    assert!(events.iter().any(|e| e.action == "api_token.revoke"));
}

/// A signed-in official may use the API with the session cookie; writes need the session's CSRF token.
#[tokio::test]
async fn a_session_calls_the_api_with_its_csrf_token() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let session = clerk
        .http
        .get(app.url("/api/v1/session"))
        .send()
        .await
        .expect("GET");
    assert_eq!(
        session
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let session: Value = session.json().await.expect("JSON");
    let csrf = session["csrf_token"].as_str().expect("a token").to_owned();
    let url = app.url(&format!("/api/v1/agencies/{centre}/applications"));
    let body = json!({
        "applicant": { "kind": "np", "name": "王五", "id_type": "resident_id",
            "id_number": "11010519491231002X", "phone": "13700000000", "address": "孟州市河阳街道1号" },
        "description": "2025年度政府采购项目清单", "form": "paper", "delivery": "post",
        "channel": "post_signed", "sent_on": "2026-11-24", "confirmed_on": "2026-11-26"
    });
    let without = clerk
        .http
        .post(&url)
        .json(&body)
        .send()
        .await
        .expect("POST");
    assert_eq!(without.status(), StatusCode::FORBIDDEN, "no CSRF token");
    let with = clerk
        .http
        .post(&url)
        .header("X-CSRF-Token", &csrf)
        .json(&body)
        .send()
        .await
        .expect("POST");
    assert_eq!(with.status(), StatusCode::CREATED);
    let receipt: Value = with.json().await.expect("JSON");
    assert_eq!(
        receipt["received_on"], "2026-11-26",
        "signed for: received that day"
    );
    let anonymous = reqwest::get(&url).await.expect("GET");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

/// `GET /api/v1/agencies`, the list's pages and status filter, and the OpenAPI document's new paths.
#[tokio::test]
async fn agencies_pages_of_applications_and_the_openapi_document() {
    let open: Vec<ApplicationSpec> = (1..=22)
        .map(|n| ApplicationSpec::new(CENTRE, d(2026, 11, (n % 20) + 1), "在办的申请", vec![]))
        .collect();
    let closed: Vec<ApplicationSpec> = (1..=3)
        .map(|n| {
            ApplicationSpec::decided(
                CENTRE,
                d(2026, 9, n),
                "已答复的申请",
                d(2026, 9, 22),
                gongkai_domain::application::outcome::Outcome::Open,
            )
        })
        .collect();
    let app = TestApp::builder()
        .applications(open)
        .applications(closed)
        .start()
        .await;
    let centre = app.agency(CENTRE);

    let agencies: Value = reqwest::get(app.url("/api/v1/agencies"))
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    let list = agencies.as_array().expect("a list");
    assert_eq!(list.len(), 4);
    let entry = list.iter().find(|a| a["id"] == centre).expect("the centre");
    assert_eq!(entry["name"], CENTRE);
    assert_eq!(entry["kind"], "department");
    assert_eq!(entry["parent"], 1);
    assert!(entry["credit_code"].as_str().is_some_and(|c| c.len() == 18));

    let api = Integration::new(&app, &token(&app, centre, "reviewer").await, centre);
    let (status, first) = api.get("").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (
            first["total"].as_u64(),
            first["items"].as_array().map(Vec::len)
        ),
        (Some(25), Some(20))
    );
    let (_, second) = api.get("?page=2").await;
    assert_eq!(second["items"].as_array().map(Vec::len), Some(5));
    let (_, open) = api.get("?status=open").await;
    assert_eq!(open["total"], 22);
    assert!(open["items"][0]["due_on"].is_string());
    let (_, closed) = api.get("?status=closed").await;
    assert_eq!(closed["total"], 3);
    assert!(
        closed["items"]
            .as_array()
            .is_some_and(|i| i.iter().all(|x| x["status"] == "decided"))
    );
    let (status, answer) = api.get("?status=pending").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");

    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    for path in [
        "/api/v1/agencies",
        "/api/v1/agencies/{agency}/applications",
        "/api/v1/agencies/{agency}/applications/{tracking_no}",
        "/api/v1/agencies/{agency}/applications/{tracking_no}/steps",
        "/api/v1/agencies/{agency}/applications/{tracking_no}/letters/{file}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["paths"]["/api/v1/agencies/{agency}/applications"]["post"].is_object());
    assert!(doc["components"]["schemas"]["StepBody"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

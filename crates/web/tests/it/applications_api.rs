//! `POST /api/v1/applications` and `GET /api/v1/applications/status`: a citizen applies online, gets a tracking
//! number and a query code, and sees the state; bad input is explained field by field and changes nothing.

use crate::support;

use crate::support::{TestApp, fixture};
use chrono::Datelike;
use gongkai_domain::agency::AgencyId;
use gongkai_store::ApplicationStore;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn person() -> Value {
    json!({
        "agency": "孟州市公共资源交易中心",
        "applicant": {
            "kind": "np",
            "name": "张三",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
            "phone": "13800000000",
            "email": "zhangsan@example.cn",
            "address": "河南省孟州市某路1号"
        },
        "description": "请公开2020年度孟州市城乡供水一体化工程监理项目的中标结果及合同。",
        "form": "electronic",
        "delivery": "email"
    })
}

#[tokio::test]
async fn a_citizen_applies_and_sees_the_state_with_the_query_code_only() {
    let app = TestApp::start().await;
    let http = reqwest::Client::new();
    let r = http
        .post(app.url("/api/v1/applications"))
        .json(&person())
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::CREATED);
    let receipt: Value = r.json().await.expect("JSON");
    let tracking = receipt["tracking_no"]
        .as_str()
        .expect("tracking number")
        .to_owned();
    let code = receipt["query_code"]
        .as_str()
        .expect("query code")
        .to_owned();
    assert!(tracking.starts_with("GK-20"), "{receipt}");
    assert_eq!(code.len(), 10);
    assert!(
        receipt["due_on"]
            .as_str()
            .is_some_and(|d| d > receipt["received_on"].as_str().unwrap_or(""))
    );
    // Received on the server's (pinned) today, due 20 working days later (条例第三十三条).
    assert_eq!(receipt["received_on"], app.today.to_string());
    assert!(tracking.starts_with(&format!("GK-{}-", app.today.year())));
    let due = gongkai_domain::calendar::Calendar::builtin()
        .expect("calendar")
        .add_working_days(app.today, 20)
        .expect("a counted deadline")
        .due;
    assert_eq!(receipt["due_on"], due.to_string());

    let status = |code: String| {
        http.get(app.url(&format!(
            "/api/v1/applications/status?tracking_no={tracking}&query_code={code}"
        )))
        .send()
    };
    let r = status(code.clone()).await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let seen: Value = r.json().await.expect("JSON");
    assert_eq!(seen["status"], "received");
    assert_eq!(seen["agency"], "孟州市公共资源交易中心");
    assert_eq!(seen["due_on"], receipt["due_on"]);
    assert!(
        !seen.to_string().contains("张三") && !seen.to_string().contains("1101"),
        "no personal data: {seen}"
    );

    let forged = status("ABCDEFGHJK".into()).await.expect("GET");
    assert_eq!(
        forged.status(),
        StatusCode::NOT_FOUND,
        "a forged query code"
    );
    let err: Value = forged.json().await.expect("JSON");
    assert_eq!(err["error"], "application.not_found");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("查询码")),
        "{err}"
    );

    let doc: Value = http
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert!(doc["paths"]["/api/v1/applications"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/applications/status"]["get"].is_object());
    // Its words come from the locale files: no message key is left in the served document.
    assert_eq!(
        doc["paths"]["/api/v1/applications"]["post"]["responses"]["201"]["description"],
        "已收到 / received"
    );
    assert!(
        !doc.to_string().contains("\"api."),
        "a message key left untranslated: {doc}"
    );
}

#[tokio::test]
async fn bad_applications_are_explained_field_by_field_and_change_nothing() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .start()
        .await;
    let http = reqwest::Client::new();
    let centre = AgencyId(app.agency("孟州市公共资源交易中心"));
    // The fixture's applications are there from the start.
    let stored_before = app
        .store
        .applications_of(centre, false)
        .await
        .expect("list")
        .len();
    let post = |body: Value| {
        http.post(app.url("/api/v1/applications"))
            .json(&body)
            .send()
    };

    let mut no_identity = person();
    no_identity["applicant"]["id_number"] = json!("");
    let mut bad_id = person();
    bad_id["applicant"]["id_number"] = json!("110105194912310021");
    let mut no_agency = person();
    no_agency["agency"] = json!("不存在的机关");
    let mut bad_org = person();
    bad_org["applicant"] = json!({ "kind": "org_biz", "name": "某公司", "credit_code": "91350100M000100Y44",
                                   "contact_name": "王五", "phone": "0391-8100000" });
    for (what, body, field) in [
        ("missing identity", no_identity, "id_number"),
        ("a wrong check character", bad_id, "id_number"),
        ("an unknown agency", no_agency, "agency"),
        ("a bad credit code", bad_org, "credit_code"),
    ] {
        let r = post(body).await.expect("POST");
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        let err: Value = r.json().await.expect("JSON");
        assert_eq!(err["error"], "application.invalid", "{what}");
        let fields: Vec<&str> = err["fields"]
            .as_array()
            .map(|a| a.iter().filter_map(|f| f["field"].as_str()).collect())
            .unwrap_or_default();
        assert!(fields.iter().any(|f| f.contains(field)), "{what}: {err}");
        assert!(
            err["fields"][0]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{what}: a message to show"
        );
    }
    let r = http
        .post(app.url("/api/v1/applications"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        app.store
            .applications_of(centre, false)
            .await
            .expect("list")
            .len(),
        stored_before,
        "nothing was stored"
    );
}

/// The receipt page of the newest application of `centre` (where the form redirects after filing).
async fn last_receipt(app: &TestApp, centre: i64) -> String {
    let newest = app
        .store
        .applications_of(AgencyId(centre), false)
        .await
        .expect("list")
        .into_iter()
        .next()
        .expect("an application");
    format!("/agencies/{centre}/apply/receipt/{}", newest.tracking_no)
}

#[tokio::test]
async fn the_online_form_gives_a_receipt_and_the_status_page_needs_the_code() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let visitor = support::Client::new(&app);
    let (status, form) = visitor.get(&format!("/agencies/{centre}/apply")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("在线申请政府信息公开") && form.contains("name=\"id_number\""));
    let mut fields = vec![
        ("kind", "np"),
        ("name", "李四"),
        ("id_type", "resident_id"),
        ("id_number", ""),
        ("phone", "13900000000"),
        (
            "description",
            "孟州市公共资源交易中心2025年部门预算公开说明的附件表格",
        ),
        ("form", "electronic"),
        ("delivery", "email"),
        ("email", "lisi@example.cn"),
    ];
    let (status, page) = visitor
        .post(&format!("/agencies/{centre}/apply"), &fields)
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no proof of identity"
    );
    assert!(
        page.contains("aria-invalid=\"true\"") && page.contains("lisi@example.cn"),
        "named, and what was typed is kept"
    );
    fields[3] = ("id_number", "11010519491231002X");
    let (status, _) = visitor
        .post(&format!("/agencies/{centre}/apply"), &fields)
        .await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "filed, then sent to the receipt"
    );
    let (status, receipt) = visitor.get(&last_receipt(&app, centre).await).await;
    assert_eq!(status, StatusCode::OK);
    let tracking = regex::Regex::new(r"(GK-\d{4}-\d{6})")
        .expect("re")
        .captures(&receipt)
        .map(|c| c[1].to_owned());
    let code = regex::Regex::new(r"<code>([A-Z0-9]{10})</code>")
        .expect("re")
        .captures(&receipt)
        .map(|c| c[1].to_owned());
    let (tracking, code) = (
        tracking.expect("a tracking number"),
        code.expect("a query code"),
    );
    let (status, seen) = visitor
        .get(&format!("/status?tracking_no={tracking}&query_code={code}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        seen.contains("已收到") && seen.contains("孟州市公共资源交易中心"),
        "the state, in Chinese"
    );
    assert!(
        !seen.contains("李四"),
        "no personal data on the status page"
    );
    let (status, refused) = visitor
        .get(&format!(
            "/status?tracking_no={tracking}&query_code=ZZZZZZZZZZ"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(refused.contains("查询码不正确"));
}

#[tokio::test]
async fn caseworkers_see_the_queue_and_timeline_and_nobody_else_sees_personal_data() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let http = reqwest::Client::new();
    let receipt: Value = http
        .post(app.url("/api/v1/applications"))
        .json(&person())
        .send()
        .await
        .expect("POST")
        .json()
        .await
        .expect("JSON");
    let tracking = receipt["tracking_no"]
        .as_str()
        .expect("tracking")
        .to_owned();
    let clerk = app.signed_in("ggzy-clerk").await;
    let (status, queue) = clerk
        .get(&format!("/console/agencies/{centre}/applications"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        queue.contains(&tracking) && queue.contains("办理中"),
        "the new application is in the queue"
    );
    // The new application's row among the fixture's open ones.
    let id = regex::Regex::new(&format!(r"/applications/(\d+)\x22>{tracking}<"))
        .expect("re")
        .captures(&queue)
        .map(|c| c[1].to_owned());
    let path = format!(
        "/console/agencies/{centre}/applications/{}",
        id.expect("a link")
    );
    let (status, page) = clerk.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("张三")
            && page.contains("收到申请")
            && page.contains(receipt["due_on"].as_str().unwrap_or("?"))
    );
    let admin_of_centre = app.signed_in("ggzy-admin").await;
    assert_eq!(
        admin_of_centre.get(&path).await.0,
        StatusCode::FORBIDDEN,
        "an administrator handles no case"
    );
    // A supervisor above the agency reads the case, but not the applicant's personal data.
    let supervisor = app.signed_in("mz-supervisor").await;
    let (status, read) = supervisor.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        read.contains("收到申请") && !read.contains("张三"),
        "the supervisor sees no applicant's personal data"
    );
    let finance = app.agency("孟州市财政局");
    let admin = app.signed_in("admin").await;
    assert_eq!(
        admin
            .get(&format!("/console/agencies/{finance}/applications"))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
}

//! The citizen's way after the receipt: the tracking number as people type it, 申请查询 in the top navigation,
//! a receipt page that can be reloaded without filing again, and a resubmission within a day recognised on the
//! portal and in the public API.

use gongkai_domain::agency::AgencyId;
use gongkai_store::ApplicationStore;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Client, TestApp};

const DESCRIPTION: &str = "孟州市公共资源交易中心2025年部门预算公开说明的附件表格";

fn form_fields(description: &str) -> Vec<(&str, &str)> {
    vec![
        ("kind", "np"),
        ("name", "李四"),
        ("id_type", "resident_id"),
        ("id_number", "11010519491231002X"),
        ("phone", "13900000000"),
        ("description", description),
        ("form", "electronic"),
        ("delivery", "email"),
        ("email", "lisi@example.cn"),
    ]
}

fn api_body(description: &str) -> Value {
    json!({
        "agency": "孟州市公共资源交易中心",
        "applicant": {
            "kind": "np", "name": "张三", "id_type": "resident_id", "id_number": "11010519491231002X",
            "phone": "13800000000", "email": "zhangsan@example.cn"
        },
        "description": description,
        "form": "electronic",
        "delivery": "email"
    })
}

async fn count(app: &TestApp, centre: i64) -> usize {
    app.store
        .applications_of(AgencyId(centre), false)
        .await
        .expect("list")
        .len()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Posts the online form as `visitor`; the status and the `Location` it answered with.
async fn apply(
    app: &TestApp,
    visitor: &Client,
    centre: i64,
    description: &str,
) -> (StatusCode, String, String) {
    let r = visitor
        .http
        .post(app.url(&format!("/agencies/{centre}/apply")))
        .form(&form_fields(description))
        .send()
        .await
        .expect("POST");
    let (status, to) = (r.status(), location(&r));
    (status, to, r.text().await.unwrap_or_default())
}

fn query_code_on(page: &str) -> Option<String> {
    regex::Regex::new(r"<code>([A-Z0-9]{10})</code>")
        .expect("re")
        .captures(page)
        .map(|c| c[1].to_owned())
}

async fn file_by_api(app: &TestApp, description: &str) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/applications"))
        .json(&api_body(description))
        .send()
        .await
        .expect("POST");
    let status = r.status();
    (status, r.json().await.expect("JSON"))
}

#[tokio::test]
async fn a_tracking_number_is_found_in_any_case_and_with_or_without_its_hyphens() {
    let app = TestApp::start().await;
    let (status, receipt) = file_by_api(&app, DESCRIPTION).await;
    assert_eq!(status, StatusCode::CREATED);
    let tracking = receipt["tracking_no"].as_str().expect("number").to_owned();
    let code = receipt["query_code"].as_str().expect("code").to_owned();
    let bare = tracking.replace('-', "");
    let visitor = Client::new(&app);
    for typed in [
        tracking.to_lowercase(),
        bare.clone(),
        bare.to_lowercase(),
        format!("  {tracking}  "),
    ] {
        let (status, page) = visitor
            .get(&format!(
                "/status?tracking_no={}&query_code={}",
                urlencode(&typed),
                code.to_lowercase()
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{typed:?}");
        assert!(
            page.contains(&tracking) && page.contains("已收到"),
            "{typed:?}"
        );
        let api = reqwest::get(app.url(&format!(
            "/api/v1/applications/status?tracking_no={}&query_code={code}",
            urlencode(&typed)
        )))
        .await
        .expect("GET");
        assert_eq!(api.status(), StatusCode::OK, "API, {typed:?}");
    }
    // A wrong code still answers like an unknown number, however the number is typed.
    let (status, wrong) = visitor
        .get(&format!("/status?tracking_no={bare}&query_code=ZZZZZZZZZZ"))
        .await;
    let (unknown_status, unknown) = visitor
        .get("/status?tracking_no=GK2026999999&query_code=ZZZZZZZZZZ")
        .await;
    assert_eq!(
        (status, unknown_status),
        (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND)
    );
    assert!(wrong.contains("查询码不正确") && unknown.contains("查询码不正确"));
}

fn urlencode(s: &str) -> String {
    s.replace(' ', "%20")
}

#[tokio::test]
async fn the_top_navigation_leads_to_the_status_lookup_in_both_languages() {
    let app = TestApp::start().await;
    let visitor = Client::new(&app);
    let (_, home) = visitor.get("/").await;
    assert!(
        home.contains(r#"<a href="/status">申请查询</a>"#),
        "in Chinese"
    );
    let (_, form) = visitor.get("/deadline").await;
    assert!(
        form.contains(r#"<a href="/status">申请查询</a>"#),
        "on every page"
    );
    visitor.get("/lang?to=en").await;
    let (_, home) = visitor.get("/").await;
    assert!(
        home.contains(r#"<a href="/status">Track an application</a>"#),
        "in English"
    );
    let (status, lookup) = visitor.get("/status").await;
    assert_eq!(status, StatusCode::OK);
    assert!(lookup.contains(r#"name="tracking_no""#));
}

#[tokio::test]
async fn the_form_redirects_to_a_receipt_that_reloads_without_filing_again() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let before = count(&app, centre).await;
    let filer = Client::new(&app);
    let (status, receipt_path, _) = apply(&app, &filer, centre, DESCRIPTION).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        receipt_path.starts_with(&format!("/agencies/{centre}/apply/receipt/GK-")),
        "{receipt_path}"
    );
    let (status, first) = filer.get(&receipt_path).await;
    assert_eq!(status, StatusCode::OK);
    let code = query_code_on(&first).expect("the query code, for the filer");
    // Reloading the receipt shows the same receipt and files nothing.
    let (status, again) = filer.get(&receipt_path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(query_code_on(&again).as_deref(), Some(code.as_str()));
    assert_eq!(count(&app, centre).await, before + 1);
    // Someone else with the address sees nothing of it.
    let (status, other) = Client::new(&app).get(&receipt_path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!other.contains(&code));
    // The code opens the status page.
    let tracking = receipt_path.rsplit('/').next().unwrap_or_default();
    let (status, _) = filer
        .get(&format!("/status?tracking_no={tracking}&query_code={code}"))
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn sending_the_same_application_within_a_day_reshows_the_first_receipt() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let filer = Client::new(&app);
    let (_, receipt_path, _) = apply(&app, &filer, centre, DESCRIPTION).await;
    let tracking = receipt_path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let (_, first) = filer.get(&receipt_path).await;
    let code = query_code_on(&first).expect("code");
    let after_first = count(&app, centre).await;

    // The same browser presses 提交 again: back to the first receipt, saying so.
    let (status, to, _) = apply(&app, &filer, centre, DESCRIPTION).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(to.starts_with(&receipt_path), "{to}");
    let (status, page) = filer.get(&to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("本次未重复受理") && page.contains(&tracking));
    assert_eq!(query_code_on(&page).as_deref(), Some(code.as_str()));

    // From another browser (the same person, the same text with other line breaks): the first receipt's
    // number, without its code.
    let elsewhere = Client::new(&app);
    let reflowed = DESCRIPTION.replace("2025年", "2025年\n");
    let (status, _, page) = apply(&app, &elsewhere, centre, &reflowed).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("本次未重复受理") && page.contains(&tracking),
        "{page}"
    );
    assert!(query_code_on(&page).is_none(), "the code was shown once");
    assert!(page.contains("查询码已在首次提交时显示"));
    assert_eq!(
        count(&app, centre).await,
        after_first,
        "nothing filed again"
    );

    // Another request is a new application.
    let (status, to, _) = apply(
        &app,
        &filer,
        centre,
        "孟州市公共资源交易中心2024年度工作总结",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(!to.contains(&tracking));
    assert_eq!(count(&app, centre).await, after_first + 1);
}

#[tokio::test]
async fn the_api_answers_a_resubmission_with_the_first_receipt_and_200() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let (status, first) = file_by_api(&app, DESCRIPTION).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(first["duplicate"], false);
    let (status, again) = file_by_api(&app, DESCRIPTION).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["duplicate"], true);
    assert_eq!(again["tracking_no"], first["tracking_no"]);
    assert_eq!(again["received_on"], first["received_on"]);
    assert!(again.get("query_code").is_none(), "{again}");
    assert_eq!(count(&app, centre).await, 1);
    let (status, other) = file_by_api(&app, "另一项请求：2024年度政府采购合同").await;
    assert_eq!(status, StatusCode::CREATED);
    assert_ne!(other["tracking_no"], first["tracking_no"]);
}

#[tokio::test]
async fn the_delivery_choice_says_which_field_it_needs() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let visitor = Client::new(&app);
    let (_, form) = visitor.get(&format!("/agencies/{centre}/apply")).await;
    assert!(
        form.contains(r#"aria-describedby="delivery-hint""#)
            && form.contains("选择“邮寄”须填写通信地址，选择“电子邮件”须填写电子邮箱。"),
        "the hint next to the choice"
    );
    let without = |delivery: &'static str| {
        let mut fields: Vec<(&str, &str)> = form_fields(DESCRIPTION)
            .into_iter()
            .filter(|(k, _)| *k != "email" && *k != "delivery")
            .collect();
        fields.push(("delivery", delivery));
        fields
    };
    let (status, page) = visitor
        .post(&format!("/agencies/{centre}/apply"), &without("post"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("选择“邮寄”获取信息，须填写通信地址。"),
        "{page}"
    );
    assert!(
        page.contains(r#"id="address" name="address" type="text" value="" aria-invalid="true""#)
    );
    let (status, page) = visitor
        .post(&format!("/agencies/{centre}/apply"), &without("email"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("选择“电子邮件”获取信息，须填写电子邮箱。"));
    assert!(page.contains(r#"aria-invalid="true" aria-describedby="email-error""#));
    // The API names the field and says why, in English when asked.
    let mut body = api_body(DESCRIPTION);
    body["delivery"] = json!("post");
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/applications"))
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = r.json().await.expect("JSON");
    let field = &refused["fields"][0];
    assert_eq!(field["field"], "address");
    assert_eq!(field["problem"], "address_for_post");
    assert_eq!(field["message"], "Delivery by post needs a postal address.");
    assert_eq!(count(&app, centre).await, 0, "nothing filed");
}

#[tokio::test]
async fn the_home_page_searches_and_leads_to_each_agencys_applications_reports_and_guide() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let visitor = Client::new(&app);
    let (status, home) = visitor.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        home.contains(r#"<form class="search-form" role="search" action="/search" method="get">"#)
            && home.contains(r#"<label for="home-q">"#)
            && home.contains(r#"id="home-q" name="q""#),
        "a labelled search box"
    );
    for (path, words) in [
        ("apply", "依申请公开"),
        ("reports", "年报"),
        ("guide", "指南"),
    ] {
        let href = format!(r#"<a href="/agencies/{centre}/{path}">{words}</a>"#);
        assert!(home.contains(&href), "{href}");
        let (status, _) = visitor.get(&format!("/agencies/{centre}/{path}")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    let (status, results) = visitor.get("/search?q=%E9%A2%84%E7%AE%97").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        results.contains(r#"value="预算""#),
        "the search page keeps the words"
    );
}

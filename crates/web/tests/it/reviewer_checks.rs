//! The reviewer's and publisher's day (issue 13): attachments opened in the console before publication, the
//! items waiting for 保密审查 counted on the home page, a confirmation and a message for every publication,
//! refusals of an unfinished annual report and of dates in the future, the decision preview's 返回修改 keeping
//! every field, and the audit trail told in words.

use gongkai_domain::agency::AgencyId;
use gongkai_store::ApplicationStore as _;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::application_steps::{file, step};
use crate::support::fixture::{CENTRE, d};
use crate::support::{Client, ItemSpec, TestApp, csrf_of};

const WAITING: [&str; 2] = [
    "孟州市公共资源交易中心关于调整开标时间的通知",
    "孟州市公共资源交易中心场地使用规则",
];
const PUBLISHED: &str = "孟州市公共资源交易中心2025年工作总结";

fn waiting_items() -> Vec<ItemSpec> {
    let mut items: Vec<ItemSpec> = WAITING
        .iter()
        .map(|title| ItemSpec {
            title,
            formed_on: d(2026, 11, 20),
            published_on: None,
            ..ItemSpec::default()
        })
        .collect();
    items.push(ItemSpec {
        title: PUBLISHED,
        ..ItemSpec::default()
    });
    items
}

/// The console id of the item titled `title`, from the agency's catalogue list.
async fn item_id(who: &Client, agency: i64, title: &str) -> String {
    let (_, list) = who
        .get(&format!("/console/agencies/{agency}/catalog"))
        .await;
    regex::Regex::new(&format!(r#"/catalog/(\d+)">{title}"#))
        .expect("re")
        .captures(&list)
        .map(|c| c[1].to_owned())
        .unwrap_or_else(|| panic!("{title} is listed"))
}

/// A draft made by the clerk through the form, with a PDF attached, sent for review; its console path.
async fn drafted_with_attachment(app: &TestApp, clerk: &Client, title: &str) -> String {
    let centre = app.agency(CENTRE);
    let new = format!("/console/agencies/{centre}/catalog/new");
    let fields = [
        ("title", title),
        ("category", "a21_02"),
        ("issuer", CENTRE),
        ("formed_on", "2026-11-02"),
        ("kind", "other"),
        ("validity", "valid"),
    ];
    assert_eq!(
        clerk.post_from(&new, &new, &fields).await.0,
        StatusCode::SEE_OTHER
    );
    let item = format!(
        "/console/agencies/{centre}/catalog/{}",
        item_id(clerk, centre, title).await
    );
    let (_, page) = clerk.get(&item).await;
    let csrf = csrf_of(&page).expect("token");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.7\n%review\n".to_vec())
                .file_name("附件一.pdf"),
        );
    let r = clerk
        .http
        .post(app.url(&format!("{item}/attachments")))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the PDF is attached");
    let (status, _) = clerk.post_from(&item, &format!("{item}/submit"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "sent for review");
    item
}

#[tokio::test]
async fn a_reviewer_opens_each_attachment_in_the_console_before_publication() {
    let app = TestApp::builder().items(waiting_items()).start().await;
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let item = drafted_with_attachment(&app, &clerk, "孟州市公共资源交易中心投标须知").await;
    let reviewer = app.signed_in("ggzy-reviewer").await;
    let (_, page) = reviewer.get(&item).await;
    let link = regex::Regex::new(&format!(r#"href="({item}/attachments/(\d+))""#))
        .expect("re")
        .captures(&page)
        .map(|c| (c[1].to_owned(), c[2].to_owned()));
    let (link, attachment) = link.expect("the attachment is a link on the item page");
    assert!(page.contains("附件一.pdf"));

    let r = reviewer.http.get(app.url(&link)).send().await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(header("content-type").as_deref(), Some("application/pdf"));
    assert_eq!(
        header("cache-control").as_deref(),
        Some("private, no-store")
    );
    assert_eq!(
        r.bytes().await.expect("bytes").as_ref(),
        b"%PDF-1.7\n%review\n"
    );

    // Not public yet: the portal's address refuses it, and a visitor is not let into the console.
    let visitor = Client::new(&app);
    let (status, _) = visitor
        .get(&format!(
            "/attachments/{attachment}/%E9%99%84%E4%BB%B6%E4%B8%80.pdf"
        ))
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "unpublished: not on the portal"
    );
    let (status, _) = visitor.get(&link).await;
    assert_ne!(status, StatusCode::OK, "not without signing in");
    // The file belongs to its item: under another item of the agency it is not found.
    let other = item_id(&reviewer, centre, WAITING[0]).await;
    let (status, _) = reviewer
        .get(&format!(
            "/console/agencies/{centre}/catalog/{other}/attachments/{attachment}"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_home_page_counts_the_items_waiting_for_review_with_a_link_to_them() {
    let app = TestApp::builder().items(waiting_items()).start().await;
    let centre = app.agency(CENTRE);
    let reviewer = app.signed_in("ggzy-reviewer").await;
    let (_, home) = reviewer.get("/console").await;
    let link = format!("/console/agencies/{centre}/catalog?state=in_review");
    assert!(home.contains("待保密审查"), "{home}");
    let row = regex::Regex::new(&format!(
        r#"<a href="{}">{CENTRE}</a> <strong>(\d+)</strong> 条待审查"#,
        regex::escape(&link)
    ))
    .expect("re")
    .captures(&home)
    .map(|c| c[1].to_owned());
    assert_eq!(row.as_deref(), Some("2"), "two items wait: {home}");

    let (status, list) = reviewer.get(&link).await;
    assert_eq!(status, StatusCode::OK);
    for title in WAITING {
        assert!(list.contains(title), "{title} is in the filtered list");
    }
    assert!(!list.contains(PUBLISHED), "a published item is not waiting");

    // A clerk does not review: no count on the clerk's home page.
    let clerk = app.signed_in("ggzy-clerk").await;
    let (_, home) = clerk.get("/console").await;
    assert!(!home.contains("待保密审查"));
    // In English for a reviewer who reads the console in English.
    let (_, home) = reviewer.get("/console?lang=en").await;
    assert!(home.contains("Waiting for confidentiality review") && home.contains("items waiting"));
}

#[tokio::test]
async fn publishing_an_item_is_confirmed_first_and_then_said_once() {
    let app = TestApp::start().await;
    let clerk = app.signed_in("ggzy-clerk").await;
    let title = "孟州市公共资源交易中心关于启用电子保函的通知";
    let item = drafted_with_attachment(&app, &clerk, title).await;
    let reviewer = app.signed_in("ggzy-reviewer").await;
    let (_, page) = reviewer.get(&item).await;
    assert!(
        page.contains(&format!(r#"href="{item}/approve""#)),
        "a link to the confirmation"
    );

    let (status, confirm) = reviewer.get(&format!("{item}/approve")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(confirm.contains("确认发布") && confirm.contains(title));
    assert!(
        confirm.contains("向社会公开") && confirm.contains("不能悄悄撤回"),
        "it says what becomes public and that it stays so"
    );
    assert!(confirm.contains("附件一.pdf"), "the attachments are named");

    // A POST without the confirmation publishes nothing and is sent to the confirmation page.
    let r = reviewer
        .post_from(&item, &format!("{item}/approve"), &[])
        .await;
    assert_eq!(r.0, StatusCode::SEE_OTHER);
    let (_, page) = reviewer.get(&item).await;
    assert!(page.contains("state-in_review"), "still waiting");

    let (_, confirm) = reviewer.get(&format!("{item}/approve")).await;
    let token = csrf_of(&confirm).expect("token");
    let r = reviewer
        .http
        .post(app.url(&format!("{item}/approve")))
        .form(&[("csrf", token.as_str()), ("confirmed", "1")])
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(item.as_str())
    );
    let (_, page) = reviewer.get(&item).await;
    assert!(page.contains("state-published"));
    assert!(
        page.contains("已通过保密审查并发布"),
        "the message after publication"
    );
    let (_, again) = reviewer.get(&item).await;
    assert!(!again.contains("item-flash"), "shown once");
}

/// The figures the report rules accept, and the own words of sections 一 and 五 when `own` is true.
async fn save_report(clerk: &Client, page: &str, own: bool) {
    let mut fields = vec![
        ("t2.a20_6.admin_penalty.decisions", "15"),
        ("t2.a20_5.admin_license.decisions", "152"),
        ("s6", "本机关无其他需要报告的事项。"),
    ];
    if own {
        fields.push((
            "s1",
            "本年度本中心在政府信息公开专栏主动公开交易公告和结果公示。",
        ));
        fields.push((
            "s5",
            "存在的问题：专栏更新不够及时。改进措施：每周检查一次。",
        ));
    }
    let (status, _) = clerk
        .post_from(page, &format!("{page}/inputs"), &fields)
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_annual_report_is_refused_with_placeholders_and_published_after_confirmation() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let page = format!("/console/agencies/{centre}/reports/2023");
    let clerk = app.signed_in("ggzy-clerk").await;
    let reviewer = app.signed_in("ggzy-reviewer").await;
    save_report(&clerk, &page, false).await;
    let published = || async {
        app.store
            .publications_of(AgencyId(centre))
            .await
            .expect("list")
            .len()
    };

    let (_, html) = reviewer.get(&page).await;
    assert!(
        html.contains("name=\"confirm_publication\""),
        "the form asks to confirm"
    );
    assert!(html.contains("不能悄悄撤回"));
    let (status, html) = reviewer
        .post_from(
            &page,
            &format!("{page}/publish"),
            &[("confirm_warnings", "on")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("请先勾选确认"), "unconfirmed");

    let both = [("confirm_warnings", "on"), ("confirm_publication", "on")];
    let (status, html) = reviewer
        .post_from(&page, &format!("{page}/publish"), &both)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("（待填写）") && html.contains("不能发布"),
        "placeholders"
    );
    assert_eq!(published().await, 0);
    // The staff API refuses it as well, with its code.
    let (_, session) = reviewer.get("/api/v1/session").await;
    let session: Value = serde_json::from_str(&session).expect("JSON");
    let r = reviewer
        .http
        .post(app.url(&format!("/api/v1/agencies/{centre}/reports/2023/publish")))
        .header("Origin", app.url(""))
        .header("X-CSRF-Token", session["csrf_token"].as_str().unwrap_or(""))
        .json(&json!({ "confirm_warnings": true }))
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let answer: Value = r.json().await.expect("JSON");
    assert_eq!(answer["error"], "report.placeholder");
    assert_eq!(published().await, 0);

    save_report(&clerk, &page, true).await;
    let (status, _) = reviewer
        .post_from(&page, &format!("{page}/publish"), &both)
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(published().await, 1);
    let (_, html) = reviewer.get(&page).await;
    assert!(
        html.contains("年度报告已发布"),
        "the message after publication"
    );
    let (_, again) = reviewer.get(&page).await;
    assert!(!again.contains("report-flash"), "shown once");
}

#[tokio::test]
async fn a_date_of_the_document_after_today_is_refused() {
    let app = TestApp::builder()
        .item(ItemSpec {
            title: "孟州市公共资源交易中心关于元旦放假的通知",
            // Today is 2026-11-30; typed wrong, and left waiting in review.
            formed_on: d(2026, 12, 30),
            published_on: None,
            ..ItemSpec::default()
        })
        .start()
        .await;
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let new = format!("/console/agencies/{centre}/catalog/new");
    let fields = [
        ("title", "孟州市公共资源交易中心场地预约须知"),
        ("category", "a21_02"),
        ("issuer", CENTRE),
        ("formed_on", "2026-12-01"),
        ("kind", "other"),
        ("validity", "valid"),
    ];
    let (status, html) = clerk.post_from(&new, &new, &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let field = html
        .split("name=\"formed_on\"")
        .nth(1)
        .and_then(|after| after.split("</div>").next())
        .unwrap_or("");
    assert!(
        field.contains("日期不能晚于今天"),
        "next to the field: {html}"
    );
    let (status, html) = clerk
        .post_from(&new, &format!("{new}?lang=en"), &fields)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("The date cannot be later than today."));
    let (status, _) = clerk
        .post_from(
            &new,
            &new,
            &[
                fields[0],
                fields[1],
                fields[2],
                ("formed_on", "2026-11-30"),
                fields[4],
                fields[5],
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "today is accepted");

    // An item already waiting with such a date is not published.
    let reviewer = app.signed_in("ggzy-reviewer").await;
    let id = item_id(
        &reviewer,
        centre,
        "孟州市公共资源交易中心关于元旦放假的通知",
    )
    .await;
    let item = format!("/console/agencies/{centre}/catalog/{id}");
    let (status, html) = reviewer
        .post_from(&item, &format!("{item}/approve"), &[("confirmed", "1")])
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("成文日期晚于今天"), "{html}");
    let (_, page) = reviewer.get(&item).await;
    assert!(page.contains("state-in_review"));
}

#[tokio::test]
async fn back_from_the_decision_preview_keeps_every_field_as_typed() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let case = file(&app, centre).await;
    let today = app.today.to_string();
    let reason = "经查，该项目由孟州市财政局负责管理。";
    let extra = "如有疑问，请于工作日致电咨询。";
    let (status, preview) = step(
        &clerk,
        &case,
        &[
            ("action", "decide"),
            ("on", &today),
            ("outcome", "not_held"),
            ("not_held_ground", "not_ours"),
            ("competent_agency", "孟州市财政局"),
            ("competent_contact", "0391-8100012"),
            ("reason", reason),
            ("extra", extra),
            ("service", "pickup"),
            ("confirmed", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    let back_form = preview
        .split("preview-back-form")
        .nth(1)
        .expect("a form for 返回修改");
    assert!(back_form.contains("返回修改"));
    let fields: Vec<(String, String)> =
        regex::Regex::new(r#"<input type="hidden" name="([a-z_]+)" value="([^"]*)">"#)
            .expect("re")
            .captures_iter(back_form)
            .map(|c| (c[1].to_owned(), c[2].replace("&#x2f;", "/")))
            .collect();
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, page) = clerk.post(&format!("{}/steps", case.path), &form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"<details class="step" id="step-decide" open>"#));
    assert!(
        page.contains(r#"<option value="not_held" selected>"#),
        "the outcome"
    );
    assert!(page.contains(r#"value="not_ours" checked>"#), "the ground");
    assert!(page.contains(r#"name="competent_agency" value="孟州市财政局""#));
    assert!(page.contains(r#"value="0391-8100012""#));
    assert!(page.contains(&format!(">{reason}</textarea>")));
    assert!(page.contains(&format!(">{extra}</textarea>")));
    assert!(
        page.contains(r#"<option value="pickup" selected>"#),
        "the service"
    );
    let letters = app
        .store
        .application_letters(gongkai_store::ApplicationId(case.id))
        .await
        .expect("letters");
    assert!(letters.is_empty(), "nothing was decided");
}

#[tokio::test]
async fn the_audit_trail_reads_as_sentences_with_links() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let title = "孟州市公共资源交易中心评标专家抽取规则";
    let item = drafted_with_attachment(&app, &clerk, title).await;
    let admin = app.signed_in("ggzy-admin").await;
    let audit = format!("/console/agencies/{centre}/audit");
    let (status, page) = admin.get(&audit).await;
    assert_eq!(status, StatusCode::OK);
    let page = page.replace("&#x2f;", "/");
    let sentence = regex::Regex::new(&format!(
        r#"交易中心经办人（ggzy-clerk）</a>：提交保密审查：目录条目 <a href="{}">《{title}》</a>"#,
        regex::escape(&item)
    ))
    .expect("re");
    assert!(sentence.is_match(&page), "{page}");
    assert!(page.contains("上传附件") && page.contains("登录"));
    assert!(
        !page.contains("{&quot;") && !page.contains("{\""),
        "no raw JSON"
    );
    assert!(
        !page.contains("catalog.submit")
            && !page.contains(&format!("item:{}", item.rsplit('/').next().unwrap_or("")))
    );

    // The chain's own columns stay one click away.
    let (status, chain) = admin.get(&format!("{audit}?chain=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(chain.contains("catalog.submit") && chain.contains("哈希"));
    // In English for a reader who reads the console in English.
    let (_, en) = admin.get(&format!("{audit}?lang=en")).await;
    assert!(en.contains("Sent for confidentiality review") && en.contains("catalogue item"));
}

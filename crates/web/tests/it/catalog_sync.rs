//! Publishing rules that protect the public page, and the search index keeping up with big imports.

use crate::support;

use crate::support::{Client, ItemSpec, TestApp, fixture};
use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::catalog::{Category, DocKind, ItemDraft, Validity};
use gongkai_store::{CatalogStore, ImportRow};
use reqwest::StatusCode;

#[tokio::test]
async fn whoever_submits_an_item_cannot_approve_it() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let reviewer = app.signed_in("ggzy-reviewer").await;
    let new = format!("/console/agencies/{centre}/catalog/new");
    let fields = [
        ("title", "孟州市公共资源交易中心节假日值班安排"),
        ("category", "a21_02"),
        ("issuer", "孟州市公共资源交易中心"),
        ("formed_on", "2026-01-05"),
        ("kind", "other"),
        ("validity", "valid"),
    ];
    assert_eq!(
        reviewer.post_from(&new, &new, &fields).await.0,
        StatusCode::SEE_OTHER,
        "a reviewer may draft"
    );
    let (_, list) = reviewer
        .get(&format!("/console/agencies/{centre}/catalog"))
        .await;
    let id = regex::Regex::new(r#"/catalog/(\d+)">孟州市公共资源交易中心节假日值班安排"#)
        .expect("re")
        .captures(&list)
        .map(|c| c[1].to_owned())
        .expect("listed");
    let item = format!("/console/agencies/{centre}/catalog/{id}");
    assert_eq!(
        reviewer
            .post_from(&item, &format!("{item}/submit"), &[])
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let (status, page) = reviewer
        .post_from(&item, &format!("{item}/approve"), &[("confirmed", "1")])
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the submitter cannot approve"
    );
    assert!(page.contains("不能同时审核通过"), "the page says why");

    // Sent to review by a clerk, a version the reviewer wrote is still not theirs to approve.
    let clerk = app.signed_in("ggzy-clerk").await;
    assert_eq!(
        reviewer
            .post_from(&item, &format!("{item}/reject"), &[("reason", "再改")])
            .await
            .0,
        StatusCode::SEE_OTHER,
        "back to draft"
    );
    assert_eq!(
        clerk
            .post_from(&item, &format!("{item}/submit"), &[])
            .await
            .0,
        StatusCode::SEE_OTHER,
        "the clerk sends it to review"
    );
    let (status, _) = reviewer
        .post_from(&item, &format!("{item}/approve"), &[("confirmed", "1")])
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the author cannot approve what a clerk submitted"
    );

    // Once published, nothing can be added without a new review.
    let clerk = app.signed_in("ggzy-clerk").await;
    let (status, _) = clerk
        .post_from(&item, &format!("{item}/reject"), &[("reason", "x")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a clerk does not review");
    let other = app.signed_in("ggzy-admin").await;
    assert_eq!(
        other
            .post_from(&item, &format!("{item}/approve"), &[("confirmed", "1")])
            .await
            .0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_attachment_cannot_be_slipped_onto_a_published_item() {
    let app = TestApp::builder()
        .item(ItemSpec {
            title: "孟州市公共资源交易中心开评标场地使用须知",
            formed_on: fixture::d(2025, 3, 3),
            published_on: Some(fixture::d(2025, 3, 5)),
            ..ItemSpec::default()
        })
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let (_, list) = clerk
        .get(&format!("/console/agencies/{centre}/catalog"))
        .await;
    let id = regex::Regex::new(
        r#"/catalog/(\d+)">[^<]+</a>(?:<br><span class="muted">[^<]*</span>)?</th>\s*<td[^>]*>MB"#,
    )
    .expect("re")
    .captures(&list)
    .map(|c| c[1].to_owned())
    .expect("a published fixture item");
    let item = format!("/console/agencies/{centre}/catalog/{id}");
    let (_, page) = clerk.get(&item).await;
    let csrf = support::csrf_of(&page).expect("token");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.7 x".to_vec()).file_name("x.pdf"),
        );
    let r = clerk
        .http
        .post(app.url(&format!("{item}/attachments")))
        .multipart(form)
        .send()
        .await;
    assert_eq!(r.expect("POST").status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_big_import_reaches_the_search_index_whole() {
    let app = TestApp::start().await;
    let finance = AgencyId(app.agency("孟州市财政局"));
    let day = NaiveDate::from_ymd_opt(2021, 3, 1).expect("date");
    // More rows than one round of catching up reads, all written in one transaction.
    let rows: Vec<ImportRow> = (1..=2_600)
        .map(|n| ImportRow {
            line: n + 1,
            import_key: format!("bulk-{n}"),
            index_no: None,
            published_on: day,
            draft: ItemDraft {
                title: format!("孟州市财政局历史档案第{n}号公开说明"),
                doc_no: None,
                category: Category::from_code("a20_07").expect("category"),
                subject: None,
                issuer: "孟州市财政局".into(),
                formed_on: day,
                summary: String::new(),
                kind: DocKind::Other,
                validity: Validity::Valid,
                body: format!("档案编号 ZB{n:05}"),
            },
        })
        .collect();
    let by = ActorRef::System {
        reason: "test".into(),
    };
    let outcome = app
        .store
        .import_items(finance, &rows, &by)
        .await
        .expect("import");
    assert_eq!(outcome.inserted, 2_600);
    let visitor = Client::new(&app);
    let mut found = false;
    for _ in 0..40 {
        let (_, page) = visitor.get("/search?q=ZB02600").await;
        if page.contains("历史档案第2600号") {
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(
        found,
        "the last row of a 2,600-row import is searchable within the periodic sync"
    );
}

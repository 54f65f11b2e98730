//! Files on an application in the console: the documents a decision discloses, attached before its letter is
//! previewed and served to the applicant with the query code (refused without it), and the scan of a correction
//! received on paper, recorded with what it clarified.

use gongkai_domain::agency::AgencyId;
use gongkai_store::ApplicationStore;
use reqwest::StatusCode;

use crate::application_steps::{Case, file};
use crate::citizen_status::{CORRECTING, pdf, started, status_page};
use crate::support::fixture::{CENTRE, TODAY};
use crate::support::{Client, TestApp, csrf_of};

/// The clerk decides `case` with `outcome`, attaching `document` on the form and confirming on the preview.
async fn decide_with(app: &TestApp, clerk: &Client, case: &Case, outcome: &str) -> String {
    let (_, page) = clerk.get(&case.path).await;
    let seen = regex::Regex::new(r#"name="seen_seq" value="(\d+)""#)
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .unwrap_or_default();
    let token = csrf_of(&page).unwrap_or_default();
    let mut form = reqwest::multipart::Form::new().text("csrf", token.clone());
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
        .post(app.url(&format!("{}/steps", case.path)))
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
    // The confirming form only (the preview's second form goes back to edit the same fields).
    let confirming = preview
        .split("id=\"preview-back-form\"")
        .next()
        .unwrap_or_default();
    let fields = hidden_fields(confirming);
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
    let mut form = reqwest::multipart::Form::new().text("csrf", token.clone());
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
        .post(app.url(&format!("{path}/steps")))
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

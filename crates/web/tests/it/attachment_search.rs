//! The text inside attachments is searchable (issue 16, point 3): a sentence of an attached PDF, DOCX or
//! spreadsheet finds its item once the item is approved, with a snippet that names the attachment; a scanned
//! PDF is found by its file name only and flagged in the console.

use std::time::Duration;

use crate::support::page::{enc, text};
use crate::support::{self, Client, TestApp};
use reqwest::StatusCode;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../report/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A spreadsheet as an agency attaches one: a list of projects, written by a real XLSX writer.
fn spreadsheet() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, cells) in [
        ["序号", "项目名称", "资金（万元）"],
        ["1", "西虢镇农村饮水安全巩固提升工程", "326.5"],
        ["2", "城伯镇乡村道路养护项目", "88"],
    ]
    .iter()
    .enumerate()
    {
        for (col, cell) in cells.iter().enumerate() {
            sheet
                .write_string(row as u32, col as u16, *cell)
                .expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

/// Searches until the query finds something or 20 s pass (the text is read after the approval's reply).
async fn search_until_found(app: &TestApp, q: &str) -> String {
    let public = Client::new(app);
    for _ in 0..80 {
        let (status, page) = public.get(&format!("/search?q={}", enc(q))).await;
        assert_eq!(status, StatusCode::OK);
        if page.contains("<li class=\"hit\">") {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let (_, page) = public.get(&format!("/search?q={}", enc(q))).await;
    page
}

#[tokio::test]
async fn sentences_inside_attachments_find_their_item_and_a_scan_is_flagged() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let new = format!("/console/agencies/{centre}/catalog/new");
    let title = "孟州市公共资源交易中心关于公布年度工作资料的通知";
    let fields = [
        ("title", title),
        ("category", "a21_02"),
        ("issuer", "孟州市公共资源交易中心"),
        ("formed_on", "2026-03-02"),
        ("kind", "other"),
        ("validity", "valid"),
    ];
    assert_eq!(
        clerk.post_from(&new, &new, &fields).await.0,
        StatusCode::SEE_OTHER
    );
    let (_, list) = clerk
        .get(&format!("/console/agencies/{centre}/catalog"))
        .await;
    let re = regex::Regex::new(&format!(r#"/catalog/(\d+)">{title}"#)).expect("re");
    let id = re.captures(&list).map(|c| c[1].to_owned()).expect("listed");
    let item = format!("/console/agencies/{centre}/catalog/{id}");
    let (_, page) = clerk.get(&item).await;
    let csrf = support::csrf_of(&page).expect("token");
    for (name, bytes) in [
        ("年度报告.pdf", fixture("distinctive-f2021-libreoffice.pdf")),
        ("发改局年度报告.docx", fixture("030-libreoffice.docx")),
        ("项目资金表.xlsx", spreadsheet()),
        ("盖章件扫描.pdf", fixture("scanned-page.pdf")),
    ] {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        let sent = clerk
            .http
            .post(app.url(&format!("{item}/attachments")))
            .multipart(form)
            .send()
            .await
            .expect("POST");
        assert_eq!(sent.status(), StatusCode::SEE_OTHER, "{name}");
    }
    // Not yet published: nothing of it is found.
    let (_, before) = Client::new(&app)
        .get(&format!("/search?q={}", enc("不断强化依法公开理念")))
        .await;
    assert!(
        !before.contains(title),
        "a draft's attachment is not searchable"
    );

    let reviewer = app.signed_in("ggzy-reviewer").await;
    clerk.post_from(&item, &format!("{item}/submit"), &[]).await;
    let (status, _) = reviewer
        .post_from(&item, &format!("{item}/approve"), &[("confirmed", "1")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    for (sentence, attachment) in [
        ("本年度共收到申请若干件", "年度报告.pdf"),
        ("不断强化依法公开理念", "发改局年度报告.docx"),
        ("西虢镇农村饮水安全巩固提升工程", "项目资金表.xlsx"),
    ] {
        let page = search_until_found(&app, sentence).await;
        let shown = text(&page);
        assert!(shown.contains(title), "{sentence}: {shown}");
        assert!(
            shown.contains(&format!("附件《{attachment}》")),
            "{sentence}: the snippet names {attachment}: {shown}"
        );
        assert!(
            page.contains(&format!("<mark>{sentence}</mark>")),
            "{sentence}: the sentence is marked in the snippet"
        );
    }
    // The scan: found by its name, not by what is printed on it.
    let by_name = search_until_found(&app, "盖章件扫描").await;
    assert!(text(&by_name).contains(title), "{}", text(&by_name));

    let (_, console) = reviewer.get(&item).await;
    let console = text(&console);
    assert!(
        console.contains("1 个附件未能提取文字"),
        "the scan is flagged: {console}"
    );
    assert!(console.contains("扫描件或图片"), "{console}");
    assert_eq!(
        console.matches("已提取全文，可被检索").count(),
        3,
        "the other three are read: {console}"
    );
}

//! Printable documents: the 回执 as a PDF from the online receipt page (with the query code, for the browser
//! that filed it only) and from the console for a registered paper application (without it); the published
//! annual report's page inside the site's layout and stylesheet.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::{AnnualReport, Cell, Format};
use gongkai_report::render::{RenderTarget, render};
use gongkai_store::NewPublication;
use reqwest::StatusCode;

use crate::application_steps::registered;
use crate::caseworker_api::pdf_text;
use crate::support::{Client, TestApp};

const DESCRIPTION: &str = "孟州市公共资源交易中心2025年度政府采购意向公开清单";

fn form_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", "np"),
        ("name", "李四"),
        ("id_type", "resident_id"),
        ("id_number", "11010519491231002X"),
        ("phone", "13900000000"),
        ("description", DESCRIPTION),
        ("form", "electronic"),
        ("delivery", "email"),
        ("email", "lisi@example.cn"),
    ]
}

/// The `href` of the element with `id` on a page.
fn href_of(page: &str, id: &str) -> Option<String> {
    regex::Regex::new(&format!(r#"id="{id}" href="([^"]+)""#))
        .expect("re")
        .captures(page)
        .map(|c| c[1].to_owned())
}

/// GETs a PDF: its status, content type and bytes.
async fn get_pdf(client: &Client, app: &TestApp, path: &str) -> (StatusCode, String, Vec<u8>) {
    let r = client.http.get(app.url(path)).send().await.expect("GET");
    let status = r.status();
    let mime = r
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, mime, r.bytes().await.expect("bytes").to_vec())
}

#[tokio::test]
async fn the_online_receipt_prints_as_a_pdf_for_the_filer_only() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let filer = Client::new(&app);
    let r = filer
        .http
        .post(app.url(&format!("/agencies/{centre}/apply")))
        .form(&form_fields())
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let receipt_path = r
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("to the receipt")
        .to_owned();
    let (_, page) = filer.get(&receipt_path).await;
    assert!(page.contains("打印回执（PDF）"), "{page}");
    let link = href_of(&page, "receipt-pdf").expect("a link to the PDF");
    let code = regex::Regex::new(r"<code>([A-Z0-9]{10})</code>")
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .expect("the code on the page");
    let tracking = receipt_path.rsplit('/').next().unwrap_or_default();

    let (status, mime, pdf) = get_pdf(&filer, &app, &link).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mime, "application/pdf");
    let text = pdf_text(&pdf);
    for expected in [
        "孟州市公共资源交易中心",
        "政府信息公开申请回执",
        tracking,
        code.as_str(),
        "第三十三条第一款",
        "网上申请",
        "/status",
    ] {
        assert!(text.contains(expected), "missing {expected}: {text}");
    }
    // The received and due dates of the page are the PDF's.
    let dates: Vec<String> = regex::Regex::new(r"<dd>(\d{4})-(\d{2})-(\d{2})")
        .expect("re")
        .captures_iter(&page)
        .map(|c| {
            let n = |i: usize| c[i].parse::<u32>().unwrap_or_default();
            format!("{}年{}月{}日", n(1), n(2), n(3))
        })
        .collect();
    assert_eq!(dates.len(), 2, "received and due on the page");
    for date in &dates {
        assert!(text.contains(date.as_str()), "missing {date}: {text}");
    }

    // Anyone else with the address gets nothing.
    let (status, _, body) = get_pdf(&Client::new(&app), &app, &link).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.starts_with(b"%PDF"));
}

#[tokio::test]
async fn the_clerk_prints_the_receipt_of_a_paper_application() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let case = registered(&app, &clerk, centre, 1).await;
    let link = format!(
        "/console/agencies/{centre}/applications/receipts/{}/pdf",
        case.tracking_no
    );
    // The application's page links to it.
    let (_, page) = clerk.get(&case.path).await;
    assert_eq!(
        href_of(&page, "receipt-pdf").as_deref(),
        Some(link.as_str())
    );

    let (status, mime, pdf) = get_pdf(&clerk, &app, &link).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mime, "application/pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&case.tracking_no) && text.contains("当面提交"),
        "{text}"
    );
    assert!(text.contains("政府信息公开申请回执") && text.contains("第三十三条"));
    // The code is stored hashed; the printed receipt never carries it.
    assert!(!text.contains(&case.query_code), "{text}");

    // Not for someone outside the handling agency, nor for an unknown number.
    let supervisor = app.signed_in("mz-supervisor").await;
    let (status, _, _) = get_pdf(&supervisor, &app, &link).await;
    assert!(
        status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
        "{status}"
    );
    let unknown = format!("/console/agencies/{centre}/applications/receipts/GK-2026-999999/pdf");
    assert_eq!(
        get_pdf(&clerk, &app, &unknown).await.0,
        StatusCode::NOT_FOUND
    );
}

/// Publishes a 2024 report of `agency` straight into the store, with the report renderer's HTML page.
async fn publish(app: &TestApp, agency: i64) {
    let mut report = AnnualReport::zeroed(Format::F2021);
    report.year = Some(2024);
    report.agency = Some("孟州市公共资源交易中心".into());
    publish_version(app, agency, &report, "{}".into()).await;
}

/// Publishes `report` as the next 2024 version, as a version published before gongkai wrote OFD was kept:
/// its figures (`report_json`) and HTML page, no files.
async fn publish_version(app: &TestApp, agency: i64, report: &AnnualReport, report_json: String) {
    let html = String::from_utf8(render(report, RenderTarget::Html).expect("HTML")).expect("UTF-8");
    let new = NewPublication {
        agency: AgencyId(agency),
        year: 2024,
        note: String::new(),
        report_json,
        html,
        docx: Vec::new(),
        pdf: Vec::new(),
        ofd: Vec::new(),
        published_on: app.today,
    };
    let by = ActorRef::System {
        reason: "test".into(),
    };
    app.store
        .publish_report(&new, &by)
        .await
        .expect("published");
}

#[tokio::test]
async fn a_version_published_before_ofd_existed_is_served_as_ofd_from_its_figures() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let mut report = AnnualReport::zeroed(Format::F2021);
    report.year = Some(2024);
    report.agency = Some("孟州市公共资源交易中心".into());
    *report
        .cell_mut("t2.a20_6.admin_penalty.decisions")
        .expect("a cell of the 2021 format") = Cell::Int(42);
    let figures = gongkai_report::json::to_json(&report, &[], false).to_string();
    publish_version(&app, centre, &report, figures).await;
    let r = reqwest::get(app.url(&format!("/agencies/{centre}/reports/2024/v1.ofd")))
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let ofd = r.bytes().await.expect("bytes");
    let read = gongkai_report::parse_bytes(&ofd, Some("v1.ofd")).expect("the OFD parses");
    assert_eq!(read.year, Some(2024));
    assert_eq!(
        read.cell("t2.a20_6.admin_penalty.decisions"),
        Some(&Cell::Int(42))
    );
    // A version that does not exist is not found, as for the other files.
    let r = reqwest::get(app.url(&format!("/agencies/{centre}/reports/2024/v2.ofd")))
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_published_report_is_a_page_of_the_site() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    publish(&app, centre).await;
    let visitor = Client::new(&app);
    for path in [
        format!("/agencies/{centre}/reports/2024"),
        format!("/agencies/{centre}/reports/2024/v1"),
    ] {
        let r = visitor.http.get(app.url(&path)).send().await.expect("GET");
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let csp = r
            .headers()
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let page = r.text().await.expect("text");
        // The site's header, navigation and stylesheet; the report's own inline style is gone, and the policy
        // that would block it is unchanged.
        assert!(page.contains(r#"<link rel="stylesheet" href="/static/site.css">"#));
        assert!(
            page.contains(r#"class="site-header""#)
                && page.contains(r#"<a href="/status">申请查询</a>"#)
        );
        assert!(!page.contains("<style"), "no inline style left");
        assert!(
            csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        // One document: a single <html> and <main>, the report's title its only <h1>.
        assert_eq!(page.matches("<html").count(), 1);
        assert_eq!(page.matches("<main").count(), 1);
        assert_eq!(page.matches("<h1").count(), 1);
        assert!(page.contains("<h1>孟州市公共资源交易中心2024年政府信息公开工作年度报告</h1>"));
        // A way back to the agency's reports, and the files of the version.
        assert_eq!(
            href_of(&page, "back-to-reports").as_deref(),
            Some(format!("/agencies/{centre}/reports").as_str())
        );
        assert!(page.contains(&format!("/agencies/{centre}/reports/2024/v1.pdf")));
        // The tables sit in wrappers that scroll sideways and can be reached by keyboard.
        assert_eq!(
            page.matches(r#"<div class="table-wrap" tabindex="0" role="region""#)
                .count(),
            3,
            "{page}"
        );
    }
    // The stylesheet styles it: the wrapper scrolls, the wide tables keep a minimum width.
    let (_, css) = visitor.get("/static/site.css").await;
    assert!(css.contains(".annual-report .table-wrap") && css.contains("overflow-x: auto"));
    assert!(css.contains(".annual-report table.t3"));
    // An unknown year is still not found.
    assert_eq!(
        visitor
            .get(&format!("/agencies/{centre}/reports/2019"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

/// The `<ul class="findings">` list of a page.
fn findings_of(page: &str) -> &str {
    let start = page.find(r#"<ul class="findings">"#).unwrap_or(page.len());
    let end = page[start..]
        .find("</ul>")
        .map_or(page.len(), |e| start + e);
    &page[start..end]
}

#[tokio::test]
async fn a_finding_names_its_cell_in_words() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let page = format!("/console/agencies/{centre}/reports/2023");
    let clerk = app.signed_in("ggzy-clerk").await;
    let fields = [("t2.a20_6.admin_penalty.decisions", "十五")];
    let (status, _) = clerk
        .post_from(&page, &format!("{page}/inputs"), &fields)
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html) = clerk.get(&page).await;
    let findings = findings_of(&html);
    assert!(findings.contains("T2-01"), "{findings}");
    assert!(
        findings.contains("表二“行政处罚”行“处理决定数量”列"),
        "{findings}"
    );
    assert!(
        !findings.contains("t2.a20_6"),
        "no raw cell path: {findings}"
    );
    clerk.get("/lang?to=en").await;
    let (_, html) = clerk.get(&page).await;
    let findings = findings_of(&html);
    assert!(
        findings.contains("Table 2, row “Administrative penalties”, column “Decisions”"),
        "{findings}"
    );
}

#[tokio::test]
async fn the_paper_application_form_downloads_as_pdf_and_docx() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let visitor = Client::new(&app);
    let pdf_path = format!("/agencies/{centre}/apply/form.pdf");
    let docx_path = format!("/agencies/{centre}/apply/form.docx");
    for page in [
        format!("/agencies/{centre}/apply"),
        format!("/agencies/{centre}/guide"),
    ] {
        let (status, html) = visitor.get(&page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(
            html.contains(&format!(r#"href="{pdf_path}">申请表（PDF）</a>"#))
                && html.contains(&format!(r#"href="{docx_path}">申请表（Word）</a>"#)),
            "{page} links to the form"
        );
    }
    let (status, mime, pdf) = get_pdf(&visitor, &app, &pdf_path).await;
    assert_eq!((status, mime.as_str()), (StatusCode::OK, "application/pdf"));
    let text = pdf_text(&pdf);
    for expected in [
        "孟州市公共资源交易中心",
        "政府信息公开申请表",
        "证件号码",
        "统一社会信用代码",
        "特征性描述",
        "□自行领取",
        "申请人签名",
    ] {
        assert!(text.contains(expected), "missing {expected}: {text}");
    }
    let (status, mime, docx) = get_pdf(&visitor, &app, &docx_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(mime.contains("wordprocessingml"), "{mime}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a DOCX");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("document.xml"),
        &mut xml,
    )
    .expect("UTF-8");
    assert!(xml.contains("孟州市公共资源交易中心") && xml.contains("统一社会信用代码"));
    assert_eq!(
        visitor.get("/agencies/999999/apply/form.pdf").await.0,
        StatusCode::NOT_FOUND
    );
}

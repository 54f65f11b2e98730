//! The 回执 as a PDF: one page, read back with `pdftotext`, saying what an applicant keeps it for (agency,
//! number, received date, the due date with its article, what happens next, where to follow it), and the
//! query code only when it is given.
//!
//! Needs poppler-utils (`pdftotext`) and a CJK font (fonts-noto-cjk) on the machine.

use std::io::Write as _;
use std::process::{Command, Stdio};

use gongkai_report::letters::{Receipt, receipt_pdf};

fn receipt(query_code: Option<&str>) -> Receipt {
    Receipt {
        agency_name: "测试县生态环境局".into(),
        agency_address: "测试县人民路1号".into(),
        agency_phone: "0391-1234567".into(),
        tracking_no: "GK-2026-000042".into(),
        channel: "网上申请".into(),
        received_on: "2026-03-02".into(),
        due_on: "2026-03-30".into(),
        due_provisional: false,
        status_url: "https://gongkai.example.cn/status".into(),
        query_code: query_code.map(str::to_owned),
    }
}

fn pdftotext(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run `pdftotext` ({e}): install poppler-utils"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(pdf)
        .expect("write to pdftotext");
    let out = child.wait_with_output().expect("pdftotext output");
    assert!(out.status.success(), "pdftotext failed: {:?}", out.status);
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_receipt_is_one_page_with_what_the_applicant_needs() {
    let pdf = receipt_pdf(&receipt(Some("K7M2P9QX"))).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let raw = pdftotext(&pdf);
    // pdftotext ends every page with a form feed.
    assert_eq!(raw.matches('\u{c}').count(), 1, "one page:\n{raw}");
    let text = squeeze(&raw);
    for expected in [
        "测试县生态环境局",
        "政府信息公开申请回执",
        "GK-2026-000042",
        "2026年3月2日",
        "第三十一条",
        "2026年3月30日",
        "第三十三条第一款",
        "20个工作日",
        "补正",
        "https://gongkai.example.cn/status",
        "K7M2P9QX",
        "测试县人民路1号",
    ] {
        assert!(text.contains(expected), "missing {expected}:\n{raw}");
    }
}

#[test]
fn without_a_code_the_receipt_prints_none() {
    let text = squeeze(&pdftotext(&receipt_pdf(&receipt(None)).expect("pdf")));
    assert!(text.contains("GK-2026-000042"));
    assert!(!text.contains("查询码（"), "{text}");
    assert!(text.contains("本机关提供给您的查询码"), "{text}");
}

#[test]
fn a_bad_date_is_an_error_not_a_panic() {
    let mut r = receipt(None);
    r.received_on = "2026-02-30".into();
    assert!(receipt_pdf(&r).is_err());
    let mut r = receipt(None);
    r.tracking_no = " ".into();
    assert!(receipt_pdf(&r).is_err());
}

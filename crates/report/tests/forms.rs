//! The 政府信息公开申请表 for paper applications: the fields 条例第二十九条 requires, headed with the agency's
//! name and address, as a PDF (read back with `pdftotext`) and a DOCX (read back from `word/document.xml`).
//!
//! Needs poppler-utils (`pdftotext`) and a CJK font (fonts-noto-cjk) on the machine.

use std::io::{Cursor, Read as _, Write as _};
use std::process::{Command, Stdio};

use gongkai_report::forms::{FormAgency, application_form_docx, application_form_pdf};

/// What the form must ask for (条例第二十九条) and how it is sent back.
const FIELDS: [&str; 17] = [
    "政府信息公开申请表",
    "姓名",
    "证件名称",
    "证件号码",
    "联系电话",
    "通信地址",
    "统一社会信用代码",
    "联系人姓名",
    "特征性描述",
    "纸质",
    "电子",
    "邮寄",
    "自行领取",
    "电子邮件",
    "申请人签名",
    "申请日期",
    "第二十九条",
];

fn agency() -> FormAgency {
    FormAgency {
        name: "测试县#生态环境局".into(),
        address: "测试县人民路1号".into(),
        phone: "0391-1234567".into(),
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
        .expect("write");
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_form_asks_what_the_regulation_requires() {
    let pdf = application_form_pdf(&agency()).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let raw = pdftotext(&pdf);
    assert!(
        raw.matches('\u{c}').count() <= 2,
        "at most two pages:\n{raw}"
    );
    let text = squeeze(&raw);
    for expected in
        FIELDS
            .iter()
            .copied()
            .chain(["测试县#生态环境局", "测试县人民路1号", "0391-1234567"])
    {
        assert!(text.contains(expected), "missing {expected}:\n{raw}");
    }
    // Boxes to tick before each choice.
    assert!(text.contains("□纸质") && text.contains("□邮寄"), "{raw}");
}

#[test]
fn the_docx_form_has_blank_cells_to_fill_in() {
    let docx = application_form_docx(&agency()).expect("docx");
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    for expected in FIELDS
        .iter()
        .copied()
        .chain(["测试县#生态环境局", "测试县人民路1号"])
    {
        assert!(xml.contains(expected), "missing {expected}");
    }
    assert!(xml.contains("<w:tbl>"), "a table");
    // Each field's label has an empty cell beside it: more cells than labels.
    let cells = xml.matches("<w:tc>").count();
    assert!(cells >= 2 * 12, "{cells} cells");
    assert!(
        xml.contains("<w:cantSplit"),
        "rows never split across pages"
    );
}

#[test]
fn an_agency_without_a_name_is_an_error() {
    let mut a = agency();
    a.name = " ".into();
    assert!(application_form_pdf(&a).is_err() && application_form_docx(&a).is_err());
}

//! Reading attachments' text for search, on files as agencies produce them: a PDF and a DOCX written by
//! LibreOffice from published reports, and a scanned page (an image-only PDF, as a scanner writes it).

use gongkai_domain::catalog::{AttachmentKind, TextOutcome};
use gongkai_report::extract::{MAX_TEXT_CHARS, attachment_text};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_pdf_text_layer_is_read() {
    let got = attachment_text(
        &fixture("distinctive-f2021-libreoffice.pdf"),
        AttachmentKind::Pdf,
    );
    assert_eq!(got.outcome, TextOutcome::Text, "{}", got.detail);
    assert!(got.text.contains("本年度共收到申请若干件"), "{}", got.text);
    assert!(got.text.chars().count() <= MAX_TEXT_CHARS);
}

#[test]
fn a_docx_is_read_paragraphs_and_tables() {
    let got = attachment_text(&fixture("030-libreoffice.docx"), AttachmentKind::Docx);
    assert_eq!(got.outcome, TextOutcome::Text, "{}", got.detail);
    assert!(got.text.contains("不断强化依法公开理念"), "{}", got.text);
}

#[test]
fn a_scanned_pdf_has_no_text() {
    let got = attachment_text(&fixture("scanned-page.pdf"), AttachmentKind::Pdf);
    assert_eq!(got.outcome, TextOutcome::NoText, "{got:?}");
    assert!(got.text.is_empty());
}

#[test]
fn a_docx_renamed_from_a_pdf_is_unreadable_not_a_panic() {
    let got = attachment_text(
        &fixture("distinctive-f2021-libreoffice.pdf"),
        AttachmentKind::Docx,
    );
    assert_eq!(got.outcome, TextOutcome::Unreadable);
    assert!(!got.detail.is_empty());
}

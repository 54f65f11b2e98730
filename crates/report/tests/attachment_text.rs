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

#[test]
fn a_word_97_doc_is_read_and_a_wps_in_the_same_layout_too() {
    // Written by LibreOffice as "MS Word 97" from the DOCX above.
    let doc = fixture("030-libreoffice.doc");
    for kind in [AttachmentKind::Doc, AttachmentKind::Wps] {
        let got = attachment_text(&doc, kind);
        assert_eq!(got.outcome, TextOutcome::Text, "{kind:?}: {}", got.detail);
        assert!(got.text.contains("不断强化依法公开理念"), "{}", got.text);
        assert!(
            got.text
                .contains("沭阳县发展和改革局2023年政府信息公开年度报告"),
            "{}",
            got.text
        );
    }
}

#[test]
fn a_truncated_or_damaged_doc_is_unreadable_never_a_panic() {
    let doc = fixture("030-libreoffice.doc");
    for cut in (0..doc.len()).step_by(997) {
        let got = attachment_text(&doc[..cut], AttachmentKind::Doc);
        assert_ne!(got.outcome, TextOutcome::Text, "cut at {cut}");
    }
    let mut flipped = doc.clone();
    for i in (600..flipped.len()).step_by(211) {
        flipped[i] ^= 0x5A;
    }
    // Damaged bytes may still leave readable text; what matters is an answer, not a panic.
    let _ = attachment_text(&flipped, AttachmentKind::Doc);
}

#[test]
fn an_old_excel_xls_is_read_cell_by_cell() {
    // Written by LibreOffice Calc as "MS Excel 97" from a three-row list of projects.
    let got = attachment_text(&fixture("projects-libreoffice.xls"), AttachmentKind::Xls);
    assert_eq!(got.outcome, TextOutcome::Text, "{}", got.detail);
    assert!(
        got.text.contains("西虢镇农村饮水安全巩固提升工程 326.5"),
        "{}",
        got.text
    );
}

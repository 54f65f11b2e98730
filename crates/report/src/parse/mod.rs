//! Reading published reports: detect the input kind, turn it into text whose table cells are delimited
//! (`\t` between cells, one table row per line), then locate the tables by their labels and read the cells.

mod cells;
mod document;
mod docx;
mod fees;
mod html;
mod meta;
mod normalize;
mod ocr;
mod ocr_figures;
mod ocr_layout;
mod ofd;
mod pdf;
mod quoted;
mod radicals;
mod scan_clean;
mod sections;
mod split;
mod t2;
mod t3;
mod t3_labels;
mod t3_place;
mod t4;
mod zone;

use crate::error::Unreadable;
use std::borrow::Cow;

use gongkai_domain::report::AnnualReport;

use crate::ReportError;

/// What kind of file a report came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Html,
    Docx,
    Pdf,
    /// GB/T 33190 (a ZIP of XML with `OFD.xml` at its root).
    Ofd,
    /// A scan: PNG, JPEG or TIFF, read through OCR.
    Image,
    Json,
}

impl InputKind {
    pub fn code(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Html => "html",
            InputKind::Docx => "docx",
            InputKind::Pdf => "pdf",
            InputKind::Ofd => "ofd",
            InputKind::Image => "image",
            InputKind::Json => "json",
        }
    }
}

/// Tells the input kind from the content (magic bytes, markup), using the file name only to break a tie.
pub fn detect_kind(bytes: &[u8], name: Option<&str>) -> InputKind {
    if bytes.starts_with(b"%PDF") {
        return InputKind::Pdf;
    }
    if ocr::is_image(bytes) {
        return InputKind::Image;
    }
    if ofd::is_ofd(bytes) {
        return InputKind::Ofd;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return InputKind::Docx;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return InputKind::Json;
    }
    let ext = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || head.contains("<table")
        || head.contains("<body")
        || matches!(ext.as_deref(), Some("html" | "htm" | "shtml"))
    {
        return InputKind::Html;
    }
    InputKind::Text
}

/// Turns the bytes of any supported input into delimited text (a scan's as OCR reads it).
pub fn extract_text(bytes: &[u8], kind: InputKind) -> Result<String, ReportError> {
    text_of(bytes, kind).map(|(text, _)| text.into_owned())
}

/// The input's text, and whether OCR read it (an image, or a PDF without a text layer: a scan).
fn text_of(bytes: &[u8], kind: InputKind) -> Result<(Cow<'_, str>, bool), ReportError> {
    Ok(match kind {
        InputKind::Pdf => match pdf::to_text(bytes) {
            Err(ReportError::UnreadableInput(Unreadable::PdfNoText)) => {
                (Cow::Owned(ocr::pdf_text(bytes)?), true)
            }
            other => (Cow::Owned(other?), false),
        },
        InputKind::Ofd => (Cow::Owned(ofd::to_text(bytes)?), false),
        InputKind::Image => (Cow::Owned(ocr::image_text(bytes)?), true),
        InputKind::Docx => (Cow::Owned(docx::to_text(bytes)?), false),
        InputKind::Html => (Cow::Owned(html::to_text(&decode_text(bytes)?)), false),
        InputKind::Text | InputKind::Json => (decode_text(bytes)?, false),
    })
}

/// The text layer of a PDF, page after page (for attachments as for reports).
pub(crate) fn pdf_text(bytes: &[u8]) -> Result<String, ReportError> {
    pdf::to_text(bytes)
}

/// The paragraphs and table rows of a DOCX file (for attachments as for reports).
pub(crate) fn docx_text(bytes: &[u8]) -> Result<String, ReportError> {
    docx::to_text(bytes)
}

/// Decodes text input: a byte-order mark says the encoding (UTF-8, UTF-16); otherwise UTF-8, and failing
/// that GB18030, the superset of the GB2312 and GBK in which many government sites still serve their pages.
/// Anything else is refused with a clear error.
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, ReportError> {
    let refuse = |what: &str| {
        ReportError::UnreadableInput(Unreadable::Encoding {
            encoding: what.to_owned(),
        })
    };
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return if malformed {
            Err(refuse(encoding.name()))
        } else {
            Ok(text)
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let (text, malformed) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if malformed {
        Err(refuse("GB18030"))
    } else {
        Ok(text)
    }
}

/// Parses a report of any supported kind. `name` (a file name) is recorded as the source.
pub fn parse_bytes(bytes: &[u8], name: Option<&str>) -> Result<AnnualReport, ReportError> {
    let kind = detect_kind(bytes, name);
    let mut report = if kind == InputKind::Json {
        crate::json::from_json(&decode_text(bytes)?)?
    } else {
        // HTML and Word tables have real cells; plain text and PDF text are flattened.
        let exact_cells = matches!(kind, InputKind::Html | InputKind::Docx);
        let (text, by_ocr) = text_of(bytes, kind)?;
        let mut report = document::parse(&text, exact_cells)?;
        if by_ocr {
            ocr::gate(&mut report);
        }
        report
    };
    if report.source.is_none() || kind != InputKind::Json {
        report.source = name.map(str::to_string);
    }
    Ok(report)
}

/// Parses a report from its text (plain text as pages and crawlers give it, or delimited text from another
/// input kind).
pub fn parse_text(text: &str) -> Result<AnnualReport, ReportError> {
    document::parse(text, false)
}

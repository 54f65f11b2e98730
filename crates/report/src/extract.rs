//! The text of a catalogue item's attachment, for search: the PDF text layer, Word paragraphs and tables
//! (DOCX, and the Word 97 layout of DOC and of WPS), spreadsheet cells (XLSX, XLS) and plain text (TXT, CSV in
//! UTF-8 or GB18030). Formats without a reader here (OFD, ZIP, a zip-based WPS) and images are reported as
//! such, so the caller indexes the file by its name and tells staff.

use std::io::Cursor;

use calamine::{Data, Reader};
use gongkai_domain::catalog::{AttachmentKind, TextOutcome, has_meaningful_text};

use crate::ReportError;
use crate::error::Unreadable;

/// The version of these reading rules. Stored with each result: a result of an older version is read again,
/// so attachments published before a reader improved become searchable without anyone re-uploading them.
pub const EXTRACTOR_VERSION: i32 = 1;

/// Characters kept of one attachment: a 300-page report is well below; beyond it is data (a spreadsheet of
/// every household) that would bloat the index without helping anyone find the item.
pub const MAX_TEXT_CHARS: usize = 400_000;

/// The leading bytes of an OLE compound file (Word 97-2003, old WPS).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// What reading an attachment gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub outcome: TextOutcome,
    /// The text when `outcome` is [`TextOutcome::Text`], at most [`MAX_TEXT_CHARS`]; empty otherwise.
    pub text: String,
    /// Why there is no text (the reader's message), for staff; empty when there is text.
    pub detail: String,
}

impl Extracted {
    fn text(text: String) -> Self {
        let text = tidy(&text);
        if !has_meaningful_text(&text) {
            return Self::without(TextOutcome::NoText, "");
        }
        Extracted {
            outcome: TextOutcome::Text,
            text,
            detail: String::new(),
        }
    }

    fn without(outcome: TextOutcome, detail: &str) -> Self {
        Extracted {
            outcome,
            text: String::new(),
            detail: detail.to_owned(),
        }
    }
}

/// Reads the text of an attachment of the given kind. Never panics on a bad file: a reader that fails (or
/// panics inside) gives [`TextOutcome::Unreadable`] with its reason.
pub fn attachment_text(bytes: &[u8], kind: AttachmentKind) -> Extracted {
    let read = match kind {
        AttachmentKind::Pdf => crate::parse::pdf_text(bytes).map_err(Failure::from),
        AttachmentKind::Docx => crate::parse::docx_text(bytes).map_err(Failure::from),
        AttachmentKind::Xlsx | AttachmentKind::Xls => {
            spreadsheet_text(bytes).map_err(Failure::Unreadable)
        }
        AttachmentKind::Txt | AttachmentKind::Csv => crate::parse::decode_text(bytes)
            .map(|t| t.into_owned())
            .map_err(Failure::from),
        AttachmentKind::Jpeg | AttachmentKind::Png => {
            return Extracted::without(TextOutcome::NoText, "image");
        }
        // WPS Office's .wps is the Word 97 layout when it is an OLE file; a zip .wps is not read yet.
        AttachmentKind::Doc | AttachmentKind::Wps if bytes.starts_with(OLE_MAGIC) => {
            // The OLE reader meets hostile input here too: a panic inside it is a damaged file.
            std::panic::catch_unwind(|| crate::word97::doc_text(bytes))
                .unwrap_or_else(|_| Err("damaged file".to_owned()))
                .map_err(Failure::Unreadable)
        }
        AttachmentKind::Doc | AttachmentKind::Wps | AttachmentKind::Ofd | AttachmentKind::Zip => {
            return Extracted::without(TextOutcome::Unsupported, kind.extension());
        }
    };
    match read {
        Ok(text) => Extracted::text(text),
        Err(Failure::NoTextLayer) => Extracted::without(TextOutcome::NoText, ""),
        Err(Failure::Unreadable(detail)) => Extracted::without(TextOutcome::Unreadable, &detail),
    }
}

/// Why a reader gave no text.
enum Failure {
    /// A PDF without a text layer: a scan.
    NoTextLayer,
    Unreadable(String),
}

impl From<ReportError> for Failure {
    fn from(e: ReportError) -> Self {
        match e {
            ReportError::UnreadableInput(Unreadable::PdfNoText) => Failure::NoTextLayer,
            other => Failure::Unreadable(other.to_string()),
        }
    }
}

/// Every non-empty cell of every sheet, a row per line with its cells separated by tabs (a space once
/// tidied), each sheet under its name.
fn spreadsheet_text(bytes: &[u8]) -> Result<String, String> {
    let opened = std::panic::catch_unwind(|| {
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))?;
        let mut out = String::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name)?;
            out.push_str(&name);
            out.push('\n');
            for row in range.rows() {
                let cells: Vec<String> = row
                    .iter()
                    .filter(|c| !matches!(c, Data::Empty))
                    .map(ToString::to_string)
                    .collect();
                if !cells.is_empty() {
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
                if out.len() > MAX_TEXT_CHARS * 4 {
                    return Ok::<String, calamine::Error>(out);
                }
            }
        }
        Ok(out)
    });
    match opened {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(format!("spreadsheet: {e}")),
        // calamine was not written for hostile input; a panic inside it is a damaged file.
        Err(_) => Err("spreadsheet: damaged file".to_owned()),
    }
}

/// Blank lines and runs of spaces squeezed, control characters dropped, cut at [`MAX_TEXT_CHARS`].
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_TEXT_CHARS * 3));
    let mut chars = 0;
    for line in text.lines() {
        let line: String = line
            .chars()
            // A tab is kept until the squeeze, so that cells become words apart, not one run.
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let line = words.join(" ");
        chars += line.chars().count() + 1;
        if chars > MAX_TEXT_CHARS {
            break;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_in_gb18030_is_read_and_tidied() {
        let (gbk, _, _) = encoding_rs::GB18030
            .encode("关于公布2026年度政府信息公开工作要点的通知\r\n\r\n  一、   总体要求\r\n");
        let got = attachment_text(&gbk, AttachmentKind::Txt);
        assert_eq!(got.outcome, TextOutcome::Text);
        assert_eq!(
            got.text,
            "关于公布2026年度政府信息公开工作要点的通知\n一、 总体要求\n"
        );
    }

    #[test]
    fn formats_without_a_reader_and_images_are_named_not_read() {
        assert_eq!(
            attachment_text(b"PK\x03\x04", AttachmentKind::Ofd).outcome,
            TextOutcome::Unsupported
        );
        assert_eq!(
            attachment_text(b"PK\x03\x04", AttachmentKind::Wps).outcome,
            TextOutcome::Unsupported
        );
        assert_eq!(
            attachment_text(&[0xFF, 0xD8, 0xFF, 0xE0], AttachmentKind::Jpeg).outcome,
            TextOutcome::NoText
        );
    }

    #[test]
    fn damaged_files_are_unreadable_with_a_reason() {
        for kind in [
            AttachmentKind::Pdf,
            AttachmentKind::Docx,
            AttachmentKind::Xlsx,
            AttachmentKind::Xls,
        ] {
            let got = attachment_text(b"%PDF-1.7 PK\x03\x04 truncated", kind);
            assert_eq!(got.outcome, TextOutcome::Unreadable, "{kind:?}");
            assert!(!got.detail.is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn a_text_of_page_numbers_only_is_no_text() {
        let got = attachment_text("- 1 -\n- 2 -\n".as_bytes(), AttachmentKind::Txt);
        assert_eq!(got.outcome, TextOutcome::NoText);
        assert!(got.text.is_empty());
    }
}

//! PDF → text through pdf-extract (lopdf underneath): the text layer only, no OCR. Table cells come out on
//! the lines the PDF draws them, separated by spaces rather than tabs; the text parser reads them as
//! space-separated tokens. Typst-made PDFs may show a space between hanzi and digits; the parser tolerates it.

use crate::ReportError;
use crate::error::{FileKind, Unreadable};

/// Published reports are at most a few megabytes; a far larger PDF is scanned images or not a report, and
/// parsing it would hold the whole file and its objects in memory.
const MAX_INPUT: usize = 64 << 20;

/// Extracts the text of a pdf report: the text layer, page after page, in the lines the PDF draws.
pub(super) fn to_text(bytes: &[u8]) -> Result<String, ReportError> {
    if bytes.len() > MAX_INPUT {
        return Err(unreadable(Unreadable::TooLarge {
            kind: FileKind::Pdf,
            bytes: bytes.len(),
            limit: MAX_INPUT,
        }));
    }
    if !bytes.starts_with(b"%PDF") {
        return Err(unreadable(Unreadable::NoPdfHeader));
    }
    // pdf-extract panics on some malformed files (unwraps inside its font and content-stream code): that is
    // a damaged input, reported as such.
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    let text = match extracted {
        Ok(Ok(text)) => text,
        Ok(Err(e)) if encrypted(bytes) => {
            return Err(unreadable(Unreadable::PdfEncrypted {
                detail: e.to_string(),
            }));
        }
        Ok(Err(e)) => {
            return Err(unreadable(Unreadable::Reader {
                kind: FileKind::Pdf,
                detail: e.to_string(),
            }));
        }
        Err(_) => {
            return Err(unreadable(Unreadable::Damaged(FileKind::Pdf)));
        }
    };
    if text.trim().is_empty() {
        return Err(unreadable(Unreadable::PdfNoText));
    }
    Ok(text)
}

fn unreadable(why: Unreadable) -> ReportError {
    ReportError::UnreadableInput(why)
}

/// Whether the trailer names an encryption dictionary: only used to explain a failure.
fn encrypted(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64 << 10)..];
    tail.windows(8).any(|w| w == b"/Encrypt")
}

//! PDF → text through pdf-extract (lopdf underneath): the text layer only, no OCR. Table cells come out on
//! the lines the PDF draws them, separated by spaces rather than tabs; the text parser reads them as
//! space-separated tokens. Typst-made PDFs may show a space between hanzi and digits; the parser tolerates it.

use crate::ReportError;

/// Published reports are at most a few megabytes; a far larger PDF is scanned images or not a report, and
/// parsing it would hold the whole file and its objects in memory.
const MAX_INPUT: usize = 64 << 20;

/// Extracts the text of a pdf report: the text layer, page after page, in the lines the PDF draws.
pub(super) fn to_text(bytes: &[u8]) -> Result<String, ReportError> {
    if bytes.len() > MAX_INPUT {
        return Err(unreadable(
            &format!("文件过大：{} 字节，上限 {MAX_INPUT} 字节", bytes.len()),
            &format!("file too large: {} bytes, limit {MAX_INPUT}", bytes.len()),
        ));
    }
    if !bytes.starts_with(b"%PDF") {
        return Err(unreadable("缺少 %PDF 文件头", "no %PDF header"));
    }
    // pdf-extract panics on some malformed files (unwraps inside its font and content-stream code): that is
    // a damaged input, reported as such.
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    let text = match extracted {
        Ok(Ok(text)) => text,
        Ok(Err(e)) if encrypted(bytes) => {
            return Err(unreadable(
                &format!("PDF 已加密，请提供未加密的文件（{e}）"),
                &format!("the PDF is encrypted; provide an unencrypted file ({e})"),
            ));
        }
        Ok(Err(e)) => return Err(unreadable(&format!("{e}"), &format!("{e}"))),
        Err(_) => {
            return Err(unreadable(
                "PDF 结构损坏，无法提取文字",
                "the PDF structure is damaged; no text could be extracted",
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(unreadable(
            "PDF 没有文字层（可能是扫描件），不支持 OCR",
            "the PDF has no text layer (a scan?); OCR is not supported",
        ));
    }
    Ok(text)
}

fn unreadable(zh: &str, en: &str) -> ReportError {
    ReportError::UnreadableInput(format!(
        "PDF 文件无法读取（{zh}）/ PDF file cannot be read ({en})"
    ))
}

/// Whether the trailer names an encryption dictionary: only used to explain a failure.
fn encrypted(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64 << 10)..];
    tail.windows(8).any(|w| w == b"/Encrypt")
}

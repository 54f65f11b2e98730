//! Attachments to catalogue items: the formats government documents come in (including OFD, GB/T 33190-2016,
//! and WPS), checked by extension, size and leading bytes so a renamed executable or script is refused
//! before it is stored and offered for download (条例第二十四条: 检索、查阅、下载).

use crate::message::{Arg, Args, Coded};

/// An accepted attachment format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttachmentKind {
    Pdf,
    Doc,
    Docx,
    Xls,
    Xlsx,
    Ofd,
    Wps,
    Zip,
    Jpeg,
    Png,
    Txt,
    Csv,
}

/// The largest attachment accepted: 50 MiB.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;
const MAX_FILE_NAME_CHARS: usize = 120;

const PDF: &[u8] = b"%PDF";
const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF];

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 12] = [
        Self::Pdf,
        Self::Doc,
        Self::Docx,
        Self::Xls,
        Self::Xlsx,
        Self::Ofd,
        Self::Wps,
        Self::Zip,
        Self::Jpeg,
        Self::Png,
        Self::Txt,
        Self::Csv,
    ];

    /// From a lower- or upper-case extension without the dot; `jpg` and `jpeg` are one kind.
    pub fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "pdf" => Self::Pdf,
            "doc" => Self::Doc,
            "docx" => Self::Docx,
            "xls" => Self::Xls,
            "xlsx" => Self::Xlsx,
            "ofd" => Self::Ofd,
            "wps" => Self::Wps,
            "zip" => Self::Zip,
            "jpg" | "jpeg" => Self::Jpeg,
            "png" => Self::Png,
            "txt" => Self::Txt,
            "csv" => Self::Csv,
            _ => return None,
        })
    }

    /// The usual extension, also the stable code.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Doc => "doc",
            Self::Docx => "docx",
            Self::Xls => "xls",
            Self::Xlsx => "xlsx",
            Self::Ofd => "ofd",
            Self::Wps => "wps",
            Self::Zip => "zip",
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Txt => "txt",
            Self::Csv => "csv",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Doc => "application/msword",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xls => "application/vnd.ms-excel",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Ofd => "application/ofd",
            // No registered type exists for Kingsoft WPS; this is what mime_guess (used elsewhere here) answers.
            Self::Wps => "application/vnd.ms-works",
            Self::Zip => "application/zip",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Txt => "text/plain; charset=utf-8",
            Self::Csv => "text/csv",
        }
    }

    /// Whether the leading bytes fit the format. OOXML and OFD are zip containers; old Office and WPS files
    /// are OLE compound documents (newer WPS files may be zip). Text must not contain NUL bytes, which
    /// rules out binaries while accepting UTF-8 and GB18030.
    pub fn content_fits(self, first_bytes: &[u8]) -> bool {
        let starts = |magic: &[u8]| first_bytes.starts_with(magic);
        match self {
            Self::Pdf => starts(PDF),
            Self::Doc | Self::Xls => starts(OLE),
            Self::Docx | Self::Xlsx | Self::Ofd | Self::Zip => starts(ZIP),
            Self::Wps => starts(OLE) || starts(ZIP),
            Self::Jpeg => starts(JPEG),
            Self::Png => starts(PNG),
            Self::Txt | Self::Csv => !first_bytes.contains(&0),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    #[error("attachment '{0}' has no extension")]
    NoExtension(String),
    #[error(".{0} attachments are not accepted")]
    NotAllowed(String),
    #[error("the attachment is empty")]
    Empty,
    #[error("the attachment has {0} bytes, more than the 50 MiB limit")]
    TooLarge(u64),
    #[error("the content does not match the .{0} extension")]
    ContentMismatch(String),
}

impl Coded for AttachmentError {
    fn code(&self) -> &'static str {
        AttachmentError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::NoExtension(a0) => vec![("name", Arg::text(a0))],
            Self::NotAllowed(a0) => vec![("ext", Arg::text(a0))],
            Self::TooLarge(a0) => vec![("bytes", Arg::number(*a0))],
            Self::ContentMismatch(a0) => vec![("ext", Arg::text(a0))],
            _ => Vec::new(),
        }
    }
}

impl AttachmentError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoExtension(_) => "attachment.no_extension",
            Self::NotAllowed(_) => "attachment.not_allowed",
            Self::Empty => "attachment.empty",
            Self::TooLarge(_) => "attachment.too_large",
            Self::ContentMismatch(_) => "attachment.content_mismatch",
        }
    }
}

/// Checks an upload: allowed extension, 1 byte to 50 MiB, and leading bytes that agree with the extension.
pub fn check_attachment(
    file_name: &str,
    size_bytes: u64,
    first_bytes: &[u8],
) -> Result<AttachmentKind, AttachmentError> {
    let name = safe_file_name(file_name);
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => ext.to_ascii_lowercase(),
        _ => return Err(AttachmentError::NoExtension(name)),
    };
    let kind = AttachmentKind::from_extension(&ext)
        .ok_or_else(|| AttachmentError::NotAllowed(ext.clone()))?;
    if size_bytes == 0 {
        return Err(AttachmentError::Empty);
    }
    if size_bytes > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentError::TooLarge(size_bytes));
    }
    if !kind.content_fits(first_bytes) {
        return Err(AttachmentError::ContentMismatch(ext));
    }
    Ok(kind)
}

/// Characters that hide or reorder text (bidirectional overrides, zero-width marks) and would let
/// `报告<U+202E>fdp.exe` display as `报告exe.pdf`.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A name safe to store and to send in `Content-Disposition`: the last path component only, without
/// control, invisible or Windows-reserved characters, no leading dots, at most 120 characters with the
/// extension kept. Chinese is kept. Falls back to `附件` when nothing is left.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_invisible(*c) && !":*?\"<>|".contains(*c))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return "附件".to_owned();
    }
    if cleaned.chars().count() <= MAX_FILE_NAME_CHARS {
        return cleaned.to_owned();
    }
    match cleaned.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 10 => {
            let keep = MAX_FILE_NAME_CHARS - ext.chars().count() - 1;
            let stem: String = stem.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        _ => cleaned.chars().take(MAX_FILE_NAME_CHARS).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_must_agree_with_the_extension() {
        let docx = b"PK\x03\x04\x14\x00";
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let cases: [(&str, &[u8], Result<AttachmentKind, &str>); 12] = [
            ("通知.pdf", b"%PDF-1.7", Ok(AttachmentKind::Pdf)),
            ("通知.PDF", b"%PDF-1.4", Ok(AttachmentKind::Pdf)),
            ("附件1.docx", docx, Ok(AttachmentKind::Docx)),
            ("公文.ofd", docx, Ok(AttachmentKind::Ofd)),
            ("旧表.xls", &ole, Ok(AttachmentKind::Xls)),
            ("文稿.wps", &ole, Ok(AttachmentKind::Wps)),
            (
                "照片.jpeg",
                &[0xFF, 0xD8, 0xFF, 0xE0],
                Ok(AttachmentKind::Jpeg),
            ),
            ("名单.csv", "序号,姓名".as_bytes(), Ok(AttachmentKind::Csv)),
            (
                "通知.pdf",
                b"MZ\x90\x00",
                Err("attachment.content_mismatch"),
            ),
            ("说明.txt", b"ab\x00cd", Err("attachment.content_mismatch")),
            ("run.exe", b"MZ", Err("attachment.not_allowed")),
            ("README", b"text", Err("attachment.no_extension")),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(
                check_attachment(name, 1024, bytes).map_err(|e| e.code()),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn size_limits() {
        let pdf = b"%PDF-1.7";
        assert_eq!(
            check_attachment("a.pdf", 0, pdf),
            Err(AttachmentError::Empty)
        );
        assert!(check_attachment("a.pdf", MAX_ATTACHMENT_BYTES, pdf).is_ok());
        assert_eq!(
            check_attachment("a.pdf", MAX_ATTACHMENT_BYTES + 1, pdf),
            Err(AttachmentError::TooLarge(MAX_ATTACHMENT_BYTES + 1))
        );
    }

    #[test]
    fn file_names_are_made_safe() {
        for (given, safe) in [
            ("../../etc/passwd", "passwd"),
            (
                "C:\\Users\\王\\孟政〔2020〕12号.pdf",
                "孟政〔2020〕12号.pdf",
            ),
            ("报告\u{202E}fdp.exe", "报告fdp.exe"),
            ("a\u{0}b\nc.txt", "abc.txt"),
            ("..hidden.pdf", "hidden.pdf"),
            ("a:b*c?.pdf", "abc.pdf"),
            ("///", "附件"),
        ] {
            assert_eq!(safe_file_name(given), safe, "{given:?}");
        }
        let long = format!("{}.docx", "长".repeat(200));
        let got = safe_file_name(&long);
        assert_eq!(got.chars().count(), 120);
        assert!(got.ends_with("长.docx"));
        for k in AttachmentKind::ALL {
            assert_eq!(AttachmentKind::from_extension(k.extension()), Some(k));
        }
    }
}

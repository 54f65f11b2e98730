//! Files an applicant sends after the receipt: with a correction (条例第三十条: 补正) or as proof that the fee
//! was paid. A scan, a photo or a document: PDF, JPG, PNG or DOCX, at most 10 MiB each and a few at a time,
//! checked by their leading bytes as any attachment is, so that a renamed program is never kept.

use crate::catalog::{AttachmentError, AttachmentKind, check_attachment};
use crate::message::{Arg, Args, Coded};

/// The largest file accepted: 10 MiB (a scanned document of a few pages).
pub const MAX_APPLICANT_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// How many files one correction or one payment statement may carry.
pub const MAX_APPLICANT_FILES: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplicantFileError {
    #[error("the file has {0} bytes, more than the 10 MiB limit")]
    TooLarge(u64),
    #[error("only PDF, JPG, PNG or DOCX files are accepted")]
    NotAllowed,
    #[error("at most {0} files may be sent at once")]
    TooMany(usize),
    #[error("{0}")]
    File(#[from] AttachmentError),
}

impl Coded for ApplicantFileError {
    fn code(&self) -> &'static str {
        match self {
            Self::TooLarge(_) => "applicant_file.too_large",
            Self::NotAllowed => "applicant_file.not_allowed",
            Self::TooMany(_) => "applicant_file.too_many",
            Self::File(e) => e.code(),
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::TooLarge(bytes) => vec![("bytes", Arg::number(*bytes))],
            Self::TooMany(n) => vec![("n", Arg::number(*n as u64))],
            Self::NotAllowed => Vec::new(),
            Self::File(e) => e.args(),
        }
    }
}

/// Checks one file: size first (so that nothing large is examined), then its format by name and content.
pub fn check_applicant_file(
    file_name: &str,
    size_bytes: u64,
    first_bytes: &[u8],
) -> Result<AttachmentKind, ApplicantFileError> {
    if size_bytes > MAX_APPLICANT_FILE_BYTES {
        return Err(ApplicantFileError::TooLarge(size_bytes));
    }
    match check_attachment(file_name, size_bytes, first_bytes)? {
        kind @ (AttachmentKind::Pdf
        | AttachmentKind::Jpeg
        | AttachmentKind::Png
        | AttachmentKind::Docx) => Ok(kind),
        _ => Err(ApplicantFileError::NotAllowed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_photos_and_word_files_pass_and_the_rest_is_refused_by_code() {
        for (name, bytes, kind) in [
            ("补正说明.PDF", &b"%PDF-1.7"[..], AttachmentKind::Pdf),
            (
                "照片.jpg",
                &[0xFF, 0xD8, 0xFF, 0xE0][..],
                AttachmentKind::Jpeg,
            ),
            (
                "截图.png",
                &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
                AttachmentKind::Png,
            ),
            ("说明.docx", &b"PK\x03\x04"[..], AttachmentKind::Docx),
        ] {
            assert_eq!(check_applicant_file(name, 100, bytes), Ok(kind), "{name}");
        }
        let code = |r: Result<AttachmentKind, ApplicantFileError>| r.map_err(|e| e.code());
        assert_eq!(
            code(check_applicant_file(
                "a.pdf",
                MAX_APPLICANT_FILE_BYTES + 1,
                b"%PDF"
            )),
            Err("applicant_file.too_large")
        );
        assert_eq!(
            code(check_applicant_file("a.zip", 100, b"PK\x03\x04")),
            Err("applicant_file.not_allowed")
        );
        assert_eq!(
            code(check_applicant_file("a.pdf", 100, b"MZ\x90\x00")),
            Err("attachment.content_mismatch")
        );
        assert_eq!(
            code(check_applicant_file("a.pdf", 0, b"")),
            Err("attachment.empty")
        );
    }
}

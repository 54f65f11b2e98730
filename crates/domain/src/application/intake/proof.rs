//! 条例第二十九条: 申请人的身份证明. Online, the applicant may attach a scan or photo of it: a JPEG, PNG or PDF of at
//! most 5 MiB, checked by its leading bytes as any attachment is.

use crate::catalog::{AttachmentError, AttachmentKind, check_attachment};
use crate::message::{Arg, Args, Coded};

/// The largest proof of identity accepted: 5 MiB (a phone photo or a one-page scan).
pub const MAX_ID_PROOF_BYTES: u64 = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdProofError {
    #[error("the proof of identity has {0} bytes, more than the 5 MiB limit")]
    TooLarge(u64),
    #[error("the proof of identity must be a JPG, PNG or PDF file")]
    NotAllowed,
    #[error("{0}")]
    File(#[from] AttachmentError),
}

impl Coded for IdProofError {
    fn code(&self) -> &'static str {
        IdProofError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::TooLarge(a0) => vec![("bytes", Arg::number(*a0))],
            Self::NotAllowed => Vec::new(),
            Self::File(e) => e.args(),
        }
    }
}

impl IdProofError {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLarge(_) => "id_proof.too_large",
            Self::NotAllowed => "id_proof.not_allowed",
            Self::File(e) => e.code(),
        }
    }
}

/// Checks an uploaded proof of identity: size first (so that nothing large is examined), then the format.
pub fn check_id_proof(
    file_name: &str,
    size_bytes: u64,
    first_bytes: &[u8],
) -> Result<AttachmentKind, IdProofError> {
    if size_bytes > MAX_ID_PROOF_BYTES {
        return Err(IdProofError::TooLarge(size_bytes));
    }
    let kind = check_attachment(file_name, size_bytes, first_bytes)?;
    match kind {
        AttachmentKind::Jpeg | AttachmentKind::Png | AttachmentKind::Pdf => Ok(kind),
        _ => Err(IdProofError::NotAllowed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_and_scans_pass_and_the_rest_is_refused_by_code() {
        assert_eq!(
            check_id_proof("身份证.JPG", 1000, &[0xFF, 0xD8, 0xFF, 0xE0]),
            Ok(AttachmentKind::Jpeg)
        );
        assert_eq!(
            check_id_proof("scan.pdf", 2000, b"%PDF-1.4"),
            Ok(AttachmentKind::Pdf)
        );
        let big = check_id_proof("scan.pdf", MAX_ID_PROOF_BYTES + 1, b"%PDF-1.4");
        assert_eq!(big.unwrap_err().code(), "id_proof.too_large");
        let word = check_id_proof("id.docx", 2000, b"PK\x03\x04");
        assert_eq!(word.unwrap_err().code(), "id_proof.not_allowed");
        let renamed = check_id_proof("id.png", 2000, b"MZ\x90\x00");
        assert_eq!(renamed.unwrap_err().code(), "attachment.content_mismatch");
    }
}

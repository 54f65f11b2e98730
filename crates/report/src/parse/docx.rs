use crate::ReportError;

/// Extracts the text of a docx report: paragraphs as lines, each table row as one line with its cells separated
/// by tabs.
pub(super) fn to_text(_bytes: &[u8]) -> Result<String, ReportError> {
    Err(ReportError::UnreadableInput(
        "docx input is not built yet".into(),
    ))
}

use gongkai_domain::report::AnnualReport;

use crate::ReportError;

pub(super) fn render(_report: &AnnualReport) -> Result<Vec<u8>, ReportError> {
    Err(ReportError::Render(
        "docx rendering is not built yet".into(),
    ))
}

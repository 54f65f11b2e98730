use gongkai_domain::report::AnnualReport;

use crate::ReportError;

pub(super) fn render(_report: &AnnualReport) -> Result<String, ReportError> {
    Err(ReportError::Render(
        "HTML rendering is not built yet".into(),
    ))
}

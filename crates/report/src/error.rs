use thiserror::Error;

/// Errors of the report engine; `code()` is stable for the CLI, the API and translations.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("不是政府信息公开工作年度报告：{zh} / not an annual report: {en}")]
    NotAReport { zh: String, en: String },
    #[error("无法读取的文件格式：{0} / unreadable input: {0}")]
    UnreadableInput(String),
    #[error("JSON 不符合年度报告格式：{0} / JSON does not match the report contract: {0}")]
    Json(String),
    #[error("渲染失败：{0} / rendering failed: {0}")]
    Render(String),
    #[error("告知书内容不完整或有误：{zh} / cannot issue the letter: {en}")]
    BadLetter { zh: String, en: String },
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::NotAReport { .. } => "report.not_a_report",
            ReportError::UnreadableInput(_) => "report.unreadable_input",
            ReportError::Json(_) => "report.bad_json",
            ReportError::Render(_) => "report.render_failed",
            ReportError::BadLetter { .. } => "report.bad_letter",
        }
    }

    pub(crate) fn bad_letter(zh: impl Into<String>, en: impl Into<String>) -> ReportError {
        ReportError::BadLetter {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub(crate) fn not_a_report(zh: impl Into<String>, en: impl Into<String>) -> ReportError {
        ReportError::NotAReport {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

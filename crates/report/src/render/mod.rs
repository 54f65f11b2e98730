//! Rendering a report: plain text in the published layout, Markdown, HTML with the national table layout,
//! DOCX with real Word tables, PDF with an embedded CJK font, OFD (the national archive format, laid out as the
//! PDF) and the JSON contract.

mod docx;
mod docx_rows;
mod html;
mod markdown;
mod ofd;
pub(crate) mod pdf;
mod text;

use gongkai_domain::report::{AnnualReport, validate};

use crate::ReportError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderTarget {
    Txt,
    Md,
    Html,
    Docx,
    Pdf,
    Ofd,
    Json,
}

impl RenderTarget {
    pub fn from_name(name: &str) -> Option<RenderTarget> {
        Some(match name.to_ascii_lowercase().as_str() {
            "txt" | "text" => RenderTarget::Txt,
            "md" | "markdown" => RenderTarget::Md,
            "html" | "htm" => RenderTarget::Html,
            "docx" => RenderTarget::Docx,
            "pdf" => RenderTarget::Pdf,
            "ofd" => RenderTarget::Ofd,
            "json" => RenderTarget::Json,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            RenderTarget::Txt => "txt",
            RenderTarget::Md => "md",
            RenderTarget::Html => "html",
            RenderTarget::Docx => "docx",
            RenderTarget::Pdf => "pdf",
            RenderTarget::Ofd => "ofd",
            RenderTarget::Json => "json",
        }
    }
}

/// The report's title as agencies print it: `{agency}{year}年政府信息公开工作年度报告`.
pub fn title(report: &AnnualReport) -> String {
    let agency = report.agency.as_deref().unwrap_or("");
    match report.year {
        Some(y) => format!("{agency}{y}年政府信息公开工作年度报告"),
        None => format!("{agency}政府信息公开工作年度报告"),
    }
}

/// Renders the report in the national layout. The bytes are UTF-8 for the text targets.
pub fn render(report: &AnnualReport, target: RenderTarget) -> Result<Vec<u8>, ReportError> {
    match target {
        RenderTarget::Txt => Ok(text::render(report).into_bytes()),
        RenderTarget::Md => Ok(markdown::render(report).into_bytes()),
        RenderTarget::Html => html::render(report).map(String::into_bytes),
        RenderTarget::Docx => docx::render(report),
        RenderTarget::Pdf => pdf::render(report),
        RenderTarget::Ofd => ofd::render(report),
        RenderTarget::Json => {
            let findings = validate(report);
            serde_json::to_vec_pretty(&crate::json::to_json(report, &findings, false))
                .map_err(|e| ReportError::Render(e.to_string()))
        }
    }
}

/// The report's own content in a page that [`render`] made as HTML (what `templates/report.html` puts in its
/// `<main>`: the title, the sections and the tables), for a site that shows it inside its own layout and
/// stylesheet; `None` for a page that is not one of ours.
pub fn html_content(page: &str) -> Option<&str> {
    let start = page.find("<main>")? + "<main>".len();
    let end = page.rfind("</main>")?;
    page.get(start..end)
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

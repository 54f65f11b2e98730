//! Publishing an annual report (条例第四十九条、第五十条): compiled again at the moment of publication, refused
//! while any error finding stands (report-formats §4: E blocks publication), refused while warnings are not
//! confirmed by a reviewer, a correction refused without its note; then rendered once (HTML, DOCX, PDF, JSON
//! figures) and kept as a new immutable version.

use gongkai_domain::agency::Agency;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::{
    Finding, Severity, sections_with_placeholders, validate_with_previous,
};
use gongkai_report::{RenderTarget, render};
use gongkai_store::{NewPublication, Publication};

use super::official::compile;
use crate::context::App;
use crate::error::AppError;
use crate::error_code::ErrorCode;

/// What the reviewer says with the publication.
#[derive(Debug, Clone, Default)]
pub struct PublishRequest {
    /// The reviewer read the warnings and confirms them.
    pub confirm_warnings: bool,
    /// For a correction: why this version replaces the one before.
    pub note: String,
}

/// Why nothing was published.
#[derive(Debug)]
pub enum PublishRefusal {
    /// Error findings: nothing can be published.
    Errors(Vec<Finding>),
    /// Warnings a reviewer has not confirmed.
    Unconfirmed(Vec<Finding>),
    /// Sections (1 to 6) that still hold a drafting placeholder such as `（待填写）`.
    Placeholders(Vec<usize>),
    /// A correction needs its note.
    NoteMissing,
    App(AppError),
}

impl PublishRefusal {
    /// Stable code, for the API and the console's message.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Errors(_) => ErrorCode::ReportHasErrors,
            Self::Unconfirmed(_) => ErrorCode::ReportUnconfirmedWarnings,
            Self::Placeholders(_) => ErrorCode::ReportPlaceholder,
            Self::NoteMissing => ErrorCode::ReportNoteMissing,
            Self::App(e) => e.code(),
        }
    }
}

impl PublishRefusal {
    /// The findings that stand in the way (none for a missing note or an error of the platform).
    pub fn findings(&self) -> &[Finding] {
        match self {
            Self::Errors(f) | Self::Unconfirmed(f) => f,
            Self::Placeholders(_) | Self::NoteMissing | Self::App(_) => &[],
        }
    }
}

impl From<AppError> for PublishRefusal {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl From<gongkai_store::StoreError> for PublishRefusal {
    fn from(e: gongkai_store::StoreError) -> Self {
        Self::App(e.into())
    }
}

/// Publishes `agency`'s report of `year` as a new version.
pub async fn publish(
    app: &App,
    agency: &Agency,
    year: i32,
    request: &PublishRequest,
    by: &ActorRef,
) -> Result<Publication, PublishRefusal> {
    let mut compiled = compile(&app.store, agency, year).await?;
    // 条例第四十九条: a published report is dated the day it is published, and D-03 judges that day against the
    // deadline of the agency's kind (the reviewer confirms a late publication like any other warning).
    compiled.report.dated = Some(app.today());
    compiled.findings = validate_with_previous(&compiled.report, Some(&compiled.previous));
    let (errors, warnings): (Vec<_>, Vec<_>) = compiled
        .findings
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(PublishRefusal::Errors(errors));
    }
    // 条例第五十条: the report states what happened; a drafting placeholder states nothing, and no reviewer's
    // confirmation makes it publishable.
    let unfinished = sections_with_placeholders(&compiled.report);
    if !unfinished.is_empty() {
        return Err(PublishRefusal::Placeholders(unfinished));
    }
    if !warnings.is_empty() && !request.confirm_warnings {
        return Err(PublishRefusal::Unconfirmed(warnings));
    }
    let earlier = app
        .store
        .publications_of(agency.id)
        .await?
        .iter()
        .any(|p| p.year == year);
    if earlier && request.note.trim().is_empty() {
        return Err(PublishRefusal::NoteMissing);
    }
    let report = compiled.report;
    // Typesetting the PDF and the OFD takes CPU for a moment; keep it off the request threads.
    let files = tokio::task::spawn_blocking(move || -> Result<_, String> {
        let one = |t| render(&report, t).map_err(|e| e.to_string());
        Ok((
            one(RenderTarget::Json)?,
            one(RenderTarget::Html)?,
            one(RenderTarget::Docx)?,
            one(RenderTarget::Pdf)?,
            one(RenderTarget::Ofd)?,
        ))
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::Internal)?;
    let (json, html, docx, pdf, ofd) = files;
    let new = NewPublication {
        agency: agency.id,
        year,
        note: request.note.trim().to_owned(),
        report_json: String::from_utf8_lossy(&json).into_owned(),
        html: String::from_utf8_lossy(&html).into_owned(),
        docx,
        pdf,
        ofd,
        published_on: app.today(),
    };
    let published = app.store.publish_report(&new, by).await?;
    // This node's search of reports finds it at once; other nodes within seconds.
    if let Err(e) = app.reports_search.sync(&app.store).await {
        tracing::warn!(error = %e, "reports' search index sync after a publication failed; the periodic sync retries");
    }
    Ok(published)
}

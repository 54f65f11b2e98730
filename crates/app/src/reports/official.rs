//! The annual report as the console, the API and the command line compile it: the report from the records,
//! checked across years against the report the agency actually published the year before — its latest
//! version published here, or else the one it imported from before it used gongkai — and only when neither
//! exists against the year before compiled from the records.

use gongkai_domain::agency::{Agency, AgencyId};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::message::{Arg, Args, Coded};
use gongkai_domain::report::{AnnualReport, validate_with_previous};
use gongkai_report::ReportError;
use gongkai_report::json::{from_json, to_json};
use gongkai_report::parse_bytes;
use gongkai_store::{ImportedReport, PublishedFile, Store};

use super::compile::{CompiledReport, compile_report};
use crate::error::AppError;

/// The report `agency` published for `year`, if any: here (latest version) or imported.
pub async fn official_report(
    store: &Store,
    agency: AgencyId,
    year: i32,
) -> Result<Option<AnnualReport>, AppError> {
    let json = match store
        .published_file(agency, year, None, PublishedFile::Json)
        .await?
    {
        Some((_, bytes)) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        None => store
            .imported_report(agency, year)
            .await?
            .map(|r| r.report_json),
    };
    json.map(|j| from_json(&j).map_err(|e| AppError::Internal(format!("report of {year}: {e}"))))
        .transpose()
}

/// `agency`'s report for `year` from its records, with the cross-year rules against the official previous
/// report when there is one.
pub async fn compile(
    store: &Store,
    agency: &Agency,
    year: i32,
) -> Result<CompiledReport, AppError> {
    let mut compiled = compile_report(store, agency, year).await?;
    if let Some(previous) = official_report(store, agency.id, year - 1).await? {
        compiled.findings = validate_with_previous(&compiled.report, Some(&previous));
        compiled.previous = previous;
    }
    Ok(compiled)
}

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Report(#[from] ReportError),
    /// The parsing task itself failed (a panic outside the guarded parser).
    #[error("{0}")]
    Unreadable(String),
    #[error("the report's year cannot be read from the file; give the year")]
    NoYear,
    #[error("{0}")]
    App(#[from] AppError),
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Report(_) | Self::Unreadable(_) => "report.import_unreadable",
            Self::NoYear => "report.import_no_year",
            Self::App(e) => e.code().as_str(),
        }
    }
}

/// What the command line prints: the report engine's or the store's own message where there is one.
impl Coded for ImportError {
    fn code(&self) -> &'static str {
        match self {
            Self::App(e) => Coded::code(e),
            _ => ImportError::code(self),
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::Report(e) => vec![("detail", Arg::said(e))],
            Self::Unreadable(detail) => vec![("detail", Arg::text(detail))],
            Self::App(e) => e.args(),
            Self::NoYear => Vec::new(),
        }
    }
}

/// Reads a published report (text, HTML, DOCX, PDF or the JSON contract) and keeps it as `agency`'s report
/// for its year (`year` when the file does not say).
pub async fn import(
    store: &Store,
    agency: &Agency,
    bytes: &[u8],
    name: &str,
    year: Option<i32>,
    by: &ActorRef,
) -> Result<ImportedReport, ImportError> {
    let owned = bytes.to_vec();
    let file = name.to_owned();
    let parsed = tokio::task::spawn_blocking(move || parse_bytes(&owned, Some(&file)))
        .await
        .map_err(|e| ImportError::Unreadable(e.to_string()))??;
    let year = year.or(parsed.year).ok_or(ImportError::NoYear)?;
    let mut report = parsed;
    report.year = Some(year);
    // The agency is known here: its kind, not a guess from the name, decides D-03 and D-08.
    report.agency_kind = Some(agency.profile.kind);
    let imported = ImportedReport {
        agency: agency.id,
        year,
        source_name: name.to_owned(),
        report_json: to_json(&report, &[], false).to_string(),
    };
    store
        .import_report(&imported, by)
        .await
        .map_err(AppError::from)?;
    Ok(imported)
}

//! The supervisor's oversight page (`/console/agencies/{agency}/oversight`): one row per agency of the subtree
//! with the year's figures from `gongkai_app::oversight`, each linking to its cases, and the same table as CSV
//! (`?format=csv`). Supervisors and administrators see it (`can::Oversee`); it holds figures only.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use gongkai_app::oversight::{OversightRow, oversee};
use gongkai_domain::oversight::ReportStanding;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::page_context;
use super::statistics::{FIRST_YEAR, year_asked};
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OversightQuery {
    pub year: Option<String>,
    /// `csv` for the export.
    pub format: Option<String>,
}

/// A row as the page and the export show it.
#[derive(Debug, Serialize)]
struct RowView {
    id: i64,
    name: String,
    depth: usize,
    received: u32,
    answered: u32,
    overdue_now: u32,
    answered_late: u32,
    published_late: u32,
    publication_overdue: u32,
    report_year: i32,
    /// in_time | published_late | not_yet_due | missing | unknown
    report: &'static str,
    report_late: bool,
    report_on: Option<String>,
    report_due: Option<String>,
    corrected: i64,
    decided: i64,
    /// Whole percent; `None` when nothing was decided.
    correction_percent: Option<i64>,
}

fn view(row: &OversightRow) -> RowView {
    let (on, due): (Option<NaiveDate>, Option<NaiveDate>) = match row.report {
        Some(ReportStanding::InTime { on }) => (Some(on), None),
        Some(ReportStanding::PublishedLate { on, due }) => (Some(on), Some(due)),
        Some(ReportStanding::NotYetDue { due } | ReportStanding::Missing { due }) => {
            (None, Some(due))
        }
        None => (None, None),
    };
    RowView {
        id: row.agency.0,
        name: row.name.clone(),
        depth: row.depth,
        received: row.received,
        answered: row.answered,
        overdue_now: row.overdue_now,
        answered_late: row.answered_late,
        published_late: row.published_late,
        publication_overdue: row.publication_overdue,
        report_year: row.report_year,
        report: row.report.map_or("unknown", ReportStanding::code),
        report_late: row.report.is_some_and(ReportStanding::is_late),
        report_on: on.map(|d| d.to_string()),
        report_due: due.map(|d| d.to_string()),
        corrected: row.appeals.corrected,
        decided: row.appeals.decided,
        correction_percent: row.appeals.percent(),
    }
}

/// The year asked for: this year when none is given (the page is about work under way).
fn year_of(given: Option<&str>, this_year: i32) -> Result<i32, WebError> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(this_year),
        Some(text) => year_asked(Some(text), this_year),
    }
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Query(query): Query<OversightQuery>,
    access: Access<can::Oversee>,
) -> Result<Response, WebError> {
    let today = state.today();
    let this_year = today.year();
    let year = year_of(query.year.as_deref(), this_year)?;
    let rows = oversee(&state, &access.tree, access.agency.id, year, today).await?;
    let rows: Vec<RowView> = rows.iter().map(view).collect();
    if query.format.as_deref() == Some("csv") {
        return csv_of(&state, lang, &rows, access.agency.id.0, year);
    }
    let years: Vec<i32> = (FIRST_YEAR..=this_year).rev().collect();
    let page = state.templates.render(
        "console/oversight.html",
        lang,
        context! {
            agency => ser(&access.agency),
            year => year,
            years => years,
            today => today.to_string(),
            rows => ser(&rows),
            ..page_context(&access.official)
        },
    )?;
    Ok(page.into_response())
}

/// The columns of the export, by their message keys, in the page's order.
const CSV_COLUMNS: [&str; 12] = [
    "oversight_agency",
    "oversight_received",
    "oversight_answered",
    "oversight_overdue_now",
    "oversight_answered_late",
    "oversight_published_late",
    "oversight_publication_overdue",
    "oversight_report_year",
    "oversight_report",
    "oversight_report_on",
    "oversight_corrected",
    "oversight_decided",
];

fn csv_of(
    state: &AppState,
    lang: Lang,
    rows: &[RowView],
    agency: i64,
    year: i32,
) -> Result<Response, WebError> {
    let words = state.templates.messages();
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    out.write_record(CSV_COLUMNS.map(|key| words.text(*lang, key)))
        .map_err(csv_error)?;
    for r in rows {
        let key = format!("oversight_report_{}", r.report);
        let report = words.text(*lang, &key).to_owned();
        out.write_record([
            r.name.clone(),
            r.received.to_string(),
            r.answered.to_string(),
            r.overdue_now.to_string(),
            r.answered_late.to_string(),
            r.published_late.to_string(),
            r.publication_overdue.to_string(),
            r.report_year.to_string(),
            report,
            r.report_on.clone().unwrap_or_default(),
            r.corrected.to_string(),
            r.decided.to_string(),
        ])
        .map_err(csv_error)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    let name = format!("attachment; filename=\"oversight-{agency}-{year}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_defaults_to_this_year() {
        assert_eq!(year_of(None, 2026).ok(), Some(2026));
        assert_eq!(year_of(Some(""), 2026).ok(), Some(2026));
        assert_eq!(year_of(Some("2023"), 2026).ok(), Some(2023));
        assert!(year_of(Some("2027"), 2026).is_err());
    }
}

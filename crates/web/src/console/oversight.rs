//! The supervisor's oversight page (`/console/agencies/{agency}/oversight`): one row per agency of the subtree
//! with the year's figures from `gongkai_app::oversight`, each linking to its cases, and the same table as CSV
//! (`?format=csv`). Supervisors and administrators see it (`can::Oversee`); it holds figures only.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use gongkai_app::oversight::{OversightRow, oversee, trend};
use gongkai_domain::oversight::ReportStanding;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::oversight_chart::{SEGMENTS, chart};
use super::oversight_export::{csv_of, xlsx_of};
use super::statistics::{FIRST_YEAR, year_asked};
use super::{allowed_actions, page_context};
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OversightQuery {
    pub year: Option<String>,
    /// `csv` or `xlsx` for the export.
    pub format: Option<String>,
}

/// A row as the page and the export show it.
#[derive(Debug, Serialize)]
pub(super) struct RowView {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) depth: usize,
    pub(super) received: u32,
    pub(super) answered: u32,
    pub(super) overdue_now: u32,
    pub(super) answered_late: u32,
    pub(super) published_late: u32,
    pub(super) publication_overdue: u32,
    pub(super) report_year: i32,
    /// in_time | published_late | not_yet_due | missing | unknown
    pub(super) report: &'static str,
    pub(super) report_late: bool,
    pub(super) report_on: Option<String>,
    pub(super) report_due: Option<String>,
    pub(super) corrected: i64,
    pub(super) decided: i64,
    /// Whole percent; `None` when nothing was decided.
    pub(super) correction_percent: Option<i64>,
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
    // Table 三 over the years, for the chart and the workbook's second sheet (the CSV has one table only).
    let trend = trend(&state, &access.tree, access.agency.id, FIRST_YEAR, year).await?;
    if query.format.as_deref() == Some("xlsx") {
        return xlsx_of(&state, lang, &rows, &trend, access.agency.id.0, year);
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
            chart => ser(&chart(&trend)),
            trend => ser(&trend),
            segments => SEGMENTS,
            // An administrator oversees without reading cases (三员分立): the figure is shown, not linked.
            read_cases => allowed_actions(&access.official, &access.agency, &access.tree).read_cases,
            ..page_context(&access.official)
        },
    )?;
    Ok(page.into_response())
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

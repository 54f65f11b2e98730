//! `/reports`: every agency's published annual reports, searchable by agency (with the agencies below it),
//! the year reported on, and the title or any text of the report; newest first when nothing is typed.

use axum::extract::{Query, State};
use axum::response::Html;
use gongkai_app::reports::{REPORTS_PER_PAGE, ReportRequest, search_reports};
use minijinja::context;
use serde::Serialize;

use crate::display::pages;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Serialize)]
struct ReportRow {
    agency: i64,
    agency_name: String,
    year: i32,
    title_html: String,
    snippet_html: String,
    published_on: String,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    Query(form): Query<ReportRequest>,
) -> Result<Html<String>, WebError> {
    let (names, options) = super::search::agency_choices(&state).await?;
    let found = search_reports(&state.app, &form, REPORTS_PER_PAGE).await?;
    let rows: Vec<ReportRow> = found
        .reports
        .into_iter()
        .map(|r| ReportRow {
            agency: r.agency.0,
            agency_name: names.get(&r.agency.0).cloned().unwrap_or_default(),
            year: r.year,
            title_html: r.hit.title_html,
            snippet_html: r.hit.snippet_html,
            published_on: crate::display::date_of_days(r.hit.published_on),
        })
        .collect();
    let base = format!(
        "/reports?q={}&agency={}&year={}&",
        crate::error::encode_path(form.q.trim()),
        crate::error::encode_path(form.agency.trim()),
        crate::error::encode_path(form.year.trim()),
    );
    let last_year = chrono::Datelike::year(&state.today()) - 1;
    state.templates.render(
        "portal/reports.html",
        lang,
        context! {
            q => form.q.trim(),
            year => form.year.trim().parse::<i32>().ok(),
            agency => form.agency.trim().parse::<i64>().ok(),
            searched => !form.q.trim().is_empty() || !form.year.trim().is_empty() || !form.agency.trim().is_empty(),
            total => found.total,
            at_least => found.total_is_lower_bound,
            reports => ser(&rows),
            page => found.page,
            pages => pages(found.total as u64, REPORTS_PER_PAGE as u32),
            base => base,
            years => (2008..=last_year).rev().collect::<Vec<i32>>(),
            agencies => options,
        },
    )
}

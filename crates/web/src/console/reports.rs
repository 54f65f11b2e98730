//! The annual report in the console (条例第四十九条、第五十条): compiled from the records for any year, with
//! the findings of every rule, the figures and section texts the agency enters (last year's text beside),
//! drafts to download, and publication — refused while an error finding stands, and only with a reviewer's
//! confirmation of the warnings.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::reports::{CompiledReport, compile_rollup};
use gongkai_domain::access::{Capability, authorize};
use gongkai_domain::report::compile_t2::{entered_cells, read_figures};
use gongkai_domain::report::layout::t2_blocks;
use gongkai_domain::report::{Finding, Format, Severity};
use gongkai_report::{RenderTarget, render};
use gongkai_store::{ReportInputStore, ReportInputs};
use minijinja::context;
use serde::Deserialize;

use super::page_context;
use crate::auth::{Access, Policy, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

/// The sections an agency writes (二 to 四 are the tables).
pub const WRITTEN_SECTIONS: [usize; 3] = [0, 4, 5];

/// A report year the platform can compile: from the 2019 format on, up to last year.
pub fn report_year(state: &AppState, year: i32) -> Result<i32, WebError> {
    Ok(gongkai_app::reports::compilable_year(state, year)?)
}

pub fn finding_view(f: &Finding, lang: Lang) -> minijinja::Value {
    context! {
        rule => f.rule,
        error => f.severity == Severity::Error,
        message => if lang == Lang::ZH { f.message.zh.clone() } else { f.message.en.clone() },
        // The cells in words (表二“行政许可”行…), not as the JSON contract's paths.
        cells => f.cells.iter().map(|c| gongkai_app::reports::cell_words(lang.0, c)).collect::<Vec<_>>(),
    }
}

pub async fn compiled<P: Policy>(
    state: &AppState,
    access: &Access<P>,
    year: i32,
) -> Result<CompiledReport, WebError> {
    Ok(gongkai_app::reports::compile(&state.store, &access.agency, year).await?)
}

/// `?rollup=1`: the agency's 汇总 over every agency below it instead of its own report.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct View {
    rollup: String,
}

impl View {
    fn rolled_up(&self) -> bool {
        matches!(self.rollup.as_str(), "1" | "true" | "on")
    }
}

/// The 汇总 of the agency and every agency below it, and the members' names.
async fn rollup<P: Policy>(
    state: &AppState,
    access: &Access<P>,
    year: i32,
) -> Result<(CompiledReport, Vec<String>), WebError> {
    let rolled = compile_rollup(&state.store, &access.agency, year).await?;
    let members = rolled
        .members
        .iter()
        .map(|(a, _)| a.profile.name.clone())
        .collect();
    Ok((rolled.summary, members))
}

/// The report page, with `problem` (a message key) when the last action was refused.
pub async fn render_page<P: Policy>(
    state: &AppState,
    lang: Lang,
    access: &Access<P>,
    year: i32,
    problem: Option<&str>,
) -> Result<Response, WebError> {
    render_view(state, lang, access, year, problem, false, None).await
}

async fn render_view<P: Policy>(
    state: &AppState,
    lang: Lang,
    access: &Access<P>,
    year: i32,
    problem: Option<&str>,
    rolled_up: bool,
    flash: Option<String>,
) -> Result<Response, WebError> {
    let has_children = access.tree.subtree(access.agency.id).len() > 1;
    let (compiled, members) = if rolled_up && has_children {
        rollup(state, access, year).await?
    } else {
        (compiled(state, access, year).await?, Vec::new())
    };
    let rolled_up = !members.is_empty();
    let inputs = state.store.report_inputs(access.agency.id, year).await?;
    let format = Format::for_year(year);
    let findings: Vec<_> = compiled
        .findings
        .iter()
        .map(|f| finding_view(f, lang))
        .collect();
    let errors = compiled
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let figures: Vec<_> = t2_blocks(format)
        .iter()
        .filter(|b| b.key != "a20_1")
        .map(|b| {
            let rows: Vec<_> = b
                .rows
                .iter()
                .map(|r| {
                    let cells: Vec<_> = b
                        .cols
                        .iter()
                        .map(|c| {
                            let path = format!("t2.{}.{}.{}", b.key, r.key, c.key);
                            let value = inputs.figures.get(&path).cloned().unwrap_or_default();
                            context! { path => path, label => c.label, value => value }
                        })
                        .collect();
                    context! { label => r.label, cells => cells }
                })
                .collect();
            context! { title => b.title, rows => rows }
        })
        .collect();
    let sections: Vec<_> = WRITTEN_SECTIONS
        .iter()
        .map(|&i| {
            let heading = compiled.report.sections[i].as_ref().map(|s| s.heading.clone());
            let previous = compiled.previous.sections[i].as_ref().map(|s| s.body.clone());
            context! { field => format!("s{}", i + 1), heading => heading, text => inputs.sections[i].clone(),
                       compiled => compiled.report.sections[i].as_ref().map(|s| s.body.clone()), previous => previous }
        })
        .collect();
    let actor = access.official.actor();
    let may = |c| authorize(&actor, c, access.agency.id, &access.tree).is_ok();
    let publications: Vec<_> = state
        .store
        .publications_of(access.agency.id)
        .await?
        .into_iter()
        .filter(|p| p.year == year)
        .map(|p| context! { version => p.version, note => p.note, published_on => p.published_on.to_string() })
        .collect();
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = state.templates.render(
        "console/report.html",
        lang,
        context! {
            agency => ser(&access.agency), year => year, format => format.code(),
            years => (2019..=chrono::Datelike::year(&state.today()) - 1).collect::<Vec<_>>(),
            findings => findings, errors => errors, figures => figures, sections => sections,
            publications => publications, problem => problem, flash => flash,
            has_children => has_children, rollup => rolled_up, members => members,
            may_handle => may(Capability::HandleRecords), may_review => may(Capability::ReviewRecords),
            ..page_context(&access.official)
        },
    )?;
    Ok((status, page).into_response())
}

/// `/console/agencies/{agency}/reports`: last year's report, the one due by 31 January (条例第四十九条).
pub async fn index(State(state): State<AppState>, access: Access<can::ViewAgency>) -> Response {
    let last = chrono::Datelike::year(&state.today()) - 1;
    Redirect::to(&format!(
        "/console/agencies/{}/reports/{last}",
        access.agency.id.0
    ))
    .into_response()
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    access: Access<can::ViewAgency>,
    Path((_, year)): Path<(i64, i32)>,
    Query(view): Query<View>,
) -> Result<Response, WebError> {
    // After a publication, its message once (set by `report_publish::from_console`).
    let message = super::flash::message(&state, lang, &headers, &["report_publish"]);
    let shown = message.is_some();
    let year = report_year(&state, year)?;
    let mut page =
        render_view(&state, lang, &access, year, None, view.rolled_up(), message).await?;
    if shown {
        let path = format!("/console/agencies/{}/reports/{year}", access.agency.id.0);
        page.headers_mut()
            .append(SET_COOKIE, super::flash::clear(&state, &path));
    }
    Ok(page)
}

/// A draft rendering of the compiled report: `draft.html`, `draft.docx`, `draft.pdf`, `draft.ofd` or
/// `draft.json`.
pub async fn draft(
    State(state): State<AppState>,
    access: Access<can::ViewAgency>,
    Path((_, year, file)): Path<(i64, i32, String)>,
    Query(view): Query<View>,
) -> Result<Response, WebError> {
    let year = report_year(&state, year)?;
    let (target, mime) = match file.as_str() {
        "draft.html" => (RenderTarget::Html, "text/html; charset=utf-8"),
        "draft.docx" => (
            RenderTarget::Docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "draft.pdf" => (RenderTarget::Pdf, "application/pdf"),
        "draft.ofd" => (RenderTarget::Ofd, "application/ofd"),
        "draft.json" => (RenderTarget::Json, "application/json"),
        _ => return Err(WebError::NotFound),
    };
    let report = if view.rolled_up() {
        rollup(&state, &access, year).await?.0.report
    } else {
        compiled(&state, &access, year).await?.report
    };
    let bytes = tokio::task::spawn_blocking(move || render(&report, target))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, mime)], bytes).into_response())
}

/// The figures and section texts as the form sends them: `t2.…` cells and `s1`, `s5`, `s6`.
pub async fn save_inputs(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    Path((_, year)): Path<(i64, i32)>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let year = report_year(&state, year)?;
    let format = Format::for_year(year);
    let known: Vec<String> = entered_cells(format).into_iter().map(|(p, _)| p).collect();
    let figures: BTreeMap<String, String> = form
        .iter()
        .filter(|(k, _)| k.starts_with("t2."))
        .map(|(k, v)| (k.clone(), v.trim().to_owned()))
        .collect();
    // A cell the format does not have can only come from a forged form.
    if read_figures(format, &figures).is_err() || figures.keys().any(|k| !known.contains(k)) {
        return render_page(
            &state,
            lang,
            &access,
            year,
            Some("error_report_unknown_cell"),
        )
        .await;
    }
    let mut inputs = ReportInputs {
        figures: figures.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
        ..ReportInputs::default()
    };
    for i in WRITTEN_SECTIONS {
        inputs.sections[i] = form
            .get(&format!("s{}", i + 1))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default();
    }
    state
        .store
        .save_report_inputs(
            access.agency.id,
            year,
            &inputs,
            &access.official.actor_ref(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/console/agencies/{}/reports/{year}",
        access.agency.id.0
    ))
    .into_response())
}

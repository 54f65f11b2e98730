//! Publishing an annual report: compiled again at the moment of publication, refused while any error finding
//! stands (report-formats §4: E blocks publication), refused while warnings are not confirmed by a reviewer,
//! then rendered once (HTML, DOCX, PDF, JSON figures) and kept as a new immutable version.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use gongkai_domain::report::{Finding, Severity};
use gongkai_report::{RenderTarget, render};
use gongkai_store::{NewPublication, Publication};
use serde::Deserialize;

use super::reports::{compiled, render_page, report_year};
use crate::auth::{Access, can};
use crate::clock::beijing_today;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    /// The reviewer read the warnings and confirms them ("on" from a checkbox, or true in JSON).
    #[serde(deserialize_with = "checkbox")]
    confirm_warnings: bool,
    /// For a correction: why this version replaces the one before.
    note: String,
}

fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Text(String),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Bool(b) => b,
        Raw::Text(t) => matches!(t.as_str(), "on" | "true" | "1" | "yes"),
    })
}

enum Refusal {
    /// Error findings: nothing can be published.
    Errors(Vec<Finding>),
    /// Warnings a reviewer has not confirmed.
    Unconfirmed(Vec<Finding>),
    /// A correction needs its note.
    NoteMissing,
    Web(WebError),
}

impl From<WebError> for Refusal {
    fn from(e: WebError) -> Self {
        Self::Web(e)
    }
}

async fn publish(
    state: &AppState,
    access: &Access<can::ReviewRecords>,
    year: i32,
    form: &PublishForm,
) -> Result<Publication, Refusal> {
    let compiled = compiled(state, access, year).await?;
    let (errors, warnings): (Vec<_>, Vec<_>) = compiled
        .findings
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(Refusal::Errors(errors));
    }
    if !warnings.is_empty() && !form.confirm_warnings {
        return Err(Refusal::Unconfirmed(warnings));
    }
    let earlier = state
        .store
        .publications_of(access.agency.id)
        .await
        .map_err(WebError::from)?
        .iter()
        .any(|p| p.year == year);
    if earlier && form.note.trim().is_empty() {
        return Err(Refusal::NoteMissing);
    }
    let report = compiled.report;
    let files = tokio::task::spawn_blocking(move || -> Result<_, String> {
        let one = |t| render(&report, t).map_err(|e| e.to_string());
        Ok((
            one(RenderTarget::Json)?,
            one(RenderTarget::Html)?,
            one(RenderTarget::Docx)?,
            one(RenderTarget::Pdf)?,
        ))
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))?
    .map_err(WebError::Internal)?;
    let (json, html, docx, pdf) = files;
    let new = NewPublication {
        agency: access.agency.id,
        year,
        note: form.note.trim().to_owned(),
        report_json: String::from_utf8_lossy(&json).into_owned(),
        html: String::from_utf8_lossy(&html).into_owned(),
        docx,
        pdf,
        published_on: beijing_today(),
    };
    Ok(state
        .store
        .publish_report(&new, &access.official.actor_ref())
        .await
        .map_err(WebError::from)?)
}

pub async fn from_console(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ReviewRecords>,
    Path((_, year)): Path<(i64, i32)>,
    Form(form): Form<PublishForm>,
) -> Result<Response, WebError> {
    let year = report_year(year)?;
    let problem = match publish(&state, &access, year, &form).await {
        Ok(_) => {
            return Ok(Redirect::to(&format!(
                "/console/agencies/{}/reports/{year}",
                access.agency.id.0
            ))
            .into_response());
        }
        Err(Refusal::Errors(_)) => "error_report_has_errors",
        Err(Refusal::Unconfirmed(_)) => "error_report_unconfirmed_warnings",
        Err(Refusal::NoteMissing) => "error_report_note_missing",
        Err(Refusal::Web(e)) => return Err(e),
    };
    render_page(&state, lang, &access, year, Some(problem)).await
}

/// `POST /api/v1/agencies/{agency}/reports/{year}/publish` for a signed-in reviewer (session cookie and the
/// `X-CSRF-Token` header): 201 with the version, or 422 with the findings that stand in the way.
pub async fn from_api(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ReviewRecords>,
    Path((_, year)): Path<(i64, i32)>,
    Json(form): Json<PublishForm>,
) -> Result<Response, WebError> {
    let year = report_year(year)?;
    let refused = |code: &str, findings: &[Finding]| {
        let message = state
            .views
            .messages()
            .text(*lang, &crate::pages::error_key(code))
            .to_owned();
        let findings: Vec<_> = findings
            .iter()
            .map(|f| {
                serde_json::json!({ "rule": f.rule, "severity": f.severity.code(), "cells": f.cells,
                "message": if lang == Lang::ZH { &f.message.zh } else { &f.message.en } })
            })
            .collect();
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({ "error": code, "message": message, "findings": findings })),
        )
            .into_response()
    };
    Ok(match publish(&state, &access, year, &form).await {
        Ok(p) => {
            let base = format!("/agencies/{}/reports/{year}/v{}", p.agency.0, p.version);
            (
                StatusCode::CREATED,
                Json(serde_json::json!({
                    "year": year, "version": p.version, "published_on": p.published_on.to_string(),
                    "html": base, "docx": format!("{base}.docx"), "pdf": format!("{base}.pdf"),
                    "json": format!("{base}.json"),
                })),
            )
                .into_response()
        }
        Err(Refusal::Errors(f)) => refused("report.has_errors", &f),
        Err(Refusal::Unconfirmed(f)) => refused("report.unconfirmed_warnings", &f),
        Err(Refusal::NoteMissing) => refused("report.note_missing", &[]),
        Err(Refusal::Web(e)) => return Err(e),
    })
}

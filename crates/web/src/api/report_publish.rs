//! `POST /api/v1/agencies/{agency}/reports/{year}/publish` for a signed-in reviewer (session cookie and the
//! `X-CSRF-Token` header): 201 with the version, or 422 with the findings that stand in the way.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_app::reports::{PublishRefusal, PublishRequest, compilable_year, publish};
use gongkai_domain::report::Finding;
use serde::Deserialize;

use crate::auth::{Access, can};
use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishBody {
    /// The reviewer read the warnings and confirms them.
    #[serde(deserialize_with = "crate::forms::checkbox")]
    confirm_warnings: bool,
    /// For a correction: why this version replaces the one before.
    note: String,
}

pub async fn publish_report(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ReviewRecords>,
    Path((_, year)): Path<(i64, i32)>,
    Json(body): Json<PublishBody>,
) -> Result<Response, WebError> {
    let year = compilable_year(&state, year)?;
    let refused = |code: ErrorCode, findings: &[Finding]| {
        let message = state
            .templates
            .messages()
            .text(*lang, code.message_key())
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
            Json(serde_json::json!({ "error": code.as_str(), "message": message, "findings": findings })),
        )
            .into_response()
    };
    let request = PublishRequest {
        confirm_warnings: body.confirm_warnings,
        note: body.note,
    };
    let by = access.official.actor_ref();
    Ok(
        match publish(&state, &access.agency, year, &request, &by).await {
            Ok(p) => {
                let base = format!("/agencies/{}/reports/{year}/v{}", p.agency.0, p.version);
                (
                StatusCode::CREATED,
                Json(serde_json::json!({
                    "year": year, "version": p.version, "published_on": p.published_on.to_string(),
                    "html": base, "docx": format!("{base}.docx"), "pdf": format!("{base}.pdf"),
                    "ofd": format!("{base}.ofd"), "json": format!("{base}.json"),
                })),
            )
                .into_response()
            }
            Err(PublishRefusal::App(e)) => return Err(e.into()),
            Err(refusal) => refused(refusal.code(), refusal.findings()),
        },
    )
}

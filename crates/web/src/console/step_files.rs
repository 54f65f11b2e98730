//! The files a caseworker attaches to a step: what a correction sent on paper or by e-mail came with
//! (条例第三十条), and the documents a decision discloses (条例第三十六条第（一）（二）项). The step's form is sent as
//! multipart when it carries files (its CSRF token then in the address, as the guard reads it), and URL-encoded
//! otherwise. A decision's files are kept when its letter is previewed and named by digest in the confirm form,
//! where they are read back and checked again.

use axum::Form;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use gongkai_app::applications::respond::{ResponseRefusal, Upload, files_kept_before, keep_files};
use gongkai_domain::application::event::Event;
use gongkai_domain::application::outcome::Outcome;
use gongkai_store::{FilePurpose, NewApplicationFile};
use serde::de::DeserializeOwned;

use super::applications::Problem;
use crate::error::{ErrorCode, WebError};
use crate::state::AppState;

/// The form's fields and its files (`files`), from either encoding.
pub async fn read_request<F: DeserializeOwned>(
    state: &AppState,
    request: Request,
) -> Result<(F, Vec<Upload>), WebError> {
    let bad = || WebError::BadRequest(ErrorCode::HttpBadRequest);
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("multipart/form-data"));
    if !multipart {
        let Form(form) = Form::<F>::from_request(request, state)
            .await
            .map_err(|_| bad())?;
        return Ok((form, Vec::new()));
    }
    let mut parts = Multipart::from_request(request, state)
        .await
        .map_err(|_| bad())?;
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut uploads = Vec::new();
    while let Some(field) = parts.next_field().await.map_err(|_| WebError::TooLarge)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "files" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(|_| WebError::TooLarge)?;
            // An empty file input sends an empty part: no file attached.
            if !(file_name.trim().is_empty() && bytes.is_empty()) {
                uploads.push(Upload {
                    name: file_name,
                    bytes: bytes.to_vec(),
                });
            }
        } else {
            fields.push((name, field.text().await.map_err(|_| bad())?));
        }
    }
    // The text fields read as the URL-encoded form would be, so both encodings give the same form.
    let encoded = serde_urlencoded::to_string(&fields).map_err(|_| bad())?;
    let form = serde_urlencoded::from_str(&encoded).map_err(|_| bad())?;
    Ok((form, uploads))
}

fn problem(refusal: ResponseRefusal) -> Result<Problem, WebError> {
    Ok(match refusal {
        ResponseRefusal::Field { said, .. } => Problem::Said(said),
        ResponseRefusal::NotNow | ResponseRefusal::Changed => {
            Problem::Key("error_application_step_not_allowed")
        }
        ResponseRefusal::App(e) => return Err(e.into()),
    })
}

/// The files of `event`: a correction's are kept now and named in it; a decision's are kept now and added
/// to `kept` (the digests the confirm form carries), and those already named there are read back. Files on
/// any other step, or on a decision that discloses nothing, are refused.
pub async fn files_for(
    state: &AppState,
    event: &mut Event,
    uploads: &[Upload],
    kept: &mut String,
) -> Result<Result<Vec<NewApplicationFile>, Problem>, WebError> {
    match event {
        Event::CorrectionReceived { files, .. } => {
            match keep_files(state, uploads, FilePurpose::Correction).await {
                Ok(new) => {
                    *files = new.iter().map(|f| f.sha256.clone()).collect();
                    Ok(Ok(new))
                }
                Err(e) => problem(e).map(Err),
            }
        }
        Event::Decided(decision) => {
            let mut named: Vec<(String, String)> = if kept.trim().is_empty() {
                Vec::new()
            } else {
                serde_json::from_str(kept)
                    .map_err(|_| WebError::BadRequest(ErrorCode::HttpBadRequest))?
            };
            if named.is_empty() && uploads.is_empty() {
                return Ok(Ok(Vec::new()));
            }
            // 条例第三十六条第（一）（二）项: documents are served with a decision that discloses, in whole or in part.
            if !matches!(decision.outcome, Outcome::Open | Outcome::Partial) {
                return Ok(Err(Problem::Key("error_disclosed_files_outcome")));
            }
            match keep_files(state, uploads, FilePurpose::Disclosed).await {
                Ok(new) => named.extend(new.into_iter().map(|f| (f.name, f.sha256))),
                Err(e) => return problem(e).map(Err),
            }
            *kept = serde_json::to_string(&named)
                .map_err(|e| WebError::from(gongkai_app::AppError::internal(e)))?;
            match files_kept_before(state, &named, FilePurpose::Disclosed).await {
                Ok(files) => Ok(Ok(files)),
                Err(e) => problem(e).map(Err),
            }
        }
        _ if uploads.is_empty() => Ok(Ok(Vec::new())),
        _ => Ok(Err(Problem::Key("error_files_not_for_step"))),
    }
}

//! The letters served on an applicant, for the applicant (with the tracking number and query code) and for the
//! handling agency's caseworkers: the bytes exactly as they were served.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_domain::application::intake::QueryCode;
use gongkai_store::{ApplicationStore, LetterFile, StoredApplication};

use crate::api::applications::StatusParams;
use crate::error::{ErrorCode, WebError};
use crate::state::AppState;

/// `{id}.pdf` or `{id}.docx` of one of `app`'s letters.
pub async fn send(
    state: &AppState,
    app: &StoredApplication,
    file: &str,
) -> Result<Response, WebError> {
    let (id, kind, mime) = match file.rsplit_once('.') {
        Some((id, "pdf")) => (id, LetterFile::Pdf, "application/pdf"),
        Some((id, "docx")) => (
            id,
            LetterFile::Docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        _ => return Err(WebError::NotFound),
    };
    let id = id.parse::<i64>().map_err(|_| WebError::NotFound)?;
    let bytes = state
        .store
        .application_letter_file(app.id, id, kind)
        .await?
        .ok_or(WebError::NotFound)?;
    let name = format!(
        "{}-{id}.{}",
        app.tracking_no,
        file.rsplit('.').next().unwrap_or("pdf")
    );
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /status/letters/{file}?tracking_no=&query_code=`: a wrong code answers like an unknown number.
pub async fn for_applicant(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<StatusParams>,
) -> Result<Response, WebError> {
    let app = state
        .store
        .application_by_tracking_no(&params.tracking_no)
        .await?
        .filter(|a| QueryCode::verify_hash(&a.query_code_hash, &params.query_code))
        .ok_or(WebError::NotFoundAs(ErrorCode::ApplicationNotFound))?;
    send(&state, &app, &file).await
}

//! Published annual reports on the portal, as they were published: the HTML page, the DOCX and PDF, and the
//! JSON figures of each version (`/agencies/{id}/reports/{year}/v{n}[.pdf|.docx|.json]`); the year's address
//! without a version is its latest.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use gongkai_domain::agency::AgencyId;
use gongkai_store::PublishedFile;

use crate::error::WebError;
use crate::state::AppState;

async fn send(
    state: &AppState,
    id: i64,
    year: i32,
    version: Option<i64>,
    file: PublishedFile,
) -> Result<Response, WebError> {
    let (publication, bytes) = state
        .store
        .published_file(AgencyId(id), year, version, file)
        .await?
        .ok_or(WebError::NotFound)?;
    let mime = match file {
        PublishedFile::Html => "text/html; charset=utf-8",
        PublishedFile::Json => "application/json",
        PublishedFile::Pdf => "application/pdf",
        PublishedFile::Docx => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    };
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if matches!(file, PublishedFile::Docx | PublishedFile::Pdf) {
        let ext = if file == PublishedFile::Pdf {
            "pdf"
        } else {
            "docx"
        };
        let disposition = format!(
            "attachment; filename=\"report-{id}-{year}-v{}.{ext}\"",
            publication.version
        );
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
    }
    Ok((headers, bytes).into_response())
}

/// `/agencies/{id}/reports/{year}`: the latest version's page.
pub async fn latest(
    State(state): State<AppState>,
    Path((id, year)): Path<(i64, i32)>,
) -> Result<Response, WebError> {
    send(&state, id, year, None, PublishedFile::Html).await
}

/// `/agencies/{id}/reports/{year}/v{n}` and its `.pdf`, `.docx`, `.json`.
pub async fn version(
    State(state): State<AppState>,
    Path((id, year, file)): Path<(i64, i32, String)>,
) -> Result<Response, WebError> {
    let (stem, kind) = match file.rsplit_once('.') {
        Some((stem, "pdf")) => (stem, PublishedFile::Pdf),
        Some((stem, "docx")) => (stem, PublishedFile::Docx),
        Some((stem, "json")) => (stem, PublishedFile::Json),
        Some(_) => return Err(WebError::NotFound),
        None => (file.as_str(), PublishedFile::Html),
    };
    let version = stem
        .strip_prefix('v')
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n > 0)
        .ok_or(WebError::NotFound)?;
    send(&state, id, year, Some(version), kind).await
}

//! Published annual reports on the portal, as they were published: the HTML page, the DOCX, PDF and OFD, and
//! the JSON figures of each version (`/agencies/{id}/reports/{year}/v{n}[.pdf|.docx|.ofd|.json]`); the year's address
//! without a version is its latest. The page shows the published report's content inside the site's layout
//! (header, navigation, a way back to the agency's reports) and stylesheet: the published document's own
//! inline `<style>` would be blocked by the site's Content Security Policy, which stays as strict as it is.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use gongkai_app::reports::published_file;
use gongkai_domain::agency::AgencyId;
use gongkai_store::{AgencyStore, PublishedFile};

use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

async fn send(
    state: &AppState,
    id: i64,
    year: i32,
    version: Option<i64>,
    file: PublishedFile,
) -> Result<Response, WebError> {
    let (publication, bytes) = published_file(state, AgencyId(id), year, version, file)
        .await?
        .ok_or(WebError::NotFound)?;
    let mime = match file {
        PublishedFile::Html => "text/html; charset=utf-8",
        PublishedFile::Json => "application/json",
        PublishedFile::Pdf => "application/pdf",
        // GB/T 33190 registers no media type; this is the one OFD readers and government sites use.
        PublishedFile::Ofd => "application/ofd",
        PublishedFile::Docx => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    };
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    let ext = match file {
        PublishedFile::Pdf => Some("pdf"),
        PublishedFile::Docx => Some("docx"),
        PublishedFile::Ofd => Some("ofd"),
        PublishedFile::Html | PublishedFile::Json => None,
    };
    if let Some(ext) = ext {
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

/// The published version's page in the site's layout; a stored page that is not the report renderer's
/// (none is, today) goes out as it was stored.
async fn page(
    state: &AppState,
    lang: Lang,
    id: i64,
    year: i32,
    version: Option<i64>,
) -> Result<Response, WebError> {
    let agency = state
        .store
        .agency(AgencyId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let (publication, bytes) = state
        .store
        .published_file(agency.id, year, version, PublishedFile::Html)
        .await?
        .ok_or(WebError::NotFound)?;
    let document = String::from_utf8_lossy(&bytes);
    let Some(content) = gongkai_report::render::html_content(&document) else {
        return send(state, id, year, version, PublishedFile::Html).await;
    };
    let html = state.templates.render(
        "portal/report.html",
        lang,
        minijinja::context! {
            agency => ser(&agency),
            year => year,
            version => publication.version,
            published_on => publication.published_on.to_string(),
            // The report renderer's own output, stored when it was published: its text is escaped there.
            content => minijinja::Value::from_safe_string(content.to_owned()),
        },
    )?;
    Ok(html.into_response())
}

/// `/agencies/{id}/reports/{year}`: the latest version's page.
pub async fn latest(
    State(state): State<AppState>,
    lang: Lang,
    Path((id, year)): Path<(i64, i32)>,
) -> Result<Response, WebError> {
    page(&state, lang, id, year, None).await
}

/// `/agencies/{id}/reports/{year}/v{n}` and its `.pdf`, `.docx`, `.ofd`, `.json`.
pub async fn version(
    State(state): State<AppState>,
    lang: Lang,
    Path((id, year, file)): Path<(i64, i32, String)>,
) -> Result<Response, WebError> {
    let (stem, kind) = match file.rsplit_once('.') {
        Some((stem, "pdf")) => (stem, PublishedFile::Pdf),
        Some((stem, "docx")) => (stem, PublishedFile::Docx),
        Some((stem, "ofd")) => (stem, PublishedFile::Ofd),
        Some((stem, "json")) => (stem, PublishedFile::Json),
        Some(_) => return Err(WebError::NotFound),
        None => (file.as_str(), PublishedFile::Html),
    };
    let version = stem
        .strip_prefix('v')
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n > 0)
        .ok_or(WebError::NotFound)?;
    if kind == PublishedFile::Html {
        return page(&state, lang, id, year, Some(version)).await;
    }
    send(&state, id, year, Some(version), kind).await
}

//! A file served for download, as the portal and the console both serve kept letters: its type, its name, and
//! never kept by a shared cache (a letter names the applicant).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::LetterDownload;
use gongkai_store::AttachmentRecord;

pub fn private_file(file: LetterDownload) -> Response {
    (
        [
            (header::CONTENT_TYPE, file.mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.file_name),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response()
}

/// A catalogue item's attachment with the type it was checked to be and its original name, opened in the
/// browser; `cache` says who may keep it (public once published, no one before). The bytes stream from the
/// store one chunk at a time.
pub async fn attachment(
    state: &crate::state::AppState,
    record: &AttachmentRecord,
    cache: &'static str,
) -> Result<Response, crate::error::WebError> {
    use futures_util::TryStreamExt;
    let (blob, chunks) = gongkai_app::attachments::open(&state.store, &record.sha256).await?;
    let body = axum::body::Body::from_stream(chunks.map_ok(axum::body::Bytes::from));
    let disposition = format!(
        "inline; filename*=UTF-8''{}",
        crate::templates::attachment_name(&record.file_name)
    );
    Ok((
        [
            (header::CONTENT_TYPE, record.mime.clone()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, cache.to_owned()),
            (header::ETAG, format!("\"{}\"", record.sha256)),
            (header::CONTENT_LENGTH, blob.size.to_string()),
        ],
        body,
    )
        .into_response())
}

/// Whether the request's `If-None-Match` names the file with this digest (or `*`).
pub fn etag_matches(headers: &axum::http::HeaderMap, sha256: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/").trim_matches('"'))
        .any(|tag| tag == "*" || tag == sha256)
}

/// 304: the copy the client holds is still the file.
pub fn not_modified(sha256: &str) -> Response {
    (
        axum::http::StatusCode::NOT_MODIFIED,
        [
            (header::ETAG, format!("\"{sha256}\"")),
            (header::CACHE_CONTROL, "public, no-cache".to_owned()),
        ],
    )
        .into_response()
}

/// A file kept on an application (a correction's attachment, a disclosed document), for its applicant or the
/// handling agency's staff: its own type, the name it came with (RFC 5987, so that a Chinese name survives).
pub fn kept_file(file: &gongkai_store::StoredApplicationFile, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, file.media_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename*=UTF-8''{}",
                    crate::templates::attachment_name(&file.name)
                ),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// A PDF to open in the browser and print (a 回执, a blank form): shown inline, never kept by a shared cache.
pub fn printable_pdf(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

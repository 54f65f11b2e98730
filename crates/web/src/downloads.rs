//! A file served for download, as the portal and the console both serve kept letters: its type, its name, and
//! never kept by a shared cache (a letter names the applicant).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::LetterDownload;

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

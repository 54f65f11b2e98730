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

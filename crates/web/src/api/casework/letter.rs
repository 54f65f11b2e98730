//! `GET /api/v1/agencies/{agency}/applications/{tracking_no}/letters/{id}.pdf|.docx|.txt`: a letter exactly as
//! it was served, for the same credentials that read the application.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::{Reader, letter_file};
use gongkai_store::ApplicationStore;

use super::find;
use crate::auth::caller::Caller;
use crate::auth::can;
use crate::error::WebError;
use crate::state::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/agencies/{agency}/applications/{tracking_no}/letters/{file}",
    params(
        ("agency" = i64, Path, description = "api.param.agency"),
        ("tracking_no" = String, Path, description = "api.param.tracking_no"),
        ("file" = String, Path, description = "{id}.pdf | {id}.docx | {id}.txt")
    ),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "api.casework.letter.200"),
        (status = 401, description = "api.casework.auth.401"),
        (status = 403, description = "api.casework.auth.403"),
        (status = 404, description = "api.casework.show.404")
    )
)]
pub async fn download(
    State(state): State<AppState>,
    caller: Caller<can::HandleRecords>,
    Path(path): Path<(i64, String, String)>,
) -> Result<Response, WebError> {
    let (_, tracking_no, file) = path;
    let app = find(&state, &caller, &tracking_no).await?;
    if let Some(id) = file.strip_suffix(".txt") {
        // The letter's text as kept with it when it was served.
        let id = id.parse::<i64>().map_err(|_| WebError::NotFound)?;
        let letters = state.store.application_letters(app.id).await?;
        let letter = letters
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(WebError::NotFound)?;
        return Ok((
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            letter.text,
        )
            .into_response());
    }
    let file = letter_file(&state.store, &app, &file, Reader::Staff).await?;
    Ok(crate::downloads::private_file(file))
}

//! The blank 申请表 of an agency for paper applications (条例第二十九条), linked from the apply page and the
//! guide: `/agencies/{id}/apply/form.docx` and `/agencies/{id}/apply/form.pdf`.

use axum::extract::{Path, State};
use axum::response::Response;
use gongkai_app::applications::forms::{FormFile, application_form};
use gongkai_domain::agency::AgencyId;

use crate::error::WebError;
use crate::state::AppState;

async fn send(state: &AppState, id: i64, file: FormFile) -> Result<Response, WebError> {
    let form = match application_form(state, AgencyId(id), file).await {
        Ok(form) => form,
        Err(gongkai_app::AppError::NotFound(_)) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    };
    Ok(crate::downloads::private_file(form))
}

/// `GET /agencies/{id}/apply/form.docx`
pub async fn docx(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    send(&state, id, FormFile::Docx).await
}

/// `GET /agencies/{id}/apply/form.pdf`
pub async fn pdf(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, WebError> {
    send(&state, id, FormFile::Pdf).await
}

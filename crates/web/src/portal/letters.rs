//! The letters served on an applicant, for the applicant (with the tracking number and query code) and for the
//! handling agency's caseworkers: the bytes exactly as they were served.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use gongkai_app::applications::{Reader, lookup};

use crate::error::WebError;
use crate::models::application::StatusParams;
use crate::state::AppState;

/// `GET /status/letters/{file}?tracking_no=&query_code=`: a wrong code answers like an unknown number.
pub async fn for_applicant(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<StatusParams>,
) -> Result<Response, WebError> {
    let app = lookup::for_applicant(&state, &params.tracking_no, &params.query_code).await?;
    let file = gongkai_app::applications::letter_file(&state.store, &app, &file, Reader::Applicant)
        .await?;
    Ok(crate::downloads::private_file(file))
}

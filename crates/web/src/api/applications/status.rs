//! `GET /api/v1/applications/status`: the public status, by tracking number and query code, without any of
//! the applicant's personal data.

use axum::Json;
use axum::extract::{Query, State};
use gongkai_app::applications::status::public_status;

use crate::error::WebError;
use crate::i18n::Lang;
use crate::models::application::{PublicStatus, StatusParams};
use crate::state::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/applications/status",
    params(StatusParams),
    responses(
        (status = 200, description = "api.applications.status.200", body = PublicStatus),
        (status = 404, description = "api.applications.status.404")
    )
)]
pub async fn status(
    State(state): State<AppState>,
    lang: Lang,
    Query(params): Query<StatusParams>,
) -> Result<Json<PublicStatus>, WebError> {
    // A wrong code and an unknown number answer alike, so that numbers cannot be probed.
    let found = public_status(&state, &params.tracking_no, &params.query_code).await?;
    Ok(Json(PublicStatus::of(
        found,
        state.templates.messages(),
        lang,
    )))
}

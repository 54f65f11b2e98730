//! `GET /api/v1/agencies/{agency}/applications/{tracking_no}`: one application with its state, deadline,
//! events and letters.

use axum::Json;
use axum::extract::{Path, State};

use super::{find, present};
use crate::auth::caller::Caller;
use crate::auth::can;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::models::casework::CaseworkApplication;
use crate::state::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/agencies/{agency}/applications/{tracking_no}",
    params(
        ("agency" = i64, Path, description = "api.param.agency"),
        ("tracking_no" = String, Path, description = "api.param.tracking_no")
    ),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "api.casework.show.200", body = CaseworkApplication),
        (status = 401, description = "api.casework.auth.401"),
        (status = 403, description = "api.casework.auth.403"),
        (status = 404, description = "api.casework.show.404")
    )
)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    caller: Caller<can::HandleRecords>,
    Path(path): Path<(i64, String)>,
) -> Result<Json<CaseworkApplication>, WebError> {
    let (_, tracking_no) = path;
    let app = find(&state, &caller, &tracking_no).await?;
    Ok(Json(present(&state, &caller, &app, lang).await?))
}

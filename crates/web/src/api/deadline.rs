//! `GET /api/v1/deadline?received=YYYY-MM-DD`: when an application received that day must be answered
//! (条例第三十三条: 20 working days, the day of receipt not counted; 15 under the 2008 条例 before 2019-05-15),
//! with how the answer was found: which holidays and 调休 make-up days it passed.

use crate::error::{ErrorCode, WebError};
use crate::models::deadline::{DeadlineAnswer, DeadlineParams, deadline};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};

#[utoipa::path(
    get,
    path = "/api/v1/deadline",
    params(DeadlineParams),
    responses(
        (status = 200, description = "api.deadline.200", body = DeadlineAnswer),
        (status = 400, description = "api.deadline.400"),
        (status = 422, description = "api.deadline.422")
    )
)]
pub async fn get(
    State(state): State<AppState>,
    Query(params): Query<DeadlineParams>,
) -> Result<Json<DeadlineAnswer>, WebError> {
    deadline(&state, &params.received, None)
        .map(Json)
        .map_err(|e| match e {
            // A real date the published holiday calendars do not reach: well formed, but no answer can be given.
            WebError::BadRequest(ErrorCode::CalendarNoData) => {
                WebError::Unprocessable(ErrorCode::CalendarNoData)
            }
            other => other,
        })
}

//! `GET /api/v1/deadline?received=YYYY-MM-DD`: when an application received that day must be answered
//! (条例第三十三条: 20 working days, the day of receipt not counted; 15 under the 2008 条例 before 2019-05-15),
//! with how the answer was found: which holidays and 调休 make-up days it passed.

use axum::Json;
use axum::extract::{Query, State};
use chrono::NaiveDate;
use gongkai_domain::application::clock::{ClockEvent, compute};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ErrorCode, WebError};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct DeadlineParams {
    /// 收到申请之日 YYYY-MM-DD / the day the application was received
    pub received: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineAnswer {
    pub received: String,
    /// 答复期限 YYYY-MM-DD / the last day to answer
    pub due: String,
    pub working_days: u32,
    /// 计算过程（中文 / English）/ how the date was found
    pub explanation: Vec<String>,
}

/// The statutory deadline of an application received on `received`.
pub fn deadline(state: &AppState, received: &str) -> Result<DeadlineAnswer, WebError> {
    let on = NaiveDate::parse_from_str(received.trim(), "%Y-%m-%d")
        .map_err(|_| WebError::BadRequest(ErrorCode::DeadlineBadDate))?;
    let clock = compute(&[ClockEvent::Received { on }], &state.official_calendar).map_err(|e| {
        match e.code() {
            "calendar.no_data" => WebError::BadRequest(ErrorCode::CalendarNoData),
            _ => WebError::BadRequest(ErrorCode::DeadlineBadDate),
        }
    })?;
    let due = clock
        .due
        .ok_or(WebError::BadRequest(ErrorCode::CalendarNoData))?;
    Ok(DeadlineAnswer {
        received: on.to_string(),
        due: due.to_string(),
        working_days: clock.base_working_days,
        // Both languages, as this answer has always given them.
        explanation: clock
            .explanation
            .iter()
            .map(|line| state.views.messages().say_both(line))
            .collect(),
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/deadline",
    params(DeadlineParams),
    responses(
        (status = 200, description = "答复期限 / the deadline", body = DeadlineAnswer),
        (status = 400, description = "日期有误或超出节假日数据范围 / a bad date, or one beyond the holiday data")
    )
)]
pub async fn get(
    State(state): State<AppState>,
    Query(params): Query<DeadlineParams>,
) -> Result<Json<DeadlineAnswer>, WebError> {
    deadline(&state, &params.received).map(Json)
}

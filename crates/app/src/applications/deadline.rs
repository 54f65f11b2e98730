//! The public deadline calculator: for a day an application was received, the last day to answer
//! (条例第三十三条: 20 working days, the day of receipt not counted; 15 under the 2008 条例 before 2019-05-15),
//! counted only on the official table: a date beyond the published holiday notices is refused, never guessed.

use chrono::NaiveDate;
use gongkai_domain::application::clock::{ClockEvent, ClockState, compute};

use crate::context::App;
use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;

/// The day received, the last day to answer, and how it was found.
pub fn statutory_deadline(
    app: &App,
    received: &str,
) -> AppResult<(NaiveDate, NaiveDate, ClockState)> {
    let on = NaiveDate::parse_from_str(received.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::Refused(ErrorCode::DeadlineBadDate))?;
    let clock = compute(&[ClockEvent::Received { on }], &app.official_calendar).map_err(|e| {
        match gongkai_domain::message::Coded::code(&e) {
            "calendar.no_data" => AppError::Refused(ErrorCode::CalendarNoData),
            _ => AppError::Refused(ErrorCode::DeadlineBadDate),
        }
    })?;
    let due = clock
        .due
        .ok_or(AppError::Refused(ErrorCode::CalendarNoData))?;
    Ok((on, due, clock))
}

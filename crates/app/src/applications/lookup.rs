//! The applicant's way in: an application found by its tracking number and query code. A wrong code answers
//! exactly like an unknown number, so that numbers cannot be probed.

use gongkai_domain::application::intake::{QueryCode, TrackingNo};
use gongkai_store::{ApplicationStore, StoredApplication};

use crate::context::App;
use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;

pub async fn for_applicant(
    app: &App,
    tracking_no: &str,
    query_code: &str,
) -> AppResult<StoredApplication> {
    // A number that cannot be one answers like an unknown one.
    let no = TrackingNo::parse(tracking_no.trim())
        .map_err(|_| AppError::NotFound(ErrorCode::ApplicationNotFound))?;
    app.store
        .application_by_tracking_no(&no)
        .await?
        .filter(|a| QueryCode::verify_hash(&a.query_code_hash, query_code.trim()))
        .ok_or(AppError::NotFound(ErrorCode::ApplicationNotFound))
}

//! `GET /api/v1/agencies/{agency}/applications?status=open|closed&page=`: the agency's applications, newest
//! first, a page at a time.

use axum::Json;
use axum::extract::{Query, State};
use gongkai_domain::application::clock::compute;
use gongkai_store::ApplicationStore;

use crate::auth::caller::Caller;
use crate::auth::can;
use crate::error::{ErrorCode, WebError};
use crate::models::casework::{ApplicationPage, ListParams, ListedApplication, application_url};
use crate::state::AppState;
use gongkai_app::calendar::clock_events;

/// Applications per page.
pub const PER_PAGE: u32 = 20;

#[utoipa::path(
    get,
    path = "/api/v1/agencies/{agency}/applications",
    params(("agency" = i64, Path, description = "api.param.agency"), ListParams),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "api.casework.list.200", body = ApplicationPage),
        (status = 400, description = "api.casework.list.400"),
        (status = 401, description = "api.casework.auth.401"),
        (status = 403, description = "api.casework.auth.403"),
        (status = 404, description = "api.casework.agency.404")
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller<can::HandleRecords>,
    Query(params): Query<ListParams>,
) -> Result<Json<ApplicationPage>, WebError> {
    let closed = match params.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("open") => Some(false),
        Some("closed") => Some(true),
        Some(_) => return Err(WebError::BadRequest(ErrorCode::HttpBadRequest)),
    };
    let page = params.page.unwrap_or(1);
    if page == 0 {
        return Err(WebError::BadRequest(ErrorCode::HttpBadRequest));
    }
    let all = state
        .store
        .applications_of(caller.agency.id, closed == Some(false))
        .await?;
    let matching: Vec<_> = all
        .into_iter()
        .filter(|a| closed.is_none_or(|c| a.status.is_closed() == c))
        .collect();
    let total = matching.len();
    let skip = usize::try_from((page - 1).saturating_mul(PER_PAGE)).unwrap_or(usize::MAX);
    let mut items = Vec::new();
    for app in matching.iter().skip(skip).take(PER_PAGE as usize) {
        // The deadline only of what this page shows: each takes its events.
        let due_on = if app.status.is_closed() {
            None
        } else {
            let events = state.store.application_events(app.id).await?;
            compute(&clock_events(&events), &state.calendar)
                .ok()
                .and_then(|c| c.due)
        };
        items.push(ListedApplication {
            tracking_no: app.tracking_no.to_string(),
            status: app.status.code().to_owned(),
            received_on: app.received_on.map(|d| d.to_string()),
            due_on: due_on.map(|d| d.to_string()),
            decided_on: app.decided_on.map(|d| d.to_string()),
            url: application_url(app),
        });
    }
    Ok(Json(ApplicationPage {
        items,
        page,
        per_page: PER_PAGE,
        total,
    }))
}

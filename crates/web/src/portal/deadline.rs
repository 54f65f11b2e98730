//! The public deadline calculator: for a day an application was received, the last day to answer, and how
//! the date was found.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;

use crate::error::WebError;
use crate::i18n::Lang;
use crate::models::deadline::{DeadlineParams, deadline};
use crate::state::AppState;
use crate::templates::ser;

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    Query(params): Query<DeadlineParams>,
) -> Result<Response, WebError> {
    let received = params.received.trim();
    let (answer, problem) = if received.is_empty() {
        (None, None)
    } else {
        match deadline(&state, received, Some(lang)) {
            Ok(a) => (Some(a), None),
            Err(e) => (None, Some(e.code().key())),
        }
    };
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = state.templates.render(
        "portal/deadline.html",
        lang,
        context! { received => received, answer => ser(&answer), problem => problem },
    )?;
    Ok((status, page).into_response())
}

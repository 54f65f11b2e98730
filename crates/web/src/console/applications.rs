//! An agency's applications for disclosure in the console: the work queue (overdue, due within 3 working days,
//! waiting on the applicant, in consultation, extended) and each application's timeline. The applicant's
//! personal data is shown only to the handling agency's caseworkers (`can::HandleRecords`).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use gongkai_domain::application::clock::{ClockStatus, compute};
use gongkai_store::ApplicationStore;
use minijinja::context;
use serde::Serialize;

use super::page_context;
use crate::auth::{Access, can};
use crate::clock::{beijing_today, clock_events};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::views::ser;

/// Working days left at which an application counts as due soon.
const DUE_SOON: i64 = 3;

#[derive(Debug, Serialize)]
struct QueueRow {
    id: i64,
    tracking_no: String,
    status: &'static str,
    received_on: Option<String>,
    due_on: Option<String>,
    days_left: Option<i64>,
    /// overdue | due_soon | waiting | consultation | extended | running
    flag: &'static str,
}

pub async fn queue(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    let today = beijing_today();
    let mut rows = Vec::new();
    for app in state.store.applications_of(access.agency.id, true).await? {
        let events = state.store.application_events(app.id).await?;
        let clock = compute(&clock_events(&events), &state.calendar).ok();
        let days_left = clock
            .as_ref()
            .and_then(|c| c.working_days_left(today, &state.calendar));
        let flag = match (&clock, days_left) {
            (Some(c), _) if c.overdue(today) => "overdue",
            (Some(c), _) if c.status == ClockStatus::WaitingForApplicant => "waiting",
            (Some(c), _) if c.status == ClockStatus::InConsultation => "consultation",
            (_, Some(n)) if n <= DUE_SOON => "due_soon",
            (Some(c), _) if c.extension_days > 0 => "extended",
            _ => "running",
        };
        rows.push(QueueRow {
            id: app.id.0,
            tracking_no: app.tracking_no.clone(),
            status: app.status.code(),
            received_on: app.received_on.map(|d| d.to_string()),
            due_on: clock.as_ref().and_then(|c| c.due).map(|d| d.to_string()),
            days_left,
            flag,
        });
    }
    // The most urgent first: overdue, then by the days left.
    rows.sort_by_key(|r| (r.flag != "overdue", r.days_left.unwrap_or(i64::MAX)));
    let page = state.views.render(
        "console/applications.html",
        lang,
        context! { agency => ser(&access.agency), rows => ser(&rows), ..page_context(&access.official) },
    )?;
    Ok(page.into_response())
}

pub async fn timeline(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    // The extractor checked that the application was made to this agency.
    let app = access.application.as_ref().ok_or(WebError::NotFound)?;
    let events = state.store.application_events(app.id).await?;
    let clock = compute(&clock_events(&events), &state.calendar).ok();
    let applicant: serde_json::Value = serde_json::from_str(&app.applicant).unwrap_or_default();
    let events: Vec<_> = events
        .iter()
        .map(|e| context! { seq => e.seq, kind => e.kind.clone(), on => e.on.to_string(), actor => e.actor.clone() })
        .collect();
    let page = state.views.render(
        "console/application.html",
        lang,
        context! {
            agency => ser(&access.agency),
            app => context! {
                tracking_no => app.tracking_no.clone(),
                status => app.status.code(),
                description => app.description.clone(),
                received_on => app.received_on.map(|d| d.to_string()),
                channel => app.channel.clone(),
                delivery => app.delivery.clone(),
            },
            applicant => ser(&applicant),
            due_on => clock.as_ref().and_then(|c| c.due).map(|d| d.to_string()),
            explanation => clock.map(|c| c.explanation).unwrap_or_default(),
            events => events,
            ..page_context(&access.official)
        },
    )?;
    Ok(page.into_response())
}

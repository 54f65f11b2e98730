//! An agency's applications for disclosure in the console: the work queue (overdue, due within 3 working days,
//! waiting on the applicant, in consultation, extended) and each application's timeline. The applicant's
//! personal data is shown only to the handling agency's caseworkers (`can::HandleRecords`); a supervisor above
//! the agency reads the queue and the timelines (`can::ReadCases`), without it and without step forms.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_domain::access::{Capability, authorize};
use gongkai_domain::application::clock::{ClockStatus, compute};
use gongkai_domain::application::event::Event;
use gongkai_domain::application::handling::{ActionKind, offered_steps};
use gongkai_domain::application::outcome::Outcome;
use gongkai_store::ApplicationStore;
use minijinja::context;
use serde::Serialize;

use super::page_context;
use crate::auth::{Access, Policy, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;
use gongkai_app::applications::Reader;
use gongkai_app::applications::fees::count_this_month_for;
use gongkai_app::calendar::clock_events;

/// The flags a queue row can carry, as `QueueRow::flag` names them.
const FLAGS: [&str; 7] = [
    "overdue",
    "due_soon",
    "waiting",
    "awaiting_fee",
    "consultation",
    "extended",
    "running",
];

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
    /// overdue | due_soon | waiting | awaiting_fee | consultation | extended | running
    flag: &'static str,
}

/// `?flag=overdue` and the like: only the rows with that flag (the oversight page links its figures here).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub flag: Option<String>,
}

/// The queue is read by the agency's caseworkers and by a supervisor above it (`can::ReadCases`); only the
/// caseworkers register applications and take steps.
pub async fn queue(
    State(state): State<AppState>,
    lang: Lang,
    Query(query): Query<QueueQuery>,
    access: Access<can::ReadCases>,
) -> Result<Response, WebError> {
    let today = state.today();
    // An unknown flag filters nothing rather than emptying the queue.
    let only = query
        .flag
        .as_deref()
        .map(str::trim)
        .filter(|f| FLAGS.contains(f));
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
            (Some(c), _) if c.status == ClockStatus::AwaitingPayment => "awaiting_fee",
            (Some(c), _) if c.status == ClockStatus::InConsultation => "consultation",
            (_, Some(n)) if n <= DUE_SOON => "due_soon",
            (Some(c), _) if c.extension_days > 0 => "extended",
            _ => "running",
        };
        if only.is_some_and(|f| f != flag) {
            continue;
        }
        rows.push(QueueRow {
            id: app.id.0,
            tracking_no: app.tracking_no.to_string(),
            status: app.status.code(),
            received_on: app.received_on.map(|d| d.to_string()),
            due_on: clock.as_ref().and_then(|c| c.due).map(|d| d.to_string()),
            days_left,
            flag,
        });
    }
    // The most urgent first: overdue, then by the days left.
    rows.sort_by_key(|r| (r.flag != "overdue", r.days_left.unwrap_or(i64::MAX)));
    let page = state.templates.render(
        "console/applications.html",
        lang,
        context! {
            agency => ser(&access.agency),
            rows => ser(&rows),
            flag => only,
            may_handle => may_handle(&access),
            ..page_context(&access.official)
        },
    )?;
    Ok(page.into_response())
}

/// Why a step was refused, shown on the application's page (shared with the API).
pub use crate::forms::step::Problem;

impl Problem {
    fn message(&self, state: &AppState, lang: Lang) -> String {
        match self {
            Self::Key(key) => state.templates.messages().text(*lang, key).to_owned(),
            Self::Said(said) => state.templates.messages().say(*lang, said),
            Self::Text(text) => text.clone(),
        }
    }
}

/// Whether the official handles this agency's applications, or only reads them (a supervisor above it).
fn may_handle<P: Policy>(access: &Access<P>) -> bool {
    authorize(
        &access.official.actor(),
        Capability::HandleRecords,
        access.agency.id,
        &access.tree,
    )
    .is_ok()
}

pub async fn timeline(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ReadCases>,
) -> Result<Response, WebError> {
    render_timeline(&state, lang, &access, None).await
}

/// The application's page: request, applicant, letters, timeline with the deadline's explanation, and the
/// forms of the steps its state allows; with `problem`, the refusal of the step just tried (422). An official
/// who only reads (a supervisor above the agency) sees neither the applicant's personal data, nor the letters'
/// files, nor a step form.
pub async fn render_timeline<P: Policy>(
    state: &AppState,
    lang: Lang,
    access: &Access<P>,
    problem: Option<Problem>,
) -> Result<Response, WebError> {
    let handles = may_handle(access);
    // The extractor checked that the application was made to this agency.
    let app = access.application.as_ref().ok_or(WebError::NotFound)?;
    let events = state.store.application_events(app.id).await?;
    let clock = compute(&clock_events(&events), &state.calendar).ok();
    // Personal data of applicants is shown only to staff of the handling agency.
    let applicant: serde_json::Value = if handles {
        serde_json::from_str(&app.applicant).unwrap_or_default()
    } else {
        serde_json::Value::Null
    };
    let seen_seq = events.last().map(|e| e.seq).unwrap_or(0);
    let history: Vec<Event> = events.iter().map(|e| e.event.clone()).collect();
    let words = state.templates.messages();
    let events: Vec<_> = events
        .iter()
        .map(|e| {
            let outcome = match &e.event {
                Event::Decided(d) => Some(words.name(*lang, "outcome", d.outcome.code())),
                _ => None,
            };
            // The template shows the particulars by their stored names (amount_yuan, reason, what).
            context! { seq => e.seq, kind => e.event.kind(), on => e.on.to_string(), actor => e.actor.clone(), detail => ser(&e.event), outcome => outcome }
        })
        .collect();
    let letters: Vec<_> = state
        .store
        .application_letters(app.id)
        .await?
        .into_iter()
        .map(|l| context! { id => l.id, kind => l.kind, doc_no => l.doc_no, served_on => l.served_on.to_string(), service => l.service, pdf_sha256 => l.pdf_sha256 })
        .collect();
    let may_review = handles
        && authorize(
            &access.official.actor(),
            Capability::ReviewRecords,
            access.agency.id,
            &access.tree,
        )
        .is_ok();
    let outcomes: Vec<_> = Outcome::ALL
        .iter()
        .filter(|o| !matches!(o, Outcome::NoCorrection | Outcome::FeeUnpaid))
        .map(|o| context! { code => o.code(), name => words.name(*lang, "outcome", o.code()), group => o.group_zh(), basis => o.legal_basis() })
        .collect();
    let fee_count = count_this_month_for(state, app).await?;
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = state.templates.render(
        "console/application.html",
        lang,
        context! {
            agency => ser(&access.agency),
            app => context! {
                id => app.id.0,
                tracking_no => app.tracking_no.to_string(),
                status => app.status.code(),
                description => app.description.clone(),
                received_on => app.received_on.map(|d| d.to_string()),
                channel => app.channel.code(),
                delivery => app.delivery.code(),
            },
            applicant => ser(&applicant),
            due_on => clock.as_ref().and_then(|c| c.due).map(|d| d.to_string()),
            due_provisional => clock.as_ref().is_some_and(|c| c.provisional),
            explanation => clock.as_ref().map(|c| c.explanation.iter().map(|l| words.say(*lang, l)).collect::<Vec<_>>()).unwrap_or_default(),
            warnings => clock.map(|c| c.warnings.iter().map(|w| words.say(*lang, w)).collect::<Vec<_>>()).unwrap_or_default(),
            events => events,
            letters => letters,
            // 条例第三十三条第二款: only a reviewer (the head of the office) may approve an extension.
            steps => if handles { offered_steps(app.status, &history, may_review).into_iter().map(ActionKind::code).collect::<Vec<_>>() } else { Vec::new() },
            read_only => !handles,
            outcomes => outcomes,
            // 国办函〔2020〕109号第四条: the applicant's place in the month, from the register (shown, not typed).
            fee_count => fee_count,
            seen_seq => seen_seq,
            today => state.today().to_string(),
            problem => problem.map(|p| p.message(state, lang)),
            ..page_context(&access.official)
        },
    )?;
    Ok((status, page).into_response())
}

/// A kept letter, as it was served.
pub async fn letter(
    State(state): State<AppState>,
    access: Access<can::HandleRecords>,
    Path((_, _, file)): Path<(i64, i64, String)>,
) -> Result<Response, WebError> {
    let app = access.application.as_ref().ok_or(WebError::NotFound)?;
    let file =
        gongkai_app::applications::letter_file(&state.store, app, &file, Reader::Staff).await?;
    Ok(crate::downloads::private_file(file))
}

/// The applicant's proof of identity, for the handling agency's caseworkers only.
pub async fn id_proof(
    State(state): State<AppState>,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    let app = access.application.as_ref().ok_or(WebError::NotFound)?;
    let applicant: serde_json::Value = serde_json::from_str(&app.applicant).unwrap_or_default();
    let proof = &applicant["id_proof"];
    let sha = proof["sha256"].as_str().ok_or(WebError::NotFound)?;
    let bytes = gongkai_app::attachments::read(&state.data_dir, sha).await?;
    let mime = proof["mime"]
        .as_str()
        .unwrap_or("application/octet-stream")
        .to_owned();
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, mime),
            (
                axum::http::header::CACHE_CONTROL,
                "private, no-store".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}

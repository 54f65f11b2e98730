//! An application for disclosure in the console: its timeline, letters and the forms of its steps (the
//! agency's list is `case_list`). The applicant's personal data is shown only to the handling agency's
//! caseworkers (`can::HandleRecords`); a supervisor above the agency reads the timeline (`can::ReadCases`),
//! without it, without the letters' files and without step forms.

use axum::extract::{Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use gongkai_domain::access::{Capability, authorize};
use gongkai_domain::application::clock::compute;
use gongkai_domain::application::event::Event;
use gongkai_domain::application::handling::{ActionKind, offered_steps};
use gongkai_domain::application::outcome::Outcome;
use gongkai_store::ApplicationStore;
use minijinja::{Value, context};

use super::page_context;
use crate::auth::{Access, Policy, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::security::cookie;
use crate::state::AppState;
use crate::templates::ser;
use gongkai_app::applications::Reader;
use gongkai_app::applications::fees::count_this_month_for;
use gongkai_app::calendar::clock_events;

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

/// The cookie that carries the step just recorded to the page the browser is sent back to, once.
pub const FLASH_COOKIE: &str = "gk_flash";

/// The path of an application's page, to which its flash cookie is limited.
pub fn application_path(agency: i64, application: i64) -> String {
    format!("/console/agencies/{agency}/applications/{application}")
}

pub async fn timeline(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    access: Access<can::ReadCases>,
) -> Result<Response, WebError> {
    // The step's code, as set by `application_steps::take`; shown once, then cleared.
    let flash = cookie(&headers, FLASH_COOKIE)
        .and_then(|code| ActionKind::from_code(&code))
        .map(|step| {
            state
                .templates
                .messages()
                .text(*lang, &format!("flash_{}", step.code()))
                .to_owned()
        });
    let flash_shown = flash.is_some();
    let mut page = render_page(&state, lang, &access, None, flash, Value::UNDEFINED).await?;
    if flash_shown {
        let path = application_path(
            access.agency.id.0,
            access.application.as_ref().map_or(0, |a| a.id.0),
        );
        page.headers_mut()
            .append(SET_COOKIE, state.cookies().clear(FLASH_COOKIE, &path));
    }
    Ok(page)
}

/// The application's page: request, applicant, letters, timeline with the deadline's explanation, and the
/// forms of the steps its state allows; with `problem`, the refusal of the step just tried (422).
pub async fn render_timeline<P: Policy>(
    state: &AppState,
    lang: Lang,
    access: &Access<P>,
    problem: Option<Problem>,
) -> Result<Response, WebError> {
    render_page(state, lang, access, problem, None, Value::UNDEFINED).await
}

/// The application's page with the decision form filled in as `kept` (the fields as typed, back from the
/// decision's preview).
pub async fn render_kept<P: Policy>(
    state: &AppState,
    lang: Lang,
    access: &Access<P>,
    kept: Value,
) -> Result<Response, WebError> {
    render_page(state, lang, access, None, None, kept).await
}

/// The application's page, with the message of the step just recorded (`flash`) if any.
async fn render_page<P: Policy>(
    state: &AppState,
    lang: Lang,
    access: &Access<P>,
    problem: Option<Problem>,
    flash: Option<String>,
    kept: Value,
) -> Result<Response, WebError> {
    // The extractor checked that the application was made to this agency.
    let app = access.application.as_ref().ok_or(WebError::NotFound)?;
    let events = state.store.application_events(app.id).await?;
    let clock = compute(&clock_events(&events), &state.calendar).ok();
    let handles = may_handle(access);
    // Personal data of applicants is shown only to staff of the handling agency, and each time it is, the
    // audit trail says who saw it (个人信息保护法第五十一条).
    let applicant: serde_json::Value = if handles {
        state
            .store
            .record_personal_view(
                access.agency.id,
                &app.tracking_no.to_string(),
                "case_page",
                &access.official.actor_ref(),
            )
            .await?;
        serde_json::from_str(&app.applicant).unwrap_or_default()
    } else {
        serde_json::Value::Null
    };
    let seen_seq = events.last().map(|e| e.seq).unwrap_or(0);
    // Files (a correction's, a proof of payment, the documents disclosed) are shown with the event that
    // brought them; staff of the handling agency may open them.
    let files = if handles {
        state.store.application_files(app.id).await?
    } else {
        Vec::new()
    };
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
            let files: Vec<_> = files
                .iter()
                .filter(|f| f.event_seq == e.seq)
                .map(|f| context! { id => f.id, name => f.name.clone(), purpose => f.purpose.code() })
                .collect();
            context! { seq => e.seq, kind => e.event.kind(), on => e.on.to_string(), actor => actor_in_words(&e.actor), detail => ser(&e.event), outcome => outcome, files => files }
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
    let steps: Vec<ActionKind> = if handles {
        offered_steps(app.status, &history, may_review)
    } else {
        Vec::new()
    };
    // 国办函〔2020〕109号第四条: the applicant's place in the month, read from the register only when a fee notice
    // is offered (it reads the agency's applications).
    let fee_count = if steps.contains(&ActionKind::IssueFeeNotice) {
        count_this_month_for(state, app).await?
    } else {
        0
    };
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
            // The applicant's word that the fee was paid, for the clerk to check before recording the payment.
            fee_reported => matches!(app.status, gongkai_domain::application::status::Status::AwaitingFee { .. })
                .then(|| gongkai_domain::application::event::fee_payment_reported(history.iter()))
                .flatten(),
            due_on => clock.as_ref().and_then(|c| c.due).map(|d| d.to_string()),
            due_provisional => clock.as_ref().is_some_and(|c| c.provisional),
            explanation => clock.as_ref().map(|c| c.explanation.iter().map(|l| words.say(*lang, l)).collect::<Vec<_>>()).unwrap_or_default(),
            warnings => clock.map(|c| c.warnings.iter().map(|w| words.say(*lang, w)).collect::<Vec<_>>()).unwrap_or_default(),
            events => events,
            letters => letters,
            // 条例第三十三条第二款: only a reviewer (the head of the office) may approve an extension.
            steps => steps.into_iter().map(ActionKind::code).collect::<Vec<_>>(),
            read_only => !handles,
            outcomes => outcomes,
            // 国办函〔2020〕109号第四条: the applicant's place in the month, from the register (shown, not typed).
            fee_count => fee_count,
            seen_seq => seen_seq,
            today => state.today().to_string(),
            problem => problem.map(|p| p.message(state, lang)),
            flash => flash,
            kept => kept,
            ..page_context(&access.official)
        },
    )?;
    Ok((status, page).into_response())
}

/// Whether the official handles this agency's applications, or only reads them (a supervisor above it).
pub(crate) fn may_handle<P: Policy>(access: &Access<P>) -> bool {
    authorize(
        &access.official.actor(),
        Capability::HandleRecords,
        access.agency.id,
        &access.tree,
    )
    .is_ok()
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
    let bytes = gongkai_app::attachments::read_private(&state, sha).await?;
    state
        .store
        .record_personal_view(
            access.agency.id,
            &app.tracking_no.to_string(),
            "id_proof",
            &access.official.actor_ref(),
        )
        .await?;
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

/// Who took a step, as the timeline shows it: the stored `kind:name` reference becomes a kind the page names in
/// words and, for a staff account or an API token, its name. A citizen's or the system's reference (`online
/// application`, `demo`) is an internal note, not shown.
fn actor_in_words(stored: &str) -> minijinja::Value {
    let (kind, name) = stored.split_once(':').unwrap_or(("system", ""));
    let (kind, name) = match kind {
        "official" | "token" => (kind, name),
        "citizen" => ("citizen", ""),
        _ => ("system", ""),
    };
    context! { kind => kind, name => name }
}

/// A file kept on the application (a correction's, a proof of payment, a disclosed document), for the handling
/// agency's caseworkers only.
pub async fn file(
    State(state): State<AppState>,
    access: Access<can::HandleRecords>,
    Path((_, _, file)): Path<(i64, i64, i64)>,
) -> Result<Response, WebError> {
    let app = access.application.as_ref().ok_or(WebError::NotFound)?;
    let kept = state
        .store
        .application_file(app.id, file)
        .await?
        .ok_or(WebError::NotFound)?;
    let bytes = gongkai_app::attachments::read(&state.store, &kept.sha256).await?;
    Ok(crate::downloads::kept_file(&kept, bytes))
}

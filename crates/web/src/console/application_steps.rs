//! A caseworker's step on an application (补正, consultation, extension, 第三十五条 deadline, fee notice,
//! decision, withdrawal): read from the form, checked by the domain (`handling::plan`), and stored with its
//! letter in one transaction. A refused step changes nothing and shows why on the application's page.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use gongkai_domain::access::{Capability, authorize};
use gongkai_domain::application::fees::{FEE_PAYMENT_WORKING_DAYS, FeeMethod, fee};
use gongkai_domain::application::handling::{Action, plan};
use gongkai_domain::application::outcome::Outcome;
use gongkai_domain::calendar::Calendar;
use gongkai_store::{ApplicationEvent, ApplicationStore, NewLetter, RecordStep};
use serde::Deserialize;
use serde_json::json;

use super::applications::{Problem, render_timeline};
use crate::auth::{Access, can};
use crate::clock::{beijing_today, clock_events};
use crate::error::WebError;
use crate::i18n::{Lang, Messages};
use crate::letters::decision_letter;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    action: String,
    /// The last event the caseworker saw (a step taken meanwhile refuses this one).
    seen_seq: i64,
    on: String,
    correct_by: String,
    /// What the applicant is asked to correct (第三十条: 一次性告知需要补正的事项).
    what: String,
    /// Who is consulted (第三十二条 a third party, 第三十四条 another agency).
    party: String,
    working_days: String,
    due: String,
    reason: String,
    method: String,
    count: String,
    pages: String,
    outcome: String,
    extra: String,
    /// How the letter is served: post, email, pickup, online.
    service: String,
}

fn date(text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Problem::Key("field_bad_date"))
}

fn number(text: &str) -> Result<u32, Problem> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| Problem::Key("field_bad_number"))
}

fn required(text: &str) -> Result<String, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Key("field_required"));
    }
    Ok(t.to_owned())
}

/// The form as a domain action and the event's particulars.
fn read(
    form: &StepForm,
    calendar: &Calendar,
    events: &[ApplicationEvent],
    state_words: &Messages,
) -> Result<(Action, serde_json::Value), Problem> {
    let on = date(&form.on)?;
    Ok(match form.action.as_str() {
        "request_correction" => {
            let correct_by = date(&form.correct_by)?;
            let what = required(&form.what)?;
            (
                Action::RequestCorrection { on, correct_by },
                json!({ "correct_by": correct_by.to_string(), "what": what }),
            )
        }
        "correction_received" => (Action::CorrectionReceived { on }, json!({})),
        "correction_overdue" => {
            // The deadline the 补正 notice gave (条例第三十条: 合理的补正期限).
            let correct_by = events
                .iter()
                .rev()
                .find(|e| e.kind == "correction_requested")
                .and_then(|e| serde_json::from_str::<serde_json::Value>(&e.detail).ok())
                .and_then(|d| d["correct_by"].as_str().map(str::to_owned))
                .ok_or(Problem::Key("error_application_step_not_allowed"))
                .and_then(|d| date(&d))?;
            (
                Action::CorrectionOverdue { on, correct_by },
                json!({ "correct_by": correct_by.to_string() }),
            )
        }
        "start_consultation" => (
            Action::StartConsultation { on },
            json!({ "party": required(&form.party)? }),
        ),
        "end_consultation" => (Action::EndConsultation { on }, json!({})),
        "extend" => {
            let working_days = number(&form.working_days)?;
            (
                Action::Extend { on, working_days },
                json!({ "working_days": working_days, "reason": required(&form.reason)? }),
            )
        }
        "custom_deadline" => {
            let due = date(&form.due)?;
            let reason = required(&form.reason)?;
            (
                Action::CustomDeadline {
                    on,
                    due,
                    reason: reason.clone(),
                },
                json!({ "due": due.to_string(), "reason": reason }),
            )
        }
        "issue_fee_notice" => {
            let method = match form.method.as_str() {
                "per_application" => FeeMethod::PerApplication,
                "per_page" => FeeMethod::PerPage,
                _ => return Err(Problem::Key("field_required")),
            };
            let count = if method == FeeMethod::PerApplication {
                number(&form.count)?
            } else {
                0
            };
            let pages = if method == FeeMethod::PerPage {
                number(&form.pages)?
            } else {
                0
            };
            let quote = fee(method, count, pages).map_err(|e| Problem::said(&e))?;
            // 国办函〔2020〕109号: within the free tiers nothing may be charged, so no notice goes out.
            if !quote.is_chargeable() {
                return Err(Problem::Key("error_application_fee_free"));
            }
            // 20 working days counted from the day after the notice (FEE-SC restating 109号); shown to the
            // applicant, and the day after which the caseworker may record the fee as unpaid.
            let pay_by = calendar
                .add_working_days(on, FEE_PAYMENT_WORKING_DAYS)
                .map(|d| d.due.to_string())
                .map_err(|e| Problem::said(&e))?;
            (
                Action::IssueFeeNotice { on },
                json!({
                    "method": method.code(), "count": count, "pages": pages,
                    // Stored in both languages, as the event log has always kept it.
                    "amount_yuan": quote.amount_yuan.to_string(), "explanation": state_words.say_both(&quote.explanation),
                    "pay_within_working_days": FEE_PAYMENT_WORKING_DAYS, "pay_by": pay_by,
                }),
            )
        }
        "fee_paid" => (Action::FeePaid { on }, json!({})),
        "fee_overdue" => (Action::FeeOverdue { on }, json!({})),
        "decide" => {
            let outcome =
                Outcome::from_code(&form.outcome).ok_or(Problem::Key("field_required"))?;
            (
                Action::Decide { on, outcome },
                json!({
                    "outcome": outcome.code(), "reason": form.reason.trim(),
                    "extra": form.extra.trim(), "service": form.service.trim(),
                }),
            )
        }
        "withdraw" => (Action::Withdraw { on }, json!({})),
        _ => return Err(Problem::Key("error_application_step_not_allowed")),
    })
}

pub async fn take(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    Form(form): Form<StepForm>,
) -> Result<Response, WebError> {
    let app = access.application.clone().ok_or(WebError::NotFound)?;
    // 条例第三十三条第二款: an extension needs the approval of the head of the disclosure office (a reviewer).
    if form.action == "extend" {
        authorize(
            &access.official.actor(),
            Capability::ReviewRecords,
            access.agency.id,
            &access.tree,
        )
        .map_err(WebError::Forbidden)?;
    }
    let events = state.store.application_events(app.id).await?;
    let (action, detail) = match read(&form, &state.calendar, &events, state.views.messages()) {
        Ok(read) => read,
        Err(problem) => return render_timeline(&state, lang, &access, Some(problem)).await,
    };
    let history = clock_events(&events);
    let planned = match plan(
        app.status,
        &history,
        &action,
        beijing_today(),
        &state.calendar,
    ) {
        Ok(planned) => planned,
        Err(e) => {
            return render_timeline(&state, lang, &access, Some(Problem::said(&e))).await;
        }
    };
    let letter = match &action {
        Action::Decide { on, outcome } => {
            let service = if form.service.trim().is_empty() {
                app.delivery.clone()
            } else {
                form.service.trim().to_owned()
            };
            match decision_letter(
                &access.agency,
                &app,
                *outcome,
                *on,
                &form.reason,
                &form.extra,
            )
            .await
            {
                Ok(mut letter) => {
                    letter.service = service;
                    Some(letter)
                }
                Err(problem) => return render_timeline(&state, lang, &access, Some(problem)).await,
            }
        }
        _ => None,
    };
    let kind = action.clock_event().name();
    let detail = detail.to_string();
    let step = RecordStep {
        application: app.id,
        seen_seq: form.seen_seq,
        kind,
        on: action.on(),
        detail: &detail,
        status: planned.status,
        letter: letter.as_ref().map(|l: &NewLetter| l as &NewLetter),
    };
    match state
        .store
        .record_step(&step, &access.official.actor_ref())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/console/agencies/{}/applications/{}",
            access.agency.id.0, app.id.0
        ))
        .into_response()),
        Err(gongkai_store::StoreError::Refused(_)) => {
            render_timeline(
                &state,
                lang,
                &access,
                Some(Problem::Key("error_application_changed")),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

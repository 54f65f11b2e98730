//! A caseworker's step on an application (补正, consultation, extension, 第三十五条 deadline, fee notice,
//! decision, withdrawal): read from the form, checked by the domain (`handling::plan`), and stored with its
//! letter in one transaction. A refused step changes nothing and shows why on the application's page.

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use gongkai_domain::access::{Capability, authorize};
use gongkai_domain::application::event::{self, Decision, Event, PartyKind};
use gongkai_domain::application::fees::FeeMethod;
use gongkai_domain::application::handling::ActionKind;
use gongkai_domain::application::outcome::{NotHeld, NotHeldGround, Outcome};
use gongkai_store::{ApplicationEvent, ApplicationStore, StoredApplication};
use serde::{Deserialize, Serialize};

use super::applications::{FLASH_COOKIE, Problem, application_path, render_kept, render_timeline};
use super::step_files::{files_for, read_request};
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::forms::step::service;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::http::header::SET_COOKIE;
use gongkai_app::applications::fees::FeeRequest;
use gongkai_app::applications::step::{Step, StepRefusal, preview_step, take_step};
use minijinja::context;

use super::page_context;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct StepForm {
    /// `1` on the decision's confirm button: a decision is recorded only after its letter was previewed;
    /// `edit` on its 返回修改 button: the form again as typed.
    confirmed: String,
    action: String,
    /// The last event the caseworker saw (a step taken meanwhile refuses this one).
    seen_seq: i64,
    on: String,
    correct_by: String,
    /// What the applicant is asked to correct (第三十条: 一次性告知需要补正的事项).
    what: String,
    /// Who is consulted (第三十二条 a third party, 第三十四条 another agency).
    party: String,
    /// `third_party` or `agency`: which letter the consultation sends.
    party_kind: String,
    /// 第三十五条: the day the applicant's reasons are due.
    reply_by: String,
    /// For `not_held`: `does_not_exist` (第三十六条第（四）项) or `not_ours` (第（五）项).
    not_held_ground: String,
    competent_agency: String,
    competent_contact: String,
    working_days: String,
    due: String,
    reason: String,
    method: String,
    pages: String,
    outcome: String,
    extra: String,
    /// How the letter is served: post, email, pickup, online.
    service: String,
    /// What a correction received on paper or by e-mail clarified (条例第三十条).
    content: String,
    /// A decision's documents kept when its letter was previewed: `[[name, sha256], …]` (see `step_files`).
    kept_files: String,
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

/// The form as the event it records, with its day.
fn read(form: &StepForm, events: &[ApplicationEvent]) -> Result<(NaiveDate, Event), Problem> {
    let on = date(&form.on)?;
    Ok((
        on,
        match ActionKind::from_code(form.action.trim()) {
            Some(ActionKind::RequestCorrection) => Event::CorrectionRequested {
                correct_by: date(&form.correct_by)?,
                what: Some(required(&form.what)?),
            },
            // Its files are added in `take`, once kept.
            Some(ActionKind::CorrectionReceived) => Event::CorrectionReceived {
                content: Some(form.content.trim().to_owned()).filter(|c| !c.is_empty()),
                files: Vec::new(),
            },
            // The deadline the 补正 notice gave (条例第三十条: 合理的补正期限).
            Some(ActionKind::CorrectionOverdue) => Event::CorrectionDeadlinePassed {
                correct_by: Some(
                    event::correction_deadline(events.iter().map(|e| &e.event))
                        .ok_or(Problem::Key("error_application_step_not_allowed"))?,
                ),
            },
            Some(ActionKind::StartConsultation) => Event::ConsultationStarted {
                party: Some(required(&form.party)?),
                party_kind: Some(
                    PartyKind::from_code(form.party_kind.trim())
                        .ok_or(Problem::Key("field_required"))?,
                ),
            },
            Some(ActionKind::RequestReasons) => Event::ReasonsRequested {
                reply_by: date(&form.reply_by)?,
            },
            Some(ActionKind::EndConsultation) => Event::ConsultationEnded,
            Some(ActionKind::Extend) => Event::ExtensionApproved {
                working_days: number(&form.working_days)?,
                reason: Some(required(&form.reason)?),
            },
            Some(ActionKind::CustomDeadline) => Event::CustomDeadline {
                due: date(&form.due)?,
                reason: required(&form.reason)?,
            },
            // Composed from the register in `take` (it reads the store).
            Some(ActionKind::IssueFeeNotice) => return Err(Problem::Key("field_required")),
            Some(ActionKind::FeeNoticeReceived) => Event::FeeNoticeReceived,
            Some(ActionKind::FeePaid) => Event::FeePaid,
            Some(ActionKind::FeeOverdue) => Event::FeeDeadlinePassed,
            Some(ActionKind::Decide) => decision(form)?,
            Some(ActionKind::Withdraw) => Event::Withdrawn,
            None => return Err(Problem::Key("error_application_step_not_allowed")),
        },
    ))
}

/// A decision; a not-held one with its one ground of 条例第三十六条 (第（四）项 or 第（五）项), which its letter
/// states.
fn decision(form: &StepForm) -> Result<Event, Problem> {
    let optional = |text: &str| Some(text.trim().to_owned());
    let given = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
    let outcome = Outcome::from_code(&form.outcome).ok_or(Problem::Key("field_required"))?;
    let not_held = match outcome {
        Outcome::NotHeld => {
            let ground = NotHeldGround::from_code(form.not_held_ground.trim())
                .ok_or(Problem::Key("field_required"))?;
            // Only 第（五）项 names the agency responsible.
            let named = |text: &str| given(text).filter(|_| ground == NotHeldGround::NotOurs);
            Some(NotHeld {
                ground,
                competent_agency: named(&form.competent_agency),
                competent_contact: named(&form.competent_contact),
            })
        }
        _ => None,
    };
    Ok(Event::Decided(Decision {
        outcome,
        reason: optional(&form.reason),
        extra: optional(&form.extra),
        // Empty: served the way the applicant asked for.
        service: service(&form.service)?,
        not_held,
    }))
}

/// A 收费通知 under 国办函〔2020〕109号: the method, pages and service as chosen; the applicant's count this
/// month comes from the register and the quote from the domain's fee rules.
async fn fee_notice(
    state: &AppState,
    app: &StoredApplication,
    form: &StepForm,
    on: NaiveDate,
) -> Result<Event, Problem> {
    let method = match form.method.as_str() {
        "per_application" => FeeMethod::PerApplication,
        "per_page" => FeeMethod::PerPage,
        _ => return Err(Problem::Key("field_required")),
    };
    let pages = if method == FeeMethod::PerPage {
        number(&form.pages)?
    } else {
        0
    };
    let request = FeeRequest {
        method,
        pages,
        service: service(&form.service)?,
    };
    crate::forms::step::fee_notice(state, app, &request, on)
        .await
        .map(Event::FeeNoticeIssued)
}

pub async fn take(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    request: Request,
) -> Result<Response, WebError> {
    let (mut form, uploads) = read_request::<StepForm>(&state, request).await?;
    let app = access.application.clone().ok_or(WebError::NotFound)?;
    // 条例第三十三条第二款: an extension needs the approval of the head of the disclosure office (a reviewer).
    if ActionKind::from_code(form.action.trim()) == Some(ActionKind::Extend) {
        authorize(
            &access.official.actor(),
            Capability::ReviewRecords,
            access.agency.id,
            &access.tree,
        )
        .map_err(WebError::Forbidden)?;
    }
    let events = state.store.application_events(app.id).await?;
    let read = if ActionKind::from_code(form.action.trim()) == Some(ActionKind::IssueFeeNotice) {
        match date(&form.on) {
            Ok(on) => fee_notice(&state, &app, &form, on).await.map(|e| (on, e)),
            Err(problem) => Err(problem),
        }
    } else {
        read(&form, &events)
    };
    let (on, mut event) = match read {
        Ok(read) => read,
        Err(problem) => return render_timeline(&state, lang, &access, Some(problem)).await,
    };
    let files = match files_for(&state, &mut event, &uploads, &mut form.kept_files).await? {
        Ok(files) => files,
        Err(problem) => return render_timeline(&state, lang, &access, Some(problem)).await,
    };
    let step = Step {
        seen_seq: form.seen_seq,
        on,
        event: &event,
        reason: &form.reason,
        extra: &form.extra,
        files: &files,
    };
    let refusal = |e: StepRefusal| -> Result<Problem, WebError> {
        Ok(match e {
            StepRefusal::NotAStep => Problem::Key("error_application_step_not_allowed"),
            StepRefusal::Refused(said) | StepRefusal::Letter(said) => Problem::Said(said),
            StepRefusal::Changed => Problem::Key("error_application_changed"),
            StepRefusal::App(e) => return Err(e.into()),
        })
    };
    // A decision cannot be taken back: its letter is shown first, rendered by the same use case and stored
    // nowhere, and only the confirm button's POST records it.
    let action = ActionKind::from_code(form.action.trim());
    // 返回修改 on the preview: the decision form again, every field as typed.
    if action == Some(ActionKind::Decide) && form.confirmed.trim() == "edit" {
        return render_kept(&state, lang, &access, ser(&form)).await;
    }
    if action == Some(ActionKind::Decide) && form.confirmed.trim() != "1" {
        let problem = match preview_step(&state, &access.agency, &app, &step).await {
            Ok(letter) => return preview_page(&state, lang, &access, &form, letter),
            Err(e) => refusal(e)?,
        };
        return render_timeline(&state, lang, &access, Some(problem)).await;
    }
    let by = access.official.actor_ref();
    let problem = match take_step(&state, &access.agency, &app, &step, &by).await {
        Ok(_) => {
            let path = application_path(access.agency.id.0, app.id.0);
            // The step's message, shown once on the page the browser is sent to (in its language).
            let code = action.map_or("", ActionKind::code);
            let flash = state.cookies().set(FLASH_COOKIE, code, &path, 120);
            let mut response = Redirect::to(&path).into_response();
            response.headers_mut().append(SET_COOKIE, flash);
            return Ok(response);
        }
        Err(e) => refusal(e)?,
    };
    render_timeline(&state, lang, &access, Some(problem)).await
}

/// The decision's letter as it would be served, with the form again as hidden fields and a confirm button.
fn preview_page(
    state: &AppState,
    lang: Lang,
    access: &Access<can::HandleRecords>,
    form: &StepForm,
    letter: Option<gongkai_store::NewLetter>,
) -> Result<Response, WebError> {
    let fields: Vec<(String, String)> = match serde_json::to_value(form) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .filter(|(name, _)| name != "confirmed")
            .map(|(name, value)| {
                let value = match value {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (name, value)
            })
            .collect(),
        _ => Vec::new(),
    };
    let app = access.application.as_ref().ok_or(WebError::NotFound)?;
    let page = state.templates.render(
        "console/decide_preview.html",
        lang,
        context! {
            agency => ser(&access.agency),
            app => context! { id => app.id.0, tracking_no => app.tracking_no.to_string() },
            letter => letter.map(|l| l.text),
            fields => fields,
            // The documents it will disclose, kept already and named in the confirm form.
            kept_files => serde_json::from_str::<Vec<(String, String)>>(&form.kept_files)
                .unwrap_or_default()
                .into_iter()
                .map(|(name, _)| name)
                .collect::<Vec<_>>(),
            ..page_context(&access.official)
        },
    )?;
    Ok(page.into_response())
}

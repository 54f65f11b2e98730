//! `POST /api/v1/agencies/{agency}/applications/{tracking_no}/steps`: a caseworker's step, read from JSON into
//! the typed event (`step_body`), checked by the domain's `plan` and stored with its letter by the same use case
//! the console calls. 201 with the application as it is now; 422 `{"error","message","fields"}` and nothing
//! written when the step is refused; 409 when someone else took a step after `seen_seq`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::step::{Step, StepRefusal, take_step};
use gongkai_domain::access::Capability;
use gongkai_domain::application::event::Event;
use gongkai_domain::application::handling::ActionKind;
use gongkai_store::ApplicationStore;

use super::step_body::{ReadEvent, StepBody, Unread, read};
use super::{find, present};
use crate::auth::caller::Caller;
use crate::auth::can;
use crate::error::WebError;
use crate::forms::step::{Problem, fee_notice};
use crate::i18n::{Lang, Messages};
use crate::state::AppState;

/// A 422 answer: the code, its message and each field's problem.
fn refused(code: &str, message: String, fields: serde_json::Value) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(serde_json::json!({ "error": code, "message": message, "fields": fields })),
    )
        .into_response()
}

fn problem(words: &Messages, lang: Lang, p: Problem) -> Response {
    match p {
        Problem::Key(key) => refused(
            &key.trim_start_matches("error_").replacen('_', ".", 1),
            words.text(*lang, key).to_owned(),
            serde_json::json!([]),
        ),
        Problem::Said(said) => refused(said.code, words.say(*lang, &said), serde_json::json!([])),
        Problem::Text(text) => refused("application.step_refused", text, serde_json::json!([])),
    }
}

fn unread(words: &Messages, lang: Lang, why: Unread) -> Response {
    match why {
        Unread::NotAStep => problem(words, lang, Problem::Key("error_application_step_not_allowed")),
        Unread::Fields(fields) => refused(
            "application.invalid",
            words.text(*lang, "error_application_step_refused").to_owned(),
            fields
                .iter()
                .map(|f| serde_json::json!({"field": f.field, "problem": f.problem, "message": words.text(*lang, f.key)}))
                .collect(),
        ),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/agencies/{agency}/applications/{tracking_no}/steps",
    params(
        ("agency" = i64, Path, description = "api.param.agency"),
        ("tracking_no" = String, Path, description = "api.param.tracking_no")
    ),
    request_body = StepBody,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 201, description = "api.casework.step.201", body = crate::models::casework::CaseworkApplication),
        (status = 400, description = "api.casework.body.400"),
        (status = 401, description = "api.casework.auth.401"),
        (status = 403, description = "api.casework.auth.403"),
        (status = 404, description = "api.casework.show.404"),
        (status = 409, description = "api.casework.step.409"),
        (status = 415, description = "api.applications.create.415"),
        (status = 422, description = "api.casework.step.422")
    )
)]
pub async fn take(
    State(state): State<AppState>,
    lang: Lang,
    caller: Caller<can::HandleRecords>,
    Path(path): Path<(i64, String)>,
    Json(body): Json<StepBody>,
) -> Result<Response, WebError> {
    let (_, tracking_no) = path;
    let app = find(&state, &caller, &tracking_no).await?;
    let words = state.templates.messages();
    let events = state.store.application_events(app.id).await?;
    let history: Vec<Event> = events.iter().map(|e| e.event.clone()).collect();
    let step = match read(&body, &history) {
        Ok(step) => step,
        Err(why) => return Ok(unread(words, lang, why)),
    };
    let event = match step.event {
        ReadEvent::Ready(event) => event,
        ReadEvent::Fee {
            request,
            stated_count,
        } => match fee_notice(&state, &app, &request, step.on).await {
            // 国办函〔2020〕109号第四条: the register counts the month; a caller's own count must agree.
            Ok(notice) if stated_count.is_some_and(|c| Some(c) != notice.count) => {
                let counted = notice.count.unwrap_or(1).to_string();
                let message = words
                    .text(*lang, "error_fee_count_not_register")
                    .replace("{n}", &counted);
                return Ok(refused(
                    "application.fee_count",
                    message.clone(),
                    serde_json::json!([{"field": "count", "problem": "not_register_count", "message": message}]),
                ));
            }
            Ok(notice) => Event::FeeNoticeIssued(notice),
            Err(p) => return Ok(problem(words, lang, p)),
        },
    };
    // 条例第三十三条第二款: an extension needs the approval of the head of the disclosure office (a reviewer).
    if step.kind == ActionKind::Extend {
        caller
            .may(Capability::ReviewRecords)
            .map_err(WebError::Forbidden)?;
    }
    // Without `seen_seq`, the state just read is the one the step was planned on.
    let seen_seq = body
        .seen_seq
        .unwrap_or_else(|| events.last().map_or(0, |e| e.seq));
    let taken = Step {
        seen_seq,
        on: step.on,
        event: &event,
        reason: &step.reason,
        extra: &step.extra,

        files: &[],
    };
    let by = caller.actor_ref();
    match take_step(&state, &caller.agency, &app, &taken, &by).await {
        Ok(stored) => {
            let shown = present(&state, &caller, &stored, lang).await?;
            Ok((StatusCode::CREATED, Json(shown)).into_response())
        }
        Err(StepRefusal::NotAStep) => Ok(unread(words, lang, Unread::NotAStep)),
        Err(StepRefusal::Refused(said) | StepRefusal::Letter(said)) => {
            Ok(problem(words, lang, Problem::Said(said)))
        }
        Err(StepRefusal::Changed) => Ok((
            StatusCode::CONFLICT,
            Json(serde_json::json!({
                "error": "application.changed",
                "message": words.text(*lang, "error_application_changed"),
            })),
        )
            .into_response()),
        Err(StepRefusal::App(e)) => Err(e.into()),
    }
}

//! Casework on the register of 行政复议 and 行政诉讼 cases (条例第五十一条): registering a case and recording its
//! result, for the agency's clerks and reviewers (`can::HandleRecords`). Each form is read and checked by the
//! domain (`Filing::parse`, `Decision::parse`: no date after today, no result before the filing, a result with
//! both its day and its outcome); a tracking number must name an application made to this agency. Bad input
//! shows the form again with each field's problem in the visitor's language (422) and stores nothing.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use gongkai_domain::access::Denial;
use gongkai_domain::appeal::{CaseKind, CaseOutcome, Decision, Filing, FilingInput};
use gongkai_domain::application::intake::TrackingNo;
use gongkai_domain::field::{FieldError, FieldProblem};
use gongkai_store::{
    AppealCaseId, AppealStore, ApplicationStore, NewAppealCase, StoreError, StoredAppealCase,
};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::appeals::CaseView;
use super::statistics::FIRST_YEAR;
use super::{field_errors, form_status, page_context};
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FilingForm {
    kind: String,
    filed_on: String,
    /// The tracking number of the application the case concerns (optional).
    application: String,
    note: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DecisionForm {
    decided_on: String,
    outcome: String,
}

/// The register page, showing the table 四 of `year` when the page offers that year.
fn register_page(agency: i64, year: i32) -> String {
    if year >= FIRST_YEAR {
        format!("/console/agencies/{agency}/appeals?year={year}")
    } else {
        format!("/console/agencies/{agency}/appeals")
    }
}

async fn render_new(
    state: &AppState,
    lang: Lang,
    access: &Access<can::HandleRecords>,
    form: &FilingForm,
    errors: &[FieldError],
) -> Result<Response, WebError> {
    let page = state.templates.render(
        "console/appeal_new.html",
        lang,
        context! {
            agency => ser(&access.agency),
            form => ser(form),
            errors => field_errors(errors),
            kinds => CaseKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>(),
            today => state.today().to_string(),
            ..page_context(&access.official)
        },
    )?;
    Ok((form_status(errors), page).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    let form = FilingForm {
        kind: CaseKind::Review.code().to_owned(),
        filed_on: state.today().to_string(),
        ..FilingForm::default()
    };
    render_new(&state, lang, &access, &form, &[]).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    Form(form): Form<FilingForm>,
) -> Result<Response, WebError> {
    let input = FilingInput {
        kind: &form.kind,
        filed_on: &form.filed_on,
        application: &form.application,
        note: &form.note,
    };
    let parsed = Filing::parse(&input, state.today());
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    // A well-formed tracking number must name an application made to this agency; another agency's is
    // answered like an unknown one, so that the form tells nothing about other agencies' records.
    let mut linked = None;
    if let Ok(no) = TrackingNo::parse(&form.application) {
        match state.store.application_by_tracking_no(&no).await? {
            Some(app) if app.agency == access.agency.id => linked = Some(app.id),
            _ => errors.push(FieldError::new(
                "application",
                FieldProblem::UnknownApplication,
            )),
        }
    }
    let filing = match parsed {
        Ok(filing) if errors.is_empty() => filing,
        _ => return render_new(&state, lang, &access, &form, &errors).await,
    };
    let new = NewAppealCase {
        agency: access.agency.id,
        kind: filing.kind,
        filed_on: filing.filed_on,
        application: linked,
        note: filing.note,
    };
    state
        .store
        .create_review_case(&new, &access.official.actor_ref())
        .await?;
    let target = register_page(access.agency.id.0, filing.filed_on.year());
    Ok(Redirect::to(&target).into_response())
}

/// The case named by the path; it must be one of the agency's, whose access the extractor checked.
async fn case_of(
    state: &AppState,
    access: &Access<can::HandleRecords>,
    id: &str,
) -> Result<StoredAppealCase, WebError> {
    let id = id.parse::<i64>().map_err(|_| WebError::NotFound)?;
    let found = state
        .store
        .review_case(AppealCaseId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    if found.agency != access.agency.id {
        return Err(WebError::Forbidden(Denial::Scope));
    }
    Ok(found)
}

async fn render_decide(
    state: &AppState,
    lang: Lang,
    access: &Access<can::HandleRecords>,
    case: &StoredAppealCase,
    form: &DecisionForm,
    errors: &[FieldError],
    status: StatusCode,
) -> Result<Response, WebError> {
    let today = state.today();
    let page = state.templates.render(
        "console/appeal_decide.html",
        lang,
        context! {
            agency => ser(&access.agency),
            case => ser(&CaseView::of(case, today.year())),
            form => ser(form),
            errors => field_errors(errors),
            outcomes => CaseOutcome::ALL.iter().map(|o| o.code()).collect::<Vec<_>>(),
            today => today.to_string(),
            ..page_context(&access.official)
        },
    )?;
    Ok((status, page).into_response())
}

pub async fn decide_form(
    State(state): State<AppState>,
    lang: Lang,
    Path((_, case)): Path<(String, String)>,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    let case = case_of(&state, &access, &case).await?;
    let form = DecisionForm {
        decided_on: state.today().to_string(),
        outcome: String::new(),
    };
    render_decide(&state, lang, &access, &case, &form, &[], StatusCode::OK).await
}

pub async fn decide(
    State(state): State<AppState>,
    lang: Lang,
    Path((_, case)): Path<(String, String)>,
    access: Access<can::HandleRecords>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, WebError> {
    let case = case_of(&state, &access, &case).await?;
    // A result is recorded once: a second one is a conflict, and the page shows the one recorded.
    if case.case.decision.is_some() {
        return render_decide(
            &state,
            lang,
            &access,
            &case,
            &form,
            &[],
            StatusCode::CONFLICT,
        )
        .await;
    }
    let today = state.today();
    let decision = match Decision::parse(case.case.filed_on, &form.decided_on, &form.outcome, today)
    {
        Ok(d) => d,
        Err(errors) => {
            let status = form_status(&errors);
            return render_decide(&state, lang, &access, &case, &form, &errors, status).await;
        }
    };
    match state
        .store
        .record_review_decision(case.id, &decision, &access.official.actor_ref())
        .await
    {
        Ok(_) => {}
        // Decided meanwhile by someone else: show the result that was recorded.
        Err(StoreError::Refused(_)) => {
            let now = case_of(&state, &access, &case.id.0.to_string()).await?;
            return render_decide(
                &state,
                lang,
                &access,
                &now,
                &form,
                &[],
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    }
    let target = register_page(access.agency.id.0, decision.on.year());
    Ok(Redirect::to(&target).into_response())
}

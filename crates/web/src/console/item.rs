//! One catalogue item in the console: its metadata and state, the draft form while it is a draft, and the
//! publishing steps (submit for 保密审查, approve and publish, send back, withdraw with a reason, reopen), each
//! allowed by role through the access extractor and recorded as an event.

use axum::Form;
use axum::extract::{Multipart, State};
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::catalog::publishing::{Publisher, take_step};
use gongkai_domain::access::{Capability, authorize};
use gongkai_domain::catalog::{
    ItemState, Transition, check_attachment, publication_delay, safe_file_name,
};
use gongkai_domain::field::FieldError;
use gongkai_store::{CatalogItem, CatalogStore, StoreError};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::catalog::{DraftForm, choices};
use super::{field_errors, flash, form_status, page_context};
use crate::auth::{Access, Policy, can};
use crate::display::size_text;
use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Serialize)]
struct Allowed {
    edit: bool,
    submit: bool,
    review: bool,
    withdraw: bool,
    revise: bool,
}

fn the_item<P: Policy>(access: &Access<P>) -> Result<&CatalogItem, WebError> {
    access.item.as_ref().ok_or(WebError::NotFound)
}

async fn render<P: Policy>(
    state: &AppState,
    lang: Lang,
    access: &Access<P>,
    form: &DraftForm,
    errors: &[FieldError],
    notice: Option<&str>,
    flash: Option<String>,
) -> Result<Response, WebError> {
    let item = the_item(access)?;
    let actor = access.official.actor();
    let may = |c| authorize(&actor, c, access.agency.id, &access.tree).is_ok();
    let (handle, review) = (
        may(Capability::HandleRecords),
        may(Capability::ReviewRecords),
    );
    let allowed = Allowed {
        edit: handle && item.state == ItemState::Draft,
        submit: handle && item.state == ItemState::Draft,
        review: review && item.state == ItemState::InReview,
        withdraw: review && item.state == ItemState::Published,
        revise: handle && item.state == ItemState::Withdrawn,
    };
    let delay = item
        .published_on
        .and_then(|p| publication_delay(item.draft.formed_on, p, &state.calendar).ok());
    // Once published, each attachment says whether search reads its text or only its name.
    let texts = if item.state == ItemState::Published {
        gongkai_app::catalog::extract::texts_of(&state.app, item.id).await?
    } else {
        Vec::new()
    };
    let text_state = |id: i64| {
        let read = texts.iter().find(|t| t.attachment == id)?;
        Some(match read.outcome {
            Some(o) => (o.code(), o.needs_attention(), read.detail.clone()),
            None => ("pending", false, String::new()),
        })
    };
    let attachments: Vec<_> = state
        .store
        .attachments(item.id)
        .await?
        .into_iter()
        .map(|a| {
            let text = text_state(a.id);
            context! {
                id => a.id, file_name => a.file_name, mime => a.mime, size => size_text(a.size_bytes),
                text => text.as_ref().map(|t| t.0), text_flagged => text.as_ref().is_some_and(|t| t.1),
                text_detail => text.map(|t| t.2),
            }
        })
        .collect();
    let flagged = texts
        .iter()
        .filter(|t| t.outcome.is_some_and(|o| o.needs_attention()))
        .count();
    let page = state.templates.render(
        "console/item.html",
        lang,
        context! {
            agency => ser(&access.agency),
            item => context! {
                id => item.id.0,
                index_no => item.index_no.as_ref().map(ToString::to_string),
                title => item.draft.title.clone(),
                state => item.state.code(),
                state_reason => item.state_reason.clone(),
                published_on => item.published_on.map(|d| d.to_string()),
                working_days => delay.as_ref().map(|d| d.working_days),
                late => delay.as_ref().is_some_and(|d| d.late),
            },
            attachments => attachments,
            attachments_flagged => flagged,
            form => ser(form),
            errors => field_errors(errors),
            choices => choices(lang),
            can => ser(&allowed),
            notice => notice,
            flash => flash,
            ..page_context(&access.official)
        },
    )?;
    Ok((form_status(errors), page).into_response())
}

/// The codes of the steps whose message the item's page shows once after the redirect.
const STEP_MESSAGES: [&str; 5] = [
    "catalog_submit",
    "catalog_approve",
    "catalog_reject",
    "catalog_withdraw",
    "catalog_revise",
];

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    access: Access<can::ViewAgency>,
) -> Result<Response, WebError> {
    let form = DraftForm::of(&the_item(&access)?.draft);
    let message = flash::message(&state, lang, &headers, &STEP_MESSAGES);
    let shown = message.is_some();
    let mut page = render(&state, lang, &access, &form, &[], None, message).await?;
    if shown {
        page.headers_mut()
            .append(SET_COOKIE, flash::clear(&state, &item_path(&access)));
    }
    Ok(page)
}

pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    Form(form): Form<DraftForm>,
) -> Result<Response, WebError> {
    let item = the_item(&access)?;
    // Only a draft is edited; anything else is refused before the form is read (the page of a submitted or
    // published item shows the item, never a form sent to it).
    if item.state != ItemState::Draft {
        return Err(WebError::BadRequest(ErrorCode::CatalogNotADraft));
    }
    let draft = match form.to_draft(state.today()) {
        Ok(d) => d,
        Err(errors) => return render(&state, lang, &access, &form, &errors, None, None).await,
    };
    match state
        .store
        .update_item(item.id, &draft, &access.official.actor_ref())
        .await
    {
        Ok(_) => Ok(back(&access)),
        Err(StoreError::Conflict { .. }) => Err(WebError::BadRequest(ErrorCode::CatalogNotADraft)),
        Err(e) => Err(e.into()),
    }
}

/// The item's page in the console.
pub fn item_path<P: Policy>(access: &Access<P>) -> String {
    let id = access.item.as_ref().map(|i| i.id.0).unwrap_or_default();
    format!("/console/agencies/{}/catalog/{id}", access.agency.id)
}

fn back<P: Policy>(access: &Access<P>) -> Response {
    Redirect::to(&item_path(access)).into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReasonForm {
    reason: String,
}

/// Applies a publishing step (the use case brings this node's search index up to date at once), then sends
/// the browser back to the item's page with the step's message.
pub(super) async fn step<P: Policy>(
    state: &AppState,
    access: &Access<P>,
    transition: Transition,
) -> Result<Response, WebError> {
    let item = the_item(access)?;
    let by = access.official.actor_ref();
    let publisher = Publisher {
        account: access.official.account.id,
        actor: &by,
    };
    let code = match transition {
        Transition::Submit => "catalog_submit",
        Transition::Approve => "catalog_approve",
        Transition::Reject { .. } => "catalog_reject",
        Transition::Withdraw { .. } => "catalog_withdraw",
        Transition::Revise => "catalog_revise",
    };
    take_step(state, item, transition, &publisher).await?;
    Ok(flash::redirect(state, &item_path(access), code))
}

pub async fn submit(
    State(state): State<AppState>,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    step(&state, &access, Transition::Submit).await
}

pub async fn reject(
    State(state): State<AppState>,
    access: Access<can::ReviewRecords>,
    Form(f): Form<ReasonForm>,
) -> Result<Response, WebError> {
    step(
        &state,
        &access,
        Transition::Reject {
            reason: f.reason.trim().to_owned(),
        },
    )
    .await
}

pub async fn withdraw(
    State(state): State<AppState>,
    access: Access<can::ReviewRecords>,
    Form(f): Form<ReasonForm>,
) -> Result<Response, WebError> {
    step(
        &state,
        &access,
        Transition::Withdraw {
            reason: f.reason.trim().to_owned(),
        },
    )
    .await
}

pub async fn revise(
    State(state): State<AppState>,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    step(&state, &access, Transition::Revise).await
}

/// An uploaded attachment: type and size checked against its first bytes, kept on disk under its SHA-256.
pub async fn attach(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let item = the_item(&access)?;
    let form = DraftForm::of(&item.draft);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| WebError::BadRequest(ErrorCode::HttpBadRequest))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let name = safe_file_name(field.file_name().unwrap_or("attachment"));
        let bytes = field.bytes().await.map_err(|_| WebError::TooLarge)?;
        let kind = match check_attachment(&name, bytes.len() as u64, &bytes) {
            Ok(k) => k,
            Err(e) => {
                let notice = crate::pages::error_key(e.code());
                return render(&state, lang, &access, &form, &[], Some(&notice), None).await;
            }
        };
        let sha = gongkai_app::attachments::save(&state.store, &bytes).await?;
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        state
            .store
            .add_attachment(
                item.id,
                &name,
                kind.mime(),
                size,
                &sha,
                &access.official.actor_ref(),
            )
            .await
            .map_err(|e| match e {
                StoreError::Conflict { .. } => WebError::BadRequest(ErrorCode::CatalogNotADraft),
                other => other.into(),
            })?;
    }
    Ok(back(&access))
}

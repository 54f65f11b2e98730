//! Publishing a catalogue item after its 保密审查 (条例第十七条): a confirmation page first, stating what becomes
//! public (the item's metadata, its text and every attachment, under a 索引号 assigned now) and that a
//! publication is not silently taken back (a withdrawal keeps its reason in the record); only the confirm
//! button's POST publishes, and the item's page then says it was published.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::catalog::{ItemState, Transition};
use gongkai_store::CatalogStore;
use minijinja::context;
use serde::Deserialize;

use super::item::{item_path, step};
use super::page_context;
use crate::auth::{Access, can};
use crate::display::{category_name, size_text};
use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApproveForm {
    /// `1` from the confirmation page's button.
    confirmed: String,
}

/// The confirmation page: what will become public, and the button that publishes it.
pub async fn confirm(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ReviewRecords>,
) -> Result<Response, WebError> {
    let item = access.item.as_ref().ok_or(WebError::NotFound)?;
    if item.state != ItemState::InReview {
        return Err(WebError::BadRequest(ErrorCode::CatalogStepRefused));
    }
    let attachments: Vec<_> = state
        .store
        .attachments(item.id)
        .await?
        .into_iter()
        .map(|a| {
            context! {
                href => format!("{}/attachments/{}", item_path(&access), a.id),
                file_name => a.file_name, size => size_text(a.size_bytes),
            }
        })
        .collect();
    let d = &item.draft;
    let page = state.templates.render(
        "console/item_publish.html",
        lang,
        context! {
            agency => ser(&access.agency),
            item => context! {
                id => item.id.0,
                title => d.title.clone(),
                doc_no => d.doc_no.as_ref().map(ToString::to_string),
                issuer => d.issuer.clone(),
                formed_on => d.formed_on.to_string(),
                category => category_name(d.category, lang),
                summary => d.summary.clone(),
            },
            attachments => attachments,
            today => state.today().to_string(),
            ..page_context(&access.official)
        },
    )?;
    Ok(page.into_response())
}

/// Publishes the item when confirmed; an unconfirmed POST (an old form, a script) is sent to the confirmation.
pub async fn approve(
    State(state): State<AppState>,
    access: Access<can::ReviewRecords>,
    Form(form): Form<ApproveForm>,
) -> Result<Response, WebError> {
    if form.confirmed.trim() != "1" {
        return Ok(Redirect::to(&format!("{}/approve", item_path(&access))).into_response());
    }
    step(&state, &access, Transition::Approve).await
}

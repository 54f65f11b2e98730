//! An item's page (its metadata table, 条例第十二条's 索引、名称、内容概述、生成日期 and more) and its attachments.

use axum::extract::{Path, State};
use axum::response::{Html, Response};
use gongkai_domain::catalog::ItemState;
use gongkai_store::CatalogStore;
use minijinja::context;
use serde::Serialize;

use crate::display::{ItemPage, size_text};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Serialize)]
struct AttachmentLink {
    href: String,
    file_name: String,
    size_text: String,
}

pub async fn item(
    State(state): State<AppState>,
    lang: Lang,
    Path(index_no): Path<String>,
) -> Result<Html<String>, WebError> {
    let item = state
        .store
        .item_by_index_no(&index_no)
        .await?
        .ok_or(WebError::NotFound)?;
    // Drafts, items in review and withdrawn items are not public.
    if item.state != ItemState::Published {
        return Err(WebError::NotFound);
    }
    let agency = gongkai_store::AgencyStore::agency(&state.store, item.agency)
        .await?
        .ok_or(WebError::NotFound)?;
    let attachments: Vec<AttachmentLink> = state
        .store
        .attachments(item.id)
        .await?
        .into_iter()
        .map(|a| AttachmentLink {
            href: crate::templates::attachment_href(a.id, &a.file_name),
            size_text: size_text(a.size_bytes),
            file_name: a.file_name,
        })
        .collect();
    let paragraphs: Vec<String> = item
        .draft
        .body
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    state.templates.render(
        "portal/item.html",
        lang,
        context! {
            agency => ser(&agency),
            parent => (),
            demo => state.demo,
            current => "catalog",
            item => ser(&ItemPage::of(&item, lang)),
            paragraphs => paragraphs,
            attachments => ser(&attachments),
        },
    )
}

/// An attachment of a published item, with the type it was checked to be and its original name.
pub async fn attachment(
    State(state): State<AppState>,
    Path((id, _name)): Path<(i64, String)>,
    request_headers: axum::http::HeaderMap,
) -> Result<Response, WebError> {
    let record = state
        .store
        .attachment(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let item = state
        .store
        .item(record.item)
        .await?
        .ok_or(WebError::NotFound)?;
    if item.state != ItemState::Published {
        return Err(WebError::NotFound);
    }
    // Kept by caches but asked about each time (`no-cache`): once the item is withdrawn the next request gets 404,
    // not a copy a shared cache still holds. The digest is the ETag, so an unchanged file costs a 304.
    if crate::downloads::etag_matches(&request_headers, &record.sha256) {
        return Ok(crate::downloads::not_modified(&record.sha256));
    }
    crate::downloads::attachment(&state, &record, "public, no-cache").await
}

//! `GET /api/v1/catalog/{index_no}`: one published item, with its whole metadata, text and attachments.

use axum::Json;
use axum::extract::{Path, State};
use gongkai_domain::catalog::ItemState;
use gongkai_store::{AgencyStore, CatalogStore};
use serde::Serialize;
use utoipa::ToSchema;

use super::catalog::{CatalogEntry, entry};
use crate::error::WebError;
use crate::state::AppState;

/// An attachment of an item.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentEntry {
    pub file_name: String,
    pub mime: String,
    pub size_bytes: i64,
    pub url: String,
}

/// One item: the fields of the list, and the rest of its metadata, its text and attachments.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogItemDetail {
    #[serde(flatten)]
    pub entry: CatalogEntry,
    /// 发布机构
    pub issuer: String,
    /// 主题分类
    pub subject: Option<String>,
    /// 内容概述
    pub summary: String,
    /// regulation | normative_document | other
    pub kind: String,
    /// 有效性变更日期 YYYY-MM-DD
    pub validity_on: Option<String>,
    pub body: String,
    pub attachments: Vec<AttachmentEntry>,
}

#[utoipa::path(
    get,
    path = "/api/v1/catalog/{index_no}",
    params(("index_no" = String, Path, description = "api.item.param.index_no")),
    responses(
        (status = 200, description = "api.item.200", body = CatalogItemDetail),
        (status = 404, description = "api.item.404")
    )
)]
pub async fn by_index_no(
    State(state): State<AppState>,
    Path(index_no): Path<String>,
) -> Result<Json<CatalogItemDetail>, WebError> {
    let item = state
        .store
        .item_by_index_no(&index_no)
        .await?
        .ok_or(WebError::NotFound)?;
    if item.state != ItemState::Published {
        return Err(WebError::NotFound);
    }
    let agency = state
        .store
        .agency(item.agency)
        .await?
        .map(|a| a.profile.name)
        .unwrap_or_default();
    let attachments = state
        .store
        .attachments(item.id)
        .await?
        .into_iter()
        .map(|a| AttachmentEntry {
            url: crate::templates::attachment_href(a.id, &a.file_name),
            file_name: a.file_name,
            mime: a.mime,
            size_bytes: a.size_bytes,
        })
        .collect();
    let d = &item.draft;
    Ok(Json(CatalogItemDetail {
        entry: entry(&item, &agency),
        issuer: d.issuer.clone(),
        subject: d.subject.as_ref().map(|s| s.as_str().to_owned()),
        summary: d.summary.clone(),
        kind: d.kind.code().to_owned(),
        validity_on: d.validity.on().map(|x| x.to_string()),
        body: d.body.clone(),
        attachments,
    }))
}

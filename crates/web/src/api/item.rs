//! `GET /api/v1/catalog/{index_no}`: one published item.

use axum::Json;
use axum::extract::{Path, State};
use gongkai_domain::catalog::ItemState;
use gongkai_store::{AgencyStore, CatalogStore};

use super::catalog::{CatalogEntry, entry};
use crate::error::WebError;
use crate::state::AppState;

#[utoipa::path(
    get,
    path = "/api/v1/catalog/{index_no}",
    params(("index_no" = String, Path, description = "索引号 / index number")),
    responses(
        (status = 200, description = "该条目 / the item", body = CatalogEntry),
        (status = 404, description = "没有该条目 / no such item")
    )
)]
pub async fn by_index_no(
    State(state): State<AppState>,
    Path(index_no): Path<String>,
) -> Result<Json<CatalogEntry>, WebError> {
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
    Ok(Json(entry(&item, &agency)))
}

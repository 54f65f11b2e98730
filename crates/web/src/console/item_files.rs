//! An item's attachments opened from the console, before publication: the 保密审查 is a reading of everything
//! that will be published (条例第十七条), so whoever may see the agency's catalogue in the console opens each
//! file here. The public `/attachments/...` address keeps refusing files of unpublished items.

use axum::extract::{Path, State};
use axum::response::Response;
use gongkai_store::CatalogStore;

use crate::auth::{Access, can};
use crate::error::WebError;
use crate::state::AppState;

/// `/console/agencies/{agency}/catalog/{item}/attachments/{attachment}`: the file, if it belongs to the item
/// (the extractor checked that the item belongs to the agency and the official reaches the agency).
pub async fn open(
    State(state): State<AppState>,
    Path((_, _, attachment)): Path<(i64, i64, i64)>,
    access: Access<can::ViewAgency>,
) -> Result<Response, WebError> {
    let item = access.item.as_ref().ok_or(WebError::NotFound)?;
    let record = state
        .store
        .attachment(attachment)
        .await?
        .filter(|a| a.item == item.id)
        .ok_or(WebError::NotFound)?;
    // Not yet public: no shared cache keeps it.
    crate::downloads::attachment(&state, &record, "private, no-store").await
}

//! Catalogue rows to values; a stored value the domain refuses is reported as corrupt, never guessed.

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::catalog::{
    Category, DocKind, DocNo, IndexNo, ItemDraft, ItemState, Subject, Validity,
};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{AttachmentRecord, CatalogItem, ItemId};
use crate::error::{StoreError, StoreResult};

pub(crate) const ITEM_COLUMNS: &str = "id, agency_id, index_no, title, doc_no, category, subject, issuer, \
     formed_on, published_on, version_published_on, summary, kind, validity, validity_on, body, state, state_reason, \
     updated_at_ms, change_seq, submitted_by, authors";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}'"))
}

pub(crate) fn date(text: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt("date", text))
}

fn optional_date(text: Option<String>) -> StoreResult<Option<NaiveDate>> {
    text.as_deref().map(date).transpose()
}

/// The validity as stored: its code and, for the changed states, the date it changed.
pub(crate) fn validity_columns(v: &Validity) -> (&'static str, Option<String>) {
    (v.code(), v.on().map(|d| d.to_string()))
}

pub(crate) fn item(row: &AnyRow) -> StoreResult<CatalogItem> {
    let text = |col: &str| row.try_get::<String, _>(col);
    let category = text("category")?;
    let kind = text("kind")?;
    let validity = text("validity")?;
    let state = text("state")?;
    let doc_no = match row.try_get::<Option<String>, _>("doc_no")? {
        Some(d) => Some(DocNo::parse(&d).map_err(|_| corrupt("document number", &d))?),
        None => None,
    };
    let subject = match row.try_get::<Option<String>, _>("subject")? {
        Some(s) => Some(Subject::parse(&s).map_err(|_| corrupt("subject", &s))?),
        None => None,
    };
    let validity_on = optional_date(row.try_get("validity_on")?)?;
    let index_no = match row.try_get::<Option<String>, _>("index_no")? {
        Some(i) => Some(IndexNo::parse(&i).map_err(|_| corrupt("index number", &i))?),
        None => None,
    };
    let draft = ItemDraft {
        title: text("title")?,
        doc_no,
        category: Category::from_code(&category).ok_or_else(|| corrupt("category", &category))?,
        subject,
        issuer: text("issuer")?,
        formed_on: date(&text("formed_on")?)?,
        summary: text("summary")?,
        kind: DocKind::from_code(&kind).ok_or_else(|| corrupt("document kind", &kind))?,
        validity: Validity::from_code(&validity, validity_on)
            .ok_or_else(|| corrupt("validity", &validity))?,
        body: text("body")?,
    };
    Ok(CatalogItem {
        id: ItemId(row.try_get("id")?),
        agency: AgencyId(row.try_get("agency_id")?),
        index_no,
        draft,
        state: ItemState::from_code(&state).ok_or_else(|| corrupt("state", &state))?,
        state_reason: row.try_get("state_reason")?,
        published_on: optional_date(row.try_get("published_on")?)?,
        version_published_on: optional_date(row.try_get("version_published_on")?)?,
        updated_at_ms: row.try_get("updated_at_ms")?,
        change_seq: row.try_get("change_seq")?,
        submitted_by: row.try_get("submitted_by")?,
        authors: row
            .try_get::<String, _>("authors")?
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
            .collect(),
    })
}

pub(crate) const ATTACHMENT_COLUMNS: &str = "id, item_id, file_name, mime, size_bytes, sha256";

pub(crate) fn attachment(row: &AnyRow) -> StoreResult<AttachmentRecord> {
    Ok(AttachmentRecord {
        id: row.try_get("id")?,
        item: ItemId(row.try_get("item_id")?),
        file_name: row.try_get("file_name")?,
        mime: row.try_get("mime")?,
        size_bytes: row.try_get("size_bytes")?,
        sha256: row.try_get("sha256")?,
    })
}

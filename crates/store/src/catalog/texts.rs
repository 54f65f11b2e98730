//! The text read from catalogue attachments, kept under the file's SHA-256 (the bytes are too), for search:
//! which attachments of published items still await reading, the result of reading one, and the texts of a
//! set of items for the index. Saving a result marks the items holding the file as changed, so every node's
//! index catches up with the text as it does with any other change.

use std::future::Future;

use gongkai_domain::catalog::{ItemState, TextOutcome};
use sqlx::{AssertSqlSafe, Row};

use super::ItemId;
use super::write::next_change;
use crate::Store;
use crate::error::StoreResult;

/// An attachment of a published item whose text has not been read by the current reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentToRead {
    pub sha256: String,
    /// One of the names it was attached under (the extension says the format).
    pub file_name: String,
}

/// What reading a file's text gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadText {
    pub outcome: TextOutcome,
    pub detail: String,
    pub text: String,
    /// The version of the reading rules that gave it.
    pub extractor: i32,
}

/// An item's attachment with what reading it gave (`None`: not read yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentText {
    pub item: ItemId,
    pub attachment: i64,
    pub file_name: String,
    pub outcome: Option<TextOutcome>,
    pub detail: String,
    pub text: String,
}

pub trait AttachmentTextStore {
    /// Attachments of published items never read, or read by a reader older than `extractor`, oldest first.
    fn attachments_to_read(
        &self,
        extractor: i32,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<AttachmentToRead>>> + Send;
    /// Keeps what reading the file `sha256` gave and marks the published items holding it as changed;
    /// returns how many items that was.
    fn save_attachment_text(
        &self,
        sha256: &str,
        read: &ReadText,
    ) -> impl Future<Output = StoreResult<usize>> + Send;
    /// The attachments of these items, in the order they were attached, with their text when it was read.
    fn attachment_texts(
        &self,
        items: &[ItemId],
    ) -> impl Future<Output = StoreResult<Vec<AttachmentText>>> + Send;
    /// Forgets every text read, so that every attachment is read again (a re-index); returns how many.
    fn forget_attachment_texts(&self) -> impl Future<Output = StoreResult<u64>> + Send;
}

impl AttachmentTextStore for Store {
    async fn attachments_to_read(
        &self,
        extractor: i32,
        limit: u32,
    ) -> StoreResult<Vec<AttachmentToRead>> {
        let rows = sqlx::query(
            "SELECT a.sha256 AS sha256, MIN(a.file_name) AS file_name, MIN(a.id) AS first_id \
             FROM catalog_attachments a \
             JOIN catalog_items i ON i.id = a.item_id \
             LEFT JOIN attachment_texts t ON t.sha256 = a.sha256 \
             WHERE i.state = $1 AND (t.sha256 IS NULL OR t.extractor < $2) \
             GROUP BY a.sha256 ORDER BY first_id LIMIT $3",
        )
        .bind(ItemState::Published.code())
        .bind(i64::from(extractor))
        .bind(i64::from(limit.clamp(1, 10_000)))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AttachmentToRead {
                    sha256: r.try_get("sha256")?,
                    file_name: r.try_get("file_name")?,
                })
            })
            .collect()
    }

    async fn save_attachment_text(&self, sha256: &str, read: &ReadText) -> StoreResult<usize> {
        let mut w = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO attachment_texts (sha256, outcome, detail, text, extractor, extracted_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (sha256) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail, \
             text = excluded.text, extractor = excluded.extractor, extracted_at_ms = excluded.extracted_at_ms",
        )
        .bind(sha256)
        .bind(read.outcome.code())
        .bind(&read.detail)
        .bind(&read.text)
        .bind(i64::from(read.extractor))
        .bind(w.now_ms)
        .execute(w.conn())
        .await?;
        let holders: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT a.item_id FROM catalog_attachments a \
             JOIN catalog_items i ON i.id = a.item_id WHERE a.sha256 = $1 AND i.state = $2",
        )
        .bind(sha256)
        .bind(ItemState::Published.code())
        .fetch_all(w.conn())
        .await?;
        for item in &holders {
            // Only the change order moves: the item itself (and its 第二十六条 dates) did not change.
            let change = next_change(&mut w).await?;
            sqlx::query("UPDATE catalog_items SET change_seq = $1 WHERE id = $2")
                .bind(change)
                .bind(item)
                .execute(w.conn())
                .await?;
        }
        w.commit().await?;
        Ok(holders.len())
    }

    async fn attachment_texts(&self, items: &[ItemId]) -> StoreResult<Vec<AttachmentText>> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        // Item ids are typed integers, never user text, so they are written inline.
        let list: Vec<String> = items.iter().map(|i| i.0.to_string()).collect();
        let sql = format!(
            "SELECT a.item_id AS item_id, a.id AS id, a.file_name AS file_name, t.outcome AS outcome, \
             t.detail AS detail, t.text AS text \
             FROM catalog_attachments a LEFT JOIN attachment_texts t ON t.sha256 = a.sha256 \
             WHERE a.item_id IN ({}) ORDER BY a.item_id, a.id",
            list.join(", ")
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let outcome: Option<String> = r.try_get("outcome")?;
                let detail: Option<String> = r.try_get("detail")?;
                let text: Option<String> = r.try_get("text")?;
                Ok(AttachmentText {
                    item: ItemId(r.try_get("item_id")?),
                    attachment: r.try_get("id")?,
                    file_name: r.try_get("file_name")?,
                    outcome: outcome.as_deref().and_then(TextOutcome::from_code),
                    detail: detail.unwrap_or_default(),
                    text: text.unwrap_or_default(),
                })
            })
            .collect()
    }

    async fn forget_attachment_texts(&self) -> StoreResult<u64> {
        let mut w = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM attachment_texts")
            .execute(w.conn())
            .await?;
        w.commit().await?;
        Ok(done.rows_affected())
    }
}

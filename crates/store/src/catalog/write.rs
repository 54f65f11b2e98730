//! Catalogue writes, each with its audit event in the same transaction.

use chrono::{Datelike, NaiveDate};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use gongkai_domain::catalog::{
    Category, IndexNo, ItemDraft, ItemState, PublicationDates, Transition,
};
use gongkai_domain::credit_code::CreditCode;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AssertSqlSafe, Row};

use super::rows::{self, ITEM_COLUMNS, validity_columns};
use super::{
    AttachmentRecord, CatalogItem, CatalogStore, ImportOutcome, ImportRow, ItemFilter, ItemId,
};
use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::write::WriteTx;

/// Binds the draft's fields as `$1` to `$11`, in the column order the statements below use.
fn bind_draft<'q>(
    query: Query<'q, Any, AnyArguments>,
    d: &'q ItemDraft,
) -> Query<'q, Any, AnyArguments> {
    let (validity, validity_on) = validity_columns(&d.validity);
    query
        .bind(&d.title)
        .bind(d.doc_no.as_ref().map(|n| n.to_string()))
        .bind(d.category.code())
        .bind(d.subject.as_ref().map(|s| s.as_str().to_owned()))
        .bind(&d.issuer)
        .bind(d.formed_on.to_string())
        .bind(&d.summary)
        .bind(d.kind.code())
        .bind(validity)
        .bind(validity_on)
        .bind(&d.body)
}

const DRAFT_COLUMNS: &str = "title, doc_no, category, subject, issuer, formed_on, summary, kind, validity, validity_on, body";

/// Records a change of an item as an audit event of its agency.
async fn audit_item(
    w: &mut WriteTx,
    by: &ActorRef,
    action: AuditAction,
    item: &CatalogItem,
) -> StoreResult<()> {
    w.audit(&AuditEntry {
        actor: by.clone(),
        action,
        agency: Some(item.agency.0),
        target: format!("item:{}", item.id),
        detail: detail(item),
    })
    .await?;
    Ok(())
}

fn transition_action(t: &Transition) -> AuditAction {
    match t {
        Transition::Submit => AuditAction::CatalogSubmit,
        Transition::Approve => AuditAction::CatalogApprove,
        Transition::Reject { .. } => AuditAction::CatalogReject,
        Transition::Withdraw { .. } => AuditAction::CatalogWithdraw,
        Transition::Revise => AuditAction::CatalogRevise,
    }
}

fn detail(item: &CatalogItem) -> String {
    serde_json::json!({
        "index_no": item.index_no.as_ref().map(IndexNo::as_str),
        "state": item.state.code(),
        "title": item.draft.title,
        "doc_no": item.draft.doc_no.as_ref().map(|n| n.to_string()),
        "reason": item.state_reason,
    })
    .to_string()
}

async fn load(w: &mut WriteTx, id: ItemId) -> StoreResult<CatalogItem> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM catalog_items WHERE id = $1");
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(w.conn())
        .await?;
    rows::item(&row.ok_or(StoreError::NotFound {
        what: "catalogue item",
    })?)
}

/// The next number in the order of catalogue changes (writers are serialised, so the order is the commit order).
pub(super) async fn next_change(w: &mut WriteTx) -> StoreResult<i64> {
    let seq: i64 = sqlx::query_scalar(
        "UPDATE catalog_change_counter SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq",
    )
    .fetch_one(w.conn())
    .await?;
    // A catalogue change is a public one (an attachment's text read, too: search shows it).
    w.public_changed().await?;
    Ok(seq)
}

/// The next 索引号 of an agency for a year: the counter only grows, so a number is never handed out twice,
/// not even after a withdrawal.
async fn next_index_no(w: &mut WriteTx, agency: AgencyId, year: i32) -> StoreResult<IndexNo> {
    let credit: Option<String> =
        sqlx::query_scalar("SELECT credit_code FROM agencies WHERE id = $1")
            .bind(agency.0)
            .fetch_optional(w.conn())
            .await?
            .ok_or(StoreError::NotFound { what: "agency" })?;
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT last_serial FROM catalog_serials WHERE agency_id = $1 AND year = $2",
    )
    .bind(agency.0)
    .bind(i64::from(year))
    .fetch_optional(w.conn())
    .await?;
    let mut serial = last.unwrap_or(0);
    // An imported item may already hold a number of this series: such numbers are passed over.
    let index = loop {
        serial += 1;
        let n = u32::try_from(serial).map_err(|_| StoreError::Corrupt("index serial".into()))?;
        let candidate = match credit.as_deref().map(CreditCode::parse) {
            Some(Ok(code)) => IndexNo::new(&code, year, n),
            // Without a credit code the agency's number on this platform stands in for its organisation code.
            _ => IndexNo::with_prefix(&format!("GK{:07}", agency.0), year, n),
        }
        .map_err(|e| StoreError::Corrupt(format!("index number: {e}")))?;
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM catalog_items WHERE index_no = $1")
                .bind(candidate.as_str())
                .fetch_optional(w.conn())
                .await?;
        if taken.is_none() {
            break candidate;
        }
    };
    let sql = if last.is_some() {
        "UPDATE catalog_serials SET last_serial = $3 WHERE agency_id = $1 AND year = $2"
    } else {
        "INSERT INTO catalog_serials (agency_id, year, last_serial) VALUES ($1, $2, $3)"
    };
    sqlx::query(sql)
        .bind(agency.0)
        .bind(i64::from(year))
        .bind(serial)
        .execute(w.conn())
        .await?;
    Ok(index)
}

impl CatalogStore for Store {
    async fn create_item(
        &self,
        agency: AgencyId,
        draft: &ItemDraft,
        by: &ActorRef,
    ) -> StoreResult<CatalogItem> {
        let mut w = self.begin_write().await?;
        let sql = format!(
            "INSERT INTO catalog_items ({DRAFT_COLUMNS}, agency_id, state, created_at_ms, updated_at_ms, \
             change_seq, authors) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, \
             $16) RETURNING id"
        );
        let change = next_change(&mut w).await?;
        let row = bind_draft(sqlx::query(AssertSqlSafe(sql)), draft)
            .bind(agency.0)
            .bind(ItemState::Draft.code())
            .bind(w.now_ms)
            .bind(change)
            .bind(authors_with(&[], by))
            .fetch_one(w.conn())
            .await?;
        let item = load(&mut w, ItemId(row.try_get("id")?)).await?;
        audit_item(&mut w, by, AuditAction::CatalogCreate, &item).await?;
        w.commit().await?;
        Ok(item)
    }

    async fn update_item(
        &self,
        id: ItemId,
        draft: &ItemDraft,
        by: &ActorRef,
    ) -> StoreResult<CatalogItem> {
        let mut w = self.begin_write().await?;
        let before = load(&mut w, id).await?;
        if before.state != ItemState::Draft {
            return Err(StoreError::Conflict { field: "state" });
        }
        let sql = "UPDATE catalog_items SET title = $1, doc_no = $2, category = $3, subject = $4, issuer = $5, \
                   formed_on = $6, summary = $7, kind = $8, validity = $9, validity_on = $10, body = $11, \
                   updated_at_ms = $12, change_seq = $13, authors = $14 WHERE id = $15";
        bind_draft(sqlx::query(sql), draft)
            .bind(w.now_ms)
            .bind(next_change(&mut w).await?)
            .bind(authors_with(&before.authors, by))
            .bind(id.0)
            .execute(w.conn())
            .await?;
        let item = load(&mut w, id).await?;
        audit_item(&mut w, by, AuditAction::CatalogUpdate, &item).await?;
        w.commit().await?;
        Ok(item)
    }

    async fn transition_item(
        &self,
        id: ItemId,
        transition: &Transition,
        today: NaiveDate,
        by: &ActorRef,
    ) -> StoreResult<CatalogItem> {
        let mut w = self.begin_write().await?;
        let before = load(&mut w, id).await?;
        let state = before
            .state
            .apply(transition.clone())
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        let mut submitted_by = before.submitted_by;
        if matches!(transition, Transition::Submit) {
            submitted_by = by.id();
        }
        let mut index_no = before.index_no.clone();
        let mut published_on = before.published_on;
        let mut version_published_on = before.version_published_on;
        if matches!(transition, Transition::Approve) {
            // Two people see every publication: whoever wrote or sent an item to 保密审查 does not approve it.
            if (submitted_by.is_some() && submitted_by == by.id())
                || by.id().is_some_and(|me| before.authors.contains(&me))
            {
                return Err(StoreError::Refused(
                    "the official who wrote or submitted an item cannot approve it".into(),
                ));
            }
            if index_no.is_none() {
                index_no = Some(next_index_no(&mut w, before.agency, today.year()).await?);
            }
            // A republication keeps the day the item was first published; the version it publishes (a change,
            // 变更) is timed from its own day (条例第二十六条).
            published_on = published_on.or(Some(today));
            version_published_on = Some(today);
        }
        let reason = match transition {
            Transition::Reject { reason } | Transition::Withdraw { reason } => Some(reason.clone()),
            _ => None,
        };
        let change = next_change(&mut w).await?;
        sqlx::query(
            "UPDATE catalog_items SET state = $1, state_reason = $2, index_no = $3, published_on = $4, \
             updated_at_ms = $5, change_seq = $6, submitted_by = $7, version_published_on = $8, \
             authors = $10 WHERE id = $9",
        )
        .bind(state.code())
        .bind(reason)
        .bind(index_no.as_ref().map(|i| i.as_str().to_owned()))
        .bind(published_on.map(|d| d.to_string()))
        .bind(w.now_ms)
        .bind(change)
        .bind(submitted_by)
        .bind(version_published_on.map(|d| d.to_string()))
        .bind(id.0)
        // A published version's authors no longer bar anyone: the next version has its own.
        .bind(if matches!(transition, Transition::Approve) {
            String::new()
        } else {
            authors_with(&before.authors, &ActorRef::System {
                reason: String::new(),
            })
        })
        .execute(w.conn())
        .await?;
        let item = load(&mut w, id).await?;
        audit_item(&mut w, by, transition_action(transition), &item).await?;
        w.commit().await?;
        Ok(item)
    }

    async fn import_items(
        &self,
        agency: AgencyId,
        rows: &[ImportRow],
        by: &ActorRef,
    ) -> StoreResult<ImportOutcome> {
        let mut w = self.begin_write().await?;
        let mut outcome = ImportOutcome::default();
        for row in rows {
            let seen: Option<i64> =
                sqlx::query_scalar("SELECT id FROM catalog_items WHERE import_key = $1")
                    .bind(&row.import_key)
                    .fetch_optional(w.conn())
                    .await?;
            if seen.is_some() {
                outcome.already_there += 1;
                continue;
            }
            let index_no = match &row.index_no {
                Some(given) => given.clone(),
                None => next_index_no(&mut w, agency, row.published_on.year()).await?,
            };
            let sql = format!(
                "INSERT INTO catalog_items ({DRAFT_COLUMNS}, agency_id, state, index_no, published_on, import_key, \
                 created_at_ms, updated_at_ms, change_seq, version_published_on) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $15)"
            );
            let change = next_change(&mut w).await?;
            bind_draft(sqlx::query(AssertSqlSafe(sql)), &row.draft)
                .bind(agency.0)
                .bind(ItemState::Published.code())
                .bind(index_no.as_str().to_owned())
                .bind(row.published_on.to_string())
                .bind(&row.import_key)
                .bind(w.now_ms)
                .bind(change)
                .execute(w.conn())
                .await
                .map_err(|e| match StoreError::from(e) {
                    StoreError::Conflict { .. } => StoreError::ImportRow {
                        line: row.line,
                        what: "index_no",
                    },
                    other => other,
                })?;
            outcome.inserted += 1;
        }
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::CatalogImport,
            agency: Some(agency.0),
            target: format!("agency:{agency}"),
            detail: serde_json::to_string(&outcome).unwrap_or_default(),
        })
        .await?;
        w.commit().await?;
        Ok(outcome)
    }

    async fn add_attachment(
        &self,
        item: ItemId,
        file_name: &str,
        mime: &str,
        size_bytes: i64,
        sha256: &str,
        by: &ActorRef,
    ) -> StoreResult<AttachmentRecord> {
        let mut w = self.begin_write().await?;
        let owner = load(&mut w, item).await?;
        // An attachment is part of what 保密审查 looks at: it goes on a draft, never straight onto the public page.
        if owner.state != ItemState::Draft {
            return Err(StoreError::Conflict { field: "state" });
        }
        let row = sqlx::query(
            "INSERT INTO catalog_attachments (item_id, file_name, mime, size_bytes, sha256, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(item.0)
        .bind(file_name)
        .bind(mime)
        .bind(size_bytes)
        .bind(sha256)
        .bind(w.now_ms)
        .fetch_one(w.conn())
        .await?;
        let change = next_change(&mut w).await?;
        sqlx::query("UPDATE catalog_items SET updated_at_ms = $1, change_seq = $2 WHERE id = $3")
            .bind(w.now_ms)
            .bind(change)
            .bind(item.0)
            .execute(w.conn())
            .await?;
        let record = AttachmentRecord {
            id: row.try_get("id")?,
            item,
            file_name: file_name.to_owned(),
            mime: mime.to_owned(),
            size_bytes,
            sha256: sha256.to_owned(),
        };
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::CatalogAttach,
            agency: Some(owner.agency.0),
            target: format!("item:{item}"),
            detail: serde_json::to_string(&record).unwrap_or_default(),
        })
        .await?;
        w.commit().await?;
        Ok(record)
    }

    async fn item(&self, id: ItemId) -> StoreResult<Option<CatalogItem>> {
        super::read::item(self, id).await
    }

    async fn item_by_index_no(&self, index_no: &str) -> StoreResult<Option<CatalogItem>> {
        super::read::item_by_index_no(self, index_no).await
    }

    async fn items(&self, filter: &ItemFilter) -> StoreResult<(Vec<CatalogItem>, u64)> {
        super::read::items(self, filter).await
    }

    async fn items_changed_since(
        &self,
        after_seq: i64,
        limit: u32,
    ) -> StoreResult<Vec<CatalogItem>> {
        super::read::changed_since(self, after_seq, limit).await
    }

    async fn attachments(&self, item: ItemId) -> StoreResult<Vec<AttachmentRecord>> {
        super::read::attachments(self, item).await
    }

    async fn publication_dates(&self, agency: AgencyId) -> StoreResult<Vec<PublicationDates>> {
        super::read::publication_dates(self, agency).await
    }

    async fn category_counts(&self, agency: AgencyId) -> StoreResult<Vec<(Category, u64)>> {
        super::read::category_counts(self, agency).await
    }

    async fn attachment(&self, id: i64) -> StoreResult<Option<AttachmentRecord>> {
        super::read::attachment(self, id).await
    }
}

/// The authors list with `by` added (an official; a system or token actor is not a person who could approve).
fn authors_with(authors: &[i64], by: &ActorRef) -> String {
    let mut ids: Vec<i64> = authors.to_vec();
    if let ActorRef::Official { id, .. } = by
        && !ids.contains(id)
    {
        ids.push(*id);
    }
    if ids.is_empty() {
        return String::new();
    }
    format!(
        ",{},",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    )
}

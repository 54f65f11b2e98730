//! A write transaction that carries its audit events: the change and the event that records it commit
//! together or not at all.

use gongkai_domain::audit::{AuditEntry, AuditEvent, GENESIS_HASH};
use sqlx::{Any, AnyConnection, Row, Transaction};

use crate::error::StoreResult;
use crate::{Store, backend, now_ms};

pub(crate) struct WriteTx {
    tx: Transaction<'static, Any>,
    pub(crate) now_ms: i64,
    /// The store's keys, for what the transaction writes and reads back of personal data.
    pub(crate) keyring: Option<std::sync::Arc<crate::crypto::Keyring>>,
    /// The store's digest function: the audit chain's, and that of the files and letters the transaction keeps.
    pub(crate) chain_hash: gongkai_domain::audit::ChainHash,
}

/// Where the public pages stand: the sequence of changes that can alter them, and when the last one was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PublicChange {
    pub seq: i64,
    pub at_ms: i64,
}

impl Store {
    /// The store's public change sequence, read by every node's page cache (one row, one index lookup).
    pub async fn public_change(&self) -> StoreResult<PublicChange> {
        let row = sqlx::query("SELECT seq, at_ms FROM public_changes WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => PublicChange {
                seq: row.try_get("seq")?,
                at_ms: row.try_get("at_ms")?,
            },
            None => PublicChange::default(),
        })
    }

    pub(crate) async fn begin_write(&self) -> StoreResult<WriteTx> {
        let tx = backend::begin_write(&self.pool, self.backend).await?;
        Ok(WriteTx {
            tx,
            now_ms: now_ms(),
            keyring: self.keyring(),
            chain_hash: self.chain_hash(),
        })
    }
}

impl WriteTx {
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// Appends an event after the current head of the chain and moves the head to it.
    pub(crate) async fn audit(&mut self, entry: &AuditEntry) -> StoreResult<AuditEvent> {
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *self.tx)
            .await?;
        let (last_seq, last_hash) = match head {
            Some(row) => (
                row.try_get::<i64, _>("seq")?,
                row.try_get::<String, _>("hash")?,
            ),
            None => (0, GENESIS_HASH.to_owned()),
        };
        let event = AuditEvent::chain_with(
            self.chain_hash,
            entry,
            last_seq + 1,
            self.now_ms,
            &last_hash,
        );
        sqlx::query(
            "INSERT INTO audit_events (seq, at_ms, actor_kind, actor_id, actor_name, action, agency_id, \
             target, detail, digest, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(event.seq)
        .bind(event.at_ms)
        .bind(&event.actor_kind)
        .bind(event.actor_id)
        .bind(&event.actor_name)
        .bind(&event.action)
        .bind(event.agency)
        .bind(&event.target)
        .bind(&event.detail)
        .bind(&event.digest)
        .bind(&event.prev_hash)
        .bind(&event.hash)
        .execute(&mut *self.tx)
        .await?;
        let moved = sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(event.seq)
            .bind(&event.hash)
            .execute(&mut *self.tx)
            .await?;
        if moved.rows_affected() == 0 {
            sqlx::query("INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2)")
                .bind(event.seq)
                .bind(&event.hash)
                .execute(&mut *self.tx)
                .await?;
        }
        if entry.action.changes_public_pages() {
            self.public_changed().await?;
        }
        Ok(event)
    }

    /// Moves the public change sequence (migration 0023): what the portal shows may differ after this
    /// transaction, so every node's page cache starts again.
    pub(crate) async fn public_changed(&mut self) -> StoreResult<()> {
        sqlx::query("UPDATE public_changes SET seq = seq + 1, at_ms = $1 WHERE id = 1")
            .bind(self.now_ms)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    pub(crate) async fn commit(self) -> StoreResult<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

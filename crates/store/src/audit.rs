//! [`AuditLog`] for [`Store`]: reading the trail and checking its chain.

use gongkai_domain::audit::{Anchor, AuditEvent, ChainBreak, ChainVerifier};
use sqlx::{AssertSqlSafe, Row};

use crate::error::StoreResult;
use crate::rows::{self, AUDIT_COLUMNS};
use crate::{AuditFilter, AuditLog, Backend, Store};

/// Events read per query while verifying, so that memory stays flat on a trail of millions.
const VERIFY_PAGE: i64 = 2000;

impl AuditLog for Store {
    async fn audit_events(&self, filter: &AuditFilter) -> StoreResult<Vec<AuditEvent>> {
        let limit = i64::from(filter.limit.clamp(1, 1000));
        let before = filter.before_seq.unwrap_or(i64::MAX);
        let found = match &filter.agencies {
            None => {
                let sql = format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit_events WHERE seq < $1 ORDER BY seq DESC LIMIT $2"
                );
                sqlx::query(AssertSqlSafe(sql))
                    .bind(before)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
            Some(ids) if ids.is_empty() => Vec::new(),
            Some(ids) => {
                // The ids are integers from the agency tree, never user text, so listing them inline is safe.
                let list = ids
                    .iter()
                    .map(|a| a.0.to_string())
                    .collect::<Vec<_>>()
                    .join(",");
                let sql = format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit_events WHERE seq < $1 AND agency_id IN ({list}) \
                     ORDER BY seq DESC LIMIT $2"
                );
                sqlx::query(AssertSqlSafe(sql))
                    .bind(before)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        found.iter().map(rows::audit_event).collect()
    }

    async fn audit_head(&self) -> StoreResult<Option<Anchor>> {
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?;
        match head {
            Some(row) => Ok(Some(Anchor {
                seq: row.try_get("seq")?,
                hash: row.try_get("hash")?,
            })),
            None => Ok(None),
        }
    }

    async fn verify_audit(
        &self,
        anchors: &[Anchor],
        progress: &(dyn Fn(u64) + Sync),
    ) -> StoreResult<Result<u64, ChainBreak>> {
        // One snapshot for the head and every event, so that a write committing meanwhile (a login, say) is
        // not mistaken for tampering: SQLite's WAL gives a read transaction its snapshot at the first read,
        // PostgreSQL needs REPEATABLE READ for it.
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await?;
        let head = match head {
            Some(row) => Some((
                row.try_get::<i64, _>("seq")?,
                row.try_get::<String, _>("hash")?,
            )),
            None => None,
        };
        let mut verifier = ChainVerifier::with_anchors(anchors);
        let mut after = 0_i64;
        let mut seen = 0_u64;
        loop {
            let sql = format!(
                "SELECT {AUDIT_COLUMNS} FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2"
            );
            let page = sqlx::query(AssertSqlSafe(sql))
                .bind(after)
                .bind(VERIFY_PAGE)
                .fetch_all(&mut *tx)
                .await?;
            if page.is_empty() {
                break;
            }
            for row in &page {
                let event = rows::audit_event(row)?;
                if let Err(broken) = verifier.push(&event) {
                    return Ok(Err(broken));
                }
                after = event.seq;
                seen += 1;
            }
            progress(seen);
        }
        tx.rollback().await?;
        Ok(verifier.finish(head))
    }
}

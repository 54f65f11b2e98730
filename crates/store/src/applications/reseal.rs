//! Who saw an applicant's personal data in full (an audit event each time), and re-sealing applicants' personal data with the current key (after `gongkai keys rotate`), and sealing what was
//! written before encryption: in batches, each its own transaction, so the server keeps running meanwhile.

use sqlx::Row;

use super::store::{open_applicant, seal_applicant};
use crate::Store;
use crate::error::StoreResult;

const BATCH: i64 = 500;

impl Store {
    /// Replaces the applicant of application `id` with `applicant` (an anonymised one), sealed, and audits it.
    pub async fn anonymise_applicant(
        &self,
        id: super::ApplicationId,
        applicant: &str,
        by: &gongkai_domain::audit::ActorRef,
    ) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        let row = sqlx::query("SELECT agency_id, tracking_no FROM applications WHERE id = $1")
            .bind(id.0)
            .fetch_optional(w.conn())
            .await?
            .ok_or(crate::StoreError::NotFound {
                what: "application",
            })?;
        let agency: i64 = row.try_get("agency_id")?;
        let tracking_no: String = row.try_get("tracking_no")?;
        sqlx::query("UPDATE applications SET applicant = $1 WHERE id = $2")
            .bind(seal_applicant(w.keyring.as_deref(), applicant)?)
            .bind(id.0)
            .execute(w.conn())
            .await?;
        w.audit(&gongkai_domain::audit::AuditEntry {
            actor: by.clone(),
            action: gongkai_domain::audit::AuditAction::ApplicationAnonymise,
            agency: Some(agency),
            target: format!("application:{tracking_no}"),
            detail: "{}".to_owned(),
        })
        .await?;
        w.commit().await
    }

    /// Records that `by` saw the personal data of the application `tracking_no` of `agency` in full (`what`:
    /// `case_page`, `id_proof`).
    pub async fn record_personal_view(
        &self,
        agency: gongkai_domain::agency::AgencyId,
        tracking_no: &str,
        what: &str,
        by: &gongkai_domain::audit::ActorRef,
    ) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        w.audit(&gongkai_domain::audit::AuditEntry {
            actor: by.clone(),
            action: gongkai_domain::audit::AuditAction::ApplicationPersonalView,
            agency: Some(agency.0),
            target: format!("application:{tracking_no}"),
            detail: serde_json::json!({ "seen": what }).to_string(),
        })
        .await?;
        w.commit().await
    }

    /// Seals every stored applicant with the current key; returns how many were re-sealed. Without keys, nothing.
    pub async fn reseal_personal_data(&self) -> StoreResult<u64> {
        let Some(ring) = self.keyring() else {
            return Ok(0);
        };
        // Only rows not yet sealed with the current key are read, so a start with nothing to do costs one
        // pass over the column in SQL, not every applicant decoded.
        let current = crate::crypto::sealed_prefix(&ring.current().id)
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let mut after = 0_i64;
        let mut resealed = 0_u64;
        loop {
            let mut w = self.begin_write().await?;
            let rows = sqlx::query(
                "SELECT id, applicant FROM applications WHERE id > $1 \
                 AND applicant NOT LIKE $3 ESCAPE '\\' ORDER BY id LIMIT $2",
            )
            .bind(after)
            .bind(BATCH)
            .bind(format!("{current}%"))
            .fetch_all(w.conn())
            .await?;
            if rows.is_empty() {
                w.commit().await?;
                return Ok(resealed);
            }
            for row in &rows {
                let id: i64 = row.try_get("id")?;
                after = id;
                let stored: String = row.try_get("applicant")?;
                if ring.is_current(&stored) {
                    continue;
                }
                let plain = open_applicant(Some(&ring), stored)?;
                sqlx::query("UPDATE applications SET applicant = $1 WHERE id = $2")
                    .bind(seal_applicant(Some(&ring), &plain)?)
                    .bind(id)
                    .execute(w.conn())
                    .await?;
                resealed += 1;
            }
            w.commit().await?;
        }
    }
}

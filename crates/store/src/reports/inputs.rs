//! [`ReportInputStore`] for [`Store`]: one row per agency and year, replaced whole, with its audit event.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};

use super::{ReportInputStore, ReportInputs};
use crate::Store;
use crate::error::{StoreError, StoreResult};

impl ReportInputStore for Store {
    async fn report_inputs(&self, agency: AgencyId, year: i32) -> StoreResult<ReportInputs> {
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT figures, sections FROM report_inputs WHERE agency_id = $1 AND year = $2",
        )
        .bind(agency.0)
        .bind(i64::from(year))
        .fetch_optional(&self.pool)
        .await?;
        let Some((figures, sections)) = row else {
            return Ok(ReportInputs::default());
        };
        let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("report inputs: {e}"));
        Ok(ReportInputs {
            figures: serde_json::from_str(&figures).map_err(corrupt)?,
            sections: serde_json::from_str(&sections).map_err(corrupt)?,
        })
    }

    async fn save_report_inputs(
        &self,
        agency: AgencyId,
        year: i32,
        inputs: &ReportInputs,
        by: &ActorRef,
    ) -> StoreResult<()> {
        let figures = to_json(&inputs.figures)?;
        let sections = to_json(&inputs.sections)?;
        let mut w = self.begin_write().await?;
        sqlx::query("DELETE FROM report_inputs WHERE agency_id = $1 AND year = $2")
            .bind(agency.0)
            .bind(i64::from(year))
            .execute(w.conn())
            .await?;
        sqlx::query(
            "INSERT INTO report_inputs (agency_id, year, figures, sections, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(agency.0)
        .bind(i64::from(year))
        .bind(&figures)
        .bind(&sections)
        .bind(w.now_ms)
        .execute(w.conn())
        .await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ReportInputs,
            agency: Some(agency.0),
            target: format!("report:{year}"),
            detail: serde_json::json!({ "year": year, "figures": inputs.figures }).to_string(),
        })
        .await?;
        w.commit().await
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("report inputs: {e}")))
}

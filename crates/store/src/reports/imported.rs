//! Reports an agency published before it used gongkai, as the parser read them (the JSON contract), kept so
//! that the first compiled report's cross-year rules have the year before to check against.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};

use crate::Store;
use crate::error::StoreResult;

/// One imported report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedReport {
    pub agency: AgencyId,
    pub year: i32,
    /// The file it was read from.
    pub source_name: String,
    /// The report in the JSON contract (`report-json.md`).
    pub report_json: String,
}

impl Store {
    /// Keeps `report` as `agency`'s published report for its year, replacing an earlier import.
    pub async fn import_report(&self, report: &ImportedReport, by: &ActorRef) -> StoreResult<()> {
        let mut w = self.begin_write().await?;
        sqlx::query("DELETE FROM imported_reports WHERE agency_id = $1 AND year = $2")
            .bind(report.agency.0)
            .bind(i64::from(report.year))
            .execute(w.conn())
            .await?;
        sqlx::query(
            "INSERT INTO imported_reports (agency_id, year, source_name, report_json, imported_at_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(report.agency.0)
        .bind(i64::from(report.year))
        .bind(&report.source_name)
        .bind(&report.report_json)
        .bind(w.now_ms)
        .execute(w.conn())
        .await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ReportImport,
            agency: Some(report.agency.0),
            target: format!("report:{}", report.year),
            detail: serde_json::json!({ "year": report.year, "source": report.source_name })
                .to_string(),
        })
        .await?;
        w.commit().await
    }

    pub async fn imported_report(
        &self,
        agency: AgencyId,
        year: i32,
    ) -> StoreResult<Option<ImportedReport>> {
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT source_name, report_json FROM imported_reports WHERE agency_id = $1 AND year = $2",
        )
        .bind(agency.0)
        .bind(i64::from(year))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(source_name, report_json)| ImportedReport {
            agency,
            year,
            source_name,
            report_json,
        }))
    }
}

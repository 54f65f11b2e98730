//! [`AppealStore`] for [`Store`]: every write with its audit event, in one transaction.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::appeal::{AppealCase, CaseKind, CaseOutcome, Decision, decision_of};
use gongkai_domain::audit::{ActorRef, AuditAction, AuditEntry};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

use super::{AppealCaseId, AppealStore, NewAppealCase, StoredAppealCase};
use crate::Store;
use crate::applications::ApplicationId;
use crate::catalog::rows::date;
use crate::error::{StoreError, StoreResult};

/// The columns of a case with its application's tracking number.
const SELECT: &str = "SELECT r.id, r.agency_id, r.kind, r.filed_on, r.application_id, r.note, r.decided_on, \
     r.outcome, a.tracking_no FROM review_cases r LEFT JOIN applications a ON a.id = r.application_id";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}'"))
}

fn row_to_case(row: &AnyRow) -> StoreResult<StoredAppealCase> {
    let kind: String = row.try_get("kind")?;
    let filed_on: String = row.try_get("filed_on")?;
    let decided_on = row
        .try_get::<Option<String>, _>("decided_on")?
        .as_deref()
        .map(date)
        .transpose()?;
    let outcome = match row.try_get::<Option<String>, _>("outcome")? {
        Some(code) => Some(CaseOutcome::from_code(&code).ok_or_else(|| corrupt("outcome", &code))?),
        None => None,
    };
    let decision = decision_of(decided_on, outcome)
        .map_err(|e| StoreError::Corrupt(format!("review case decision: {} missing", e.field)))?;
    Ok(StoredAppealCase {
        id: AppealCaseId(row.try_get("id")?),
        agency: AgencyId(row.try_get("agency_id")?),
        case: AppealCase {
            kind: CaseKind::from_code(&kind).ok_or_else(|| corrupt("case kind", &kind))?,
            filed_on: date(&filed_on)?,
            decision,
        },
        application: row
            .try_get::<Option<i64>, _>("application_id")?
            .map(ApplicationId),
        tracking_no: row.try_get("tracking_no")?,
        note: row.try_get("note")?,
    })
}

async fn load(conn: &mut AnyConnection, id: AppealCaseId) -> StoreResult<StoredAppealCase> {
    let sql = format!("{SELECT} WHERE r.id = $1");
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(conn)
        .await?;
    row_to_case(&row.ok_or(StoreError::NotFound {
        what: "review case",
    })?)
}

/// What the audit trail records of a case: its number, kind and dates, and the application it concerns; not
/// the note, which may name people.
fn audit_detail(case: &StoredAppealCase) -> String {
    let mut detail = serde_json::json!({
        "case": case.id.0,
        "kind": case.case.kind.code(),
        "filed_on": case.case.filed_on.to_string(),
    });
    if let Some(no) = &case.tracking_no {
        detail["application"] = no.as_str().into();
    }
    if let Some(d) = case.case.decision {
        detail["decided_on"] = d.on.to_string().into();
        detail["outcome"] = d.outcome.code().into();
    }
    detail.to_string()
}

impl AppealStore for Store {
    async fn create_review_case(
        &self,
        new: &NewAppealCase,
        by: &ActorRef,
    ) -> StoreResult<StoredAppealCase> {
        let mut w = self.begin_write().await?;
        if let Some(app) = new.application {
            let owner: Option<i64> =
                sqlx::query_scalar("SELECT agency_id FROM applications WHERE id = $1")
                    .bind(app.0)
                    .fetch_optional(w.conn())
                    .await?;
            match owner {
                None => {
                    return Err(StoreError::NotFound {
                        what: "application",
                    });
                }
                Some(owner) if owner != new.agency.0 => {
                    return Err(StoreError::Refused(format!(
                        "application {} was not made to this agency",
                        app.0
                    )));
                }
                Some(_) => {}
            }
        }
        let row = sqlx::query(
            "INSERT INTO review_cases (agency_id, kind, filed_on, application_id, note, created_at_ms, \
             updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(new.agency.0)
        .bind(new.kind.code())
        .bind(new.filed_on.to_string())
        .bind(new.application.map(|a| a.0))
        .bind(&new.note)
        .bind(w.now_ms)
        .fetch_one(w.conn())
        .await?;
        let id = AppealCaseId(row.try_get("id")?);
        let stored = load(w.conn(), id).await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ReviewRegister,
            agency: Some(new.agency.0),
            target: format!("review_case:{}", id.0),
            detail: audit_detail(&stored),
        })
        .await?;
        w.commit().await?;
        Ok(stored)
    }

    async fn record_review_decision(
        &self,
        id: AppealCaseId,
        decision: &Decision,
        by: &ActorRef,
    ) -> StoreResult<StoredAppealCase> {
        let mut w = self.begin_write().await?;
        let before = load(w.conn(), id).await?;
        if before.case.decision.is_some() {
            return Err(StoreError::Refused(format!(
                "review case {} is already decided",
                id.0
            )));
        }
        if decision.on < before.case.filed_on {
            return Err(StoreError::Refused(format!(
                "review case {} was filed on {}, after {}",
                id.0, before.case.filed_on, decision.on
            )));
        }
        sqlx::query(
            "UPDATE review_cases SET decided_on = $1, outcome = $2, updated_at_ms = $3 \
             WHERE id = $4 AND decided_on IS NULL",
        )
        .bind(decision.on.to_string())
        .bind(decision.outcome.code())
        .bind(w.now_ms)
        .bind(id.0)
        .execute(w.conn())
        .await?;
        let stored = load(w.conn(), id).await?;
        w.audit(&AuditEntry {
            actor: by.clone(),
            action: AuditAction::ReviewDecide,
            agency: Some(stored.agency.0),
            target: format!("review_case:{}", id.0),
            detail: audit_detail(&stored),
        })
        .await?;
        w.commit().await?;
        Ok(stored)
    }

    async fn review_cases_of(&self, agency: AgencyId) -> StoreResult<Vec<StoredAppealCase>> {
        let sql = format!("{SELECT} WHERE r.agency_id = $1 ORDER BY r.filed_on DESC, r.id DESC");
        let found = sqlx::query(AssertSqlSafe(sql))
            .bind(agency.0)
            .fetch_all(&self.pool)
            .await?;
        found.iter().map(row_to_case).collect()
    }

    async fn review_case(&self, id: AppealCaseId) -> StoreResult<Option<StoredAppealCase>> {
        let sql = format!("{SELECT} WHERE r.id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(row_to_case).transpose()
    }
}

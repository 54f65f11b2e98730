//! Table 三 (收到和处理政府信息公开申请情况) of one agency, from its stored applications: each application as the
//! domain's [`ApplicationRecord`] (its applicant column, its receipt date, and the final outcome with the day
//! it was reached), then [`compile_t3`] for the year in the year's format ([`Format::for_year`]) and for the
//! year before, against which the cross-year rule T3-05 (上年结转 = last year's 结转下年度) is checked.
//!
//! The counting rules themselves live in the domain (`application/stats.rs`); this module only reads the store.

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::application::stats::{ApplicationRecord, compile_t3};
use gongkai_domain::application::status::Status;
use gongkai_domain::report::{AnnualReport, Format};

use super::{ApplicationStore, StoredApplication};
use crate::catalog::rows::date;
use crate::error::{StoreError, StoreResult};

/// What table 三 counts of one stored application: `None` while its receipt is not yet confirmed (条例第三十一条:
/// an application without a receipt date has not been received, so no year counts it). A closed application
/// ends in the row of [`Status::final_outcome`](gongkai_domain::application::status::Status::final_outcome)
/// (a withdrawal in 其他, a lapsed correction or fee in its （六） row), dated by its `decided_on`.
pub fn record_of(app: &StoredApplication) -> StoreResult<Option<ApplicationRecord>> {
    let Some(received_on) = app.received_on else {
        return Ok(None);
    };
    record_from(
        &app.tracking_no.to_string(),
        app.applicant_kind,
        received_on,
        &app.status,
        app.decided_on,
    )
    .map(Some)
}

/// The record of a received application from the columns table 三 reads (see [`record_of`]).
fn record_from(
    tracking_no: &str,
    applicant: ApplicantKind,
    received_on: NaiveDate,
    status: &Status,
    decided_on: Option<NaiveDate>,
) -> StoreResult<ApplicationRecord> {
    let final_outcome = match status.final_outcome() {
        None => None,
        Some(outcome) => {
            let on = decided_on.ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "application {tracking_no} is {} without the day it ended",
                    status.code()
                ))
            })?;
            Some((outcome, on))
        }
    };
    Ok(ApplicationRecord {
        applicant,
        received_on,
        final_outcome,
    })
}

/// Every application of `agency` that table 三 counts, in the store's order.
pub async fn records_of<S>(store: &S, agency: AgencyId) -> StoreResult<Vec<ApplicationRecord>>
where
    S: ApplicationStore + Sync,
{
    let mut records = Vec::new();
    for app in store.applications_of(agency, false).await? {
        if let Some(record) = record_of(&app)? {
            records.push(record);
        }
    }
    Ok(records)
}

/// Table 三 of one agency for one year, and of the year before for the cross-year rules.
#[derive(Debug, Clone)]
pub struct AgencyT3 {
    pub year: i32,
    /// The year's table in [`Format::for_year`]; the other tables stay 0.
    pub report: AnnualReport,
    /// The previous year's table, in that year's format.
    pub previous: AnnualReport,
    /// Applications counted in the year's table (新收 plus 上年结转).
    pub counted: usize,
    /// Applications of the agency whose receipt is not confirmed yet, so counted in no year.
    pub not_received: usize,
}

/// Compiles [`AgencyT3`] from records (pure; [`agency_t3`] reads them from the store).
pub fn compile_year(records: &[ApplicationRecord], year: i32) -> StoreResult<AgencyT3> {
    let compile = |y: i32| {
        compile_t3(records, y, Format::for_year(y))
            .map_err(|e| StoreError::Corrupt(format!("{}: {e}", e.code())))
    };
    let report = compile(year)?;
    let previous = compile(year - 1)?;
    let counted = ["t3.r1_new.total", "t3.r2_carry_in.total"]
        .iter()
        .filter_map(|p| report.cell(p).and_then(|c| c.as_int()))
        .sum::<i64>();
    Ok(AgencyT3 {
        year,
        report,
        previous,
        counted: usize::try_from(counted).unwrap_or(0),
        not_received: 0,
    })
}

/// Table 三 of `agency` for `year` from its stored applications (see the module documentation).
pub async fn agency_t3<S>(store: &S, agency: AgencyId, year: i32) -> StoreResult<AgencyT3>
where
    S: ApplicationStore + Sync,
{
    let apps = store.applications_of(agency, false).await?;
    let mut records = Vec::with_capacity(apps.len());
    let mut not_received = 0;
    for app in &apps {
        match record_of(app)? {
            Some(r) => records.push(r),
            None => not_received += 1,
        }
    }
    let mut t3 = compile_year(&records, year)?;
    t3.not_received = not_received;
    Ok(t3)
}

impl crate::Store {
    /// Table 三 of `agency` for `year` as [`agency_t3`] compiles it, reading only what it counts: the columns of
    /// [`record_of`] of the applications that can count in `year` or the year before (received by the end of
    /// `year` and not ended before the year before began), and how many still wait for their receipt.
    pub async fn agency_t3_lean(&self, agency: AgencyId, year: i32) -> StoreResult<AgencyT3> {
        use sqlx::Row;
        let last_day = format!("{year:04}-12-31");
        let first_day = format!("{:04}-01-01", year - 1);
        let rows = sqlx::query(
            "SELECT tracking_no, applicant_kind, received_on, status_detail, decided_on FROM applications \
             WHERE agency_id = $1 AND received_on IS NOT NULL AND received_on <= $2 \
             AND (decided_on IS NULL OR decided_on >= $3)",
        )
        .bind(agency.0)
        .bind(&last_day)
        .bind(&first_day)
        .fetch_all(&self.pool)
        .await?;
        let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("{what}: {value}"));
        let mut records = Vec::with_capacity(rows.len());
        for row in &rows {
            let tracking_no: String = row.try_get("tracking_no")?;
            let kind: String = row.try_get("applicant_kind")?;
            let received: String = row.try_get("received_on")?;
            let status: String = row.try_get("status_detail")?;
            let decided: Option<String> = row.try_get("decided_on")?;
            records.push(record_from(
                &tracking_no,
                ApplicantKind::from_code(&kind).ok_or_else(|| corrupt("applicant kind", &kind))?,
                date(&received)?,
                &serde_json::from_str(&status).map_err(|_| corrupt("status", &status))?,
                decided.as_deref().map(date).transpose()?,
            )?);
        }
        let not_received: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM applications WHERE agency_id = $1 AND received_on IS NULL",
        )
        .bind(agency.0)
        .fetch_one(&self.pool)
        .await?;
        let mut t3 = compile_year(&records, year)?;
        t3.not_received = usize::try_from(not_received).unwrap_or(0);
        Ok(t3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApplicationId;
    use chrono::NaiveDate;
    use gongkai_domain::application::intake::{Channel, Delivery, InfoForm, TrackingNo};
    use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
    use gongkai_domain::application::status::{Abandonment, Status};
    use gongkai_domain::report::Cell;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn app(
        kind: ApplicantKind,
        received: Option<&str>,
        status: Status,
        decided: Option<&str>,
    ) -> StoredApplication {
        StoredApplication {
            id: ApplicationId(1),
            agency: AgencyId(1),
            tracking_no: TrackingNo::new(2023, 1).expect("tracking number"),
            query_code_hash: String::new(),
            applicant_kind: kind,
            applicant: "{}".into(),
            description: String::new(),
            info_form: InfoForm::Electronic,
            delivery: Delivery::Online,
            channel: Channel::Online,
            received_on: received.map(day),
            status,
            decided_on: decided.map(day),
            created_at_ms: 0,
        }
    }

    #[test]
    fn each_stored_state_lands_in_its_row() {
        use ApplicantKind::*;
        let r = |a: &StoredApplication| record_of(a).expect("readable");
        let open = app(NaturalPerson, Some("2023-03-01"), Status::Extended, None);
        assert_eq!(r(&open).and_then(|r| r.final_outcome), None);
        let withdrawn = app(
            Business,
            Some("2023-03-01"),
            Status::Withdrawn,
            Some("2023-03-03"),
        );
        assert_eq!(
            r(&withdrawn).and_then(|r| r.final_outcome),
            Some((Outcome::Other, day("2023-03-03")))
        );
        let lapsed = app(
            Research,
            Some("2023-03-01"),
            Status::Abandoned(Abandonment::FeeUnpaid),
            Some("2023-04-10"),
        );
        let rec = r(&lapsed).expect("counted");
        assert_eq!(rec.applicant, Research);
        assert_eq!(
            rec.final_outcome,
            Some((Outcome::FeeUnpaid, day("2023-04-10")))
        );
        assert_eq!(
            r(&app(NaturalPerson, None, Status::Received, None)),
            None,
            "not yet received: counted nowhere"
        );
        let broken = app(
            NaturalPerson,
            Some("2023-03-01"),
            Status::Decided(Outcome::Open),
            None,
        );
        assert_eq!(
            record_of(&broken).map_err(|e| e.code()).err(),
            Some("store.corrupt")
        );
    }

    #[test]
    fn a_year_and_its_previous_year_in_their_formats() {
        let records = [
            ApplicationRecord {
                applicant: ApplicantKind::NaturalPerson,
                received_on: day("2020-12-21"),
                final_outcome: Some((Outcome::NoCorrection, day("2021-01-20"))),
            },
            ApplicationRecord {
                applicant: ApplicantKind::LegalService,
                received_on: day("2021-03-01"),
                final_outcome: None,
            },
        ];
        let t3 = compile_year(&records, 2021).expect("compiles");
        assert_eq!(t3.report.format, Format::F2021);
        assert_eq!(t3.previous.format, Format::F2019);
        assert_eq!(t3.counted, 2);
        let int = |r: &AnnualReport, p: &str| r.cell(p).and_then(Cell::as_int);
        assert_eq!(int(&t3.previous, "t3.r4_carry_out.np"), Some(1));
        assert_eq!(int(&t3.report, "t3.r2_carry_in.np"), Some(1));
        assert_eq!(int(&t3.report, "t3.r3_6_1_no_correction.total"), Some(1));
        assert_eq!(int(&t3.report, "t3.r4_carry_out.org_legal"), Some(1));
    }
}

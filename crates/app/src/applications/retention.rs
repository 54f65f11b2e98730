//! Anonymising the applicants of cases closed longer ago than the retention period (see
//! `gongkai_domain::application::retention`): first what it would do, then, asked again, doing it. The proof of
//! identity kept with the applicant goes too.

use chrono::NaiveDate;
use gongkai_domain::application::intake::ApplicantInput;
use gongkai_domain::application::retention::{anonymised, is_anonymised, is_due};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AgencyStore, ApplicationId, ApplicationStore};

use crate::error::AppError;
use gongkai_store::Store;

/// A closed case whose applicant is due to be anonymised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub id: ApplicationId,
    pub tracking_no: String,
    pub agency: String,
    pub closed_on: NaiveDate,
}

/// The closed cases of every agency past `years` on `today` whose applicant is not anonymised yet, oldest first.
pub async fn due(store: &Store, today: NaiveDate, years: u32) -> Result<Vec<Due>, AppError> {
    let mut out = Vec::new();
    if years == 0 {
        return Ok(out);
    }
    for agency in store.agencies().await? {
        for case in store.applications_of(agency.id, false).await? {
            if !case.status.is_closed() {
                continue;
            }
            // A case closed without a decision (withdrawn, abandoned) closed at its last event.
            let closed_on = match case.decided_on {
                Some(on) => Some(on),
                None => store
                    .application_events(case.id)
                    .await?
                    .last()
                    .map(|e| e.on),
            };
            let Some(closed_on) = closed_on else { continue };
            let kept: ApplicantInput = serde_json::from_str(&case.applicant).unwrap_or_default();
            if is_due(closed_on, today, years) && !is_anonymised(&kept) {
                out.push(Due {
                    id: case.id,
                    tracking_no: case.tracking_no.to_string(),
                    agency: agency.profile.name.clone(),
                    closed_on,
                });
            }
        }
    }
    out.sort_by_key(|d| d.closed_on);
    Ok(out)
}

/// Anonymises the applicants of `cases` (from [`due`]) and removes their proofs of identity that no other
/// application still holds; returns how many.
pub async fn anonymise(store: &Store, cases: &[Due], by: &ActorRef) -> Result<usize, AppError> {
    let mut scans = Vec::new();
    for case in cases {
        let Some(stored) = store.application(case.id).await? else {
            continue;
        };
        if let Some(sha) = scan_of(&stored.applicant) {
            scans.push(sha);
        }
        let kept = serde_json::to_string(&anonymised(stored.applicant_kind))
            .map_err(AppError::internal)?;
        store.anonymise_applicant(case.id, &kept, by).await?;
    }
    // The same scan may have come with another application of the same person: kept while one holds it.
    let mut still_held = std::collections::HashSet::new();
    for agency in store.agencies().await? {
        for case in store.applications_of(agency.id, false).await? {
            if let Some(sha) = scan_of(&case.applicant) {
                still_held.insert(sha);
            }
        }
    }
    for sha in scans.iter().filter(|s| !still_held.contains(*s)) {
        crate::attachments::remove_private(store, sha).await?;
    }
    Ok(cases.len())
}

/// The digest of the proof of identity kept with an applicant, if one was.
fn scan_of(applicant: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(applicant).ok()?;
    value["id_proof"]["sha256"].as_str().map(str::to_owned)
}

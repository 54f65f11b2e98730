//! The demo's 行政复议 and 行政诉讼 cases (条例第五十一条) against 孟州市公共资源交易中心, 2021 to 2025, so that the
//! register page and table 四 of every year from 2021 have something true to show. None is filed in 2020: the
//! centre's published report for 2020 (the seed document) has all zeros in table 四.
//!
//! Most cases concern a demo application whose answer the applicant disputed (found by its description), a few
//! concern no application. Every group of table 四 meets every result: 结果维持, 结果纠正, 其他结果, and cases still
//! pending at a year's end (one filed in December and decided in February, suits running over a year end, and
//! one 复议后起诉 still pending today). The dates keep the time limits: 行政复议 within 60 days of the answer and
//! decided within 60 days (行政复议法第二十条、第六十二条), a direct suit within six months (行政诉讼法第四十六条),
//! a suit after reconsideration within 15 days of the decision (第四十五条); all on working days.
//!
//! The cases are data, `data/appeals.toml`, read by [`demo_appeal_cases`]; [`seed_appeal_cases`] stores them
//! through the store calls of the console, each checked by the domain first; a case already stored is
//! completed from where it stopped, so an interrupted demo completes itself and a second start adds nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::appeal::{AppealCase, CaseKind, CaseOutcome, Decision};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AgencyStore, AppealStore, ApplicationStore, NewAppealCase, Store, StoredAppealCase,
};

use gongkai_app::AppError;
use serde::Deserialize;

use crate::DemoError;

/// One demo case, as `data/appeals.toml` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAppealCase {
    pub agency: String,
    pub kind: CaseKind,
    pub filed_on: NaiveDate,
    /// The day of the decision and its result; `None` while pending.
    pub decision: Option<(NaiveDate, CaseOutcome)>,
    /// The description of the demo application it concerns (`demo_applications`), if any.
    pub application: Option<String>,
    /// Unique per agency, kind and filing day, which is how a demo interrupted half way finds what it stored.
    pub note: String,
}

impl DemoAppealCase {
    /// The case as table 四 counts it on `today` (a decision after `today` has not happened yet).
    pub fn as_of(&self, today: NaiveDate) -> AppealCase {
        AppealCase {
            kind: self.kind,
            filed_on: self.filed_on,
            decision: self
                .decision
                .filter(|(on, _)| *on <= today)
                .map(|(on, outcome)| Decision { on, outcome }),
        }
    }
}

const APPEALS_TOML: &str = include_str!("../data/appeals.toml");

/// One `[[case]]` of `data/appeals.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseEntry {
    agency: String,
    kind: String,
    filed_on: String,
    decided_on: Option<String>,
    outcome: Option<String>,
    application: Option<String>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppealsFile {
    case: Vec<CaseEntry>,
}

/// Every demo case, in order of the applications they concern, read from `data/appeals.toml`; a file that does
/// not read names its problem (and the case).
pub fn demo_appeal_cases() -> Result<Vec<DemoAppealCase>, String> {
    parse_appeal_cases(APPEALS_TOML)
}

/// A `YYYY-MM-DD` date.
fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("date {s:?}: {e}"))
}

fn parse_case(entry: &CaseEntry) -> Result<DemoAppealCase, String> {
    let kind =
        CaseKind::from_code(&entry.kind).ok_or_else(|| format!("no kind {:?}", entry.kind))?;
    let decision = match (&entry.decided_on, &entry.outcome) {
        (None, None) => None,
        (Some(on), Some(outcome)) => Some((
            date(on)?,
            CaseOutcome::from_code(outcome).ok_or_else(|| format!("no outcome {outcome:?}"))?,
        )),
        _ => return Err("decided_on and outcome go together".into()),
    };
    Ok(DemoAppealCase {
        agency: entry.agency.clone(),
        kind,
        filed_on: date(&entry.filed_on)?,
        decision,
        application: entry.application.clone(),
        note: entry.note.clone(),
    })
}

fn parse_appeal_cases(text: &str) -> Result<Vec<DemoAppealCase>, String> {
    let file: AppealsFile = toml::from_str(text).map_err(|e| format!("data/appeals.toml: {e}"))?;
    file.case
        .iter()
        .enumerate()
        .map(|(n, entry)| {
            parse_case(entry).map_err(|why| {
                format!(
                    "data/appeals.toml: case {} ({} {}): {why}",
                    n + 1,
                    entry.filed_on,
                    entry.note
                )
            })
        })
        .collect()
}

fn refused(n: usize, case: &DemoAppealCase, why: impl std::fmt::Display) -> DemoError {
    DemoError::App(AppError::Internal(format!(
        "demo review case {n} ({} {}): {why}",
        case.filed_on, case.note
    )))
}

/// Stores `cases` as clerks would have registered them by `today`: a case filed later is left out, and so is a
/// decision dated later. A case already stored (same agency, kind, filing day and note) is completed from where
/// it stopped. Each case is checked by the domain first ([`AppealCase::check`]), and a linked application must
/// be one of the agency's demo applications. Returns how many cases were created.
pub async fn seed_appeal_cases(
    store: &Store,
    cases: &[DemoAppealCase],
    today: NaiveDate,
) -> Result<usize, DemoError> {
    let by = ActorRef::System {
        reason: "gongkai demo".into(),
    };
    let mut agencies: HashMap<&str, (AgencyId, Vec<StoredAppealCase>)> = HashMap::new();
    let mut created = 0;
    for (n, case) in cases.iter().enumerate() {
        if case.filed_on > today {
            continue;
        }
        let problems = case.as_of(today).check(today);
        if !problems.is_empty() {
            return Err(refused(n, case, format!("{problems:?}")));
        }
        if !agencies.contains_key(case.agency.as_str()) {
            let agency = store
                .agency_by_name_or_code(&case.agency)
                .await?
                .ok_or_else(|| refused(n, case, format!("no agency {}", case.agency)))?;
            let stored = store.review_cases_of(agency.id).await?;
            agencies.insert(&case.agency, (agency.id, stored));
        }
        let Some((agency, stored)) = agencies.get(case.agency.as_str()) else {
            continue;
        };
        let agency = *agency;
        let found = stored.iter().find(|s| {
            s.case.kind == case.kind && s.case.filed_on == case.filed_on && s.note == case.note
        });
        let current = match found {
            Some(s) => s.clone(),
            None => {
                let application = match &case.application {
                    None => None,
                    Some(description) => Some(
                        store
                            .applications_of(agency, false)
                            .await?
                            .into_iter()
                            .find(|a| &a.description == description)
                            .ok_or_else(|| refused(n, case, "no such demo application"))?
                            .id,
                    ),
                };
                let new = NewAppealCase {
                    agency,
                    kind: case.kind,
                    filed_on: case.filed_on,
                    application,
                    note: case.note.clone(),
                };
                created += 1;
                store.create_review_case(&new, &by).await?
            }
        };
        if let (None, Some(decision)) = (current.case.decision, case.as_of(today).decision) {
            store
                .record_review_decision(current.id, &decision, &by)
                .await?;
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests;

//! `gongkai bench-data`: a deterministic, realistic store for benchmarks and load tests, on SQLite or
//! PostgreSQL. A province → city → county → department/township tree, catalogue items with Chinese titles,
//! 文号 and bodies, applications over several years with every kind of step and a realistic outcome mix, and
//! 行政复议/诉讼 cases in the register. The same `--seed` gives the same data, word for word.

mod cases;
mod items;
mod tree;

use chrono::{Datelike, NaiveDate};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::appeal::{CaseKind, CaseOutcome, Decision};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::calendar::Calendar;
use gongkai_store::{
    AgencyImportStore, AgencyStore, AppealStore, CatalogStore, LoadedApplication, NewAppealCase,
    Store, StoreError,
};

pub use items::Dice;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct BenchSpec {
    pub agencies: usize,
    pub items: usize,
    pub applications: usize,
    /// Applications are received over this many years, ending with `last_year`.
    pub years: i32,
    pub last_year: i32,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BenchOutcome {
    pub agencies: usize,
    pub items: usize,
    pub applications: usize,
    pub appeal_cases: usize,
    /// Scenario steps the domain refused (the application then stops at its last lawful step).
    pub steps_refused: usize,
}

/// Rows per transaction.
const BATCH: usize = 5_000;

fn by() -> ActorRef {
    ActorRef::System {
        reason: "gongkai bench-data".into(),
    }
}

/// `total` shared out in proportion to `weights`, every share whole, the remainder to the first.
fn shares(total: usize, weights: &[u32]) -> Vec<usize> {
    let sum: u64 = weights.iter().map(|w| u64::from(*w)).sum::<u64>().max(1);
    let mut out: Vec<usize> = weights
        .iter()
        .map(|w| usize::try_from(total as u64 * u64::from(*w) / sum).unwrap_or(0))
        .collect();
    let given: usize = out.iter().sum();
    for slot in out.iter_mut().take(total - given) {
        *slot += 1;
    }
    out
}

/// Writes the data set into `store` (which should be empty); `progress(what, done, of)` hears each batch.
pub async fn generate(
    store: &Store,
    calendar: &Calendar,
    spec: BenchSpec,
    progress: &mut (dyn FnMut(&str, usize, usize) + Send),
) -> Result<BenchOutcome, StoreError> {
    let mut dice = Dice::new(spec.seed);
    let mut outcome = BenchOutcome::default();
    let planned = tree::province(spec.agencies.max(1));
    let rows: Vec<_> = planned.iter().map(|p| p.row.clone()).collect();
    progress("agencies", 0, planned.len());
    store.import_agencies(&rows, &by()).await?;
    outcome.agencies = planned.len();
    progress("agencies", planned.len(), planned.len());
    let mut ids = Vec::with_capacity(planned.len());
    for p in &planned {
        let agency = store
            .agency_by_name_or_code(&p.row.profile.name)
            .await?
            .ok_or(StoreError::NotFound { what: "agency" })?;
        ids.push(agency.id);
    }
    let weights: Vec<u32> = planned.iter().map(|p| p.weight).collect();

    let item_shares = shares(spec.items, &weights);
    progress("items", 0, spec.items);
    let mut written = 0;
    for ((p, id), count) in planned.iter().zip(&ids).zip(item_shares) {
        let mut first = written;
        let mut left = count;
        while left > 0 {
            let n = left.min(BATCH);
            let rows = items::items(&mut dice, &p.row.profile.name, &p.doc_prefix, first, n);
            store.import_items(*id, &rows, &by()).await?;
            first += n;
            left -= n;
            written += n;
            progress("items", written, spec.items);
        }
    }
    outcome.items = written;

    let today = NaiveDate::from_ymd_opt(spec.last_year + 1, 1, 20).unwrap_or_default();
    let code_hash = crate::applications::demo_query_code().hash_hex();
    let setting = cases::Setting {
        calendar,
        today,
        query_code_hash: &code_hash,
    };
    let app_shares = shares(spec.applications, &weights);
    progress("applications", 0, spec.applications);
    let mut batch: Vec<LoadedApplication> = Vec::with_capacity(BATCH);
    let mut decided: Vec<(AgencyId, NaiveDate, usize)> = Vec::new();
    let mut n = 0;
    for (id, count) in ids.iter().zip(app_shares) {
        for _ in 0..count {
            let year = spec.last_year - (dice.below(spec.years.max(1) as usize) as i32);
            let loaded = cases::application(
                &mut dice,
                &setting,
                *id,
                year,
                n,
                &mut outcome.steps_refused,
            );
            if let Some(on) = cases::decided_on(&loaded) {
                decided.push((*id, on, n));
            }
            batch.push(loaded);
            n += 1;
            if batch.len() == BATCH {
                store.load_applications(&batch, &by()).await?;
                batch.clear();
                progress("applications", n, spec.applications);
            }
        }
    }
    if !batch.is_empty() {
        store.load_applications(&batch, &by()).await?;
        progress("applications", n, spec.applications);
    }
    outcome.applications = n;

    progress("appeal cases", 0, decided.len() / 70);
    // About one decision in seventy goes to 行政复议 or court (what published reports show).
    for (agency, decided_on, _) in &decided {
        if dice.below(70) != 0 {
            continue;
        }
        let filed_on = *decided_on + chrono::Days::new(10 + dice.below(50) as u64);
        if filed_on >= today {
            continue;
        }
        let kind = match dice.below(20) {
            0..=15 => CaseKind::Review,
            16..=18 => CaseKind::LitDirect,
            _ => CaseKind::LitAfterReview,
        };
        let case = store
            .create_review_case(
                &NewAppealCase {
                    agency: *agency,
                    kind,
                    filed_on,
                    application: None,
                    note: format!("{}年度案件", filed_on.year()),
                },
                &by(),
            )
            .await?;
        outcome.appeal_cases += 1;
        let on = filed_on + chrono::Days::new(30 + dice.below(60) as u64);
        if on < today && dice.chance(85) {
            let result = match dice.below(20) {
                0..=13 => CaseOutcome::Maintain,
                14..=16 => CaseOutcome::Correct,
                _ => CaseOutcome::Other,
            };
            store
                .record_review_decision(
                    case.id,
                    &Decision {
                        on,
                        outcome: result,
                    },
                    &by(),
                )
                .await?;
        }
    }
    progress("appeal cases", outcome.appeal_cases, outcome.appeal_cases);
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_follow_the_weights() {
        let s = shares(100, &[6, 3, 1]);
        assert_eq!(s.iter().sum::<usize>(), 100);
        assert_eq!(s, vec![60, 30, 10]);
        assert_eq!(shares(7, &[1, 1]), vec![4, 3]);
        assert_eq!(shares(0, &[1, 1]), vec![0, 0]);
    }

    #[test]
    fn the_tree_has_parents_first_unique_names_and_valid_codes() {
        let planned = tree::province(2_000);
        assert_eq!(planned.len(), 2_000);
        let mut seen = std::collections::HashSet::new();
        for p in &planned {
            if let Some(parent) = &p.row.parent {
                assert!(
                    seen.contains(parent),
                    "{} before its parent {parent}",
                    p.row.profile.name
                );
            }
            assert!(
                seen.insert(p.row.profile.name.clone()),
                "{} twice",
                p.row.profile.name
            );
            assert!(
                p.row.profile.credit_code.is_some(),
                "{}",
                p.row.profile.name
            );
        }
        let townships = planned
            .iter()
            .filter(|p| p.row.profile.kind == gongkai_domain::agency::AgencyKind::Township)
            .count();
        assert!(townships > 300, "{townships}");
        assert_eq!(tree::province(1).len(), 1);
        assert!(tree::province(10_000).len() == 10_000);
    }
}

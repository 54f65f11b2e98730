//! Table 三 from the demo's applications: every year of every demo agency balances and agrees with the year
//! before, its figures are the counts of the demo cases, and a changed decision moves exactly its cells. (The
//! statistics page is tested in gongkai-web, on its own fixture.)

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use gongkai_demo::applications::{DemoCase, EDUCATION, FINANCE, demo_cases, seed_applications};
use gongkai_demo::{self as demo, CENTRE, GOVERNMENT};

use crate::TODAY;
use gongkai_domain::agency::{AgencyId, AgencyKind, AgencyProfile};
use gongkai_domain::application::handling::Action;
use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::calendar::Calendar;
use gongkai_domain::report::layout::{T3_COLUMNS, cell_paths};
use gongkai_domain::report::{AnnualReport, Cell, Format, Severity, validate_with_previous};
use gongkai_store::{AgencyStore, ApplicationStore, DatabaseUrl, Store, agency_t3};

const AGENCIES: [&str; 4] = [GOVERNMENT, CENTRE, FINANCE, EDUCATION];

fn int(report: &AnnualReport, path: &str) -> i64 {
    report.cell(path).and_then(Cell::as_int).expect(path)
}

/// How a case stands by `today`: the day it ended and the outcome, read off its last step.
fn ending(case: &DemoCase, today: NaiveDate) -> Option<(Outcome, NaiveDate)> {
    let last = case.steps.iter().rfind(|a| a.on() <= today)?;
    let outcome = match last {
        Action::Decide { outcome, .. } => *outcome,
        Action::Withdraw { .. } => Outcome::Other,
        Action::CorrectionOverdue { .. } => Outcome::NoCorrection,
        Action::FeeOverdue { .. } => Outcome::FeeUnpaid,
        _ => return None,
    };
    Some((outcome, last.on()))
}

/// Table 三 of one agency and year counted straight off the case list, cell by cell: 一 the cases received in
/// the year; 二 those received earlier and not ended before it; each result row those that ended in the year
/// that way; 四 those received by its end and not ended by then.
fn counted(cases: &[DemoCase], agency: &str, year: i32, today: NaiveDate) -> BTreeMap<String, i64> {
    let format = Format::for_year(year);
    let mut cells = BTreeMap::new();
    let mut add = |row: &str, kind: ApplicantKind| {
        for col in [kind.column_key(), "total"] {
            *cells.entry(format!("t3.{row}.{col}")).or_insert(0) += 1;
        }
    };
    for case in cases
        .iter()
        .filter(|c| c.agency == agency && c.received_on <= today)
    {
        let kind = case.applicant.kind;
        let received = case.received_on.year();
        let ended = ending(case, today);
        let ended_year = ended.map(|(_, on)| on.year());
        if received == year {
            add("r1_new", kind);
        }
        if received < year && ended_year.is_none_or(|y| y >= year) {
            add("r2_carry_in", kind);
        }
        if let Some((outcome, on)) = ended
            && on.year() == year
        {
            add(outcome.row_key(format), kind);
            add("r3_7_total", kind);
        }
        if received <= year && ended_year.is_none_or(|y| y > year) {
            add("r4_carry_out", kind);
        }
    }
    cells
}

/// Every table-三 cell of a report that is not 0.
fn nonzero(report: &AnnualReport) -> BTreeMap<String, i64> {
    cell_paths(report.format)
        .into_iter()
        .filter(|p| p.starts_with("t3."))
        .map(|p| {
            let v = int(report, &p);
            (p, v)
        })
        .filter(|(_, v)| *v != 0)
        .collect()
}

#[tokio::test]
async fn demo_tables_three_balance_every_year_and_count_the_cases() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = Store::open(&DatabaseUrl::in_data_dir(dir.path()))
        .await
        .expect("store");
    demo::prepare(&store, dir.path(), TODAY)
        .await
        .expect("demo");
    let today = TODAY;
    let cases = demo_cases().expect("the demo cases read");
    for name in AGENCIES {
        let agency = store
            .agency_by_name_or_code(name)
            .await
            .expect("read")
            .expect(name)
            .id;
        let mut received_total = 0;
        for year in 2021..=2025 {
            let t3 = agency_t3(&store, agency, year).await.expect("table 三");
            assert_eq!(t3.report.format, Format::F2021);
            let findings = validate_with_previous(&t3.report, Some(&t3.previous));
            let t3_findings: Vec<_> = findings
                .iter()
                .filter(|f| f.rule.starts_with("T3-") || f.severity == Severity::Error)
                .collect();
            assert!(t3_findings.is_empty(), "{name} {year}: {t3_findings:#?}");
            for col in T3_COLUMNS.iter().map(|c| c.key) {
                let cell = |r: &AnnualReport, row: &str| int(r, &format!("t3.{row}.{col}"));
                // T3-05: 上年结转 of this year = 结转下年度 of the year before (2020's table is in F2019).
                assert_eq!(
                    cell(&t3.report, "r2_carry_in"),
                    cell(&t3.previous, "r4_carry_out"),
                    "{name} {year} {col}"
                );
                // T3-01: 新收 + 上年结转 = 办结 + 结转.
                assert_eq!(
                    cell(&t3.report, "r1_new") + cell(&t3.report, "r2_carry_in"),
                    cell(&t3.report, "r3_7_total") + cell(&t3.report, "r4_carry_out"),
                    "{name} {year} {col}"
                );
            }
            let received = cases
                .iter()
                .filter(|c| c.agency == name && c.received_on.year() == year)
                .count();
            assert_eq!(
                int(&t3.report, "t3.r1_new.total"),
                i64::try_from(received).expect("small"),
                "{name} {year}: 本年新收 = the cases received that year"
            );
            received_total += received;
            assert_eq!(
                nonzero(&t3.report),
                counted(&cases, name, year, today),
                "{name} {year}: every cell is a count of the demo cases"
            );
            if name == CENTRE {
                // Not vacuous: the centre carries applications over into every year after 2021 (its published
                // 2020 report, the seed document, carried nothing into 2021) and closes some in each.
                if year > 2021 {
                    assert!(int(&t3.report, "t3.r2_carry_in.total") > 0, "{year}");
                }
                assert!(int(&t3.report, "t3.r3_7_total.total") >= 10, "{year}");
            }
        }
        match name {
            GOVERNMENT => assert_eq!(received_total, 0),
            CENTRE => assert!(received_total >= 60, "{received_total}"),
            _ => assert!(received_total >= 8, "{name}: {received_total}"),
        }
    }
    // A second start finds the demo complete and adds nothing.
    let centre = store
        .agency_by_name_or_code(CENTRE)
        .await
        .expect("read")
        .expect("centre")
        .id;
    let before = nonzero(&agency_t3(&store, centre, 2025).await.expect("t3").report);
    demo::prepare(&store, dir.path(), TODAY)
        .await
        .expect("second start");
    let after = nonzero(&agency_t3(&store, centre, 2025).await.expect("t3").report);
    assert_eq!(before, after);
}

/// A fresh store with three departments named as in the demo.
async fn departments() -> (tempfile::TempDir, Store, Vec<AgencyId>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = Store::open(&DatabaseUrl::in_data_dir(dir.path()))
        .await
        .expect("store");
    let by = ActorRef::System {
        reason: "test".into(),
    };
    let mut ids = Vec::new();
    for name in [CENTRE, FINANCE, EDUCATION] {
        let profile = AgencyProfile::named(name, AgencyKind::Department);
        ids.push(
            store
                .create_agency(None, &profile, &by)
                .await
                .expect("agency")
                .id,
        );
    }
    (dir, store, ids)
}

/// Seeds `cases` as of [`TODAY`] and returns how many applications were created.
async fn seed(store: &Store, cases: &[DemoCase]) -> usize {
    let calendar = Calendar::builtin().expect("calendar");
    seed_applications(store, &calendar, cases, TODAY)
        .await
        .expect("seeded")
}

/// The departments' tables 三 of 2020 to 2026, cell by cell where not 0.
async fn all_tables(store: &Store, ids: &[AgencyId]) -> Vec<BTreeMap<String, i64>> {
    let mut out = Vec::new();
    for id in ids {
        for year in 2020..=2026 {
            out.push(nonzero(
                &agency_t3(store, *id, year).await.expect("t3").report,
            ));
        }
    }
    out
}

/// [`departments`] with `cases` seeded.
async fn seeded(cases: &[DemoCase]) -> (tempfile::TempDir, Store, Vec<AgencyId>) {
    let (dir, store, ids) = departments().await;
    assert_eq!(seed(&store, cases).await, cases.len());
    (dir, store, ids)
}

#[tokio::test]
async fn an_interrupted_seeding_completes_to_the_same_tables() {
    let cases = demo_cases().expect("the demo cases read");
    // Stopped half way: half the cases stored, every third of them without its last step.
    let half = cases.len() / 2;
    let mut stopped: Vec<DemoCase> = cases[..half].to_vec();
    let mut cut = 0;
    for case in stopped.iter_mut().step_by(3) {
        cut += usize::from(case.steps.pop().is_some());
    }
    assert!(cut > 10);
    let (_a, resumed, ids) = departments().await;
    assert_eq!(seed(&resumed, &stopped).await, half);
    assert_eq!(seed(&resumed, &cases).await, cases.len() - half);
    assert_eq!(
        seed(&resumed, &cases).await,
        0,
        "a complete demo is left alone"
    );
    let (_b, whole, _) = seeded(&cases).await;
    assert_eq!(
        all_tables(&resumed, &ids).await,
        all_tables(&whole, &ids).await
    );
    for id in &ids {
        let events = |store: Store| async move {
            let mut n = 0;
            for app in store.applications_of(*id, false).await.expect("apps") {
                n += store
                    .application_events(app.id)
                    .await
                    .expect("events")
                    .len();
            }
            n
        };
        assert_eq!(events(resumed.clone()).await, events(whole.clone()).await);
    }
}

#[tokio::test]
async fn changing_one_decision_moves_exactly_its_four_cells() {
    let original = demo_cases().expect("the demo cases read");
    let mut changed = demo_cases().expect("the demo cases read");
    let which = changed
        .iter()
        .position(|c| {
            c.agency == CENTRE
                && c.applicant.kind == ApplicantKind::NaturalPerson
                && c.received_on.year() == 2023
                && matches!(c.steps.last(), Some(Action::Decide { outcome: Outcome::Open, on }) if on.year() == 2023)
        })
        .expect("a 2023 disclosure to a person");
    let Some(Action::Decide { outcome, .. }) = changed[which].steps.last_mut() else {
        unreachable!("found as a decision");
    };
    *outcome = Outcome::StateSecret;

    let (_a, before, ids) = seeded(&original).await;
    let (_b, after, _) = seeded(&changed).await;
    let mut moved = Vec::new();
    for (i, _) in ids.iter().enumerate() {
        for year in 2020..=2026 {
            // Agencies were created in the same order in both stores, so their ids match.
            let a = agency_t3(&before, ids[i], year).await.expect("t3").report;
            let b = agency_t3(&after, ids[i], year).await.expect("t3").report;
            for path in cell_paths(a.format)
                .into_iter()
                .filter(|p| p.starts_with("t3."))
            {
                let d = int(&b, &path) - int(&a, &path);
                if d != 0 {
                    moved.push((i, year, path, d));
                }
            }
        }
    }
    let expected: Vec<_> = [
        ("t3.r3_1_open.np", -1),
        ("t3.r3_1_open.total", -1),
        ("t3.r3_3_1_state_secret.np", 1),
        ("t3.r3_3_1_state_secret.total", 1),
    ]
    .into_iter()
    .map(|(p, d)| (0, 2023, p.to_string(), d))
    .collect();
    assert_eq!(moved, expected);
}

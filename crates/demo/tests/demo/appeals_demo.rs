//! Table 四 from the demo's 行政复议 and 行政诉讼 cases: 2020 equals the seed document's table (all zeros), every
//! year 2021-2025 equals the counts taken straight off the demo case list and passes T4-01, and an interrupted
//! seeding completes to the same register while a second start adds nothing.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use gongkai_demo::appeals::{DemoAppealCase, demo_appeal_cases, seed_appeal_cases};
use gongkai_demo::applications::{EDUCATION, FINANCE, demo_cases, seed_applications};
use gongkai_demo::{self as demo, CENTRE, GOVERNMENT};

use crate::TODAY;
use gongkai_domain::agency::{AgencyId, AgencyKind, AgencyProfile};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::calendar::Calendar;
use gongkai_domain::report::layout::{T4_COLUMNS, T4_GROUPS};
use gongkai_domain::report::{AnnualReport, Format, Table4, validate};
use gongkai_store::{AgencyStore, AppealStore, DatabaseUrl, Store, agency_t4};

/// Table 四's cells as `group.column → n`, where not 0.
fn nonzero(t4: &Table4) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for (g, (gkey, _)) in T4_GROUPS.iter().enumerate() {
        for (c, (ckey, _)) in T4_COLUMNS.iter().enumerate() {
            let n = t4.groups[g][c]
                .as_int()
                .unwrap_or_else(|| panic!("{gkey}.{ckey} is not a number"));
            if n != 0 {
                out.insert(format!("{gkey}.{ckey}"), n);
            }
        }
    }
    out
}

/// Table 四 of `year` counted straight off the case list: a case filed by the year's end and not decided
/// before it began counts in its kind's group, under its result if decided in the year, else 尚未审结; 总计 is
/// the number of such cases.
fn counted(cases: &[DemoAppealCase], year: i32, today: NaiveDate) -> BTreeMap<String, i64> {
    let mut cells = BTreeMap::new();
    for c in cases.iter().filter(|c| c.filed_on <= today) {
        let decided = c.decision.filter(|(on, _)| *on <= today);
        if c.filed_on.year() > year || decided.is_some_and(|(on, _)| on.year() < year) {
            continue;
        }
        let column = match decided {
            Some((on, outcome)) if on.year() == year => outcome.code(),
            _ => "pending",
        };
        for col in [column, "total"] {
            *cells.entry(format!("{}.{col}", c.kind.code())).or_insert(0) += 1;
        }
    }
    cells
}

/// The seed document's table 四 (`mengzhou-ggzyjy-2020.expected.json`), where not 0.
fn seed_table() -> BTreeMap<String, i64> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/reports/mengzhou-ggzyjy-2020.expected.json"
    );
    let text = std::fs::read_to_string(path).expect("the seed document's figures");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut out = BTreeMap::new();
    for (gkey, _) in &T4_GROUPS {
        for (ckey, _) in &T4_COLUMNS {
            let n = json["t4"][gkey][ckey].as_i64().expect("a number");
            if n != 0 {
                out.insert(format!("{gkey}.{ckey}"), n);
            }
        }
    }
    out
}

#[tokio::test]
async fn demo_tables_four_are_the_counts_of_the_demo_cases_and_balance() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = Store::open(&DatabaseUrl::in_data_dir(dir.path()))
        .await
        .expect("store");
    demo::prepare(&store, dir.path(), TODAY)
        .await
        .expect("demo");
    let today = TODAY;
    let cases = demo_appeal_cases().expect("the demo appeal cases read");
    let centre = store
        .agency_by_name_or_code(CENTRE)
        .await
        .expect("read")
        .expect("centre")
        .id;
    let t2020 = agency_t4(&store, centre, 2020).await.expect("2020");
    assert_eq!(nonzero(&t2020), seed_table(), "2020 is the seed document's");
    assert!(nonzero(&t2020).is_empty());
    for year in 2021..=2025 {
        let t4 = agency_t4(&store, centre, year).await.expect("table 四");
        let cells = nonzero(&t4);
        assert_eq!(cells, counted(&cases, year, today), "{year}");
        assert!(
            cells.get("review.total").copied().unwrap_or(0) >= 2,
            "{year}"
        );
        let mut report = AnnualReport::zeroed(Format::for_year(year));
        report.year = Some(year);
        report.t4 = t4;
        let t4_findings: Vec<_> = validate(&report)
            .into_iter()
            .filter(|f| f.rule.starts_with("T4-"))
            .collect();
        assert!(t4_findings.is_empty(), "{year}: {t4_findings:#?}");
    }
    // Not vacuous: the years differ, a case pending at the end of 2021 is decided in 2022.
    let t = |y| counted(&cases, y, today);
    assert_eq!(t(2021).get("review.pending"), Some(&1));
    assert_eq!(t(2022).get("review.correct"), Some(&1));
    assert_eq!(t(2025).get("lit_after_review.pending"), Some(&1));
    for other in [GOVERNMENT, FINANCE, EDUCATION] {
        let id = store
            .agency_by_name_or_code(other)
            .await
            .expect("read")
            .expect(other)
            .id;
        assert!(store.review_cases_of(id).await.expect("cases").is_empty());
    }
    // A second start finds the register complete and adds nothing.
    let before = store.review_cases_of(centre).await.expect("cases");
    assert_eq!(before.len(), cases.len());
    assert!(before.iter().filter(|c| c.application.is_some()).count() >= 10);
    demo::prepare(&store, dir.path(), TODAY)
        .await
        .expect("second start");
    assert_eq!(store.review_cases_of(centre).await.expect("cases"), before);
}

/// A fresh store with the demo's departments and their applications as of [`TODAY`].
async fn with_applications() -> (tempfile::TempDir, Store, AgencyId) {
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
    let calendar = Calendar::builtin().expect("calendar");
    seed_applications(
        &store,
        &calendar,
        &demo_cases().expect("the demo cases read"),
        today(),
    )
    .await
    .expect("applications");
    (dir, store, ids[0])
}

fn today() -> NaiveDate {
    TODAY
}

#[tokio::test]
async fn an_interrupted_seeding_completes_to_the_same_register() {
    let cases = demo_appeal_cases().expect("the demo appeal cases read");
    // Stopped half way: half the cases stored, every other one of them without its decision.
    let half = cases.len() / 2;
    let mut stopped: Vec<DemoAppealCase> = cases[..half].to_vec();
    for c in stopped.iter_mut().step_by(2) {
        c.decision = None;
    }
    let (_a, resumed, centre) = with_applications().await;
    assert_eq!(
        seed_appeal_cases(&resumed, &stopped, today())
            .await
            .expect("half"),
        half
    );
    assert_eq!(
        seed_appeal_cases(&resumed, &cases, today())
            .await
            .expect("rest"),
        cases.len() - half
    );
    assert_eq!(
        seed_appeal_cases(&resumed, &cases, today())
            .await
            .expect("again"),
        0,
        "a complete register is left alone"
    );
    let (_b, whole, _) = with_applications().await;
    seed_appeal_cases(&whole, &cases, today())
        .await
        .expect("whole");
    let register = |store: Store| async move {
        let mut cases: Vec<_> = store
            .review_cases_of(centre)
            .await
            .expect("cases")
            .into_iter()
            .map(|c| (c.case, c.tracking_no, c.note))
            .collect();
        cases.sort_by(|a, b| a.2.cmp(&b.2));
        cases
    };
    assert_eq!(
        register(resumed.clone()).await,
        register(whole.clone()).await
    );
    for year in 2020..=2026 {
        assert_eq!(
            agency_t4(&resumed, centre, year).await.expect("t4"),
            agency_t4(&whole, centre, year).await.expect("t4"),
            "{year}"
        );
    }
}

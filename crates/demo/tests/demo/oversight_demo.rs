//! The supervisor's oversight of the demo city (issue 13): 孟州市人民政府 sees, in the year of the pinned day, the
//! centre's 2025 annual report unpublished past its legal day (1月31日 for a department, 条例第四十九条) and the
//! demo's applications that are overdue now, the same ones the work queue marks.

use std::sync::Arc;

use chrono::NaiveDate;
use gongkai_app::App;
use gongkai_app::clock::FixedClock;
use gongkai_app::oversight::oversee;
use gongkai_demo::{CENTRE, GOVERNMENT};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::clock::compute;
use gongkai_domain::oversight::ReportStanding;
use gongkai_store::{AgencyStore, ApplicationStore};

use crate::{Demo, TODAY};

#[tokio::test]
async fn the_city_sees_the_centres_missing_report_and_the_overdue_cases() {
    let demo = Demo::prepare().await;
    let dir = tempfile::tempdir().expect("folder");
    let app = App::open(demo.store.clone(), dir.path(), Arc::new(FixedClock(TODAY))).expect("app");
    let tree = demo.store.agency_tree().await.expect("tree");
    let gov = AgencyId(demo.agency(GOVERNMENT));
    let rows = oversee(&app, &tree, gov, 2026, TODAY)
        .await
        .expect("oversight");
    assert_eq!(rows.len(), 4, "the government and its three departments");

    let centre = rows
        .iter()
        .find(|r| r.name == CENTRE)
        .expect("the centre's row");
    assert_eq!(centre.report_year, 2025);
    let due = NaiveDate::from_ymd_opt(2026, 1, 31).expect("date");
    assert_eq!(
        centre.report,
        Some(ReportStanding::Missing { due }),
        "the centre's 2025 report is not published and was due on 31 January"
    );

    // Overdue now, counted again here from the cases' own clocks.
    let mut overdue_total = 0;
    for row in &rows {
        let mut overdue = 0;
        for application in demo
            .store
            .applications_of(row.agency, false)
            .await
            .expect("cases")
        {
            if application.decided_on.is_some() {
                continue;
            }
            let events = demo
                .store
                .application_events(application.id)
                .await
                .expect("events");
            let clock = compute(&gongkai_app::calendar::clock_events(&events), &app.calendar)
                .expect("clock");
            overdue += u32::from(clock.overdue(TODAY));
        }
        assert_eq!(row.overdue_now, overdue, "{}", row.name);
        overdue_total += overdue;
    }
    assert!(
        overdue_total > 0,
        "the demo shows overdue applications to oversee"
    );
}

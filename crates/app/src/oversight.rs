//! The supervisor's oversight table (条例第六条、第四十九条: the 主管部门 supervises the disclosure work of the
//! agencies below it): for an agency and every agency below it, the figures of one year from the records
//! stored here. The rules are the domain's; this module only gathers the records and counts.

use chrono::{Datelike, NaiveDate};
use gongkai_domain::agency::{AgencyId, AgencyTree};
use gongkai_domain::application::clock::compute;
use gongkai_domain::application::stats::compile_t3;
use gongkai_domain::catalog::{PublicationTiming, publication_timing};
use gongkai_domain::oversight::trend::TrendYear;
use gongkai_domain::oversight::{CorrectionRate, ReportStanding, answered_late, report_standing};
use gongkai_domain::report::Format;
use gongkai_store::{AgencyStore, ApplicationStore, CatalogStore, agency_t4, records_of};

use crate::calendar::clock_events;
use crate::context::App;
use crate::error::{AppError, AppResult};

/// One agency's row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OversightRow {
    pub agency: AgencyId,
    pub name: String,
    /// Levels below the agency the table is for (0 for itself).
    pub depth: usize,
    /// Applications received in the year.
    pub received: u32,
    /// Applications answered (decided, withdrawn or lapsed) in the year.
    pub answered: u32,
    /// Applications open today whose clock's last day has passed (as the work queue marks them).
    pub overdue_now: u32,
    /// Applications answered in the year after their last day (条例第三十三条).
    pub answered_late: u32,
    /// Items whose late publication (条例第二十六条: more than 20 working days) fell in the year.
    pub published_late: u32,
    /// Drafts and items in review past their 20 working days today.
    pub publication_overdue: u32,
    /// The year of the annual report judged: the one before the table's year, due in the table's year.
    pub report_year: i32,
    /// `None` only when the legal day cannot be formed (a year out of range).
    pub report: Option<ReportStanding>,
    /// Table 四 of the year: 纠正 of the cases decided.
    pub appeals: CorrectionRate,
}

/// The table for `root` and the agencies below it (in the tree's order), for `year`, judged on `today`.
pub async fn oversee(
    app: &App,
    tree: &AgencyTree,
    root: AgencyId,
    year: i32,
    today: NaiveDate,
) -> AppResult<Vec<OversightRow>> {
    let root_depth = tree.depth(root);
    let mut rows = Vec::new();
    for (id, depth) in tree.preorder() {
        if !tree.is_within(id, root) {
            continue;
        }
        let Some(agency) = app.store.agency(id).await? else {
            continue;
        };
        let mut row = OversightRow {
            agency: id,
            name: agency.profile.name.clone(),
            depth: depth.saturating_sub(root_depth),
            received: 0,
            answered: 0,
            overdue_now: 0,
            answered_late: 0,
            published_late: 0,
            publication_overdue: 0,
            report_year: year - 1,
            report: None,
            appeals: CorrectionRate::default(),
        };
        count_applications(app, id, year, today, &mut row).await?;
        count_publications(app, id, year, today, &mut row).await?;
        let first_published = app
            .store
            .publications_of(id)
            .await?
            .into_iter()
            .filter(|p| p.year == year - 1)
            .map(|p| p.published_on)
            .min();
        row.report = report_standing(agency.profile.kind, year - 1, first_published, today);
        row.appeals = CorrectionRate::of(&agency_t4(&app.store, id, year).await?);
        rows.push(row);
    }
    Ok(rows)
}

async fn count_applications(
    app: &App,
    agency: AgencyId,
    year: i32,
    today: NaiveDate,
    row: &mut OversightRow,
) -> AppResult<()> {
    for application in app.store.applications_of(agency, false).await? {
        let received_now = application.received_on.is_some_and(|d| d.year() == year);
        let decided_in_year = application.decided_on.filter(|d| d.year() == year);
        let open = application.decided_on.is_none();
        if !(received_now || decided_in_year.is_some() || open) {
            continue;
        }
        row.received += u32::from(received_now);
        row.answered += u32::from(decided_in_year.is_some());
        let events = app.store.application_events(application.id).await?;
        // The same clock the work queue shows; an application whose events the clock refuses counts nowhere.
        let Some(clock) = compute(&clock_events(&events), &app.calendar).ok() else {
            continue;
        };
        row.overdue_now += u32::from(clock.overdue(today));
        if let Some(on) = decided_in_year {
            row.answered_late += u32::from(answered_late(&clock, on));
        }
    }
    Ok(())
}

async fn count_publications(
    app: &App,
    agency: AgencyId,
    year: i32,
    today: NaiveDate,
    row: &mut OversightRow,
) -> AppResult<()> {
    for dates in app.store.publication_dates(agency).await? {
        // A year the calendar has no data for gives no verdict, and is not counted.
        let Ok(timing) = publication_timing(&dates, today, &app.calendar) else {
            continue;
        };
        let late_on = match timing {
            PublicationTiming::PublishedLate { .. } => dates.published_on,
            PublicationTiming::ChangePublishedLate { .. } => dates.version_published_on,
            PublicationTiming::Overdue { .. } => {
                row.publication_overdue += 1;
                None
            }
            PublicationTiming::InTime => None,
        };
        row.published_late += u32::from(late_on.is_some_and(|d| d.year() == year));
    }
    Ok(())
}

/// Table 三 of `root` and every agency below it, summed, for each year from `first` to `last`: the figures of
/// the supervisor's chart. Each agency's register is read once and compiled per year by the domain's rules.
pub async fn trend(
    app: &App,
    tree: &AgencyTree,
    root: AgencyId,
    first: i32,
    last: i32,
) -> AppResult<Vec<TrendYear>> {
    let mut years: Vec<TrendYear> = (first..=last)
        .map(|year| TrendYear {
            year,
            ..TrendYear::default()
        })
        .collect();
    for (id, _) in tree.preorder() {
        if !tree.is_within(id, root) {
            continue;
        }
        let records = records_of(&app.store, id).await?;
        if records.is_empty() {
            continue;
        }
        for sum in &mut years {
            let report = compile_t3(&records, sum.year, Format::for_year(sum.year))
                .map_err(|e| AppError::Internal(format!("table 三 of {}: {e}", sum.year)))?;
            sum.add(&TrendYear::of(&report, sum.year));
        }
    }
    Ok(years)
}

//! The clerk's case list: every application of an agency, open and closed, as the store found it for the
//! query, with its deadline from the clock; open ones first by their last day, then closed ones newest first;
//! paged. 已超期 (条例第三十三条: the 20 working days have passed) is decided here, from the clock, not in SQL.

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::clock::{ClockStatus, compute};
use gongkai_store::{ApplicationQuery, ApplicationStore, StoredApplication};

use crate::calendar::clock_events;
use crate::context::App;
use crate::error::AppResult;

/// Rows on a page of the list.
pub const PAGE_SIZE: usize = 50;
/// How many characters of the request the list shows.
const SHORT_REQUEST: usize = 40;

/// The case list's query: the store's, plus 已超期 which only the clock knows.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    pub store: ApplicationQuery,
    pub overdue_only: bool,
    /// From 1.
    pub page: usize,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub application: StoredApplication,
    /// The applicant's name (personal data: shown only to the agency's caseworkers).
    pub applicant_name: String,
    /// The request, shortened with `…`.
    pub request: String,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    /// The clock waits for the applicant (a 补正) or a payment.
    pub waiting: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePage {
    pub rows: Vec<CaseRow>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(SHORT_REQUEST).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

fn applicant_name(applicant: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(applicant).unwrap_or_default();
    json["name"].as_str().unwrap_or_default().to_owned()
}

/// The page `query.page` of `agency`'s applications that match `query`.
pub async fn case_list(app: &App, agency: AgencyId, query: &CaseQuery) -> AppResult<CasePage> {
    let today = app.today();
    let mut rows = Vec::new();
    for found in app.store.search_applications(agency, &query.store).await? {
        let events = app.store.application_events(found.id).await?;
        let clock = compute(&clock_events(&events), &app.calendar).ok();
        let open = !found.status.is_closed();
        let overdue = open && clock.as_ref().is_some_and(|c| c.overdue(today));
        if query.overdue_only && !overdue {
            continue;
        }
        rows.push(CaseRow {
            applicant_name: applicant_name(&found.applicant),
            request: shorten(&found.description),
            due_on: clock.as_ref().and_then(|c| c.due).filter(|_| open),
            waiting: open
                && clock.as_ref().is_some_and(|c| {
                    matches!(
                        c.status,
                        ClockStatus::WaitingForApplicant | ClockStatus::AwaitingPayment
                    )
                }),
            overdue,
            application: found,
        });
    }
    // Open first, the nearest last day first (none last); then closed, the newest first.
    rows.sort_by(|a, b| {
        let key = |r: &CaseRow| {
            (
                r.application.status.is_closed(),
                r.due_on.is_none(),
                r.due_on,
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| b.application.id.cmp(&a.application.id))
    });
    let total = rows.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = query.page.clamp(1, pages);
    let rows = rows
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    Ok(CasePage {
        rows,
        total,
        page,
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_request_is_shortened_and_a_short_one_kept() {
        assert_eq!(shorten("政府采购"), "政府采购");
        let long = "字".repeat(45);
        assert_eq!(shorten(&long), format!("{}…", "字".repeat(40)));
    }

    #[test]
    fn an_applicant_that_is_not_json_has_no_name() {
        assert_eq!(applicant_name("not json"), "");
        assert_eq!(applicant_name(r#"{"name":"王五"}"#), "王五");
    }
}

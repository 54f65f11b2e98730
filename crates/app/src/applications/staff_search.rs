//! Staff search across the agencies an account may read (issue 16, point 5): one box that finds an application
//! by its tracking number, its applicant's name or words of its request. The applicant's name is personal data:
//! it is searched and shown only in the agencies whose cases the account handles; a supervisor above them
//! finds by number and words only, as their case list shows no names.

use gongkai_domain::agency::AgencyId;
use gongkai_store::ApplicationQuery;

use super::case_list::{CaseQuery, CaseRow, case_list};
use crate::context::App;
use crate::error::AppResult;

/// At most this many hits are listed: a search box, not an export.
pub const MAX_HITS: usize = 100;

/// One agency the account may search, and whether it may see its applicants' personal data.
#[derive(Debug, Clone)]
pub struct SearchScope {
    pub agency: AgencyId,
    pub agency_name: String,
    pub personal: bool,
}

#[derive(Debug, Clone)]
pub struct StaffHit {
    pub agency: AgencyId,
    pub agency_name: String,
    /// The case as the agency's case list shows it; the applicant's name is empty outside `personal` scopes.
    pub row: CaseRow,
}

/// The applications of `scopes` that `text` finds, open ones first as in the case list, at most [`MAX_HITS`].
pub async fn staff_search(
    app: &App,
    scopes: &[SearchScope],
    text: &str,
) -> AppResult<Vec<StaffHit>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut hits: Vec<StaffHit> = Vec::new();
    for scope in scopes {
        let mut queries = vec![
            ApplicationQuery {
                words: text.to_owned(),
                ..ApplicationQuery::default()
            },
            ApplicationQuery {
                tracking_no: text.to_owned(),
                ..ApplicationQuery::default()
            },
        ];
        if scope.personal {
            queries.push(ApplicationQuery {
                applicant_name: text.to_owned(),
                ..ApplicationQuery::default()
            });
        }
        for store in queries {
            let query = CaseQuery {
                store,
                overdue_only: false,
                page: 1,
            };
            for mut row in case_list(app, scope.agency, &query).await?.rows {
                if hits
                    .iter()
                    .any(|h| h.row.application.id == row.application.id)
                {
                    continue;
                }
                if !scope.personal {
                    row.applicant_name.clear();
                }
                hits.push(StaffHit {
                    agency: scope.agency,
                    agency_name: scope.agency_name.clone(),
                    row,
                });
            }
        }
    }
    hits.sort_by(|a, b| {
        let key = |h: &StaffHit| {
            (
                h.row.application.status.is_closed(),
                h.row.due_on.is_none(),
                h.row.due_on,
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| b.row.application.id.cmp(&a.row.application.id))
    });
    hits.truncate(MAX_HITS);
    Ok(hits)
}

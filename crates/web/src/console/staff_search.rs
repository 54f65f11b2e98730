//! The console's search box (`/console/search?q=`): applications across every agency the account may read, by
//! tracking number, words of the request and, where the account handles the agency's cases, the applicant's
//! name. The rule of who sees what is the same as the case list's (`can::ReadCases`, names with `HandleRecords`).

use axum::extract::{Query, State};
use axum::response::Html;
use gongkai_app::applications::staff_search::{MAX_HITS, SearchScope, staff_search};
use gongkai_domain::access::{Capability, authorize};
use gongkai_store::AgencyStore;
use minijinja::context;
use serde::Deserialize;

use super::page_context;
use crate::auth::Official;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StaffSearch {
    q: String,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    Query(search): Query<StaffSearch>,
) -> Result<Html<String>, WebError> {
    let tree = state.store.agency_tree().await?;
    let actor = official.actor();
    let may = |c, id| authorize(&actor, c, id, &tree).is_ok();
    let scopes: Vec<SearchScope> = state
        .store
        .agencies()
        .await?
        .into_iter()
        .filter(|a| may(Capability::ReadCases, a.id))
        .map(|a| SearchScope {
            agency: a.id,
            personal: may(Capability::HandleRecords, a.id),
            agency_name: a.profile.name,
        })
        .collect();
    let text = search.q.trim();
    let hits = staff_search(&state, &scopes, text).await?;
    let words = state.templates.messages();
    let rows: Vec<_> = hits
        .iter()
        .map(|h| {
            let r = &h.row;
            context! {
                agency => h.agency.0,
                agency_name => h.agency_name.clone(),
                id => r.application.id.0,
                tracking_no => r.application.tracking_no.to_string(),
                applicant => (!r.applicant_name.is_empty()).then(|| r.applicant_name.clone()),
                request => r.request.clone(),
                received_on => r.application.received_on.map(|d| d.to_string()),
                status => r.application.status.code(),
                closed => r.application.status.is_closed(),
                overdue => r.overdue,
                outcome => r.application.status.final_outcome().map(|o| words.name(*lang, "outcome", o.code())),
            }
        })
        .collect();
    let page = state.templates.render(
        "console/search.html",
        lang,
        context! {
            q => text,
            asked => !text.is_empty(),
            rows => rows,
            capped => hits.len() >= MAX_HITS,
            may_search => !scopes.is_empty(),
            names => scopes.iter().any(|s| s.personal),
            ..page_context(&official)
        },
    )?;
    Ok(page)
}

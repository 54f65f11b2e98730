//! The console's first page: the agencies the official's role reaches, as a tree, and for whoever reviews
//! (保密审查 before publication, 条例第十七条) the items waiting for it in each agency.

use axum::extract::State;
use axum::response::Html;
use gongkai_domain::access::{Capability, authorize, in_scope};
use gongkai_domain::catalog::ItemState;
use gongkai_store::{AgencyStore, CatalogStore, ItemFilter};
use minijinja::context;
use serde::Serialize;

use super::page_context;
use crate::auth::Official;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Serialize)]
pub struct AgencyRow {
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
    pub depth: usize,
    /// The agency's page, or its audit trail for the audit administrator, who reads nothing else; none for the
    /// security administrator.
    pub href: Option<String>,
}

/// An agency with items waiting for 保密审查 that the official may review.
#[derive(Debug, Serialize)]
pub struct Waiting {
    pub id: i64,
    pub name: String,
    pub count: u64,
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
) -> Result<Html<String>, WebError> {
    let tree = state.store.agency_tree().await?;
    let agencies = state.store.agencies().await?;
    let actor = official.actor();
    let rows: Vec<AgencyRow> = tree
        .preorder()
        .into_iter()
        .filter(|(id, _)| in_scope(&actor, *id, &tree))
        .filter_map(|(id, depth)| {
            let a = agencies.iter().find(|a| a.id == id)?;
            let href = if authorize(&actor, Capability::ViewAgency, id, &tree).is_ok() {
                Some(format!("/console/agencies/{}", id.0))
            } else if authorize(&actor, Capability::ViewAudit, id, &tree).is_ok() {
                Some(format!("/console/agencies/{}/audit", id.0))
            } else {
                None
            };
            Some(AgencyRow {
                id: id.0,
                name: a.profile.name.clone(),
                kind: a.profile.kind.code(),
                depth,
                href,
            })
        })
        .collect();
    // Reviewers, publishers and administrators see the queue of 保密审查; the count comes from the same filter
    // the catalogue list uses, so that the link shows exactly these items.
    let (mut waiting, mut may_review) = (Vec::new(), false);
    for row in &rows {
        let id = gongkai_domain::agency::AgencyId(row.id);
        if authorize(&actor, Capability::ReviewRecords, id, &tree).is_err() {
            continue;
        }
        may_review = true;
        let filter = ItemFilter {
            agencies: Some(vec![id]),
            states: Some(vec![ItemState::InReview]),
            page: 1,
            per_page: 1,
            ..Default::default()
        };
        let (_, count) = state.store.items(&filter).await?;
        if count > 0 {
            waiting.push(Waiting {
                id: row.id,
                name: row.name.clone(),
                count,
            });
        }
    }
    let home = official
        .account
        .agency
        .and_then(|id| agencies.iter().find(|a| a.id == id));
    state.templates.render(
        "console/home.html",
        lang,
        context! {
            agencies => ser(&rows),
            waiting => ser(&waiting),
            may_review => may_review,
            home_agency => home.map(|a| a.profile.name.clone()),
            ..page_context(&official)
        },
    )
}

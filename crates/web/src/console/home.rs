//! The console's first page: the agencies the official's role reaches, as a tree.

use axum::extract::State;
use axum::response::Html;
use gongkai_domain::access::in_scope;
use gongkai_store::AgencyStore;
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
            Some(AgencyRow {
                id: id.0,
                name: a.profile.name.clone(),
                kind: a.profile.kind.code(),
                depth,
            })
        })
        .collect();
    let home = official
        .account
        .agency
        .and_then(|id| agencies.iter().find(|a| a.id == id));
    state.templates.render(
        "console/home.html",
        lang,
        context! {
            agencies => ser(&rows),
            home_agency => home.map(|a| a.profile.name.clone()),
            ..page_context(&official)
        },
    )
}

//! Search over the catalogue: words of a title, a 文号 in any brackets, a phrase of the body; filters by
//! category, year, validity and an agency with the agencies below it.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Html;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::catalog::{Category, DocNo, Validity, normalize_doc_no_in_text};
use gongkai_search::{Hit, SearchQuery, SearchResults};
use gongkai_store::{AgencyStore, CatalogStore};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::view::{category_name, category_name_of, pages};
use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::views::ser;

pub const PER_PAGE: usize = 20;

/// The search form's fields; empty fields are no filter. Numbers arrive as text so that an empty select or a
/// hand-edited address is a missing filter, not an error.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    pub q: String,
    pub category: String,
    pub year: String,
    pub validity: String,
    pub agency: String,
    pub page: String,
}

impl SearchForm {
    pub fn agency_id(&self) -> Option<i64> {
        self.agency.trim().parse().ok()
    }

    /// The query for the index: a whole 文号 is looked up exactly, in its canonical form; any other text
    /// has its 文号 brackets normalised and is searched word by word.
    pub async fn to_query(&self, state: &AppState) -> Result<SearchQuery, WebError> {
        let q = self.q.trim();
        let (text, doc_no) = match DocNo::parse(q) {
            Ok(no) => (None, Some(no.to_string())),
            Err(_) if q.is_empty() => (None, None),
            Err(_) => (Some(normalize_doc_no_in_text(q)), None),
        };
        let agencies = match self.agency_id() {
            Some(id) => Some(
                state
                    .store
                    .agency_tree()
                    .await?
                    .subtree(AgencyId(id))
                    .into_iter()
                    .map(|a| a.0)
                    .collect(),
            ),
            None => None,
        };
        let validity = self.validity.trim();
        Ok(SearchQuery {
            text,
            doc_no,
            category: Category::from_code(self.category.trim()).map(|c| c.code().to_owned()),
            year: self.year.trim().parse().ok(),
            validity: (!validity.is_empty()).then(|| validity.to_owned()),
            agencies,
            page: self.page.trim().parse().unwrap_or(1).max(1),
            per_page: PER_PAGE,
        })
    }

    fn searched(&self) -> bool {
        [
            &self.q,
            &self.category,
            &self.year,
            &self.validity,
            &self.agency,
        ]
        .iter()
        .any(|f| !f.trim().is_empty())
    }
}

/// Runs a query on the blocking pool (tantivy's search is CPU work).
pub async fn run(state: &AppState, query: SearchQuery) -> Result<SearchResults, WebError> {
    let search = state.search.clone();
    tokio::task::spawn_blocking(move || search.index.search(&query))
        .await
        .map_err(|e| WebError::Internal(format!("search task: {e}")))?
        .map_err(|e| WebError::BadRequest(ErrorCode::from(&e)))
}

#[derive(Debug, Serialize)]
struct HitRow {
    index_no: String,
    title_html: String,
    snippet_html: String,
    doc_no: String,
    agency_name: String,
    category_name: String,
    published_on: String,
}

fn hit_row(h: Hit, names: &HashMap<i64, String>, lang: Lang) -> HitRow {
    HitRow {
        agency_name: names.get(&h.agency).cloned().unwrap_or_default(),
        category_name: category_name_of(&h.category, lang),
        published_on: crate::portal::view::date_of_days(h.published_on),
        index_no: h.index_no,
        title_html: h.title_html,
        snippet_html: h.snippet_html,
        doc_no: h.doc_no,
    }
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    Query(form): Query<SearchForm>,
) -> Result<Html<String>, WebError> {
    let agencies = state.store.agencies().await?;
    let tree = state.store.agency_tree().await?;
    let names: HashMap<i64, String> = agencies
        .iter()
        .map(|a| (a.id.0, a.profile.name.clone()))
        .collect();
    let options: Vec<_> = tree
        .preorder()
        .into_iter()
        .filter_map(|(id, depth)| {
            names
                .get(&id.0)
                .map(|n| context! { id => id.0, name => n, depth => depth })
        })
        .collect();
    let query = form.to_query(&state).await?;
    let page = query.page;
    let (total, at_least, hits) = if form.searched() {
        let found = run(&state, query).await?;
        let mut rows = Vec::with_capacity(found.hits.len());
        for hit in found.hits {
            // The store has the last word: an item withdrawn since the index last caught up is not shown.
            let public = state
                .store
                .item_by_index_no(&hit.index_no)
                .await?
                .is_some_and(|i| i.state.is_public());
            if public {
                rows.push(hit_row(hit, &names, lang));
            }
        }
        (found.total, found.total_is_lower_bound, rows)
    } else {
        (0, false, Vec::new())
    };
    let all_categories: Vec<_> = Category::ALL
        .iter()
        .map(|c| context! { code => c.code(), name => category_name(*c, lang) })
        .collect();
    let base = format!(
        "/search?q={}&category={}&year={}&validity={}&agency={}&",
        crate::error::encode_path(form.q.trim()),
        crate::error::encode_path(form.category.trim()),
        crate::error::encode_path(form.year.trim()),
        crate::error::encode_path(form.validity.trim()),
        crate::error::encode_path(form.agency.trim()),
    );
    let this_year = chrono::Datelike::year(&crate::clock::beijing_today());
    state.views.render(
        "portal/search.html",
        lang,
        context! {
            q => form.q.trim(),
            category => form.category.trim(),
            year => form.year.trim().parse::<i32>().ok(),
            validity => form.validity.trim(),
            agency => form.agency_id(),
            searched => form.searched(),
            total => total,
            at_least => at_least,
            hits => ser(&hits),
            page => page,
            pages => pages(total as u64, PER_PAGE as u32),
            base => base,
            all_categories => all_categories,
            years => (2008..=this_year).rev().collect::<Vec<i32>>(),
            validities => Validity::CODES,
            agencies => options,
        },
    )
}

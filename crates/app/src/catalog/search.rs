//! Searching the catalogue, as the portal's search page and `GET /api/v1/catalog` both ask it: words of a
//! title, a 文号 in any brackets, a phrase of the body; filters by category, year, validity and an agency with
//! the agencies below it. The index answers; the store has the last word on what is still public.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::catalog::{Category, DocNo, normalize_doc_no_in_text};
use gongkai_search::{Hit, SearchQuery, SearchResults};
use gongkai_store::{CatalogItem, CatalogStore};
use serde::Deserialize;

use crate::context::App;
use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;

pub const PER_PAGE: usize = 20;

/// What a visitor asked for; empty fields are no filter. Numbers arrive as text so that an empty select or a
/// hand-edited address is a missing filter, not an error.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    pub q: String,
    pub category: String,
    pub year: String,
    pub validity: String,
    /// An agency's id: it and every agency below it.
    pub agency: String,
    pub page: String,
}

impl SearchRequest {
    pub fn agency_id(&self) -> Option<i64> {
        self.agency.trim().parse().ok()
    }

    /// True when a filter narrows the words (category, year, validity or agency).
    pub fn has_filters(&self) -> bool {
        [&self.category, &self.year, &self.validity, &self.agency]
            .iter()
            .any(|f| !f.trim().is_empty())
    }

    /// The same words with no filter and from the first page: what a search that found nothing offers instead
    /// (issue 16: zero results give help).
    pub fn without_filters(&self) -> Self {
        Self {
            q: self.q.clone(),
            ..Self::default()
        }
    }

    /// True when anything was asked (an empty form shows the form, not every item).
    pub fn asks_anything(&self) -> bool {
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

    /// The query for the index: a whole 文号 is looked up exactly, in its canonical form (and [`search`] falls
    /// back to text when that finds nothing); any other text has its 文号 brackets normalised and is searched
    /// by words and fragments.
    pub async fn to_query(&self, app: &App) -> AppResult<SearchQuery> {
        let q = self.q.trim();
        let (text, doc_no) = match DocNo::parse(q) {
            Ok(no) => (None, Some(no.to_string())),
            Err(_) if q.is_empty() => (None, None),
            Err(_) => (Some(normalize_doc_no_in_text(q)), None),
        };
        let agencies = match self.agency_id() {
            Some(id) => Some(crate::agencies::subtree_ids(&app.store, AgencyId(id)).await?),
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
}

/// Runs a query on the blocking pool (tantivy's search is CPU work); a query the index cannot take is refused
/// with the index's code.
pub async fn run(app: &App, query: SearchQuery) -> AppResult<SearchResults> {
    let search = app.search.clone();
    tokio::task::spawn_blocking(move || search.index.search(&query))
        .await
        .map_err(|e| AppError::Internal(format!("search task: {e}")))?
        .map_err(|e| AppError::Refused(ErrorCode::from(&e)))
}

/// A page of results: each hit with its item as stored, leaving out what was withdrawn since the index last
/// caught up.
pub struct Found {
    pub hits: Vec<(Hit, CatalogItem)>,
    pub total: usize,
    pub total_is_lower_bound: bool,
    pub page: usize,
}

/// Searches the catalogue for `request`.
pub async fn search(app: &App, request: &SearchRequest) -> AppResult<Found> {
    let query = request.to_query(app).await?;
    let page = query.page;
    let mut found = run(app, query.clone()).await?;
    if found.total == 0
        && let Some(doc_no) = query.doc_no.clone()
    {
        // A 文号 that no item has exactly (a wrong prefix, a typo in the serial) searches as text: the
        // index then finds the items that quote it, share its year and serial, or its words.
        let text = SearchQuery {
            text: Some(doc_no),
            doc_no: None,
            ..query
        };
        found = run(app, text).await?;
    }
    let mut hits = Vec::with_capacity(found.hits.len());
    for hit in found.hits {
        // The store has the last word: an item withdrawn since the index last caught up is not shown.
        if let Some(item) = app.store.item_by_index_no(&hit.index_no).await?
            && item.state.is_public()
        {
            hits.push((hit, item));
        }
    }
    Ok(Found {
        hits,
        total: found.total,
        total_is_lower_bound: found.total_is_lower_bound,
        page,
    })
}

/// An item whose 文号 is near one typed that found nothing: offered as "did you mean".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearDocNo {
    pub doc_no: String,
    pub index_no: String,
    pub title: String,
}

/// How many near 文号 a search that found nothing offers.
const NEAR_DOC_NOS: usize = 3;

/// For a typed text that is a whole 文号 (GB/T 9704: 机关代字〔年份〕序号号) but found nothing: the published
/// items of the same 机关代字 whose 文号 is nearest, the same year first, then the nearest serial.
pub async fn nearest_doc_nos(app: &App, typed: &str) -> AppResult<Vec<NearDocNo>> {
    let Ok(wanted) = gongkai_domain::catalog::DocNo::parse(typed.trim()) else {
        return Ok(Vec::new());
    };
    let mut near: Vec<(i64, i64, NearDocNo)> = Vec::new();
    // The prefix with the year first, then the prefix alone for a 文号 of another year.
    for q in [
        format!("{}〔{}〕", wanted.prefix, wanted.year),
        wanted.prefix.clone(),
    ] {
        let request = SearchRequest {
            q,
            ..SearchRequest::default()
        };
        for (hit, _) in search(app, &request).await?.hits {
            let Ok(no) = gongkai_domain::catalog::DocNo::parse(&hit.doc_no) else {
                continue;
            };
            if no.prefix != wanted.prefix || near.iter().any(|(.., n)| n.index_no == hit.index_no) {
                continue;
            }
            near.push((
                i64::from((no.year - wanted.year).abs()),
                (i64::from(no.number) - i64::from(wanted.number)).abs(),
                NearDocNo {
                    doc_no: hit.doc_no,
                    index_no: hit.index_no,
                    title: hit.title,
                },
            ));
        }
        if near.len() >= NEAR_DOC_NOS {
            break;
        }
    }
    near.sort_by_key(|(years, serials, _)| (*years, *serials));
    Ok(near
        .into_iter()
        .take(NEAR_DOC_NOS)
        .map(|(.., n)| n)
        .collect())
}

//! Running a query: counting, the page of hits, and their highlighted title and snippet.

use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::error::{SearchError, SearchResult};
use crate::highlight::{Highlighter, hit};
use crate::index::SearchIndex;
use crate::query::{self, SearchQuery};
use crate::rank;
use crate::schema::{self, PUBLISHED_ON};

/// Most hits one page may hold.
pub const MAX_PER_PAGE: usize = 100;
/// Hits per page when the query does not say.
pub const DEFAULT_PER_PAGE: usize = 20;
/// Deepest result that can be paged to: the collector keeps `offset + per_page` candidates in memory,
/// so an unbounded page number from a URL would let one request allocate without limit.
pub const MAX_OFFSET: usize = 10_000;
/// Length of a body snippet in bytes (about 80 Chinese characters).
pub(crate) const SNIPPET_BYTES: usize = 240;

/// One page of results.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// All matching items, not just this page; when [`SearchResults::total_is_lower_bound`], at least
    /// this many (the count stops at [`crate::TOTAL_CAP`]).
    pub total: usize,
    /// The query matches more than [`crate::TOTAL_CAP`] items and `total` is that cap: show "10,000+".
    /// Only searches with words are capped; listings count exactly.
    pub total_is_lower_bound: bool,
    pub hits: Vec<Hit>,
}

/// One result, with HTML ready to insert: everything escaped, matches wrapped in `<mark>`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Hit {
    pub index_no: String,
    pub title: String,
    pub doc_no: String,
    pub category: String,
    pub agency: i64,
    /// Days since 1970-01-01.
    pub published_on: i64,
    pub title_html: String,
    /// Part of the body around the best match, or its beginning when only the title matched; when the
    /// words were found in an attachment and not in the body, part of that attachment's text.
    pub snippet_html: String,
    /// The file name of the attachment the snippet comes from, when it comes from one.
    pub snippet_attachment: Option<String>,
}

impl SearchIndex {
    /// Finds the items matching every word of the text and every filter: by relevance when there are
    /// words, newest first otherwise.
    pub fn search(&self, q: &SearchQuery) -> SearchResult<SearchResults> {
        let per_page = match q.per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(MAX_PER_PAGE),
        };
        let offset = q.page.max(1).saturating_sub(1).saturating_mul(per_page);
        if offset > MAX_OFFSET {
            return Err(SearchError::PageTooDeep { max: MAX_OFFSET });
        }
        let built = query::build(
            &self.fields,
            &mut schema::analyzer(),
            &mut crate::analysis::bigrams()?,
            q,
        );
        if built.matches_nothing {
            return Ok(SearchResults::default());
        }
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(per_page).and_offset(offset);
        // Words, unless the text is also an existing 文号 (then the exact path below, which is cheap
        // because such a text is rare): rank with pruning, count up to the cap.
        let pruned = match &built.plan {
            Some(plan) if !names_a_doc_no(&searcher, plan)? => rank::search(
                &searcher,
                plan,
                &*built.query,
                offset + per_page,
                &self.bonuses,
            )?,
            _ => None,
        };
        let mut total_is_lower_bound = false;
        let (total, addresses): (usize, Vec<DocAddress>) = if let Some(ranked) = pruned {
            total_is_lower_bound = ranked.capped;
            let page = ranked
                .top
                .into_iter()
                .skip(offset)
                .map(|(_, a)| a)
                .collect();
            (ranked.total, page)
        } else if built.has_text {
            let ranked = crate::fresh::top_docs(top, &searcher);
            let (total, top) = searcher.search(&*built.query, &(Count, ranked))?;
            (total, top.into_iter().map(|(_, a)| a).collect())
        } else {
            // Sorting on the fast field reads no stored document until the page is known.
            let by_date = top.order_by_fast_field::<i64>(PUBLISHED_ON, Order::Desc);
            let (total, top) = searcher.search(&*built.query, &(Count, by_date))?;
            (total, top.into_iter().map(|(_, a)| a).collect())
        };
        let highlighter = if built.has_text && !addresses.is_empty() {
            let (fragments, words) = match &built.plan {
                Some(p) => (p.fragments.as_slice(), p.words.as_slice()),
                None => (&[][..], &[][..]),
            };
            Some(Highlighter::new(
                &searcher,
                &*built.query,
                &self.fields,
                fragments,
                words,
            )?)
        } else {
            None
        };
        let hits = addresses
            .into_iter()
            .map(|address| {
                let doc: TantivyDocument = searcher.doc(address)?;
                Ok(hit(&self.fields, &doc, highlighter.as_ref()))
            })
            .collect::<SearchResult<Vec<Hit>>>()?;
        Ok(SearchResults {
            total,
            total_is_lower_bound,
            hits,
        })
    }
}

/// Whether the text names a 文号 that some item has: then the (cheap, since such a text is rare)
/// exhaustive path ranks that item first.
fn names_a_doc_no(searcher: &Searcher, plan: &query::Plan) -> SearchResult<bool> {
    for term in &plan.doc_no {
        if searcher.doc_freq(term)? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

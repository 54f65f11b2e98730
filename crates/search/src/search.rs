//! Running a query: counting, the page of hits, and their highlighted title and snippet.

use std::ops::Range;

use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::error::{SearchError, SearchResult};
use crate::index::SearchIndex;
use crate::query::{self, SearchQuery};
use crate::rank;
use crate::schema::{self, Fields, PUBLISHED_ON};

/// Most hits one page may hold.
pub const MAX_PER_PAGE: usize = 100;
/// Hits per page when the query does not say.
pub const DEFAULT_PER_PAGE: usize = 20;
/// Deepest result that can be paged to: the collector keeps `offset + per_page` candidates in memory,
/// so an unbounded page number from a URL would let one request allocate without limit.
pub const MAX_OFFSET: usize = 10_000;
/// Length of a body snippet in bytes (about 80 Chinese characters).
const SNIPPET_BYTES: usize = 240;

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
    /// Part of the body around the best match, or its beginning when only the title matched.
    pub snippet_html: String,
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
            Some(plan) if !names_a_doc_no(&searcher, plan)? => {
                rank::search(&searcher, plan, &*built.query, offset + per_page)?
            }
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
            Some(Highlighter::new(&searcher, &*built.query, &self.fields)?)
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

/// Snippet generators for title and body, made once per search (they look up each term's frequency)
/// and only for the page's hits.
struct Highlighter {
    title: SnippetGenerator,
    body: SnippetGenerator,
    /// The same over the bigram fields: they mark a fragment that is not a whole word.
    title_ng: SnippetGenerator,
    body_ng: SnippetGenerator,
}

impl Highlighter {
    fn new(
        searcher: &Searcher,
        query: &dyn tantivy::query::Query,
        fields: &Fields,
    ) -> SearchResult<Highlighter> {
        let mut title = SnippetGenerator::create(searcher, query, fields.title)?;
        // One fragment spanning the whole title, so every match in it is marked.
        title.set_max_num_chars(usize::MAX / 2);
        let mut body = SnippetGenerator::create(searcher, query, fields.body)?;
        body.set_max_num_chars(SNIPPET_BYTES);
        let mut title_ng = SnippetGenerator::create(searcher, query, fields.title_ng)?;
        title_ng.set_max_num_chars(usize::MAX / 2);
        let mut body_ng = SnippetGenerator::create(searcher, query, fields.body_ng)?;
        body_ng.set_max_num_chars(SNIPPET_BYTES);
        Ok(Highlighter {
            title,
            body,
            title_ng,
            body_ng,
        })
    }
}

fn hit(f: &Fields, doc: &TantivyDocument, highlighter: Option<&Highlighter>) -> Hit {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let int = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_i64())
            .unwrap_or_default()
    };
    let title = text(f.title);
    let body = text(f.body_head);
    let (title_html, snippet_html) = match highlighter {
        Some(h) => {
            let words = h.body.snippet(&body);
            // The words' snippet when the body has them, else the fragment's.
            let snippet = if words.highlighted().is_empty() {
                h.body_ng.snippet(&body)
            } else {
                words
            };
            (
                whole_text_html(
                    &title,
                    &[h.title.snippet(&title), h.title_ng.snippet(&title)],
                ),
                body_snippet_html(&body, &snippet),
            )
        }
        None => (mark(&title, &[]), opening_html(&body)),
    };
    Hit {
        index_no: text(f.index_no),
        doc_no: text(f.doc_no),
        category: text(f.category),
        agency: int(f.agency),
        published_on: int(f.published_on),
        title,
        title_html,
        snippet_html,
    }
}

/// The whole text with the snippet's matches marked (the snippet itself may stop at the last token and
/// drop a closing bracket of the title).
fn whole_text_html(text: &str, snippets: &[Snippet]) -> String {
    let ranges: Vec<Range<usize>> = snippets
        .iter()
        .flat_map(|snippet| {
            let shift = snippet.fragment_range().start;
            snippet
                .highlighted()
                .iter()
                .map(move |r| r.start + shift..r.end + shift)
        })
        .collect();
    mark(text, &ranges)
}

fn body_snippet_html(body: &str, snippet: &Snippet) -> String {
    if snippet.is_empty() {
        return opening_html(body);
    }
    let range = snippet.fragment_range();
    let mut html = String::new();
    if range.start > 0 {
        html.push('…');
    }
    html.push_str(&mark(snippet.fragment(), snippet.highlighted()));
    if range.end < body.len() {
        html.push('…');
    }
    html
}

/// The start of the body, for hits whose body has no match (or listings without words).
fn opening_html(body: &str) -> String {
    let head = crate::index::head(body, SNIPPET_BYTES);
    let mut html = mark(head, &[]);
    if head.len() < body.len() {
        html.push('…');
    }
    html
}

/// Escapes `text` for HTML and wraps the given byte ranges in `<mark>`. Overlapping and touching ranges
/// are merged: jieba's overlapping sub-words would otherwise give `<mark>公共</mark><mark>资源</mark>`.
/// Ranges that are out of bounds or not on character boundaries are ignored rather than trusted.
pub(crate) fn mark(text: &str, ranges: &[Range<usize>]) -> String {
    let mut ranges: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| {
            r.start < r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        })
        .cloned()
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut html = String::with_capacity(text.len() + merged.len() * 13);
    let mut at = 0;
    for r in merged {
        escape_into(&text[at..r.start], &mut html);
        html.push_str("<mark>");
        escape_into(&text[r.start..r.end], &mut html);
        html.push_str("</mark>");
        at = r.end;
    }
    escape_into(&text[at..], &mut html);
    html
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mark;

    #[test]
    fn marks_merge_and_everything_else_is_escaped() {
        let text = "<b>公共资源</b>";
        assert_eq!(
            mark(text, &[3..9, 9..15, 100..200, 4..5]),
            "&lt;b&gt;<mark>公共资源</mark>&lt;/b&gt;"
        );
    }
}

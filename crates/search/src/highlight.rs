//! Highlighting a page of hits: the title whole and a snippet of the body, escaped, with the words and
//! the fragments that matched wrapped in `<mark>`.

use std::ops::Range;

use tantivy::schema::Value;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{Searcher, TantivyDocument};

use crate::error::SearchResult;
use crate::schema::Fields;
use crate::search::{Hit, SNIPPET_BYTES};

/// Snippet generators for title and body, made once per search (they look up each term's frequency)
/// and only for the page's hits.
pub(crate) struct Highlighter<'q> {
    title: SnippetGenerator,
    body: SnippetGenerator,
    /// Over the body's bigrams: where in the body a fragment that is no whole word lies.
    body_ng: SnippetGenerator,
    /// The runs of the text that were searched as fragments, ASCII-lowercased: each place they occur is
    /// marked, and only those (a bigram of the query that happens to occur elsewhere is not the fragment).
    fragments: &'q [String],
    /// The words searched: with the fragments, what locates a snippet in an attachment.
    words: &'q [String],
}

impl<'q> Highlighter<'q> {
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn tantivy::query::Query,
        fields: &Fields,
        fragments: &'q [String],
        words: &'q [String],
    ) -> SearchResult<Highlighter<'q>> {
        let mut title = SnippetGenerator::create(searcher, query, fields.title)?;
        // One fragment spanning the whole title, so every match in it is marked.
        title.set_max_num_chars(usize::MAX / 2);
        let mut body = SnippetGenerator::create(searcher, query, fields.body)?;
        body.set_max_num_chars(SNIPPET_BYTES);
        let mut body_ng = SnippetGenerator::create(searcher, query, fields.body_ng)?;
        body_ng.set_max_num_chars(SNIPPET_BYTES);
        Ok(Highlighter {
            title,
            body,
            body_ng,
            fragments,
            words,
        })
    }
}

pub(crate) fn hit(f: &Fields, doc: &TantivyDocument, highlighter: Option<&Highlighter>) -> Hit {
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
    let mut snippet_attachment = None;
    let (title_html, snippet_html) = match highlighter {
        Some(h) => {
            let words = h.body.snippet(&body);
            // The words' snippet when the body has them, else the fragment's.
            let snippet = if words.highlighted().is_empty() {
                h.body_ng.snippet(&body)
            } else {
                words
            };
            let mut title_ranges = ranges(&h.title.snippet(&title));
            title_ranges.extend(occurrences(&title, h.fragments));
            // An attachment that holds more of the query than the body's head: the snippet comes from it.
            let from_attachment =
                crate::attachment_snippet::find(doc, f.attach_stored, &body, h.fragments, h.words);
            let snippet_html = match from_attachment {
                Some((name, html)) => {
                    snippet_attachment = Some(name);
                    html
                }
                None => body_snippet_html(&body, &snippet, h.fragments),
            };
            (mark(&title, &title_ranges), snippet_html)
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
        snippet_attachment,
    }
}

/// The snippet's marks as ranges of the whole text (the snippet itself may stop at the last token and
/// drop a closing bracket of the title).
fn ranges(snippet: &Snippet) -> Vec<Range<usize>> {
    let shift = snippet.fragment_range().start;
    snippet
        .highlighted()
        .iter()
        .map(|r| r.start + shift..r.end + shift)
        .collect()
}

/// Every place one of the fragments occurs in `text`, letters compared without case.
pub(crate) fn occurrences(text: &str, fragments: &[String]) -> Vec<Range<usize>> {
    // ASCII lowercasing keeps every byte offset, so the ranges fit the original text.
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for fragment in fragments.iter().filter(|f| !f.is_empty()) {
        out.extend(
            lower
                .match_indices(fragment.as_str())
                .map(|(at, m)| at..at + m.len()),
        );
    }
    out
}

fn body_snippet_html(body: &str, snippet: &Snippet, fragments: &[String]) -> String {
    let range = snippet.fragment_range();
    let mut marks = snippet.highlighted().to_vec();
    marks.extend(occurrences(snippet.fragment(), fragments));
    if snippet.is_empty() || marks.is_empty() {
        return opening_html(body);
    }
    let mut html = String::new();
    if range.start > 0 {
        html.push('…');
    }
    html.push_str(&mark(snippet.fragment(), &marks));
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

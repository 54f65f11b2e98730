//! Turning a [`SearchQuery`] into a tantivy query, in code: tantivy's query parser rejects everyday input
//! such as `孟政[2020]12号`, and the rules here (every word must match, title weighs more) are ours.

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;

use gongkai_domain::catalog::normalize_doc_no_in_text;

pub(crate) use crate::member::{Member, either};
use crate::member::{all_words, phrase_group, word_group};
use crate::schema::Fields;
use crate::segments::{is_quote, segments};
use crate::{doc_key, fragment};

/// How much a match in the title outweighs one in the body.
pub(crate) const TITLE_BOOST: f32 = 3.0;
/// A match in an attachment counts for less than one in the item's own text: the item is about its title
/// and body, and a long attached table mentions many things in passing.
pub(crate) const ATTACHMENT_BOOST: f32 = 0.5;
/// The score of an item whose 文号 the text names: above any sum of word scores, so it comes first.
const DOC_NO_SCORE: f32 = 1000.0;
/// Longest query text that is analysed; a pasted page would otherwise become hundreds of clauses.
const MAX_TEXT_CHARS: usize = 200;

/// What the catalogue search box and its filters ask for.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SearchQuery {
    /// Words to find (all of them, in title or body); `"…"` or `“…”` marks a phrase.
    pub text: Option<String>,
    /// A 文号, already normalised by the caller (`孟政〔2020〕12号`).
    pub doc_no: Option<String>,
    pub category: Option<String>,
    pub year: Option<i32>,
    pub validity: Option<String>,
    /// An agency and its subtree: an item of any of them matches. An empty list matches nothing.
    pub agencies: Option<Vec<i64>>,
    /// 1-based; 0 is read as 1.
    pub page: usize,
    /// Capped at [`crate::MAX_PER_PAGE`]; 0 means [`crate::DEFAULT_PER_PAGE`].
    pub per_page: usize,
}

/// The tantivy query and how its results are to be ordered.
pub(crate) struct Built {
    /// The whole query: counting, the fallback ranking, and the snippets' terms.
    pub query: Box<dyn Query>,
    /// The same query broken into the parts [`crate::rank`] ranks with pruning; `None` without words.
    pub plan: Option<Plan>,
    /// Words were given: order by relevance and highlight; otherwise list newest first.
    pub has_text: bool,
    /// A filter that no item can pass (an empty agency list, a negative year).
    pub matches_nothing: bool,
}

/// The text query as a conjunction of groups (each word or phrase: title ×3 OR body) plus score-free
/// filters, with the 文号 alternatives kept aside (they are only consulted when such a 文号 exists).
pub(crate) struct Plan {
    pub groups: Vec<Vec<Member>>,
    pub filters: Vec<Box<dyn Query>>,
    pub doc_no: Vec<Term>,
    /// The runs searched as fragments (ASCII-lowercased, as indexed): what highlighting marks.
    pub fragments: Vec<String>,
    /// The words searched (lowercased, as indexed): where in an attachment's text a snippet is cut.
    pub words: Vec<String>,
}

pub(crate) fn build(
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    bigrams: &mut TextAnalyzer,
    q: &SearchQuery,
) -> Built {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut matches_nothing = false;

    let text = q.text.as_deref().map(str::trim).unwrap_or_default();
    let text_query = text_query(fields, analyzer, bigrams, text);
    let has_text = text_query.is_some();
    let mut plan = None;
    if let Some((text_query, text_plan)) = text_query {
        clauses.push((Occur::Must, text_query));
        plan = Some(text_plan);
    }

    let mut filters: Vec<Box<dyn Query>> = Vec::new();
    let mut filter = |query: Box<dyn Query>| {
        filters.push(query.box_clone());
        // Filters decide membership only; a score of 0 keeps them out of the relevance order.
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))));
    };
    if let Some(doc_no) = non_blank(&q.doc_no) {
        filter(term_query(Term::from_field_text(
            fields.doc_no_norm,
            doc_no,
        )));
    }
    if let Some(category) = non_blank(&q.category) {
        filter(term_query(Term::from_field_text(fields.category, category)));
    }
    if let Some(validity) = non_blank(&q.validity) {
        filter(term_query(Term::from_field_text(fields.validity, validity)));
    }
    if let Some(year) = q.year {
        match u64::try_from(year) {
            Ok(year) => filter(term_query(Term::from_field_u64(fields.year, year))),
            Err(_) => matches_nothing = true,
        }
    }
    if let Some(agencies) = &q.agencies {
        if agencies.is_empty() {
            matches_nothing = true;
        } else {
            let terms = agencies
                .iter()
                .map(|&a| Term::from_field_i64(fields.agency, a));
            filter(Box::new(TermSetQuery::new(terms)));
        }
    }

    let query: Box<dyn Query> = if clauses.is_empty() {
        Box::new(AllQuery)
    } else {
        Box::new(BooleanQuery::new(clauses))
    };
    if let Some(plan) = &mut plan {
        plan.filters = filters;
    }
    Built {
        query,
        plan,
        has_text,
        matches_nothing,
    }
}

fn non_blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// Every piece of the text (a run between spaces, or a quoted phrase) must match: by its words in the
/// title or the body, or as a run of characters (see [`crate::fragment`]); OR'ed with the 文号 the text
/// names, so `孟政〔2020〕12号`, `〔2020〕12号` or `孟政12号` typed into the box finds the item even when its
/// body never quotes it, and a 文号 that matches nothing still searches as words.
/// `None` when the text has no words (empty, or only punctuation); otherwise the query and its
/// [`Plan`] (without filters yet).
fn text_query(
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    bigrams: &mut TextAnalyzer,
    text: &str,
) -> Option<(Box<dyn Query>, Plan)> {
    let text: String = text.chars().take(MAX_TEXT_CHARS).collect();
    let text = normalize_doc_no_in_text(&text);
    let mut groups: Vec<Vec<Member>> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut fragments: Vec<String> = Vec::new();
    let mut searched_words: Vec<String> = Vec::new();
    for (quoted, segment) in segments(&text) {
        let pieces: Vec<&str> = if quoted {
            vec![segment]
        } else {
            segment.split(char::is_whitespace).collect()
        };
        for piece in pieces {
            // A quote left at the edge of a run is one of an unpaired pair: punctuation.
            let piece = if quoted {
                piece
            } else {
                piece.trim_matches(is_quote)
            };
            if seen.iter().any(|s| s == piece) {
                continue;
            }
            seen.push(piece.to_owned());
            let tokens = finest_cover(tokens(analyzer, piece));
            searched_words.extend(tokens.iter().map(|t| t.text.clone()));
            let fragment = fragment::members(fields, bigrams, piece);
            if fragment.is_empty() {
                // One character: its word alone, as before.
                groups.extend(tokens.iter().map(|t| word_group(fields, &t.text)));
                continue;
            }
            let mut group = match tokens.as_slice() {
                [] => Vec::new(),
                [one] => word_group(fields, &one.text),
                _ if quoted => phrase_group(fields, &tokens, bigrams),
                _ => all_words(fields, &tokens),
            };
            group.extend(fragment);
            groups.push(group);
            fragments.push(piece.trim().to_ascii_lowercase());
        }
    }
    if groups.is_empty() {
        return None;
    }
    let clauses = groups
        .iter()
        .map(|group| (Occur::Must, either(group)))
        .collect();
    let words: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    let mut doc_no = vec![Term::from_field_text(fields.doc_no_norm, text.trim())];
    for key in doc_key::query_keys(&text) {
        let field = if key.contains('〔') {
            fields.doc_no_norm
        } else {
            fields.doc_no_key
        };
        doc_no.push(Term::from_field_text(field, &key));
    }
    let mut alternatives = vec![(Occur::Should, words)];
    for term in &doc_no {
        // A constant score well above any word's: the item with that 文号 comes first, then the items
        // that share part of it (the whole text and a canonical 文号 are on the exact field).
        let score = if term.field() == fields.doc_no_norm {
            DOC_NO_SCORE
        } else {
            DOC_NO_SCORE / 2.0
        };
        let exact: Box<dyn Query> = Box::new(ConstScoreQuery::new(term_query(term.clone()), score));
        alternatives.push((Occur::Should, exact));
    }
    let query = Box::new(BooleanQuery::new(alternatives));
    let plan = Plan {
        groups,
        filters: Vec::new(),
        doc_no,
        fragments,
        words: searched_words,
    };
    Some((query, plan))
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub text: String,
    from: usize,
    to: usize,
    /// jieba's position: the character index of the token's start, shared by index and query, which is
    /// what lets a phrase line up with the indexed positions.
    pub position: usize,
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(Token {
            text: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
            position: t.position,
        });
    }
    out
}

/// jieba's search mode emits a long word and its dictionary sub-words (`公共资源` → `公共`, `资源`,
/// `公共资源`). Requiring the long word would miss documents where jieba cut the same characters
/// differently in context (`公共资源交易中心`), so a token whose span is covered by shorter tokens is
/// dropped and the sub-words alone must match.
fn finest_cover(tokens: Vec<Token>) -> Vec<Token> {
    let covered = |t: &Token| {
        let mut inner: Vec<(usize, usize)> = tokens
            .iter()
            .filter(|s| s.from >= t.from && s.to <= t.to && s.to - s.from < t.to - t.from)
            .map(|s| (s.from, s.to))
            .collect();
        inner.sort_unstable();
        let mut reach = t.from;
        for (from, to) in inner {
            if from > reach {
                return false;
            }
            reach = reach.max(to);
        }
        reach >= t.to
    };
    let mut kept: Vec<Token> = tokens.iter().filter(|t| !covered(t)).cloned().collect();
    kept.sort_by_key(|t| (t.from, t.to));
    kept.dedup_by(|a, b| a.from == b.from && a.to == b.to);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::analyzer;

    fn words(text: &str) -> Vec<String> {
        finest_cover(tokens(&mut analyzer(), text))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn long_words_give_way_to_their_parts_and_punctuation_is_dropped() {
        let w = words("公共资源，交易！");
        assert!(w.contains(&"公共".to_string()), "{w:?}");
        assert!(!w.contains(&"公共资源".to_string()), "{w:?}");
        assert!(
            w.iter().all(|t| t.chars().any(char::is_alphanumeric)),
            "{w:?}"
        );
        assert!(words("〔〕，。 ").is_empty());
        assert_eq!(words("PDF"), vec!["pdf".to_string()]);
    }
}

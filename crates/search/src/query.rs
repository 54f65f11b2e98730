//! Turning a [`SearchQuery`] into a tantivy query, in code: tantivy's query parser rejects everyday input
//! such as `孟政[2020]12号`, and the rules here (every word must match, title weighs more) are ours.

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use gongkai_domain::catalog::normalize_doc_no_in_text;

use crate::schema::Fields;
use crate::segments::{is_quote, segments};
use crate::{doc_key, fragment};

/// How much a match in the title outweighs one in the body.
const TITLE_BOOST: f32 = 3.0;
/// A match in an attachment counts for less than one in the item's own text: the item is about its title
/// and body, and a long attached table mentions many things in passing.
const ATTACHMENT_BOOST: f32 = 0.5;
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

/// One scored part of a word or phrase group: a word (or phrase, or fragment) in one field.
pub(crate) struct Member {
    /// Unboosted; the boost is applied when the scorer is made.
    pub query: Box<dyn Query>,
    /// The terms whose BM25 statistics bound this member's score (one for a word, all for a phrase).
    pub bound: Vec<Term>,
    /// Every term a match holds: `bound`, and for a fragment the bigrams its phrase leaves out.
    pub holds: Vec<Term>,
    pub boost: f32,
    /// `Some(i)`: the member is the `i`th word of the group's run of several words, which counts only
    /// when every word of it matches (in the title or the body). Kept as separate members rather than
    /// one conjunction so the ranker can prune the body's postings of each word apart from the title's.
    pub word: Option<usize>,
}

impl Member {
    /// The member's query for finding matches: for a fragment, its phrase AND every bigram it leaves
    /// out (scoring nothing), so that tantivy walks the documents holding all the bigrams, the rarest
    /// leading, and reads the phrase's positions only there (`孟州市中心城`: `州市` and `中心` too).
    pub fn finding(&self) -> Box<dyn Query> {
        let left_out: Vec<&Term> = self
            .holds
            .iter()
            .filter(|t| !self.bound.contains(t))
            .collect();
        if left_out.is_empty() {
            return self.query.box_clone();
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, self.query.box_clone())];
        for term in left_out {
            let holds = TermQuery::new(term.clone(), IndexRecordOption::Basic);
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(holds), 0.0)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

impl Clone for Member {
    fn clone(&self) -> Member {
        Member {
            query: self.query.box_clone(),
            bound: self.bound.clone(),
            holds: self.holds.clone(),
            boost: self.boost,
            word: self.word,
        }
    }
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

/// Every word of a piece, each in the title (×3) or the body: the piece's word members when it has
/// several words, tagged with the word they stand for (all must match).
fn all_words(fields: &Fields, tokens: &[Token]) -> Vec<Member> {
    let mut members = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        members.extend(
            word_group(fields, &t.text)
                .into_iter()
                .map(|m| Member { word: Some(i), ..m }),
        );
    }
    members
}

/// The title member first (boosted), then the body, then the attachments.
fn word_group(fields: &Fields, word: &str) -> Vec<Member> {
    let in_field = |field, boost| {
        let term = Term::from_field_text(field, word);
        Member {
            query: Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
            bound: vec![term.clone()],
            holds: vec![term],
            boost,
            word: None,
        }
    };
    vec![
        in_field(fields.title, TITLE_BOOST),
        in_field(fields.body, 1.0),
        in_field(fields.attach, ATTACHMENT_BOOST),
    ]
}

/// The phrase in the title (×3), the body and the attachments. When its words follow each other with
/// nothing between them (`"最低生活保障"`, not `"通知 管理"`, which also matches `通知，管理`), wherever it
/// matches the text holds exactly those characters, so the title's and the body's bigram fields (which
/// index the same text) hold its bigrams: its candidates are then the items holding its rarest bigram
/// too, not only each of its words.
fn phrase_group(fields: &Fields, tokens: &[Token], bigrams: &mut TextAnalyzer) -> Vec<Member> {
    let start = tokens.iter().map(|t| t.position).min().unwrap_or_default();
    let adjacent = tokens
        .windows(2)
        .all(|w| w[0].position + w[0].text.chars().count() == w[1].position);
    let grams = if adjacent {
        let text: String = tokens.iter().map(|t| t.text.as_str()).collect();
        fragment::grams(bigrams, &text)
    } else {
        Vec::new()
    };
    let in_field = |field, boost, bigram_field: Option<Field>| {
        let terms: Vec<(usize, Term)> = tokens
            .iter()
            .map(|t| (t.position - start, Term::from_field_text(field, &t.text)))
            .collect();
        let mut holds: Vec<Term> = terms.iter().map(|(_, t)| t.clone()).collect();
        if let Some(bigram_field) = bigram_field {
            holds.extend(
                grams
                    .iter()
                    .map(|(_, g)| Term::from_field_text(bigram_field, g)),
            );
        }
        Member {
            bound: terms.iter().map(|(_, t)| t.clone()).collect(),
            holds,
            query: Box::new(PhraseQuery::new_with_offset(terms)),
            boost,
            word: None,
        }
    };
    vec![
        in_field(fields.title, TITLE_BOOST, Some(fields.title_ng)),
        in_field(fields.body, 1.0, Some(fields.body_ng)),
        in_field(fields.attach, ATTACHMENT_BOOST, None),
    ]
}

/// The group as one tantivy query: its members OR'ed (title ×3 OR body, fragments), and the words of a
/// run of several words AND'ed into one more alternative.
pub(crate) fn either(group: &[Member]) -> Box<dyn Query> {
    let boosted = |m: &Member| -> Box<dyn Query> {
        if m.boost == 1.0 {
            m.finding()
        } else {
            Box::new(BoostQuery::new(m.finding(), m.boost))
        }
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let words = group
        .iter()
        .filter_map(|m| m.word)
        .max()
        .map_or(0, |w| w + 1);
    if words > 0 {
        let all = (0..words)
            .map(|w| {
                let either = group
                    .iter()
                    .filter(|m| m.word == Some(w))
                    .map(|m| (Occur::Should, boosted(m)))
                    .collect();
                let either: Box<dyn Query> = Box::new(BooleanQuery::new(either));
                (Occur::Must, either)
            })
            .collect();
        clauses.push((Occur::Should, Box::new(BooleanQuery::new(all))));
    }
    for m in group.iter().filter(|m| m.word.is_none()) {
        clauses.push((Occur::Should, boosted(m)));
    }
    Box::new(BooleanQuery::new(clauses))
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    text: String,
    from: usize,
    to: usize,
    /// jieba's position: the character index of the token's start, shared by index and query, which is
    /// what lets a phrase line up with the indexed positions.
    position: usize,
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

//! Fragment members: a run of two or more characters found as a phrase of its bigrams in the title, the
//! 文号 or the body, beside the word members; weighted lower, so an item that matches by whole words
//! (and so by the fragment too) ranks before one that only contains the characters.

use tantivy::Term;
use tantivy::query::{PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use crate::query::Member;
use crate::schema::Fields;

/// A fragment in the title: below a whole word there (×3), above a word of the body.
const TITLE_FRAGMENT_BOOST: f32 = 1.5;
/// A fragment of the 文号 (`〔2020〕12号`): as strong as a title match.
const DOC_NO_FRAGMENT_BOOST: f32 = 3.0;
/// A fragment of the body: the weakest evidence.
const BODY_FRAGMENT_BOOST: f32 = 0.5;

/// The members that find `text` as a run of characters; none when it has no bigram (one character).
pub(crate) fn members(fields: &Fields, bigrams: &mut TextAnalyzer, text: &str) -> Vec<Member> {
    let grams = grams(bigrams, text);
    if grams.is_empty() {
        return Vec::new();
    }
    [
        (fields.title_ng, TITLE_FRAGMENT_BOOST),
        (fields.doc_no_ng, DOC_NO_FRAGMENT_BOOST),
        (fields.body_ng, BODY_FRAGMENT_BOOST),
    ]
    .into_iter()
    .map(|(field, boost)| member(field, &grams, boost))
    .collect()
}

fn member(field: Field, grams: &[(usize, String)], boost: f32) -> Member {
    let terms: Vec<(usize, Term)> = covering(grams)
        .map(|(position, gram)| (*position, Term::from_field_text(field, gram)))
        .collect();
    let bound: Vec<Term> = terms.iter().map(|(_, t)| t.clone()).collect();
    let holds: Vec<Term> = grams
        .iter()
        .map(|(_, gram)| Term::from_field_text(field, gram))
        .collect();
    let query: Box<dyn Query> = match terms.as_slice() {
        // tantivy's phrase needs two terms; one bigram is a plain term.
        [(_, term)] => Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
        _ => Box::new(PhraseQuery::new_with_offset(terms)),
    };
    Member {
        query,
        bound,
        holds,
        boost,
        word: None,
    }
}

/// Every other bigram, and the last: `孟州`@0 `市中`@2 `心城`@4 pin down `孟州市中心城` as surely as all five
/// overlapping ones do (each character is in one of them, at its place), with half the posting lists to
/// intersect and half the positions to read.
fn covering(grams: &[(usize, String)]) -> impl Iterator<Item = &(usize, String)> {
    let last = grams.len().saturating_sub(1);
    grams
        .iter()
        .enumerate()
        .filter(move |(i, _)| i % 2 == 0 || *i == last)
        .map(|(_, g)| g)
}

/// The bigrams of `text` with their positions counted from the first.
pub(crate) fn grams(bigrams: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = bigrams.token_stream(text);
    let mut out: Vec<(usize, String)> = Vec::new();
    while let Some(t) = stream.next() {
        out.push((t.position, t.text.clone()));
    }
    let start = out.first().map(|g| g.0).unwrap_or_default();
    out.into_iter().map(|(p, g)| (p - start, g)).collect()
}

//! The members of a query group: a word, phrase or fragment in one field, and how a group's members
//! combine into one tantivy query.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use crate::fragment;
use crate::query::{ATTACHMENT_BOOST, TITLE_BOOST, Token};
use crate::schema::Fields;

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

/// Every word of a piece, each in the title (×3) or the body: the piece's word members when it has
/// several words, tagged with the word they stand for (all must match).
pub(crate) fn all_words(fields: &Fields, tokens: &[Token]) -> Vec<Member> {
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
pub(crate) fn word_group(fields: &Fields, word: &str) -> Vec<Member> {
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
pub(crate) fn phrase_group(
    fields: &Fields,
    tokens: &[Token],
    bigrams: &mut TextAnalyzer,
) -> Vec<Member> {
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

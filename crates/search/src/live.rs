//! One member of a query while a segment is ranked: its scorer, its block bounds, and, for a phrase, the
//! cheaper walk over the documents that hold all its terms (no positions read), so that its positions
//! are read only where a document can still make the page. tantivy's phrase scorer, made and walked the
//! usual way, reads the positions of every document holding all the terms until it finds a match: for a
//! fragment such as `管理中心` that no body holds as a run, the whole segment's `管理` and `中心` postings.

use tantivy::query::Scorer;
use tantivy::{DocId, DocSet, Score, SeekDangerResult, TERMINATED};

use crate::blockmax::Blocks;

pub(crate) struct Live {
    pub scorer: Box<dyn Scorer>,
    /// Where the member's blocks bound it, to skip blocks that cannot make the page.
    pub blocks: Option<Blocks>,
    /// The bound for any document of this segment.
    pub bound: Score,
    pub bit: u128,
    pub group: usize,
    pub scored: bool,
    pub in_words: bool,
    /// The score at the document being ranked, once consulted.
    pub score: Score,
    /// For a phrase: where it may match next, known without reading positions (its scorer is only ever
    /// asked about one document at a time, `seek_danger`), and the documents holding all its terms, a
    /// superset of its matches, which its walk follows. `None` for a word or a filter.
    pub phrase: Option<Phrase>,
}

pub(crate) struct Phrase {
    /// No document before this one can match; `TERMINATED` once none can.
    pub next: DocId,
    /// The scorer stands on `next`, a match (it was found there).
    pub on: bool,
    pub terms: Box<dyn Scorer>,
}

impl Live {
    /// The document the member's walk stands on: for a phrase, a candidate, not yet a match.
    pub fn doc(&self) -> DocId {
        match &self.phrase {
            Some(p) => p.terms.doc(),
            None => self.scorer.doc(),
        }
    }

    pub fn advance(&mut self) {
        match &mut self.phrase {
            Some(p) => {
                p.terms.advance();
            }
            None => {
                self.scorer.advance();
            }
        }
    }

    pub fn seek(&mut self, doc: DocId) {
        match &mut self.phrase {
            Some(p) => {
                p.terms.seek(doc);
            }
            None => {
                self.scorer.seek(doc);
            }
        }
    }

    /// About how many documents the member's walk visits.
    pub fn size_hint(&self) -> u32 {
        match &self.phrase {
            Some(p) => p.terms.size_hint(),
            None => self.scorer.size_hint(),
        }
    }

    /// Whether the member matches `doc`, moving forward only; a phrase reads its positions at `doc`
    /// only, never at the candidates before it.
    pub fn matches(&mut self, doc: DocId) -> bool {
        let Some(phrase) = &mut self.phrase else {
            if self.scorer.doc() < doc {
                self.scorer.seek(doc);
            }
            return self.scorer.doc() == doc;
        };
        if doc < phrase.next || phrase.next == TERMINATED {
            return false;
        }
        if phrase.on && doc == phrase.next {
            return true;
        }
        // tantivy asks for strictly increasing targets: `doc` is past the last one asked about.
        match self.scorer.seek_danger(doc) {
            SeekDangerResult::Found => {
                (phrase.next, phrase.on) = (doc, true);
                true
            }
            SeekDangerResult::SeekLowerBound(lower) => {
                (phrase.next, phrase.on) = (lower, false);
                false
            }
        }
    }

    /// The most the member may score at `doc`, a document its walk stands on: its block's bound.
    pub fn bound_at(&mut self, doc: DocId) -> Score {
        match &mut self.blocks {
            Some(blocks) => blocks.at(doc).1.min(self.bound),
            None => self.bound,
        }
    }
}

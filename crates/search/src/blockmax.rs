//! Bounds on a member's score from the block-max data tantivy stores with the postings: for each block
//! of 128 documents, the term frequency and field length of its best document. Far tighter than the
//! bound for any segment (which takes the frequency as infinite), so [`crate::rank`] can leave more
//! members non-essential and skip whole blocks of the essential ones.
//!
//! A phrase occurs in a document no more often than its rarest term, and is scored with the same field
//! length, so the rarest term's blocks, scored with the phrase's weight, bound the phrase. As in
//! tantivy's own block-max WAND, the best document of a block was chosen with the segment's average
//! field length, which the searcher's average (used to score) differs from only slightly.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, TERMINATED, Term};

/// The blocks of a member's rarest term, walked forward.
pub(crate) struct Blocks {
    postings: BlockSegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
    /// The last document of the loaded block and the block's bound.
    last: DocId,
    max: Score,
}

impl Blocks {
    /// `None` when the member's terms are not in this segment.
    pub(crate) fn open(
        reader: &SegmentReader,
        bm25: &Bm25Weight,
        terms: &[Term],
    ) -> tantivy::Result<Option<Blocks>> {
        let Some(field) = terms.first().map(Term::field) else {
            return Ok(None);
        };
        let inverted = reader.inverted_index(field)?;
        let mut rarest: Option<(u32, &Term)> = None;
        for term in terms {
            let freq = inverted.doc_freq(term)?;
            if rarest.is_none_or(|(f, _)| freq < f) {
                rarest = Some((freq, term));
            }
        }
        let Some((_, term)) = rarest else {
            return Ok(None);
        };
        let Some(postings) = inverted.read_block_postings(term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        let mut blocks = Blocks {
            postings,
            fieldnorms: reader.get_fieldnorms_reader(field)?,
            bm25: bm25.clone(),
            last: TERMINATED,
            max: 0.0,
        };
        blocks.load();
        Ok(Some(blocks))
    }

    fn load(&mut self) {
        match self.postings.docs().last() {
            Some(&last) => {
                self.last = last;
                self.max = self.postings.block_max_score(&self.fieldnorms, &self.bm25);
            }
            None => {
                self.last = TERMINATED;
                self.max = 0.0;
            }
        }
    }

    /// The most the member scores in any document of this segment (reads every block once).
    pub(crate) fn segment_max(mut self) -> Score {
        let mut max: Score = 0.0;
        while self.last != TERMINATED {
            max = max.max(self.max);
            self.postings.advance();
            self.load();
        }
        max
    }

    /// The block holding `doc` (a document the member matches, so its rarest term too): its last
    /// document and the most the member scores up to it. Only moves forward.
    pub(crate) fn at(&mut self, doc: DocId) -> (DocId, Score) {
        if self.last == TERMINATED || doc > self.last {
            self.postings.seek(doc);
            self.load();
        }
        if self.last == TERMINATED {
            // Not found after all: no bound.
            return (TERMINATED, Score::INFINITY);
        }
        (self.last, self.max)
    }
}

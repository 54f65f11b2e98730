//! Newer items first among equals: a small bonus for how recent an item is, added to its relevance.
//! A catalogue holds the same kind of notice year after year (`2024年部门预算公开说明`,
//! `2025年部门预算公开说明`), and a citizen who types a fragment of it most often wants the current one.

use tantivy::collector::{Collector, TopDocs};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader};

use crate::schema::PUBLISHED_ON;

/// The largest bonus, for an item of the newest day in the index: about a tenth of a title word's score,
/// so it orders near-equal matches without lifting a weak match over a strong one.
pub(crate) const RECENCY_WEIGHT: Score = 0.5;
/// An item this many days older than the newest gets half the bonus.
const HALF_LIFE_DAYS: f32 = 365.0;

/// The newest publication day of the searched index: the reference every segment measures age from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Freshness {
    newest: i64,
}

impl Freshness {
    pub(crate) fn of(searcher: &Searcher) -> Freshness {
        let newest = searcher
            .segment_readers()
            .iter()
            .filter_map(|r| r.fast_fields().i64(PUBLISHED_ON).ok())
            .map(|c| c.max_value())
            .max()
            .unwrap_or_default();
        Freshness { newest }
    }

    pub(crate) fn segment(&self, reader: &SegmentReader) -> SegmentFreshness {
        SegmentFreshness {
            dates: reader.fast_fields().i64(PUBLISHED_ON).ok(),
            newest: self.newest,
        }
    }
}

pub(crate) struct SegmentFreshness {
    dates: Option<Column<i64>>,
    newest: i64,
}

impl SegmentFreshness {
    /// Between 0 and [`RECENCY_WEIGHT`]: the full bonus for the newest day, half for a year older.
    pub(crate) fn bonus(&self, doc: DocId) -> Score {
        let Some(day) = self.dates.as_ref().and_then(|c| c.first(doc)) else {
            return 0.0;
        };
        let age = (self.newest - day).max(0) as f32;
        RECENCY_WEIGHT / (1.0 + age / HALF_LIFE_DAYS)
    }
}

/// `top` ordered by relevance plus the recency bonus: the exhaustive path, ranked like [`crate::rank`].
pub(crate) fn top_docs(
    top: TopDocs,
    searcher: &Searcher,
) -> impl Collector<Fruit = Vec<(Score, DocAddress)>> + use<> {
    let fresh = Freshness::of(searcher);
    top.tweak_score(move |reader: &SegmentReader| {
        let segment = fresh.segment(reader);
        move |doc: DocId, score: Score| score + segment.bonus(doc)
    })
}

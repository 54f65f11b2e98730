//! Newer items first among equals: a small bonus for how recent an item is, added to its relevance.
//! A catalogue holds the same kind of notice year after year (`2024年部门预算公开说明`,
//! `2025年部门预算公开说明`), and a citizen who types a fragment of it most often wants the current one.

use std::sync::Arc;
use tantivy::collector::{Collector, TopDocs};

use tantivy::columnar::{Cardinality, Column, ColumnValues};
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
        let dates = reader.fast_fields().i64(PUBLISHED_ON).ok();
        // Every item has a date, so the column usually holds one value per document: read it directly,
        // without the optional index's lookup (the ranker asks for the bonus of every candidate).
        let every = dates
            .as_ref()
            .filter(|c| c.get_cardinality() == Cardinality::Full)
            .map(|c| c.values.clone());
        SegmentFreshness {
            dates,
            every,
            newest: self.newest,
        }
    }
}

pub(crate) struct SegmentFreshness {
    dates: Option<Column<i64>>,
    every: Option<Arc<dyn ColumnValues<i64>>>,
    newest: i64,
}

impl SegmentFreshness {
    /// Between 0 and [`RECENCY_WEIGHT`]: the full bonus for the newest day, half for a year older.
    pub(crate) fn bonus(&self, doc: DocId) -> Score {
        let day = match &self.every {
            Some(values) => Some(values.get_val(doc)),
            None => self.dates.as_ref().and_then(|c| c.first(doc)),
        };
        let Some(day) = day else {
            return 0.0;
        };
        let age = (self.newest - day).max(0) as f32;
        RECENCY_WEIGHT / (1.0 + age / HALF_LIFE_DAYS)
    }
}

impl SegmentFreshness {
    /// The documents from `from` (ascending, below `max_doc`) whose bonus may exceed `at_least`: those
    /// published on or after the day that bonus requires. `None` without dates.
    pub(crate) fn docs_above(
        &self,
        at_least: Score,
        from: DocId,
        max_doc: DocId,
    ) -> Option<Vec<DocId>> {
        let dates = self.dates.as_ref()?;
        // bonus > b ⟺ age < HALF_LIFE · (WEIGHT / b − 1); one day of slack for rounding.
        let age = if at_least <= 0.0 {
            f32::INFINITY
        } else {
            HALF_LIFE_DAYS * (RECENCY_WEIGHT / at_least - 1.0)
        };
        let oldest = if age.is_finite() {
            self.newest - age.max(0.0).ceil() as i64 - 1
        } else {
            i64::MIN
        };
        let mut docs = Vec::new();
        dates.get_docids_for_value_range(oldest..=i64::MAX, from..max_doc, &mut docs);
        Some(docs)
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

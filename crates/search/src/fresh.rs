//! Newer items first among equals: a small bonus for how recent an item is, added to its relevance.
//! A catalogue holds the same kind of notice year after year (`2024年部门预算公开说明`,
//! `2025年部门预算公开说明`), and a citizen who types a fragment of it most often wants the current one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, TopDocs};

use tantivy::columnar::{Cardinality, Column, ColumnValues};
use tantivy::index::SegmentId;
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
            bonuses: None,
        }
    }

    /// Like [`Freshness::segment`], with every document's bonus read from `cache` (computed there on
    /// the first search of the segment since the newest day changed).
    pub(crate) fn segment_cached(
        &self,
        reader: &SegmentReader,
        cache: &Bonuses,
    ) -> SegmentFreshness {
        let mut segment = self.segment(reader);
        segment.bonuses = cache.get(self.newest, reader, &segment);
        segment
    }
}

/// Each segment's bonus for every document, kept between searches: the ranker asks for the bonus of
/// nearly every candidate of a query whose matches differ only by date (`局关于` in thousands of
/// titles), and reading the date column and dividing took a fifth of such a search. 4 bytes a
/// document (4 MB for a million items); dropped when the newest day changes, and segments merged away
/// are dropped when the next segment is computed.
#[derive(Default)]
pub(crate) struct Bonuses {
    cache: Mutex<(i64, PerSegment)>,
}

/// Each segment's bonuses, for one newest day.
type PerSegment = HashMap<SegmentId, Arc<[Score]>>;

impl Bonuses {
    fn get(
        &self,
        newest: i64,
        reader: &SegmentReader,
        segment: &SegmentFreshness,
    ) -> Option<Arc<[Score]>> {
        let id = reader.segment_id();
        {
            let mut cache = self.cache.lock().ok()?;
            if cache.0 != newest {
                *cache = (newest, HashMap::new());
            }
            if let Some(bonuses) = cache.1.get(&id) {
                return Some(bonuses.clone());
            }
        }
        let bonuses: Arc<[Score]> = (0..reader.max_doc()).map(|d| segment.bonus(d)).collect();
        let mut cache = self.cache.lock().ok()?;
        if cache.0 == newest {
            // Bounded: a merge leaves the old segments' entries behind.
            if cache.1.len() >= MAX_CACHED_SEGMENTS {
                cache.1.clear();
            }
            cache.1.insert(id, bonuses.clone());
        }
        Some(bonuses)
    }
}

/// More segments than an index holds at once (tantivy's merge policy keeps a few dozen).
const MAX_CACHED_SEGMENTS: usize = 256;

pub(crate) struct SegmentFreshness {
    dates: Option<Column<i64>>,
    every: Option<Arc<dyn ColumnValues<i64>>>,
    newest: i64,
    /// Every document's bonus, when cached.
    bonuses: Option<Arc<[Score]>>,
}

impl SegmentFreshness {
    /// Between 0 and [`RECENCY_WEIGHT`]: the full bonus for the newest day, half for a year older.
    pub(crate) fn bonus(&self, doc: DocId) -> Score {
        if let Some(bonus) = self.bonuses.as_ref().and_then(|b| b.get(doc as usize)) {
            return *bonus;
        }
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

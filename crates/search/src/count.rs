//! Counting a text query's matches up to [`crate::TOTAL_CAP`]: exactly below it, and cheaply when a part
//! of the query already reaches it.

use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Searcher, SeekDangerResult, SegmentReader, TERMINATED};

use crate::query::{self, Member, Plan};

/// Counts the matches of one segment into `counted`, shared by the segments searched in parallel, and
/// stops once it exceeds `cap`.
pub(crate) fn count_capped(
    weight: &dyn Weight,
    reader: &SegmentReader,
    counted: &AtomicUsize,
    cap: usize,
) -> tantivy::Result<()> {
    const BATCH: usize = 256;
    if counted.load(AtomicOrdering::Relaxed) > cap {
        // Other segments already counted past the cap: making this one's scorer (phrases load their
        // postings) would be wasted.
        return Ok(());
    }
    let mut scorer = weight.scorer(reader, 1.0)?;
    let alive = reader.alive_bitset();
    let mut local = 0usize;
    let mut doc = scorer.doc();
    while doc != TERMINATED {
        if alive.is_none_or(|a| a.is_alive(doc)) {
            local += 1;
            if local == BATCH {
                if counted.fetch_add(local, AtomicOrdering::Relaxed) + local > cap {
                    return Ok(());
                }
                local = 0;
            }
        }
        doc = scorer.advance();
    }
    counted.fetch_add(local, AtomicOrdering::Relaxed);
    Ok(())
}

/// Smaller conjunctions of the plan, each matching a subset of the query's matches with fewer positions
/// read, cheapest first: when one alone reaches the cap, so does the query, and counting is done.
/// 1. Each group's term members (the phrases and fragments of several characters left out), or when it
///    has none, its one phrase whose rarest term is the most frequent.
/// 2. Each group's members in the title (words and fragments): short fields, cheap positions, and where
///    a fragment typed from a title is most often found (`民政府办公`, whose words no item holds as
///    words).
///
/// Empty when the query has no phrase (nothing is cheaper to count than the whole), or when neither is
/// smaller than it.
pub(crate) fn cheap_count_queries(
    searcher: &Searcher,
    plan: &Plan,
) -> tantivy::Result<Vec<Box<dyn Query>>> {
    let mut queries = Vec::new();
    if plan.groups.iter().flatten().all(|m| m.bound.len() == 1) {
        // No positions to read: the whole query is as cheap to count as any part of it.
        return Ok(queries);
    }
    if let Some(kept) = terms_first(searcher, plan)? {
        queries.push(conjunction(plan, kept));
    }
    if let Some(kept) = in_title(searcher, plan) {
        queries.push(conjunction(plan, kept));
    }
    Ok(queries)
}

/// The groups reduced to the kept members, and the filters.
fn conjunction(plan: &Plan, kept: Vec<Vec<Member>>) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = kept
        .iter()
        .map(|members| (Occur::Must, query::either(members)))
        .collect();
    clauses.extend(plan.filters.iter().map(|f| (Occur::Must, f.box_clone())));
    Box::new(BooleanQuery::new(clauses))
}

fn terms_first(searcher: &Searcher, plan: &Plan) -> tantivy::Result<Option<Vec<Vec<Member>>>> {
    let mut groups = Vec::new();
    let mut smaller = false;
    for group in &plan.groups {
        let mut kept: Vec<Member> = group
            .iter()
            .filter(|m| m.bound.len() == 1)
            .map(Member::clone)
            .collect();
        if kept.is_empty() {
            let mut best: Option<(u64, &Member)> = None;
            for m in group {
                let mut rarest = u64::MAX;
                for term in &m.bound {
                    rarest = rarest.min(searcher.doc_freq(term)?);
                }
                if best.is_none_or(|(f, _)| rarest > f) {
                    best = Some((rarest, m));
                }
            }
            kept.extend(best.map(|(_, m)| m.clone()));
        }
        smaller |= kept.len() < group.len();
        groups.push(kept);
    }
    Ok(smaller.then_some(groups))
}

fn in_title(searcher: &Searcher, plan: &Plan) -> Option<Vec<Vec<Member>>> {
    let schema = searcher.schema();
    let mut groups = Vec::new();
    let mut smaller = false;
    for group in &plan.groups {
        let kept: Vec<Member> = group
            .iter()
            .filter(|m| {
                m.bound
                    .first()
                    .is_some_and(|t| TITLE_FIELDS.contains(&schema.get_field_name(t.field())))
            })
            .map(Member::clone)
            .collect();
        if kept.is_empty() {
            return None;
        }
        smaller |= kept.len() < group.len();
        groups.push(kept);
    }
    smaller.then_some(groups)
}

/// The fields of the title: its words and its bigrams.
const TITLE_FIELDS: [&str; 2] = ["title", "title_ng"];

/// The query's members for counting with filters: driven by the rarest filter, each document is checked
/// against the other filters and then each group, its term members before its phrases, so a phrase's
/// positions are read only for a document no term of its group matched (tantivy's intersection seeks
/// every member of the union, phrases included, for every document of the filter).
pub(crate) struct Lazy {
    filters: Vec<Box<dyn Weight>>,
    groups: Vec<LazyGroup>,
}

struct LazyGroup {
    terms: Vec<Box<dyn Weight>>,
    /// The run of several words: each word in any of its fields.
    words: Vec<Vec<Box<dyn Weight>>>,
    phrases: Vec<Box<dyn Weight>>,
}

struct LazyScorers {
    terms: Vec<Box<dyn Scorer>>,
    words: Vec<Vec<Box<dyn Scorer>>>,
    phrases: Vec<Phrase>,
}

/// A phrase checked at given documents only: tantivy's `seek_danger` reads its positions at the document
/// asked about and nowhere else, where `seek` would read every candidate up to the next match (documents
/// the filter already ruled out).
struct Phrase {
    scorer: Box<dyn Scorer>,
    /// No document before this one can match; the scorer may be asked about it or any later one.
    next: DocId,
}

impl Phrase {
    fn new(scorer: Box<dyn Scorer>) -> Self {
        // A new scorer stands on its first match: nothing before it matches.
        let next = scorer.doc();
        Phrase { scorer, next }
    }

    fn at(&mut self, doc: DocId) -> bool {
        if doc < self.next || self.next == TERMINATED {
            return false;
        }
        match self.scorer.seek_danger(doc) {
            SeekDangerResult::Found => {
                self.next = doc + 1;
                true
            }
            SeekDangerResult::SeekLowerBound(lower) => {
                self.next = lower;
                false
            }
        }
    }
}

impl Lazy {
    /// `None` without filters: the whole query is then counted by tantivy.
    pub(crate) fn new(searcher: &Searcher, plan: &Plan) -> tantivy::Result<Option<Lazy>> {
        if plan.filters.is_empty() {
            return Ok(None);
        }
        let off = EnableScoring::disabled_from_searcher(searcher);
        let mut groups = Vec::new();
        for group in &plan.groups {
            let mut g = LazyGroup {
                terms: Vec::new(),
                words: Vec::new(),
                phrases: Vec::new(),
            };
            for m in group {
                let weight = m.finding().weight(off)?;
                match m.word {
                    Some(w) => {
                        if g.words.len() <= w {
                            g.words.resize_with(w + 1, Vec::new);
                        }
                        g.words[w].push(weight);
                    }
                    None if m.bound.len() == 1 => g.terms.push(weight),
                    None => g.phrases.push(weight),
                }
            }
            groups.push(g);
        }
        let filters = plan
            .filters
            .iter()
            .map(|f| f.weight(off))
            .collect::<tantivy::Result<_>>()?;
        Ok(Some(Lazy { filters, groups }))
    }

    /// Counts one segment's matches into `counted`, stopping once it exceeds `cap`.
    pub(crate) fn count(
        &self,
        reader: &SegmentReader,
        counted: &AtomicUsize,
        cap: usize,
    ) -> tantivy::Result<()> {
        let scorers = |weights: &[Box<dyn Weight>]| -> tantivy::Result<Vec<Box<dyn Scorer>>> {
            weights.iter().map(|w| w.scorer(reader, 1.0)).collect()
        };
        let mut filters = scorers(&self.filters)?;
        filters.sort_by_key(|f| f.size_hint());
        let mut groups = Vec::new();
        for g in &self.groups {
            groups.push(LazyScorers {
                terms: scorers(&g.terms)?,
                words: g
                    .words
                    .iter()
                    .map(|w| scorers(w))
                    .collect::<tantivy::Result<_>>()?,
                phrases: scorers(&g.phrases)?.into_iter().map(Phrase::new).collect(),
            });
        }
        let Some((lead, others)) = filters.split_first_mut() else {
            return Ok(());
        };
        let alive = reader.alive_bitset();
        let mut local = 0usize;
        let mut doc = lead.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc))
                && others.iter_mut().all(|f| at(f, doc))
                && groups.iter_mut().all(|g| g.matches(doc))
            {
                local += 1;
                if local == 256 {
                    if counted.fetch_add(local, AtomicOrdering::Relaxed) + local > cap {
                        return Ok(());
                    }
                    local = 0;
                }
            }
            doc = lead.advance();
        }
        counted.fetch_add(local, AtomicOrdering::Relaxed);
        Ok(())
    }
}

impl LazyScorers {
    fn matches(&mut self, doc: DocId) -> bool {
        self.terms.iter_mut().any(|s| at(s, doc))
            || (!self.words.is_empty()
                && self
                    .words
                    .iter_mut()
                    .all(|w| w.iter_mut().any(|s| at(s, doc))))
            || self.phrases.iter_mut().any(|p| p.at(doc))
    }
}

/// Whether `scorer` matches `doc`, moving it forward (never back) to see.
fn at(scorer: &mut Box<dyn Scorer>, doc: DocId) -> bool {
    if scorer.doc() < doc {
        scorer.seek(doc);
    }
    scorer.doc() == doc
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use tantivy::DocAddress;
    use tantivy::collector::DocSetCollector;

    use crate::query::{self, SearchQuery};
    use crate::schema;

    /// Counting stops as soon as a smaller query reaches the cap, which is only right when each one
    /// matches a subset of the whole query's matches.
    #[test]
    fn every_smaller_count_query_matches_a_subset_of_the_query() {
        let index = crate::rank::tests::index();
        let searcher = index.reader.searcher();
        let mut seen_title_stage = false;
        for text in [
            "资源预算",
            "州市关",
            "州市关于耕地",
            "安全生产 检查",
            "\"通知 管理\" 预算",
        ] {
            let q = SearchQuery {
                text: Some(text.into()),
                ..SearchQuery::default()
            };
            let built = query::build(
                &index.fields,
                &mut schema::analyzer(),
                &mut crate::analysis::bigrams().expect("bigrams"),
                &q,
            );
            let plan = built.plan.as_ref().expect("plan");
            let whole: HashSet<DocAddress> = searcher
                .search(&*built.query, &DocSetCollector)
                .expect("whole query");
            assert!(!whole.is_empty(), "{text:?}: the test needs matches");
            let smaller = super::cheap_count_queries(&searcher, plan).expect("smaller queries");
            seen_title_stage |= smaller.len() == 2;
            for q in smaller {
                let docs = searcher
                    .search(&*q, &DocSetCollector)
                    .expect("smaller query");
                assert!(
                    docs.is_subset(&whole),
                    "{text:?}: {q:?} matches more than the query"
                );
            }
        }
        assert!(seen_title_stage, "some query must have a title-only stage");
    }
}

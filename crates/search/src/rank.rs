//! Ranking a text query with pruning, and counting its matches up to a cap.
//!
//! tantivy prunes (block-max WAND) only a flat union or intersection of term queries, and ours is a
//! conjunction of groups (each word or phrase: title ×3 OR body) plus filters, so it would score every
//! match, and check the positions of every phrase candidate. Here the same scores are ranked with
//! MaxScore: each member (a word or phrase in one field) has an upper bound on its score; once the
//! page's candidates are known, the members whose bounds together cannot beat the weakest of them are
//! "non-essential": a document is only considered when an essential member matches it, and the
//! others are consulted (positions included) only while the document can still make the page. With
//! the title's ×3 boost the candidates soon come from the short title postings alone.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use tantivy::query::{Bm25Weight, EnableScoring, Query, Scorer, Weight};
use tantivy::{DocAddress, DocSet, Score, Searcher, SegmentReader, TERMINATED};

use crate::fresh::{Freshness, RECENCY_WEIGHT, SegmentFreshness};
use crate::query::Plan;

/// Matches are counted exactly up to this many; beyond it `total` is this cap and marked as a lower
/// bound (the page shows "10,000+"), which spares counting hundreds of thousands of matches.
pub const TOTAL_CAP: usize = 10_000;

/// Groups are tracked in a bit mask.
const MAX_GROUPS: usize = 64;

/// Counts the matches of one segment into `counted`, shared by the segments searched in parallel, and
/// stops once it exceeds `cap`.
fn count_capped(
    weight: &dyn Weight,
    reader: &SegmentReader,
    counted: &AtomicUsize,
    cap: usize,
) -> tantivy::Result<()> {
    const BATCH: usize = 256;
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

/// What [`search`] found: the best documents, best first, and the (capped) number of matches.
pub(crate) struct Ranked {
    pub top: Vec<(Score, DocAddress)>,
    pub total: usize,
    /// More than [`TOTAL_CAP`] matched; `total` is the cap.
    pub capped: bool,
}

/// The best `limit` documents of the plan's conjunction, best first (ties: lower address first, as
/// tantivy's `TopDocs` orders them), and the number of matches of `query` (the plan's query) counted up
/// to [`TOTAL_CAP`]. Segments are searched in parallel on the index's executor. `None` when the plan has
/// more groups than this ranker tracks.
pub(crate) fn search(
    searcher: &Searcher,
    plan: &Plan,
    query: &dyn Query,
    limit: usize,
) -> tantivy::Result<Option<Ranked>> {
    let groups = plan.groups.len() + plan.filters.len();
    if groups > MAX_GROUPS || limit == 0 {
        return Ok(None);
    }
    let counting = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let mut members: Vec<PlannedMember> = Vec::new();
    for (g, group) in plan.groups.iter().enumerate() {
        for m in group {
            let mut bound: Score = 0.0;
            for (terms, boost) in &m.bounds {
                bound += Bm25Weight::for_terms(searcher, terms)?
                    .boost_by(boost * m.boost)
                    .max_score();
            }
            members.push(PlannedMember {
                weight: m.query.weight(scoring)?,
                boost: m.boost,
                bound,
                group: g,
                scored: true,
            });
        }
    }
    let disabled = EnableScoring::disabled_from_searcher(searcher);
    for (i, f) in plan.filters.iter().enumerate() {
        members.push(PlannedMember {
            weight: f.weight(disabled)?,
            boost: 1.0,
            bound: 0.0,
            group: plan.groups.len() + i,
            scored: false,
        });
    }
    // Lowest bound first: the non-essential members are a prefix.
    members.sort_by(|a, b| a.bound.total_cmp(&b.bound));
    let all: u64 = if groups == 64 {
        u64::MAX
    } else {
        (1u64 << groups) - 1
    };
    let counted = AtomicUsize::new(0);
    let fresh = Freshness::of(searcher);
    let per_segment = searcher.index().search_executor().map(
        |(ord, reader): (usize, &SegmentReader)| {
            count_capped(&*counting, reader, &counted, TOTAL_CAP)?;
            let mut top = Top::new(limit);
            let fresh = fresh.segment(reader);
            segment(&members, all, reader, &fresh, ord as u32, &mut top)?;
            Ok(top)
        },
        searcher.segment_readers().iter().enumerate(),
    )?;
    let mut top = Top::new(limit);
    for candidate in per_segment.into_iter().flat_map(|t| t.heap) {
        top.push(candidate.0, candidate.1);
    }
    let total = counted.into_inner();
    Ok(Some(Ranked {
        top: top.into_sorted(),
        total: total.min(TOTAL_CAP),
        capped: total > TOTAL_CAP,
    }))
}

struct PlannedMember {
    weight: Box<dyn Weight>,
    boost: f32,
    bound: Score,
    group: usize,
    scored: bool,
}

struct Live {
    scorer: Box<dyn Scorer>,
    bit: u64,
    scored: bool,
}

fn segment(
    members: &[PlannedMember],
    all: u64,
    reader: &SegmentReader,
    fresh: &SegmentFreshness,
    segment_ord: u32,
    top: &mut Top,
) -> tantivy::Result<()> {
    let mut live: Vec<Live> = Vec::with_capacity(members.len());
    // prefix[i]: the sum of the bounds of members[..i].
    let mut prefix: Vec<Score> = Vec::with_capacity(members.len() + 1);
    prefix.push(0.0);
    let mut present = 0u64;
    for m in members {
        let scorer = m.weight.scorer(reader, m.boost)?;
        if scorer.doc() != TERMINATED {
            present |= 1 << m.group;
        }
        live.push(Live {
            scorer,
            bit: 1 << m.group,
            scored: m.scored,
        });
        prefix.push(prefix[prefix.len() - 1] + m.bound);
    }
    if present != all {
        // Some word or filter matches nothing in this segment.
        return Ok(());
    }
    let alive = reader.alive_bitset();
    // A document that matches only non-essential members also gets at most the recency bonus.
    let non_essential = |threshold: Option<Score>| match threshold {
        None => 0,
        Some(t) => prefix
            .iter()
            .skip(1)
            .take_while(|&&p| p + RECENCY_WEIGHT <= t)
            .count(),
    };
    let mut ne = non_essential(top.threshold());
    loop {
        let doc = live[ne..]
            .iter()
            .map(|l| l.scorer.doc())
            .min()
            .unwrap_or(TERMINATED);
        if doc == TERMINATED {
            break;
        }
        let mut score: Score = fresh.bonus(doc);
        let mut matched = 0u64;
        for l in &mut live[ne..] {
            if l.scorer.doc() == doc {
                if l.scored {
                    score += l.scorer.score();
                }
                matched |= l.bit;
            }
        }
        let threshold = top.threshold();
        // Score-free filters first: cheap, and often what rules the document out.
        let mut possible = true;
        for l in live[..ne].iter_mut().filter(|l| !l.scored) {
            if l.scorer.doc() < doc {
                l.scorer.seek(doc);
            }
            if l.scorer.doc() == doc {
                matched |= l.bit;
            } else {
                possible = false;
                break;
            }
        }
        for i in (0..ne).rev().filter(|_| possible) {
            if !live[i].scored {
                continue;
            }
            if threshold.is_some_and(|t| score + prefix[i + 1] <= t) {
                possible = false;
                break;
            }
            let l = &mut live[i];
            if l.scorer.doc() < doc {
                l.scorer.seek(doc);
            }
            if l.scorer.doc() == doc {
                score += l.scorer.score();
                matched |= l.bit;
            }
        }
        if possible
            && matched == all
            && threshold.is_none_or(|t| score > t)
            && alive.is_none_or(|a| a.is_alive(doc))
        {
            top.push(score, DocAddress::new(segment_ord, doc));
        }
        for l in &mut live[ne..] {
            if l.scorer.doc() == doc {
                l.scorer.advance();
            }
        }
        ne = non_essential(top.threshold());
    }
    Ok(())
}

/// A candidate; `Ord` puts the worse one first so the heap's top is the weakest kept.
#[derive(Clone, Copy, PartialEq)]
struct Candidate(Score, DocAddress);

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Greater = worse: a lower score, or the same score at a later address.
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| self.1.cmp(&other.1))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

struct Top {
    limit: usize,
    heap: BinaryHeap<Candidate>,
}

impl Top {
    fn new(limit: usize) -> Top {
        Top {
            limit,
            heap: BinaryHeap::with_capacity(limit + 1),
        }
    }

    /// The score a document must exceed to be kept, once `limit` are held.
    fn threshold(&self) -> Option<Score> {
        (self.heap.len() >= self.limit)
            .then(|| self.heap.peek().map(|c| c.0))
            .flatten()
    }

    fn push(&mut self, score: Score, address: DocAddress) {
        self.heap.push(Candidate(score, address));
        if self.heap.len() > self.limit {
            self.heap.pop();
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        // Ascending by "worse" is best first.
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|c| (c.0, c.1))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;

    use crate::index::{IndexedItem, SearchIndex};
    use crate::query::{self, SearchQuery};
    use crate::schema;

    const WORDS: [&str; 10] = [
        "公共资源",
        "交易",
        "政府采购",
        "预算",
        "安全生产",
        "检查",
        "耕地",
        "保护",
        "通知",
        "管理",
    ];

    /// Items with varied titles and bodies, so scores differ by field, length and frequency.
    fn index() -> SearchIndex {
        let index = SearchIndex::in_memory().expect("index");
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let items: Vec<IndexedItem> = (0..400)
            .map(|i| {
                let title: String = (0..1 + next(4)).map(|_| WORDS[next(10)]).collect();
                let body: Vec<&str> = (0..3 + next(30)).map(|_| WORDS[next(10)]).collect();
                IndexedItem {
                    index_no: format!("R-{i}"),
                    agency: 1 + next(5) as i64,
                    title: format!("孟州市关于{title}的通知"),
                    body: body.join("，"),
                    category: format!("a20_0{}", next(3)),
                    year: 2020,
                    validity: "valid".into(),
                    published_on: i as i64,
                    attachments: Vec::new(),
                    ..IndexedItem::default()
                }
            })
            .collect();
        index.bulk(items).expect("bulk");
        index
    }

    #[test]
    fn pruned_ranking_matches_scoring_every_match() {
        let index = index();
        let searcher = index.reader.searcher();
        let queries = [
            "通知",
            "安全生产 检查",
            "公共资源 交易 预算",
            "\"公共资源交易\"",
            "\"政府采购\" 管理",
        ];
        for text in queries {
            for (category, limit) in [(None, 5), (None, 60), (Some("a20_01"), 7)] {
                let q = SearchQuery {
                    text: Some(text.into()),
                    category: category.map(str::to_string),
                    ..SearchQuery::default()
                };
                let built = query::build(
                    &index.fields,
                    &mut schema::analyzer(),
                    &mut crate::analysis::bigrams().expect("bigrams"),
                    &q,
                );
                let plan = built.plan.as_ref().expect("plan");
                let ranked = super::search(&searcher, plan, &*built.query, limit)
                    .expect("search")
                    .expect("ranked");
                let (total, exhaustive) = searcher
                    .search(
                        &*built.query,
                        &(
                            tantivy::collector::Count,
                            crate::fresh::top_docs(TopDocs::with_limit(limit), &searcher),
                        ),
                    )
                    .expect("tantivy search");
                assert!(total > 0, "{text:?}: the test needs matches");
                assert_eq!((ranked.total, ranked.capped), (total, false), "{text:?}");
                assert_eq!(ranked.top.len(), exhaustive.len(), "{text:?} {limit}");
                for (got, want) in ranked.top.iter().zip(&exhaustive) {
                    assert!(
                        (got.0 - want.0).abs() <= 1e-4 * want.0.abs().max(1.0),
                        "{text:?} {limit}: {ranked:?} vs {exhaustive:?}",
                        ranked = ranked.top,
                    );
                }
            }
        }
    }
}

//! Ranking a text query with pruning, and counting its matches up to a cap.
//!
//! tantivy prunes (block-max WAND) only a flat union or intersection of term queries, and ours is a
//! conjunction of groups (each word or phrase: title ×3 OR body OR its fragments) plus filters, so it
//! would score every match, and check the positions of every phrase candidate. Here the same scores are
//! ranked with MaxScore: each member (a word, phrase or fragment in one field) has an upper bound on its
//! score; once the page's candidates are known, the members whose bounds together cannot beat the
//! weakest of them are "non-essential": a document is only considered when an essential member matches
//! it, and the others are consulted (positions included) only while the document can still make the
//! page. With the title's ×3 boost the candidates soon come from the short title postings alone. The
//! segments, searched in parallel, share the best threshold reached ([`Floor`]).

use std::sync::atomic::AtomicUsize;

use tantivy::query::{Bm25Weight, BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Searcher, SegmentReader, Term};

use crate::count::{Lazy, cheap_count_queries, count_capped};
use crate::fresh::{Bonuses, Freshness};
use crate::query::Plan;
use crate::segment::{Need, PlannedMember, Segment};
use crate::top::{Floor, Top};

/// Matches are counted exactly up to this many; beyond it `total` is this cap and marked as a lower
/// bound (the page shows "10,000+"), which spares counting hundreds of thousands of matches.
pub const TOTAL_CAP: usize = 10_000;

/// Members (and filters) are tracked in a bit mask.
const MAX_MEMBERS: usize = 128;

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
/// more members than this ranker tracks.
pub(crate) fn search(
    searcher: &Searcher,
    plan: &Plan,
    query: &dyn Query,
    limit: usize,
    bonuses: &Bonuses,
) -> tantivy::Result<Option<Ranked>> {
    let count = plan.groups.iter().map(Vec::len).sum::<usize>() + plan.filters.len();
    if count > MAX_MEMBERS || limit == 0 {
        return Ok(None);
    }
    let counting = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let disabled = EnableScoring::disabled_from_searcher(searcher);
    let mut members: Vec<PlannedMember> = Vec::new();
    let mut needs: Vec<Need> = Vec::new();
    for (g, group) in plan.groups.iter().enumerate() {
        let mut need = Need {
            any: 0,
            words: Vec::new(),
        };
        for m in group {
            let bit = 1u128 << members.len();
            match m.word {
                None => need.any |= bit,
                Some(w) => {
                    if need.words.len() <= w {
                        need.words.resize(w + 1, 0);
                    }
                    need.words[w] |= bit;
                }
            }
            let bm25 = Bm25Weight::for_terms(searcher, &m.bound)?.boost_by(m.boost);
            let terms = match m.bound.as_slice() {
                [_, _, ..] => Some(all_terms(&m.holds).weight(disabled)?),
                _ => None,
            };
            members.push(PlannedMember {
                weight: m.query.weight(scoring)?,
                terms,
                boost: m.boost,
                bound: bm25.max_score(),
                // The block bounds read the field's own lengths: only the terms of the member's field.
                bm25: Some((bm25, same_field(&m.bound, &m.holds))),
                bit,
                group: g,
                scored: true,
                in_words: m.word.is_some(),
            });
        }
        needs.push(need);
    }
    for f in &plan.filters {
        let bit = 1u128 << members.len();
        members.push(PlannedMember {
            weight: f.weight(disabled)?,
            terms: None,
            boost: 1.0,
            bound: 0.0,
            bm25: None,
            bit,
            group: needs.len(),
            scored: false,
            in_words: false,
        });
        needs.push(Need {
            any: bit,
            words: Vec::new(),
        });
    }
    let mut cheap = Vec::new();
    for q in cheap_count_queries(searcher, plan)? {
        cheap.push(q.weight(disabled)?);
    }
    let counted = AtomicUsize::new(0);
    let fresh = Freshness::of(searcher);
    let floor = Floor::new();
    let per_segment = searcher.index().search_executor().map(
        |(ord, reader): (usize, &SegmentReader)| {
            count_capped(
                cheap.first().map_or(&*counting, |w| &**w),
                reader,
                &counted,
                TOTAL_CAP,
            )?;
            let mut top = Top::new(limit);
            let mut s = Segment {
                needs: &needs,
                fresh: fresh.segment_cached(reader, bonuses),
                ord: ord as u32,
                top: &mut top,
                floor: &floor,
                unknown: Vec::new(),
            };
            s.rank(&members, reader)?;
            Ok(top)
        },
        searcher.segment_readers().iter().enumerate(),
    )?;
    let mut top = Top::new(limit);
    for t in per_segment {
        top.merge(t);
    }
    let mut total = counted.into_inner();
    for smaller in cheap.iter().skip(1) {
        if total > TOTAL_CAP {
            break;
        }
        // Fewer than the cap without the phrases: the next smaller query may reach it.
        let counted = AtomicUsize::new(0);
        searcher.index().search_executor().map(
            |reader: &SegmentReader| count_capped(&**smaller, reader, &counted, TOTAL_CAP),
            searcher.segment_readers().iter(),
        )?;
        total = total.max(counted.into_inner());
    }
    if !cheap.is_empty() && total <= TOTAL_CAP {
        // Fewer than the cap with every smaller query: count the whole query, driven by a filter if
        // any.
        let counted = AtomicUsize::new(0);
        let lazy = Lazy::new(searcher, plan)?;
        searcher.index().search_executor().map(
            |reader: &SegmentReader| match &lazy {
                Some(lazy) => lazy.count(reader, &counted, TOTAL_CAP),
                None => count_capped(&*counting, reader, &counted, TOTAL_CAP),
            },
            searcher.segment_readers().iter(),
        )?;
        total = counted.into_inner();
    }
    Ok(Some(Ranked {
        top: top.into_sorted(),
        total: total.min(TOTAL_CAP),
        capped: total > TOTAL_CAP,
    }))
}

/// The terms of `holds` in the field of `bound`.
fn same_field(bound: &[Term], holds: &[Term]) -> Vec<Term> {
    let field = bound.first().map(Term::field);
    holds
        .iter()
        .filter(|t| Some(t.field()) == field)
        .cloned()
        .collect()
}

/// The documents holding every term of a phrase: its matches and more, found without reading positions.
fn all_terms(terms: &[Term]) -> BooleanQuery {
    BooleanQuery::new(
        terms
            .iter()
            .map(|t| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(t.clone(), IndexRecordOption::Basic));
                (Occur::Must, q)
            })
            .collect(),
    )
}

#[cfg(test)]
pub(crate) mod tests {
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
    pub(crate) fn index() -> SearchIndex {
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
            // Fragments across words, whose lead (the fragment and the rarest word) is walked.
            "资源预算",
            "州市关于耕地",
            "生产检查 保护",
            // A run of words one of which no item holds as a word (`关`): only the fragment matches.
            "州市关",
            "关于耕",
            "的通",
            // A phrase whose words many items hold apart and few together.
            "\"通知 管理\"",
            "\"预算 耕地\" 交易",
        ];
        let one_agency = Some(vec![3]);
        for text in queries {
            for (category, agencies, limit) in [
                (None, None, 5),
                (None, None, 60),
                (Some("a20_01"), None, 7),
                // A filter of one agency in five: the cheapest group, which leads until the page is full.
                (None, one_agency.clone(), 8),
            ] {
                let q = SearchQuery {
                    text: Some(text.into()),
                    category: category.map(str::to_string),
                    agencies,
                    ..SearchQuery::default()
                };
                let built = query::build(
                    &index.fields,
                    &mut schema::analyzer(),
                    &mut crate::analysis::bigrams().expect("bigrams"),
                    &q,
                );
                let plan = built.plan.as_ref().expect("plan");
                let ranked = super::search(&searcher, plan, &*built.query, limit, &index.bonuses)
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

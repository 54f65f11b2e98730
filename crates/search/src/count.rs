//! Counting a text query's matches up to [`crate::TOTAL_CAP`]: exactly below it, and cheaply when a part
//! of the query already reaches it.

use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use tantivy::query::{BooleanQuery, Occur, Query, Weight};
use tantivy::{DocSet, Searcher, SegmentReader, TERMINATED};

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

/// The plan's conjunction with fewer members per group: its term members when it has some (the phrases
/// and fragments of several characters left out), else its one phrase whose rarest term is the most
/// frequent. `None` when that is the whole query. It matches a subset of the query's matches, found
/// with fewer positions read: when it alone reaches the cap, so does the query, and counting is done.
pub(crate) fn cheap_count_query(
    searcher: &Searcher,
    plan: &Plan,
) -> tantivy::Result<Option<Box<dyn Query>>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
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
        clauses.push((Occur::Must, query::either(&kept)));
    }
    if !smaller {
        return Ok(None);
    }
    clauses.extend(plan.filters.iter().map(|f| (Occur::Must, f.box_clone())));
    Ok(Some(Box::new(BooleanQuery::new(clauses))))
}

//! One segment of a search ranked with MaxScore (see [`crate::rank`]): the members' bounds in this
//! segment, the essential members' documents as candidates, whole blocks skipped where their block-max
//! bounds cannot beat the threshold, and the recency bonus driving the candidates once only it can.
//!
//! Three things keep a query of common characters (`镇人民政`, `关于进一步加`) cheap at a million items:
//! - candidates come only from the members every match must hit (the lead: a group's fragments and
//!   its rarest word), never from the union of every word's postings;
//! - a phrase walks the documents holding all its terms and reads its positions only at a candidate
//!   that can still make the page, after the cheaper words were consulted (see [`crate::live`]);
//! - a run of words one of which this segment never holds is dropped: it cannot match.

use tantivy::query::{Bm25Weight, Scorer, Weight};
use tantivy::{
    DocAddress, DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, Term,
};

use crate::blockmax::Blocks;
use crate::fresh::{RECENCY_WEIGHT, SegmentFreshness};
use crate::live::{Live, Phrase};
use crate::top::{Floor, Top};
use crate::walk::{Walk, skippable};

pub(crate) use crate::need::Need;

pub(crate) struct PlannedMember {
    pub weight: Box<dyn Weight>,
    /// For a phrase: the conjunction of its terms, without positions (see [`crate::live`]).
    pub terms: Option<Box<dyn Weight>>,
    pub boost: f32,
    /// tantivy's bound, for any segment: the term frequency taken as infinite.
    pub bound: Score,
    /// The BM25 weight the member scores with (boost included) and the terms every match holds (the
    /// rarest bounds it block by block): a scored member.
    pub bm25: Option<(Bm25Weight, Vec<Term>)>,
    pub bit: u128,
    pub group: usize,
    pub scored: bool,
    /// One of the words of a run of several words: its score counts only if they all match.
    pub in_words: bool,
}

pub(crate) struct Segment<'a> {
    pub needs: &'a [Need],
    pub fresh: SegmentFreshness,
    pub ord: u32,
    pub top: &'a mut Top,
    pub floor: &'a Floor,
    /// Scratch for [`Segment::consider`]: the walked phrases at a candidate (index, bound there), kept
    /// to spare an allocation per candidate.
    pub unknown: Vec<(usize, Score)>,
}

impl Segment<'_> {
    pub(crate) fn rank(
        &mut self,
        members: &[PlannedMember],
        reader: &SegmentReader,
    ) -> tantivy::Result<()> {
        let mut live: Vec<(Score, Live)> = Vec::with_capacity(members.len());
        for m in members {
            let Some((scorer, phrase)) = open(m, reader)? else {
                // A member that matches nothing here (a fragment of no 文号) is left out: it would
                // only make every document look able to reach its bound.
                continue;
            };
            let (bound, blocks) = match &m.bm25 {
                Some((bm25, terms)) => {
                    let max = Blocks::open(reader, bm25, terms)?.map(Blocks::segment_max);
                    let bound = max.map_or(m.bound, |max| max.min(m.bound));
                    (bound, Blocks::open(reader, bm25, terms)?)
                }
                None => (m.bound, None),
            };
            let l = Live {
                scorer,
                blocks,
                bound,
                bit: m.bit,
                group: m.group,
                scored: m.scored,
                in_words: m.in_words,
                score: 0.0,
                phrase,
            };
            live.push((bound, l));
        }
        // A run of words one of whose words nothing here holds cannot match (as a run): its members
        // would only make documents look able to reach their bounds. (`镇人民政`: `政` alone is no word
        // of any title, so only the fragment can match.)
        let present = live.iter().fold(0, |acc, (_, l)| acc | l.bit);
        let dead = self
            .needs
            .iter()
            .filter(|n| n.words.iter().any(|&w| present & w == 0))
            .flat_map(|n| n.words.iter())
            .fold(0, |acc, w| acc | w);
        live.retain(|(_, l)| l.bit & dead == 0);
        let lead = self.lead(&live);
        // Lowest bound first: the non-essential members of plain MaxScore are a prefix.
        live.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut live: Vec<Live> = live.into_iter().map(|(_, l)| l).collect();
        let present = live.iter().fold(0, |acc, l| acc | l.bit);
        if !self.needs.iter().all(|n| n.met(present)) {
            // Some word or filter matches nothing in this segment.
            return Ok(());
        }
        let sizes: Vec<u64> = live.iter().map(|l| u64::from(l.size_hint())).collect();
        let alive = reader.alive_bitset();
        // When every bound together is below the threshold, only the recency bonus can lift a document
        // onto the page (a fragment found in nearly every item, whose words weigh next to nothing):
        // checking it first spares scoring the rest.
        let all: Score = live.iter().map(|l| l.bound).sum();
        let mut threshold = self.floor.threshold(self.top);
        let mut walk = Walk::plan(&live, &sizes, lead, threshold);
        loop {
            let doc = walk
                .members
                .iter()
                .map(|&i| live[i].doc())
                .min()
                .unwrap_or(TERMINATED);
            if doc == TERMINATED {
                break;
            }
            if let Some(end) = threshold.and_then(|t| skippable(&mut live, &walk, t)) {
                // No document up to `end` can beat the threshold.
                for &i in &walk.members {
                    if live[i].doc() <= end {
                        live[i].seek(end.saturating_add(1));
                    }
                }
                continue;
            }
            if let Some(t) = threshold.filter(|t| all < *t) {
                // From here on the threshold only rises: drive the rest by the publication date.
                if let Some(docs) = self.fresh.docs_above(t - all, doc, reader.max_doc()) {
                    let none = Walk::none(&live);
                    for d in docs {
                        let threshold = self.floor.threshold(self.top);
                        if alive.is_none_or(|a| a.is_alive(d))
                            && threshold.is_none_or(|t| all + self.fresh.bonus(d) > t)
                        {
                            self.consider(&mut live, &none, d, 0.0, 0, threshold);
                        }
                    }
                    return Ok(());
                }
            }
            let mut score: Score = 0.0;
            let mut matched = 0u128;
            // The bounds of the phrases that stand here only as candidates (their terms are all here).
            let mut unchecked: Score = 0.0;
            for &i in &walk.members {
                let l = &mut live[i];
                if l.doc() == doc {
                    if l.phrase.is_some() {
                        unchecked += l.bound_at(doc);
                        continue;
                    }
                    if l.scored {
                        l.score = l.scorer.score();
                        score += l.score;
                    }
                    matched |= l.bit;
                }
            }
            if (matched != 0 || unchecked > 0.0)
                && threshold.is_none_or(|t| score + unchecked + walk.rest + RECENCY_WEIGHT > t)
                && alive.is_none_or(|a| a.is_alive(doc))
            {
                self.consider(&mut live, &walk, doc, score, matched, threshold);
            }
            for &i in &walk.members {
                if live[i].doc() == doc {
                    live[i].advance();
                }
            }
            let now = self.floor.threshold(self.top);
            if now != threshold {
                threshold = now;
                if Walk::skips(&live, lead, threshold) != walk.skips {
                    walk = Walk::plan(&live, &sizes, lead, threshold);
                }
            }
        }
        Ok(())
    }

    /// The members that every matching document matches one of: of the group whose such members are
    /// cheapest, its any-members (fragments, a single word, a filter) and the members of its rarest
    /// word. Walking them instead of plain MaxScore's essential members (see [`Walk::plan`]) spares,
    /// until the page is full, the union of every member's postings (every item with 关于 in its body).
    fn lead(&self, live: &[(Score, Live)]) -> Option<u128> {
        let size = |bits: u128| -> u64 {
            live.iter()
                .filter(|(_, l)| l.bit & bits != 0)
                .map(|(_, l)| u64::from(l.size_hint()))
                .sum()
        };
        let mut best: Option<(u64, u128)> = None;
        for need in self.needs {
            let mut bits = need.any;
            if let Some(word) = need.words.iter().copied().min_by_key(|&w| size(w)) {
                bits |= word;
            }
            let total = size(bits);
            // Nothing here holds the group's rarest word nor its fragment: no document can match.
            if best.is_none_or(|(b, _)| total < b) {
                best = Some((total, bits));
            }
        }
        best.map(|(_, bits)| bits)
    }

    /// Consults the members not yet known at `doc` (filters first, then the words not walked, the walked
    /// phrases, the phrases not walked, each time the highest bound first, while the document can still
    /// beat `threshold`) and
    /// keeps it if it matches every group and does. Known: the `walked` members other than the phrases,
    /// whose walk stands on `doc` only as a candidate (their terms are all here).
    fn consider(
        &mut self,
        live: &mut [Live],
        walk: &Walk,
        doc: DocId,
        mut score: Score,
        mut matched: u128,
        threshold: Option<Score>,
    ) {
        // Score-free filters first: cheap, and often what rules the document out.
        for &i in &walk.filters {
            if !live[i].matches(doc) {
                return;
            }
            matched |= live[i].bit;
        }
        let bonus = self.fresh.bonus(doc);
        score += bonus;
        // The walked phrases standing here come after the words not walked (no positions read) and before
        // the phrases not walked: the candidate is here for their terms, and when they fail it most often
        // cannot make the page any more.
        let unknown = &mut self.unknown;
        unknown.clear();
        let mut bound = score + walk.rest;
        for &i in &walk.phrases {
            let l = &mut live[i];
            if l.doc() == doc {
                let at = l.bound_at(doc);
                bound += at;
                unknown.push((i, at));
            }
        }
        let (words, phrases) = walk.consult.split_at(walk.consult_words);
        for &(i, member_bound) in words.iter().chain(unknown.iter()).chain(phrases) {
            if threshold.is_some_and(|t| bound <= t) {
                return;
            }
            let l = &mut live[i];
            bound -= member_bound;
            if l.matches(doc) {
                l.score = l.scorer.score();
                bound += l.score;
                matched |= l.bit;
            }
        }
        if !self.needs.iter().all(|n| n.met(matched)) {
            return;
        }
        // The words of a run count only when all of them match; the sum above bounded the score.
        let exact: Score = bonus
            + live
                .iter()
                .filter(|l| l.scored && matched & l.bit != 0)
                .filter(|l| !l.in_words || self.needs[l.group].words_match(matched))
                .map(|l| l.score)
                .sum::<Score>();
        if threshold.is_none_or(|t| exact > t) {
            self.top.push(exact, DocAddress::new(self.ord, doc));
            self.floor.raise(self.top);
        }
    }
}

/// A member's scorer, and for a phrase the walk of its terms.
type Opened = (Box<dyn Scorer>, Option<Phrase>);

/// The member's scorer in this segment, and for a phrase where it may match first and the walk of its
/// terms; `None` when it matches nothing here.
fn open(m: &PlannedMember, reader: &SegmentReader) -> tantivy::Result<Option<Opened>> {
    let Some(terms) = &m.terms else {
        let scorer = m.weight.scorer(reader, m.boost)?;
        return Ok((scorer.doc() != TERMINATED).then_some((scorer, None)));
    };
    let mut terms = terms.scorer(reader, 1.0)?;
    if terms.doc() == TERMINATED {
        return Ok(None);
    }
    // Not walked to its first match (see `crate::live`): asked about its terms' first document only.
    let (first, scorer) = m.weight.scorer_danger(reader, terms.doc(), m.boost)?;
    let (next, on) = match first {
        SeekDangerResult::Found => (terms.doc(), true),
        SeekDangerResult::SeekLowerBound(lower) => (lower, false),
    };
    if next == TERMINATED {
        return Ok(None);
    }
    if terms.doc() < next {
        terms.seek(next);
    }
    Ok(Some((scorer, Some(Phrase { next, on, terms }))))
}

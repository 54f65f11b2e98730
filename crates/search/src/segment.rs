//! One segment of a search ranked with MaxScore (see [`crate::rank`]): the members' bounds in this
//! segment, the essential members' documents as candidates, whole blocks skipped where their block-max
//! bounds cannot beat the threshold, and the recency bonus driving the candidates once only it can.

use tantivy::query::{Bm25Weight, Scorer, Weight};
use tantivy::{
    DocAddress, DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, Term,
};

use crate::blockmax::Blocks;
use crate::fresh::{RECENCY_WEIGHT, SegmentFreshness};
use crate::top::{Floor, Top};

pub(crate) use crate::need::Need;

pub(crate) struct PlannedMember {
    pub weight: Box<dyn Weight>,
    pub boost: f32,
    /// tantivy's bound, for any segment: the term frequency taken as infinite.
    pub bound: Score,
    /// The BM25 weight the member scores with (boost included) and its terms: a scored member.
    pub bm25: Option<(Bm25Weight, Vec<Term>)>,
    pub bit: u128,
    pub group: usize,
    pub scored: bool,
    /// One of the words of a run of several words: its score counts only if they all match.
    pub in_words: bool,
}

struct Live {
    scorer: Box<dyn Scorer>,
    /// Where the member's blocks bound it, to skip blocks that cannot make the page.
    blocks: Option<Blocks>,
    bit: u128,
    group: usize,
    scored: bool,
    in_words: bool,
    /// The score at the document being ranked, once consulted.
    score: Score,
    /// A phrase (of words or bigrams): once non-essential it is checked at the documents asked about
    /// only (`seek_danger`), without reading the positions of every candidate in between.
    phrase: bool,
    /// In that mode, the first document that may still match (`None` before the mode starts).
    next: Option<DocId>,
}

impl Live {
    /// Whether the member matches `doc`, moving forward only. `at_only`: a non-essential phrase, which
    /// from then on is only asked about documents, never walked.
    fn matches(&mut self, doc: DocId, at_only: bool) -> bool {
        if !(at_only && self.phrase) {
            if self.scorer.doc() < doc {
                self.scorer.seek(doc);
            }
            return self.scorer.doc() == doc;
        }
        let next = *self.next.get_or_insert_with(|| self.scorer.doc());
        if doc < next || next == TERMINATED {
            return false;
        }
        match self.scorer.seek_danger(doc) {
            SeekDangerResult::Found => {
                self.next = Some(doc + 1);
                true
            }
            SeekDangerResult::SeekLowerBound(lower) => {
                self.next = Some(lower);
                false
            }
        }
    }
}

/// The last document of a stretch, starting at the essential members' next document, in which no
/// document can beat `threshold`: every essential member's block there bounds it, and the non-essential
/// members add at most `rest` (and the recency bonus). `None` when some document there may.
fn skippable(essential: &mut [Live], rest: Score, threshold: Score) -> Option<DocId> {
    let mut end = TERMINATED;
    for l in essential.iter_mut() {
        let doc = l.scorer.doc();
        if doc == TERMINATED {
            continue;
        }
        let (last, _) = l.blocks.as_mut()?.at(doc);
        end = end.min(last);
    }
    if end == TERMINATED {
        return None;
    }
    let mut bound = rest + RECENCY_WEIGHT;
    for l in essential.iter_mut() {
        let doc = l.scorer.doc();
        if doc <= end {
            bound += l.blocks.as_mut().map_or(Score::INFINITY, |b| b.at(doc).1);
        }
    }
    (bound <= threshold).then_some(end)
}

pub(crate) struct Segment<'a> {
    pub needs: &'a [Need],
    pub fresh: SegmentFreshness,
    pub ord: u32,
    pub top: &'a mut Top,
    pub floor: &'a Floor,
}

impl Segment<'_> {
    pub(crate) fn rank(
        &mut self,
        members: &[PlannedMember],
        reader: &SegmentReader,
    ) -> tantivy::Result<()> {
        let mut live: Vec<(Score, Live)> = Vec::with_capacity(members.len());
        for m in members {
            let scorer = m.weight.scorer(reader, m.boost)?;
            // A member that matches nothing here (a fragment of no 文号) is left out: it would only
            // make every document look able to reach its bound.
            if scorer.doc() == TERMINATED {
                continue;
            }
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
                bit: m.bit,
                group: m.group,
                scored: m.scored,
                in_words: m.in_words,
                score: 0.0,
                phrase: m.bm25.as_ref().is_some_and(|(_, terms)| terms.len() > 1),
                next: None,
            };
            live.push((bound, l));
        }
        // Lowest bound first: the non-essential members are a prefix.
        live.sort_by(|a, b| a.0.total_cmp(&b.0));
        // prefix[i]: the sum of the bounds of live[..i].
        let mut prefix: Vec<Score> = vec![0.0];
        for (bound, _) in &live {
            prefix.push(prefix[prefix.len() - 1] + bound);
        }
        let mut live: Vec<Live> = live.into_iter().map(|(_, l)| l).collect();
        let present = live.iter().fold(0, |acc, l| acc | l.bit);
        if !self.needs.iter().all(|n| n.met(present)) {
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
        // When every bound together is below the threshold, only the recency bonus can lift a document
        // onto the page (a fragment found in nearly every item, whose words weigh next to nothing):
        // checking it first spares scoring the rest.
        let all = prefix[prefix.len() - 1];
        let mut threshold = self.floor.threshold(self.top);
        if threshold.is_none() {
            // Until the page is full every member is essential, and MaxScore would walk the union of all
            // their postings (every item with 关于 in its body); the conjunction is walked from its
            // cheapest group instead, until the page fills.
            if let Some(driver) = self.driver(&mut live) {
                threshold = self.fill_from(&mut live, &driver, &prefix, reader)?;
                if threshold.is_none() {
                    return Ok(());
                }
            }
        }
        let mut ne = non_essential(threshold);
        loop {
            let doc = live[ne..]
                .iter()
                .map(|l| l.scorer.doc())
                .min()
                .unwrap_or(TERMINATED);
            if doc == TERMINATED {
                break;
            }
            if let Some(end) = threshold.and_then(|t| skippable(&mut live[ne..], prefix[ne], t)) {
                // No document up to `end` can beat the threshold.
                for l in &mut live[ne..] {
                    if l.scorer.doc() <= end {
                        l.scorer.seek(end.saturating_add(1));
                    }
                }
                continue;
            }
            if let Some(t) = threshold.filter(|t| all < *t) {
                // From here on the threshold only rises: drive the rest by the publication date.
                if let Some(docs) = self.fresh.docs_above(t - all, doc, reader.max_doc()) {
                    let n = live.len();
                    for d in docs {
                        let threshold = self.floor.threshold(self.top);
                        if alive.is_none_or(|a| a.is_alive(d))
                            && threshold.is_none_or(|t| all + self.fresh.bonus(d) > t)
                        {
                            self.consider(&mut live, n, &prefix, d, 0.0, 0, threshold, false);
                        }
                    }
                    return Ok(());
                }
            }
            let mut score: Score = 0.0;
            let mut matched = 0u128;
            for l in &mut live[ne..] {
                if l.scorer.doc() == doc {
                    if l.scored {
                        l.score = l.scorer.score();
                        score += l.score;
                    }
                    matched |= l.bit;
                }
            }
            if threshold.is_none_or(|t| score + prefix[ne] + RECENCY_WEIGHT > t)
                && alive.is_none_or(|a| a.is_alive(doc))
            {
                // Members only leave the essential set, so a non-essential phrase is never walked again.
                self.consider(
                    &mut live[..],
                    ne,
                    &prefix,
                    doc,
                    score,
                    matched,
                    threshold,
                    true,
                );
            }
            for l in &mut live[ne..] {
                if l.scorer.doc() == doc {
                    l.scorer.advance();
                }
            }
            let now = self.floor.threshold(self.top);
            if now != threshold {
                threshold = now;
                ne = non_essential(threshold);
            }
        }
        Ok(())
    }

    /// The members that every matching document matches one of, when they are far fewer documents than
    /// all members together: of the group whose such members are cheapest, its any-members (fragments, a
    /// single word, a filter) and the members of its rarest word.
    fn driver(&self, live: &mut [Live]) -> Option<Vec<usize>> {
        let size = |live: &mut [Live], bits: u128| -> (u64, Vec<usize>) {
            let mut total = 0u64;
            let mut at = Vec::new();
            for (i, l) in live.iter_mut().enumerate() {
                if l.bit & bits != 0 {
                    total += u64::from(l.scorer.size_hint());
                    at.push(i);
                }
            }
            (total, at)
        };
        let everything: u64 = live
            .iter_mut()
            .map(|l| u64::from(l.scorer.size_hint()))
            .sum();
        let mut best: Option<(u64, Vec<usize>)> = None;
        for need in self.needs {
            let (mut total, mut at) = size(live, need.any);
            if let Some((w_total, w_at)) = need
                .words
                .iter()
                .map(|&w| size(live, w))
                .min_by_key(|(t, _)| *t)
            {
                total += w_total;
                at.extend(w_at);
            }
            if !at.is_empty() && best.as_ref().is_none_or(|(b, _)| total < *b) {
                best = Some((total, at));
            }
        }
        // Worth it only when it spares most of the walk.
        best.filter(|(total, _)| total.saturating_mul(2) < everything)
            .map(|(_, at)| at)
    }

    /// Walks the documents of `driver` (every other member consulted at each), keeping each document that
    /// matches the whole query, until the page is full; then leaves every member at or after the next
    /// driver document, as the MaxScore walk expects, and returns the threshold (`None`: segment done).
    fn fill_from(
        &mut self,
        live: &mut [Live],
        driver: &[usize],
        prefix: &[Score],
        reader: &SegmentReader,
    ) -> tantivy::Result<Option<Score>> {
        let alive = reader.alive_bitset();
        let n = live.len();
        loop {
            let doc = driver
                .iter()
                .map(|&i| live[i].scorer.doc())
                .min()
                .unwrap_or(TERMINATED);
            if doc == TERMINATED {
                return Ok(None);
            }
            if alive.is_none_or(|a| a.is_alive(doc)) {
                self.consider(live, n, prefix, doc, 0.0, 0, None, false);
            }
            for &i in driver {
                if live[i].scorer.doc() == doc {
                    live[i].scorer.advance();
                }
            }
            if let Some(threshold) = self.floor.threshold(self.top) {
                let next = driver
                    .iter()
                    .map(|&i| live[i].scorer.doc())
                    .min()
                    .unwrap_or(TERMINATED);
                if next == TERMINATED {
                    return Ok(None);
                }
                // Every document before `next` that matches was led here by the driver.
                for l in live.iter_mut() {
                    if l.scorer.doc() < next {
                        l.scorer.seek(next);
                    }
                }
                return Ok(Some(threshold));
            }
        }
    }

    /// Consults the non-essential members `live[..ne]` for `doc` (filters first, then the highest bounds,
    /// while the document can still beat `threshold`) and keeps it if it matches every group and does.
    #[allow(clippy::too_many_arguments)]
    fn consider(
        &mut self,
        live: &mut [Live],
        ne: usize,
        prefix: &[Score],
        doc: DocId,
        mut score: Score,
        mut matched: u128,
        threshold: Option<Score>,
        at_only: bool,
    ) {
        // Score-free filters first: cheap, and often what rules the document out.
        for l in live[..ne].iter_mut().filter(|l| !l.scored) {
            if l.scorer.doc() < doc {
                l.scorer.seek(doc);
            }
            if l.scorer.doc() != doc {
                return;
            }
            matched |= l.bit;
        }
        let bonus = self.fresh.bonus(doc);
        score += bonus;
        for i in (0..ne).rev() {
            let l = &mut live[i];
            if !l.scored {
                continue;
            }
            if threshold.is_some_and(|t| score + prefix[i + 1] <= t) {
                return;
            }
            if l.matches(doc, at_only) {
                l.score = l.scorer.score();
                score += l.score;
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

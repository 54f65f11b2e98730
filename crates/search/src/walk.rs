//! Which members bring a segment's candidates (see [`crate::segment`]): plain MaxScore's essential
//! members or the lead's, whichever walks less, and the stretches of documents none of them can lift
//! onto the page.

use tantivy::{DocId, Score, TERMINATED};

use crate::fresh::RECENCY_WEIGHT;
use crate::live::Live;

/// Once the page is full, the lead is walked instead of plain MaxScore's essential members only when it
/// holds less than a quarter of their documents.
const LEAD_MARGIN: u64 = 4;

/// The members whose documents are walked as candidates, and the most the others add to a document.
pub(crate) struct Walk {
    pub members: Vec<usize>,
    pub bits: u128,
    pub rest: Score,
    /// The filters not walked, checked first at a candidate.
    pub filters: Vec<usize>,
    /// The scored members not walked, in the order a candidate consults them: words before phrases
    /// (no positions read), the highest bound first.
    pub consult: Vec<(usize, Score)>,
    /// How many of `consult` are words.
    pub consult_words: usize,
    /// The walked members that are phrases: at a candidate, consulted after the others.
    pub phrases: Vec<usize>,
    /// How many members each way leaves unwalked (see [`Walk::skips`]): the walk changes only with it.
    pub skips: (usize, usize),
}

impl Walk {
    /// The cheaper of two walks that both pass every document that can still make the page: plain
    /// MaxScore's essential members (the non-essential ones, lowest bound first, cannot lift a
    /// document over `threshold` together), and the lead's members (every match holds one of them)
    /// less those that, with every member outside the lead, cannot either. `live` is sorted by bound.
    pub fn plan(
        live: &[Live],
        sizes: &[u64],
        lead: Option<u128>,
        threshold: Option<Score>,
    ) -> Walk {
        let lead_bits = lead.unwrap_or(u128::MAX);
        // Outside the lead, nothing is walked: those bounds count towards the rest first.
        let outside: Score = live
            .iter()
            .filter(|l| l.bit & lead_bits == 0)
            .map(|l| l.bound)
            .sum();
        let mut plain = Walk::new(0.0);
        let mut led = Walk::new(outside);
        let (mut plain_cost, mut lead_cost) = (0u64, 0u64);
        for (i, l) in live.iter().enumerate() {
            let can_skip =
                |rest: Score| threshold.is_some_and(|t| rest + l.bound + RECENCY_WEIGHT <= t);
            if can_skip(plain.rest) {
                plain.rest += l.bound;
            } else {
                plain.add(i, l);
                plain_cost += sizes[i];
            }
            if l.bit & lead_bits == 0 {
                continue;
            }
            if can_skip(led.rest) {
                led.rest += l.bound;
            } else {
                led.add(i, l);
                lead_cost += sizes[i];
            }
        }
        // Each lead candidate seeks every member not walked, where plain MaxScore's candidates bring their
        // scores along and whole blocks of them are skipped: once the page is full, the lead must spare
        // most of the walk to be worth it.
        let worth = match threshold {
            None => lead_cost < plain_cost,
            Some(_) => lead_cost.saturating_mul(LEAD_MARGIN) < plain_cost,
        };
        let mut walk = if lead.is_some() && worth { led } else { plain };
        walk.order(live);
        walk.skips = Walk::skips(live, lead, threshold);
        walk
    }

    /// How many members plain MaxScore and the lead leave unwalked at `threshold`, as [`Walk::plan`]
    /// decides them; cheap (no allocation), since the threshold changes at nearly every new best.
    pub fn skips(live: &[Live], lead: Option<u128>, threshold: Option<Score>) -> (usize, usize) {
        let Some(t) = threshold else {
            return (0, 0);
        };
        let lead_bits = lead.unwrap_or(u128::MAX);
        let mut led_rest: Score = live
            .iter()
            .filter(|l| l.bit & lead_bits == 0)
            .map(|l| l.bound)
            .sum();
        let mut plain_rest: Score = 0.0;
        let (mut plain, mut led) = (0, 0);
        for l in live {
            if plain_rest + l.bound + RECENCY_WEIGHT <= t {
                plain_rest += l.bound;
                plain += 1;
            }
            if l.bit & lead_bits != 0 && led_rest + l.bound + RECENCY_WEIGHT <= t {
                led_rest += l.bound;
                led += 1;
            }
        }
        (plain, led)
    }

    /// Nothing walked: every member consulted at the documents given.
    pub fn none(live: &[Live]) -> Walk {
        let mut walk = Walk::new(live.iter().map(|l| l.bound).sum());
        walk.order(live);
        walk
    }

    fn new(rest: Score) -> Walk {
        Walk {
            members: Vec::new(),
            bits: 0,
            rest,
            filters: Vec::new(),
            consult: Vec::new(),
            consult_words: 0,
            phrases: Vec::new(),
            skips: (0, 0),
        }
    }

    fn order(&mut self, live: &[Live]) {
        let walked = self.bits;
        let others = || (0..live.len()).filter(move |&i| live[i].bit & walked == 0);
        self.filters = others().filter(|&i| !live[i].scored).collect();
        self.phrases = (self.members.iter().copied())
            .filter(|&i| live[i].phrase.is_some())
            .collect();
        self.consult = others()
            .filter(|&i| live[i].scored)
            .map(|i| (i, live[i].bound))
            .collect();
        self.consult.sort_by(|&(a, _), &(b, _)| {
            let (a, b) = (&live[a], &live[b]);
            (a.phrase.is_some().cmp(&b.phrase.is_some())).then(b.bound.total_cmp(&a.bound))
        });
        self.consult_words = self
            .consult
            .iter()
            .take_while(|&&(i, _)| live[i].phrase.is_none())
            .count();
    }

    fn add(&mut self, i: usize, l: &Live) {
        self.members.push(i);
        self.bits |= l.bit;
    }
}

/// The last document of a stretch, starting at the walked members' next document, in which no
/// document can beat `threshold`: every walked member's block there bounds it, and the other members
/// add at most `walk.rest` (and the recency bonus). `None` when some document there may.
pub(crate) fn skippable(live: &mut [Live], walk: &Walk, threshold: Score) -> Option<DocId> {
    let mut end = TERMINATED;
    for &i in &walk.members {
        let l = &mut live[i];
        let doc = l.doc();
        if doc == TERMINATED {
            continue;
        }
        let (last, _) = l.blocks.as_mut()?.at(doc);
        end = end.min(last);
    }
    if end == TERMINATED {
        return None;
    }
    let mut bound = walk.rest + RECENCY_WEIGHT;
    for &i in &walk.members {
        let l = &mut live[i];
        let doc = l.doc();
        if doc <= end {
            bound += l.blocks.as_mut().map_or(Score::INFINITY, |b| b.at(doc).1);
        }
    }
    (bound <= threshold).then_some(end)
}

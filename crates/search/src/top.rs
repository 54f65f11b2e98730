//! The best documents of a search, kept per segment in a bounded heap, and the floor the segments
//! searched in parallel share so that each prunes with the best threshold any of them has reached.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU32, Ordering as AtomicOrdering};

use tantivy::{DocAddress, Score};

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

pub(crate) struct Top {
    limit: usize,
    heap: BinaryHeap<Candidate>,
}

impl Top {
    pub(crate) fn new(limit: usize) -> Top {
        Top {
            limit,
            heap: BinaryHeap::with_capacity(limit + 1),
        }
    }

    /// The score a document must exceed to be kept, once `limit` are held.
    pub(crate) fn threshold(&self) -> Option<Score> {
        (self.heap.len() >= self.limit)
            .then(|| self.heap.peek().map(|c| c.0))
            .flatten()
    }

    pub(crate) fn push(&mut self, score: Score, address: DocAddress) {
        self.heap.push(Candidate(score, address));
        if self.heap.len() > self.limit {
            self.heap.pop();
        }
    }

    /// Keeps the best of another segment's candidates too.
    pub(crate) fn merge(&mut self, other: Top) {
        for c in other.heap {
            self.push(c.0, c.1);
        }
    }

    pub(crate) fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        // Ascending by "worse" is best first.
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|c| (c.0, c.1))
            .collect()
    }
}

/// The weakest score of the fullest heap any segment holds: `limit` documents score at least this, so a
/// document scoring less cannot make the page in whatever segment it is. Scores are never negative, so
/// their bits order like the numbers and 0 means "nothing known yet".
pub(crate) struct Floor(AtomicU32);

impl Floor {
    pub(crate) fn new() -> Floor {
        Floor(AtomicU32::new(0))
    }

    /// Raises the floor to `top`'s threshold once `top` is full.
    pub(crate) fn raise(&self, top: &Top) {
        if let Some(t) = top.threshold().filter(|t| *t > 0.0) {
            self.0.fetch_max(t.to_bits(), AtomicOrdering::Relaxed);
        }
    }

    /// What a document must exceed to be worth keeping in `top`: its own threshold, or just under the
    /// shared floor (a document scoring exactly the floor may still win on its address).
    pub(crate) fn threshold(&self, top: &Top) -> Option<Score> {
        let floor = f32::from_bits(self.0.load(AtomicOrdering::Relaxed));
        let shared = (floor > 0.0).then(|| floor.next_down());
        match (top.threshold(), shared) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }
}

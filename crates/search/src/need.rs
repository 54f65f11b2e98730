//! What a group of the query needs of its members to be met.

/// Which members a group (a piece of the text, or a filter) needs: any of `any`, or one member of each
/// word of its run of several words.
pub(crate) struct Need {
    pub any: u128,
    pub words: Vec<u128>,
}

impl Need {
    /// The run of several words matches (every word in the title or the body).
    pub(crate) fn words_match(&self, matched: u128) -> bool {
        !self.words.is_empty() && self.words.iter().all(|w| matched & w != 0)
    }

    pub(crate) fn met(&self, matched: u128) -> bool {
        matched & self.any != 0 || self.words_match(matched)
    }
}

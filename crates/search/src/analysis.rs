//! The character-bigram analyzer of the fragment fields (`title_ng`, `doc_no_ng`, `body_ng`).
//!
//! jieba cuts a title into words, and a citizen's fragment (`孟州市中心城`, `政务公`) often ends inside a
//! word, so its own segmentation never meets the title's. Every run of two characters is indexed as well,
//! with its position, so a fragment of two or more characters is found as a phrase of its bigrams: the same
//! way an n-gram field beside a word field works in the search engines of Chinese government sites.

use tantivy::tokenizer::{
    LowerCaser, NgramTokenizer, RemoveLongFilter, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

use crate::schema::WordsOnly;

/// Name the bigram analyzer is registered under; it is written into the schema.
pub(crate) const BIGRAMS: &str = "gongkai_bigram";

/// Every two consecutive characters → numbered in order → without pure punctuation → lowercase.
pub(crate) fn bigrams() -> tantivy::Result<TextAnalyzer> {
    Ok(TextAnalyzer::builder(NgramTokenizer::all_ngrams(2, 2)?)
        .filter(InOrder)
        .filter(WordsOnly)
        .filter(LowerCaser)
        .filter(RemoveLongFilter::limit(64))
        .build())
}

/// Numbers tokens 0, 1, 2, … in the order they come: tantivy's n-gram tokenizer gives every gram
/// position 0, which would make a phrase of bigrams impossible. Applied before punctuation is dropped, so
/// a dropped bigram leaves a gap and a phrase cannot jump over it.
#[derive(Clone)]
pub(crate) struct InOrder;

impl TokenFilter for InOrder {
    type Tokenizer<T: Tokenizer> = InOrderFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> InOrderFilter<T> {
        InOrderFilter(tokenizer)
    }
}

#[derive(Clone)]
pub(crate) struct InOrderFilter<T>(T);

impl<T: Tokenizer> Tokenizer for InOrderFilter<T> {
    type TokenStream<'a> = InOrderStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        InOrderStream {
            inner: self.0.token_stream(text),
            next: 0,
        }
    }
}

pub(crate) struct InOrderStream<S> {
    inner: S,
    next: usize,
}

impl<S: TokenStream> TokenStream for InOrderStream<S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        self.inner.token_mut().position = self.next;
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::bigrams;

    #[test]
    fn bigrams_are_numbered_and_punctuation_is_dropped() {
        let mut analyzer = bigrams().expect("analyzer");
        let mut stream = analyzer.token_stream("政务公，开");
        let mut got = Vec::new();
        while let Some(t) = stream.next() {
            got.push((t.text.clone(), t.position));
        }
        assert_eq!(
            got,
            vec![
                ("政务".to_string(), 0),
                ("务公".to_string(), 1),
                ("公，".to_string(), 2),
                ("，开".to_string(), 3)
            ]
        );
        assert!(
            bigrams()
                .expect("analyzer")
                .token_stream("〔〕")
                .next()
                .is_none()
        );
    }
}

//! The index schema and the Chinese analyzer shared by indexing, querying and snippets.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy_jieba::JiebaTokenizer;

use crate::analysis::BIGRAMS;

/// Name the analyzer is registered under; it is written into the schema, so renaming it means a rebuild.
pub(crate) const ANALYZER: &str = "gongkai_jieba";

/// The fields, resolved once so that no lookup by name can fail later.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub index_no: Field,
    pub agency: Field,
    pub title: Field,
    pub doc_no: Field,
    pub doc_no_norm: Field,
    /// `y:2020/12` and `p:孟政/12`: what a 文号 typed without its prefix or its year still matches.
    pub doc_no_key: Field,
    pub body: Field,
    /// Character bigrams of the title, the 文号 and the body: fragments (see [`crate::analysis`]).
    pub title_ng: Field,
    pub doc_no_ng: Field,
    pub body_ng: Field,
    pub body_head: Field,
    /// Each attachment's name and text (jieba words); stored apart, its name and the head of its text.
    pub attach: Field,
    pub attach_stored: Field,
    pub category: Field,
    pub year: Field,
    pub validity: Field,
    pub published_on: Field,
}

pub(crate) const PUBLISHED_ON: &str = "published_on";

/// Bumped whenever the fields or an analyzer change: an index on disk written under another version is
/// rebuilt when opened (see [`crate::SearchIndex::open_or_create`]). 2: the bigram fields and 文号 keys;
/// 3: attachments' names and text.
pub(crate) const SCHEMA_VERSION: u32 = 3;

pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Positions are needed for phrase queries ("公共资源交易") and freqs for BM25.
    let text_indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default().set_indexing_options(text_indexing);
    let bigram_indexing = TextFieldIndexing::default()
        .set_tokenizer(BIGRAMS)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let bigrams = TextOptions::default().set_indexing_options(bigram_indexing);
    let fields = Fields {
        index_no: b.add_text_field("index_no", STRING | STORED),
        agency: b.add_i64_field("agency", INDEXED | FAST | STORED),
        title: b.add_text_field("title", text.clone() | STORED),
        doc_no: b.add_text_field("doc_no", STORED),
        doc_no_norm: b.add_text_field("doc_no_norm", STRING),
        doc_no_key: b.add_text_field("doc_no_key", STRING),
        // The whole body is indexed but not stored: a long document (a PDF's text can run to
        // hundreds of KB) would otherwise be decompressed for every hit just to cut a snippet.
        body: b.add_text_field("body", text.clone()),
        title_ng: b.add_text_field("title_ng", bigrams.clone()),
        doc_no_ng: b.add_text_field("doc_no_ng", bigrams.clone()),
        body_ng: b.add_text_field("body_ng", bigrams),
        // The head of the body is what snippets are cut from.
        body_head: b.add_text_field("body_head", STORED),
        attach: b.add_text_field("attach", text),
        attach_stored: b.add_text_field("attach_stored", STORED),
        category: b.add_text_field("category", STRING | STORED),
        year: b.add_u64_field("year", INDEXED | FAST),
        validity: b.add_text_field("validity", STRING),
        // Days since 1970-01-01; a fast field so listings sort newest first without touching stored docs.
        published_on: b.add_i64_field(PUBLISHED_ON, FAST | STORED),
    };
    (b.build(), fields)
}

/// jieba (search mode: long words and their dictionary sub-words) → words only → lowercase.
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(JiebaTokenizer::new())
        .filter(WordsOnly)
        .filter(LowerCaser)
        // A token this long is a run of digits or a URL: noise that bloats the term dictionary.
        .filter(RemoveLongFilter::limit(64))
        .build()
}

/// Drops tokens without a letter, digit or ideograph: jieba emits each punctuation mark and space as a
/// token, and indexing them would let a query of `〔` match every 文号.
#[derive(Clone)]
pub(crate) struct WordsOnly;

impl TokenFilter for WordsOnly {
    type Tokenizer<T: Tokenizer> = WordsOnlyFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> WordsOnlyFilter<T> {
        WordsOnlyFilter(tokenizer)
    }
}

#[derive(Clone)]
pub(crate) struct WordsOnlyFilter<T>(T);

impl<T: Tokenizer> Tokenizer for WordsOnlyFilter<T> {
    type TokenStream<'a> = WordsOnlyStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        WordsOnlyStream(self.0.token_stream(text))
    }
}

pub(crate) struct WordsOnlyStream<S>(S);

impl<S: TokenStream> TokenStream for WordsOnlyStream<S> {
    fn advance(&mut self) -> bool {
        while self.0.advance() {
            if self.0.token().text.chars().any(char::is_alphanumeric) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

//! gongkai's full-text search of the disclosure catalogue: a tantivy index with a jieba analyzer.
//!
//! [`SearchIndex`] holds the index (on disk or in memory) and its single writer; items go in as
//! [`IndexedItem`]s and come out of [`SearchIndex::search`] as [`Hit`]s with escaped, highlighted HTML.
//! Every run of the query text must match in the title, the 文号 or the body, by its words or as a run of
//! characters (a bigram field beside the jieba one); a 文号 in any form ranks its item first; newer items
//! come first among near-equal matches; `"…"` marks a phrase; filters
//! (category, year, validity, an agency subtree, an exact 文号) narrow the results.

mod analysis;
mod attachment_snippet;
mod blockmax;
mod count;
mod doc_key;
mod error;
mod fragment;
mod fresh;
mod highlight;
mod index;
mod live;
mod member;
mod need;
mod query;
mod rank;
mod schema;
mod search;
mod segment;
mod segments;
mod top;
mod walk;

pub use error::{ItemProblem, SearchError, SearchResult};
pub use index::{
    ATTACHMENT_STORED_BYTES, BODY_HEAD_BYTES, IndexOptions, IndexedAttachment, IndexedItem,
    SearchIndex, days_from_ymd,
};
pub use query::SearchQuery;
pub use rank::TOTAL_CAP;
pub use search::{DEFAULT_PER_PAGE, Hit, MAX_OFFSET, MAX_PER_PAGE, SearchResults};

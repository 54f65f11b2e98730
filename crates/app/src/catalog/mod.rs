//! The disclosure catalogue: its search index on this node, kept in step with the store, and searching it.

pub mod extract;
pub mod import;
pub mod index;
pub mod publishing;
pub mod search;

pub use index::{CatalogSearch, to_indexed};
pub use search::{Found, NearDocNo, PER_PAGE, SearchRequest, nearest_doc_nos, search};

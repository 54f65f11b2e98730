//! The disclosure catalogue: its search index on this node, kept in step with the store.

pub mod index;

pub use index::{CatalogSearch, to_indexed};

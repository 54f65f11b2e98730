//! Errors of the search index, each with a stable code (`search.*`) and typed arguments the layers above
//! translate from the locale files; `Display` is plain English for logs.

use gongkai_domain::message::{Arg, Args, Coded};

/// What can go wrong opening, writing or querying the catalogue index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot open the index folder {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("the index on disk has another schema and must be rebuilt ({0})")]
    SchemaMismatch(String),
    #[error("invalid item: {0:?}")]
    InvalidItem(ItemProblem),
    #[error("page too deep: only the first {max} results can be paged")]
    PageTooDeep { max: usize },
    #[error("the index writer lock is poisoned by an earlier failure")]
    Poisoned,
    /// Another process (a running server on the same folder) holds the index's writer.
    #[error("the index in {path} is in use by another process (a running server?)")]
    InUse { path: String },
    #[error("search engine error: {0}")]
    Engine(#[from] tantivy::TantivyError),
}

/// Why an item cannot be indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemProblem {
    NoIndexNo,
    NegativeYear,
}

impl Coded for SearchError {
    fn code(&self) -> &'static str {
        SearchError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::Open { path, reason } => {
                vec![("path", Arg::text(path)), ("reason", Arg::text(reason))]
            }
            Self::SchemaMismatch(detail) => vec![("detail", Arg::text(detail))],
            Self::InvalidItem(problem) => vec![(
                "problem",
                Arg::Word(match problem {
                    ItemProblem::NoIndexNo => "search.item.no_index_no",
                    ItemProblem::NegativeYear => "search.item.negative_year",
                }),
            )],
            Self::PageTooDeep { max } => vec![("max", Arg::number(*max))],
            Self::Poisoned => Vec::new(),
            Self::InUse { path } => vec![("path", Arg::text(path))],
            Self::Engine(e) => vec![("detail", Arg::text(e))],
        }
    }
}

impl SearchError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Open { .. } => "search.open",
            Self::SchemaMismatch(_) => "search.schema_mismatch",
            Self::InvalidItem { .. } => "search.invalid_item",
            Self::PageTooDeep { .. } => "search.page_too_deep",
            Self::Poisoned => "search.poisoned",
            Self::InUse { .. } => "search.in_use",
            Self::Engine(_) => "search.engine",
        }
    }
}

pub type SearchResult<T> = Result<T, SearchError>;

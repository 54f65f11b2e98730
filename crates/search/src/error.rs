//! Errors of the search index, each with a stable code (`search.*`) the layers above show or translate.

/// What can go wrong opening, writing or querying the catalogue index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("无法打开索引目录 {path}：{reason} / cannot open the index folder {path}: {reason}")]
    Open { path: String, reason: String },
    #[error(
        "索引目录中的索引结构与当前版本不符，需要重建索引（{0}）/ the index on disk has another schema and must be rebuilt ({0})"
    )]
    SchemaMismatch(String),
    #[error("条目无效：{zh} / invalid item: {en}")]
    InvalidItem { zh: &'static str, en: &'static str },
    #[error(
        "页码过大：最多可查看前 {max} 条结果 / page too deep: only the first {max} results can be paged"
    )]
    PageTooDeep { max: usize },
    #[error(
        "索引写入锁已失效（先前的写入中途失败）/ the index writer lock is poisoned by an earlier failure"
    )]
    Poisoned,
    #[error("搜索引擎错误：{0} / search engine error: {0}")]
    Engine(#[from] tantivy::TantivyError),
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
            Self::Engine(_) => "search.engine",
        }
    }
}

pub type SearchResult<T> = Result<T, SearchError>;

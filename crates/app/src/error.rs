//! Errors of the use-case layer: each with a stable code that the front ends translate (the portal and the
//! console into a page, the API into JSON, the command line into a message and an exit code).

use gongkai_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Nothing of that kind, named by its code (`application.not_found` …).
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// The request cannot be carried out as asked, named by its code (`calendar.no_data` …).
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error("search index: {0}")]
    Search(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::NotFound(code) | Self::Refused(code) => code,
            Self::Search(_) | Self::Internal(_) => "http.internal",
        }
    }

    pub fn internal(what: impl std::fmt::Display) -> Self {
        Self::Internal(what.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;

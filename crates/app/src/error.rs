//! Errors of the use-case layer: each with a closed code ([`ErrorCode`]) that the front ends translate (the
//! portal and the console into a page, the API into JSON, the command line into a message and an exit code).

use gongkai_domain::message::{Arg, Args, Coded};
use gongkai_search::SearchError;
use gongkai_store::StoreError;

use crate::error_code::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Nothing of that kind, named by its code (`application.not_found` …).
    #[error("not found: {0}")]
    NotFound(ErrorCode),
    /// The request cannot be carried out as asked, named by its code (`calendar.no_data` …).
    #[error("refused: {0}")]
    Refused(ErrorCode),
    /// Too many requests of this kind for now, named by its code; try again after `retry_after_secs`.
    #[error("too many: {code} (retry after {retry_after_secs} s)")]
    TooMany {
        code: ErrorCode,
        retry_after_secs: u64,
    },
    #[error("search index: {0}")]
    Search(#[from] SearchError),
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    /// Stable machine-readable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Store(e) => ErrorCode::from(e),
            Self::NotFound(code) | Self::Refused(code) => *code,
            Self::TooMany { code, .. } => *code,
            Self::Search(e) => ErrorCode::from(e),
            Self::Internal(_) => ErrorCode::HttpInternal,
        }
    }

    pub fn internal(what: impl std::fmt::Display) -> Self {
        Self::Internal(what.to_string())
    }
}

/// What the command line prints: the store's own message where there is one, else the code's.
impl Coded for AppError {
    fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::Search(e) => e.code(),
            Self::NotFound(_) | Self::Refused(_) | Self::TooMany { .. } | Self::Internal(_) => {
                // The messages of the closed codes are keyed `error_<code>`; the internal detail goes to the log.
                AppError::code(self).message_key()
            }
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::Store(e) => e.args(),
            Self::Search(e) => e.args(),
            Self::Internal(detail) => vec![("detail", Arg::text(detail))],
            Self::NotFound(_) | Self::Refused(_) | Self::TooMany { .. } => Vec::new(),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

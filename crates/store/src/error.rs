//! Errors of the storage layer, each with a stable code (`store.*`) and typed arguments the layers above
//! translate from the locale files; `Display` is plain English for logs.

use gongkai_domain::audit::ChainBreak;
use gongkai_domain::message::{Arg, Args, Coded};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("invalid database address: {url} ({problem:?})")]
    InvalidUrl { url: String, problem: UrlProblem },
    #[error("cannot reach the database ({location}): {source}")]
    Unreachable {
        location: String,
        source: sqlx::Error,
    },
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{what} not found")]
    NotFound { what: &'static str },
    #[error("{field} is already taken")]
    Conflict { field: &'static str },
    /// What could not be read, in English (a column, a code), not ours to translate.
    #[error("a stored value cannot be read ({0})")]
    Corrupt(String),
    /// Why, in English (a lower layer's message for logs, or a year).
    #[error("not allowed: {0}")]
    Refused(String),
    #[error("line {line}: {what} clashes with a stored record; nothing was imported")]
    ImportRow { line: usize, what: &'static str },
    #[error("the audit chain is broken: {0}")]
    AuditChain(ChainBreak),
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// Personal data could not be sealed or opened (a key missing from the key file, a damaged value).
    #[error("personal data: {0}")]
    Crypto(#[from] crate::crypto::KeyError),
}

impl StoreError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidUrl { .. } => "store.invalid_url",
            Self::Unreachable { .. } => "store.unreachable",
            Self::DataDir { .. } => "store.data_dir",
            Self::Migrate(_) => "store.migrate",
            Self::NotFound { .. } => "store.not_found",
            Self::Conflict { .. } => "store.conflict",
            Self::Corrupt(_) => "store.corrupt",
            Self::AuditChain(_) => "store.audit_chain",
            Self::Refused(_) => "store.refused",
            Self::ImportRow { .. } => "store.import_row",
            Self::Database(_) => "store.database",
            Self::Crypto(_) => "store.crypto",
        }
    }
}

/// Why a database address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    /// `sqlite::memory:` or no path: an in-memory database would lose every write.
    NeedsFile,
    UnknownScheme,
}

impl Coded for StoreError {
    fn code(&self) -> &'static str {
        StoreError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::InvalidUrl { url, problem } => vec![
                ("url", Arg::text(url)),
                (
                    "problem",
                    Arg::Word(match problem {
                        UrlProblem::NeedsFile => "store.url.needs_file",
                        UrlProblem::UnknownScheme => "store.url.unknown_scheme",
                    }),
                ),
            ],
            Self::Unreachable { location, source } => vec![
                ("location", Arg::text(location)),
                ("source", Arg::text(source)),
            ],
            Self::DataDir { path, source } => {
                vec![("path", Arg::text(path)), ("source", Arg::text(source))]
            }
            Self::Migrate(e) => vec![("detail", Arg::text(e))],
            Self::NotFound { what } => vec![("what", Arg::text(what))],
            Self::Conflict { field } => vec![("field", Arg::text(field))],
            Self::Corrupt(detail) | Self::Refused(detail) => vec![("detail", Arg::text(detail))],
            Self::ImportRow { line, what } => {
                vec![("line", Arg::number(*line)), ("what", Arg::text(what))]
            }
            Self::AuditChain(chain_break) => vec![("chain_break", Arg::said(chain_break))],
            Self::Database(e) => vec![("detail", Arg::text(e))],
            Self::Crypto(e) => vec![("detail", Arg::text(e))],
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
        {
            return Self::Conflict {
                field: conflicting_field(db.message(), db.constraint()),
            };
        }
        if matches!(
            e,
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::ColumnNotFound(_)
        ) {
            return Self::Corrupt(e.to_string());
        }
        Self::Database(e)
    }
}

/// Which unique field a violation concerns: SQLite names `table.column` in its message, PostgreSQL names the
/// constraint (`agencies_name_key`).
fn conflicting_field(message: &str, constraint: Option<&str>) -> &'static str {
    let text = format!("{message} {}", constraint.unwrap_or_default());
    ["credit_code", "username", "name", "seq"]
        .into_iter()
        .find(|field| text.contains(field))
        .unwrap_or("value")
}

pub type StoreResult<T> = Result<T, StoreError>;

//! Errors of the storage layer, each with a stable code (`store.*`) the layers above show or translate.

use gongkai_domain::audit::ChainBreak;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("数据库地址无效：{0} / invalid database address: {0}")]
    InvalidUrl(String),
    #[error(
        "无法连接数据库（{location}）：{source} / cannot reach the database ({location}): {source}"
    )]
    Unreachable {
        location: String,
        source: sqlx::Error,
    },
    #[error("无法创建数据目录 {path}：{source} / cannot create the data folder {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("数据库迁移失败：{0} / database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("未找到{what} / {what} not found")]
    NotFound { what: &'static str },
    #[error("{field} 已被占用 / {field} is already taken")]
    Conflict { field: &'static str },
    #[error("数据库中的数据无法读取（{0}）/ a stored value cannot be read ({0})")]
    Corrupt(String),
    #[error("操作不被允许：{0} / not allowed: {0}")]
    Refused(String),
    #[error(
        "第 {line} 行：{what} 与已有记录冲突，本次导入未写入任何内容 / line {line}: {what} clashes with a stored record; nothing was imported"
    )]
    ImportRow { line: usize, what: &'static str },
    #[error("审计链已损坏：{0} / the audit chain is broken: {0}")]
    AuditChain(ChainBreak),
    #[error("数据库错误：{0} / database error: {0}")]
    Database(sqlx::Error),
}

impl StoreError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidUrl(_) => "store.invalid_url",
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

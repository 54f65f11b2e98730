//! What differs between SQLite and PostgreSQL: the address, connection set-up, the migrations, and how writers
//! are put in a line so that audit events chain one after another.

use crate::error::UrlProblem;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

use crate::error::{StoreError, StoreResult};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The file a data folder keeps its SQLite database in.
pub const SQLITE_FILE: &str = "gongkai.sqlite3";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// Where a store lives: a SQLite file or a PostgreSQL database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Reads `sqlite:PATH`, `sqlite://PATH` or `postgres://…` / `postgresql://…`.
    pub fn parse(url: &str) -> StoreResult<Self> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err(StoreError::InvalidUrl {
                    url: url.to_owned(),
                    problem: UrlProblem::NeedsFile,
                });
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        Err(StoreError::InvalidUrl {
            url: url.to_owned(),
            problem: UrlProblem::UnknownScheme,
        })
    }

    /// The SQLite database of a data folder.
    pub fn in_data_dir(dir: &Path) -> Self {
        Self::Sqlite(dir.join(SQLITE_FILE))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// The address without a password, for logs.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite:{}", path.display()),
            Self::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    let userinfo = &url[scheme + 3..at];
                    let user = userinfo.split(':').next().unwrap_or_default();
                    format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
                }
                _ => url.clone(),
            },
        }
    }
}

pub(crate) fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

pub(crate) async fn connect(url: &DatabaseUrl) -> StoreResult<AnyPool> {
    install_default_drivers();
    let unreachable = |source| StoreError::Unreachable {
        location: url.redacted(),
        source,
    };
    match url {
        DatabaseUrl::Sqlite(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
                    path: dir.display().to_string(),
                    source,
                })?;
            }
            owner_only(path).map_err(|source| StoreError::DataDir {
                path: path.display().to_string(),
                source,
            })?;
            let address = format!("sqlite://{}?mode=rwc", path.display());
            AnyPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        // WAL lets readers work beside the writer; synchronous=FULL syncs the log at every
                        // commit, so an acknowledged write survives a crash or kill -9. busy_timeout makes a
                        // second process (a CLI beside the server) wait instead of failing.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                        Ok(())
                    })
                })
                .connect(&address)
                .await
                .map_err(unreachable)
        }
        DatabaseUrl::Postgres(address) => AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(address)
            .await
            .map_err(unreachable),
    }
}

/// Makes the database file readable by the server's user only (it holds sealed personal data and the files);
/// SQLite gives its `-wal` and `-shm` files the same mode.
fn owner_only(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        } else {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Begins a write transaction in which audit events may be appended. On SQLite, `BEGIN IMMEDIATE` takes the
/// write lock at once (a deferred transaction that reads the chain head first could deadlock with another
/// writer); on PostgreSQL a transaction-scoped advisory lock lines up writers across every node.
pub(crate) async fn begin_write(
    pool: &AnyPool,
    backend: Backend,
) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
    match backend {
        Backend::Sqlite => Ok(pool.begin_with("BEGIN IMMEDIATE").await?),
        Backend::Postgres => {
            let mut tx = pool.begin().await?;
            // Any constant shared by every node; "gk" in ASCII.
            sqlx::query("SELECT pg_advisory_xact_lock(26475)")
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_and_passwords_hidden() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/g.db?mode=rwc").ok(),
            Some(DatabaseUrl::Sqlite(PathBuf::from("data/g.db")))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:/var/lib/gongkai/g.db").ok(),
            Some(DatabaseUrl::Sqlite(PathBuf::from("/var/lib/gongkai/g.db")))
        );
        assert!(DatabaseUrl::parse("sqlite::memory:").is_err());
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        let pg = DatabaseUrl::parse("postgres://gk:secret@db:5432/gongkai").ok();
        assert_eq!(
            pg.map(|u| u.redacted()).as_deref(),
            Some("postgres://gk:***@db:5432/gongkai")
        );
    }
}

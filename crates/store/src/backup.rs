//! A consistent copy of the database while the server runs, and its restore into an empty store. SQLite is
//! copied with `VACUUM INTO` (one read transaction: the copy is the database as of one instant); PostgreSQL with
//! `pg_dump` on a snapshot exported by a REPEATABLE READ transaction, in which the tables' digests are also
//! taken, so the digests describe exactly what was dumped. A restore refuses a target that already holds
//! tables, and is checked against the digests before it is reported done.

use std::path::Path;

use futures_util::TryStreamExt;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::backend::{Backend, DatabaseUrl};
use crate::error::{StoreError, StoreResult};

/// The database file of a copy: a SQLite database, or a `pg_dump` archive in its custom format.
pub const SQLITE_COPY: &str = "database.sqlite3";
pub const POSTGRES_COPY: &str = "database.pgdump";

/// One table of a copy: how many rows it holds and the digest of all of them, each column written out (the
/// store's function: SHA-256, or SM3 tagged `sm3:` with 国密).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableDigest {
    pub table: String,
    pub rows: i64,
    #[serde(alias = "sha256")]
    pub digest: String,
}

/// What a database copy holds: the file written and its tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseCopy {
    pub file: &'static str,
    pub tables: Vec<TableDigest>,
}

impl Store {
    /// Copies the database into the folder `dir` (which exists) as of one instant, with every table's digest.
    pub async fn copy_database(&self, dir: &Path) -> StoreResult<DatabaseCopy> {
        match self.backend() {
            Backend::Sqlite => {
                let target = dir.join(SQLITE_COPY);
                let quoted = target.to_string_lossy().replace('\'', "''");
                sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO '{quoted}'")))
                    .execute(&self.pool)
                    .await?;
                let copy = Store::connect(&DatabaseUrl::Sqlite(target)).await?;
                let tables = copy.table_digests_with(self.chain_hash()).await;
                copy.close().await;
                Ok(DatabaseCopy {
                    file: SQLITE_COPY,
                    tables: tables?,
                })
            }
            Backend::Postgres => {
                let url = self.postgres_url()?;
                let mut tx = self.pool.begin().await?;
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .execute(&mut *tx)
                    .await?;
                let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()")
                    .fetch_one(&mut *tx)
                    .await?;
                let tables = digests(&mut tx, Backend::Postgres, self.chain_hash()).await?;
                let target = dir.join(POSTGRES_COPY);
                let snapshot_arg = format!("--snapshot={snapshot}");
                let file_arg = format!("--file={}", target.display());
                run_tool(
                    "pg_dump",
                    &[
                        "--format=custom",
                        "--no-owner",
                        &snapshot_arg,
                        &file_arg,
                        &url,
                    ],
                )
                .await?;
                tx.rollback().await?;
                Ok(DatabaseCopy {
                    file: POSTGRES_COPY,
                    tables,
                })
            }
        }
    }

    /// Every table's row count and digest, in table order.
    pub async fn table_digests(&self) -> StoreResult<Vec<TableDigest>> {
        self.table_digests_with(self.chain_hash()).await
    }

    /// [`Self::table_digests`] with `algorithm` (a copy's, when it was taken under another profile).
    pub async fn table_digests_with(
        &self,
        algorithm: gongkai_domain::audit::ChainHash,
    ) -> StoreResult<Vec<TableDigest>> {
        let mut conn = self.pool.acquire().await?;
        digests(&mut conn, self.backend(), algorithm).await
    }

    fn postgres_url(&self) -> StoreResult<String> {
        match &self.url {
            DatabaseUrl::Postgres(url) => Ok(url.clone()),
            DatabaseUrl::Sqlite(_) => Err(StoreError::Refused("not a PostgreSQL store".into())),
        }
    }
}

/// Whether `url` names a store with nothing in it yet: a SQLite file that does not exist, or a PostgreSQL database
/// without tables.
pub async fn store_is_empty(url: &DatabaseUrl) -> StoreResult<bool> {
    match url {
        DatabaseUrl::Sqlite(path) => Ok(!path.exists()),
        DatabaseUrl::Postgres(_) => {
            let store = Store::connect(url).await?;
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            )
            .fetch_one(&store.pool)
            .await?;
            store.close().await;
            Ok(tables == 0)
        }
    }
}

/// Restores the copy `file` (from [`Store::copy_database`]) into `url`, which must hold no tables yet (a SQLite
/// file that does not exist, or an empty PostgreSQL database). Nothing is overwritten.
pub async fn restore_database(url: &DatabaseUrl, file: &Path) -> StoreResult<Store> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            if path.exists() {
                return Err(StoreError::Refused(format!(
                    "{} exists already; restore only into an empty store",
                    path.display()
                )));
            }
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|source| StoreError::DataDir {
                    path: parent.display().to_string(),
                    source,
                })?;
            }
            // Written under another name first, so a failed copy never looks like a store.
            let partial = path.with_extension("partial");
            tokio::fs::copy(file, &partial)
                .await
                .map_err(|e| StoreError::Refused(format!("copy {}: {e}", file.display())))?;
            tokio::fs::rename(&partial, path)
                .await
                .map_err(|e| StoreError::Refused(format!("rename {}: {e}", path.display())))?;
            Store::connect(url).await
        }
        DatabaseUrl::Postgres(target) => {
            let store = Store::connect(url).await?;
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            )
            .fetch_one(&store.pool)
            .await?;
            if tables > 0 {
                return Err(StoreError::Refused(format!(
                    "the database holds {tables} tables already; restore only into an empty database"
                )));
            }
            let file_arg = file.display().to_string();
            let db_arg = format!("--dbname={target}");
            run_tool(
                "pg_restore",
                &[
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    &db_arg,
                    &file_arg,
                ],
            )
            .await?;
            Ok(store)
        }
    }
}

async fn run_tool(program: &str, args: &[&str]) -> StoreResult<()> {
    let program = program.to_owned();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let out = tokio::task::spawn_blocking({
        let program = program.clone();
        move || std::process::Command::new(&program).args(&args).output()
    })
    .await
    .map_err(|e| StoreError::Refused(format!("{program}: {e}")))?
    .map_err(|e| StoreError::Refused(format!("cannot run {program}: {e}")))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(StoreError::Refused(format!(
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

/// The digests of every table, read on `conn` (inside a snapshot when the caller opened one).
async fn digests(
    conn: &mut AnyConnection,
    backend: Backend,
    algorithm: gongkai_domain::audit::ChainHash,
) -> StoreResult<Vec<TableDigest>> {
    let tables_sql = match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
    };
    let tables: Vec<String> = sqlx::query_scalar(tables_sql).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(tables.len());
    for table in tables {
        let columns_sql = match backend {
            Backend::Sqlite => "SELECT name FROM pragma_table_info($1) ORDER BY cid",
            Backend::Postgres => {
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
            }
        };
        let columns: Vec<String> = sqlx::query_scalar(columns_sql)
            .bind(&table)
            .fetch_all(&mut *conn)
            .await?;
        out.push(table_digest(conn, backend, &table, &columns, algorithm).await?);
    }
    Ok(out)
}

/// A name as SQL quotes it (the names come from the catalogue, but a quote inside is doubled all the same).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

async fn table_digest(
    conn: &mut AnyConnection,
    backend: Backend,
    table: &str,
    columns: &[String],
    algorithm: gongkai_domain::audit::ChainHash,
) -> StoreResult<TableDigest> {
    // Each row as one text: every column in hex (a NULL as `~`), so any type reads the same on both sides.
    let cell = |c: &String| match backend {
        Backend::Sqlite => format!(
            "CASE WHEN {0} IS NULL THEN '~' ELSE hex({0}) END",
            quoted(c)
        ),
        Backend::Postgres => format!(
            "CASE WHEN {0} IS NULL THEN '~' ELSE encode(convert_to(CAST({0} AS TEXT), 'UTF8'), 'hex') END",
            quoted(c)
        ),
    };
    let row = if columns.is_empty() {
        "''".to_owned()
    } else {
        columns
            .iter()
            .map(cell)
            .collect::<Vec<_>>()
            .join(" || '|' || ")
    };
    let order = match backend {
        Backend::Sqlite => "ORDER BY r",
        Backend::Postgres => "ORDER BY r COLLATE \"C\"",
    };
    let sql = format!(
        "SELECT r FROM (SELECT {row} AS r FROM {}) AS rows_as_text {order}",
        quoted(table)
    );
    let mut hasher = algorithm.hasher();
    let mut rows = 0_i64;
    let mut stream = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *conn);
    while let Some(found) = stream.try_next().await? {
        let text: String = found.try_get("r")?;
        hasher.update(text.as_bytes());
        hasher.update(b"\n");
        rows += 1;
    }
    Ok(TableDigest {
        table: table.to_owned(),
        rows,
        digest: hasher.finish(),
    })
}

//! Files on an application (a correction's attachments, proof of payment, the documents disclosed): one row
//! each, stored in the transaction of the event that brought them, never updated. The bytes live elsewhere
//! under their SHA-256; a row names them.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{ApplicationId, FilePurpose, NewApplicationFile, StoredApplicationFile};
use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::write::WriteTx;

const COLUMNS: &str = "id, application_id, event_seq, purpose, original_name, media_type, sha256, size_bytes, \
     actor, created_at_ms";

/// Stores the files that came with event `seq`.
pub(super) async fn insert(
    w: &mut WriteTx,
    id: ApplicationId,
    seq: i64,
    files: &[NewApplicationFile],
    actor: &str,
) -> StoreResult<()> {
    for file in files {
        sqlx::query(
            "INSERT INTO application_files (application_id, event_seq, purpose, original_name, media_type, \
             sha256, size_bytes, actor, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id.0)
        .bind(seq)
        .bind(file.purpose.code())
        .bind(&file.name)
        .bind(&file.media_type)
        .bind(&file.sha256)
        .bind(i64::try_from(file.size).unwrap_or(i64::MAX))
        .bind(actor)
        .bind(w.now_ms)
        .execute(w.conn())
        .await?;
    }
    Ok(())
}

fn row_to_file(row: &AnyRow) -> StoreResult<StoredApplicationFile> {
    let purpose: String = row.try_get("purpose")?;
    let size: i64 = row.try_get("size_bytes")?;
    Ok(StoredApplicationFile {
        id: row.try_get("id")?,
        application: ApplicationId(row.try_get("application_id")?),
        event_seq: row.try_get("event_seq")?,
        purpose: FilePurpose::from_code(&purpose)
            .ok_or_else(|| StoreError::Corrupt(format!("file purpose '{purpose}'")))?,
        name: row.try_get("original_name")?,
        media_type: row.try_get("media_type")?,
        sha256: row.try_get("sha256")?,
        size: u64::try_from(size).map_err(|_| StoreError::Corrupt(format!("file size {size}")))?,
        actor: row.try_get("actor")?,
        created_at_ms: row.try_get("created_at_ms")?,
    })
}

pub(super) async fn list(
    store: &Store,
    id: ApplicationId,
) -> StoreResult<Vec<StoredApplicationFile>> {
    let sql =
        format!("SELECT {COLUMNS} FROM application_files WHERE application_id = $1 ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(row_to_file).collect()
}

pub(super) async fn one(
    store: &Store,
    id: ApplicationId,
    file: i64,
) -> StoreResult<Option<StoredApplicationFile>> {
    let sql =
        format!("SELECT {COLUMNS} FROM application_files WHERE application_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .bind(file)
        .fetch_optional(&store.pool)
        .await?;
    row.as_ref().map(row_to_file).transpose()
}

//! Files kept in the database (see migration 0022): cut into chunks of [`BLOB_CHUNK`] bytes, written one chunk
//! at a time under a pending name and renamed to their digest in one short transaction, read back one chunk at
//! a time. Every node of a PostgreSQL deployment serves the same files, and a backup of the database holds them.
//! The same file kept twice is kept once.

use futures_util::Stream;
use gongkai_domain::audit::{ChainHash, Hasher};
use sqlx::Row;

use crate::error::{StoreError, StoreResult};
use crate::{Store, backend, now_ms};

/// The size of every chunk but a file's last: small enough that a download holds one at a time, large enough
/// that a 20 MB attachment is 80 rows.
pub const BLOB_CHUNK: usize = 256 * 1024;

/// Whose files: what the portal and the staff serve, or personal data (sealed) that only a caseworker opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobSpace {
    Attachments,
    Private,
}

impl BlobSpace {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Attachments => "attachments",
            Self::Private => "private",
        }
    }
}

/// A kept file: its digest, its size and how many chunks hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    pub space: BlobSpace,
    pub digest: String,
    pub size: i64,
    pub chunks: i64,
}

/// A file being written: chunks go to the database as they fill, under a pending name nobody reads.
pub struct BlobWriter {
    store: Store,
    space: BlobSpace,
    pending: String,
    buffer: Vec<u8>,
    seq: i64,
    size: i64,
    hasher: Hasher,
}

impl Store {
    /// Starts writing a file into `space`; its digest is the store's function ([`Store::chain_hash`]).
    pub fn blob_writer(&self, space: BlobSpace) -> StoreResult<BlobWriter> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|_| StoreError::Refused("no randomness".into()))?;
        Ok(BlobWriter {
            store: self.clone(),
            space,
            pending: format!("pending:{}:{}", now_ms(), hex::encode(nonce)),
            buffer: Vec::with_capacity(BLOB_CHUNK),
            seq: 0,
            size: 0,
            hasher: self.chain_hash().hasher(),
        })
    }

    /// Keeps `bytes` in `space` (once) and returns the file.
    pub async fn put_blob(&self, space: BlobSpace, bytes: &[u8]) -> StoreResult<Blob> {
        let mut writer = self.blob_writer(space)?;
        writer.write(bytes).await?;
        writer.finish().await
    }

    /// The file with `digest` in `space`, if kept.
    pub async fn blob(&self, space: BlobSpace, digest: &str) -> StoreResult<Option<Blob>> {
        if !ChainHash::is_digest(digest) {
            return Ok(None);
        }
        let row =
            sqlx::query("SELECT size_bytes, chunks FROM blobs WHERE space = $1 AND digest = $2")
                .bind(space.as_str())
                .bind(digest)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|row| {
            Ok(Blob {
                space,
                digest: digest.to_owned(),
                size: row.try_get("size_bytes")?,
                chunks: row.try_get("chunks")?,
            })
        })
        .transpose()
    }

    /// The chunks of `blob` in order, each read when asked for: a download holds one chunk at a time.
    pub fn blob_chunks(
        &self,
        blob: &Blob,
    ) -> impl Stream<Item = StoreResult<Vec<u8>>> + Send + 'static + use<> {
        let state = (self.clone(), blob.clone(), 0i64);
        futures_util::stream::try_unfold(state, |(store, blob, seq)| async move {
            if seq >= blob.chunks {
                return Ok(None);
            }
            let bytes: Option<Vec<u8>> = sqlx::query_scalar(
                "SELECT bytes FROM blob_chunks WHERE space = $1 AND blob = $2 AND seq = $3",
            )
            .bind(blob.space.as_str())
            .bind(&blob.digest)
            .bind(seq)
            .fetch_optional(&store.pool)
            .await?;
            let bytes = bytes.ok_or_else(|| {
                StoreError::Corrupt(format!("file {} lacks its chunk {seq}", blob.digest))
            })?;
            Ok(Some((bytes, (store, blob, seq + 1))))
        })
    }

    /// The whole file, for what needs it whole (reading its text, attaching it to an e-mail); downloads stream
    /// [`Store::blob_chunks`] instead.
    pub async fn read_blob(&self, space: BlobSpace, digest: &str) -> StoreResult<Option<Vec<u8>>> {
        use futures_util::TryStreamExt;
        let Some(blob) = self.blob(space, digest).await? else {
            return Ok(None);
        };
        let mut bytes = Vec::with_capacity(usize::try_from(blob.size).unwrap_or(0));
        let mut chunks = std::pin::pin!(self.blob_chunks(&blob));
        while let Some(chunk) = chunks.try_next().await? {
            bytes.extend_from_slice(&chunk);
        }
        Ok(Some(bytes))
    }

    /// Removes a file (an anonymised applicant's proof of identity); true when it was there.
    pub async fn remove_blob(&self, space: BlobSpace, digest: &str) -> StoreResult<bool> {
        let mut tx = backend::begin_write(&self.pool, self.backend).await?;
        let gone = sqlx::query("DELETE FROM blobs WHERE space = $1 AND digest = $2")
            .bind(space.as_str())
            .bind(digest)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM blob_chunks WHERE space = $1 AND blob = $2")
            .bind(space.as_str())
            .bind(digest)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(gone.rows_affected() > 0)
    }

    /// Removes the chunks of writes that never finished (a node stopped mid-upload) begun before `before_ms`;
    /// returns how many chunks went.
    pub async fn sweep_pending_blobs(&self, before_ms: i64) -> StoreResult<u64> {
        let rows = sqlx::query("SELECT DISTINCT blob FROM blob_chunks WHERE blob LIKE 'pending:%'")
            .fetch_all(&self.pool)
            .await?;
        let mut removed = 0;
        for row in rows {
            let name: String = row.try_get("blob")?;
            let started = name
                .split(':')
                .nth(1)
                .and_then(|ms| ms.parse::<i64>().ok())
                .unwrap_or(0);
            if started < before_ms {
                removed += sqlx::query("DELETE FROM blob_chunks WHERE blob = $1")
                    .bind(&name)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
            }
        }
        Ok(removed)
    }
}

impl BlobWriter {
    /// Adds bytes to the file; every full chunk is written at once.
    pub async fn write(&mut self, mut bytes: &[u8]) -> StoreResult<()> {
        self.hasher.update(bytes);
        self.size += i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        while !bytes.is_empty() {
            let room = BLOB_CHUNK - self.buffer.len();
            let (now, later) = bytes.split_at(room.min(bytes.len()));
            self.buffer.extend_from_slice(now);
            bytes = later;
            if self.buffer.len() == BLOB_CHUNK {
                self.flush().await?;
            }
        }
        Ok(())
    }

    async fn flush(&mut self) -> StoreResult<()> {
        sqlx::query("INSERT INTO blob_chunks (space, blob, seq, bytes) VALUES ($1, $2, $3, $4)")
            .bind(self.space.as_str())
            .bind(&self.pending)
            .bind(self.seq)
            .bind(std::mem::take(&mut self.buffer))
            .execute(&self.store.pool)
            .await?;
        self.buffer.reserve(BLOB_CHUNK);
        self.seq += 1;
        Ok(())
    }

    /// Ends the file and names it by the digest of the bytes written.
    pub async fn finish(self) -> StoreResult<Blob> {
        let digest = self.hasher.finish();
        Self::finish_named(
            self.store,
            self.space,
            self.pending,
            self.buffer,
            self.seq,
            self.size,
            digest,
        )
        .await
    }

    /// Ends the file and names it `digest`: a sealed file is named by the digest of what was sealed, which only
    /// the caller knows.
    pub async fn finish_as(self, digest: &str) -> StoreResult<Blob> {
        if !ChainHash::is_digest(digest) {
            return Err(StoreError::Refused(format!("not a digest: {digest}")));
        }
        let digest = digest.to_owned();
        Self::finish_named(
            self.store,
            self.space,
            self.pending,
            self.buffer,
            self.seq,
            self.size,
            digest,
        )
        .await
    }

    async fn finish_named(
        store: Store,
        space: BlobSpace,
        pending: String,
        buffer: Vec<u8>,
        mut seq: i64,
        size: i64,
        digest: String,
    ) -> StoreResult<Blob> {
        let mut tx = backend::begin_write(&store.pool, store.backend).await?;
        if !buffer.is_empty() || seq == 0 {
            sqlx::query(
                "INSERT INTO blob_chunks (space, blob, seq, bytes) VALUES ($1, $2, $3, $4)",
            )
            .bind(space.as_str())
            .bind(&pending)
            .bind(seq)
            .bind(buffer)
            .execute(&mut *tx)
            .await?;
            seq += 1;
        }
        let kept =
            sqlx::query("SELECT size_bytes, chunks FROM blobs WHERE space = $1 AND digest = $2")
                .bind(space.as_str())
                .bind(&digest)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(row) = kept {
            let (size, chunks) = (row.try_get("size_bytes")?, row.try_get("chunks")?);
            // Kept already: the new copy goes, the old one stays.
            sqlx::query("DELETE FROM blob_chunks WHERE space = $1 AND blob = $2")
                .bind(space.as_str())
                .bind(&pending)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(Blob {
                space,
                digest,
                size,
                chunks,
            });
        }
        sqlx::query("UPDATE blob_chunks SET blob = $1 WHERE space = $2 AND blob = $3")
            .bind(&digest)
            .bind(space.as_str())
            .bind(&pending)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO blobs (space, digest, size_bytes, chunks, created_at_ms) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(space.as_str())
        .bind(&digest)
        .bind(size)
        .bind(seq)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Blob {
            space,
            digest,
            size,
            chunks: seq,
        })
    }
}

//! Files in the database (migration 0022), told the same by SQLite and PostgreSQL: cut into fixed chunks
//! whatever the pieces they arrive in, read back byte for byte one chunk at a time, kept once under their
//! digest, a sealed file under the name its writer gives, removed on request, and a write that never finished
//! swept away.

use futures_util::TryStreamExt;
use gongkai_store::{BLOB_CHUNK, BlobSpace, Store};

fn file_of(size: usize, seed: u8) -> Vec<u8> {
    (0..size)
        .map(|i| u8::try_from((i * 31 + usize::from(seed)) % 251).unwrap_or(0))
        .collect()
}

async fn chunk_sizes(store: &Store, space: BlobSpace, digest: &str) -> Vec<usize> {
    let blob = store
        .blob(space, digest)
        .await
        .expect("blob")
        .expect("kept");
    let chunks: Vec<Vec<u8>> = store
        .blob_chunks(&blob)
        .try_collect()
        .await
        .expect("chunks");
    chunks.iter().map(Vec::len).collect()
}

async fn count(store: &Store, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(store.pool_for_tests())
        .await
        .expect("count")
}

pub async fn kept_and_streamed(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    for (size, seed) in [(0, 1), (1, 2), (BLOB_CHUNK, 3), (2 * BLOB_CHUNK + 17, 4)] {
        let bytes = file_of(size, seed);
        // Arriving in pieces of 1,000 bytes, as an upload would.
        let mut writer = store.blob_writer(BlobSpace::Attachments).expect("writer");
        for piece in bytes.chunks(1_000) {
            writer.write(piece).await.expect("write");
        }
        let blob = writer.finish().await.expect("finish");
        assert_eq!(blob.digest, store.chain_hash().digest(&bytes));
        let back = store
            .read_blob(BlobSpace::Attachments, &blob.digest)
            .await
            .expect("read")
            .expect("found");
        let sizes = chunk_sizes(&store, BlobSpace::Attachments, &blob.digest).await;
        told.push(format!(
            "{size} bytes: {} chunks {sizes:?}, same bytes {}",
            blob.chunks,
            back == bytes
        ));
    }
    // The same file again: kept once.
    let again = store
        .put_blob(BlobSpace::Attachments, &file_of(2 * BLOB_CHUNK + 17, 4))
        .await
        .expect("again");
    told.push(format!(
        "again: {} chunks, blobs {}, chunks stored {}",
        again.chunks,
        count(&store, "blobs").await,
        count(&store, "blob_chunks").await
    ));
    // A sealed file is named by its writer; the other space does not see it.
    let name = store.chain_hash().digest(b"the bytes before sealing");
    let mut writer = store.blob_writer(BlobSpace::Private).expect("writer");
    writer.write(b"sealed bytes").await.expect("write");
    writer.finish_as(&name).await.expect("finish as");
    told.push(format!(
        "private: {:?}, among attachments {}",
        store
            .read_blob(BlobSpace::Private, &name)
            .await
            .expect("read")
            .map(|b| String::from_utf8_lossy(&b).into_owned()),
        store
            .blob(BlobSpace::Attachments, &name)
            .await
            .expect("blob")
            .is_some()
    ));
    let refused = store
        .blob_writer(BlobSpace::Private)
        .expect("writer")
        .finish_as("../../etc/passwd")
        .await;
    told.push(format!(
        "a path as a name -> {:?}",
        refused.err().map(|e| e.code())
    ));
    for unknown in ["../../etc/passwd", "sm3:", &"0".repeat(64)] {
        told.push(format!(
            "unknown {unknown:.12}: {:?}",
            store
                .read_blob(BlobSpace::Attachments, unknown)
                .await
                .expect("read")
        ));
    }
    told.push(format!(
        "removed: {} then {}, read {:?}",
        store
            .remove_blob(BlobSpace::Private, &name)
            .await
            .expect("remove"),
        store
            .remove_blob(BlobSpace::Private, &name)
            .await
            .expect("remove"),
        store
            .read_blob(BlobSpace::Private, &name)
            .await
            .expect("read")
    ));
    // A write a stopped node left: two full chunks under a pending name, swept once old enough.
    let before = count(&store, "blob_chunks").await;
    let mut left = store.blob_writer(BlobSpace::Attachments).expect("writer");
    left.write(&file_of(2 * BLOB_CHUNK + 5, 9))
        .await
        .expect("write");
    drop(left);
    let started_before_now = chrono::Utc::now().timestamp_millis() - 60_000;
    told.push(format!(
        "pending chunks {}, swept too early {}, swept later {}, chunks back to before {}",
        count(&store, "blob_chunks").await - before,
        store
            .sweep_pending_blobs(started_before_now)
            .await
            .expect("sweep"),
        store
            .sweep_pending_blobs(chrono::Utc::now().timestamp_millis() + 1)
            .await
            .expect("sweep"),
        count(&store, "blob_chunks").await == before
    ));
    told
}

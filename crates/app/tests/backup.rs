//! Backup while the store is written, restore into an empty store, and find every table, every file and the
//! audit chain equal to the copy's manifest; a damaged copy restores nothing. On SQLite and PostgreSQL alike.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use gongkai_app::backup::{self, BackupError};
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::audit::{ActorRef, ChainHash};
use gongkai_store::testing::ScratchDatabase;
use gongkai_store::{AgencyStore, AuditLog, DatabaseUrl, Store};

fn system() -> ActorRef {
    ActorRef::System {
        reason: "backup test".into(),
    }
}

/// What the writer runs beside, and the attachments kept before (digest, bytes).
type Busy = (
    Arc<AtomicBool>,
    tokio::task::JoinHandle<usize>,
    Vec<(String, Vec<u8>)>,
);

/// Agencies, attachments (in the store) and a calendar file (in the data folder), then a writer that keeps
/// adding agencies (each with its audit event) until stopped.
async fn busy_store(store: &Store, data_dir: &Path) -> Busy {
    let root = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市人民政府", AgencyKind::Government),
            &system(),
        )
        .await
        .expect("agency");
    let mut kept = Vec::new();
    // Up to 1.2 MB: files of several chunks.
    for n in 0..20_u32 {
        let bytes = format!("%PDF-1.7\n附件 {n}\n")
            .repeat(usize::try_from(n).unwrap_or(0) * 5_000 + 1)
            .into_bytes();
        let digest = gongkai_app::attachments::save(store, &bytes)
            .await
            .expect("attachment");
        kept.push((digest, bytes));
    }
    std::fs::create_dir_all(data_dir).expect("data folder");
    std::fs::write(data_dir.join("calendar.tsv"), "2027-01-01\tholiday\t元旦\n").expect("calendar");
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = tokio::spawn({
        let store = store.clone();
        let stop = Arc::clone(&stop);
        let written = Arc::clone(&written);
        async move {
            while !stop.load(Ordering::Relaxed) {
                let n = written.fetch_add(1, Ordering::Relaxed);
                let name = format!("孟州市第{n}局");
                store
                    .create_agency(
                        Some(root.id),
                        &AgencyProfile::named(&name, AgencyKind::Department),
                        &system(),
                    )
                    .await
                    .expect("write during the backup");
            }
            written.load(Ordering::Relaxed)
        }
    });
    (stop, writer, kept)
}

async fn story(source: DatabaseUrl, target: DatabaseUrl, spare: DatabaseUrl, algorithm: ChainHash) {
    let work = tempfile::tempdir().expect("temp dir");
    let data_dir = work.path().join("data");
    let store = Store::open(&source).await.expect("store");
    store.use_chain_hash(algorithm);
    let (stop, writer, kept) = busy_store(&store, &data_dir).await;
    // Let the writer run, then copy while it goes on.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let copy = work.path().join("copy");
    let manifest = backup::backup(&store, &data_dir, &copy, &mut |_| {})
        .await
        .expect("backup while writing");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    let written = writer.await.expect("writer");
    assert!(
        written > 2,
        "the writer wrote during the backup ({written})"
    );
    assert_eq!(
        manifest.files.len(),
        1,
        "the calendar is the one file left in the folder; attachments are in the database"
    );
    let blobs = manifest
        .tables
        .iter()
        .find(|t| t.table == "blobs")
        .expect("blobs table");
    assert_eq!(blobs.rows, 20, "every attachment is in the copy");
    // Every digest of the copy is of the store's function (SM3 with 国密), files and tables alike.
    let digests = std::iter::once(&manifest.database.digest)
        .chain(manifest.files.iter().map(|f| &f.digest))
        .chain(manifest.tables.iter().map(|t| &t.digest));
    for digest in digests {
        assert_eq!(ChainHash::of_stored(digest), algorithm, "{digest}");
    }
    let agencies = manifest
        .tables
        .iter()
        .find(|t| t.table == "agencies")
        .expect("agencies table");
    assert!(agencies.rows >= 1, "{agencies:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).expect("copy").permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o700,
            "the copy is readable by its owner only"
        );
    }

    // Restore into an empty store: every table equal to the manifest, every file back, the chain intact.
    let restored_dir = work.path().join("restored");
    let restored = backup::restore(&copy, &target, &restored_dir, &mut |_| {})
        .await
        .expect("restore");
    assert_eq!(restored.tables, manifest.tables.len());
    assert_eq!(restored.files, 1);
    assert!(restored.audit_events > 0);
    let again = Store::connect(&target).await.expect("restored store");
    assert_eq!(
        again.table_digests_with(algorithm).await.expect("digests"),
        manifest.tables
    );
    assert!(
        again
            .verify_audit(&[], &|_| {})
            .await
            .expect("verify")
            .is_ok()
    );
    for (digest, bytes) in &kept {
        let back = gongkai_app::attachments::read(&again, digest)
            .await
            .expect("restored attachment");
        assert!(back == *bytes, "{digest} comes back byte for byte");
    }
    again.close().await;
    for entry in &manifest.files {
        let original = std::fs::read(data_dir.join(&entry.path)).expect("original");
        let back = std::fs::read(restored_dir.join(&entry.path)).expect("restored file");
        assert_eq!(original, back, "{}", entry.path);
    }
    // Not into a store that holds data already.
    let refused = backup::restore(&copy, &target, &restored_dir, &mut |_| {}).await;
    assert!(refused.is_err(), "restored over an existing store");

    // A copy with one altered byte in its database (where the attachments are) restores nothing.
    let victim = copy.join(&manifest.database.path);
    let mut bytes = std::fs::read(&victim).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&victim, bytes).expect("damage");
    let damaged = backup::restore(&copy, &spare, &work.path().join("spare"), &mut |_| {}).await;
    assert!(
        matches!(&damaged, Err(BackupError::Damaged(p)) if *p == manifest.database.path),
        "{damaged:?}"
    );
    let untouched = Store::connect(&spare).await.expect("spare");
    assert!(
        !untouched.ready().await.unwrap_or(false),
        "nothing was written into the target"
    );
    untouched.close().await;
    // And a new folder is required for a copy.
    let again = backup::backup(&store, &data_dir, &copy, &mut |_| {}).await;
    assert!(
        matches!(again, Err(BackupError::TargetNotEmpty(_))),
        "{again:?}"
    );
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_while_writing_restores_equal() {
    let dir = tempfile::tempdir().expect("temp dir");
    story(
        DatabaseUrl::Sqlite(dir.path().join("source.sqlite3")),
        DatabaseUrl::Sqlite(dir.path().join("target.sqlite3")),
        DatabaseUrl::Sqlite(dir.path().join("spare.sqlite3")),
        ChainHash::Sha256,
    )
    .await;
}

/// 国密: the copy's digests are SM3, and the restore checks them so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_with_sm3_restores_equal() {
    let dir = tempfile::tempdir().expect("temp dir");
    story(
        DatabaseUrl::Sqlite(dir.path().join("source.sqlite3")),
        DatabaseUrl::Sqlite(dir.path().join("target.sqlite3")),
        DatabaseUrl::Sqlite(dir.path().join("spare.sqlite3")),
        ChainHash::Sm3,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_backup_while_writing_restores_equal() {
    let Some(source) = ScratchDatabase::create_or_skip().await else {
        return;
    };
    let target = ScratchDatabase::create().await.expect("target database");
    let spare = ScratchDatabase::create().await.expect("spare database");
    story(
        DatabaseUrl::Postgres(source.url.clone()),
        DatabaseUrl::Postgres(target.url.clone()),
        DatabaseUrl::Postgres(spare.url.clone()),
        ChainHash::Sm3,
    )
    .await;
    source.drop_now().await;
    target.drop_now().await;
    spare.drop_now().await;
}

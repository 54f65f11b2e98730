//! gongkai's storage. Small traits per aggregate ([`AgencyStore`], [`AccountStore`], [`SessionStore`],
//! [`AuditLog`], [`ApplicationStore`], [`AppealStore`] …) implemented by [`Store`] over SQLite (embedded,
//! the default) or PostgreSQL (several nodes on one database). The SQL is written once, with `$1` placeholders
//! both engines accept; what differs per backend (connection set-up, migrations, how writers are serialised)
//! lives in [`backend`].
//!
//! Every write goes through [`write::WriteTx`], which records its audit event in the same transaction.

mod account_security;
mod accounts;
mod agencies;
mod agency_import;
mod api_tokens;
mod appeals;
pub mod applications;
mod audit;
pub mod backend;
mod backup;
mod blobs;
pub mod catalog;
pub mod crypto;
mod error;
mod mail;
pub mod reports;
mod rows;
mod sessions;
#[doc(hidden)]
pub mod testing;
mod traits;
mod write;

pub use account_security::{AccountSecurityStore, LoginLock};
pub use agency_import::{AgencyImportOutcome, AgencyImportRow, AgencyImportStore};
pub use api_tokens::{ApiTokenId, ApiTokenStore, NewApiToken, StoredApiToken};
pub use appeals::{AppealCaseId, AppealStore, NewAppealCase, StoredAppealCase, agency_t4};
pub use applications::records::{AgencyT3, agency_t3, record_of, records_of};
pub use applications::{
    ApplicationEvent, ApplicationId, ApplicationQuery, ApplicationStore, FilePurpose, LetterFile,
    LetterNumber, LoadedApplication, LoadedStep, NewApplication, NewApplicationFile, NewLetter,
    RecordStep, StateFilter, StoredApplication, StoredApplicationFile, StoredLetter,
};
pub use backend::{Backend, DatabaseUrl};
pub use backup::{
    DatabaseCopy, POSTGRES_COPY, SQLITE_COPY, TableDigest, restore_database, store_is_empty,
};
pub use blobs::{BLOB_CHUNK, Blob, BlobSpace, BlobWriter};
pub use catalog::{
    AttachmentRecord, AttachmentText, AttachmentTextStore, AttachmentToRead, CatalogItem,
    CatalogStore, ImportOutcome, ImportRow, ItemFilter, ItemId, ReadText,
};
pub use error::{StoreError, StoreResult, UrlProblem};
pub use mail::{MailState, MailStore, NewMail, StoredMail};
pub use reports::{
    ImportedReport, NewPublication, Publication, PublishedFile, PublishedPage, ReportInputStore,
    ReportInputs,
};
pub use traits::{
    AccountStore, AgencyStore, AuditFilter, AuditLog, Credentials, NewAccount, SessionRecord,
    SessionStore,
};
pub use write::PublicChange;

use sqlx::AnyPool;

/// A connection pool to one gongkai database, with the operations of every aggregate.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    location: String,
    /// The address connected to, with its password (for `pg_dump`); never shown, see `location`.
    url: DatabaseUrl,
    /// The keys personal data is sealed with (see [`crypto`]); none: written as it is (tests, tools).
    keyring: std::sync::Arc<std::sync::RwLock<Option<std::sync::Arc<crypto::Keyring>>>>,
    /// Whether new audit events are chained with SM3 (`crypto = "gm"`) rather than SHA-256.
    sm3_chain: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Every agency as read at a public change sequence (see `AgencyStore::agencies`).
    agency_cache: AgencyCache,
}

type AgencyCache = std::sync::Arc<
    std::sync::Mutex<Option<(i64, std::sync::Arc<Vec<gongkai_domain::agency::Agency>>)>>,
>;

impl Store {
    /// Connects and brings the schema up to date (what `gongkai serve` and the other commands do).
    pub async fn open(url: &DatabaseUrl) -> StoreResult<Self> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Lets SQLite's planner know the shape of the data (`ANALYZE`, sampled: 24 ms on 1,000,000 items). Without
    /// it the planner guesses, and one query can want opposite plans: a fee event of a small agency is found
    /// through the agency's applications, of an agency with 100,000 applications through the events of that
    /// kind; guessing the second for the first made a 1,000-agency roll-up take 9 s instead of 3 to 4 (see
    /// BENCHMARKS.md, issue 15). `serve` runs it at start and every hour (the data grows), the commands that
    /// read a store when they open it. PostgreSQL keeps its statistics itself.
    pub async fn refresh_statistics(&self) -> StoreResult<()> {
        if self.backend == Backend::Sqlite {
            // One connection: the limit holds for the connection it is set on.
            let mut conn = self.pool.acquire().await?;
            sqlx::query("PRAGMA analysis_limit = 1000")
                .execute(&mut *conn)
                .await?;
            sqlx::query("ANALYZE").execute(&mut *conn).await?;
        }
        Ok(())
    }

    /// Connects without touching the schema.
    pub async fn connect(url: &DatabaseUrl) -> StoreResult<Self> {
        let pool = backend::connect(url).await?;
        Ok(Self {
            pool,
            backend: url.backend(),
            location: url.redacted(),
            url: url.clone(),
            keyring: std::sync::Arc::default(),
            sm3_chain: std::sync::Arc::default(),
            agency_cache: AgencyCache::default(),
        })
    }

    /// Seals personal data with `ring` from now on, in this store and every clone of it.
    pub fn use_keyring(&self, ring: crypto::Keyring) {
        if let Ok(mut slot) = self.keyring.write() {
            *slot = Some(std::sync::Arc::new(ring));
        }
    }

    /// Chains new audit events with `algorithm` from now on (earlier ones keep theirs and still verify).
    pub fn use_chain_hash(&self, algorithm: gongkai_domain::audit::ChainHash) {
        self.sm3_chain.store(
            algorithm == gongkai_domain::audit::ChainHash::Sm3,
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// The hash function of this store's profile (audit chain, query codes).
    pub fn chain_hash(&self) -> gongkai_domain::audit::ChainHash {
        if self.sm3_chain.load(std::sync::atomic::Ordering::Relaxed) {
            gongkai_domain::audit::ChainHash::Sm3
        } else {
            gongkai_domain::audit::ChainHash::Sha256
        }
    }

    /// The keys personal data is sealed with, if any.
    pub fn keyring(&self) -> Option<std::sync::Arc<crypto::Keyring>> {
        self.keyring.read().ok().and_then(|slot| slot.clone())
    }

    /// Applies the migrations this build carries that the database lacks; returns how many were applied.
    pub async fn migrate(&self) -> StoreResult<usize> {
        let before = self.applied_migrations().await.unwrap_or(0);
        backend::migrator(self.backend).run(&self.pool).await?;
        let after = self.applied_migrations().await?;
        Ok(after.saturating_sub(before))
    }

    /// True when the database answers and carries every migration of this build (`/readyz`).
    pub async fn ready(&self) -> StoreResult<bool> {
        let applied = self.applied_migrations().await?;
        Ok(applied >= backend::migrator(self.backend).iter().count())
    }

    async fn applied_migrations(&self) -> StoreResult<usize> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_one(&self.pool)
                .await?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Where the data lives, without any password, for logs and messages.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Waits for the connections to finish and closes them (graceful shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    #[doc(hidden)]
    /// The raw pool, for tests that must tamper with rows as an intruder would.
    pub fn pool_for_tests(&self) -> &AnyPool {
        &self.pool
    }
}

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_ms() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

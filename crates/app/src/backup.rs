//! `gongkai backup --to DIR` and `gongkai restore --from DIR`: a copy of everything a node keeps (the database
//! as of one instant, and the files: attachments, proofs of identity, the calendar overlay) with a manifest of
//! their digests; and its restore into an empty store, refused when any file of the copy is missing or altered,
//! and checked (every table's digest, the audit chain) before it is reported done. The search indexes are not
//! copied: a node rebuilds them from the store.

use std::path::{Path, PathBuf};

use gongkai_domain::audit::ChainHash;
use gongkai_domain::message::{Arg, Args, Coded};
use gongkai_store::{AuditLog, DatabaseCopy, DatabaseUrl, Store, StoreError, TableDigest};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The name of a copy's manifest, and the format it is written in.
pub const MANIFEST: &str = "manifest.json";
pub const FORMAT: &str = "gongkai-backup/1";
/// The folders and files of a data folder that are copied (the rest is rebuilt: search indexes, the WAL). The
/// key file is not: a copy holds only sealed personal data, and the key is kept (and backed up) apart.
const KEPT: [&str; 3] = ["attachments", "private", "calendar.tsv"];
/// Where the files go inside a copy.
const FILES: &str = "files";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Relative to the copy (the database) or to the data folder (`attachments/ab/abcd…`), with `/`.
    pub path: String,
    /// SHA-256, or SM3 tagged `sm3:` when the copy was taken with 国密 (`crypto = "gm"`).
    #[serde(alias = "sha256")]
    pub digest: String,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// When the copy was taken (RFC 3339, UTC).
    pub taken_at: String,
    /// `sqlite` or `postgres`: a copy restores into the same kind of store.
    pub backend: String,
    pub database: FileEntry,
    pub tables: Vec<TableDigest>,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0} exists and is not empty; a copy goes into a new folder")]
    TargetNotEmpty(String),
    #[error("{0} holds data already; restore only into an empty store")]
    StoreNotEmpty(String),
    #[error("{0} has no readable manifest.json of a gongkai copy")]
    NoManifest(String),
    #[error("the copy is damaged: {0} is missing or altered; nothing was restored")]
    Damaged(String),
    #[error("the copy is of a {copy} store and cannot be restored into {target}")]
    WrongBackend { copy: String, target: String },
    #[error("after the restore, table {0} differs from the copy; do not use the restored store")]
    TableDiffers(String),
    #[error("after the restore, the audit chain does not verify: {0}")]
    AuditChain(String),
}

impl BackupError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Store(_) => "backup.store",
            Self::Io { .. } => "backup.io",
            Self::TargetNotEmpty(_) => "backup.target_not_empty",
            Self::NoManifest(_) => "backup.no_manifest",
            Self::StoreNotEmpty(_) => "backup.store_not_empty",
            Self::Damaged(_) => "backup.damaged",
            Self::WrongBackend { .. } => "backup.wrong_backend",
            Self::TableDiffers(_) => "backup.table_differs",
            Self::AuditChain(_) => "backup.audit_chain",
        }
    }
}

impl Coded for BackupError {
    fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            _ => BackupError::code(self),
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::Store(e) => e.args(),
            Self::Io { path, source } => {
                vec![("path", Arg::text(path)), ("source", Arg::text(source))]
            }
            Self::TargetNotEmpty(p)
            | Self::NoManifest(p)
            | Self::Damaged(p)
            | Self::StoreNotEmpty(p) => {
                vec![("path", Arg::text(p))]
            }
            Self::WrongBackend { copy, target } => {
                vec![("copy", Arg::text(copy)), ("target", Arg::text(target))]
            }
            Self::TableDiffers(t) => vec![("table", Arg::text(t))],
            Self::AuditChain(why) => vec![("why", Arg::text(why))],
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// What a restore found: the tables and rows checked, the files put back, the audit events verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub tables: usize,
    pub rows: i64,
    pub files: usize,
    pub audit_events: u64,
}

/// Takes a copy of `store` and of `data_dir`'s files into the new folder `to`; `progress` hears each step.
pub async fn backup(
    store: &Store,
    data_dir: &Path,
    to: &Path,
    progress: &mut (dyn FnMut(&str) + Send),
) -> Result<Manifest, BackupError> {
    prepare_target(to).await?;
    progress("database");
    let DatabaseCopy { file, tables } = store.copy_database(to).await?;
    let database_path = to.join(file);
    private_file(&database_path).await?;
    let algorithm = store.chain_hash();
    let (digest, size) = digest_of(&database_path, algorithm).await?;
    let database = FileEntry {
        path: file.to_owned(),
        digest,
        size,
    };
    // Files are written before the rows that name them, so every file the database copy names exists now.
    let mut files = Vec::new();
    for kept in KEPT {
        let source = data_dir.join(kept);
        for relative in walk(&source, kept).await? {
            progress(&relative);
            let from = data_dir.join(&relative);
            let target = to.join(FILES).join(&relative);
            let (digest, size) = copy_hashing(&from, &target, algorithm).await?;
            files.push(FileEntry {
                path: relative,
                digest,
                size,
            });
        }
    }
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        taken_at: chrono::Utc::now().to_rfc3339(),
        backend: store.backend().name().to_owned(),
        database,
        tables,
        files,
    };
    let text = serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Io {
        path: MANIFEST.into(),
        source: std::io::Error::other(e),
    })?;
    let path = to.join(MANIFEST);
    tokio::fs::write(&path, text).await.map_err(io(&path))?;
    private_file(&path).await?;
    Ok(manifest)
}

/// Restores the copy in `from` into the empty store at `url` and the data folder `data_dir`.
pub async fn restore(
    from: &Path,
    url: &DatabaseUrl,
    data_dir: &Path,
    progress: &mut (dyn FnMut(&str) + Send),
) -> Result<Restored, BackupError> {
    let manifest = read_manifest(from).await?;
    if manifest.backend != url.backend().name() {
        return Err(BackupError::WrongBackend {
            copy: manifest.backend,
            target: url.backend().name().to_owned(),
        });
    }
    if !gongkai_store::store_is_empty(url).await? {
        return Err(BackupError::StoreNotEmpty(url.redacted()));
    }
    // Every file is checked before anything is written: a damaged copy restores nothing.
    progress("check");
    check_entry(&from.join(&manifest.database.path), &manifest.database).await?;
    for entry in &manifest.files {
        check_entry(&from.join(FILES).join(&entry.path), entry).await?;
    }
    progress("database");
    let store = gongkai_store::restore_database(url, &from.join(&manifest.database.path)).await?;
    // The tables are digested with the copy's function, whatever this server's profile.
    let algorithm = manifest
        .tables
        .first()
        .map(|t| ChainHash::of_stored(&t.digest))
        .unwrap_or_default();
    let found = store.table_digests_with(algorithm).await?;
    for expected in &manifest.tables {
        if !found.contains(expected) {
            return Err(BackupError::TableDiffers(expected.table.clone()));
        }
    }
    for entry in &manifest.files {
        progress(&entry.path);
        copy_hashing(
            &from.join(FILES).join(&entry.path),
            &data_dir.join(&entry.path),
            ChainHash::of_stored(&entry.digest),
        )
        .await?;
    }
    progress("audit");
    let verified = store
        .verify_audit(&[], &|_| {})
        .await?
        .map_err(|b| BackupError::AuditChain(format!("{b:?}")))?;
    store.close().await;
    Ok(Restored {
        tables: manifest.tables.len(),
        rows: manifest.tables.iter().map(|t| t.rows).sum(),
        files: manifest.files.len(),
        audit_events: verified,
    })
}

pub async fn read_manifest(from: &Path) -> Result<Manifest, BackupError> {
    let path = from.join(MANIFEST);
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| BackupError::NoManifest(from.display().to_string()))?;
    let manifest: Manifest = serde_json::from_slice(&bytes)
        .map_err(|_| BackupError::NoManifest(from.display().to_string()))?;
    if manifest.format != FORMAT {
        return Err(BackupError::NoManifest(from.display().to_string()));
    }
    // A path that climbs out of the copy is damage, not a file to restore.
    for entry in std::iter::once(&manifest.database).chain(&manifest.files) {
        if entry
            .path
            .split('/')
            .any(|part| part == ".." || part.is_empty())
            || entry.path.starts_with('/')
        {
            return Err(BackupError::Damaged(entry.path.clone()));
        }
    }
    Ok(manifest)
}

async fn check_entry(path: &Path, entry: &FileEntry) -> Result<(), BackupError> {
    match digest_of(path, ChainHash::of_stored(&entry.digest)).await {
        Ok((digest, size)) if digest == entry.digest && size == entry.size => Ok(()),
        _ => Err(BackupError::Damaged(entry.path.clone())),
    }
}

/// A new folder for the copy, readable by its owner only; an existing empty folder is taken as it is.
async fn prepare_target(to: &Path) -> Result<(), BackupError> {
    if let Ok(mut entries) = tokio::fs::read_dir(to).await
        && entries.next_entry().await.map_err(io(to))?.is_some()
    {
        return Err(BackupError::TargetNotEmpty(to.display().to_string()));
    }
    tokio::fs::create_dir_all(to).await.map_err(io(to))?;
    private_dir(to).await
}

/// Every file below `root` (a folder or a single file), as paths relative to the data folder with `/`.
async fn walk(root: &Path, name: &str) -> Result<Vec<String>, BackupError> {
    let mut out = Vec::new();
    let Ok(meta) = tokio::fs::metadata(root).await else {
        return Ok(out);
    };
    if meta.is_file() {
        out.push(name.to_owned());
        return Ok(out);
    }
    let mut pending: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), name.to_owned())];
    while let Some((dir, prefix)) = pending.pop() {
        let mut entries = tokio::fs::read_dir(&dir).await.map_err(io(&dir))?;
        while let Some(entry) = entries.next_entry().await.map_err(io(&dir))? {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let relative = format!("{prefix}/{file_name}");
            let kind = entry.file_type().await.map_err(io(&dir))?;
            if kind.is_dir() {
                pending.push((entry.path(), relative));
            } else if kind.is_file() {
                out.push(relative);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Copies `from` to `to` (its folders made, readable by the owner only), hashing as it goes; never whole in
/// memory.
async fn copy_hashing(
    from: &Path,
    to: &Path,
    algorithm: ChainHash,
) -> Result<(String, u64), BackupError> {
    if let Some(parent) = to.parent() {
        tokio::fs::create_dir_all(parent)
            .await
            .map_err(io(parent))?;
        private_dir(parent).await?;
    }
    let mut writer = tokio::fs::File::create(to).await.map_err(io(to))?;
    let digest = hash_file(from, Some((&mut writer, to)), algorithm).await?;
    writer.sync_all().await.map_err(io(to))?;
    private_file(to).await?;
    Ok(digest)
}

async fn digest_of(path: &Path, algorithm: ChainHash) -> Result<(String, u64), BackupError> {
    hash_file(path, None, algorithm).await
}

/// The digest (with `algorithm`) and size of the file at `path`, read in blocks and written on to `copy` when one
/// is given.
async fn hash_file(
    path: &Path,
    mut copy: Option<(&mut tokio::fs::File, &Path)>,
    algorithm: ChainHash,
) -> Result<(String, u64), BackupError> {
    let mut reader = tokio::fs::File::open(path).await.map_err(io(path))?;
    let mut hasher = algorithm.hasher();
    let mut buf = vec![0_u8; 256 * 1024];
    let mut size = 0_u64;
    loop {
        let n = reader.read(&mut buf).await.map_err(io(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        if let Some((writer, to)) = copy.as_mut() {
            writer.write_all(&buf[..n]).await.map_err(io(to))?;
        }
        size += n as u64;
    }
    Ok((hasher.finish(), size))
}

#[cfg(unix)]
async fn private_file(path: &Path) -> Result<(), BackupError> {
    use std::os::unix::fs::PermissionsExt;
    tokio::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .await
        .map_err(io(path))
}

#[cfg(unix)]
async fn private_dir(path: &Path) -> Result<(), BackupError> {
    use std::os::unix::fs::PermissionsExt;
    tokio::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
        .await
        .map_err(io(path))
}

#[cfg(not(unix))]
async fn private_file(_: &Path) -> Result<(), BackupError> {
    Ok(())
}

#[cfg(not(unix))]
async fn private_dir(_: &Path) -> Result<(), BackupError> {
    Ok(())
}

//! Attachment bytes on disk, stored under their digest (`DATA_DIR/attachments/ab/abcdef…`; with 国密, SM3's
//! `sm3:abcdef…` under `DATA_DIR/attachments/sm3/ab/`): the same file uploaded twice is kept once, and a name
//! typed by a user never becomes a path. The digest function is the store's ([`gongkai_store::Store::chain_hash`]),
//! so files kept before a change of profile are still found under the digest their row records.

use std::path::{Path, PathBuf};

use gongkai_domain::audit::ChainHash;

use crate::error::AppError;
use crate::error_code::ErrorCode;

fn path_in(data_dir: &Path, folder: &str, digest: &str) -> Result<PathBuf, AppError> {
    if !ChainHash::is_digest(digest) {
        return Err(AppError::NotFound(ErrorCode::HttpNotFound));
    }
    let base = data_dir.join(folder);
    Ok(match digest.strip_prefix("sm3:") {
        Some(hex) => base.join("sm3").join(&hex[..2]).join(hex),
        None => base.join(&digest[..2]).join(digest),
    })
}

fn path_of(data_dir: &Path, sha256: &str) -> Result<PathBuf, AppError> {
    path_in(data_dir, "attachments", sha256)
}

/// Where files with personal data live (proofs of identity), apart from the attachments the portal serves.
const PRIVATE: &str = "private";
/// What a sealed private file is bound to.
const PRIVATE_CONTEXT: &[u8] = b"private-file";

/// Writes the bytes (once) and returns their digest with `algorithm` (the store's).
pub async fn save(data_dir: &Path, algorithm: ChainHash, bytes: &[u8]) -> Result<String, AppError> {
    let sha = algorithm.digest(bytes);
    let path = path_of(data_dir, &sha)?;
    write_once(&path, bytes).await?;
    Ok(sha)
}

/// Writes `bytes` at `path` unless a file is there already: folders made readable by the owner only (0700),
/// the file too (0600).
async fn write_once(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    if tokio::fs::try_exists(path).await.unwrap_or(false) {
        return Ok(());
    }
    let io = |e: std::io::Error| AppError::Internal(format!("file {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(io)?;
        private_dir(dir).await.map_err(io)?;
        if let Some(top) = dir.parent() {
            private_dir(top).await.map_err(io)?;
        }
    }
    // Written under a temporary name and renamed, so that a crash never leaves half a file under the hash;
    // the name is unique, so that two uploads of the same file do not write over each other.
    let nonce =
        crate::secrets::random_token().map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let partial = path.with_extension(format!("{}.partial", &nonce[..16]));
    tokio::fs::write(&partial, bytes).await.map_err(io)?;
    private_file(&partial).await.map_err(io)?;
    tokio::fs::rename(&partial, path).await.map_err(io)?;
    Ok(())
}

#[cfg(unix)]
async fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    tokio::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).await
}

#[cfg(unix)]
async fn private_file(file: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    tokio::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).await
}

#[cfg(not(unix))]
async fn private_dir(_: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(not(unix))]
async fn private_file(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Keeps a file with personal data (a proof of identity): sealed with the store's keys when it has them, under
/// `DATA_DIR/private`, never among the attachments. Returns the digest of the bytes as given (the store's
/// function: SHA-256, or SM3 with 国密).
pub async fn save_private(app: &crate::App, bytes: &[u8]) -> Result<String, AppError> {
    let sha = app.store.chain_hash().digest(bytes);
    let path = path_in(&app.data_dir, PRIVATE, &sha)?;
    let kept = match app.store.keyring() {
        Some(ring) => ring
            .seal(bytes, PRIVATE_CONTEXT)
            .map_err(|e| AppError::Store(e.into()))?
            .into_bytes(),
        None => bytes.to_vec(),
    };
    write_once(&path, &kept).await?;
    Ok(sha)
}

/// Removes a file kept by [`save_private`] (an anonymised applicant's proof of identity); one already gone is
/// not an error.
pub async fn remove_private(data_dir: &Path, sha256: &str) -> Result<(), AppError> {
    let path = path_in(data_dir, PRIVATE, sha256)?;
    match tokio::fs::remove_file(&path).await {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(AppError::Internal(format!("file {}: {e}", path.display()))),
    }
}

/// A file kept by [`save_private`], opened; one kept among the attachments before is read from there.
pub async fn read_private(app: &crate::App, sha256: &str) -> Result<Vec<u8>, AppError> {
    let path = path_in(&app.data_dir, PRIVATE, sha256)?;
    let kept = match tokio::fs::read(&path).await {
        Ok(kept) => kept,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return read(&app.data_dir, sha256).await;
        }
        Err(e) => return Err(AppError::Internal(format!("file {}: {e}", path.display()))),
    };
    let Some(ring) = app.store.keyring() else {
        return Ok(kept);
    };
    let text = String::from_utf8_lossy(&kept);
    match ring
        .open(&text, PRIVATE_CONTEXT)
        .map_err(|e| AppError::Store(e.into()))?
    {
        Some(plain) => Ok(plain),
        None => Ok(kept),
    }
}

pub async fn read(data_dir: &Path, sha256: &str) -> Result<Vec<u8>, AppError> {
    let path = path_of(data_dir, sha256)?;
    tokio::fs::read(&path).await.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => AppError::NotFound(ErrorCode::HttpNotFound),
        _ => AppError::Internal(format!("attachment {}: {e}", path.display())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn bytes_come_back_and_hashes_are_not_paths() {
        let dir = tempfile::tempdir().expect("dir");
        for algorithm in [ChainHash::Sha256, ChainHash::Sm3] {
            let sha = save(dir.path(), algorithm, b"%PDF-1.7 demo")
                .await
                .expect("save");
            assert_eq!(sha, algorithm.digest(b"%PDF-1.7 demo"));
            assert_eq!(
                read(dir.path(), &sha).await.expect("read"),
                b"%PDF-1.7 demo"
            );
        }
        // 国密: SM3's digest names the file, in a folder of its own.
        let sm3 = ChainHash::Sm3.digest(b"%PDF-1.7 demo");
        let hex = sm3.trim_start_matches("sm3:");
        assert!(
            dir.path()
                .join("attachments/sm3")
                .join(&hex[..2])
                .join(hex)
                .is_file()
        );
        for bad in ["../../etc/passwd", "sm3:../../etc/passwd", "sm3:"] {
            assert!(
                matches!(read(dir.path(), bad).await, Err(AppError::NotFound(_))),
                "{bad}"
            );
        }
    }
}

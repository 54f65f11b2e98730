//! Attachment bytes on disk, stored under their SHA-256 (`DATA_DIR/attachments/ab/abcdef…`): the same file
//! uploaded twice is kept once, and a name typed by a user never becomes a path.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::error_code::ErrorCode;

fn path_of(data_dir: &Path, sha256: &str) -> Result<PathBuf, AppError> {
    if sha256.len() != 64 || !sha256.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::NotFound(ErrorCode::HttpNotFound));
    }
    Ok(data_dir.join("attachments").join(&sha256[..2]).join(sha256))
}

/// Writes the bytes (once) and returns their SHA-256.
pub async fn save(data_dir: &Path, bytes: &[u8]) -> Result<String, AppError> {
    let sha = hex::encode(Sha256::digest(bytes));
    let path = path_of(data_dir, &sha)?;
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(sha);
    }
    let io = |e: std::io::Error| AppError::Internal(format!("attachment {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(io)?;
    }
    // Written under a temporary name and renamed, so that a crash never leaves half a file under the hash;
    // the name is unique, so that two uploads of the same file do not write over each other.
    let nonce =
        crate::secrets::random_token().map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let partial = path.with_extension(format!("{}.partial", &nonce[..16]));
    tokio::fs::write(&partial, bytes).await.map_err(io)?;
    tokio::fs::rename(&partial, &path).await.map_err(io)?;
    Ok(sha)
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
        let sha = save(dir.path(), b"%PDF-1.7 demo").await.expect("save");
        assert_eq!(
            read(dir.path(), &sha).await.expect("read"),
            b"%PDF-1.7 demo"
        );
        assert!(matches!(
            read(dir.path(), "../../etc/passwd").await,
            Err(AppError::NotFound(_))
        ));
    }
}

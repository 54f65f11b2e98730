//! Moving the files an older version kept on disk (`DATA_DIR/attachments/ab/abcdef…`, SM3's under
//! `attachments/sm3/ab/`, proofs of identity under `private/`) into the database, where every node finds them.
//! Each file is streamed in chunk by chunk and removed from disk only once its copy has committed; a file whose
//! bytes do not match the digest it is named by stays where it is and is reported. Running it again finds
//! nothing to do.

use std::path::{Path, PathBuf};

use gongkai_domain::audit::ChainHash;
use gongkai_store::{BLOB_CHUNK, BlobSpace, Store};
use tokio::io::AsyncReadExt;

use crate::error::AppError;

/// What a move did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MovedFiles {
    pub files: usize,
    pub bytes: u64,
    /// Files left on disk, with why (in English, for the log).
    pub left: Vec<(PathBuf, String)>,
}

/// Moves every file under `data_dir`'s `attachments` and `private` folders into `store`; `progress` hears
/// each file's path.
pub async fn move_into_store(
    store: &Store,
    data_dir: &Path,
    progress: &mut (dyn FnMut(&Path) + Send),
) -> Result<MovedFiles, AppError> {
    let mut moved = MovedFiles::default();
    for (folder, space) in [
        ("attachments", BlobSpace::Attachments),
        ("private", BlobSpace::Private),
    ] {
        let root = data_dir.join(folder);
        for path in files_under(&root).await? {
            progress(&path);
            let Some(digest) = digest_named(&root, &path) else {
                moved.left.push((path, "not named by a digest".into()));
                continue;
            };
            match move_one(store, space, &path, &digest).await? {
                Ok(size) => {
                    moved.files += 1;
                    moved.bytes += size;
                }
                Err(why) => moved.left.push((path, why)),
            }
        }
        remove_empty_folders(&root).await;
    }
    Ok(moved)
}

/// The digest a kept file's path names: `ab/abcdef…` (SHA-256) or `sm3/ab/abcdef…` (SM3).
fn digest_named(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let digest = match parts.as_slice() {
        [prefix, hex] if hex.starts_with(prefix.as_str()) => hex.clone(),
        [sm3, prefix, hex] if sm3 == "sm3" && hex.starts_with(prefix.as_str()) => {
            format!("sm3:{hex}")
        }
        _ => return None,
    };
    ChainHash::is_digest(&digest).then_some(digest)
}

/// Streams one file in; Ok(Err(why)) when it stays on disk.
async fn move_one(
    store: &Store,
    space: BlobSpace,
    path: &Path,
    digest: &str,
) -> Result<Result<u64, String>, AppError> {
    let io = |e: std::io::Error| AppError::Internal(format!("file {}: {e}", path.display()));
    let mut file = tokio::fs::File::open(path).await.map_err(io)?;
    let mut writer = store.blob_writer(space)?;
    // Attachments are named by the digest of their bytes, checked as they stream; proofs of identity by that
    // of the bytes before sealing, which only the key could check.
    let mut hasher = ChainHash::of_stored(digest).hasher();
    let mut buffer = vec![0u8; BLOB_CHUNK];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer).await.map_err(io)?;
        if n == 0 {
            break;
        }
        let piece = buffer.get(..n).unwrap_or_default();
        hasher.update(piece);
        writer.write(piece).await?;
        size += n as u64;
    }
    if space == BlobSpace::Attachments && hasher.finish() != digest {
        return Ok(Err(
            "its bytes do not match the digest it is named by".into()
        ));
    }
    writer.finish_as(digest).await?;
    tokio::fs::remove_file(path).await.map_err(io)?;
    Ok(Ok(size))
}

async fn files_under(root: &Path) -> Result<Vec<PathBuf>, AppError> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let mut entries = match tokio::fs::read_dir(&dir).await {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(AppError::Internal(format!("folder {}: {e}", dir.display()))),
        };
        let io = |e: std::io::Error| AppError::Internal(format!("folder {}: {e}", dir.display()));
        while let Some(entry) = entries.next_entry().await.map_err(io)? {
            let kind = entry.file_type().await.map_err(io)?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                // A write an older version left half done (`….partial`) was never a kept file.
                if entry.file_name().to_string_lossy().contains(".partial") {
                    continue;
                }
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Removes the folders the move emptied (those still holding a file stay).
async fn remove_empty_folders(root: &Path) {
    let mut dirs = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        if let Ok(mut entries) = tokio::fs::read_dir(&dir).await {
            while let Ok(Some(entry)) = entries.next_entry().await {
                if entry.file_type().await.is_ok_and(|k| k.is_dir()) {
                    pending.push(entry.path());
                }
            }
            dirs.push(dir);
        }
    }
    // Deepest first; remove_dir refuses a folder that is not empty.
    for dir in dirs.into_iter().rev() {
        let _ = tokio::fs::remove_dir(&dir).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_digest_paths_name_files() {
        let root = Path::new("/d/attachments");
        let sha = "ab".to_owned() + &"c".repeat(62);
        assert_eq!(
            digest_named(root, &root.join("ab").join(&sha)).as_deref(),
            Some(sha.as_str())
        );
        assert_eq!(
            digest_named(root, &root.join("sm3/ab").join(&sha)),
            Some(format!("sm3:{sha}"))
        );
        for bad in [
            "cd/".to_owned() + &sha,
            "ab/notes.txt".into(),
            "x/y/z".into(),
        ] {
            assert_eq!(digest_named(root, &root.join(bad)), None);
        }
    }
}

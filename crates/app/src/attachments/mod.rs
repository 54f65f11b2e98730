//! Files kept in the database under their digest (the store's function: SHA-256, or SM3 `sm3:…` with 国密),
//! so that every node serves them and every backup holds them: catalogue attachments and the files on an
//! application in one space, proofs of identity sealed in another ([`gongkai_store::BlobSpace`]). The same file
//! uploaded twice is kept once, and a name typed by a user never becomes a path. Files an older version kept on
//! disk are moved in by [`disk::move_into_store`].

pub mod disk;

use futures_util::Stream;
use gongkai_store::{Blob, BlobSpace, Store, StoreError};

use crate::error::AppError;
use crate::error_code::ErrorCode;

/// What a sealed private file is bound to.
const PRIVATE_CONTEXT: &[u8] = b"private-file";

/// Keeps the bytes (once) and returns their digest.
pub async fn save(store: &Store, bytes: &[u8]) -> Result<String, AppError> {
    Ok(store.put_blob(BlobSpace::Attachments, bytes).await?.digest)
}

/// A kept file whole (for reading its text or attaching it to an e-mail; downloads use [`open`]).
pub async fn read(store: &Store, digest: &str) -> Result<Vec<u8>, AppError> {
    store
        .read_blob(BlobSpace::Attachments, digest)
        .await?
        .ok_or(AppError::NotFound(ErrorCode::HttpNotFound))
}

/// A kept file to stream: its size, then its chunks one at a time.
pub async fn open(
    store: &Store,
    digest: &str,
) -> Result<
    (
        Blob,
        impl Stream<Item = Result<Vec<u8>, StoreError>> + Send + 'static + use<>,
    ),
    AppError,
> {
    let blob = store
        .blob(BlobSpace::Attachments, digest)
        .await?
        .ok_or(AppError::NotFound(ErrorCode::HttpNotFound))?;
    let chunks = store.blob_chunks(&blob);
    Ok((blob, chunks))
}

/// Keeps a file with personal data (a proof of identity): sealed with the store's keys when it has them, in
/// the private space, never among the attachments. Returns the digest of the bytes as given.
pub async fn save_private(app: &crate::App, bytes: &[u8]) -> Result<String, AppError> {
    let digest = app.store.chain_hash().digest(bytes);
    let kept = seal(app, bytes)?;
    let mut writer = app.store.blob_writer(BlobSpace::Private)?;
    writer.write(&kept).await?;
    writer.finish_as(&digest).await?;
    Ok(digest)
}

fn seal(app: &crate::App, bytes: &[u8]) -> Result<Vec<u8>, AppError> {
    Ok(match app.store.keyring() {
        Some(ring) => ring
            .seal(bytes, PRIVATE_CONTEXT)
            .map_err(|e| AppError::Store(e.into()))?
            .into_bytes(),
        None => bytes.to_vec(),
    })
}

/// Removes a file kept by [`save_private`] (an anonymised applicant's proof of identity); one already gone is
/// not an error.
pub async fn remove_private(store: &Store, digest: &str) -> Result<(), AppError> {
    store.remove_blob(BlobSpace::Private, digest).await?;
    Ok(())
}

/// A file kept by [`save_private`], opened; one kept among the attachments before is read from there.
pub async fn read_private(app: &crate::App, digest: &str) -> Result<Vec<u8>, AppError> {
    let Some(kept) = app.store.read_blob(BlobSpace::Private, digest).await? else {
        return read(&app.store, digest).await;
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

//! Keeps the search index in step with the store. Every node has its own index (on its disk, or in memory)
//! and catches up from the store's changes, so that several nodes on one PostgreSQL all find what any
//! of them published: right after a local change, and every few seconds for changes made elsewhere. It
//! follows the store's change sequence, which grows in commit order, so no change is missed or skipped.

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::Datelike;
use gongkai_domain::catalog::ItemState;
use gongkai_search::{IndexedAttachment, IndexedItem, SearchIndex, days_from_ymd};
use gongkai_store::{AttachmentText, AttachmentTextStore, CatalogItem, CatalogStore, Store};

use crate::error::AppError;

/// Items read from the store per round of catching up.
const SYNC_PAGE: u32 = 2000;
/// Where a disk index keeps the catalogue change it has caught up to.
const WATERMARK_FILE: &str = "gongkai-synced-change";

pub struct CatalogSearch {
    pub index: SearchIndex,
    /// The catalogue change (`change_seq`) the index has caught up to.
    synced: AtomicI64,
    watermark_file: Option<std::path::PathBuf>,
    sync_lock: tokio::sync::Mutex<()>,
    /// Held while this node reads attachments' text (see [`crate::catalog::extract`]): one run at a time.
    pub(crate) reading: tokio::sync::Mutex<()>,
}

pub(crate) fn search_error(e: gongkai_search::SearchError) -> AppError {
    AppError::Search(e)
}

impl CatalogSearch {
    /// An index in `dir` (created if missing), or in memory when `dir` is None.
    pub fn open(dir: Option<&Path>) -> Result<Self, AppError> {
        let (index, watermark_file, synced) = open_followed(dir)?;
        Ok(Self {
            index,
            synced: AtomicI64::new(synced),
            watermark_file,
            sync_lock: Default::default(),
            reading: Default::default(),
        })
    }

    /// Brings the index up to the store's latest change; returns how many items it looked at.
    pub async fn sync(&self, store: &Store) -> Result<usize, AppError> {
        let _one_at_a_time = self.sync_lock.lock().await;
        let mut seen = 0;
        loop {
            let from = self.synced.load(Ordering::SeqCst);
            let page = store.items_changed_since(from, SYNC_PAGE).await?;
            let Some(last) = page.last().map(|i| i.change_seq) else {
                break;
            };
            let published: Vec<_> = page
                .iter()
                .filter(|i| i.state == ItemState::Published)
                .map(|i| i.id)
                .collect();
            let texts = store.attachment_texts(&published).await?;
            for item in &page {
                let attachments: Vec<&AttachmentText> =
                    texts.iter().filter(|t| t.item == item.id).collect();
                match (&item.state, to_indexed(item, &attachments)) {
                    (ItemState::Published, Some(doc)) => {
                        self.index.upsert(&doc).map_err(search_error)?
                    }
                    _ => {
                        if let Some(no) = &item.index_no {
                            self.index.delete(no.as_str()).map_err(search_error)?;
                        }
                    }
                }
            }
            self.index.commit().map_err(search_error)?;
            seen += page.len();
            self.synced.store(last, Ordering::SeqCst);
            save_watermark(self.watermark_file.as_deref(), last);
            if page.len() < SYNC_PAGE as usize {
                break;
            }
        }
        Ok(seen)
    }

    /// Empties the index and fills it again from the store (a re-index); returns how many items it read.
    pub async fn rebuild(&self, store: &Store) -> Result<usize, AppError> {
        {
            let _one_at_a_time = self.sync_lock.lock().await;
            self.index.clear().map_err(search_error)?;
            self.synced.store(0, Ordering::SeqCst);
            if let Some(f) = &self.watermark_file {
                let _ = std::fs::remove_file(f);
            }
        }
        self.sync(store).await
    }
}

/// An index that follows a sequence of the store's (catalogue changes, report publications): in `dir`
/// (created if missing) with the file that records how far it has caught up, or in memory when `dir` is
/// None. Returns the index, that file, and the sequence number to continue after.
pub(crate) fn open_followed(
    dir: Option<&Path>,
) -> Result<(SearchIndex, Option<std::path::PathBuf>, i64), AppError> {
    let (index, watermark_file) = match dir {
        Some(d) => {
            std::fs::create_dir_all(d)
                .map_err(|e| AppError::Internal(format!("{}: {e}", d.display())))?;
            (
                SearchIndex::open_or_create(d).map_err(search_error)?,
                Some(d.join(WATERMARK_FILE)),
            )
        }
        None => (SearchIndex::in_memory().map_err(search_error)?, None),
    };
    let synced = watermark_file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|s| s.trim().parse().ok())
        // An index without its watermark may lag behind the store: start from the beginning.
        .filter(|_| index.count() > 0)
        .unwrap_or(0);
    Ok((index, watermark_file, synced))
}

/// Records how far an index has caught up. Losing this file only costs a full re-read at the next start.
pub(crate) fn save_watermark(file: Option<&Path>, last: i64) {
    if let Some(f) = file {
        let _ = std::fs::write(f, last.to_string());
    }
}

/// The indexed form of a published item, with its attachments' names and the text read from them.
pub fn to_indexed(item: &CatalogItem, attachments: &[&AttachmentText]) -> Option<IndexedItem> {
    let index_no = item.index_no.clone()?;
    let published = item.published_on?;
    let d = &item.draft;
    Some(IndexedItem {
        index_no: index_no.to_string(),
        agency: item.agency.0,
        title: d.title.clone(),
        doc_no: d.doc_no.as_ref().map(|n| n.to_string()).unwrap_or_default(),
        doc_no_norm: d.doc_no.as_ref().map(|n| n.to_string()).unwrap_or_default(),
        body: format!("{}\n{}", d.summary, d.body),
        category: d.category.code().to_owned(),
        year: published.year(),
        validity: d.validity.code().to_owned(),
        published_on: days_from_ymd(published.year(), published.month(), published.day()),
        attachments: attachments
            .iter()
            .map(|a| IndexedAttachment {
                name: a.file_name.clone(),
                text: a.text.clone(),
            })
            .collect(),
    })
}

//! Reading the text of published items' attachments, off the request path: right after an approval on this
//! node, and by a sweep every minute on every node (which also catches what another node approved, what a
//! stopped node left unread, and what an older reader read). The text is kept in the store under the file's
//! SHA-256, and the items holding the file are marked as changed, so every node's index takes it in as it
//! takes any other change. Approval never waits for it: a 300-page PDF takes seconds to read.

use std::sync::Arc;

use gongkai_domain::catalog::{AttachmentKind, TextOutcome};
use gongkai_report::extract::{EXTRACTOR_VERSION, attachment_text};
use gongkai_store::{AttachmentTextStore, AttachmentToRead, ReadText};

use crate::context::App;
use crate::error::{AppError, AppResult};

/// Attachments read per round; each round is saved before the next is fetched.
const ROUND: u32 = 16;

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// Files read (whatever the outcome).
    pub read: usize,
    /// Of those, files that gave no text (scans, formats without a reader, damaged files).
    pub without_text: usize,
}

/// Reads every attachment of a published item that awaits reading, then brings this node's index up to
/// date. `progress` is told after each file (files done so far). Returns at once, reading nothing, when
/// another run on this node is under way (it reads what is waiting too).
pub async fn read_waiting(
    app: &App,
    progress: &mut (dyn FnMut(usize) + Send),
) -> AppResult<Reading> {
    let Ok(_one_at_a_time) = app.search.reading.try_lock() else {
        return Ok(Reading::default());
    };
    let done = read_files(app, progress).await?;
    if done.read > 0 {
        app.search.sync(&app.store).await?;
    }
    Ok(done)
}

/// Reads and saves every waiting file, round after round, without touching the index.
async fn read_files(app: &App, progress: &mut (dyn FnMut(usize) + Send)) -> AppResult<Reading> {
    let mut done = Reading::default();
    loop {
        let waiting = app
            .store
            .attachments_to_read(EXTRACTOR_VERSION, ROUND)
            .await?;
        if waiting.is_empty() {
            break;
        }
        for file in &waiting {
            let read = read_one(app, file).await?;
            app.store.save_attachment_text(&file.sha256, &read).await?;
            done.read += 1;
            if read.outcome != TextOutcome::Text {
                done.without_text += 1;
            }
            progress(done.read);
        }
    }
    Ok(done)
}

/// Starts [`read_waiting`] in the background: what an approval calls, so the reviewer does not wait.
pub fn read_in_background(app: &App) {
    let app = app.clone();
    tokio::spawn(async move {
        if let Err(e) = read_waiting(&app, &mut |_| {}).await {
            tracing::warn!(error = %e, "reading attachments' text failed; the next sweep retries");
        }
    });
}

/// Reads one file's text on a blocking thread (PDF and spreadsheet readers are CPU-bound).
async fn read_one(app: &App, file: &AttachmentToRead) -> AppResult<ReadText> {
    let kind = file
        .file_name
        .rsplit_once('.')
        .and_then(|(_, ext)| AttachmentKind::from_extension(ext));
    let Some(kind) = kind else {
        return Ok(without(TextOutcome::Unsupported, "no known extension"));
    };
    let bytes = match crate::attachments::read(&app.store, &file.sha256).await {
        Ok(bytes) => bytes,
        Err(AppError::NotFound(_)) => {
            return Ok(without(
                TextOutcome::Unreadable,
                "the file is missing from the store",
            ));
        }
        Err(e) => return Err(e),
    };
    let bytes = Arc::new(bytes);
    let extracted = tokio::task::spawn_blocking(move || attachment_text(&bytes, kind))
        .await
        .map_err(|e| AppError::Internal(format!("reading an attachment: {e}")))?;
    Ok(ReadText {
        outcome: extracted.outcome,
        detail: extracted.detail,
        text: extracted.text,
        extractor: EXTRACTOR_VERSION,
    })
}

fn without(outcome: TextOutcome, detail: &str) -> ReadText {
    ReadText {
        outcome,
        detail: detail.to_owned(),
        text: String::new(),
        extractor: EXTRACTOR_VERSION,
    }
}

/// Forgets every text read, reads every attachment again and rebuilds this node's index from the store:
/// after an upgrade whose reader reads more, or to repair an index. `progress` is told of each file read;
/// returns what was read and how many published items the index then holds.
pub async fn reindex(
    app: &App,
    progress: &mut (dyn FnMut(usize) + Send),
) -> AppResult<(Reading, usize)> {
    let _one_at_a_time = app.search.reading.lock().await;
    app.store.forget_attachment_texts().await?;
    // The index is rebuilt once, after every file is read, rather than caught up and then rebuilt.
    let reading = read_files(app, progress).await?;
    app.search.rebuild(&app.store).await?;
    Ok((reading, app.search.index.count()))
}

/// What reading each attachment of an item gave (`outcome` is `None` while it awaits reading): the console
/// shows staff which attachments the public can find by their name only.
pub async fn texts_of(
    app: &App,
    item: gongkai_store::ItemId,
) -> AppResult<Vec<gongkai_store::AttachmentText>> {
    Ok(app.store.attachment_texts(&[item]).await?)
}

//! The index itself: opening, the single writer, and the write operations.

use crate::error::ItemProblem;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::analysis::{BIGRAMS, bigrams};
use crate::error::{SearchError, SearchResult};
use crate::schema::{self, ANALYZER, Fields, SCHEMA_VERSION};

/// Bytes of the body kept in the document store for snippets (cut on a character boundary). The whole
/// body is indexed; only this head is stored, so a snippet comes from the start of long documents.
pub const BODY_HEAD_BYTES: usize = 4096;

/// One catalogue item as the index sees it. Callers fill it from the store.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexedItem {
    /// 索引号: the unique key; upserts and deletes go by it.
    pub index_no: String,
    /// The publishing agency's id.
    pub agency: i64,
    pub title: String,
    /// 文号 as displayed (may be empty).
    pub doc_no: String,
    /// 文号 normalised by the caller (`孟政〔2020〕12号`), empty when the item has none.
    pub doc_no_norm: String,
    pub body: String,
    /// Catalogue category code, e.g. `a20_01`.
    pub category: String,
    /// Year of publication.
    pub year: i32,
    /// Validity code (e.g. `valid`, `repealed`).
    pub validity: String,
    /// Publication date as days since 1970-01-01 (see [`days_from_ymd`]).
    pub published_on: i64,
    /// The attachments, in the order they were attached: each is found by its name and by its text.
    #[serde(default)]
    pub attachments: Vec<IndexedAttachment>,
}

/// An attachment as the index sees it: its file name, and its text when it could be read (empty for a scan
/// or a format without a reader, which is then found by its name only).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexedAttachment {
    pub name: String,
    pub text: String,
}

/// Bytes of one attachment's text kept in the document store for snippets: enough for a long notice; a match
/// further into a longer file still finds the item, and its snippet then shows the attachment's opening.
pub const ATTACHMENT_STORED_BYTES: usize = 32 << 10;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`), so callers
/// without a date library can fill [`IndexedItem::published_on`].
pub fn days_from_ymd(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// How much the writer may buffer before it flushes a segment, its indexing threads, and the threads
/// one search spreads its segments over.
#[derive(Clone, Copy, Debug)]
pub struct IndexOptions {
    /// Total heap over all writer threads; tantivy needs at least 15 MB per thread.
    pub writer_heap_bytes: usize,
    pub writer_threads: usize,
    /// Threads that merge segments in the background. One: a first catch-up of a million items made hundreds
    /// of segments, and four merges at a time (tantivy's default) held their memory together (BENCHMARKS.md).
    pub merge_threads: usize,
    /// Segments of one query are searched in parallel: on 1M items this halves a common word's latency
    /// on 2 cores. 0 means one thread per CPU.
    pub search_threads: usize,
}

impl Default for IndexOptions {
    /// Enough for the edits of a running server; imports of millions of items want a bigger heap.
    fn default() -> Self {
        IndexOptions {
            writer_heap_bytes: 64 << 20,
            writer_threads: 1,
            merge_threads: 1,
            search_threads: 0,
        }
    }
}

/// The catalogue's full-text index: one writer (tantivy allows only one per index) behind a mutex and a
/// reader that is reloaded by [`SearchIndex::commit`], so a commit is visible to the next search.
pub struct SearchIndex {
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    writer: Mutex<IndexWriter>,
    pub(crate) bonuses: crate::fresh::Bonuses,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the folder and an empty index when there is none.
    pub fn open_or_create(dir: &Path) -> SearchResult<SearchIndex> {
        Self::open_or_create_with(dir, IndexOptions::default())
    }

    /// Like [`SearchIndex::open_or_create`], with the writer's heap and threads chosen by the caller.
    pub fn open_or_create_with(dir: &Path, options: IndexOptions) -> SearchResult<SearchIndex> {
        let open_error = |reason: String| SearchError::Open {
            path: dir.display().to_string(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| open_error(e.to_string()))?;
        let version_file = dir.join(VERSION_FILE);
        let version = std::fs::read_to_string(&version_file).ok();
        let current = SCHEMA_VERSION.to_string();
        let has_index = dir.join(TANTIVY_META).exists();
        if has_index && version.as_deref().map(str::trim) != Some(current.as_str()) {
            // Written by another version of gongkai: its fields or analyzers differ, so it is emptied
            // and the caller fills it again from the store (an empty index has no watermark to trust).
            clear(dir).map_err(|e| open_error(e.to_string()))?;
        }
        let directory = MmapDirectory::open(dir).map_err(|e| open_error(e.to_string()))?;
        let (schema, fields) = schema::build();
        let index = Index::open_or_create(directory, schema).map_err(|e| match e {
            TantivyError::SchemaError(reason) => SearchError::SchemaMismatch(reason),
            other => SearchError::Engine(other),
        })?;
        std::fs::write(&version_file, current).map_err(|e| open_error(e.to_string()))?;
        Self::with_index(index, fields, options).map_err(|e| match e {
            // tantivy allows one writer per index folder: a server running on it holds that one.
            SearchError::Engine(TantivyError::LockFailure(..)) => SearchError::InUse {
                path: dir.display().to_string(),
            },
            other => other,
        })
    }

    /// An index held in memory only: for tests and for tools that rebuild it on every start.
    pub fn in_memory() -> SearchResult<SearchIndex> {
        let (schema, fields) = schema::build();
        Self::with_index(
            Index::create_in_ram(schema),
            fields,
            IndexOptions::default(),
        )
    }

    fn with_index(
        mut index: Index,
        fields: Fields,
        options: IndexOptions,
    ) -> SearchResult<SearchIndex> {
        index.tokenizers().register(ANALYZER, schema::analyzer());
        index.tokenizers().register(BIGRAMS, bigrams()?);
        match options.search_threads {
            0 => index.set_default_multithread_executor()?,
            n => index.set_multithread_executor(n)?,
        }
        let threads = options.writer_threads.max(1);
        let writer = index.writer_with_options(
            tantivy::indexer::IndexWriterOptions::builder()
                .num_worker_threads(threads)
                .memory_budget_per_thread(options.writer_heap_bytes / threads)
                .num_merge_threads(options.merge_threads.max(1))
                .build(),
        )?;
        // Manual: the reader is reloaded right after each commit, so tests and callers see their own
        // writes at once instead of after tantivy's background delay.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            fields,
            reader,
            writer: Mutex::new(writer),
            bonuses: crate::fresh::Bonuses::default(),
        })
    }

    fn writer(&self) -> SearchResult<MutexGuard<'_, IndexWriter>> {
        self.writer.lock().map_err(|_| SearchError::Poisoned)
    }

    /// Adds the item or replaces the one with the same 索引号; visible after [`SearchIndex::commit`].
    pub fn upsert(&self, item: &IndexedItem) -> SearchResult<()> {
        let doc = self.document(item)?;
        let writer = self.writer()?;
        self.replace(&writer, item, doc)
    }

    fn replace(
        &self,
        writer: &IndexWriter,
        item: &IndexedItem,
        doc: TantivyDocument,
    ) -> SearchResult<()> {
        // A delete only applies to documents added before it, so the new version survives its own delete.
        writer.delete_term(Term::from_field_text(self.fields.index_no, &item.index_no));
        writer.add_document(doc)?;
        Ok(())
    }

    /// Removes the item with this 索引号 (nothing happens when there is none); visible after commit.
    pub fn delete(&self, index_no: &str) -> SearchResult<()> {
        let writer = self.writer()?;
        writer.delete_term(Term::from_field_text(self.fields.index_no, index_no));
        Ok(())
    }

    /// Makes the pending writes durable and visible to searches.
    pub fn commit(&self) -> SearchResult<()> {
        let mut writer = self.writer()?;
        writer.commit()?;
        // Reload while still holding the writer so a concurrent commit cannot be seen out of order.
        self.reader.reload()?;
        Ok(())
    }

    /// Upserts every item and commits once: for imports and rebuilds. Returns how many were written.
    /// An invalid item stops the import before the commit, leaving the index as it was.
    pub fn bulk(&self, items: impl IntoIterator<Item = IndexedItem>) -> SearchResult<usize> {
        let mut writer = self.writer()?;
        let mut written = 0;
        for item in items {
            let doc = match self.document(&item) {
                Ok(doc) => doc,
                Err(e) => {
                    writer.rollback()?;
                    return Err(e);
                }
            };
            self.replace(&writer, &item, doc)?;
            written += 1;
        }
        writer.commit()?;
        self.reader.reload()?;
        Ok(written)
    }

    /// Removes every item and commits: the start of a rebuild.
    pub fn clear(&self) -> SearchResult<()> {
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Number of committed, live items.
    pub fn count(&self) -> usize {
        usize::try_from(self.reader.searcher().num_docs()).unwrap_or(usize::MAX)
    }

    fn document(&self, item: &IndexedItem) -> SearchResult<TantivyDocument> {
        let f = &self.fields;
        if item.index_no.trim().is_empty() {
            return Err(SearchError::InvalidItem(ItemProblem::NoIndexNo));
        }
        let year = u64::try_from(item.year)
            .map_err(|_| SearchError::InvalidItem(ItemProblem::NegativeYear))?;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.index_no, &item.index_no);
        doc.add_i64(f.agency, item.agency);
        doc.add_text(f.title, &item.title);
        doc.add_text(f.doc_no, &item.doc_no);
        if !item.doc_no_norm.is_empty() {
            doc.add_text(f.doc_no_norm, &item.doc_no_norm);
        }
        for key in crate::doc_key::index_keys(&item.doc_no_norm) {
            doc.add_text(f.doc_no_key, key);
        }
        let doc_no = if item.doc_no_norm.is_empty() {
            &item.doc_no
        } else {
            &item.doc_no_norm
        };
        doc.add_text(f.doc_no_ng, doc_no);
        doc.add_text(f.title_ng, &item.title);
        doc.add_text(f.body, &item.body);
        doc.add_text(f.body_ng, &item.body);
        doc.add_text(f.body_head, head(&item.body, BODY_HEAD_BYTES));
        for attachment in &item.attachments {
            // The name is indexed with the text, so an attachment without text is still found by its name.
            doc.add_text(
                f.attach,
                format!("{}\n{}", attachment.name, attachment.text),
            );
            doc.add_text(
                f.attach_stored,
                format!(
                    "{}{ATTACHMENT_NAME_END}{}",
                    attachment.name,
                    head(&attachment.text, ATTACHMENT_STORED_BYTES)
                ),
            );
        }
        doc.add_text(f.category, &item.category);
        doc.add_u64(f.year, year);
        doc.add_text(f.validity, &item.validity);
        doc.add_i64(f.published_on, item.published_on);
        Ok(doc)
    }
}

/// Separates an attachment's name from its text in the stored field (a control character no file name keeps).
pub(crate) const ATTACHMENT_NAME_END: char = '\u{1f}';

/// The file beside tantivy's that records [`SCHEMA_VERSION`].
const VERSION_FILE: &str = "gongkai-search-schema";
/// tantivy's own index file: its presence means the folder holds an index.
const TANTIVY_META: &str = "meta.json";

/// Removes every file of the folder (an index folder holds only the index and gongkai's notes on it).
fn clear(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub(crate) fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

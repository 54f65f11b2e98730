//! The disclosure catalogue's storage: items with their metadata and state, the 索引号 counters that never
//! hand out a number twice, attachments' records, and all-or-nothing imports.

mod read;
pub(crate) mod rows;
mod texts;
mod write;

pub use texts::{AttachmentText, AttachmentTextStore, AttachmentToRead, ReadText};

use std::future::Future;

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::catalog::{
    Category, IndexNo, ItemDraft, ItemState, PublicationDates, Transition,
};
use serde::Serialize;

use crate::error::StoreResult;

/// Database identity of a catalogue item (the public identity is its 索引号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ItemId(pub i64);

impl std::fmt::Display for ItemId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A stored item: the draft's metadata plus what the store assigns.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogItem {
    pub id: ItemId,
    pub agency: AgencyId,
    /// 索引号, once published (or as imported).
    pub index_no: Option<IndexNo>,
    pub draft: ItemDraft,
    pub state: ItemState,
    /// Why it was sent back or withdrawn.
    pub state_reason: Option<String>,
    pub published_on: Option<NaiveDate>,
    /// The day the version now on record was published (after a change, its republication).
    pub version_published_on: Option<NaiveDate>,
    pub updated_at_ms: i64,
    /// Where this item's latest change stands in the order of all catalogue changes.
    pub change_seq: i64,
    /// The account that sent it to review, if one did.
    pub submitted_by: Option<i64>,
    /// The accounts that created or edited the version now waiting (since it was last published).
    pub authors: Vec<i64>,
}

/// Which items to list.
#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    /// Items of these agencies (None: every agency).
    pub agencies: Option<Vec<AgencyId>>,
    pub states: Option<Vec<ItemState>>,
    pub category: Option<Category>,
    pub year: Option<i32>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

/// One row of an import: the item, its 索引号 in the old system if it had one, and its publication date there.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: usize,
    pub import_key: String,
    pub index_no: Option<IndexNo>,
    pub published_on: NaiveDate,
    pub draft: ItemDraft,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub inserted: usize,
    /// Rows whose import key was already there (an earlier run of the same file).
    pub already_there: usize,
}

/// An attachment's record (the bytes live on disk under their SHA-256).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentRecord {
    pub id: i64,
    pub item: ItemId,
    pub file_name: String,
    pub mime: String,
    pub size_bytes: i64,
    pub sha256: String,
}

pub trait CatalogStore {
    fn create_item(
        &self,
        agency: AgencyId,
        draft: &ItemDraft,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<CatalogItem>> + Send;
    /// Changes a draft (only a draft can be changed).
    fn update_item(
        &self,
        id: ItemId,
        draft: &ItemDraft,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<CatalogItem>> + Send;
    /// Moves an item through the publishing states; approval assigns the 索引号 and the publication date.
    fn transition_item(
        &self,
        id: ItemId,
        transition: &Transition,
        today: NaiveDate,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<CatalogItem>> + Send;
    fn item(&self, id: ItemId) -> impl Future<Output = StoreResult<Option<CatalogItem>>> + Send;
    fn item_by_index_no(
        &self,
        index_no: &str,
    ) -> impl Future<Output = StoreResult<Option<CatalogItem>>> + Send;
    /// A page of items, newest first, and how many match in all.
    fn items(
        &self,
        filter: &ItemFilter,
    ) -> impl Future<Output = StoreResult<(Vec<CatalogItem>, u64)>> + Send;
    /// Items whose latest change comes after change `after_seq`, in change order (feeds the search index on
    /// every node).
    fn items_changed_since(
        &self,
        after_seq: i64,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<CatalogItem>>> + Send;
    /// Imports published items in one transaction: all rows or none.
    fn import_items(
        &self,
        agency: AgencyId,
        rows: &[ImportRow],
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<ImportOutcome>> + Send;
    fn add_attachment(
        &self,
        item: ItemId,
        file_name: &str,
        mime: &str,
        size_bytes: i64,
        sha256: &str,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<AttachmentRecord>> + Send;
    fn attachments(
        &self,
        item: ItemId,
    ) -> impl Future<Output = StoreResult<Vec<AttachmentRecord>>> + Send;
    /// What 条例第二十六条 judges of each item of an agency that is published or on its way (withdrawn items
    /// are left out): the days it was formed and changed, first published and published in its present version.
    fn publication_dates(
        &self,
        agency: AgencyId,
    ) -> impl Future<Output = StoreResult<Vec<PublicationDates>>> + Send;
    /// How many published items an agency has in each category, in the order of the category codes.
    fn category_counts(
        &self,
        agency: AgencyId,
    ) -> impl Future<Output = StoreResult<Vec<(Category, u64)>>> + Send;
    fn attachment(
        &self,
        id: i64,
    ) -> impl Future<Output = StoreResult<Option<AttachmentRecord>>> + Send;
}

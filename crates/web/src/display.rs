//! How pages show values (catalogue items, categories, sizes, page counts), in the visitor's language: shared by the
//! portal and the console.

use gongkai_domain::catalog::{Category, ItemState};
use gongkai_store::CatalogItem;
use serde::Serialize;

use crate::i18n::{Lang, Messages};

/// The category's name in the visitor's language, from the locale files (`category.<code>`).
pub fn category_name(category: Category, lang: Lang) -> &'static str {
    Messages::shared().name(*lang, "category", category.code())
}

pub fn category_name_of(code: &str, lang: Lang) -> String {
    Category::from_code(code)
        .map(|c| category_name(c, lang).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// An item in a list.
#[derive(Debug, Serialize)]
pub struct ItemRow {
    pub index_no: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub published_on: String,
    pub category: &'static str,
    pub validity: &'static str,
    pub summary: String,
}

impl ItemRow {
    /// The row of a published item (None for any other: nothing unpublished reaches the portal).
    pub fn of(item: &CatalogItem) -> Option<Self> {
        if item.state != ItemState::Published {
            return None;
        }
        Some(Self {
            index_no: item.index_no.as_ref()?.to_string(),
            title: item.draft.title.clone(),
            doc_no: item.draft.doc_no.as_ref().map(|n| n.to_string()),
            published_on: item.published_on.map(|d| d.to_string()).unwrap_or_default(),
            category: item.draft.category.code(),
            validity: item.draft.validity.code(),
            summary: item.draft.summary.clone(),
        })
    }
}

/// A category with how many published items it holds.
#[derive(Debug, Serialize)]
pub struct CategoryCount {
    pub code: String,
    pub name: String,
    pub count: u64,
}

/// Pages of `per_page` needed for `total` items (at least one).
pub fn pages(total: u64, per_page: u32) -> u64 {
    total.div_ceil(u64::from(per_page.max(1))).max(1)
}

/// The full item for its page.
#[derive(Debug, Serialize)]
pub struct ItemPage {
    pub index_no: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub category_name: String,
    pub subject: Option<String>,
    pub issuer: String,
    pub formed_on: String,
    pub published_on: String,
    pub validity: &'static str,
    pub validity_on: Option<String>,
    pub kind: &'static str,
    pub summary: String,
}

impl ItemPage {
    pub fn of(item: &CatalogItem, lang: Lang) -> Self {
        let d = &item.draft;
        Self {
            index_no: item
                .index_no
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            title: d.title.clone(),
            doc_no: d.doc_no.as_ref().map(|n| n.to_string()),
            category_name: category_name(d.category, lang).to_owned(),
            subject: d.subject.as_ref().map(|s| s.as_str().to_owned()),
            issuer: d.issuer.clone(),
            formed_on: d.formed_on.to_string(),
            published_on: item.published_on.map(|p| p.to_string()).unwrap_or_default(),
            validity: d.validity.code(),
            validity_on: d.validity.on().map(|x| x.to_string()),
            kind: d.kind.code(),
            summary: d.summary.clone(),
        }
    }
}

/// A file size as people read it.
pub fn size_text(bytes: i64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{:.0} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

/// `YYYY-MM-DD` of a count of days since 1970-01-01 (the index stores dates so).
pub fn date_of_days(days: i64) -> String {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::days(days)))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

//! Finding published annual reports (条例第四十九条、第五十条: reports are published for the public to read, and
//! citizens look for them by agency, year and name): a search index of the latest version of each agency's
//! report of each year, by its title and its full text, filtered by an agency and the agencies below it and by
//! the report's year. Like the catalogue's, each node has its own index and follows the store's publications.

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::Datelike;
use gongkai_domain::agency::AgencyId;
use gongkai_report::parse::{InputKind, extract_text};
use gongkai_search::{
    Hit, IndexedAttachment, IndexedItem, SearchIndex, SearchQuery, days_from_ymd,
};
use gongkai_store::{AgencyStore, PublishedPage, Store};
use serde::Deserialize;

use crate::catalog::index::{open_followed, save_watermark, search_error};
use crate::context::App;
use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;

/// Reports per page of results.
pub const REPORTS_PER_PAGE: usize = 20;
/// Publications read per round of catching up (each carries its page).
const SYNC_PAGE: u32 = 200;
/// The category every report is indexed under (the index's category field is free text).
const REPORT_CATEGORY: &str = "annual_report";

/// The index of published reports on this node.
pub struct ReportSearch {
    index: SearchIndex,
    /// The publication (`published_reports.id`) the index has caught up to.
    synced: AtomicI64,
    watermark_file: Option<std::path::PathBuf>,
    sync_lock: tokio::sync::Mutex<()>,
}

impl ReportSearch {
    /// An index in `dir` (created if missing), or in memory when `dir` is None.
    pub fn open(dir: Option<&Path>) -> AppResult<Self> {
        let (index, watermark_file, synced) = open_followed(dir)?;
        Ok(Self {
            index,
            synced: AtomicI64::new(synced),
            watermark_file,
            sync_lock: Default::default(),
        })
    }

    /// Brings the index up to the store's latest publication; returns how many it read.
    pub async fn sync(&self, store: &Store) -> AppResult<usize> {
        let _one_at_a_time = self.sync_lock.lock().await;
        let mut seen = 0;
        loop {
            let page = store
                .publications_since(self.synced.load(Ordering::SeqCst), SYNC_PAGE)
                .await?;
            let Some(last) = page.last().map(|p| p.seq) else {
                break;
            };
            let names = store.agencies().await?;
            for published in &page {
                let name = names
                    .iter()
                    .find(|a| a.id == published.publication.agency)
                    .map(|a| a.profile.name.as_str())
                    .unwrap_or_default();
                // A later version of the same report replaces the earlier one under the same key.
                self.index
                    .upsert(&indexed(published, name))
                    .map_err(search_error)?;
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
}

/// The key of an agency's report of a year in the index.
fn key(agency: AgencyId, year: i32) -> String {
    format!("report/{}/{year}", agency.0)
}

fn indexed(published: &PublishedPage, agency_name: &str) -> IndexedItem {
    let p = &published.publication;
    // The report's text as its tables and sections read (the page's markup dropped); a page that cannot be
    // read is still found by its title.
    let body = extract_text(published.html.as_bytes(), InputKind::Html).unwrap_or_default();
    // The whole text is also kept as the report's one "attachment": the index stores only the head of a body,
    // and a snippet is then cut where the words are, in section 五 as well as in the preamble.
    let whole = IndexedAttachment {
        name: String::new(),
        text: body.clone(),
    };
    IndexedItem {
        index_no: key(p.agency, p.year),
        agency: p.agency.0,
        title: format!("{agency_name}{}年政府信息公开工作年度报告", p.year),
        body,
        category: REPORT_CATEGORY.to_owned(),
        year: p.year,
        validity: "valid".to_owned(),
        published_on: days_from_ymd(
            p.published_on.year(),
            p.published_on.month(),
            p.published_on.day(),
        ),
        attachments: vec![whole],
        ..IndexedItem::default()
    }
}

/// What a visitor asked for; empty fields are no filter (numbers arrive as text, as from a form).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReportRequest {
    pub q: String,
    /// An agency's id: its reports and those of every agency below it.
    pub agency: String,
    /// The year the reports are about (not the year they were published).
    pub year: String,
    pub page: String,
}

/// A report found: where it is and how it matched.
#[derive(Debug, Clone)]
pub struct FoundReport {
    pub agency: AgencyId,
    pub year: i32,
    pub hit: Hit,
}

/// A page of reports found.
#[derive(Debug, Clone, Default)]
pub struct FoundReports {
    pub reports: Vec<FoundReport>,
    pub total: usize,
    pub total_is_lower_bound: bool,
    pub page: usize,
}

/// Searches the published reports: by words or any run of characters of their title and text, newest
/// first when there are no words. `per_page` 0 means [`REPORTS_PER_PAGE`].
pub async fn search_reports(
    app: &App,
    request: &ReportRequest,
    per_page: usize,
) -> AppResult<FoundReports> {
    let agencies = match request.agency.trim().parse::<i64>() {
        Ok(id) => Some(crate::agencies::subtree_ids(&app.store, AgencyId(id)).await?),
        Err(_) => None,
    };
    let q = request.q.trim();
    let page = request.page.trim().parse().unwrap_or(1).max(1);
    let query = SearchQuery {
        text: (!q.is_empty()).then(|| q.to_owned()),
        year: request.year.trim().parse().ok(),
        agencies,
        page,
        per_page: if per_page == 0 {
            REPORTS_PER_PAGE
        } else {
            per_page
        },
        ..SearchQuery::default()
    };
    let reports = app.reports_search.clone();
    let found = tokio::task::spawn_blocking(move || reports.index.search(&query))
        .await
        .map_err(|e| AppError::Internal(format!("search task: {e}")))?
        .map_err(|e| AppError::Refused(ErrorCode::from(&e)))?;
    let reports = found
        .hits
        .into_iter()
        .filter_map(|hit| {
            let mut parts = hit.index_no.strip_prefix("report/")?.split('/');
            let agency = AgencyId(parts.next()?.parse().ok()?);
            let year = parts.next()?.parse().ok()?;
            Some(FoundReport { agency, year, hit })
        })
        .collect();
    Ok(FoundReports {
        reports,
        total: found.total,
        total_is_lower_bound: found.total_is_lower_bound,
        page,
    })
}

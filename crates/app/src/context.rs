//! What every use case works with: the store, this node's search index, the working-day calendars, the data
//! folder and today's date, from an injected clock.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use gongkai_domain::calendar::Calendar;
use gongkai_store::Store;

use crate::calendar::load_calendar;
use crate::catalog::CatalogSearch;
use crate::clock::SharedClock;
use crate::error::{AppError, AppResult};

#[derive(Clone)]
pub struct App {
    pub store: Store,
    /// The catalogue's search index on this node.
    pub search: Arc<CatalogSearch>,
    /// The published annual reports' search index on this node.
    pub reports_search: Arc<crate::reports::ReportSearch>,
    /// The calendar applications are handled on: the official table, and the year after it counted
    /// provisionally (an application received in December is still given a date).
    pub calendar: Arc<Calendar>,
    /// The official table alone (the embedded one with `DATA_DIR/calendar.tsv` laid over it), for the public
    /// deadline calculator, which answers only from published notices.
    pub official_calendar: Arc<Calendar>,
    /// Attachments, proofs of identity and the search index live below it.
    pub data_dir: PathBuf,
    pub clock: SharedClock,
    /// E-mail notifications: the mail server (if any) and the site's address for links.
    pub notify: Arc<crate::notify::Settings>,
    /// How many applications one applicant may file online in a day (none by default; the server sets it from
    /// `[intake]`).
    pub identity_limit: Arc<crate::applications::limits::IdentityLimit>,
}

impl App {
    /// A node's use cases over `store`, with its files and search index in `data_dir`.
    pub fn open(store: Store, data_dir: &Path, clock: SharedClock) -> AppResult<Self> {
        let official = load_calendar(data_dir).map_err(AppError::Internal)?;
        let handling = match official.next_uncovered_year() {
            Some(year) => official.with_provisional_year(year),
            None => official.clone(),
        };
        let search = CatalogSearch::open(Some(&data_dir.join("search")))?;
        let reports_search =
            crate::reports::ReportSearch::open(Some(&data_dir.join("search-reports")))?;
        Ok(Self {
            store,
            search: Arc::new(search),
            reports_search: Arc::new(reports_search),
            calendar: Arc::new(handling),
            official_calendar: Arc::new(official),
            data_dir: data_dir.to_path_buf(),
            clock,
            notify: Arc::default(),
            identity_limit: Arc::default(),
        })
    }

    /// Today in Beijing, as the injected clock says.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }
}

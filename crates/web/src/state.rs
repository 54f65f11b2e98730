//! What every handler shares.

use std::sync::Arc;

use gongkai_domain::calendar::Calendar;
use gongkai_store::Store;

use crate::catalog_search::CatalogSearch;
use crate::config::Config;
use crate::security::CookiePolicy;
use crate::views::Views;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub views: Arc<Views>,
    pub config: Arc<Config>,
    /// Working days (official holidays and 调休), for the deadlines of the law.
    /// The calendar applications are handled on: the official table, and the year after it counted
    /// provisionally (an application received in December is still given a date).
    pub calendar: Arc<Calendar>,
    /// The official table alone (the embedded one with `DATA_DIR/calendar.tsv` laid over it), for the public
    /// deadline calculator, which answers only from published notices.
    pub official_calendar: Arc<Calendar>,
    /// The catalogue's search index on this node.
    pub search: Arc<CatalogSearch>,
    /// Serving the demo: pages say that the data is made up.
    pub demo: bool,
}

impl AppState {
    /// The state of a node: the store, the pages, and the search index in `DATA_DIR/search`.
    pub fn new(store: Store, config: Config) -> Result<Self, String> {
        let official = crate::clock::load_calendar(&config.data_dir)?;
        let handling = match official.next_uncovered_year() {
            Some(year) => official.with_provisional_year(year),
            None => official.clone(),
        };
        let search = CatalogSearch::open(Some(&config.data_dir.join("search")))
            .map_err(|e| e.to_string())?;
        Ok(Self {
            store,
            views: Arc::new(Views::new()?),
            config: Arc::new(config),
            search: Arc::new(search),
            calendar: Arc::new(handling),
            official_calendar: Arc::new(official),
            demo: false,
        })
    }

    pub fn cookies(&self) -> CookiePolicy {
        CookiePolicy {
            secure: self.config.secure_cookies(),
        }
    }

    pub fn session_ttl_ms(&self) -> i64 {
        i64::from(self.config.session_hours.max(1)) * 3600 * 1000
    }
}

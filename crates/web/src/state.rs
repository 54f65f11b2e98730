//! What every handler shares: the use cases of this node ([`App`]: store, search index, calendars, clock) and
//! what only the web needs (pages, configuration).

use std::ops::Deref;
use std::sync::Arc;

use gongkai_app::{App, SharedClock};
use gongkai_store::Store;

use crate::security::CookiePolicy;
use crate::templates::Templates;
use gongkai_app::Config;

#[derive(Clone)]
pub struct AppState {
    /// The use cases; handlers reach its parts directly (`state.store`, `state.calendar`, `state.today()`)
    /// through `Deref`.
    pub app: App,
    pub templates: Arc<Templates>,
    pub config: Arc<Config>,
    /// Serving the demo: pages say that the data is made up.
    pub demo: bool,
    /// The sitemap's files as last made on this node, for a few minutes (crawlers ask often; see `portal::feeds`).
    pub sitemaps: Arc<crate::portal::feeds::SitemapCache>,
    /// Public pages as rendered, until the store's public change sequence moves (see [`crate::page_cache`]).
    pub pages: Arc<crate::page_cache::PageCache>,
}

impl Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl AppState {
    /// The state of a node on the wall clock: the store, the pages, and the search index in `DATA_DIR/search`.
    pub fn new(store: Store, config: Config) -> Result<Self, String> {
        Self::with_clock(store, config, gongkai_app::clock::system())
    }

    /// The same with today's date taken from `clock` (tests pin a day).
    pub fn with_clock(store: Store, config: Config, clock: SharedClock) -> Result<Self, String> {
        // Personal data is sealed from the first write: the key file is made on first start.
        gongkai_app::keys::attach(&store, &config, true).map_err(|e| e.to_string())?;
        let mut app = App::open(store, &config.data_dir, clock).map_err(|e| e.to_string())?;
        app.notify =
            gongkai_app::notify::Settings::shared(config.mail.clone(), config.public_url.clone());
        app.identity_limit = Arc::new(gongkai_app::applications::limits::IdentityLimit::per_day(
            config.intake.per_identity_per_day,
        ));
        Ok(Self {
            app,
            templates: Arc::new(Templates::new()?),
            pages: Arc::new(crate::page_cache::PageCache::new(
                std::time::Duration::from_millis(config.page_check_ms),
            )),
            config: Arc::new(config),
            demo: false,
            sitemaps: Arc::default(),
        })
    }

    pub fn cookies(&self) -> CookiePolicy {
        CookiePolicy {
            secure: self.config.secure_cookies(),
        }
    }

    /// How long a session may stay unused.
    pub fn session_idle_ms(&self) -> i64 {
        i64::from(self.config.session_idle_minutes.max(1)) * 60 * 1000
    }

    pub fn session_ttl_ms(&self) -> i64 {
        i64::from(self.config.session_hours.max(1)) * 3600 * 1000
    }
}

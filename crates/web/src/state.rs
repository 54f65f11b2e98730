//! What every handler shares.

use std::sync::Arc;

use gongkai_store::Store;

use crate::config::Config;
use crate::security::CookiePolicy;
use crate::views::Views;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub views: Arc<Views>,
    pub config: Arc<Config>,
    /// Serving the demo: pages say that the data is made up.
    pub demo: bool,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Result<Self, String> {
        Ok(Self {
            store,
            views: Arc::new(Views::new()?),
            config: Arc::new(config),
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

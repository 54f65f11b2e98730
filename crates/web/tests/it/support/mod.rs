//! The server under test: a fresh SQLite store holding only what the test asks for ([`fixture`]: the agency
//! tree and one account per role always; catalogue items, applications and register cases on request), served
//! on a free port with today pinned to [`fixture::TODAY`], so that nothing a test sees moves with the date.

pub mod browser;
mod client;
pub mod fixture;
pub mod page;
pub mod smtp;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use gongkai_app::FixedClock;
use gongkai_store::{AgencyStore, DatabaseUrl, Store};
use gongkai_web::{AppState, Config, serve};
use reqwest::StatusCode;
use tokio::net::TcpListener;

pub use client::{Client, csrf_of};
pub use fixture::{AppealSpec, ApplicationSpec, ItemSpec};

pub struct TestApp {
    pub base: String,
    pub store: Store,
    /// The server's today ([`fixture::TODAY`]).
    pub today: NaiveDate,
    /// Agency ids by name.
    pub agencies: HashMap<String, i64>,
    /// The server's state (its router's routes are read from it).
    pub state: AppState,
    _dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// A change to the server's configuration.
type Adjust = Box<dyn FnOnce(&mut Config)>;

/// What a test's server holds besides the agencies and accounts, and how it is configured.
#[derive(Default)]
pub struct Builder {
    items: Vec<ItemSpec>,
    applications: Vec<ApplicationSpec>,
    appeals: Vec<AppealSpec>,
    adjust: Vec<Adjust>,
    /// Staff e-mail addresses by user name, set before the server starts.
    staff_emails: Vec<(&'static str, &'static str)>,
}

impl Builder {
    pub fn item(mut self, spec: ItemSpec) -> Self {
        self.items.push(spec);
        self
    }

    pub fn items(mut self, specs: impl IntoIterator<Item = ItemSpec>) -> Self {
        self.items.extend(specs);
        self
    }

    pub fn applications(mut self, specs: impl IntoIterator<Item = ApplicationSpec>) -> Self {
        self.applications.extend(specs);
        self
    }

    /// Register cases; the applications they name must be in the fixture.
    pub fn appeals(mut self, specs: impl IntoIterator<Item = AppealSpec>) -> Self {
        self.appeals.extend(specs);
        self
    }

    /// Gives the account `username` the e-mail address its daily digest goes to.
    pub fn staff_email(mut self, username: &'static str, email: &'static str) -> Self {
        self.staff_emails.push((username, email));
        self
    }

    pub fn config(mut self, adjust: impl FnOnce(&mut Config) + 'static) -> Self {
        self.adjust.push(Box::new(adjust));
        self
    }

    /// Creates the store and what was asked for, then serves it.
    pub async fn start(self) -> TestApp {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(&DatabaseUrl::in_data_dir(dir.path()))
            .await
            .expect("store");
        fixture::agencies_and_accounts(&store).await;
        for spec in &self.items {
            fixture::item(&store, spec).await;
        }
        for spec in &self.applications {
            fixture::application(&store, spec).await;
        }
        for spec in &self.appeals {
            fixture::review(&store, spec).await;
        }
        for (username, email) in &self.staff_emails {
            fixture::staff_email(&store, username, email).await;
        }
        let agencies = store
            .agencies()
            .await
            .expect("agencies")
            .into_iter()
            .map(|a| (a.profile.name, a.id.0))
            .collect();
        let mut config = Config {
            data_dir: dir.path().to_path_buf(),
            // Stories file many applications from one address and identity; the limits have their own tests.
            intake: gongkai_app::config::IntakeLimits {
                per_address_burst: 10_000,
                per_address_refill_seconds: 1,
                per_identity_per_day: 0,
            },
            // Stories write to the store directly and read the page at once: each page asks the store first.
            // The page cache's own test keeps the server's default.
            page_check_ms: 0,
            ..Config::default()
        };
        for adjust in self.adjust {
            adjust(&mut config);
        }
        let today = fixture::TODAY;
        let state = AppState::with_clock(store.clone(), config, Arc::new(FixedClock(today)))
            .expect("state");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = state.clone();
        tokio::spawn(serve(served, listener, async move {
            let _ = stopped.await;
        }));
        TestApp {
            base,
            store,
            today,
            agencies,
            state,
            _dir: dir,
            stop: Some(stop),
        }
    }
}

impl TestApp {
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The agencies and the accounts, nothing else.
    pub async fn start() -> Self {
        Self::builder().start().await
    }

    /// The whole audit trail, newest first.
    pub async fn audit_events(&self) -> Vec<gongkai_domain::audit::AuditEvent> {
        gongkai_store::AuditLog::audit_events(
            &self.store,
            &gongkai_store::AuditFilter {
                agencies: None,
                before_seq: None,
                limit: 1000,
            },
        )
        .await
        .expect("audit trail")
    }

    /// The server's data folder (its SQLite database, files and key file).
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn agency(&self, name: &str) -> i64 {
        *self
            .agencies
            .get(name)
            .unwrap_or_else(|| panic!("no agency {name}"))
    }

    /// The password of one of the fixture's accounts.
    pub fn password_of(&self, username: &str) -> String {
        assert!(
            fixture::ACCOUNTS.iter().any(|a| a.0 == username),
            "no fixture account {username}"
        );
        fixture::PASSWORD.to_owned()
    }

    /// A client signed in as `username`.
    pub async fn signed_in(&self, username: &str) -> Client {
        let client = Client::new(self);
        let status = client.login(username, &self.password_of(username)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{username} signs in");
        client
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

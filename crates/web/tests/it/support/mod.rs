//! A demo server on a free port over a fresh SQLite store, and a browser-like client (cookies kept, redirects
//! not followed so that tests see each 303).

#![allow(dead_code)]

pub mod browser;

use std::collections::HashMap;

use gongkai_demo::{self as demo, DemoAccount};
use gongkai_store::{AgencyStore, DatabaseUrl, Store};
use gongkai_web::{AppState, Config, serve};
use reqwest::StatusCode;
use tokio::net::TcpListener;

pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub accounts: Vec<DemoAccount>,
    /// Agency ids by name.
    pub agencies: HashMap<String, i64>,
    _dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(&DatabaseUrl::in_data_dir(dir.path()))
            .await
            .expect("store");
        let accounts = demo::prepare(
            &store,
            dir.path(),
            gongkai_app::Clock::today(&gongkai_app::SystemClock),
        )
        .await
        .expect("demo data");
        let agencies = store
            .agencies()
            .await
            .expect("agencies")
            .into_iter()
            .map(|a| (a.profile.name, a.id.0))
            .collect();
        let mut config = Config {
            data_dir: dir.path().to_path_buf(),
            ..Config::default()
        };
        adjust(&mut config);
        let mut state = AppState::new(store.clone(), config).expect("state");
        state.demo = true;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(serve(state, listener, async move {
            let _ = stopped.await;
        }));
        Self {
            base,
            store,
            accounts,
            agencies,
            _dir: dir,
            stop: Some(stop),
        }
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

    pub fn password_of(&self, username: &str) -> String {
        self.accounts
            .iter()
            .find(|a| a.username == username)
            .map(|a| a.password.clone())
            .unwrap_or_else(|| panic!("no demo account {username}"))
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

pub struct Client {
    pub http: reqwest::Client,
    base: String,
}

/// The value of the first `name="csrf"` field of a page.
pub fn csrf_of(html: &str) -> Option<String> {
    let re = regex::Regex::new(r#"name="csrf" value="([0-9a-f]{64})""#).ok()?;
    re.captures(html).map(|c| c[1].to_owned())
}

impl Client {
    pub fn new(app: &TestApp) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            http,
            base: app.base.clone(),
        }
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET");
        let status = r.status();
        (status, r.text().await.unwrap_or_default())
    }

    /// Posts a form as a browser would: with the CSRF token of the page `from`.
    pub async fn post_from(
        &self,
        from: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String) {
        let (_, page) = self.get(from).await;
        let token = csrf_of(&page).unwrap_or_default();
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf", &token));
        self.post(path, &form).await
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .expect("POST");
        let status = r.status();
        (status, r.text().await.unwrap_or_default())
    }

    pub async fn login(&self, username: &str, password: &str) -> StatusCode {
        let (_, page) = self.get("/console/login").await;
        let token = csrf_of(&page).expect("login form has a CSRF token");
        let form = [
            ("username", username),
            ("password", password),
            ("csrf", &token),
            ("next", "/console"),
        ];
        self.post("/console/login", &form).await.0
    }
}

//! A browser-like client: cookies kept, redirects not followed so that tests see each 303.

use reqwest::StatusCode;

use super::TestApp;

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

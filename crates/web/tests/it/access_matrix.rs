//! The access matrix, generated from the router: every route the router declares is tried with each method it
//! answers, as every role of the platform, the agency's own staff, the staff of another agency, and a stranger.
//! Each route has a rule here saying who may use it; a route without one fails the test, so no route is added
//! without deciding who reaches it. An actor the rule excludes must be refused (401, 403, or sent to the login
//! page); an actor it includes must never be. Nobody gets a 5xx.

use std::collections::BTreeMap;

use gongkai_domain::account::{Role, Username};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AccountStore, ApplicationStore, CatalogStore, ItemFilter, NewAccount};
use reqwest::{Method, StatusCode, header};

use crate::support::{Client, TestApp, fixture};

/// Everyone who tries the routes: the fixture's accounts, two officials of another agency (财政局), a stranger.
const ACTORS: [&str; 10] = [
    "admin",
    "auditor",
    "security",
    "ggzy-admin",
    "ggzy-clerk",
    "ggzy-reviewer",
    "mz-supervisor",
    "cz-admin",
    "cz-clerk",
    "stranger",
];

/// Who may use a route (with one method), for the records of 孟州市公共资源交易中心.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in official.
    SignedIn,
    /// Only these accounts.
    Only(&'static [&'static str]),
    /// Logging out: harmless to anyone, and it answers everyone alike, with the login page.
    LogOut,
}

// The role matrix as the accounts of the fixture meet it (条例 assigns the work; 三员分立 splits the
// administrators): who reads the agency, who administers it, who does its casework, who oversees it.
const READ_AGENCY: &[&str] = &[
    "admin",
    "ggzy-admin",
    "ggzy-clerk",
    "ggzy-reviewer",
    "mz-supervisor",
];
const ADMINISTER: &[&str] = &["admin", "ggzy-admin"];
const PLATFORM_ADMIN: &[&str] = &["admin"];
const AUDIT: &[&str] = &["auditor"];
const SECURITY: &[&str] = &["security"];
const AGENCY_AUDIT: &[&str] = &["auditor", "ggzy-admin", "mz-supervisor"];
const CASEWORK: &[&str] = &["ggzy-clerk", "ggzy-reviewer"];
const REVIEW: &[&str] = &["ggzy-reviewer"];
const READ_CASES: &[&str] = &["ggzy-clerk", "ggzy-reviewer", "mz-supervisor"];
const OVERSEE: &[&str] = &["admin", "ggzy-admin", "mz-supervisor"];

/// The rule of each route, by the router's path and method.
fn rules() -> BTreeMap<(&'static str, Method), Rule> {
    use Rule::{Only, Public, SignedIn};
    let (get, post) = (Method::GET, Method::POST);
    let public_get = [
        "/",
        "/agencies/{id}",
        "/agencies/{id}/guide",
        "/agencies/{id}/rules",
        "/agencies/{id}/reports",
        "/agencies/{id}/apply",
        "/agencies/{id}/apply/receipt/{tracking_no}",
        "/agencies/{id}/apply/form.docx",
        "/agencies/{id}/apply/form.pdf",
        "/agencies/{id}/apply/receipt/{tracking_no}/pdf",
        "/status/letters/{file}",
        "/status",
        "/status/files/{id}",
        "/agencies/{id}/reports/{year}",
        "/agencies/{id}/reports/{year}/{file}",
        "/agencies/{id}/category/{code}",
        "/agencies/{id}/feed.xml",
        "/sitemap.xml",
        "/sitemaps/{file}",
        "/items/{*index_no}",
        "/attachments/{id}/{name}",
        "/search",
        "/reports",
        "/deadline",
        "/api/v1/deadline",
        "/api/v1/applications/status",
        "/api/v1/catalog",
        "/api/v1/catalog/{*index_no}",
        "/api/openapi.json",
        "/api/v1/agencies",
        "/lang",
        "/static/site.css",
        "/healthz",
        "/readyz",
        "/console/login",
    ];
    let public_post = [
        "/agencies/{id}/apply",
        "/status/correction",
        "/status/fee-paid",
        "/api/v1/applications",
        "/console/login",
    ];
    let staff = [
        ("/console", get.clone(), SignedIn),
        ("/console/password", get.clone(), SignedIn),
        ("/console/password", post.clone(), SignedIn),
        ("/api/v1/session", get.clone(), SignedIn),
        ("/console/search", get.clone(), SignedIn),
        ("/console/audit", get.clone(), Only(AUDIT)),
        ("/console/security", get.clone(), Only(SECURITY)),
        (
            "/console/security/accounts/{account}/role",
            post.clone(),
            Only(SECURITY),
        ),
        ("/console/security/unlock", post.clone(), Only(SECURITY)),
        ("/console/audit/verify", post.clone(), Only(AUDIT)),
        ("/console/agencies/new", get.clone(), Only(PLATFORM_ADMIN)),
        ("/console/agencies", post.clone(), Only(PLATFORM_ADMIN)),
        ("/console/agencies/{agency}", get.clone(), Only(READ_AGENCY)),
        (
            "/console/agencies/{agency}/edit",
            get.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/edit",
            post.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/children/new",
            get.clone(),
            Only(PLATFORM_ADMIN),
        ),
        (
            "/console/agencies/{agency}/children",
            post.clone(),
            Only(PLATFORM_ADMIN),
        ),
        (
            "/console/agencies/{agency}/accounts",
            get.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/accounts",
            post.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/accounts/{account}/active",
            post.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/accounts/{account}/password",
            post.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/accounts/{account}/email",
            post.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/tokens",
            get.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/tokens",
            post.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/tokens/{token}/revoke",
            get.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/tokens/{token}/revoke",
            post.clone(),
            Only(ADMINISTER),
        ),
        (
            "/console/agencies/{agency}/audit",
            get.clone(),
            Only(AGENCY_AUDIT),
        ),
        (
            "/console/agencies/{agency}/oversight",
            get.clone(),
            Only(OVERSEE),
        ),
        (
            "/console/agencies/{agency}/catalog",
            get.clone(),
            Only(READ_AGENCY),
        ),
        (
            "/console/agencies/{agency}/catalog/new",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/catalog/new",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}",
            get.clone(),
            Only(READ_AGENCY),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}/submit",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}/approve",
            get.clone(),
            Only(REVIEW),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}/approve",
            post.clone(),
            Only(REVIEW),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}/reject",
            post.clone(),
            Only(REVIEW),
        ),
        // 撤销 a published item is the reviewer's decision, like its publication.
        (
            "/console/agencies/{agency}/catalog/{item}/withdraw",
            post.clone(),
            Only(REVIEW),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}/revise",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}/attachments",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/catalog/{item}/attachments/{attachment}",
            get.clone(),
            Only(READ_AGENCY),
        ),
        (
            "/console/agencies/{agency}/applications",
            get.clone(),
            Only(READ_CASES),
        ),
        (
            "/console/agencies/{agency}/applications/new",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/applications/new",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/applications/receipts/{tracking_no}/pdf",
            get.clone(),
            Only(CASEWORK),
        ),
        // Figures only, no applicant: whoever reads the agency.
        (
            "/console/agencies/{agency}/applications/statistics",
            get.clone(),
            Only(READ_AGENCY),
        ),
        (
            "/console/agencies/{agency}/applications/{application}",
            get.clone(),
            Only(READ_CASES),
        ),
        (
            "/console/agencies/{agency}/applications/{application}/steps",
            post.clone(),
            Only(CASEWORK),
        ),
        // Letters and files name the applicant: the caseworkers only, not a supervisor.
        (
            "/console/agencies/{agency}/applications/{application}/letters/{file}",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/applications/{application}/files/{file}",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/applications/{application}/id-proof",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/reports",
            get.clone(),
            Only(READ_AGENCY),
        ),
        (
            "/console/agencies/{agency}/reports/import",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/reports/{year}",
            get.clone(),
            Only(READ_AGENCY),
        ),
        (
            "/console/agencies/{agency}/reports/{year}/inputs",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/reports/{year}/publish",
            post.clone(),
            Only(REVIEW),
        ),
        (
            "/console/agencies/{agency}/reports/{year}/{file}",
            get.clone(),
            Only(READ_AGENCY),
        ),
        (
            "/api/v1/agencies/{agency}/reports/{year}/publish",
            post.clone(),
            Only(REVIEW),
        ),
        // The register of 行政复议 and 行政诉讼 cases names no applicant: whoever reads the agency.
        (
            "/console/agencies/{agency}/appeals",
            get.clone(),
            Only(READ_AGENCY),
        ),
        (
            "/console/agencies/{agency}/appeals/new",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/appeals/new",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/appeals/{case}/decision",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/console/agencies/{agency}/appeals/{case}/decision",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/api/v1/agencies/{agency}/applications",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/api/v1/agencies/{agency}/applications",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/api/v1/agencies/{agency}/applications/{tracking_no}",
            get.clone(),
            Only(CASEWORK),
        ),
        (
            "/api/v1/agencies/{agency}/applications/{tracking_no}/steps",
            post.clone(),
            Only(CASEWORK),
        ),
        (
            "/api/v1/agencies/{agency}/applications/{tracking_no}/letters/{file}",
            get.clone(),
            Only(CASEWORK),
        ),
    ];
    let mut rules = BTreeMap::new();
    rules.insert(("/console/logout", post.clone()), Rule::LogOut);
    for path in public_get {
        rules.insert((path, get.clone()), Public);
    }
    for path in public_post {
        rules.insert((path, post.clone()), Public);
    }
    for (path, method, rule) in staff {
        rules.insert((path, method), rule);
    }
    rules
}

impl Rule {
    fn allows(self, actor: &str) -> bool {
        match self {
            Self::Public | Self::LogOut => true,
            Self::SignedIn => actor != "stranger",
            Self::Only(accounts) => accounts.contains(&actor),
        }
    }
}

/// Real records of the agency, so that an allowed request reaches past its lookups.
struct Records {
    values: BTreeMap<&'static str, String>,
}

impl Records {
    async fn of(app: &TestApp, centre: i64, victim: i64) -> Self {
        let agency = AgencyId(centre);
        let application = app
            .store
            .applications_of(agency, false)
            .await
            .expect("applications")
            .into_iter()
            .next()
            .expect("a fixture application");
        let (items, _) = app
            .store
            .items(&ItemFilter {
                agencies: Some(vec![agency]),
                states: None,
                category: None,
                year: None,
                page: 1,
                per_page: 100,
            })
            .await
            .expect("catalogue");
        let item = items
            .iter()
            .find(|i| i.index_no.is_some())
            .expect("an item");
        let index_no = item
            .index_no
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let values = BTreeMap::from([
            ("{agency}", centre.to_string()),
            ("{id}", centre.to_string()),
            ("{item}", item.id.0.to_string()),
            ("{attachment}", "1".to_owned()),
            ("{account}", victim.to_string()),
            ("{token}", "1".to_owned()),
            ("{application}", application.id.0.to_string()),
            ("{tracking_no}", application.tracking_no.to_string()),
            ("{file}", "1.pdf".to_owned()),
            ("{year}", "2025".to_owned()),
            ("{case}", "1".to_owned()),
            ("{code}", "a20_01".to_owned()),
            ("{name}", "file.pdf".to_owned()),
            ("{*index_no}", index_no),
        ]);
        Self { values }
    }

    /// The path with each parameter replaced by a real value.
    fn fill(&self, path: &str) -> String {
        let mut filled = path.to_owned();
        for (param, value) in &self.values {
            filled = filled.replace(param, value);
        }
        assert!(
            !filled.contains('{'),
            "the access matrix has no value for a parameter of {path}: add one to Records"
        );
        filled
    }
}

/// Officials of 财政局, another agency under the same government, and a clerk of 交易中心 whose account the
/// administrators' routes act on (so that no actor's own session is disabled or reset mid-test).
async fn more_accounts(app: &TestApp) -> i64 {
    let finance = app.agency("孟州市财政局");
    let centre = app.agency(fixture::CENTRE);
    let hash = fixture::password_hash().await;
    let by = ActorRef::System {
        reason: "access matrix".into(),
    };
    let mut victim = 0;
    for (username, role, agency) in [
        ("cz-admin", Role::AgencyAdmin, finance),
        ("cz-clerk", Role::Clerk, finance),
        ("ggzy-victim", Role::Clerk, centre),
    ] {
        let account = app
            .store
            .create_account(
                &NewAccount {
                    username: Username::parse(username).expect("name"),
                    display_name: username.to_owned(),
                    role,
                    agency: Some(AgencyId(agency)),
                    password_hash: hash.clone(),
                },
                &by,
            )
            .await
            .expect("account");
        victim = account.id.0;
    }
    victim
}

/// The actor's client and, when signed in, the session's CSRF token.
async fn sign_in(app: &TestApp, actor: &str) -> (Client, Option<String>) {
    let client = Client::new(app);
    if actor == "stranger" {
        return (client, None);
    }
    let status = client.login(actor, fixture::PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{actor} signs in");
    let (_, body) = client.get("/api/v1/session").await;
    let session: serde_json::Value = serde_json::from_str(&body).expect("session JSON");
    let token = session["csrf_token"].as_str().map(str::to_owned);
    (client, token)
}

/// Sends `method` to `url` as a browser of that session would (a POST with an empty form and the session's
/// CSRF token); the status and where it redirects.
async fn send(
    client: &Client,
    csrf: Option<&str>,
    url: &str,
    method: &Method,
) -> (StatusCode, Option<String>) {
    let mut request = client.http.request(method.clone(), url);
    if *method == Method::POST {
        if let Some(token) = csrf {
            request = request.header("x-csrf-token", token);
        }
        request = request
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("");
    }
    let response = request.send().await.expect("request");
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (response.status(), location)
}

/// Whether the answer refuses the actor: 401, 403, or a redirect to the login page.
fn refused(status: StatusCode, location: Option<&str>) -> bool {
    matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
        || (status == StatusCode::SEE_OTHER
            && location.is_some_and(|l| l.starts_with("/console/login")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_admits_whom_its_rule_names_and_refuses_everyone_else() {
    let app = TestApp::builder()
        .items(fixture::catalog())
        .applications(fixture::applications())
        // Every actor signs in and tries the login form from one address; the throttle has its own tests.
        .config(|c| {
            c.login_burst = 10_000;
            c.login_refill_seconds = 1;
        })
        .start()
        .await;
    let centre = app.agency(fixture::CENTRE);
    let victim = more_accounts(&app).await;
    let records = Records::of(&app, centre, victim).await;
    let rules = rules();
    let mut paths = gongkai_web::route_paths(app.state.clone());
    // Logging out ends the session: it is tried last.
    paths.sort_by_key(|p| *p == "/console/logout");
    assert!(
        paths.len() > 80,
        "the router declares {} routes",
        paths.len()
    );

    // The methods each route answers, as a signed-in official finds them (405 for the others); a stranger's
    // request may be sent to the login page before the method is looked at.
    let (discovery, csrf) = sign_in(&app, "ggzy-victim").await;
    let mut methods: BTreeMap<&str, Vec<Method>> = BTreeMap::new();
    for path in &paths {
        for method in [Method::GET, Method::POST] {
            let status = send(
                &discovery,
                csrf.as_deref(),
                &app.url(&records.fill(path)),
                &method,
            )
            .await
            .0;
            if status != StatusCode::METHOD_NOT_ALLOWED {
                methods.entry(path).or_default().push(method);
            }
        }
    }

    let mut failures = Vec::new();
    let mut tried = 0;
    for actor in ACTORS {
        let (client, csrf) = sign_in(&app, actor).await;
        for path in &paths {
            let url = app.url(&records.fill(path));
            for method in methods.get(path).into_iter().flatten() {
                let (status, location) = send(&client, csrf.as_deref(), &url, method).await;
                tried += 1;
                let Some(rule) = rules.get(&(*path, method.clone())) else {
                    failures.push(format!("{method} {path}: no rule in the access matrix"));
                    continue;
                };
                let is_refused = refused(status, location.as_deref());
                if status.is_server_error() {
                    failures.push(format!("{actor} {method} {path}: {status}"));
                } else if matches!(rule, Rule::LogOut) {
                    continue;
                } else if rule.allows(actor) && is_refused {
                    failures.push(format!(
                        "{actor} {method} {path}: refused ({status}), but its rule admits them"
                    ));
                } else if !rule.allows(actor) && !is_refused {
                    failures.push(format!(
                        "{actor} {method} {path}: {status}, but its rule refuses them"
                    ));
                }
            }
        }
    }
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} of {tried} requests broke the access matrix:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every rule belongs to a route the router still has.
    for (path, method) in rules.keys() {
        assert!(
            paths.contains(path),
            "a rule for {method} {path}, which the router no longer has"
        );
    }
}

//! Two `gongkai serve` on one PostgreSQL database, each with its own data folder (its own search index) and the
//! deployment's one key file, as a city runs them behind a load balancer: a session opened on one works on the
//! other; an item approved on one is found by search on the other within 5 seconds; an attachment uploaded on one
//! downloads from the other byte for byte; failed logins spread over both nodes lock the account on both; and
//! items approved on both at once get distinct 索引号 from the one counter.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use gongkai_store::{AgencyStore, CatalogStore, DatabaseUrl, Store};
use reqwest::StatusCode;

const CENTRE: &str = "孟州市公共资源交易中心";

struct Node {
    child: Child,
    base: String,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(database: &str, dir: &Path, name: &str) -> Node {
    let config = dir.join(format!("{name}.toml"));
    let data = dir.join(name);
    std::fs::write(
        &config,
        format!(
            "data_dir = {:?}\nkey_file = {:?}\n",
            data.display().to_string(),
            dir.join("gongkai.key").display().to_string()
        ),
    )
    .expect("config");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--database", database, "--config"])
        .arg(&config)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address line");
    let base = line
        .split("http://")
        .nth(1)
        .map(|a| format!("http://{}", a.trim().trim_end_matches('/')))
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Node { child, base }
}

/// A browser: one cookie jar for both nodes (same host, other port), redirects not followed.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

fn csrf_of(html: &str) -> String {
    regex::Regex::new(r#"name="csrf" value="([0-9a-f]{64})""#)
        .expect("re")
        .captures(html)
        .map(|c| c[1].to_owned())
        .unwrap_or_else(|| panic!("no CSRF token in the page"))
}

async fn page(http: &reqwest::Client, url: &str) -> (StatusCode, String) {
    let r = http.get(url).send().await.expect("GET");
    (r.status(), r.text().await.unwrap_or_default())
}

/// Posts `fields` with the CSRF token of the page at `from`; returns the status and the Location.
async fn post(
    http: &reqwest::Client,
    node: &Node,
    from: &str,
    to: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let (_, html) = page(http, &format!("{}{from}", node.base)).await;
    let token = csrf_of(&html);
    let mut form = fields.to_vec();
    form.push(("csrf", &token));
    let r = http
        .post(format!("{}{to}", node.base))
        .form(&form)
        .send()
        .await
        .expect("POST");
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (r.status(), location)
}

async fn login(http: &reqwest::Client, node: &Node, username: &str, password: &str) -> StatusCode {
    let fields = [
        ("username", username),
        ("password", password),
        ("next", "/console"),
    ];
    post(http, node, "/console/login", "/console/login", &fields)
        .await
        .0
}

/// A clerk's draft, sent to review; returns its console path.
async fn draft(
    http: &reqwest::Client,
    node: &Node,
    centre: i64,
    title: &str,
    body: &str,
) -> String {
    let new = format!("/console/agencies/{centre}/catalog/new");
    let fields = [
        ("title", title),
        ("category", "a21_02"),
        ("issuer", CENTRE),
        ("formed_on", "2026-03-02"),
        ("kind", "other"),
        ("validity", "valid"),
        ("body", body),
    ];
    let (status, location) = post(http, node, &new, &new, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "drafted");
    let item = location
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_owned();
    assert!(item.contains("/catalog/"), "{location}");
    item
}

async fn submit(http: &reqwest::Client, node: &Node, item: &str) {
    let (status, _) = post(http, node, item, &format!("{item}/submit"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "submitted");
}

async fn approve(http: &reqwest::Client, node: &Node, item: &str) -> StatusCode {
    let to = format!("{item}/approve");
    post(http, node, item, &to, &[("confirmed", "1")]).await.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_postgresql_share_sessions_search_files_lockouts_and_index_numbers() {
    let Some(db) = gongkai_store::testing::ScratchDatabase::create_or_skip().await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let url = DatabaseUrl::Postgres(db.url.clone());
    let (centre, accounts) = {
        let store = Store::open(&url).await.expect("store");
        let accounts = gongkai_demo::prepare(
            &store,
            &dir.path().join("seed"),
            chrono::Local::now().date_naive(),
        )
        .await
        .expect("the demo agencies and staff");
        let centre = store
            .agency_by_name_or_code(CENTRE)
            .await
            .expect("read")
            .expect("the centre")
            .id
            .0;
        store.close().await;
        (centre, accounts)
    };
    let password = |name: &str| {
        accounts
            .iter()
            .find(|a| a.username == name)
            .map(|a| a.password.clone())
            .expect("a demo account")
    };
    let a = start(&db.url, dir.path(), "node-a");
    let b = start(&db.url, dir.path(), "node-b");

    // A session opened on A works on B.
    let clerk = browser();
    assert_eq!(
        login(&clerk, &a, "ggzy-clerk", &password("ggzy-clerk")).await,
        StatusCode::SEE_OTHER
    );
    let (status, home) = page(&clerk, &format!("{}/console", b.base)).await;
    assert_eq!(status, StatusCode::OK, "B knows A's session");
    assert!(
        home.contains("ggzy-clerk") || home.contains("交易中心经办人"),
        "signed in on B"
    );

    // An attachment uploaded on A downloads from B byte for byte (several chunks).
    let item = draft(
        &clerk,
        &a,
        centre,
        "孟州市公共资源交易中心双节点部署测试公告",
        "双节点部署 JIEDIAN77",
    )
    .await;
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..600_000u32).map(|i| b"0123456789abcdef\n"[(i % 17) as usize]));
    pdf.extend_from_slice(b"\n%%EOF\n");
    let (_, html) = page(&clerk, &format!("{}{item}", a.base)).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf_of(&html))
        .part(
            "file",
            reqwest::multipart::Part::bytes(pdf.clone()).file_name("双节点附件.pdf"),
        );
    let uploaded = clerk
        .post(format!("{}{item}/attachments", a.base))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER, "uploaded on A");
    let (_, html) = page(&clerk, &format!("{}{item}", b.base)).await;
    let link = regex::Regex::new(r#"href="(/console/agencies/\d+/catalog/\d+/attachments/\d+)""#)
        .expect("re")
        .captures(&html)
        .map(|c| c[1].to_owned())
        .expect("B lists the attachment");
    let r = clerk
        .get(format!("{}{link}", b.base))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.bytes().await.expect("bytes").as_ref() == pdf.as_slice(),
        "the same bytes from B"
    );
    submit(&clerk, &a, &item).await;

    // Approved on B (the reviewer's session from A), found by search on A within 5 seconds.
    let reviewer = browser();
    assert_eq!(
        login(&reviewer, &a, "ggzy-reviewer", &password("ggzy-reviewer")).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        approve(&reviewer, &b, &item).await,
        StatusCode::SEE_OTHER,
        "approved on B"
    );
    let approved = Instant::now();
    let visitor = browser();
    let mut found = None;
    while approved.elapsed() < Duration::from_secs(5) {
        let (_, results) = page(&visitor, &format!("{}/search?q=JIEDIAN77", a.base)).await;
        if results.contains("双节点部署测试公告") {
            found = Some(approved.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let found = found.expect("search on A finds what B published within 5 s");
    eprintln!("published on B, found on A after {} ms", found.as_millis());

    // Published items approved on both nodes at once get distinct 索引号 from the one counter.
    let mut items = Vec::new();
    for n in 0..6 {
        let item = draft(
            &clerk,
            if n % 2 == 0 { &a } else { &b },
            centre,
            &format!("孟州市公共资源交易中心并发编号测试第{n}号"),
            "并发",
        )
        .await;
        submit(&clerk, &a, &item).await;
        items.push(item);
    }
    let approvals = items.iter().enumerate().map(|(n, item)| {
        let (reviewer, node) = (&reviewer, if n % 2 == 0 { &a } else { &b });
        async move { approve(reviewer, node, item).await }
    });
    for status in futures_util::future::join_all(approvals).await {
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let store = Store::connect(&url).await.expect("store");
    let published: Vec<String> = store
        .items_changed_since(0, 10_000)
        .await
        .expect("items")
        .into_iter()
        .filter(|i| i.draft.title.contains("双节点") || i.draft.title.contains("并发编号"))
        .filter_map(|i| i.index_no.map(|n| n.to_string()))
        .collect();
    assert_eq!(published.len(), 7, "{published:?}");
    let distinct: std::collections::HashSet<_> = published.iter().collect();
    assert_eq!(distinct.len(), 7, "no 索引号 twice: {published:?}");
    store.close().await;

    // Wrong passwords: three on A, two on B; the account is then locked on both.
    let intruder = browser();
    for node in [&a, &a, &a, &b, &b] {
        assert_ne!(
            login(&intruder, node, "ggzy-admin", "wrong-password").await,
            StatusCode::SEE_OTHER
        );
    }
    for node in [&a, &b] {
        let owner = browser();
        assert_ne!(
            login(&owner, node, "ggzy-admin", &password("ggzy-admin")).await,
            StatusCode::SEE_OTHER,
            "locked on {} after five failures over two nodes",
            node.base
        );
    }
    drop((a, b));
    db.drop_now().await;
}

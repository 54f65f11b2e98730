//! The crash test: `gongkai serve` killed with SIGKILL twenty times while citizens submit applications at once,
//! on SQLite and on PostgreSQL. Every application acknowledged with a receipt (201) is in the store afterwards,
//! no tracking number is given twice, and the audit chain verifies.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{code, gongkai, stdout};
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::application::intake::TrackingNo;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AgencyStore, ApplicationStore, DatabaseUrl, Store};

const KILLS: usize = 20;
const CLIENTS: usize = 4;
const AGENCY: &str = "孟州市公共资源交易中心";

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `gongkai serve` with `store_args` and returns it with its address.
fn start(store_args: &[String], config: &Path) -> (Running, String) {
    let mut args = vec!["serve".to_owned()];
    args.extend_from_slice(store_args);
    args.extend([
        "--config".to_owned(),
        config.display().to_string(),
        "--listen".to_owned(),
        "127.0.0.1:0".to_owned(),
    ]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let out = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(out)
        .read_line(&mut line)
        .expect("the address line");
    let base = line
        .split("http://")
        .nth(1)
        .map(|a| format!("http://{}", a.trim().trim_end_matches('/')))
        .expect("address printed");
    (Running(child), base)
}

/// Submits applications until the server stops answering; returns the tracking numbers acknowledged.
async fn citizen(base: String, round: usize, client: usize) -> Vec<String> {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let mut acknowledged = Vec::new();
    for n in 0.. {
        let body = serde_json::json!({
            "agency": AGENCY,
            "applicant": {"kind": "np", "name": "张三", "id_type": "resident_id",
                          "id_number": "11010519491231002X", "phone": "13800000000"},
            "description": format!("崩溃测试第{round}轮第{client}位第{n}件"),
            "form": "electronic", "delivery": "online"
        });
        let Ok(r) = http
            .post(format!("{base}/api/v1/applications"))
            .json(&body)
            .send()
            .await
        else {
            break;
        };
        if r.status() != reqwest::StatusCode::CREATED {
            continue;
        }
        // Acknowledged only once the receipt has been read whole.
        let Ok(receipt) = r.json::<serde_json::Value>().await else {
            break;
        };
        if let Some(no) = receipt["tracking_no"].as_str() {
            acknowledged.push(no.to_owned());
        }
    }
    acknowledged
}

async fn story(url: DatabaseUrl, store_args: Vec<String>, dir: &Path) {
    let data_dir = dir.join("data");
    let config = dir.join("gongkai.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = {:?}\n[intake]\nper_address_burst = 1000000\nper_address_refill_seconds = 1\n\
             per_identity_per_day = 0\n",
            data_dir.display().to_string()
        ),
    )
    .expect("config");
    {
        let store = Store::open(&url).await.expect("store");
        let by = ActorRef::System {
            reason: "crash test".into(),
        };
        store
            .create_agency(
                None,
                &AgencyProfile::named(AGENCY, AgencyKind::Department),
                &by,
            )
            .await
            .expect("agency");
        store.close().await;
    }
    let mut acknowledged = Vec::new();
    for round in 0..KILLS {
        let (mut server, base) = start(&store_args, &config);
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| tokio::spawn(citizen(base.clone(), round, c)))
            .collect();
        // Let them file for a while, each round a little longer, then pull the plug.
        tokio::time::sleep(Duration::from_millis(400 + 25 * round as u64)).await;
        server.0.kill().expect("kill -9"); // SIGKILL: no shutdown, no flush
        let _ = server.0.wait();
        for c in clients {
            acknowledged.extend(c.await.expect("client"));
        }
    }
    assert!(
        acknowledged.len() > KILLS,
        "applications were acknowledged between the kills ({})",
        acknowledged.len()
    );
    let unique: HashSet<&String> = acknowledged.iter().collect();
    assert_eq!(
        unique.len(),
        acknowledged.len(),
        "no tracking number given twice"
    );
    let store = Store::connect(&url).await.expect("store");
    // The applicants are sealed: the server's key file opens them.
    let keys = std::fs::read_to_string(data_dir.join("gongkai.key")).expect("key file");
    store.use_keyring(gongkai_store::crypto::Keyring::parse(&keys).expect("keys"));
    let mut lost = Vec::new();
    for no in &acknowledged {
        let tracking = TrackingNo::parse(no).expect("a tracking number");
        if store
            .application_by_tracking_no(&tracking)
            .await
            .expect("read")
            .is_none()
        {
            lost.push(no.clone());
        }
    }
    store.close().await;
    assert!(lost.is_empty(), "acknowledged and lost: {lost:?}");
    let mut verify_args = vec!["audit".to_owned(), "verify".to_owned()];
    verify_args.extend(store_args.iter().cloned());
    let verify_args: Vec<&str> = verify_args.iter().map(String::as_str).collect();
    let verify = gongkai(&verify_args);
    assert_eq!(code(&verify), 0, "{}", stdout(&verify));
    eprintln!(
        "crash test: {KILLS} kills, {} applications acknowledged, none lost",
        acknowledged.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_kills_on_sqlite_lose_no_acknowledged_application() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    story(
        DatabaseUrl::in_data_dir(&data),
        vec!["--data-dir".to_owned(), data.display().to_string()],
        dir.path(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_kills_on_postgresql_lose_no_acknowledged_application() {
    let Some(db) = gongkai_store::testing::ScratchDatabase::create_or_skip().await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    story(
        DatabaseUrl::Postgres(db.url.clone()),
        vec!["--database".to_owned(), db.url.clone()],
        dir.path(),
    )
    .await;
    db.drop_now().await;
}

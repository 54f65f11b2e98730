//! The platform commands as an operator runs them: `demo`, `audit verify` (also after rows are altered by
//! hand), `migrate`, `admin add`, `serve` on PostgreSQL, and a write that survives `kill -9`.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use common::{code, gongkai, stdout};
use sqlx::Connection;

/// A child process that is killed if the test ends early, so that a failed assertion leaves no server behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn data_dir_arg(dir: &tempfile::TempDir) -> String {
    dir.path().display().to_string()
}

async fn sqlite(dir: &tempfile::TempDir) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", dir.path().join("gongkai.sqlite3").display());
    sqlx::SqliteConnection::connect(&url)
        .await
        .expect("open the demo database by hand")
}

#[tokio::test]
async fn audit_verify_passes_untouched_and_names_the_event_altered_by_hand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = data_dir_arg(&dir);
    let first = gongkai(&["demo", "--setup-only", "--data-dir", &d]);
    assert_eq!(code(&first), 0, "{}", stdout(&first));
    let listing = stdout(&first);
    for name in [
        "admin",
        "ggzy-admin",
        "ggzy-clerk",
        "ggzy-reviewer",
        "mz-supervisor",
        "孟州市公共资源交易中心",
    ] {
        assert!(listing.contains(name), "{name} in:\n{listing}");
    }
    let again = gongkai(&["demo", "--setup-only", "--data-dir", &d]);
    assert_eq!(
        stdout(&again),
        listing,
        "a second start prints the same accounts and creates nothing"
    );

    let verify = gongkai(&["audit", "verify", "--data-dir", &d]);
    assert_eq!(code(&verify), 0);
    let mut db = sqlite(&dir).await;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events")
        .fetch_one(&mut db)
        .await
        .expect("count");
    assert!(
        stored > 9,
        "4 agencies, 5 accounts and the catalogue's steps: {stored}"
    );
    assert!(
        stdout(&verify).contains(&format!("共 {stored} 条事件")),
        "every stored event is counted: {}",
        stdout(&verify)
    );

    sqlx::query("UPDATE audit_events SET target = 'agency:99' WHERE seq = 3")
        .execute(&mut db)
        .await
        .expect("alter a row");
    let broken = gongkai(&["audit", "verify", "--data-dir", &d]);
    assert_eq!(code(&broken), 1);
    let said = stdout(&broken);
    assert!(
        said.contains("事件 #3 被改动") && said.contains("event #3 was altered"),
        "{said}"
    );
    assert!(said.contains("agency.create"), "the event is shown: {said}");

    sqlx::query("UPDATE audit_events SET target = 'agency:3' WHERE seq = 3")
        .execute(&mut db)
        .await
        .expect("restore");
    assert_eq!(
        code(&gongkai(&["audit", "verify", "--data-dir", &d])),
        0,
        "restored exactly"
    );
    sqlx::query("DELETE FROM audit_events WHERE seq = 6")
        .execute(&mut db)
        .await
        .expect("delete a row");
    let deleted = gongkai(&["audit", "verify", "--data-dir", &d]);
    assert_eq!(code(&deleted), 1);
    assert!(
        stdout(&deleted).contains("事件 #6 被删除"),
        "{}",
        stdout(&deleted)
    );
}

#[test]
fn migrate_applies_once_and_bad_addresses_are_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = data_dir_arg(&dir);
    let first = gongkai(&["migrate", "--data-dir", &d]);
    assert_eq!(code(&first), 0);
    // Every migration this build carries for SQLite, applied by the first run.
    let carried = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../store/migrations/sqlite"
    ))
    .expect("the migrations folder")
    .count();
    assert!(
        stdout(&first).contains(&format!("本次应用 {carried} 个迁移")),
        "{}",
        stdout(&first)
    );
    let second = gongkai(&["migrate", "--data-dir", &d]);
    assert!(
        stdout(&second).contains("本次应用 0 个迁移"),
        "{}",
        stdout(&second)
    );
    let bad = gongkai(&["migrate", "--database", "mysql://x"]);
    assert_eq!(code(&bad), 2);
    assert!(common::stderr(&bad).contains("expected sqlite:PATH or postgres://"));
}

/// Starts `gongkai demo` on a free port and reads its address and the admin password from what it prints.
fn start_demo(dir: &str) -> (Running, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["demo", "--data-dir", dir, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the demo");
    let out = child.stdout.take().expect("stdout");
    let mut address = None;
    let mut password = None;
    for line in BufReader::new(out).lines() {
        let line = line.expect("a line");
        if let Some(rest) = line.trim().strip_prefix("门户 / portal:") {
            address = Some(rest.trim().trim_end_matches('/').to_owned());
        }
        if line.trim_start().starts_with("admin ") {
            password = line.split_whitespace().nth(1).map(str::to_owned);
        }
        if line.contains("Ctrl-C") {
            break;
        }
    }
    (
        Running(child),
        address.expect("address printed"),
        password.expect("password printed"),
    )
}

#[tokio::test]
async fn an_acknowledged_write_survives_kill_9() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut demo, base, password) = start_demo(&data_dir_arg(&dir));
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let signed_in = sign_in(&http, &base, "admin", &password).await;
    assert_eq!(signed_in, reqwest::StatusCode::SEE_OTHER);
    let page = http
        .get(format!("{base}/console/agencies/1/children/new"))
        .send()
        .await
        .expect("GET");
    let t = csrf(&page.text().await.expect("page"));
    let r = http
        .post(format!("{base}/console/agencies/1/children"))
        .form(&[
            ("name", "孟州市审计局"),
            ("kind", "department"),
            ("csrf", t.as_str()),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(
        r.status(),
        reqwest::StatusCode::SEE_OTHER,
        "the write was acknowledged"
    );
    demo.0.kill().expect("kill -9"); // SIGKILL on Unix: no shutdown, no flush
    let _ = demo.0.wait();

    let mut db = sqlite(&dir).await;
    let found: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM agencies WHERE name = '孟州市审计局'")
            .fetch_one(&mut db)
            .await
            .expect("query");
    assert_eq!(found, 1, "the acknowledged agency is there after kill -9");
    let verify = gongkai(&["audit", "verify", "--data-dir", &data_dir_arg(&dir)]);
    assert_eq!(code(&verify), 0, "{}", stdout(&verify));
}

#[tokio::test]
async fn serve_runs_on_postgresql_with_an_administrator_added_from_the_command_line() {
    let Some(db) = gongkai_store::testing::ScratchDatabase::create_or_skip().await else {
        return;
    };
    let admin = gongkai(&["admin", "add", "root", "--database", &db.url]);
    assert_eq!(code(&admin), 0, "{}", common::stderr(&admin));
    assert!(stdout(&admin).contains("初始密码"));
    let child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--database", &db.url, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut server = Running(child);
    let out = server.0.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(out)
        .read_line(&mut first)
        .expect("the address line");
    let base = first
        .split("http://")
        .nth(1)
        .map(|a| format!("http://{}", a.trim().trim_end_matches('/')));
    let base = base.expect("address printed");
    let ready = reqwest::get(format!("{base}/readyz"))
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    let password = stdout(&admin)
        .split("password: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .expect("the password is printed");
    // The first administrator starts the platform: a top-level agency, on PostgreSQL.
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let signed_in = sign_in(&http, &base, "root", &password).await;
    let form = http
        .get(format!("{base}/console/agencies/new"))
        .send()
        .await
        .expect("GET");
    let token = csrf(&form.text().await.expect("page"));
    let created = http
        .post(format!("{base}/console/agencies"))
        .form(&[
            ("name", "焦作市人民政府"),
            ("kind", "government"),
            ("csrf", token.as_str()),
        ])
        .send()
        .await
        .expect("POST")
        .status();
    drop(server);
    let verify = gongkai(&["audit", "verify", "--database", &db.url]);
    db.drop_now().await;
    assert!(
        ready.contains("\"ready\"") && ready.contains("postgres"),
        "{ready}"
    );
    assert_eq!(signed_in, reqwest::StatusCode::SEE_OTHER);
    assert_eq!(created, reqwest::StatusCode::SEE_OTHER);
    assert_eq!(code(&verify), 0, "{}", stdout(&verify));
    assert!(
        stdout(&verify).contains("共 3 条事件"),
        "account, login, agency: {}",
        stdout(&verify)
    );
}

fn csrf(html: &str) -> String {
    let re = regex::Regex::new(r#"name="csrf" value="([0-9a-f]{64})""#).expect("regex");
    re.captures(html)
        .map(|c| c[1].to_owned())
        .expect("a CSRF token")
}

async fn sign_in(
    http: &reqwest::Client,
    base: &str,
    username: &str,
    password: &str,
) -> reqwest::StatusCode {
    let page = http
        .get(format!("{base}/console/login"))
        .send()
        .await
        .expect("GET");
    let token = csrf(&page.text().await.expect("page"));
    let form = [
        ("username", username),
        ("password", password),
        ("csrf", token.as_str()),
    ];
    let r = http
        .post(format!("{base}/console/login"))
        .form(&form)
        .send()
        .await
        .expect("POST");
    r.status()
}

/// The columns of an audit event as stored, in the order the test reads them.
type StoredEvent = (
    i64,
    i64,
    String,
    Option<i64>,
    String,
    String,
    Option<i64>,
    String,
    String,
);

/// Someone with write access to the database edits an event and recomputes every hash after it: the chain is
/// consistent again, but not with the head noted earlier outside the database.
#[tokio::test]
async fn a_head_kept_outside_the_database_catches_a_rewritten_chain() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = data_dir_arg(&dir);
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );
    let head = gongkai(&["audit", "head", "--data-dir", &d]);
    let anchor = stdout(&head).lines().next().unwrap_or_default().to_owned();
    let head_seq = anchor.split(':').next().unwrap_or_default().to_owned();
    assert!(head_seq.parse::<i64>().is_ok_and(|n| n > 9), "{anchor}");
    let ok = gongkai(&["audit", "verify", "--data-dir", &d, "--expect", &anchor]);
    assert_eq!(code(&ok), 0, "{}", stdout(&ok));

    let mut db = sqlite(&dir).await;
    let rows: Vec<StoredEvent> = sqlx::query_as(
        "SELECT seq, at_ms, actor_kind, actor_id, actor_name, action, agency_id, target, detail \
             FROM audit_events ORDER BY seq",
    )
    .fetch_all(&mut db)
    .await
    .expect("read the trail");
    let mut prev = gongkai_domain::audit::GENESIS_HASH.to_owned();
    for (seq, at_ms, actor_kind, actor_id, actor_name, action, agency, target, detail) in rows {
        let target = if seq == 3 {
            "agency:99".to_owned()
        } else {
            target
        };
        let mut e = gongkai_domain::audit::AuditEvent {
            seq,
            at_ms,
            actor_kind,
            actor_id,
            actor_name,
            action,
            agency,
            target,
            digest: gongkai_domain::audit::digest_of(&detail),
            detail,
            prev_hash: prev.clone(),
            hash: String::new(),
        };
        e.hash = e.computed_hash();
        sqlx::query("UPDATE audit_events SET target = ?, prev_hash = ?, hash = ? WHERE seq = ?")
            .bind(&e.target)
            .bind(&e.prev_hash)
            .bind(&e.hash)
            .bind(seq)
            .execute(&mut db)
            .await
            .expect("rewrite");
        sqlx::query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")
            .bind(seq)
            .bind(&e.hash)
            .execute(&mut db)
            .await
            .expect("move the head");
        prev = e.hash;
    }
    let plain = gongkai(&["audit", "verify", "--data-dir", &d]);
    assert_eq!(
        code(&plain),
        0,
        "a consistent rewrite passes without an anchor"
    );
    let anchored = gongkai(&["audit", "verify", "--data-dir", &d, "--expect", &anchor]);
    assert_eq!(code(&anchored), 1);
    assert!(
        stdout(&anchored).contains(&format!("事件 #{head_seq} 与此前记录的哈希不符")),
        "{}",
        stdout(&anchored)
    );
    let bad = gongkai(&[
        "audit",
        "verify",
        "--data-dir",
        &d,
        "--expect",
        "9:not-a-hash",
    ]);
    assert_eq!(code(&bad), 2, "a malformed anchor is refused");
}

#[test]
fn the_deadline_command_counts_working_days_and_refuses_what_it_cannot_know() {
    let out = gongkai(&["deadline", "--received", "2020-01-20"]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("答复期限 2020-02-25")
            && stdout(&out).contains("deadline 2020-02-25"),
        "{}",
        stdout(&out)
    );
    let beyond = gongkai(&["deadline", "--received", "2026-12-20"]);
    assert_eq!(code(&beyond), 2);
    assert!(
        common::stderr(&beyond).contains("2027"),
        "{}",
        common::stderr(&beyond)
    );
    assert_eq!(code(&gongkai(&["deadline", "--received", "20-1-2020"])), 2);
}

#[tokio::test]
async fn search_reindex_refuses_a_running_servers_index_and_rebuilds_it_once_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = data_dir_arg(&dir);
    let (demo, base, _) = start_demo(&d);
    // The running demo publishes the centre's 2020 report, which its search of reports finds.
    let reports = reqwest::get(format!("{base}/reports?year=2020"))
        .await
        .expect("GET")
        .text()
        .await
        .expect("page");
    assert!(
        reports.contains("孟州市公共资源交易中心2020年政府信息公开工作年度报告"),
        "{reports}"
    );
    let busy = gongkai(&["search", "reindex", "--data-dir", &d]);
    assert_ne!(code(&busy), 0, "{}", stdout(&busy));
    assert!(
        common::stderr(&busy).contains("正被另一个进程使用"),
        "{}",
        common::stderr(&busy)
    );
    drop(demo);
    let done = gongkai(&["search", "reindex", "--data-dir", &d]);
    assert_eq!(code(&done), 0, "{}", common::stderr(&done));
    let said = stdout(&done);
    let indexed: u64 = regex_lite_number(&said, "已编入索引的公开条目 ");
    assert!(indexed > 20, "the demo's published items: {said}");
}

/// The number printed right after `label`.
fn regex_lite_number(text: &str, label: &str) -> u64 {
    text.split(label)
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {label} in {text}"))
}

//! An applicant's identity number, phone and address never reach the server's log or a list page, as an
//! assessor checks them: the demo runs with every log level on (`RUST_LOG=debug`), a citizen files an application
//! and a faulty one, a clerk opens the case list and the staff search; the log and the lists are searched for
//! each of them. Only the case page shows them, to the handling agency's caseworker.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

const ID_NUMBER: &str = "410883198803150027";
const PHONE: &str = "13912345678";
const ADDRESS: &str = "河南省孟州市隐私测试路88号";
const NAME: &str = "隐私测试人";

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Keeps everything `from` prints, line by line, from a thread of its own.
fn collect(from: impl Read + Send + 'static, into: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            if let Ok(mut lines) = into.lock() {
                lines.push(line);
            }
        }
    });
}

fn csrf_of(html: &str) -> String {
    regex::Regex::new(r#"name="csrf" value="([0-9a-f]{64})""#)
        .ok()
        .and_then(|re| re.captures(html).map(|c| c[1].to_owned()))
        .expect("a CSRF token")
}

#[tokio::test]
async fn identities_stay_out_of_the_log_and_the_lists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the demo");
    let log = Arc::new(Mutex::new(Vec::new()));
    collect(child.stderr.take().expect("stderr"), Arc::clone(&log));
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let (mut base, mut clerk_password) = (String::new(), String::new());
    let mut line = String::new();
    while out.read_line(&mut line).unwrap_or(0) > 0 {
        if let Some(at) = line.find("http://")
            && base.is_empty()
        {
            base = line[at..].trim().trim_end_matches('/').to_owned();
        }
        if line.trim_start().starts_with("ggzy-clerk ") {
            clerk_password = line
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
        }
        if line.contains("Ctrl-C") {
            break;
        }
        line.clear();
    }
    collect(out, Arc::clone(&log));
    let server = Running(child);
    assert!(
        !base.is_empty() && !clerk_password.is_empty(),
        "the demo's banner"
    );

    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let application = |phone: &str| {
        serde_json::json!({
            "agency": "孟州市公共资源交易中心",
            "applicant": {"kind": "np", "name": NAME, "id_type": "resident_id", "id_number": ID_NUMBER,
                          "phone": phone, "address": ADDRESS},
            "description": "隐私测试：申请公开某文件", "form": "electronic", "delivery": "post"
        })
    };
    let filed = http
        .post(format!("{base}/api/v1/applications"))
        .json(&application(PHONE))
        .send()
        .await
        .expect("POST");
    assert_eq!(filed.status(), reqwest::StatusCode::CREATED);
    // A faulty one: refused field by field, and the refusal does not echo what was sent either.
    let refused = http
        .post(format!("{base}/api/v1/applications"))
        .json(&application(&format!("{PHONE} call me")))
        .send()
        .await
        .expect("POST");
    assert_eq!(refused.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap_or_default();
    assert!(
        !body.contains(ID_NUMBER) && !body.contains(ADDRESS),
        "{body}"
    );

    let login = http
        .get(format!("{base}/console/login"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .unwrap_or_default();
    let signed_in = http
        .post(format!("{base}/console/login"))
        .form(&[
            ("username", "ggzy-clerk"),
            ("password", clerk_password.as_str()),
            ("csrf", csrf_of(&login).as_str()),
            ("next", "/console"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(signed_in.status(), reqwest::StatusCode::SEE_OTHER);
    let agencies: serde_json::Value = http
        .get(format!("{base}/api/v1/agencies"))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    let centre = agencies
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|x| x["name"] == "孟州市公共资源交易中心")
                .and_then(|x| x["id"].as_i64())
        })
        .expect("the centre");
    for list in [
        format!("/console/agencies/{centre}/applications"),
        format!("/console/agencies/{centre}/applications?applicant={NAME}"),
        format!("/console/search?q={NAME}"),
    ] {
        let page = http
            .get(format!("{base}{list}"))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .unwrap_or_default();
        assert!(page.contains(NAME), "{list} lists the application by name");
        for secret in [ID_NUMBER, PHONE, ADDRESS] {
            assert!(!page.contains(secret), "{list} shows {secret}");
        }
    }

    drop(server);
    let log = log.lock().map(|l| l.join("\n")).unwrap_or_default();
    assert!(
        log.contains("/api/v1/applications"),
        "the log has the requests at debug level"
    );
    for secret in [ID_NUMBER, PHONE, ADDRESS] {
        assert!(!log.contains(secret), "the log holds {secret}");
    }
}

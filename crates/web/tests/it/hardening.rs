//! Web hardening as an assessor tries it: personal pages never stored by a cache, HSTS over HTTPS, a withdrawn
//! attachment not served from a shared cache, a `next=` with CR/LF harmless, and slow clients cut off.

use std::time::{Duration, Instant};

use crate::support::{Client, TestApp, csrf_of};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn cache_control(r: &reqwest::Response) -> String {
    r.headers()
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

#[tokio::test]
async fn personal_and_secret_pages_are_never_stored_and_public_ones_may_be() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let http = reqwest::Client::new();
    for path in [
        "/status".to_owned(),
        "/console/login".to_owned(),
        format!("/agencies/{centre}/apply"),
        "/api/v1/session".to_owned(),
    ] {
        let r = http.get(app.url(&path)).send().await.expect("GET");
        assert!(
            cache_control(&r).contains("no-store"),
            "{path}: {:?}",
            cache_control(&r)
        );
    }
    let admin = app.signed_in("admin").await;
    let r = admin
        .http
        .get(app.url("/console"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(cache_control(&r).contains("no-store"));
    // The receipt with its query code.
    let body = serde_json::json!({
        "agency": "孟州市公共资源交易中心",
        "applicant": {"kind": "np", "name": "张三", "id_type": "resident_id",
                      "id_number": "11010519491231002X", "phone": "13800000000"},
        "description": "请公开2020年度预算", "form": "electronic", "delivery": "online"
    });
    let r = http
        .post(app.url("/api/v1/applications"))
        .json(&body)
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::CREATED);
    assert!(cache_control(&r).contains("no-store"));
    // Public pages are not marked: a proxy may keep them.
    let r = http.get(app.url("/")).send().await.expect("GET");
    assert!(
        !cache_control(&r).contains("no-store"),
        "{}",
        cache_control(&r)
    );
    assert!(
        r.headers().get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );
}

#[tokio::test]
async fn over_https_browsers_are_told_to_stay_on_https() {
    let app = TestApp::builder()
        .config(|c| c.public_url = Some("https://gk.example.gov.cn".into()))
        .start()
        .await;
    let r = reqwest::get(app.url("/")).await.expect("GET");
    let hsts = r
        .headers()
        .get("strict-transport-security")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(hsts.starts_with("max-age="), "{hsts:?}");
}

#[tokio::test]
async fn a_next_with_a_line_break_is_not_followed_and_does_not_fail() {
    let app = TestApp::start().await;
    let client = Client::new(&app);
    let (_, page) = client.get("/console/login").await;
    let token = csrf_of(&page).expect("token");
    let password = app.password_of("admin");
    let form = [
        ("username", "admin"),
        ("password", password.as_str()),
        ("csrf", token.as_str()),
        ("next", "/console\r\nSet-Cookie: evil=1"),
    ];
    let r = client
        .http
        .post(app.url("/console/login"))
        .form(&form)
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/console")
    );
    assert!(
        !r.headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap_or("").contains("evil")),
        "no header was injected"
    );
}

#[tokio::test]
async fn a_client_that_never_finishes_its_head_or_its_body_is_cut_off() {
    let app = TestApp::builder()
        .config(|c| {
            c.timeouts.header_read_seconds = 1;
            c.timeouts.body_idle_seconds = 1;
        })
        .start()
        .await;
    let address = app.base.trim_start_matches("http://").to_owned();
    // Half a request head, then silence: the server closes the connection.
    let mut half_open = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connect");
    half_open
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    let started = Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), half_open.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the connection was closed by the server");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // A body that stops after a few bytes: the request ends with an error, not a handler waiting forever.
    let mut slow = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connect");
    slow.write_all(
        b"POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 1000\r\n\r\n{\"agency\":",
    )
    .await
    .expect("write");
    let started = Instant::now();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), slow.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the stalled body was given up");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // Meanwhile everyone else is served.
    let r = reqwest::get(app.url("/healthz")).await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn feeds_and_the_sitemap_link_to_the_site_whatever_host_the_client_names() {
    let app = TestApp::builder()
        .items(crate::support::fixture::catalog())
        .config(|c| c.public_url = Some("https://gk.example.gov.cn".into()))
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let address = app.base.trim_start_matches("http://").to_owned();
    for path in [
        format!("/agencies/{centre}/feed.xml"),
        "/sitemap.xml".to_owned(),
    ] {
        let mut stream = tokio::net::TcpStream::connect(&address)
            .await
            .expect("connect");
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.expect("read");
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 200"), "{path}: {answer:.200}");
        assert!(
            !answer.contains("evil.example"),
            "{path} links to the forged host"
        );
        assert!(answer.contains("gk.example.gov.cn"), "{path}");
    }
}

#[tokio::test]
async fn an_uploads_token_goes_in_its_body_not_its_address() {
    let app = TestApp::builder()
        .items(crate::support::fixture::catalog())
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let new = format!("/console/agencies/{centre}/catalog/new");
    let fields = [
        ("title", "孟州市公共资源交易中心上传测试"),
        ("category", "a21_02"),
        ("issuer", "孟州市公共资源交易中心"),
        ("formed_on", "2026-01-05"),
        ("kind", "other"),
        ("validity", "valid"),
    ];
    let (status, _) = clerk.post_from(&new, &new, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, list) = clerk
        .get(&format!("/console/agencies/{centre}/catalog"))
        .await;
    let id = regex::Regex::new(r#"/catalog/(\d+)">孟州市公共资源交易中心上传测试"#)
        .expect("re")
        .captures(&list)
        .map(|c| c[1].to_owned())
        .expect("listed");
    let item = format!("/console/agencies/{centre}/catalog/{id}");
    let (_, page) = clerk.get(&item).await;
    assert!(
        !page.contains("attachments?csrf="),
        "the form keeps the token out of its address"
    );
    let csrf = csrf_of(&page).expect("token");
    let upload = |token_in_body: bool| {
        let mut form = reqwest::multipart::Form::new();
        if token_in_body {
            form = form.text("csrf", csrf.clone());
        }
        let form = form.part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.7\n%x\n".to_vec()).file_name("x.pdf"),
        );
        let url = if token_in_body {
            app.url(&format!("{item}/attachments"))
        } else {
            app.url(&format!("{item}/attachments?csrf={csrf}"))
        };
        let http = clerk.http.clone();
        async move {
            http.post(url)
                .multipart(form)
                .send()
                .await
                .expect("POST")
                .status()
        }
    };
    assert_eq!(
        upload(false).await,
        StatusCode::FORBIDDEN,
        "a token in the address is not taken"
    );
    assert_eq!(
        upload(true).await,
        StatusCode::SEE_OTHER,
        "the token in the body"
    );
}

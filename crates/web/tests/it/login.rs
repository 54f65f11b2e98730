//! Signing in: sessions in HttpOnly cookies, CSRF on the form, throttling per address, lockout per account.

use crate::support::{Client, TestApp, csrf_of};
use reqwest::StatusCode;

#[tokio::test]
async fn a_session_cookie_is_http_only_and_ends_at_logout() {
    let app = TestApp::start().await;
    let client = Client::new(&app);
    let (_, page) = client.get("/console/login").await;
    let token = csrf_of(&page).expect("token");
    let password = app.password_of("ggzy-clerk");
    let form = [
        ("username", "ggzy-clerk"),
        ("password", password.as_str()),
        ("csrf", &token),
    ];
    let r = client
        .http
        .post(app.url("/console/login"))
        .form(&form)
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cookies: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("gongkai_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    let (status, home) = client.get("/console").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        home.contains("交易中心经办人"),
        "the console greets the official"
    );

    let (status, _) = client.post_from("/console", "/console/logout", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        client.get("/console").await.0,
        StatusCode::SEE_OTHER,
        "signed out"
    );
}

#[tokio::test]
async fn wrong_passwords_are_refused_and_the_fifth_locks_the_account() {
    let app = TestApp::start().await;
    let client = Client::new(&app);
    for attempt in 1..=5 {
        let status = client
            .login("ggzy-reviewer", "not the password at all")
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let (_, page) = client.get("/console/login").await;
    let token = csrf_of(&page).expect("token");
    let right = app.password_of("ggzy-reviewer");
    let form = [
        ("username", "ggzy-reviewer"),
        ("password", right.as_str()),
        ("csrf", token.as_str()),
    ];
    let (status, body) = client.post("/console/login", &form).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "locked even with the right password"
    );
    assert!(
        body.contains("用户名或密码不正确"),
        "the same words as a wrong password: no account discovery"
    );

    // An unknown name gets the same answer as a wrong password.
    let (_, page) = client.get("/console/login").await;
    let token = csrf_of(&page).expect("token");
    let form = [
        ("username", "nobody"),
        ("password", "whatever it is"),
        ("csrf", token.as_str()),
    ];
    let (status, body) = client.post("/console/login", &form).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("用户名或密码不正确"));
}

#[tokio::test]
async fn the_login_form_needs_its_token_and_each_address_is_throttled() {
    let app = TestApp::builder()
        .config(|c| {
            c.login_burst = 3;
            c.login_refill_seconds = 600;
        })
        .start()
        .await;
    let client = Client::new(&app);
    let form = [("username", "admin"), ("password", "x"), ("csrf", "forged")];
    let (status, _) = client.post("/console/login", &form).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a form without the cookie's token is refused"
    );
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(client.login("admin", "wrong password here").await);
    }
    assert_eq!(
        statuses[..2],
        [StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED]
    );
    assert_eq!(
        statuses[2],
        StatusCode::TOO_MANY_REQUESTS,
        "the burst of 3 was used up"
    );
    let (status, _) = client.get("/console/login").await;
    assert_eq!(status, StatusCode::OK, "the form itself is not throttled");
}

#[tokio::test]
async fn console_forms_without_the_session_token_are_refused() {
    let app = TestApp::start().await;
    let admin = app.signed_in("admin").await;
    let centre = app.agency("孟州市公共资源交易中心");
    let path = format!("/console/agencies/{centre}/edit");
    let (status, body) = admin
        .post(&path, &[("name", "改名"), ("kind", "department")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("表单已过期"), "the page explains");
    let (status, _) = admin
        .post(
            &path,
            &[
                ("name", "改名"),
                ("kind", "department"),
                ("csrf", &"0".repeat(64)),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let r = admin
        .http
        .post(app.url(&path))
        .header("origin", "https://evil.example")
        .form(&[("name", "改名"), ("kind", "department")])
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_official_changes_their_password_and_signs_in_with_it() {
    let app = TestApp::start().await;
    let clerk = app.signed_in("ggzy-clerk").await;
    let old = app.password_of("ggzy-clerk");
    let new = "孟州 交易 中心 春天 来了";
    let (status, body) = clerk
        .post_from(
            "/console/password",
            "/console/password",
            &[("current", "wrong"), ("new", new), ("repeat", new)],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("当前密码不正确"));
    let (status, body) = clerk
        .post_from(
            "/console/password",
            "/console/password",
            &[("current", &old), ("new", new), ("repeat", new)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("密码已修改"));
    let fresh = Client::new(&app);
    assert_eq!(
        fresh.login("ggzy-clerk", &old).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(fresh.login("ggzy-clerk", new).await, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_administrator_resets_a_locked_out_clerk() {
    let app = TestApp::start().await;
    let clerk = Client::new(&app);
    for _ in 0..5 {
        clerk.login("ggzy-clerk", "forgot it completely").await;
    }
    let admin = app.signed_in("ggzy-admin").await;
    let centre = app.agency("孟州市公共资源交易中心");
    let creds = gongkai_store::AccountStore::credentials(
        &app.store,
        &gongkai_domain::account::Username::parse("ggzy-clerk").expect("name"),
    )
    .await
    .expect("read")
    .expect("exists");
    let list = format!("/console/agencies/{centre}/accounts");
    let reset = format!("{list}/{}/password", creds.account.id);
    let (status, page) = admin.post_from(&list, &reset, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let re = regex::Regex::new(r"<code>([a-z0-9-]{19})</code>").expect("regex");
    let new = re
        .captures(&page)
        .map(|c| c[1].to_owned())
        .expect("the new password is shown once");
    assert_eq!(
        clerk.login("ggzy-clerk", &new).await,
        StatusCode::SEE_OTHER,
        "unlocked, new password"
    );
    // The administrator knows that password: it must be changed before the clerk's work can be reached.
    let r = clerk
        .http
        .get(app.url(&format!("/console/agencies/{centre}/applications")))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/console/password")
    );
    let api = clerk
        .http
        .get(app.url(&format!("/api/v1/agencies/{centre}/applications")))
        .send()
        .await
        .expect("GET");
    assert_eq!(api.status(), StatusCode::FORBIDDEN, "nor through the API");
    let (status, page) = clerk.get("/console/password").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("由管理员设置"), "the form says why");
    let fields = [
        ("current", new.as_str()),
        ("new", "the clerk's own passphrase"),
        ("repeat", "the clerk's own passphrase"),
    ];
    let (status, _) = clerk
        .post_from("/console/password", "/console/password", &fields)
        .await;
    assert_eq!(status, StatusCode::OK, "changed");
    let (status, _) = clerk
        .get(&format!("/console/agencies/{centre}/applications"))
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the clerk's own password: back to work"
    );
}

/// Logs in as `username` with `password`, as a client behind the proxy at `address`.
async fn login_from(app: &TestApp, address: &str, username: &str, password: &str) -> StatusCode {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = http
        .get(app.url("/console/login"))
        .header("x-forwarded-for", address)
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("page");
    let token = csrf_of(&page).expect("token");
    http.post(app.url("/console/login"))
        .header("x-forwarded-for", address)
        .form(&[
            ("username", username),
            ("password", password),
            ("csrf", token.as_str()),
        ])
        .send()
        .await
        .expect("POST")
        .status()
}

#[tokio::test]
async fn a_stranger_locks_a_name_only_from_their_own_address() {
    let app = TestApp::builder()
        .config(|c| c.behind_proxy = true)
        .start()
        .await;
    let right = app.password_of("admin");
    for _ in 0..5 {
        let status = login_from(&app, "203.0.113.66", "admin", "guessing away").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        login_from(&app, "203.0.113.66", "admin", &right).await,
        StatusCode::UNAUTHORIZED,
        "locked from the stranger's address, even with the right password"
    );
    assert_eq!(
        login_from(&app, "198.51.100.10", "admin", &right).await,
        StatusCode::SEE_OTHER,
        "the administrator at their own desk is not locked out"
    );
    // A name that is no account is counted and locked the same way (no account discovery by behaviour).
    for _ in 0..5 {
        login_from(&app, "203.0.113.67", "nobody.here", "x").await;
    }
    let failures = app
        .audit_events()
        .await
        .into_iter()
        .filter(|e| e.target == "account:unknown")
        .count();
    assert_eq!(failures, 5, "each failure for an unknown name is audited");
}

#[tokio::test]
async fn the_current_password_cannot_be_guessed_from_a_borrowed_session() {
    let app = TestApp::start().await;
    let clerk = app.signed_in("ggzy-clerk").await;
    let right = app.password_of("ggzy-clerk");
    let change = |current: String| {
        let clerk = &clerk;
        async move {
            let fields = [
                ("current", current.as_str()),
                ("new", "Another-long-passphrase-2026"),
                ("repeat", "Another-long-passphrase-2026"),
            ];
            clerk
                .post_from("/console/password", "/console/password", &fields)
                .await
                .0
        }
    };
    for _ in 0..5 {
        assert_ne!(change("a wrong guess".into()).await, StatusCode::OK);
    }
    let (status, _) = {
        let fields = [
            ("current", right.as_str()),
            ("new", "Another-long-passphrase-2026"),
            ("repeat", "Another-long-passphrase-2026"),
        ];
        clerk
            .post_from("/console/password", "/console/password", &fields)
            .await
    };
    assert_ne!(
        status,
        StatusCode::OK,
        "after five wrong guesses even the right password is not accepted from here"
    );
}

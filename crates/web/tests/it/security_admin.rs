//! 三员分立 as the security administrator meets it: the security page shows the policy this server runs with, the
//! lock-outs in force and every account's role; a lock-out is lifted and a role changed there, each audited and
//! taking effect at once; a platform administrator's role, the administrator's own role and a role without an
//! agency are refused, and nobody but the security administrator reaches any of it.

use gongkai_store::{AccountSecurityStore, AccountStore};
use reqwest::StatusCode;

use crate::support::{Client, TestApp, fixture, page};

async fn account_id(app: &TestApp, username: &str) -> i64 {
    app.store
        .all_accounts()
        .await
        .expect("accounts")
        .into_iter()
        .find(|a| a.username.as_str() == username)
        .map(|a| a.id.0)
        .expect("the account")
}

#[tokio::test]
async fn the_security_administrator_lifts_a_lock_out_and_changes_a_role() {
    let app = TestApp::start().await;
    // Someone guesses the clerk's password five times: the name is locked from that address.
    let guesser = Client::new(&app);
    for _ in 0..5 {
        guesser.login("ggzy-clerk", "not-the-password").await;
    }
    let clerk = Client::new(&app);
    let refused = clerk.login("ggzy-clerk", fixture::PASSWORD).await;
    assert_ne!(refused, StatusCode::SEE_OTHER, "locked out");

    let security = app.signed_in("security").await;
    let (status, html) = security.get("/console/security").await;
    assert_eq!(status, StatusCode::OK);
    let text = page::text(&html);
    for shown in [
        "安全策略",
        "12",
        "ggzy-clerk",
        "127.0.0.1",
        "交易中心经办人",
    ] {
        assert!(
            text.contains(shown),
            "the security page shows {shown}: {text}"
        );
    }
    assert!(
        !text.contains("11010519491231002X"),
        "no applicant on the page"
    );
    let (status, _) = security.get("/console/security?done=anything-else").await;
    assert_eq!(status, StatusCode::OK, "a message the page does not have");

    let (status, _) = security
        .post_from(
            "/console/security",
            "/console/security/unlock",
            &[("username", "ggzy-clerk")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        clerk.login("ggzy-clerk", fixture::PASSWORD).await,
        StatusCode::SEE_OTHER,
        "the clerk signs in once the lock is lifted"
    );

    // The clerk becomes a reviewer: their session ends, and the next one has the new role.
    let id = account_id(&app, "ggzy-clerk").await;
    let (status, _) = security
        .post_from(
            "/console/security",
            &format!("/console/security/accounts/{id}/role"),
            &[("role", "reviewer")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = clerk.get("/console").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the old session has ended");
    let account = app
        .store
        .account(gongkai_domain::account::AccountId(id))
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(account.role.code(), "reviewer");

    let events = app.audit_events().await;
    let unlock = events
        .iter()
        .find(|e| e.action == "account.unlock")
        .expect("the unlock is audited");
    assert_eq!(unlock.target, "login:ggzy-clerk");
    let role = events
        .iter()
        .find(|e| e.action == "account.role")
        .expect("the role change is audited");
    assert!(
        role.detail.contains("\"from\":\"clerk\"") && role.detail.contains("\"to\":\"reviewer\"")
    );
}

#[tokio::test]
async fn roles_beyond_the_security_administrators_reach_are_refused() {
    let app = TestApp::start().await;
    let security = app.signed_in("security").await;
    let clerk = account_id(&app, "ggzy-clerk").await;
    let admin = account_id(&app, "admin").await;
    let me = account_id(&app, "security").await;
    for (account, role, what) in [
        (
            clerk,
            "system_admin",
            "a platform administrator's role given",
        ),
        (clerk, "audit_admin", "the audit administrator's role given"),
        (admin, "clerk", "a platform administrator's role taken away"),
        (me, "supervisor", "the security administrator's own role"),
    ] {
        let (status, html) = security
            .post_from(
                "/console/security",
                &format!("/console/security/accounts/{account}/role"),
                &[("role", role)],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}");
        assert!(
            page::text(&html).contains("不能"),
            "{what}: the page says why"
        );
    }
    // A role needing an agency for an account of none: the audit administrator has no agency.
    let auditor = account_id(&app, "auditor").await;
    let (status, _) = security
        .post_from(
            "/console/security",
            &format!("/console/security/accounts/{auditor}/role"),
            &[("role", "clerk")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Nothing changed.
    for (username, role) in [("ggzy-clerk", "clerk"), ("admin", "system_admin")] {
        let id = account_id(&app, username).await;
        let account = app
            .store
            .account(gongkai_domain::account::AccountId(id))
            .await
            .expect("read")
            .expect("exists");
        assert_eq!(account.role.code(), role, "{username}");
    }
    // The system administrator, who creates accounts, does not change roles.
    let system = app.signed_in("admin").await;
    let (status, _) = system.get("/console/security").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = system
        .post_from(
            "/console",
            &format!("/console/security/accounts/{clerk}/role"),
            &[("role", "reviewer")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

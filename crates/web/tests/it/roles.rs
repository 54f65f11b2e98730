//! Each role reaches what it may and is refused, with 403, what it may not, including an official of one
//! agency reaching for another agency's records. Requests go over HTTP to a running server.

use crate::support;

use crate::support::TestApp;
use gongkai_store::ApplicationStore;
use reqwest::StatusCode;

const OK: StatusCode = StatusCode::OK;
const DONE: StatusCode = StatusCode::SEE_OTHER;
const NO: StatusCode = StatusCode::FORBIDDEN;

const ROLES: [&str; 6] = [
    "admin",
    "ggzy-admin",
    "ggzy-clerk",
    "ggzy-reviewer",
    "mz-supervisor",
    "auditor",
];

/// A form sent to a path, and the status expected for each role in the order of [`ROLES`].
type WriteCase<'a> = (String, Vec<(&'a str, &'a str)>, [StatusCode; 6]);

/// Expected status per role, in the order of [`ROLES`].
struct Case {
    what: &'static str,
    expect: [StatusCode; 6],
}

#[tokio::test]
async fn every_role_reaches_what_it_may_and_is_refused_the_rest() {
    let app = TestApp::start().await;
    let gov = app.agency("孟州市人民政府");
    let centre = app.agency("孟州市公共资源交易中心");
    let finance = app.agency("孟州市财政局");

    let reads = [
        (
            format!("/console/agencies/{centre}"),
            Case {
                what: "own agency",
                expect: [OK, OK, OK, OK, OK, NO],
            },
        ),
        (
            format!("/console/agencies/{finance}"),
            Case {
                what: "another department",
                expect: [OK, NO, NO, NO, OK, NO],
            },
        ),
        (
            format!("/console/agencies/{gov}"),
            Case {
                what: "the government",
                expect: [OK, NO, NO, NO, OK, NO],
            },
        ),
        (
            format!("/console/agencies/{centre}/audit"),
            Case {
                what: "own audit trail",
                expect: [NO, OK, NO, NO, OK, OK],
            },
        ),
        (
            format!("/console/agencies/{finance}/audit"),
            Case {
                what: "another agency's audit trail",
                expect: [NO, NO, NO, NO, OK, OK],
            },
        ),
        (
            format!("/console/agencies/{centre}/accounts"),
            Case {
                what: "own staff accounts",
                expect: [OK, OK, NO, NO, NO, NO],
            },
        ),
        (
            format!("/console/agencies/{finance}/accounts"),
            Case {
                what: "another agency's staff",
                expect: [OK, NO, NO, NO, NO, NO],
            },
        ),
        (
            format!("/console/agencies/{centre}/edit"),
            Case {
                what: "own profile form",
                expect: [OK, OK, NO, NO, NO, NO],
            },
        ),
        (
            format!("/console/agencies/{gov}/children/new"),
            Case {
                what: "new agency form",
                expect: [OK, NO, NO, NO, NO, NO],
            },
        ),
        (
            "/console/agencies/new".to_owned(),
            Case {
                what: "new top-level agency form",
                expect: [OK, NO, NO, NO, NO, NO],
            },
        ),
        (
            "/console/audit".to_owned(),
            Case {
                what: "whole audit trail",
                expect: [NO, NO, NO, NO, NO, OK],
            },
        ),
    ];

    let mut failures = Vec::new();
    for (i, role) in ROLES.iter().enumerate() {
        let client = app.signed_in(role).await;
        for (path, case) in &reads {
            let (status, body) = client.get(path).await;
            if status != case.expect[i] {
                failures.push(format!(
                    "{role} GET {path} ({}): {status}, expected {}",
                    case.what, case.expect[i]
                ));
            }
            if status == NO && !body.contains("无权") {
                failures.push(format!("{role} GET {path}: the 403 page does not say why"));
            }
        }
        // Writes, each sent with a valid CSRF token from a page the role can open; names made unique per
        // role so that a write allowed to one role does not collide with the next one's.
        let (user, top, child) = (
            format!("new-{i}"),
            format!("焦作市测试政府{i}"),
            format!("孟州市测试局{i}"),
        );
        let writes: [WriteCase; 5] = [
            (
                format!("/console/agencies/{centre}/edit"),
                vec![("name", "孟州市公共资源交易中心"), ("kind", "department")],
                [DONE, DONE, NO, NO, NO, NO],
            ),
            (
                format!("/console/agencies/{finance}/edit"),
                vec![("name", "孟州市财政局"), ("kind", "department")],
                [DONE, NO, NO, NO, NO, NO],
            ),
            (
                format!("/console/agencies/{centre}/accounts"),
                vec![
                    ("username", &user),
                    ("display_name", "新同事"),
                    ("role", "clerk"),
                    ("password", "一个足够长的初始密码啊啊啊"),
                ],
                [DONE, DONE, NO, NO, NO, NO],
            ),
            (
                "/console/agencies".to_owned(),
                vec![("name", &top), ("kind", "government")],
                [DONE, NO, NO, NO, NO, NO],
            ),
            (
                format!("/console/agencies/{gov}/children"),
                vec![("name", &child), ("kind", "department")],
                [DONE, NO, NO, NO, NO, NO],
            ),
        ];
        for (path, fields, expect) in &writes {
            let (status, _) = client.post_from("/console", path, fields).await;
            if status != expect[i] {
                failures.push(format!(
                    "{role} POST {path}: {status}, expected {}",
                    expect[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn escalation_and_missing_records_are_refused_not_leaked() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let agency_admin = app.signed_in("ggzy-admin").await;
    let accounts = format!("/console/agencies/{centre}/accounts");
    let fields = [
        ("username", "sneaky"),
        ("display_name", "越权者"),
        ("role", "system_admin"),
        ("password", "一个足够长的初始密码啊啊啊"),
    ];
    let (status, _) = agency_admin.post_from("/console", &accounts, &fields).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an agency administrator cannot make a system administrator"
    );

    // An agency that does not exist: its absence is told only to the system administrator.
    let clerk = app.signed_in("ggzy-clerk").await;
    assert_eq!(
        clerk.get("/console/agencies/999").await.0,
        StatusCode::FORBIDDEN
    );
    let admin = app.signed_in("admin").await;
    assert_eq!(
        admin.get("/console/agencies/999").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get("/console/agencies/not-a-number").await.0,
        StatusCode::NOT_FOUND
    );

    // An account of another agency cannot be disabled through one's own agency's address.
    let finance = app.agency("孟州市财政局");
    let created = admin
        .post_from(
            "/console",
            &format!("/console/agencies/{finance}/accounts"),
            &[
                ("username", "czj-clerk"),
                ("display_name", "财政局经办人"),
                ("role", "clerk"),
                ("password", "一个足够长的初始密码啊啊啊"),
            ],
        )
        .await;
    assert_eq!(created.0, StatusCode::SEE_OTHER);
    let staff = app.store.clone();
    let czj = gongkai_store::AccountStore::credentials(
        &staff,
        &gongkai_domain::account::Username::parse("czj-clerk").expect("name"),
    )
    .await
    .expect("read")
    .expect("created");
    let path = format!(
        "/console/agencies/{centre}/accounts/{}/active",
        czj.account.id
    );
    let (status, _) = agency_admin
        .post_from("/console", &path, &[("active", "0")])
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an account of another agency is out of scope"
    );
    let reset = format!(
        "/console/agencies/{centre}/accounts/{}/password",
        czj.account.id
    );
    let (status, _) = agency_admin.post_from("/console", &reset, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_the_login_page() {
    let app = TestApp::start().await;
    let visitor = support::Client::new(&app);
    let r = visitor
        .http
        .get(app.url("/console/agencies/2"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_eq!(location, "/console/login?next=/console/agencies/2");
}

#[tokio::test]
async fn administrators_cannot_reach_applicants_and_only_the_auditor_reads_administrators() {
    let app = TestApp::builder()
        .applications(support::fixture::applications())
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let filed = app
        .store
        .applications_of(gongkai_domain::agency::AgencyId(centre), false)
        .await
        .expect("register");
    let case = format!("/console/agencies/{centre}/applications/{}", filed[0].id.0);
    let api = format!(
        "/api/v1/agencies/{centre}/applications/{}",
        filed[0].tracking_no
    );
    for role in ["admin", "ggzy-admin", "auditor"] {
        let client = app.signed_in(role).await;
        for path in [&case, &format!("{case}/id-proof"), &api] {
            let (status, _) = client.get(path).await;
            assert_eq!(status, NO, "{role} reaches {path}");
        }
    }
    // The system administrator adds a clerk to the centre; the centre's administrator does not see it in the
    // centre's trail, the audit administrator does, and reads the whole trail.
    let admin = app.signed_in("admin").await;
    let (status, _) = admin
        .post_from(
            "/console",
            &format!("/console/agencies/{centre}/accounts"),
            &[
                ("username", "new-clerk"),
                ("display_name", "新同事"),
                ("role", "clerk"),
                ("password", "一个足够长的初始密码啊啊啊"),
            ],
        )
        .await;
    assert_eq!(status, DONE);
    let trail = format!("/console/agencies/{centre}/audit");
    let (_, own) = app.signed_in("ggzy-admin").await.get(&trail).await;
    let (_, audited) = app.signed_in("auditor").await.get(&trail).await;
    assert!(
        !own.contains("new-clerk"),
        "a peer administrator's action is hidden"
    );
    assert!(
        audited.contains("new-clerk"),
        "the audit administrator reads it: {audited}"
    );
    let (status, whole) = app.signed_in("auditor").await.get("/console/audit").await;
    assert_eq!(status, OK);
    assert!(whole.contains("new-clerk"));
    // And changes nothing.
    let auditor = app.signed_in("auditor").await;
    let (status, _) = auditor
        .post_from(
            "/console",
            &format!("/console/agencies/{centre}/edit"),
            &[("name", "改名"), ("kind", "department")],
        )
        .await;
    assert_eq!(status, NO);
}

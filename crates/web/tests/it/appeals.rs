//! The register of 行政复议 and 行政诉讼 cases and table 四: a clerk registers a case and records its result and
//! the page's table moves by exactly those cells; bad input is refused with nothing stored; a supervisor above
//! reads but may not write; another agency's clerk sees nothing.

use std::collections::BTreeMap;

use crate::support::fixture::{self, CENTRE, DISPUTED, FINANCE, FINANCE_BONDS};
use crate::support::{Client, TestApp};
use chrono::Days;
use gongkai_domain::account::{Role, Username};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::layout::{T4_COLUMNS, T4_GROUPS};
use gongkai_store::{
    AccountStore, AppealStore, ApplicationStore, AuditFilter, AuditLog, NewAccount, agency_t4,
};
use reqwest::StatusCode;

/// Every table-四 cell the page shows, by its contract path.
fn table_on(page: &str) -> BTreeMap<String, i64> {
    let re = regex::Regex::new(r#"data-cell="(t4\.[a-z_]+\.[a-z_]+)">(\d+)<"#).expect("pattern");
    re.captures_iter(page)
        .map(|c| (c[1].to_owned(), c[2].parse().expect("a count")))
        .collect()
}

/// The cells that differ between two tables, with the change.
fn moved(a: &BTreeMap<String, i64>, b: &BTreeMap<String, i64>) -> Vec<(String, i64)> {
    a.iter()
        .filter_map(|(path, va)| {
            let d = b.get(path).copied().unwrap_or(0) - va;
            (d != 0).then(|| (path.clone(), d))
        })
        .collect()
}

fn changes(v: &[(&str, i64)]) -> Vec<(String, i64)> {
    v.iter().map(|(p, d)| (p.to_string(), *d)).collect()
}

/// Signs in a clerk made for the test in `agency`.
async fn clerk_of(app: &TestApp, agency: i64, username: &str) -> Client {
    let password = "Register-2026-test";
    let new = NewAccount {
        username: Username::parse(username).expect("user name"),
        display_name: "财政局经办人".into(),
        role: Role::Clerk,
        agency: Some(AgencyId(agency)),
        password_hash: gongkai_app::accounts::password::hash(password.into())
            .await
            .expect("hash"),
    };
    let by = ActorRef::System {
        reason: "test".into(),
    };
    app.store.create_account(&new, &by).await.expect("account");
    let client = Client::new(app);
    assert_eq!(
        client.login(username, password).await,
        StatusCode::SEE_OTHER
    );
    client
}

/// The tracking number of the fixture's application of `agency` with this description.
async fn tracking_no(app: &TestApp, agency: i64, description: &str) -> String {
    app.store
        .applications_of(AgencyId(agency), false)
        .await
        .expect("applications")
        .into_iter()
        .find(|a| a.description == description)
        .expect(description)
        .tracking_no
        .to_string()
}

/// How many cases the centre has and how many register events the trail holds.
async fn stored(app: &TestApp, centre: i64) -> (usize, usize) {
    let cases = app
        .store
        .review_cases_of(AgencyId(centre))
        .await
        .expect("cases")
        .len();
    let events = app
        .store
        .audit_events(&AuditFilter {
            agencies: Some(vec![AgencyId(centre)]),
            before_seq: None,
            limit: 1000,
        })
        .await
        .expect("events")
        .iter()
        .filter(|e| e.action.starts_with("review."))
        .count();
    (cases, events)
}

#[tokio::test]
async fn a_clerk_registers_and_decides_a_case_and_table_four_moves_exactly() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .appeals(fixture::register())
        .start()
        .await;
    let centre = app.agency(CENTRE);
    let page = format!("/console/agencies/{centre}/appeals");
    let clerk = app.signed_in("ggzy-clerk").await;
    let table = |year: i32| {
        let clerk = &clerk;
        let path = format!("{page}?year={year}");
        async move {
            let (status, html) = clerk.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{html}");
            table_on(&html)
        }
    };
    // The page shows what the store compiles, all 15 cells.
    let before_2025 = table(2025).await;
    let before_2026 = table(2026).await;
    assert_eq!(before_2025.len(), 15);
    let t4 = agency_t4(&app.store, AgencyId(centre), 2025)
        .await
        .expect("table 四");
    for (g, (gkey, _)) in T4_GROUPS.iter().enumerate() {
        for (c, (ckey, _)) in T4_COLUMNS.iter().enumerate() {
            let path = format!("t4.{gkey}.{ckey}");
            assert_eq!(t4.groups[g][c].as_int(), before_2025.get(&path).copied());
        }
    }
    // Linked from the agency page and the work queue; the register button is offered to a clerk.
    let (_, agency_page) = clerk.get(&format!("/console/agencies/{centre}")).await;
    assert!(agency_page.contains(&format!("href=\"{page}\"")));
    let (_, queue) = clerk
        .get(&format!("/console/agencies/{centre}/applications"))
        .await;
    assert!(queue.contains(&format!("href=\"{page}\"")));
    let (_, html) = clerk.get(&page).await;
    assert!(html.contains(&format!("href=\"{page}/new\"")));

    let disputed = tracking_no(&app, centre, DISPUTED).await;
    let new_form = format!("{page}/new");
    let (status, answer) = clerk
        .post_from(
            &new_form,
            &new_form,
            &[
                ("kind", "review"),
                ("filed_on", "2025-12-15"),
                ("application", &disputed.to_lowercase()),
                ("note", "焦作市人民政府行政复议（测试）"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{answer}");
    let case = app
        .store
        .review_cases_of(AgencyId(centre))
        .await
        .expect("cases")
        .into_iter()
        .find(|c| c.note == "焦作市人民政府行政复议（测试）")
        .expect("registered");
    assert_eq!(case.tracking_no.as_deref(), Some(disputed.as_str()));
    let after_2025 = table(2025).await;
    let pending = changes(&[("t4.review.pending", 1), ("t4.review.total", 1)]);
    assert_eq!(moved(&before_2025, &after_2025), pending);
    // Not decided yet: also pending in 2026.
    let after_2026 = table(2026).await;
    assert_eq!(moved(&before_2026, &after_2026), pending);

    // A decision before the filing is refused, in the visitor's language, and nothing changes.
    let decision = format!("{page}/{}/decision", case.id.0);
    let (status, html) = clerk.get(&decision).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&disputed));
    let counts = stored(&app, centre).await;
    for (lang, text) in [
        ("", "审结日期不能早于申请复议或起诉的日期。"),
        ("?lang=en", "The decision cannot be dated before"),
    ] {
        let (status, html) = clerk
            .post_from(
                &decision,
                &format!("{decision}{lang}"),
                &[("decided_on", "2025-12-01"), ("outcome", "maintain")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains(text), "{html}");
    }
    let (status, html) = clerk
        .post_from(&decision, &decision, &[("decided_on", "2026-01-20")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("此项必填。"), "{html}");
    assert_eq!(stored(&app, centre).await, counts);
    assert_eq!(table(2026).await, after_2026);

    // Decided in January: still pending at the end of 2025, upheld in 2026.
    let (status, _) = clerk
        .post_from(
            &decision,
            &decision,
            &[("decided_on", "2026-01-20"), ("outcome", "maintain")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(table(2025).await, after_2025);
    assert_eq!(
        moved(&after_2026, &table(2026).await),
        changes(&[("t4.review.maintain", 1), ("t4.review.pending", -1)])
    );
    // A second result is refused.
    let counts = stored(&app, centre).await;
    let (status, _) = clerk
        .post_from(
            &decision,
            &decision,
            &[("decided_on", "2026-02-02"), ("outcome", "correct")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(stored(&app, centre).await, counts);
}

#[tokio::test]
async fn bad_filings_are_refused_field_by_field_and_nothing_is_stored() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .appeals(fixture::register())
        .start()
        .await;
    let centre = app.agency(CENTRE);
    let finance = app.agency(FINANCE);
    let new_form = format!("/console/agencies/{centre}/appeals/new");
    let clerk = app.signed_in("ggzy-clerk").await;
    let counts = stored(&app, centre).await;
    let tomorrow = app
        .today
        .checked_add_days(Days::new(1))
        .expect("tomorrow")
        .to_string();
    let theirs = tracking_no(&app, finance, FINANCE_BONDS).await;
    let cases: [(&str, &str, &str, &str); 5] = [
        ("review", &tomorrow, "", "日期不能晚于今天。"),
        ("review", "2025-02-30", "", "请按“年-月-日”"),
        (
            "review",
            "2025-03-03",
            "GK-2099-000001",
            "本机关没有这个受理编号",
        ),
        ("review", "2025-03-03", &theirs, "本机关没有这个受理编号"),
        (
            "appeal",
            "2025-03-03",
            "not a number",
            "请从所列选项中选择。",
        ),
    ];
    for (kind, filed_on, application, message) in cases {
        let form = [
            ("kind", kind),
            ("filed_on", filed_on),
            ("application", application),
            ("note", ""),
        ];
        let (status, html) = clerk.post_from(&new_form, &new_form, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        assert!(html.contains(message), "{form:?}: {html}");
        assert!(html.contains(&format!("value=\"{filed_on}\"")), "kept");
    }
    let (status, html) = clerk
        .post_from(
            &new_form,
            &format!("{new_form}?lang=en"),
            &[("kind", "lit_direct"), ("filed_on", &tomorrow)],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("The date cannot be later than today."));
    assert_eq!(stored(&app, centre).await, counts, "nothing stored");
}

#[tokio::test]
async fn a_supervisor_reads_the_register_and_another_agencys_clerk_does_not() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .appeals(fixture::register())
        .start()
        .await;
    let centre = app.agency(CENTRE);
    let finance = app.agency(FINANCE);
    let page = format!("/console/agencies/{centre}/appeals");
    let counts = stored(&app, centre).await;
    let some_case = app
        .store
        .review_cases_of(AgencyId(centre))
        .await
        .expect("cases")
        .into_iter()
        .find(|c| c.case.decision.is_none())
        .expect("a pending fixture case");
    let decision = format!("{page}/{}/decision", some_case.id.0);
    let filing = [
        ("kind", "review"),
        ("filed_on", "2025-03-03"),
        ("note", "越权登记"),
    ];
    let verdict = [("decided_on", "2025-06-30"), ("outcome", "correct")];

    let supervisor = app.signed_in("mz-supervisor").await;
    let (status, html) = supervisor.get(&format!("{page}?year=2025")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(table_on(&html).len(), 15);
    assert!(!html.contains(&format!("{page}/new")), "no register button");
    assert!(!html.contains("/decision"), "no decision links");
    assert_eq!(
        supervisor.get(&format!("{page}/new")).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(supervisor.get(&decision).await.0, StatusCode::FORBIDDEN);
    let (status, _) = supervisor
        .post_from(&page, &format!("{page}/new"), &filing)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = supervisor.post_from(&page, &decision, &verdict).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let outsider = clerk_of(&app, finance, "czj-clerk").await;
    let (status, html) = outsider.get(&page).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(table_on(&html).is_empty());
    let own = format!("/console/agencies/{finance}/appeals");
    let (status, _) = outsider
        .post_from(&own, &format!("{page}/new"), &filing)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = outsider.post_from(&own, &decision, &verdict).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Nor through their own agency's address.
    let (status, _) = outsider
        .post_from(
            &own,
            &format!("{own}/{}/decision", some_case.id.0),
            &verdict,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, html) = outsider.get(&own).await;
    assert_eq!(status, StatusCode::OK, "their own agency's register");
    assert!(table_on(&html).values().all(|v| *v == 0));
    assert_eq!(stored(&app, centre).await, counts, "nothing stored");
}

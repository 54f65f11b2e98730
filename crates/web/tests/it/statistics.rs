//! The statistics page (table 三 of an agency's applications) shows the table the store compiles to the
//! agency's staff and a supervisor above it, and to no one else (moved from the demo's statistics tests: the
//! fixture's applications carry one into 2023 and one out of it, and one of them was corrected first).

use chrono::Datelike;
use gongkai_domain::account::{Role, Username};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{AnnualReport, Cell, Format};
use gongkai_store::{AccountStore, NewAccount, agency_t3};
use reqwest::StatusCode;

use crate::support::fixture::{self, CENTRE, FINANCE};
use crate::support::{Client, TestApp};

fn int(report: &AnnualReport, path: &str) -> i64 {
    report.cell(path).and_then(Cell::as_int).expect(path)
}

/// Signs in an account made for the test in `agency`.
async fn clerk_of(app: &TestApp, agency: i64, username: &str) -> Client {
    let password = "Statistik-2026-test";
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
        StatusCode::SEE_OTHER,
        "{username} signs in"
    );
    client
}

fn cell_in(page: &str, path: &str) -> Option<String> {
    let re = regex::Regex::new(&format!(r#"data-cell="{}">([^<]*)<"#, regex::escape(path)))
        .expect("pattern");
    re.captures(page).map(|c| c[1].to_owned())
}

#[tokio::test]
async fn the_statistics_page_shows_an_agencys_table_to_its_staff_and_no_one_else() {
    let app = TestApp::builder()
        .applications(fixture::applications())
        .start()
        .await;
    let centre = app.agency(CENTRE);
    let finance = app.agency(FINANCE);
    let page = format!("/console/agencies/{centre}/applications/statistics");
    let t3 = agency_t3(&app.store, AgencyId(centre), 2023)
        .await
        .expect("t3")
        .report;
    let received_2023 = fixture::applications()
        .iter()
        .filter(|c| c.agency == CENTRE && c.received_on.year() == 2023)
        .count();
    assert_eq!(received_2023, 3);

    let clerk = app.signed_in("ggzy-clerk").await;
    let (status, html) = clerk.get(&format!("{page}?year=2023")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("表三 收到和处理政府信息公开申请情况"),
        "{html}"
    );
    assert!(html.contains("四、结转下年度继续办理"));
    assert!(html.contains("<option value=\"2023\" selected>"));
    assert_eq!(
        cell_in(&html, "t3.r1_new.total"),
        Some(received_2023.to_string())
    );
    for path in cell_paths(Format::F2021)
        .iter()
        .filter(|p| p.starts_with("t3."))
    {
        assert_eq!(
            cell_in(&html, path),
            Some(int(&t3, path).to_string()),
            "{path}"
        );
    }
    assert!(int(&t3, "t3.r2_carry_in.total") > 0);
    assert!(
        html.contains("各项勾稽关系均成立"),
        "no finding on the fixture"
    );
    // The work queue links to it.
    let (_, queue) = clerk
        .get(&format!("/console/agencies/{centre}/applications"))
        .await;
    assert!(queue.contains(&format!("{page}\"")), "{queue}");
    // Last year by default; a year out of range is refused; English on request.
    let (status, html) = clerk.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    let last_year = app.today.year() - 1;
    assert!(
        html.contains(&format!("<option value=\"{last_year}\" selected>")),
        "{html}"
    );
    let (status, _) = clerk.get(&format!("{page}?year=1999")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, html) = clerk.get(&format!("{page}?year=2023&lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Natural persons") && html.contains("Every identity holds"));

    // A supervisor of the government above reads it; a clerk of another department may not.
    let supervisor = app.signed_in("mz-supervisor").await;
    let (status, html) = supervisor.get(&format!("{page}?year=2023")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        cell_in(&html, "t3.r1_new.total"),
        Some(received_2023.to_string())
    );
    let outsider = clerk_of(&app, finance, "czj-clerk").await;
    let (status, html) = outsider.get(&format!("{page}?year=2023")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(cell_in(&html, "t3.r1_new.total").is_none());
    let (status, _) = outsider
        .get(&format!(
            "/console/agencies/{finance}/applications/statistics?year=2023"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "their own agency's");
}

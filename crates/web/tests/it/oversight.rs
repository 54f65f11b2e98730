//! The supervisor's oversight page: 孟州市人民政府's supervisor sees one row per agency of the city with the
//! figures of the fixture's records, each linking to its cases; an unpublished report past its legal day is
//! late; the CSV export holds the same figures; a department's clerk is refused. A supervisor reads a
//! department's work queue and an application's page, without the applicant's data or any step form.

use gongkai_domain::application::outcome::Outcome;
use reqwest::StatusCode;

use crate::support::fixture::{
    self, ApplicationSpec, CENTRE, EDUCATION, FINANCE, GOVERNMENT, ItemSpec, d,
};
use crate::support::{Client, TestApp};

/// The finance bureau's application of October 2026, still unanswered on TODAY (2026-11-30): overdue.
const OVERDUE: &str = "孟州市财政局2026年国库集中支付明细";

pub(crate) async fn city() -> TestApp {
    let mut applications = fixture::applications();
    applications.push(ApplicationSpec::new(
        FINANCE,
        d(2026, 10, 9),
        OVERDUE,
        vec![],
    ));
    // Received 2023-02-01, answered 2023-04-03: long after its 20 working days (条例第三十三条).
    applications.push(ApplicationSpec::decided(
        FINANCE,
        d(2023, 2, 1),
        "孟州市财政局2022年三公经费明细",
        d(2023, 4, 3),
        Outcome::Open,
    ));
    let mut items = fixture::catalog();
    // Formed in October and still in review on TODAY: past the 20 working days of 条例第二十六条.
    items.push(ItemSpec {
        agency: EDUCATION,
        title: "孟州市教育局2026年秋季学期招生工作方案",
        formed_on: d(2026, 10, 12),
        published_on: None,
        body: "招生工作方案。",
        ..ItemSpec::default()
    });
    TestApp::builder()
        .applications(applications)
        .items(items)
        .appeals(fixture::register())
        .start()
        .await
}

/// The text of the figure `name` in the row of agency `id`, and the link it carries.
fn figure(page: &str, id: i64, name: &str) -> Option<(String, String)> {
    let row_start = page.find(&format!(r#"<tr data-agency="{id}">"#))?;
    let row = &page[row_start..];
    let row = &row[..row.find("</tr>")?];
    let re = regex::Regex::new(&format!(
        r#"<a data-figure="{name}"(?: data-report="[a-z_]+")? href="([^"]+)">(.*?)</a>"#
    ))
    .ok()?;
    let c = re.captures(row)?;
    let tags = regex::Regex::new("<[^>]+>").ok()?;
    let text = tags.replace_all(&c[2], "").trim().to_owned();
    Some((text, c[1].replace("&amp;", "&")))
}

pub(crate) fn value(page: &str, id: i64, name: &str) -> String {
    figure(page, id, name)
        .map(|(v, _)| v)
        .unwrap_or_else(|| panic!("no figure {name} for agency {id}"))
}

async fn csv(client: &Client, app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let r = client.http.get(app.url(path)).send().await.expect("GET");
    let status = r.status();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, r.text().await.expect("body"))
}

#[tokio::test]
async fn the_supervisor_sees_the_city_with_the_fixtures_figures() {
    let app = city().await;
    let gov = app.agency(GOVERNMENT);
    let centre = app.agency(CENTRE);
    let finance = app.agency(FINANCE);
    let education = app.agency(EDUCATION);
    let supervisor = app.signed_in("mz-supervisor").await;

    // The government's console page links the table.
    let (_, home) = supervisor.get(&format!("/console/agencies/{gov}")).await;
    assert!(home.contains(&format!("/console/agencies/{gov}/oversight")));

    let (status, page) = supervisor
        .get(&format!("/console/agencies/{gov}/oversight?year=2023"))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    for id in [gov, centre, finance, education] {
        assert!(
            page.contains(&format!(r#"<tr data-agency="{id}">"#)),
            "row {id}"
        );
    }
    // 2023: the centre receives three and answers three (one carried in from December 2022).
    assert_eq!(value(&page, centre, "received"), "3");
    assert_eq!(value(&page, centre, "answered"), "3");
    assert_eq!(value(&page, centre, "answered_late"), "0");
    // The finance bureau: two received, two answered, one of them late; one open and overdue now.
    assert_eq!(value(&page, finance, "received"), "2");
    assert_eq!(value(&page, finance, "answered"), "2");
    assert_eq!(value(&page, finance, "answered_late"), "1");
    assert_eq!(value(&page, finance, "overdue_now"), "1");
    assert_eq!(value(&page, centre, "overdue_now"), "0");
    assert_eq!(value(&page, education, "received"), "1");
    assert_eq!(value(&page, gov, "received"), "0");
    // The education bureau's draft past its 20 working days.
    assert_eq!(value(&page, education, "publication_overdue"), "1");
    assert_eq!(value(&page, centre, "publication_overdue"), "0");
    // No report of 2022 was published here: past its legal day, late, and marked so.
    assert!(value(&page, gov, "report").contains("逾期未公布"));
    assert!(value(&page, gov, "report").contains("2023-03-31"));
    assert!(value(&page, centre, "report").contains("2023-01-31"));
    assert!(page.contains(r#"<td class="late"><a data-figure="report" data-report="missing""#));

    // Each figure links to its cases.
    let link = |id, name| figure(&page, id, name).map(|(_, l)| l).expect(name);
    assert_eq!(
        link(finance, "overdue_now"),
        format!("/console/agencies/{finance}/applications?state=overdue")
    );
    assert_eq!(
        link(centre, "received"),
        format!("/console/agencies/{centre}/applications/statistics?year=2023")
    );
    assert_eq!(
        link(education, "publication_overdue"),
        format!("/console/agencies/{education}/catalog")
    );
    assert_eq!(
        link(gov, "report"),
        format!("/console/agencies/{gov}/reports")
    );
    assert_eq!(
        link(centre, "appeals"),
        format!("/console/agencies/{centre}/appeals?year=2023")
    );
    for (id, name) in [
        (finance, "overdue_now"),
        (centre, "received"),
        (education, "publication_overdue"),
        (centre, "appeals"),
    ] {
        let (status, _) = supervisor.get(&link(id, name)).await;
        assert_eq!(status, StatusCode::OK, "{name} of {id} opens");
    }
    // The overdue figure opens the queue filtered to that application.
    let (_, queue) = supervisor.get(&link(finance, "overdue_now")).await;
    assert_eq!(queue.matches("state state-overdue").count(), 1, "{queue}");

    // Publications late and the register by their year: the centre's 2022 notice was published late; its
    // 行政复议 of 2024 was corrected.
    let (_, y2022) = supervisor
        .get(&format!("/console/agencies/{gov}/oversight?year=2022"))
        .await;
    assert_eq!(value(&y2022, centre, "published_late"), "1");
    let (_, y2024) = supervisor
        .get(&format!("/console/agencies/{gov}/oversight?year=2024"))
        .await;
    assert_eq!(value(&y2024, centre, "appeals"), "1/1 (100%)");
    let (_, y2025) = supervisor
        .get(&format!("/console/agencies/{gov}/oversight?year=2025"))
        .await;
    assert_eq!(
        value(&y2025, centre, "appeals"),
        "0/1 (0%)",
        "the pending suit is left out"
    );

    // The year defaults to this one.
    let (_, now) = supervisor
        .get(&format!("/console/agencies/{gov}/oversight"))
        .await;
    assert!(now.contains(r#"<option value="2026" selected>"#));
    assert_eq!(value(&now, centre, "received"), "1");
    assert_eq!(value(&now, finance, "received"), "1");
}

#[tokio::test]
async fn the_csv_holds_the_same_figures() {
    let app = city().await;
    let gov = app.agency(GOVERNMENT);
    let supervisor = app.signed_in("mz-supervisor").await;
    let path = format!("/console/agencies/{gov}/oversight?year=2023");
    let (_, page) = supervisor.get(&path).await;
    let (status, kind, body) = csv(&supervisor, &app, &format!("{path}&format=csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "机关");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), 4, "{body}");
    for (name, id) in [
        (GOVERNMENT, gov),
        (CENTRE, app.agency(CENTRE)),
        (FINANCE, app.agency(FINANCE)),
        (EDUCATION, app.agency(EDUCATION)),
    ] {
        let row = rows.iter().find(|r| &r[0] == name).expect(name);
        for (column, figure_name) in [
            (1, "received"),
            (2, "answered"),
            (3, "overdue_now"),
            (4, "answered_late"),
            (5, "published_late"),
            (6, "publication_overdue"),
        ] {
            assert_eq!(
                row[column],
                value(&page, id, figure_name),
                "{name} {figure_name}"
            );
        }
        assert_eq!(&row[7], "2022");
        assert_eq!(&row[8], "逾期未公布");
    }
}

#[tokio::test]
async fn a_departments_clerk_and_administrator_are_refused() {
    let app = city().await;
    let gov = app.agency(GOVERNMENT);
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    for path in [
        format!("/console/agencies/{centre}/oversight"),
        format!("/console/agencies/{gov}/oversight"),
        format!("/console/agencies/{gov}/oversight?format=csv"),
    ] {
        assert_eq!(clerk.get(&path).await.0, StatusCode::FORBIDDEN, "{path}");
    }
    let (_, home) = clerk.get(&format!("/console/agencies/{centre}")).await;
    assert!(!home.contains("/oversight"), "no link for a clerk");
    let admin = app.signed_in("ggzy-admin").await;
    assert_eq!(
        admin
            .get(&format!("/console/agencies/{gov}/oversight"))
            .await
            .0,
        StatusCode::FORBIDDEN,
        "a department's administrator oversees no one above it"
    );
    let supervisor = app.signed_in("mz-supervisor").await;
    assert_eq!(
        supervisor
            .get(&format!("/console/agencies/{gov}/oversight?year=1999"))
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_supervisor_reads_a_departments_queue_and_applications_without_acting() {
    let app = city().await;
    let finance = app.agency(FINANCE);
    let supervisor = app.signed_in("mz-supervisor").await;
    let (status, queue) = supervisor
        .get(&format!("/console/agencies/{finance}/applications"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains("data-read-only"));
    assert!(!queue.contains("/applications/new"), "registers nothing");
    let re = regex::Regex::new(&format!(
        r#"/console/agencies/{finance}/applications/(\d+)""#
    ))
    .expect("pattern");
    let id = re
        .captures(&queue)
        .map(|c| c[1].to_owned())
        .expect("a case");
    let (status, page) = supervisor
        .get(&format!("/console/agencies/{finance}/applications/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("data-read-only"));
    assert!(!page.contains("王建国"), "no applicant's personal data");
    assert!(!page.contains("/steps\""), "no step form");
    // The clerk of the centre handles its own, not the finance bureau's; the centre's clerk still sees it all.
    let clerk = app.signed_in("ggzy-clerk").await;
    assert_eq!(
        clerk
            .get(&format!("/console/agencies/{finance}/applications"))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
}

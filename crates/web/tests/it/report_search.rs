//! Published annual reports are searchable on the portal (issue 16, point 4): by agency (with the agencies
//! below it), by the year reported on, by name and by any text in them; the catalogue's search offers the
//! reports whose name matches.

use std::time::Duration;

use crate::support::page::{enc, text};
use crate::support::{Client, TestApp};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::{AnnualReport, Format};
use gongkai_report::{RenderTarget, render};
use gongkai_store::NewPublication;
use reqwest::StatusCode;

/// Publishes `report` as `agency`'s report of its year, straight into the store, as another node would: the
/// portal's index catches up by itself.
async fn publish(app: &TestApp, agency: i64, report: &AnnualReport) {
    let html = String::from_utf8(render(report, RenderTarget::Html).expect("HTML")).expect("UTF-8");
    let new = NewPublication {
        agency: AgencyId(agency),
        year: report.year.expect("year"),
        note: String::new(),
        report_json: "{}".into(),
        html,
        docx: Vec::new(),
        pdf: Vec::new(),
        ofd: Vec::new(),
        published_on: app.today,
    };
    let by = ActorRef::System {
        reason: "test".into(),
    };
    app.store
        .publish_report(&new, &by)
        .await
        .expect("published");
}

/// The report hits' links on a page of `/reports`.
fn found(page: &str) -> Vec<String> {
    let Some(list) = page.split("id=\"report-hits\"").nth(1) else {
        return Vec::new();
    };
    let list = list.split("</ol>").next().unwrap_or_default();
    regex::Regex::new(r#"href="(/agencies/\d+/reports/\d+)""#)
        .expect("re")
        .captures_iter(&list.replace("&#x2f;", "/"))
        .map(|c| c[1].to_owned())
        .collect()
}

/// Asks `/reports` until it lists `n` reports (the index follows the store every few seconds).
async fn reports_until(app: &TestApp, query: &str, n: usize) -> String {
    let visitor = Client::new(app);
    let mut page = String::new();
    for _ in 0..60 {
        let (status, body) = visitor.get(&format!("/reports?{query}")).await;
        assert_eq!(status, StatusCode::OK);
        page = body;
        if found(&page).len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    page
}

#[tokio::test]
async fn reports_are_found_by_agency_year_name_and_text() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let finance = app.agency("孟州市财政局");
    let government = app.agency("孟州市人民政府");
    // The centre's real 2020 report, as it was published.
    let real = std::fs::read_to_string(format!(
        "{}/../../../shared/fixtures/reports/mengzhou-ggzyjy-2020.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let centre_2020 = gongkai_report::parse_text(&real).expect("parsed");
    publish(&app, centre, &centre_2020).await;
    for (agency, name, year) in [
        (centre, "孟州市公共资源交易中心", 2021),
        (finance, "孟州市财政局", 2021),
    ] {
        let mut report = AnnualReport::zeroed(Format::F2021);
        report.year = Some(year);
        report.agency = Some(name.into());
        report.preamble = format!("{name}本年度依申请公开工作平稳有序。");
        publish(&app, agency, &report).await;
    }

    // Nothing typed: every report, the newest publication first.
    let all = reports_until(&app, "", 3).await;
    assert_eq!(found(&all).len(), 3, "{}", text(&all));

    // A sentence deep in the real report's section 五.
    let page = reports_until(
        &app,
        &format!("q={}", enc("公开的渠道和途径需进一步拓展创新")),
        1,
    )
    .await;
    assert_eq!(
        found(&page),
        [format!("/agencies/{centre}/reports/2020")],
        "{}",
        text(&page)
    );

    // By name, as citizens type it.
    let page = reports_until(&app, &format!("q={}", enc("财政局2021年度报告")), 1).await;
    assert_eq!(
        found(&page).first(),
        Some(&format!("/agencies/{finance}/reports/2021"))
    );

    // By year, and by an agency with the agencies below it.
    let page = reports_until(&app, "year=2021", 2).await;
    assert_eq!(found(&page).len(), 2, "{}", text(&page));
    assert!(!found(&page).contains(&format!("/agencies/{centre}/reports/2020")));
    let page = reports_until(&app, &format!("agency={centre}"), 2).await;
    assert_eq!(found(&page).len(), 2, "the centre's two: {}", text(&page));
    let page = reports_until(&app, &format!("agency={government}&year=2021"), 2).await;
    assert_eq!(
        found(&page).len(),
        2,
        "below the government: {}",
        text(&page)
    );

    // Nothing found says so and offers the catalogue.
    let (_, none) = Client::new(&app)
        .get(&format!("/reports?q={}", enc("海洋渔业捕捞许可")))
        .await;
    assert!(
        text(&none).contains("没有找到符合条件的年度报告"),
        "{}",
        text(&none)
    );

    // The catalogue's search box offers the reports whose name matches.
    let (_, search) = Client::new(&app)
        .get(&format!("/search?q={}", enc("财政局年度报告")))
        .await;
    let related = search
        .split("id=\"related-reports\"")
        .nth(1)
        .expect("the catalogue's search offers the reports");
    assert!(
        related
            .replace("&#x2f;", "/")
            .contains(&format!("/agencies/{finance}/reports/2021")),
        "{}",
        text(related)
    );
}

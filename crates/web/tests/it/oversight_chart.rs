//! The oversight page's chart of table 三 over the years and the workbook export: the figures drawn are the
//! ones the table counts (新收 and 办结 of the year, summed over the city), the chart is an SVG in the page
//! (no script, nothing from elsewhere), and the workbook holds the agencies' table and the years.

use std::io::{Cursor, Read};

use reqwest::StatusCode;

use crate::oversight::{city, value};
use crate::support::fixture::{CENTRE, EDUCATION, FINANCE, GOVERNMENT};

/// The cells of the trend table's row for `year`, as text.
fn trend_row(page: &str, year: i32) -> Vec<String> {
    let start = page
        .find(&format!(r#"<tr data-trend-year="{year}">"#))
        .unwrap_or_else(|| panic!("no trend row for {year}"));
    let row = &page[start..];
    let row = &row[..row.find("</tr>").expect("row ends")];
    let cell = regex::Regex::new(r"<t[hd][^>]*>(.*?)</t[hd]>").expect("pattern");
    cell.captures_iter(row).map(|c| c[1].to_owned()).collect()
}

#[tokio::test]
async fn the_chart_draws_the_years_the_table_counts() {
    let app = city().await;
    let gov = app.agency(GOVERNMENT);
    let supervisor = app.signed_in("mz-supervisor").await;
    let (status, page) = supervisor
        .get(&format!("/console/agencies/{gov}/oversight?year=2023"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let ids = [
        gov,
        app.agency(CENTRE),
        app.agency(FINANCE),
        app.agency(EDUCATION),
    ];
    let sum = |name: &str| -> i64 {
        ids.iter()
            .map(|id| value(&page, *id, name).parse::<i64>().expect("a number"))
            .sum()
    };
    let row = trend_row(&page, 2023);
    assert_eq!(row[0], "2023");
    assert_eq!(
        row[1],
        sum("received").to_string(),
        "新收 as the table counts"
    );
    let closed: i64 = row[2..8].iter().map(|c| c.parse::<i64>().expect("n")).sum();
    assert_eq!(closed, sum("answered"), "办结 as the table counts: {row:?}");
    // Every year from 2019 to the one asked has its row, and nothing after it.
    for year in 2019..=2023 {
        trend_row(&page, year);
    }
    assert!(!page.contains(r#"data-trend-year="2024""#));

    // The chart: an SVG in the page with a bar group a year, one rectangle per outcome the year had.
    assert!(page.contains(r#"data-chart="t3""#), "the chart is drawn");
    let group_start = page.find(r#"<g data-year="2023">"#).expect("2023's bar");
    let group = &page[group_start..];
    let group = &group[..group.find("</g>").expect("group ends")];
    let outcomes = row[2..8].iter().filter(|c| c.as_str() != "0").count();
    assert_eq!(group.matches("<rect ").count(), outcomes, "{group}");
    assert!(group.contains("予以公开") || outcomes == 0);
    assert!(!page.contains("<script"), "drawn without a script");
    assert!(
        !page.contains(" style=\""),
        "no inline style the CSP would block"
    );
}

#[tokio::test]
async fn the_workbook_holds_the_agencies_and_the_years() {
    let app = city().await;
    let gov = app.agency(GOVERNMENT);
    let supervisor = app.signed_in("mz-supervisor").await;
    let path = format!("/console/agencies/{gov}/oversight?year=2023");
    let (_, page) = supervisor.get(&path).await;
    let response = supervisor
        .http
        .get(app.url(&format!("{path}&format=xlsx")))
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::OK);
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let bytes = response.bytes().await.expect("body");
    let mut book = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("an XLSX is a zip");
    let mut part = |name: &str| {
        let mut text = String::new();
        book.by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the workbook"))
            .read_to_string(&mut text)
            .expect("utf-8");
        text
    };
    let strings = part("xl/sharedStrings.xml");
    let workbook = part("xl/workbook.xml");
    let first = part("xl/worksheets/sheet1.xml");
    let second = part("xl/worksheets/sheet2.xml");
    for name in [GOVERNMENT, CENTRE, FINANCE, EDUCATION, "机关", "逾期未公布"] {
        assert!(strings.contains(name), "{name} in the first sheet");
    }
    assert!(workbook.contains("表三历年"), "the second sheet is named");
    // Figures are numbers, not text: the finance bureau's late answer is a numeric cell.
    let late = value(&page, app.agency(FINANCE), "answered_late");
    assert!(first.contains(&format!("<v>{late}</v>")), "{first}");
    // The years' sheet: a header and 2019..=2023.
    assert_eq!(second.matches("<row ").count(), 1 + 5, "{second}");
    assert!(second.contains("<v>2023</v>"));
}

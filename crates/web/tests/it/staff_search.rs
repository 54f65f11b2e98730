//! The console's search box (issue 16, point 5): a clerk finds the centre's applications by tracking number
//! (hyphens optional), the applicant's name and words of the request, and nothing of another agency; the city's
//! supervisor finds the departments' applications by number and words, never by a name, and sees no names.

use reqwest::StatusCode;

use crate::oversight::city;
use crate::support::fixture::{CENTRE, FINANCE};

/// The tracking numbers listed on a search page.
fn numbers(page: &str) -> Vec<String> {
    regex::Regex::new(r#"/applications/\d+">(GK-\d{4}-\d{6})</a>"#)
        .expect("pattern")
        .captures_iter(page)
        .map(|c| c[1].to_owned())
        .collect()
}

#[tokio::test]
async fn staff_find_applications_across_the_agencies_they_may_read() {
    let app = city().await;
    let centre = app.agency(CENTRE);
    let finance = app.agency(FINANCE);
    let clerk = app.signed_in("ggzy-clerk").await;

    // The home page offers the box.
    let (_, home) = clerk.get("/console").await;
    assert!(home.contains(r#"action="/console/search""#));

    // One of the centre's cases, as its case list shows it.
    let (_, list) = clerk
        .get(&format!("/console/agencies/{centre}/applications"))
        .await;
    let first = numbers(&list)
        .into_iter()
        .next()
        .expect("the centre has cases");
    let compact = first.replace('-', "").to_lowercase();
    let (status, page) = clerk.get(&format!("/console/search?q={compact}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(numbers(&page), vec![first.clone()], "{page}");

    // By the applicant's name: every fixture applicant of the centre is 王建国 or the company.
    let (_, by_name) = clerk.get("/console/search?q=王建国").await;
    assert!(!numbers(&by_name).is_empty());
    assert!(by_name.contains("王建国"), "the clerk sees the names");

    // Words of the finance bureau's request find nothing for the centre's clerk.
    let (_, finance_list) = app
        .signed_in("mz-supervisor")
        .await
        .get(&format!("/console/agencies/{finance}/applications"))
        .await;
    let finance_no = numbers(&finance_list)
        .into_iter()
        .next()
        .expect("a finance case");
    let (_, other) = clerk.get(&format!("/console/search?q={finance_no}")).await;
    assert!(
        numbers(&other).is_empty(),
        "another agency's case is not found"
    );
    assert!(other.contains("没有找到"));

    // The supervisor: the finance bureau's case by number and by words, never by name, and no names shown.
    let supervisor = app.signed_in("mz-supervisor").await;
    let (_, found) = supervisor
        .get(&format!("/console/search?q={finance_no}"))
        .await;
    assert_eq!(numbers(&found), vec![finance_no.clone()]);
    assert!(
        !found.contains("王建国"),
        "no applicant's name for a supervisor"
    );
    let (_, words) = supervisor.get("/console/search?q=三公经费").await;
    assert!(!numbers(&words).is_empty(), "found by words of the request");
    let (_, names) = supervisor.get("/console/search?q=王建国").await;
    assert!(
        numbers(&names).is_empty(),
        "a supervisor cannot search by name"
    );

    // An empty box lists nothing; an account that reads no cases is told so.
    let (_, empty) = clerk.get("/console/search?q=").await;
    assert!(numbers(&empty).is_empty());
    let (status, admin) = app
        .signed_in("admin")
        .await
        .get("/console/search?q=GK")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        numbers(&admin).is_empty(),
        "the system administrator reads no cases"
    );
}

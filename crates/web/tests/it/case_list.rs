//! The clerk's case list and step feedback: every application listed, open and closed, found by a lower-case
//! tracking number without hyphens, by the applicant's name and by words of the request; 已超期 marked apart
//! from 办理中; the message after a step shown once; a decision's letter previewed and nothing stored until
//! the confirm button.

use std::collections::HashMap;

use crate::application_steps::{file, step};
use crate::support::fixture::{ApplicationSpec, CENTRE, d};
use crate::support::{TestApp, csrf_of};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
use gongkai_store::{ApplicationId, ApplicationStore};
use reqwest::StatusCode;

const OVERDUE: &str = "2026年孟州市公共资源交易中心场地使用情况";
const RECENT: &str = "孟州市公共资源交易中心2026年度政府采购意向公开清单";
const CLOSED: &str = "2025年孟州市公共资源交易中心进场交易项目清单";

/// Each row of the list: its tracking number and the rest of the row's HTML.
fn rows(page: &str) -> Vec<(String, String)> {
    let re = regex::Regex::new(
        r#"(?s)<tr>\s*<th scope="row"><a href="[^"]*">(GK-[0-9-]+)</a></th>(.*?)</tr>"#,
    )
    .expect("re");
    re.captures_iter(page)
        .map(|c| (c[1].to_owned(), c[2].to_owned()))
        .collect()
}

fn numbers(page: &str) -> Vec<String> {
    rows(page).into_iter().map(|(n, _)| n).collect()
}

#[tokio::test]
async fn the_case_list_finds_open_and_closed_cases_and_marks_the_overdue_one() {
    let app = TestApp::builder()
        .applications([
            // Received 2026-10-12: its 20 working days ended in November, before today (2026-11-30).
            ApplicationSpec::new(CENTRE, d(2026, 10, 12), OVERDUE, vec![]),
            ApplicationSpec::new(CENTRE, d(2026, 11, 23), RECENT, vec![])
                .by(ApplicantKind::Business),
            ApplicationSpec::decided(CENTRE, d(2025, 3, 3), CLOSED, d(2025, 3, 17), Outcome::Open),
        ])
        .start()
        .await;
    let centre = app.agency(CENTRE);
    let stored = app
        .store
        .applications_of(AgencyId(centre), false)
        .await
        .expect("applications");
    let number_of = |description: &str| {
        stored
            .iter()
            .find(|a| a.description == description)
            .map(|a| a.tracking_no.to_string())
            .expect("stored")
    };
    let (overdue, recent, closed) = (number_of(OVERDUE), number_of(RECENT), number_of(CLOSED));
    let clerk = app.signed_in("ggzy-clerk").await;
    let list = format!("/console/agencies/{centre}/applications");

    let (status, page) = clerk.get(&list).await;
    assert_eq!(status, StatusCode::OK);
    // Open first by their last day, then the closed one.
    assert_eq!(
        numbers(&page),
        [overdue.clone(), recent.clone(), closed.clone()]
    );
    let row: HashMap<String, String> = rows(&page).into_iter().collect();
    assert!(
        row[&overdue].contains("state-overdue") && row[&overdue].contains("已超期"),
        "{}",
        row[&overdue]
    );
    assert!(
        row[&recent].contains("state-open") && !row[&recent].contains("已超期"),
        "{}",
        row[&recent]
    );
    assert!(
        row[&closed].contains("已答复") && !row[&closed].contains("state-"),
        "{}",
        row[&closed]
    );
    // The applicant's name and the shortened request are shown to the agency's clerk.
    assert!(row[&recent].contains("孟州市某建设工程有限公司") && row[&overdue].contains("王建国"));

    let search = |query: String| {
        let clerk = &clerk;
        let list = &list;
        async move { numbers(&clerk.get(&format!("{list}?{query}")).await.1) }
    };
    let lower = closed.to_lowercase().replace('-', "");
    assert_eq!(
        search(format!("tracking_no={lower}")).await,
        [closed.as_str()]
    );
    assert_eq!(
        search(format!("applicant={}", urlencoding("建设工程"))).await,
        [recent.as_str()]
    );
    assert_eq!(
        search(format!("words={}", urlencoding("场地 使用"))).await,
        [overdue.as_str()]
    );
    assert_eq!(search("state=overdue".into()).await, [overdue.as_str()]);
    assert_eq!(search("state=closed".into()).await, [closed.as_str()]);
    assert_eq!(
        search("state=open&year=2026".into()).await,
        [overdue.as_str(), recent.as_str()]
    );
    assert_eq!(search("outcome=open".into()).await, [closed.as_str()]);
    assert!(
        search("year=not-a-year".into()).await.len() == 3,
        "a bad year filters nothing"
    );

    // Nobody outside the agency's caseworkers sees the list with its names: the supervisor above reads it
    // without them (and cannot search by them); the agency's administrator does not read casework at all.
    let supervisor = app.signed_in("mz-supervisor").await;
    let (status, page) = supervisor.get(&list).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("data-read-only") && !page.contains("王建国"),
        "read only, no names"
    );
    let admin = app.signed_in("ggzy-admin").await;
    assert_eq!(admin.get(&list).await.0, StatusCode::FORBIDDEN);
}

fn urlencoding(text: &str) -> String {
    serde_urlencoded::to_string([("v", text)]).expect("encode")[2..].to_owned()
}

#[tokio::test]
async fn a_step_is_confirmed_once_on_the_application_page() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let case = file(&app, centre).await;
    let today = app.today.to_string();
    let by = (app.today + chrono::Duration::days(15)).to_string();
    let (status, _) = step(
        &clerk,
        &case,
        &[
            ("action", "request_correction"),
            ("on", &today),
            ("correct_by", &by),
            ("what", "请写明项目名称"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = clerk.get(&case.path).await;
    assert!(
        page.contains("id=\"step-flash\"") && page.contains("已告知补正"),
        "the message after the step"
    );
    let (_, again) = clerk.get(&case.path).await;
    assert!(!again.contains("step-flash"), "shown once");
    // In English too, for a clerk who reads the console in English.
    let (status, _) = step(&clerk, &case, &[("action", "withdraw"), ("on", &today)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = clerk.get(&format!("{}?lang=en", case.path)).await;
    assert!(
        page.contains("The applicant&#x27;s withdrawal was recorded.")
            || page.contains("The applicant's withdrawal was recorded."),
        "the English message"
    );
}

#[tokio::test]
async fn a_decision_shows_its_letter_first_and_is_recorded_only_when_confirmed() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let clerk = app.signed_in("ggzy-clerk").await;
    let case = file(&app, centre).await;
    let today = app.today.to_string();
    let (_, page) = clerk.get(&case.path).await;
    let token = csrf_of(&page).expect("csrf");
    let seen = regex::Regex::new(r#"name="seen_seq" value="(\d+)""#)
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .expect("seen");
    let reason = "所申请的项目清单已制作，随本告知书提供。";
    let (status, preview) = clerk
        .post(
            &format!("{}/steps", case.path),
            &[
                ("csrf", &token),
                ("seen_seq", &seen),
                ("action", "decide"),
                ("on", &today),
                ("outcome", "open"),
                ("reason", reason),
                ("service", "post"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert!(
        preview.contains("id=\"letter-preview\"") && preview.contains(reason),
        "{preview}"
    );
    assert!(preview.contains("告知书") && preview.contains("确认作出答复"));
    // Nothing stored yet: no letter, no decision.
    let id = ApplicationId(case.id);
    assert!(
        app.store
            .application_letters(id)
            .await
            .expect("letters")
            .is_empty()
    );
    let stored = app
        .store
        .application(id)
        .await
        .expect("read")
        .expect("there");
    assert!(!stored.status.is_closed());

    // The confirm button posts the same fields again, with `confirmed=1` (the form before 返回修改's).
    let confirm_form = preview
        .split("preview-back-form")
        .next()
        .unwrap_or(&preview);
    let fields: Vec<(String, String)> =
        regex::Regex::new(r#"<input type="hidden" name="([a-z_]+)" value="([^"]*)">"#)
            .expect("re")
            .captures_iter(confirm_form)
            .map(|c| (c[1].to_owned(), html_unescape(&c[2])))
            .collect();
    assert!(fields.iter().any(|(k, v)| k == "confirmed" && v == "1"));
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, _) = clerk.post(&format!("{}/steps", case.path), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let letters = app.store.application_letters(id).await.expect("letters");
    assert_eq!(
        letters.iter().map(|l| l.kind.as_str()).collect::<Vec<_>>(),
        ["decision"]
    );
    assert!(letters[0].text.contains(reason));
    let (_, page) = clerk.get(&case.path).await;
    assert!(page.contains("已作出答复并生成告知书"));
}

fn html_unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

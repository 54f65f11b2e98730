//! 信息处理费 in the console, over HTTP (国办函〔2020〕109号): the tiers, the applicant's count this month taken
//! from the register, the payment period that runs from the day the applicant received the notice, and a fee
//! left unpaid.

use crate::application_steps::{public_status, registered, step};
use crate::support::TestApp;
use chrono::Duration;
use gongkai_store::{ApplicationId, ApplicationStore};
use reqwest::StatusCode;

#[tokio::test]
async fn a_fee_notice_charges_by_the_tiers_and_the_period_to_pay_runs_from_its_receipt() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let case = registered(&app, &clerk, centre, 60).await;
    let today = app.today;
    let day = |n: i64| (today - Duration::days(n)).to_string();
    let (notice_on, received_on, d) = (day(50), day(46), today.to_string());
    let free = [
        ("action", "issue_fee_notice"),
        ("on", notice_on.as_str()),
        ("method", "per_page"),
        ("pages", "30"),
        ("service", "post"),
    ];
    let (status, page) = step(&clerk, &case, &free).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "30 pages are free"
    );
    assert!(page.contains("免费范围"));
    let mut charged = free;
    charged[3] = ("pages", "250");
    let (status, _) = step(&clerk, &case, &charged).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let seen = public_status(&app, &case).await;
    assert_eq!(seen["status"], "awaiting_fee");
    assert_eq!(seen["waiting_for"]["kind"], "payment");
    // 国办函〔2020〕109号 worked example: 250 pages cost 700 + 2,000 + 2,000 元.
    assert_eq!(seen["waiting_for"]["amount_yuan"], "4700");
    assert!(
        seen["waiting_for"]["by"].is_null(),
        "posted: the period to pay has not begun before the applicant received it: {seen}"
    );
    let (status, page) = step(&clerk, &case, &[("action", "fee_overdue"), ("on", &d)]).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no receipt on record"
    );
    assert!(page.contains("尚未登记申请人收到的日期"), "{page}");

    let (status, _) = step(
        &clerk,
        &case,
        &[("action", "fee_notice_received"), ("on", &received_on)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let seen = public_status(&app, &case).await;
    let pay_by = seen["waiting_for"]["by"]
        .as_str()
        .expect("a date")
        .to_owned();
    let expected = gongkai_domain::calendar::Calendar::builtin()
        .expect("calendar")
        .add_working_days(received_on.parse().expect("date"), 20)
        .expect("calendar")
        .due
        .to_string();
    assert_eq!(
        pay_by, expected,
        "20 working days from the day after receipt"
    );
    let (_, page) = clerk.get(&case.path).await;
    assert!(
        page.contains("申请人收到收费通知"),
        "the receipt is on the timeline"
    );
    assert!(
        !page.contains("id=\"step-fee_notice_received\""),
        "recorded once"
    );

    let (status, page) = step(&clerk, &case, &[("action", "fee_overdue"), ("on", &pay_by)]).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not before the 20 working days are over"
    );
    assert!(page.contains("尚未届满"));
    let (status, _) = step(&clerk, &case, &[("action", "fee_overdue"), ("on", &d)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let seen = public_status(&app, &case).await;
    assert_eq!(seen["status"], "abandoned");
    let stored = app
        .store
        .application(ApplicationId(case.id))
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(
        stored.status.final_outcome().map(|o| o.code()),
        Some("fee_unpaid"),
        "counted in row 三（六）2"
    );
    assert_eq!(
        stored.decided_on.map(|d| d.to_string()),
        Some(pay_by),
        "the lapse belongs to the last day to pay"
    );
}

/// 按件计收 counts the same applicant's applications to the agency in the calendar month from the register:
/// the first ten are free, the eleventh costs 100 元 — whatever a clerk would have typed.
#[tokio::test]
async fn the_monthly_count_comes_from_the_register() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    // All handed in on one day, 20 days ago, by the same applicant (the same 证件).
    let mut cases = Vec::new();
    for _ in 0..11 {
        cases.push(registered(&app, &clerk, centre, 20).await);
    }
    let on = (app.today - Duration::days(10)).to_string();
    let per_application = [
        ("action", "issue_fee_notice"),
        ("on", on.as_str()),
        ("method", "per_application"),
        ("service", "online"),
        // A number typed into the form is not read: the register decides.
        ("count", "40"),
    ];
    let (_, page) = clerk.get(&cases[0].path).await;
    assert!(
        page.contains("第 1 件"),
        "the count is shown, from the register"
    );
    let (status, page) = step(&clerk, &cases[0], &per_application).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the first is free"
    );
    assert!(page.contains("免费范围"));
    let (_, page) = clerk.get(&cases[10].path).await;
    assert!(page.contains("第 11 件"), "{page}");
    let (status, _) = step(&clerk, &cases[10], &per_application).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let seen = public_status(&app, &cases[10]).await;
    assert_eq!(seen["waiting_for"]["amount_yuan"], "100");
    assert!(
        seen["waiting_for"]["by"].is_string(),
        "served online: received the day it was sent, so the last day is known"
    );
}

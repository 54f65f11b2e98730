//! 信息处理费 through the caseworker's API (国办函〔2020〕109号): a notice posted to the applicant waits for the day
//! it was received before its period to pay can run out; the count this month is the register's, and a count
//! the integration sends that differs from it is refused.

use reqwest::StatusCode;
use serde_json::json;

use crate::caseworker_api::{Integration, token};
use crate::support::TestApp;
use crate::support::fixture::CENTRE;

#[tokio::test]
async fn a_posted_fee_notice_runs_from_its_receipt_and_the_count_is_the_registers() {
    let app = TestApp::start().await;
    let centre = app.agency(CENTRE);
    let api = Integration::new(&app, &token(&app, centre, "clerk").await, centre);
    let received = (app.today - chrono::Duration::days(60)).to_string();
    let case = api.register(&received).await;
    let notice_on = (app.today - chrono::Duration::days(55)).to_string();
    let today = app.today.to_string();

    let (status, answer) = api
        .step(
            &case,
            json!({"step": "fee_notice", "on": notice_on, "method": "per_application", "count": 12}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        answer["error"], "application.fee_free",
        "the register counts one application this month, which is free: {answer}"
    );

    let (status, answer) = api
        .step(
            &case,
            json!({"step": "fee_notice", "on": notice_on, "method": "per_page", "pages": 250,
                   "delivery": "post"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let notice = answer["events"]
        .as_array()
        .and_then(|e| e.last())
        .cloned()
        .unwrap_or_default();
    assert_eq!(notice["kind"], "fee_notice_issued", "{answer}");

    let (status, answer) = api
        .step(&case, json!({"step": "fee_overdue", "on": today}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer["error"], "application.fee_notice_not_received",
        "{answer}"
    );

    let receipt_on = (app.today - chrono::Duration::days(50)).to_string();
    let (status, answer) = api
        .step(
            &case,
            json!({"step": "fee_notice_received", "on": receipt_on}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, answer) = api
        .step(
            &case,
            json!({"step": "fee_notice_received", "on": receipt_on}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "recorded once");
    assert_eq!(
        answer["error"], "application.no_fee_notice_to_receive",
        "{answer}"
    );

    let (status, answer) = api
        .step(&case, json!({"step": "fee_overdue", "on": today}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["status"], "abandoned", "{answer}");
}

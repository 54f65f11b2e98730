//! The checks before a caseworker's step is stored.
use super::*;
use crate::application::status::Abandonment;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn cal() -> Calendar {
    Calendar::builtin().expect("embedded table")
}

/// Takes the actions in turn from a receipt on `received`, as the console would, checked against `today`.
fn walk(received: &str, actions: &[Action], today: &str) -> Result<Planned, HandlingError> {
    let cal = cal();
    let mut history = vec![ClockEvent::Received { on: d(received) }];
    let mut status = Status::Received;
    let mut last = None;
    for action in actions {
        let planned = plan(status, &history, action, d(today), &cal)?;
        history.push(action.clock_event());
        status = planned.status;
        last = Some(planned);
    }
    last.ok_or(HandlingError::FutureDate {
        on: d(today),
        today: d(today),
    })
}

#[test]
fn a_correction_restarts_the_clock_and_a_decision_closes_it() {
    let after_correction = walk(
        "2026-03-02",
        &[
            Action::RequestCorrection {
                on: d("2026-03-04"),
                correct_by: d("2026-03-18"),
            },
            Action::CorrectionReceived {
                on: d("2026-03-10"),
            },
        ],
        "2026-11-27",
    )
    .expect("allowed");
    assert_eq!(after_correction.status, Status::Received);
    // 20 working days after 2026-03-10, passing 清明 (2026-04-06): 2026-04-08.
    assert_eq!(after_correction.clock.due, Some(d("2026-04-08")));
    let decided = walk(
        "2026-03-02",
        &[
            Action::RequestCorrection {
                on: d("2026-03-04"),
                correct_by: d("2026-03-18"),
            },
            Action::CorrectionReceived {
                on: d("2026-03-10"),
            },
            Action::Decide {
                on: d("2026-03-20"),
                outcome: Outcome::Open,
            },
        ],
        "2026-11-27",
    )
    .expect("allowed");
    assert_eq!(decided.status, Status::Decided(Outcome::Open));
}

#[test]
fn a_date_in_the_future_or_before_the_last_event_is_refused() {
    let future = walk(
        "2026-11-02",
        &[Action::Decide {
            on: d("2026-11-30"),
            outcome: Outcome::Open,
        }],
        "2026-11-28",
    );
    assert!(matches!(future, Err(HandlingError::FutureDate { .. })));
    assert_eq!(future.unwrap_err().code(), "application.future_date");
    let backwards = walk(
        "2026-11-02",
        &[
            Action::StartConsultation {
                on: d("2026-11-10"),
            },
            Action::EndConsultation {
                on: d("2026-11-09"),
            },
        ],
        "2026-11-28",
    );
    assert!(matches!(
        backwards,
        Err(HandlingError::BeforeLastEvent { .. })
    ));
}

#[test]
fn illegal_steps_are_refused_with_their_codes() {
    let twice = walk(
        "2026-03-02",
        &[
            Action::Extend {
                on: d("2026-03-20"),
                working_days: 10,
            },
            Action::Extend {
                on: d("2026-03-23"),
                working_days: 5,
            },
        ],
        "2026-11-27",
    );
    assert_eq!(twice.unwrap_err().code(), "application.second_extension");
    let too_long = walk(
        "2026-03-02",
        &[Action::Extend {
            on: d("2026-03-20"),
            working_days: 21,
        }],
        "2026-11-27",
    );
    assert!(matches!(too_long, Err(HandlingError::Clock(_))));
    let by_clock = walk(
        "2026-03-02",
        &[Action::Decide {
            on: d("2026-03-20"),
            outcome: Outcome::NoCorrection,
        }],
        "2026-11-27",
    );
    assert_eq!(by_clock.unwrap_err().code(), "application.outcome_by_clock");
    let bad_deadline = walk(
        "2026-03-02",
        &[Action::RequestCorrection {
            on: d("2026-03-04"),
            correct_by: d("2026-03-04"),
        }],
        "2026-11-27",
    );
    assert_eq!(
        bad_deadline.unwrap_err().code(),
        "application.correction_deadline"
    );
    let after_close = walk(
        "2026-03-02",
        &[
            Action::Withdraw {
                on: d("2026-03-03"),
            },
            Action::CustomDeadline {
                on: d("2026-03-04"),
                due: d("2026-06-01"),
                reason: "大量申请".into(),
            },
        ],
        "2026-11-27",
    );
    assert_eq!(after_close.unwrap_err().code(), "application.closed");
}

#[test]
fn the_payment_period_is_excluded_and_an_unpaid_fee_abandons() {
    let paid = walk(
        "2026-03-02",
        &[
            Action::IssueFeeNotice {
                on: d("2026-03-06"),
            },
            Action::FeePaid {
                on: d("2026-03-13"),
            },
        ],
        "2026-11-27",
    )
    .expect("allowed");
    // 5 working days (03-09 … 03-13) waiting for payment move the due date from 03-30 to 04-07 (04-06 is 清明).
    assert_eq!(paid.clock.excluded_working_days, 5);
    assert_eq!(paid.clock.due, Some(d("2026-04-07")));
    let unpaid = walk(
        "2026-03-02",
        &[
            Action::IssueFeeNotice {
                on: d("2026-03-06"),
            },
            Action::FeeOverdue {
                on: d("2026-04-07"),
            },
        ],
        "2026-11-27",
    )
    .expect("allowed");
    assert_eq!(unpaid.status, Status::Abandoned(Abandonment::FeeUnpaid));
    assert_eq!(
        unpaid.status.final_outcome(),
        Some(Outcome::FeeUnpaid),
        "row 三（六）2"
    );
}

#[test]
fn nothing_is_abandoned_before_the_applicants_own_deadline() {
    // 20 working days after a fee notice of 2026-03-06 end on 2026-04-03: unpaid only from the day after.
    let early_fee = walk(
        "2026-03-02",
        &[
            Action::IssueFeeNotice {
                on: d("2026-03-06"),
            },
            Action::FeeOverdue {
                on: d("2026-04-03"),
            },
        ],
        "2026-11-27",
    );
    assert_eq!(
        early_fee.unwrap_err(),
        HandlingError::DeadlineNotPassed {
            on: d("2026-04-03"),
            deadline: d("2026-04-03")
        }
    );
    let early_correction = walk(
        "2026-03-02",
        &[
            Action::RequestCorrection {
                on: d("2026-03-04"),
                correct_by: d("2026-03-18"),
            },
            Action::CorrectionOverdue {
                on: d("2026-03-18"),
                correct_by: d("2026-03-18"),
            },
        ],
        "2026-11-27",
    );
    assert_eq!(
        early_correction.unwrap_err().code(),
        "application.deadline_not_passed"
    );
    let late = walk(
        "2026-03-02",
        &[
            Action::RequestCorrection {
                on: d("2026-03-04"),
                correct_by: d("2026-03-18"),
            },
            Action::CorrectionOverdue {
                on: d("2026-03-19"),
                correct_by: d("2026-03-18"),
            },
        ],
        "2026-11-27",
    )
    .expect("allowed");
    assert_eq!(
        late.status.final_outcome(),
        Some(Outcome::NoCorrection),
        "row 三（六）1"
    );
}

#[test]
fn the_steps_offered_follow_the_status_the_history_and_who_approves_extensions() {
    use crate::application::event::Event;
    use crate::application::intake::Channel;
    let codes = |status, history: &[Event], may| -> Vec<&str> {
        offered_steps(status, history, may)
            .into_iter()
            .map(ActionKind::code)
            .collect()
    };
    let received = [Event::Received {
        channel: Channel::Online,
    }];
    assert_eq!(
        codes(Status::Received, &received, false),
        [
            "request_correction",
            "start_consultation",
            "custom_deadline",
            "issue_fee_notice",
            "decide",
            "withdraw"
        ]
    );
    assert!(codes(Status::Received, &received, true).contains(&"extend"));
    let asked = [
        received[0].clone(),
        Event::CorrectionRequested {
            correct_by: d("2026-03-18"),
            what: None,
        },
    ];
    assert_eq!(
        codes(Status::AwaitingCorrection, &asked, true),
        ["correction_received", "correction_overdue", "withdraw"]
    );
    // 条例第三十条: without the notice's deadline on record a lapse cannot be recorded.
    assert_eq!(
        codes(Status::AwaitingCorrection, &received, true),
        ["correction_received", "withdraw"]
    );
    assert!(codes(Status::Withdrawn, &received, true).is_empty());
    for kind in ActionKind::ALL {
        assert!(!kind.code().is_empty(), "{kind:?}");
    }
}

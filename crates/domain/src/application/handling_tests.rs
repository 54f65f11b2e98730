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
            // Served online: received the day it was sent.
            Action::FeeNoticeReceived {
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
            // Served online: received the day it was sent.
            Action::FeeNoticeReceived {
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
            "request_reasons",
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

/// 条例第三十五条: asking for reasons needs a reply date after the notice, keeps the status and the clock
/// running, and is refused on a closed application.
#[test]
fn a_request_for_reasons_keeps_the_clock_running() {
    let calendar = cal();
    let history = [ClockEvent::Received {
        on: d("2026-03-02"),
    }];
    let ask = |on: &str, by: &str| Action::RequestReasons {
        on: d(on),
        reply_by: d(by),
    };
    let planned = plan(
        Status::Received,
        &history,
        &ask("2026-03-04", "2026-03-13"),
        d("2026-11-30"),
        &calendar,
    )
    .expect("allowed");
    assert_eq!(planned.status, Status::Received);
    let before = compute(&history, &calendar).expect("clock");
    assert_eq!(
        planned.clock.due, before.due,
        "the reply period is not suspended"
    );
    let e = plan(
        Status::Received,
        &history,
        &ask("2026-03-04", "2026-03-04"),
        d("2026-11-30"),
        &calendar,
    )
    .expect_err("no time to reply");
    assert_eq!(e.code(), "application.reasons_reply_by");
    let closed = plan(
        Status::Withdrawn,
        &history,
        &ask("2026-03-04", "2026-03-13"),
        d("2026-11-30"),
        &calendar,
    );
    assert!(closed.is_err());
}

/// 条例第三十条: 一次性告知. A second 补正 notice, even after the first was answered, is refused (it would
/// restart the clock a second time).
#[test]
fn a_second_correction_notice_is_refused() {
    let first = Action::RequestCorrection {
        on: d("2026-03-04"),
        correct_by: d("2026-03-18"),
    };
    let answered = Action::CorrectionReceived {
        on: d("2026-03-10"),
    };
    let second = Action::RequestCorrection {
        on: d("2026-03-12"),
        correct_by: d("2026-03-26"),
    };
    assert!(
        walk(
            "2026-03-02",
            &[first.clone(), answered.clone()],
            "2026-03-30"
        )
        .is_ok()
    );
    let refused = walk("2026-03-02", &[first, answered, second], "2026-03-30");
    assert_eq!(
        refused,
        Err(HandlingError::SecondCorrection {
            first: d("2026-03-04")
        })
    );
}

/// 三（四）3 补正后申请内容仍不明确 only after a 补正 the applicant answered.
#[test]
fn still_unclear_needs_a_correction_that_was_answered() {
    let still_unclear = |on: &str| Action::Decide {
        on: d(on),
        outcome: Outcome::StillUnclear,
    };
    assert_eq!(
        walk("2026-03-02", &[still_unclear("2026-03-10")], "2026-03-30"),
        Err(HandlingError::StillUnclearWithoutCorrection)
    );
    let asked = Action::RequestCorrection {
        on: d("2026-03-04"),
        correct_by: d("2026-03-18"),
    };
    let answered = Action::CorrectionReceived {
        on: d("2026-03-10"),
    };
    let decided = walk(
        "2026-03-02",
        &[asked, answered, still_unclear("2026-03-12")],
        "2026-03-30",
    )
    .expect("asked, answered, still unclear");
    assert!(decided.status.is_closed());
}

/// 国办函〔2020〕109号: no fee notice for an application received before the fee rules took effect.
#[test]
fn no_fee_notice_for_an_application_received_before_the_fee_rules() {
    let notice = |on: &str| Action::IssueFeeNotice { on: d(on) };
    assert_eq!(
        walk("2020-12-21", &[notice("2020-12-28")], "2021-01-30"),
        Err(HandlingError::FeeBeforeFeeRules {
            received: d("2020-12-21"),
            in_force_from: d("2021-01-01"),
        })
    );
    assert!(walk("2021-01-04", &[notice("2021-01-08")], "2021-01-30").is_ok());
}

/// A lapse ends on the deadline that passed, not on the day a clerk records it; a decision ends on its day.
#[test]
fn a_lapse_ends_on_its_deadline_and_a_decision_on_its_day() {
    let asked = Action::RequestCorrection {
        on: d("2021-12-08"),
        correct_by: d("2021-12-28"),
    };
    let lapsed = Action::CorrectionOverdue {
        on: d("2022-01-04"),
        correct_by: d("2021-12-28"),
    };
    let planned = walk("2021-12-06", &[asked.clone(), lapsed], "2022-01-10").expect("lapse");
    assert_eq!(planned.ended_on, Some(d("2021-12-28")));
    let decided = Action::Decide {
        on: d("2021-12-10"),
        outcome: Outcome::Open,
    };
    let planned = walk("2021-12-06", &[decided], "2022-01-10").expect("decision");
    assert_eq!(planned.ended_on, Some(d("2021-12-10")));
    let open = walk("2021-12-06", &[asked], "2022-01-10").expect("asked");
    assert_eq!(open.ended_on, None, "still open");
}

/// 国办函〔2020〕109号: the 20 working days to pay run from the day after the applicant *received* the notice.
/// A notice posted on 2026-03-06 and signed for on 2026-03-11 may be paid until 2026-04-09 (清明 04-06 is a
/// holiday), not only until 04-03; before its receipt is on record it cannot lapse at all.
#[test]
fn the_payment_period_runs_from_receipt_of_the_fee_notice() {
    let notice = Action::IssueFeeNotice {
        on: d("2026-03-06"),
    };
    let received = Action::FeeNoticeReceived {
        on: d("2026-03-11"),
    };
    let overdue = |on: &str| Action::FeeOverdue { on: d(on) };
    assert_eq!(
        walk(
            "2026-03-02",
            &[notice.clone(), overdue("2026-04-08")],
            "2026-11-27"
        )
        .unwrap_err(),
        HandlingError::FeeNoticeNotReceived {
            issued: d("2026-03-06")
        }
    );
    let waiting = walk(
        "2026-03-02",
        &[notice.clone(), received.clone()],
        "2026-11-27",
    )
    .expect("receipt recorded");
    assert_eq!(waiting.clock.fee_pay_by, Some(d("2026-04-09")));
    assert_eq!(
        walk(
            "2026-03-02",
            &[notice.clone(), received.clone(), overdue("2026-04-09")],
            "2026-11-27"
        )
        .unwrap_err(),
        HandlingError::DeadlineNotPassed {
            on: d("2026-04-09"),
            deadline: d("2026-04-09")
        }
    );
    let lapsed = walk(
        "2026-03-02",
        &[notice.clone(), received.clone(), overdue("2026-04-10")],
        "2026-11-27",
    )
    .expect("lapsed after the period from receipt");
    assert_eq!(
        lapsed.ended_on,
        Some(d("2026-04-09")),
        "ends on the last day to pay"
    );
    // One receipt per notice, and none without an outstanding notice.
    assert_eq!(
        walk(
            "2026-03-02",
            &[notice.clone(), received.clone(), received.clone()],
            "2026-11-27"
        )
        .unwrap_err(),
        HandlingError::NoFeeNoticeToReceive
    );
    assert_eq!(
        walk("2026-03-02", &[received], "2026-11-27").unwrap_err(),
        HandlingError::NoFeeNoticeToReceive
    );
}

/// The receipt is offered only for an outstanding notice sent by post or by hand, once.
#[test]
fn the_receipt_of_a_fee_notice_is_offered_only_while_it_is_awaited() {
    use crate::application::event::FeeNotice;
    use crate::application::fees::FeeMethod;
    use crate::application::intake::Delivery;
    let notice = |service| {
        Event::FeeNoticeIssued(FeeNotice {
            method: FeeMethod::PerPage,
            count: Some(1),
            pages: 100,
            amount_yuan: rust_decimal::Decimal::new(700, 0),
            explanation: None,
            pay_within_working_days: Some(20),
            service,
            pay_by: None,
        })
    };
    let waiting = Status::AwaitingFee { extended: false };
    let offered = |history: &[Event]| {
        offered_steps(waiting, history, false).contains(&ActionKind::FeeNoticeReceived)
    };
    assert!(offered(&[notice(Some(Delivery::Post))]));
    assert!(!offered(&[
        notice(Some(Delivery::Post)),
        Event::FeeNoticeReceived
    ]));
    assert!(!offered(&[notice(Some(Delivery::Online))]));
    assert!(
        !offered(&[notice(None)]),
        "recorded before service was kept"
    );
    assert!(!offered_steps(Status::Received, &[], false).contains(&ActionKind::FeeNoticeReceived));
}

//! Every kind of event keeps the stored form it had before events were typed, and comes back unchanged.
use super::*;
use crate::application::fees::FEE_PAYMENT_WORKING_DAYS;
use crate::application::outcome::NotHeldGround;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// The stored form as the store writes it: the kind, and the other fields as a JSON object.
fn stored(event: &Event) -> (String, String) {
    let mut value = serde_json::to_value(event).expect("serialises");
    let object = value.as_object_mut().expect("an object");
    // `shift_remove` keeps the order of the other fields (`remove` would swap the last one forward).
    let kind = object.shift_remove("kind").expect("tagged");
    (kind.as_str().expect("text").to_owned(), value.to_string())
}

/// The store's reading of a row: the kind put back into the detail object.
fn read(kind: &str, detail: &str) -> Result<Event, serde_json::Error> {
    let mut value: serde_json::Value = serde_json::from_str(detail)?;
    if let Some(object) = value.as_object_mut() {
        object.insert("kind".into(), kind.into());
    }
    serde_json::from_value(value)
}

/// One event of each kind, with the detail the console wrote for it before events were typed.
fn every_kind() -> Vec<(Event, &'static str)> {
    vec![
        (
            Event::Received {
                channel: Channel::SignedForPost,
            },
            r#"{"channel":"signed_post"}"#,
        ),
        (
            Event::CorrectionRequested {
                correct_by: d("2026-03-18"),
                what: Some("身份证明".into()),
            },
            r#"{"correct_by":"2026-03-18","what":"身份证明"}"#,
        ),
        (
            Event::CorrectionReceived {
                content: None,
                files: Vec::new(),
            },
            "{}",
        ),
        (
            Event::CorrectionDeadlinePassed {
                correct_by: Some(d("2026-03-18")),
            },
            r#"{"correct_by":"2026-03-18"}"#,
        ),
        (
            Event::ExtensionApproved {
                working_days: 20,
                reason: Some("需要调取档案".into()),
            },
            r#"{"working_days":20,"reason":"需要调取档案"}"#,
        ),
        (
            Event::ConsultationStarted {
                party: Some("某建设有限公司".into()),
                party_kind: Some(PartyKind::ThirdParty),
            },
            r#"{"party":"某建设有限公司","party_kind":"third_party"}"#,
        ),
        (Event::ConsultationEnded, "{}"),
        (
            Event::CustomDeadline {
                due: d("2026-05-29"),
                reason: "数量较大".into(),
            },
            r#"{"due":"2026-05-29","reason":"数量较大"}"#,
        ),
        (
            Event::FeeNoticeIssued(FeeNotice {
                method: FeeMethod::PerPage,
                count: Some(0),
                pages: 120,
                amount_yuan: Decimal::new(1100, 0),
                explanation: Some("按量计收 / by pages".into()),
                pay_within_working_days: Some(FEE_PAYMENT_WORKING_DAYS),
                service: None,
                pay_by: Some(d("2026-04-01")),
            }),
            r#"{"method":"per_page","count":0,"pages":120,"amount_yuan":"1100","explanation":"按量计收 / by pages","pay_within_working_days":20,"pay_by":"2026-04-01"}"#,
        ),
        (
            Event::FeeNoticeIssued(FeeNotice {
                method: FeeMethod::PerApplication,
                count: Some(12),
                pages: 0,
                amount_yuan: Decimal::new(200, 0),
                explanation: None,
                pay_within_working_days: Some(FEE_PAYMENT_WORKING_DAYS),
                service: Some(Delivery::Post),
                pay_by: None,
            }),
            r#"{"method":"per_application","count":12,"pages":0,"amount_yuan":"200","pay_within_working_days":20,"service":"post"}"#,
        ),
        (Event::FeeNoticeReceived, "{}"),
        (Event::FeePaid, "{}"),
        (Event::FeeDeadlinePassed, "{}"),
        (Event::Withdrawn, "{}"),
        (
            Event::Decided(Decision {
                outcome: Outcome::Partial,
                reason: Some("部分涉及个人隐私".into()),
                extra: Some(String::new()),
                service: Some(Delivery::Post),
                not_held: None,
            }),
            r#"{"outcome":"partial","reason":"部分涉及个人隐私","extra":"","service":"post"}"#,
        ),
        (
            Event::ReasonsRequested {
                reply_by: d("2026-04-10"),
            },
            r#"{"reply_by":"2026-04-10"}"#,
        ),
        (
            Event::FeePaymentReported {
                statement: "已于3月12日通过银行转账缴纳".into(),
                files: vec!["ab".repeat(32)],
            },
            r#"{"statement":"已于3月12日通过银行转账缴纳","files":["abababababababababababababababababababababababababababababababab"]}"#,
        ),
    ]
}

#[test]
fn a_correction_keeps_what_it_clarified_and_its_files_and_an_old_one_still_reads() {
    // Stored before the content was kept: `{}`, read back as a correction with nothing in it, written back
    // the same.
    let old = read("correction_received", "{}").expect("an old correction");
    assert_eq!(
        old,
        Event::CorrectionReceived {
            content: None,
            files: Vec::new()
        }
    );
    assert_eq!(stored(&old).1, "{}");
    let new = Event::CorrectionReceived {
        content: Some("所需信息为2025年孟州市城区道路改造工程的招标文件".into()),
        files: vec!["0f".repeat(32), "e3".repeat(32)],
    };
    let (kind, detail) = stored(&new);
    assert_eq!(
        detail,
        format!(
            r#"{{"content":"所需信息为2025年孟州市城区道路改造工程的招标文件","files":["{}","{}"]}}"#,
            "0f".repeat(32),
            "e3".repeat(32)
        )
    );
    assert_eq!(read(&kind, &detail).expect("a new correction"), new);
    // Content without files (a clerk typing a paper correction) reads too.
    let typed = read("correction_received", r#"{"content":"补充了身份证明"}"#).expect("typed");
    assert_eq!(
        typed,
        Event::CorrectionReceived {
            content: Some("补充了身份证明".into()),
            files: Vec::new()
        }
    );
    assert!(read("correction_received", r#"{"files":"x"}"#).is_err());
    assert!(
        read("fee_payment_reported", "{}").is_err(),
        "a statement is required"
    );
}

#[test]
fn every_kind_keeps_its_stored_form_and_comes_back_unchanged() {
    let all = every_kind();
    let kinds: Vec<_> = all.iter().map(|(e, _)| e.kind()).collect();
    let mut distinct = kinds.clone();
    distinct.dedup();
    assert_eq!(distinct, Event::KINDS, "examples of every kind, in order");
    for (event, detail) in all {
        let (kind, written) = stored(&event);
        assert_eq!(kind, event.kind(), "the serde tag is the kind");
        assert_eq!(written, detail, "{kind}: the detail keeps its shape");
        assert_eq!(read(&kind, &written).expect(&kind), event, "{kind}");
    }
}

#[test]
fn what_the_demo_wrote_with_fewer_particulars_still_reads() {
    let read_ok = |kind: &str, detail: &str| read(kind, detail).expect(kind);
    assert_eq!(
        read_ok("correction_deadline_passed", "{}"),
        Event::CorrectionDeadlinePassed { correct_by: None }
    );
    assert_eq!(
        read_ok("consultation_started", "{}"),
        Event::ConsultationStarted {
            party: None,
            party_kind: None
        }
    );
    let Event::FeeNoticeIssued(notice) = read_ok(
        "fee_notice_issued",
        r#"{"method":"per_page","pages":120,"amount_yuan":"1100"}"#,
    ) else {
        panic!("a fee notice")
    };
    assert_eq!(notice.amount_yuan, Decimal::new(1100, 0));
    assert_eq!((notice.count, notice.pay_by), (None, None));
    // A not-held decision names its one ground; one stored before the ground was asked for still reads.
    let Event::Decided(decision) = read_ok(
        "decided",
        r#"{"outcome":"not_held","not_held":{"ground":"not_ours","competent_agency":"某市自然资源局","competent_contact":"0391-1234567"}}"#,
    ) else {
        panic!("a decision")
    };
    let not_held = decision.not_held.expect("the ground");
    assert_eq!(not_held.ground, NotHeldGround::NotOurs);
    assert_eq!(not_held.competent_agency.as_deref(), Some("某市自然资源局"));
    let Event::Decided(old) = read_ok("decided", r#"{"outcome":"not_held"}"#) else {
        panic!("a decision")
    };
    assert_eq!(old.not_held, None);
    // The console wrote an empty service when the caseworker kept the applicant's choice.
    let Event::Decided(decision) = read_ok(
        "decided",
        r#"{"outcome":"open","reason":"","extra":"","service":""}"#,
    ) else {
        panic!("a decision")
    };
    assert_eq!((decision.outcome, decision.service), (Outcome::Open, None));
}

#[test]
fn a_detail_that_does_not_fit_its_kind_is_refused() {
    for (kind, detail) in [
        ("decided", "{}"),
        ("decided", r#"{"outcome":"maybe"}"#),
        (
            "fee_notice_issued",
            r#"{"method":"per_page","pages":1,"amount_yuan":"lots"}"#,
        ),
        (
            "fee_notice_issued",
            r#"{"method":"per_page","pages":1,"amount_yuan":1100}"#,
        ),
        ("extension_approved", r#"{"working_days":"twenty"}"#),
        ("custom_deadline", r#"{"due":"2026-02-30","reason":"x"}"#),
        ("received", r#"{"channel":"pigeon"}"#),
        ("reopened", "{}"),
    ] {
        assert!(read(kind, detail).is_err(), "{kind} {detail}");
    }
}

#[test]
fn each_event_gives_its_clock_event_and_its_action() {
    let on = d("2026-03-20");
    for (event, _) in every_kind() {
        let Some(clock) = event.clock_event(on) else {
            // The applicant's word that the fee was paid moves nothing until the clerk confirms it.
            assert_eq!(event.kind(), "fee_payment_reported");
            assert_eq!(event.action(on), None);
            continue;
        };
        assert_eq!(clock.name(), event.kind(), "the clock names it alike");
        match event.action(on) {
            Some(action) => assert_eq!(action.clock_event(), clock, "{}", event.kind()),
            None => assert_eq!(event.kind(), "received"),
        }
    }
    assert_eq!(
        Event::CorrectionDeadlinePassed { correct_by: None }.action(on),
        None,
        "条例第三十条: no lapse without the notice's deadline"
    );
    let history = [
        (
            d("2026-03-02"),
            Event::Received {
                channel: Channel::Online,
            },
        ),
        (
            d("2026-03-04"),
            Event::CorrectionRequested {
                correct_by: d("2026-03-18"),
                what: None,
            },
        ),
    ];
    assert_eq!(
        clock_events(history.iter().map(|(on, e)| (*on, e))),
        [
            ClockEvent::Received {
                on: d("2026-03-02")
            },
            ClockEvent::CorrectionRequested {
                on: d("2026-03-04")
            }
        ]
    );
    assert_eq!(
        correction_deadline(history.iter().map(|(_, e)| e)),
        Some(d("2026-03-18"))
    );
    assert_eq!(fee_notice(history.iter().map(|(_, e)| e)), None);
}

#[test]
fn an_event_with_bare_particulars_gives_back_its_action() {
    let notice = FeeNotice {
        method: FeeMethod::PerPage,
        count: None,
        pages: 120,
        amount_yuan: "1100".parse().expect("amount"),
        explanation: None,
        pay_within_working_days: None,
        service: None,
        pay_by: None,
    };
    for (event, _) in every_kind() {
        let on = d("2026-03-10");
        let Some(action) = event.action(on) else {
            continue;
        };
        let bare = Event::with_bare_particulars(&action, &notice);
        assert_eq!(bare.kind(), event.kind(), "{action:?}");
        // The clock reads the same from the bare event as from the full one: the action comes back, save the
        // correction deadline that a lapse event may not carry.
        if !matches!(action, Action::CorrectionOverdue { .. }) {
            assert_eq!(bare.action(on), Some(action.clone()), "{action:?}");
        }
    }
}

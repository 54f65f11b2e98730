//! The clock's tests: deadlines across every holiday and 调休 day of the table, each clock event, and
//! property tests (a restart never shortens a deadline; excluded and extended days move it day for day).
use super::*;
use crate::calendar::CalendarLine;
use ClockEvent as E;
use chrono::Days;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn cal() -> Calendar {
    Calendar::builtin().expect("embedded table")
}

fn run(events: &[ClockEvent]) -> ClockState {
    compute(events, &cal()).expect("valid events")
}

/// The `n`th working day after `start`, by walking days with `is_working_day` only.
fn walk(cal: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
    let mut day = start;
    let mut counted = 0;
    while counted < n {
        day = day.succ_opt().expect("date");
        if cal.is_working_day(day).expect("in table") {
            counted += 1;
        }
    }
    day
}

#[test]
fn every_holiday_block_and_make_up_day_from_2019_to_2026() {
    let c = cal();
    let mut names = std::collections::BTreeSet::new();
    let mut checked = 0;
    for day in d("2019-01-02")
        .iter_days()
        .take_while(|x| *x <= d("2026-11-30"))
    {
        // Every listed day, and the days just before and after each one (the block boundaries).
        let near = [day.pred_opt(), Some(day), day.succ_opt()];
        let listed: Vec<_> = near.iter().flatten().filter_map(|x| c.listed(*x)).collect();
        if listed.is_empty() {
            continue;
        }
        for kind in listed {
            names.insert(match kind {
                crate::calendar::DayKind::Rest { name } => {
                    format!("{}:{name}", day.format("%Y"))
                }
                crate::calendar::DayKind::Work => format!("{}:调休", day.format("%Y")),
            });
        }
        let n = if day < REGULATION_2019_IN_FORCE {
            15
        } else {
            20
        };
        let state = run(&[E::Received { on: day }]);
        assert_eq!(state.base_working_days, n, "{day}");
        assert_eq!(state.due, Some(walk(&c, day, n)), "received {day}");
        assert_eq!(state.status, ClockStatus::Running);
        checked += 1;
    }
    assert!(checked > 400, "{checked}");
    for year in 2019..=2026 {
        for block in ["元旦", "春节", "清明节", "劳动节", "端午节", "调休"] {
            assert!(names.contains(&format!("{year}:{block}")), "{year} {block}");
        }
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("{year}:")) && n.contains("国庆")),
            "{year}"
        );
    }
}

#[test]
fn hand_checked_deadlines() {
    // Each counted by hand from shared/data/cn-calendar.tsv.
    for (received, due) in [
        // 国庆 2019 with 调休 09-29 (Sun) and 10-12 (Sat).
        ("2019-09-27", "2019-10-30"),
        // 春节 2020 extended to 02-02 by 国办发明电〔2020〕1号: 02-01 is not worked.
        ("2020-01-20", "2020-02-25"),
        // 春节 2026 (02-15..23) with 调休 Saturdays 02-14 and 02-28.
        ("2026-02-13", "2026-03-19"),
        // 劳动节 2025 (05-01..05) with 调休 Sunday 04-27.
        ("2025-04-25", "2025-05-27"),
        // 2008 条例: 15 working days across 清明 2019 (04-05..07).
        ("2019-04-03", "2019-04-25"),
    ] {
        assert_eq!(
            run(&[E::Received { on: d(received) }]).due,
            Some(d(due)),
            "{received}"
        );
    }
    let s = run(&[E::Received {
        on: d("2019-09-27"),
    }]);
    // The words of these lines are checked where they are translated (gongkai_app's tests).
    let lines = &s.explanation;
    assert!(
        lines.contains(&ClockLine::Counted(CalendarLine::HolidaySkipped {
            name: "国庆节".into(),
            from: d("2019-10-01"),
            to: d("2019-10-07"),
            days: 7
        }))
    );
    assert!(
        lines.contains(&ClockLine::Counted(CalendarLine::MakeUpWorkday {
            on: d("2019-10-12")
        }))
    );
    assert_eq!(
        lines[0],
        ClockLine::Received {
            on: d("2019-09-27"),
            rule: ReplyRule::Regulations2019
        }
    );
}

#[test]
fn the_2008_rule_applies_before_2019_05_15() {
    let old = run(&[E::Received {
        on: d("2019-05-14"),
    }]);
    let new = run(&[E::Received {
        on: d("2019-05-15"),
    }]);
    assert_eq!((old.base_working_days, new.base_working_days), (15, 20));
    assert!(matches!(
        old.explanation[0],
        ClockLine::Received {
            rule: ReplyRule::Regulations2008,
            ..
        }
    ));
    // 15 + 15 across 劳动节 2019 (05-01..04) and its 调休 Sundays 04-28 and 05-05.
    let s = run(&[
        E::Received {
            on: d("2019-04-03"),
        },
        E::ExtensionApproved {
            on: d("2019-04-20"),
            working_days: 15,
        },
    ]);
    assert_eq!((s.due, s.extension_days), (Some(d("2019-05-17")), 15));
    let err = compute(
        &[
            E::Received {
                on: d("2019-04-03"),
            },
            E::ExtensionApproved {
                on: d("2019-04-20"),
                working_days: 16,
            },
        ],
        &cal(),
    );
    assert_eq!(
        err,
        Err(ClockError::InvalidExtension {
            index: 1,
            working_days: 16,
            max: 15
        })
    );
}

#[test]
fn correction_restarts_the_clock() {
    let r = E::Received {
        on: d("2025-04-25"),
    };
    let s = run(&[
        r.clone(),
        E::CorrectionRequested {
            on: d("2025-04-28"),
        },
    ]);
    assert_eq!((s.status, s.due), (ClockStatus::WaitingForApplicant, None));
    assert!(!s.overdue(d("2026-01-05")));
    // 20 working days from 2025-05-06, across 端午 2025 (05-31..06-02).
    let s = run(&[
        r.clone(),
        E::CorrectionRequested {
            on: d("2025-04-28"),
        },
        E::CorrectionReceived {
            on: d("2025-05-06"),
        },
    ]);
    assert_eq!(
        (s.status, s.due, s.clock_start),
        (ClockStatus::Running, Some(d("2025-06-04")), d("2025-05-06"))
    );
    assert!(s.warnings.is_empty());
    // 7 working days (04-27 is a 调休 Sunday) is in time; 8 is late.
    let s = run(&[
        r.clone(),
        E::CorrectionRequested {
            on: d("2025-05-08"),
        },
    ]);
    assert!(s.warnings.is_empty());
    let s = run(&[
        r.clone(),
        E::CorrectionRequested {
            on: d("2025-05-09"),
        },
    ]);
    assert_eq!(
        s.warnings,
        [ClockWarning::LateCorrectionNotice {
            requested_on: d("2025-05-09"),
            working_days: 8
        }]
    );
    assert_eq!(s.warnings[0].code(), "clock.late_correction_notice");
    // Abandonment.
    let s = run(&[
        r.clone(),
        E::CorrectionRequested {
            on: d("2025-04-28"),
        },
        E::CorrectionDeadlinePassed {
            on: d("2025-05-20"),
        },
    ]);
    assert_eq!((s.status, s.due), (ClockStatus::Abandoned, None));
    let err = compute(
        &[
            r,
            E::CorrectionDeadlinePassed {
                on: d("2025-05-20"),
            },
        ],
        &cal(),
    );
    assert_eq!(err.map_err(|e| e.code()), Err("clock.unexpected_event"));
}

#[test]
fn extension_once_and_at_most_20() {
    let r = E::Received {
        on: d("2019-09-27"),
    };
    let ext = |n| E::ExtensionApproved {
        on: d("2019-10-21"),
        working_days: n,
    };
    let s = run(&[r.clone(), ext(20)]);
    assert_eq!((s.due, s.extension_days), (Some(d("2019-11-27")), 20));
    let c = cal();
    assert_eq!(
        compute(&[r.clone(), ext(21)], &c).map_err(|e| e.code()),
        Err("clock.invalid_extension")
    );
    assert_eq!(
        compute(&[r.clone(), ext(0)], &c).map_err(|e| e.code()),
        Err("clock.invalid_extension")
    );
    assert_eq!(
        compute(&[r.clone(), ext(5), ext(5)], &c),
        Err(ClockError::SecondExtension { index: 2 })
    );
    let s = run(&[
        r,
        E::ExtensionApproved {
            on: d("2019-10-31"),
            working_days: 5,
        },
    ]);
    assert_eq!(
        s.warnings,
        [ClockWarning::ExtensionAfterDeadline {
            approved_on: d("2019-10-31"),
            due: d("2019-10-30")
        }]
    );
}

#[test]
fn consultation_is_excluded() {
    let r = E::Received {
        on: d("2019-09-27"),
    };
    let start = E::ConsultationStarted {
        on: d("2019-10-08"),
    };
    let s = run(&[r.clone(), start.clone()]);
    // 09-29, 09-30 and 10-08 are used; 17 of 20 left, frozen while consulting.
    assert_eq!(
        (s.status, s.due, s.working_days_left_at_pause),
        (ClockStatus::InConsultation, None, Some(17))
    );
    assert_eq!(s.working_days_left(d("2019-12-01"), &cal()), Some(17));
    assert!(!s.overdue(d("2019-12-01")));
    // 10-09..10-15 holds 6 working days (10-12 is a 调休 Saturday).
    let s = run(&[
        r.clone(),
        start.clone(),
        E::ConsultationEnded {
            on: d("2019-10-15"),
        },
    ]);
    assert_eq!((s.due, s.excluded_working_days), (Some(d("2019-11-07")), 6));
    assert!(s.explanation.contains(&ClockLine::ConsultationExcluded {
        since: d("2019-10-08"),
        on: d("2019-10-15"),
        working_days: 6
    }));
    // Overlapping third-party and agency consultations are excluded once.
    let s = run(&[
        r.clone(),
        start.clone(),
        E::ConsultationStarted {
            on: d("2019-10-09"),
        },
        E::ConsultationEnded {
            on: d("2019-10-11"),
        },
        E::ConsultationEnded {
            on: d("2019-10-15"),
        },
    ]);
    assert_eq!(s.excluded_working_days, 6);
    // Longer than the 15 working days of 第三十二条: all excluded, with a warning.
    let s = run(&[
        r.clone(),
        start,
        E::ConsultationEnded {
            on: d("2019-11-01"),
        },
    ]);
    assert_eq!(s.excluded_working_days, 19);
    assert_eq!(s.warnings[0].code(), "clock.long_consultation");
    let err = compute(
        &[
            r,
            E::ConsultationEnded {
                on: d("2019-10-15"),
            },
        ],
        &cal(),
    );
    assert_eq!(err.map_err(|e| e.code()), Err("clock.unexpected_event"));
}

#[test]
fn custom_deadline_needs_a_reason() {
    let r = E::Received {
        on: d("2025-04-25"),
    };
    let custom = |due: &str, reason: &str| E::CustomDeadline {
        due: d(due),
        reason: reason.into(),
    };
    let s = run(&[r.clone(), custom("2025-07-31", "申请数量明显超过合理范围")]);
    assert_eq!(s.due, Some(d("2025-07-31")));
    assert!(s.explanation.iter().any(|l| matches!(
        l,
        ClockLine::CustomDeadline { reason, .. } if reason == "申请数量明显超过合理范围"
    )));
    assert_eq!(
        compute(&[r.clone(), custom("2025-07-31", "  ")], &cal()),
        Err(ClockError::MissingReason { index: 1 })
    );
    assert_eq!(
        compute(&[r.clone(), custom("2025-04-25", "x")], &cal()).map_err(|e| e.code()),
        Err("clock.custom_deadline_not_after_start")
    );
    let s = run(&[r.clone(), custom("2025-05-20", "x")]);
    assert_eq!(
        s.warnings,
        [ClockWarning::CustomDeadlineEarlier {
            custom: d("2025-05-20"),
            statutory: d("2025-05-27")
        }]
    );
    // A later consultation still moves it: 07-31 + 2 working days.
    let s = run(&[
        r,
        custom("2025-07-31", "x"),
        E::ConsultationStarted {
            on: d("2025-08-01"),
        },
        E::ConsultationEnded {
            on: d("2025-08-05"),
        },
    ]);
    assert_eq!(s.due, Some(d("2025-08-04")));
}

#[test]
fn withdrawal_and_decision_end_the_clock() {
    let r = E::Received {
        on: d("2019-09-27"),
    };
    let s = run(&[
        r.clone(),
        E::ConsultationStarted {
            on: d("2019-10-08"),
        },
        E::Withdrawn {
            on: d("2019-10-10"),
        },
    ]);
    assert_eq!((s.status, s.due), (ClockStatus::Withdrawn, None));
    assert_eq!(s.working_days_left(d("2019-10-11"), &cal()), None);
    let err = compute(
        &[
            r.clone(),
            E::Withdrawn {
                on: d("2019-10-10"),
            },
            E::Decided {
                on: d("2019-10-11"),
            },
        ],
        &cal(),
    );
    assert_eq!(
        err,
        Err(ClockError::Unexpected {
            index: 2,
            event: "decided",
            status: ClockStatus::Withdrawn
        })
    );
    let s = run(&[
        r.clone(),
        E::Decided {
            on: d("2019-10-30"),
        },
    ]);
    assert_eq!(
        (s.status, s.due),
        (ClockStatus::Decided, Some(d("2019-10-30")))
    );
    assert!(s.warnings.is_empty() && !s.overdue(d("2020-01-01")));
    let s = run(&[
        r.clone(),
        E::Decided {
            on: d("2019-10-31"),
        },
    ]);
    assert_eq!(s.warnings[0].code(), "clock.decided_after_deadline");
    let s = run(&[r]);
    let c = cal();
    assert_eq!(s.working_days_left(d("2019-10-08"), &c), Some(17));
    assert_eq!(s.working_days_left(d("2019-10-30"), &c), Some(0));
    assert_eq!(s.working_days_left(d("2019-11-01"), &c), Some(-2));
    assert!(!s.overdue(d("2019-10-30")) && s.overdue(d("2019-10-31")));
}

#[test]
fn bad_sequences_name_the_event() {
    let c = cal();
    assert_eq!(compute(&[], &c), Err(ClockError::NoEvents));
    assert_eq!(
        compute(
            &[E::Decided {
                on: d("2020-01-01")
            }],
            &c
        ),
        Err(ClockError::FirstNotReceived {
            index: 0,
            event: "decided"
        })
    );
    let err = compute(
        &[
            E::Received {
                on: d("2020-03-02"),
            },
            E::Decided {
                on: d("2020-03-01"),
            },
        ],
        &c,
    );
    assert_eq!(
        err,
        Err(ClockError::OutOfOrder {
            index: 1,
            event: "decided",
            on: d("2020-03-01"),
            previous: d("2020-03-02")
        })
    );
    let err = compute(
        &[
            E::Received {
                on: d("2020-03-02"),
            },
            E::Received {
                on: d("2020-03-03"),
            },
        ],
        &c,
    );
    assert_eq!(err.map_err(|e| e.code()), Err("clock.unexpected_event"));
    let msg = ClockError::SecondExtension { index: 2 }.to_string();
    assert!(msg.contains("only once"), "{msg}");
}

#[test]
fn a_deadline_beyond_the_table_is_a_calendar_error() {
    let c = cal();
    for received in ["2026-12-10", "2027-01-04"] {
        let err = compute(&[E::Received { on: d(received) }], &c);
        assert_eq!(
            err,
            Err(ClockError::Calendar(CalendarError::NoData { year: 2027 })),
            "{received}"
        );
        assert_eq!(err.map_err(|e| e.code()), Err("calendar.no_data"));
    }
    // 2026-12-01 still fits: 2026-12-29.
    assert_eq!(
        run(&[E::Received {
            on: d("2026-12-01")
        }])
        .due,
        Some(d("2026-12-29"))
    );
}

fn received_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2019, 1, 2).expect("date");
    let span = (NaiveDate::from_ymd_opt(2026, 11, 30).expect("date") - first).num_days() as u64;
    (0..=span).prop_map(move |n| first + Days::new(n))
}

/// The due date, or `None` (assumed away) when it falls outside the table.
fn due_of(events: &[ClockEvent], c: &Calendar) -> Option<NaiveDate> {
    match compute(events, c) {
        Ok(s) => s.due,
        Err(ClockError::Calendar(CalendarError::NoData { .. })) => None,
        Err(e) => panic!("{e}"),
    }
}

proptest! {
    #[test]
    fn a_correction_never_brings_the_deadline_forward(r in received_date(), ask in 0u64..10, gap in 0u64..60) {
        let c = cal();
        let q = r + Days::new(ask);
        let plain = due_of(&[E::Received { on: r }], &c);
        let restarted = due_of(&[
            E::Received { on: r },
            E::CorrectionRequested { on: q },
            E::CorrectionReceived { on: q + Days::new(gap) },
        ], &c);
        prop_assume!(plain.is_some() && restarted.is_some());
        prop_assert!(restarted >= plain);
    }

    #[test]
    fn a_consultation_of_k_working_days_moves_the_deadline_by_k(r in received_date(), lead in 0u64..30, len in 0u64..40) {
        let c = cal();
        let s = r + Days::new(lead);
        let e = s + Days::new(len);
        let k = c.working_days_between(s, e);
        let plain = due_of(&[E::Received { on: r }], &c);
        let with = due_of(&[E::Received { on: r }, E::ConsultationStarted { on: s }, E::ConsultationEnded { on: e }], &c);
        prop_assume!(k.is_ok() && plain.is_some() && with.is_some());
        let (k, plain) = (k.expect("checked"), plain.expect("checked"));
        prop_assert_eq!(with, Some(c.add_working_days(plain, k).expect("in range").due));
        prop_assert_eq!(c.working_days_between(plain, with.expect("checked")), Ok(k));
    }

    #[test]
    fn an_extension_of_n_moves_the_deadline_by_n(r in received_date(), lead in 0u64..20, n in 1u32..=20) {
        let c = cal();
        let max = if r < REGULATION_2019_IN_FORCE { 15 } else { 20 };
        let n = n.min(max);
        let plain = due_of(&[E::Received { on: r }], &c);
        let ext = due_of(&[E::Received { on: r }, E::ExtensionApproved { on: r + Days::new(lead), working_days: n }], &c);
        prop_assume!(plain.is_some() && ext.is_some());
        let (plain, ext) = (plain.expect("checked"), ext.expect("checked"));
        prop_assert_eq!(c.working_days_between(plain, ext), Ok(n));
        prop_assert!(c.is_working_day(ext).expect("in range"));
    }
}

use super::*;
use crate::report::layout::{T4_COLUMNS, T4_GROUPS};
use crate::report::{AnnualReport, Format, validate};
use CaseKind::*;
use CaseOutcome::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn case(kind: CaseKind, filed: &str, decided: Option<(&str, CaseOutcome)>) -> AppealCase {
    AppealCase {
        kind,
        filed_on: day(filed),
        decision: decided.map(|(on, outcome)| Decision {
            on: day(on),
            outcome,
        }),
    }
}

/// The cells of a table 四 as `group.column = n`, where not 0.
fn nonzero(t4: &Table4) -> Vec<String> {
    let mut out = Vec::new();
    for (g, (gkey, _)) in T4_GROUPS.iter().enumerate() {
        for (c, (ckey, _)) in T4_COLUMNS.iter().enumerate() {
            match &t4.groups[g][c] {
                Cell::Int(0) => {}
                Cell::Int(n) => out.push(format!("{gkey}.{ckey} = {n}")),
                other => out.push(format!("{gkey}.{ckey} is {other:?}")),
            }
        }
    }
    out
}

#[test]
fn kinds_and_outcomes_are_the_groups_and_columns_of_the_layout() {
    for kind in CaseKind::ALL {
        assert_eq!(T4_GROUPS[kind.group()].0, kind.code());
        assert_eq!(CaseKind::from_code(kind.code()), Some(kind));
    }
    for outcome in CaseOutcome::ALL {
        let s = Standing::Decided(outcome);
        assert_eq!(T4_COLUMNS[s.column()].0, s.code());
        assert_eq!(CaseOutcome::from_code(outcome.code()), Some(outcome));
    }
    assert_eq!(T4_COLUMNS[Standing::Pending.column()].0, "pending");
    assert_eq!(T4_COLUMNS[TOTAL_COLUMN].0, "total");
    assert_eq!(CaseKind::from_code("appeal"), None);
    assert_eq!(CaseOutcome::from_code("pending"), None);
}

#[test]
fn a_case_filed_in_one_year_and_decided_in_the_next_counts_in_both() {
    let cases = [case(Review, "2021-12-13", Some(("2022-02-10", Correct)))];
    assert_eq!(nonzero(&compile_t4(&cases, 2020)), Vec::<String>::new());
    assert_eq!(
        nonzero(&compile_t4(&cases, 2021)),
        ["review.pending = 1", "review.total = 1"]
    );
    assert_eq!(
        nonzero(&compile_t4(&cases, 2022)),
        ["review.correct = 1", "review.total = 1"]
    );
    assert_eq!(nonzero(&compile_t4(&cases, 2023)), Vec::<String>::new());
}

#[test]
fn the_first_and_last_days_of_a_year_belong_to_it() {
    let cases = [
        // Filed on the last day: pending at that year's end.
        case(LitDirect, "2023-12-31", None),
        // Filed on the first day of the next year: not in 2023.
        case(LitDirect, "2024-01-01", Some(("2024-03-01", Maintain))),
        // Decided on the first day of 2023: counted in 2023 with its outcome, not in 2022's pending only.
        case(LitAfterReview, "2022-11-30", Some(("2023-01-01", Other))),
        // Decided on the last day of 2022: not counted in 2023.
        case(Review, "2022-10-10", Some(("2022-12-31", Maintain))),
        // Filed and decided on the same day.
        case(Review, "2023-06-01", Some(("2023-06-01", Maintain))),
    ];
    assert_eq!(
        nonzero(&compile_t4(&cases, 2022)),
        [
            "review.maintain = 1",
            "review.total = 1",
            "lit_after_review.pending = 1",
            "lit_after_review.total = 1",
        ]
    );
    assert_eq!(
        nonzero(&compile_t4(&cases, 2023)),
        [
            "review.maintain = 1",
            "review.total = 1",
            "lit_direct.pending = 1",
            "lit_direct.total = 1",
            "lit_after_review.other = 1",
            "lit_after_review.total = 1",
        ]
    );
    assert_eq!(
        nonzero(&compile_t4(&cases, 2024)),
        [
            "lit_direct.maintain = 1",
            "lit_direct.pending = 1",
            "lit_direct.total = 2",
        ]
    );
}

#[test]
fn a_long_case_is_pending_in_every_year_until_its_decision() {
    let long = case(LitDirect, "2021-05-20", Some(("2024-03-22", Correct)));
    let standings: Vec<_> = (2020..=2025).map(|y| long.standing(y)).collect();
    assert_eq!(
        standings,
        [
            None,
            Some(Standing::Pending),
            Some(Standing::Pending),
            Some(Standing::Pending),
            Some(Standing::Decided(Correct)),
            None
        ]
    );
    let open = case(Review, "2021-05-20", None);
    assert_eq!(open.standing(2030), Some(Standing::Pending));
}

#[test]
fn every_year_balances_under_t4_01() {
    let cases = [
        case(Review, "2021-04-19", Some(("2021-06-10", Maintain))),
        case(Review, "2021-07-12", Some(("2021-09-03", Correct))),
        case(Review, "2021-12-13", Some(("2022-02-10", Correct))),
        case(LitDirect, "2021-05-20", Some(("2021-09-15", Other))),
        case(LitAfterReview, "2021-06-23", Some(("2021-11-26", Maintain))),
        case(LitAfterReview, "2022-11-14", None),
    ];
    for year in 2020..=2023 {
        let mut report = AnnualReport::zeroed(Format::for_year(year));
        report.year = Some(year);
        report.t4 = compile_t4(&cases, year);
        let t4: Vec<_> = validate(&report)
            .into_iter()
            .filter(|f| f.rule.starts_with("T4-"))
            .collect();
        assert!(t4.is_empty(), "{year}: {t4:#?}");
    }
    assert_eq!(
        nonzero(&compile_t4(&cases, 2021)),
        [
            "review.maintain = 1",
            "review.correct = 1",
            "review.pending = 1",
            "review.total = 3",
            "lit_direct.other = 1",
            "lit_direct.total = 1",
            "lit_after_review.maintain = 1",
            "lit_after_review.total = 1",
        ]
    );
    // An empty register gives a table of zeros, not of empty cells.
    assert!(
        compile_t4(&[], 2021)
            .groups
            .iter()
            .flatten()
            .all(|c| *c == Cell::Int(0))
    );
}

fn problems(errors: &[FieldError]) -> Vec<(&str, &str)> {
    errors
        .iter()
        .map(|e| (e.field.as_str(), e.problem.code()))
        .collect()
}

#[test]
fn a_filing_is_read_from_the_form_or_refused_field_by_field() {
    let today = day("2026-11-28");
    let ok = FilingInput {
        kind: "lit_direct",
        filed_on: "2026-11-28",
        application: " gk-2026-000012 ",
        note: " 孟州市人民法院（2026）豫0883行初15号 ",
    };
    let filing = Filing::parse(&ok, today).expect("valid");
    assert_eq!(filing.kind, LitDirect);
    assert_eq!(filing.filed_on, today);
    assert_eq!(
        filing.application.map(|t| t.to_string()).as_deref(),
        Some("GK-2026-000012")
    );
    assert_eq!(filing.note, "孟州市人民法院（2026）豫0883行初15号");
    let without = FilingInput {
        application: "",
        note: "",
        ..ok
    };
    assert_eq!(
        Filing::parse(&without, today).map(|f| f.application),
        Ok(None)
    );

    let long_note = "字".repeat(NOTE_MAX_CHARS + 1);
    let bad = FilingInput {
        kind: "appeal",
        filed_on: "2026-11-29",
        application: "12345",
        note: &long_note,
    };
    assert_eq!(
        problems(&Filing::parse(&bad, today).expect_err("refused")),
        [
            ("kind", "unknown_choice"),
            ("filed_on", "date_in_future"),
            ("application", "unknown_application"),
            ("note", "too_long"),
        ]
    );
    for (text, problem) in [("", "required"), ("2026/11/01", "bad_date")] {
        let input = FilingInput {
            filed_on: text,
            ..ok
        };
        assert_eq!(
            problems(&Filing::parse(&input, today).expect_err("refused")),
            [("filed_on", problem)]
        );
    }
}

#[test]
fn a_decision_needs_its_day_and_outcome_and_follows_the_filing() {
    let today = day("2026-11-28");
    let filed = day("2026-03-02");
    assert_eq!(
        Decision::parse(filed, "2026-03-02", "correct", today),
        Ok(Decision {
            on: filed,
            outcome: Correct
        })
    );
    let refused = |on: &str, outcome: &str| {
        Decision::parse(filed, on, outcome, today)
            .map_err(|e| {
                problems(&e)
                    .into_iter()
                    .map(|(f, p)| format!("{f} {p}"))
                    .collect::<Vec<_>>()
            })
            .expect_err("refused")
    };
    assert_eq!(
        refused("2026-03-01", "maintain"),
        ["decided_on decided_before_filed"]
    );
    assert_eq!(
        refused("2026-11-29", "maintain"),
        ["decided_on date_in_future"]
    );
    assert_eq!(refused("2026-05-01", ""), ["outcome required"]);
    assert_eq!(refused("", "other"), ["decided_on required"]);
    assert_eq!(refused("2026-05-01", "pending"), ["outcome unknown_choice"]);
}

#[test]
fn a_decision_exists_exactly_when_its_day_and_outcome_do() {
    let on = day("2024-03-22");
    assert_eq!(decision_of(None, None), Ok(None));
    assert_eq!(
        decision_of(Some(on), Some(Other)),
        Ok(Some(Decision { on, outcome: Other }))
    );
    assert_eq!(
        decision_of(Some(on), None).map_err(|e| e.field),
        Err("outcome".to_owned())
    );
    assert_eq!(
        decision_of(None, Some(Maintain)).map_err(|e| e.field),
        Err("decided_on".to_owned())
    );
}

#[test]
fn a_whole_case_is_checked_against_today() {
    let today = day("2025-06-30");
    assert!(
        case(Review, "2025-01-06", Some(("2025-03-01", Maintain)))
            .check(today)
            .is_empty()
    );
    assert_eq!(
        problems(&case(Review, "2025-07-01", None).check(today)),
        [("filed_on", "date_in_future")]
    );
    assert_eq!(
        problems(&case(Review, "2025-03-01", Some(("2025-02-01", Maintain))).check(today)),
        [("decided_on", "decided_before_filed")]
    );
    assert_eq!(
        problems(&case(Review, "2025-03-01", Some(("2025-07-01", Other))).check(today)),
        [("decided_on", "date_in_future")]
    );
    // A decision before its filing is never counted, in no year, whatever slipped past the checks.
    let broken = case(LitDirect, "2023-05-01", Some(("2022-05-01", Maintain)));
    assert!((2021..=2024).all(|y| broken.standing(y).is_none()));
}

use std::collections::BTreeSet;

use chrono::Datelike;
use gongkai_domain::appeal::Standing;
use gongkai_domain::application::handling::Action;
use gongkai_domain::calendar::Calendar;

use super::*;
use crate::CENTRE;
use crate::applications::demo_cases;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date")
}

/// The day the application a case concerns was answered or lapsed, read off its demo steps.
fn answered_on(description: &str) -> Option<NaiveDate> {
    let apps: Vec<_> = demo_cases()
        .expect("the demo cases read")
        .into_iter()
        .filter(|c| c.agency == CENTRE && c.description == description)
        .collect();
    assert_eq!(apps.len(), 1, "exactly one demo application: {description}");
    match apps[0].steps.last()? {
        a @ (Action::Decide { .. }
        | Action::CorrectionOverdue { .. }
        | Action::FeeOverdue { .. }) => Some(a.on()),
        _ => None,
    }
}

#[test]
fn each_case_follows_the_answer_it_disputes_within_the_time_limits() {
    let cases = demo_appeal_cases().expect("the demo appeal cases read");
    let cal = Calendar::builtin().expect("calendar");
    for c in &cases {
        let what = format!("{} {}", c.filed_on, c.note);
        assert!(c.as_of(today()).check(today()).is_empty(), "{what}");
        let mut days = vec![c.filed_on];
        days.extend(c.decision.map(|(on, _)| on));
        for day in days {
            assert_eq!(cal.is_working_day(day).ok(), Some(true), "{what}: {day}");
        }
        let answered = c
            .application
            .as_deref()
            .map(|a| answered_on(a).expect("answered"));
        let since = |from: NaiveDate| (c.filed_on - from).num_days();
        match c.kind {
            // 行政复议法第二十条: within 60 days of learning of the act; decided within 60 (第六十二条).
            CaseKind::Review => {
                if let Some(a) = answered {
                    assert!((1..=60).contains(&since(a)), "{what}");
                }
                if let Some((on, _)) = c.decision {
                    assert!((on - c.filed_on).num_days() <= 60, "{what}");
                }
            }
            // 行政诉讼法第四十六条: within six months; 第八十一条: judged within six months.
            CaseKind::LitDirect => {
                let a = answered.expect("a direct suit disputes an answer");
                assert!((1..=182).contains(&since(a)), "{what}");
                if let Some((on, _)) = c.decision {
                    assert!((on - c.filed_on).num_days() <= 182, "{what}");
                }
            }
            // 行政诉讼法第四十五条: within 15 days of the reconsideration decision.
            CaseKind::LitAfterReview => {
                let review = cases
                    .iter()
                    .filter(|r| r.kind == CaseKind::Review && r.application == c.application)
                    .filter_map(|r| r.decision.map(|(on, _)| on))
                    .filter(|on| *on <= c.filed_on)
                    .max()
                    .expect("a reconsideration decided before");
                assert!((1..=15).contains(&since(review)), "{what}");
            }
        }
    }
}

#[test]
fn the_cases_cover_every_group_and_result_from_2021_to_2025() {
    let cases = demo_appeal_cases().expect("the demo appeal cases read");
    let notes: BTreeSet<_> = cases.iter().map(|c| c.note.as_str()).collect();
    assert_eq!(notes.len(), cases.len(), "notes are unique");
    assert!(cases.iter().all(|c| c.agency == CENTRE));
    assert!(
        cases
            .iter()
            .all(|c| (2021..=2025).contains(&c.filed_on.year())),
        "none in 2020: the centre's 2020 report has no case"
    );
    assert!(cases.iter().any(|c| c.application.is_none()));
    assert!(cases.iter().filter(|c| c.application.is_some()).count() >= 10);
    let mut seen = BTreeSet::new();
    for year in 2021..=2025 {
        for c in &cases {
            if let Some(s) = c.as_of(today()).standing(year) {
                seen.insert((c.kind.code(), s.code()));
            }
        }
    }
    for kind in CaseKind::ALL {
        for s in CaseOutcome::ALL
            .map(Standing::Decided)
            .into_iter()
            .chain([Standing::Pending])
        {
            assert!(seen.contains(&(kind.code(), s.code())), "{kind:?} {s:?}");
        }
    }
    // Pending at a year's end and decided the next year; and one still pending today.
    assert!(cases.iter().any(|c| {
        c.decision
            .is_some_and(|(on, _)| on.year() == c.filed_on.year() + 1)
    }));
    assert!(cases.iter().any(|c| c.decision.is_none()));
}

/// A bad value in the file is an error naming the case and the value, never a panic.
#[test]
fn a_bad_file_names_the_case_and_the_value() {
    let file = |kind: &str, decision: &str| {
        format!(
            "[[case]]\nagency = \"{CENTRE}\"\nkind = \"{kind}\"\nfiled_on = \"2021-04-19\"\n{decision}\
             note = \"某案\"\n"
        )
    };
    let good = parse_appeal_cases(&file(
        "review",
        "decided_on = \"2021-06-10\"\noutcome = \"maintain\"\n",
    ));
    assert_eq!(good.map(|c| c.len()), Ok(1));
    assert!(parse_appeal_cases(&file("review", "")).is_ok_and(|c| c[0].decision.is_none()));
    for (kind, decision, says) in [
        ("appeal", "", "case 1 (2021-04-19 某案): no kind \"appeal\""),
        (
            "review",
            "decided_on = \"2021-06-31\"\noutcome = \"maintain\"\n",
            "date \"2021-06-31\"",
        ),
        (
            "review",
            "decided_on = \"2021-06-10\"\noutcome = \"upheld\"\n",
            "no outcome \"upheld\"",
        ),
        (
            "review",
            "outcome = \"maintain\"\n",
            "decided_on and outcome go together",
        ),
        (
            "review",
            "decided = \"2021-06-10\"\n",
            "data/appeals.toml: ",
        ),
    ] {
        let err = parse_appeal_cases(&file(kind, decision)).expect_err(says);
        assert!(err.contains(says), "{err}");
    }
}

//! Table 三 from stored applications, told the same by SQLite and PostgreSQL: the state and the day each
//! application ended come back from either store and land in the same cells.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::application::event::{Decision, Event, FeeNotice};
use gongkai_domain::application::fees::FeeMethod;
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm};
use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
use gongkai_domain::application::status::{Status, Step};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::Cell;
use gongkai_store::{AgencyStore, ApplicationStore, NewApplication, Store, agency_t3};
use rust_decimal::Decimal;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// An applicant kind, the receipt date, and each step with its day.
type Case<'a> = (&'a str, Option<&'a str>, &'a [(Step, &'a str)]);

/// The event a step records.
fn event_of(step: Step) -> Event {
    match step {
        Step::Decide(outcome) => Event::Decided(Decision {
            outcome,
            reason: None,
            extra: None,
            service: None,
            not_held: None,
        }),
        Step::Withdraw => Event::Withdrawn,
        Step::IssueFeeNotice => Event::FeeNoticeIssued(FeeNotice {
            method: FeeMethod::PerPage,
            count: None,
            pages: 120,
            amount_yuan: Decimal::new(1100, 0),
            explanation: None,
            pay_within_working_days: None,
            service: None,
            pay_by: None,
        }),
        Step::FeeOverdue => Event::FeeDeadlinePassed,
        other => panic!("no event for {other:?} in this story"),
    }
}

pub async fn table_three_of_an_agency(store: Store) -> Vec<String> {
    let by = ActorRef::System {
        reason: "contract".into(),
    };
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市教育局", AgencyKind::Department),
            &by,
        )
        .await
        .expect("agency");
    let decided = (Step::Decide(Outcome::Open), "2023-01-10");
    let cases: [Case; 5] = [
        ("np", Some("2022-12-19"), &[decided]),
        (
            "org_biz",
            Some("2023-03-01"),
            &[(Step::Withdraw, "2023-03-03")],
        ),
        (
            "org_research",
            Some("2023-05-04"),
            &[
                (Step::IssueFeeNotice, "2023-05-10"),
                (Step::FeeOverdue, "2023-06-12"),
            ],
        ),
        ("np", Some("2023-12-20"), &[]),
        // A letter not yet confirmed (条例第三十一条): no receipt date, counted in no year.
        ("org_npo", None, &[]),
    ];
    for (kind, received, steps) in cases {
        let new = NewApplication {
            agency: agency.id,
            applicant_kind: ApplicantKind::from_code(kind).expect("kind"),
            applicant: "{}".into(),
            description: "2023年义务教育招生计划".into(),
            info_form: InfoForm::Paper,
            delivery: Delivery::Post,
            channel: Channel::OrdinaryLetter,
            received_on: received.map(day),
            query_code_hash: "0".repeat(64),
        };
        let app = store
            .create_application(&new, 2023, &by)
            .await
            .expect("application");
        let mut status = Status::Received;
        for (step, on) in steps {
            status = status.apply(*step).expect("legal step");
            store
                .record_application_event(app.id, &event_of(*step), day(on), status, &by)
                .await
                .expect("event");
        }
    }
    let t3 = agency_t3(&store, agency.id, 2023).await.expect("table 三");
    // The report's lean read (only what table 三 counts, only the two years) gives the same tables.
    for year in 2019..=2025 {
        let whole = agency_t3(&store, agency.id, year).await.expect("table 三");
        let lean = store
            .agency_t3_lean(agency.id, year)
            .await
            .expect("lean table 三");
        assert_eq!(
            (
                &lean.report,
                &lean.previous,
                lean.counted,
                lean.not_received
            ),
            (
                &whole.report,
                &whole.previous,
                whole.counted,
                whole.not_received
            ),
            "{year}"
        );
    }
    let mut told = vec![format!(
        "{} {}: counted {}, not received {}",
        t3.year,
        t3.report.format.code(),
        t3.counted,
        t3.not_received
    )];
    for (report, paths) in [
        (&t3.previous, &["t3.r1_new.np", "t3.r4_carry_out.np"][..]),
        (
            &t3.report,
            &[
                "t3.r1_new.total",
                "t3.r2_carry_in.np",
                "t3.r3_1_open.np",
                "t3.r3_6_2_fee_unpaid.org_research",
                "t3.r3_6_3_other.org_biz",
                "t3.r3_7_total.total",
                "t3.r4_carry_out.np",
                "t3.r1_new.org_npo",
            ][..],
        ),
    ] {
        for p in paths {
            told.push(format!("{p} = {:?}", report.cell(p).and_then(Cell::as_int)));
        }
    }
    told
}

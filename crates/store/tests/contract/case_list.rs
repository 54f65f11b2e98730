//! The clerk's case list, searched the same by SQLite and PostgreSQL: tracking number without case or hyphens,
//! applicant name, words of the request, open / closed / one state, year of receipt, outcome; typed wildcards
//! match only themselves.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::application::event::{Decision, Event};
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm};
use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
use gongkai_domain::application::status::Step;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AgencyStore, ApplicationQuery, ApplicationStore, NewApplication, StateFilter, Store,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn clerk() -> ActorRef {
    ActorRef::Official {
        id: 3,
        username: "ggzy-clerk".into(),
    }
}

async fn found(
    store: &Store,
    agency: gongkai_domain::agency::AgencyId,
    q: ApplicationQuery,
) -> String {
    let list = store.search_applications(agency, &q).await.expect("search");
    list.iter()
        .map(|a| a.tracking_no.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn searched(store: Store) -> Vec<String> {
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市公共资源交易中心", AgencyKind::Department),
            &clerk(),
        )
        .await
        .expect("agency");
    let other = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市财政局", AgencyKind::Department),
            &clerk(),
        )
        .await
        .expect("agency");
    let new = |agency, name: &str, description: &str, received: &str| NewApplication {
        agency,
        applicant_kind: ApplicantKind::NaturalPerson,
        applicant: serde_json::json!({ "name": name, "id_type": "resident_id" }).to_string(),
        description: description.into(),
        info_form: InfoForm::Electronic,
        delivery: Delivery::Online,
        channel: Channel::Online,
        received_on: Some(day(received)),
        query_code_hash: "0".repeat(64),
    };
    let first = store
        .create_application(
            &new(agency.id, "张三", "2025年度政府采购项目清单", "2025-12-01"),
            2025,
            &clerk(),
        )
        .await
        .expect("first");
    let second = store
        .create_application(
            &new(agency.id, "李四", "工程招标 100% 中标结果", "2026-03-02"),
            2026,
            &clerk(),
        )
        .await
        .expect("second");
    store
        .create_application(
            &new(other.id, "张三", "2025年度政府采购项目清单", "2026-03-02"),
            2026,
            &clerk(),
        )
        .await
        .expect("elsewhere");
    // The first is answered (closed), the second asked for a correction (open).
    let decided = first
        .status
        .apply(Step::Decide(Outcome::ALL[0]))
        .expect("step");
    let decision = Event::Decided(Decision {
        outcome: Outcome::ALL[0],
        reason: None,
        extra: None,
        service: Some(Delivery::Online),
        not_held: None,
    });
    store
        .record_application_event(first.id, &decision, day("2025-12-10"), decided, &clerk())
        .await
        .expect("decided");
    let asked = second.status.apply(Step::RequestCorrection).expect("step");
    let correction = Event::CorrectionRequested {
        correct_by: day("2026-03-20"),
        what: Some("身份证明".into()),
    };
    store
        .record_application_event(second.id, &correction, day("2026-03-04"), asked, &clerk())
        .await
        .expect("asked");

    let q = ApplicationQuery::default;
    let mut told = Vec::new();
    for (label, query) in [
        ("all", q()),
        (
            "lower case, no hyphens",
            ApplicationQuery {
                tracking_no: "gk2025000001".into(),
                ..q()
            },
        ),
        (
            "part of a number",
            ApplicationQuery {
                tracking_no: "2026-".into(),
                ..q()
            },
        ),
        (
            "no letter or digit in the number box",
            ApplicationQuery {
                tracking_no: "李四".into(),
                ..q()
            },
        ),
        (
            "name",
            ApplicationQuery {
                applicant_name: "李四".into(),
                ..q()
            },
        ),
        (
            "words",
            ApplicationQuery {
                words: "政府采购 清单".into(),
                ..q()
            },
        ),
        (
            "words, one missing",
            ApplicationQuery {
                words: "政府采购 土地".into(),
                ..q()
            },
        ),
        (
            "a typed % is literal",
            ApplicationQuery {
                words: "0%".into(),
                ..q()
            },
        ),
        (
            "a typed _ is literal",
            ApplicationQuery {
                words: "_".into(),
                ..q()
            },
        ),
        (
            "open",
            ApplicationQuery {
                state: StateFilter::Open,
                ..q()
            },
        ),
        (
            "closed",
            ApplicationQuery {
                state: StateFilter::Closed,
                ..q()
            },
        ),
        (
            "awaiting correction",
            ApplicationQuery {
                state: StateFilter::Status("awaiting_correction"),
                ..q()
            },
        ),
        (
            "received 2026",
            ApplicationQuery {
                received_year: Some(2026),
                ..q()
            },
        ),
        (
            "outcome",
            ApplicationQuery {
                outcome: Some(Outcome::ALL[0]),
                ..q()
            },
        ),
        (
            "other outcome",
            ApplicationQuery {
                outcome: Some(Outcome::ALL[1]),
                ..q()
            },
        ),
    ] {
        told.push(format!(
            "{label}: {}",
            found(&store, agency.id, query).await
        ));
    }
    told
}

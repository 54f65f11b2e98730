//! The register of 行政复议 and 行政诉讼 cases (条例第五十一条) and table 四 from it, told the same by SQLite and
//! PostgreSQL: a case linked to one of the agency's applications, a decision recorded once and never before the
//! filing, a link to another agency's application refused, and each write an audit event.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyId, AgencyKind, AgencyProfile};
use gongkai_domain::appeal::{CaseKind, CaseOutcome, Decision};
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm};
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::layout::{T4_COLUMNS, T4_GROUPS};
use gongkai_store::{
    AgencyStore, AppealCaseId, AppealStore, ApplicationStore, AuditFilter, AuditLog, NewAppealCase,
    NewApplication, Store, StoreError, agency_t4,
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

fn code<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Ok(v) => format!("accepted {v:?}"),
        Err(e) => e.code().to_owned(),
    }
}

async fn agency(store: &Store, name: &str) -> AgencyId {
    store
        .create_agency(
            None,
            &AgencyProfile::named(name, AgencyKind::Department),
            &clerk(),
        )
        .await
        .expect("agency")
        .id
}

async fn application(store: &Store, agency: AgencyId) -> gongkai_store::StoredApplication {
    let new = NewApplication {
        agency,
        applicant_kind: ApplicantKind::from_code("org_biz").expect("kind"),
        applicant: "{}".into(),
        description: "评标报告和各投标人报价".into(),
        info_form: InfoForm::Paper,
        delivery: Delivery::Post,
        channel: Channel::OrdinaryLetter,
        received_on: Some(day("2022-12-19")),
        query_code_hash: "0".repeat(64),
    };
    store
        .create_application(&new, 2022, &clerk())
        .await
        .expect("application")
}

/// Table 四's cells that are not 0, as `group.column = n`.
async fn table(store: &Store, agency: AgencyId, year: i32) -> String {
    let t4 = agency_t4(store, agency, year).await.expect("table 四");
    let mut cells = Vec::new();
    for (g, (gkey, _)) in T4_GROUPS.iter().enumerate() {
        for (c, (ckey, _)) in T4_COLUMNS.iter().enumerate() {
            match t4.groups[g][c].as_int() {
                Some(0) => {}
                Some(n) => cells.push(format!("{gkey}.{ckey}={n}")),
                None => cells.push(format!("{gkey}.{ckey} not a number")),
            }
        }
    }
    format!("{year}: [{}]", cells.join(" "))
}

pub async fn registered_decided_and_counted(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let centre = agency(&store, "孟州市公共资源交易中心").await;
    let finance = agency(&store, "孟州市财政局").await;
    let ours = application(&store, centre).await;
    let theirs = application(&store, finance).await;
    let new = |kind, filed: &str, application| NewAppealCase {
        agency: centre,
        kind,
        filed_on: day(filed),
        application,
        note: "焦作市人民政府行政复议决定书".into(),
    };

    let review = store
        .create_review_case(
            &new(CaseKind::Review, "2023-01-16", Some(ours.id)),
            &clerk(),
        )
        .await
        .expect("review");
    told.push(format!(
        "registered {} {} about {:?}, decided {:?}",
        review.case.kind.code(),
        review.case.filed_on,
        review.tracking_no,
        review.case.decision
    ));
    let direct = store
        .create_review_case(&new(CaseKind::LitDirect, "2022-05-10", None), &clerk())
        .await
        .expect("suit");
    let after = store
        .create_review_case(
            &new(CaseKind::LitAfterReview, "2023-12-20", Some(ours.id)),
            &clerk(),
        )
        .await
        .expect("suit after review");
    told.push(format!(
        "another agency's application -> {}",
        code(
            store
                .create_review_case(
                    &new(CaseKind::Review, "2023-02-01", Some(theirs.id)),
                    &clerk()
                )
                .await
        )
    ));

    let decide = |on: &str, outcome| Decision {
        on: day(on),
        outcome,
    };
    let decided = store
        .record_review_decision(
            review.id,
            &decide("2023-03-10", CaseOutcome::Maintain),
            &clerk(),
        )
        .await
        .expect("decision");
    told.push(format!("decided {:?}", decided.case.decision));
    told.push(format!(
        "decided again -> {}",
        code(
            store
                .record_review_decision(
                    review.id,
                    &decide("2023-04-01", CaseOutcome::Correct),
                    &clerk()
                )
                .await
        )
    ));
    told.push(format!(
        "decided before the filing -> {}",
        code(
            store
                .record_review_decision(
                    after.id,
                    &decide("2023-12-19", CaseOutcome::Other),
                    &clerk()
                )
                .await
        )
    ));
    told.push(format!(
        "unknown case -> {}",
        code(
            store
                .record_review_decision(
                    AppealCaseId(9999),
                    &decide("2023-12-19", CaseOutcome::Other),
                    &clerk()
                )
                .await
        )
    ));
    store
        .record_review_decision(
            direct.id,
            &decide("2023-01-05", CaseOutcome::Other),
            &clerk(),
        )
        .await
        .expect("court decision");

    let listed = store.review_cases_of(centre).await.expect("list");
    told.push(format!(
        "listed: {:?}",
        listed
            .iter()
            .map(|c| format!("{} {}", c.case.kind.code(), c.case.filed_on))
            .collect::<Vec<_>>()
    ));
    let again = store.review_case(after.id).await.expect("read");
    told.push(format!(
        "read back equal: {}",
        again.as_ref() == listed.first()
    ));
    told.push(format!(
        "finance has {} cases",
        store.review_cases_of(finance).await.expect("list").len()
    ));
    for year in 2021..=2024 {
        told.push(table(&store, centre, year).await);
    }
    let events = store
        .audit_events(&AuditFilter {
            agencies: Some(vec![centre]),
            before_seq: None,
            limit: 50,
        })
        .await
        .expect("events");
    let mut actions: Vec<&str> = events
        .iter()
        .map(|e| e.action.as_str())
        .filter(|a| a.starts_with("review."))
        .collect();
    actions.reverse();
    told.push(format!("audit: {actions:?}"));
    told
}

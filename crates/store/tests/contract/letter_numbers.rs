//! The 发文字号 counter (migration 0009), told the same by SQLite and PostgreSQL: per agency, year and kind,
//! claimed in the transaction that stores the letter, so that concurrent steps never share a number, and a
//! step that is refused leaves no gap.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyId, AgencyKind, AgencyProfile};
use gongkai_domain::application::event::Event;
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm};
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::application::status::{Status, Step};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AgencyStore, ApplicationStore, LetterNumber, NewApplication, NewLetter, RecordStep, Store,
    StoreError, StoredApplication,
};

const KIND: &str = "correction";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn clerk() -> ActorRef {
    ActorRef::Official {
        id: 3,
        username: "czj-clerk".into(),
    }
}

async fn application(store: &Store, agency: AgencyId, n: usize) -> StoredApplication {
    store
        .create_application(
            &NewApplication {
                agency,
                applicant_kind: ApplicantKind::from_code("np").expect("kind"),
                applicant: "{}".into(),
                description: format!("第{n}项申请"),
                info_form: InfoForm::Paper,
                delivery: Delivery::Post,
                channel: Channel::InPerson,
                received_on: Some(day("2026-05-06")),
                query_code_hash: "0".repeat(64),
            },
            2026,
            &clerk(),
        )
        .await
        .expect("application")
}

fn notice(agency: AgencyId, serial: i64) -> NewLetter {
    NewLetter {
        kind: KIND.into(),
        number: Some(LetterNumber {
            agency,
            year: 2026,
            serial,
            text: format!("孟财依申补〔2026〕{serial}号"),
        }),
        served_on: day("2026-05-08"),
        service: "post".into(),
        text: format!("补正告知书 {serial}"),
        docx: b"PK docx".to_vec(),
        pdf: b"%PDF pdf".to_vec(),
    }
}

/// Records a 补正 notice with the given serial on `app`, whose last event the caller saw is `seen_seq`.
async fn request_correction(
    store: &Store,
    app: &StoredApplication,
    seen_seq: i64,
    letter: &NewLetter,
) -> Result<StoredApplication, StoreError> {
    let event = Event::CorrectionRequested {
        correct_by: day("2026-05-20"),
        what: Some("请写明年份".into()),
    };
    let status = Status::Received
        .apply(Step::RequestCorrection)
        .expect("step");
    store
        .record_step(
            &RecordStep {
                application: app.id,
                seen_seq,
                event: &event,
                on: day("2026-05-08"),
                status,
                ended_on: None,
                letter: Some(letter),
                files: &[],
            },
            &clerk(),
        )
        .await
}

/// What the application layer does: take the next serial, "render", store; again when it was taken.
async fn numbered_step(store: Store, app: StoredApplication) -> usize {
    for attempt in 1..=20 {
        let serial = store
            .next_letter_serial(app.agency, 2026, KIND)
            .await
            .expect("serial");
        // The time a render takes, during which another step may claim the same serial.
        tokio::task::yield_now().await;
        match request_correction(&store, &app, 1, &notice(app.agency, serial)).await {
            Ok(_) => return attempt,
            Err(StoreError::Conflict { field: "doc_no" }) => continue,
            Err(e) => panic!("unexpected: {e}"),
        }
    }
    panic!("no number after 20 attempts")
}

pub async fn numbered_concurrently(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let profile = AgencyProfile {
        doc_prefix: "孟财".into(),
        ..AgencyProfile::named("孟州市财政局", AgencyKind::Department)
    };
    let agency = store
        .create_agency(None, &profile, &clerk())
        .await
        .expect("agency");
    let stored = store
        .agency(agency.id)
        .await
        .expect("read")
        .expect("agency");
    assert_eq!(stored.profile.doc_prefix, "孟财", "the prefix is kept");
    let mut apps = Vec::new();
    for n in 0..5 {
        apps.push(application(&store, agency.id, n).await);
    }
    let tasks: Vec<_> = apps[..4]
        .iter()
        .map(|app| tokio::spawn(numbered_step(store.clone(), app.clone())))
        .collect();
    for task in tasks {
        task.await.expect("task");
    }
    let mut numbers = Vec::new();
    for app in &apps[..4] {
        for letter in store.application_letters(app.id).await.expect("letters") {
            numbers.push(letter.doc_no.expect("a number"));
        }
    }
    numbers.sort_by_key(|n| {
        n.trim_start_matches("孟财依申补〔2026〕")
            .trim_end_matches('号')
            .parse::<i64>()
            .unwrap_or(0)
    });
    let serials: Vec<String> = numbers
        .iter()
        .map(|n| {
            n.trim_start_matches("孟财依申补〔2026〕")
                .trim_end_matches('号')
                .to_owned()
        })
        .collect();
    told.push(format!(
        "孟财: numbers {} for {} notices",
        serials.join(", "),
        numbers.len()
    ));
    // A serial someone else took: refused, and nothing of the step is kept.
    let last = &apps[4];
    let stale = request_correction(&store, last, 1, &notice(agency.id, 2)).await;
    let events = store.application_events(last.id).await.expect("events");
    told.push(format!(
        "a stale serial -> {}; events {}",
        stale
            .err()
            .map(|e| format!(
                "{} {}",
                e.code(),
                match e {
                    StoreError::Conflict { field } => field,
                    _ => "",
                }
            ))
            .unwrap_or_else(|| "ok".into()),
        events.len()
    ));
    // A step refused for another reason (planned on an older state) does not use its number either.
    let refused = request_correction(&store, last, 0, &notice(agency.id, 5)).await;
    let next = store
        .next_letter_serial(agency.id, 2026, KIND)
        .await
        .expect("serial");
    told.push(format!(
        "a refused step -> {}; next serial {next}",
        refused.err().map(|e| e.code()).unwrap_or("ok")
    ));
    let other = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市教育局", AgencyKind::Department),
            &clerk(),
        )
        .await
        .expect("agency");
    told.push(format!(
        "next decision serial {}; next in 2027 {}; next of another agency {}",
        store
            .next_letter_serial(agency.id, 2026, "decision")
            .await
            .expect("serial"),
        store
            .next_letter_serial(agency.id, 2027, KIND)
            .await
            .expect("serial"),
        store
            .next_letter_serial(other.id, 2026, KIND)
            .await
            .expect("serial"),
    ));
    told
}

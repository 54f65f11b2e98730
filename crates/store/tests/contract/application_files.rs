//! Files on an application (a correction's attachments, the documents disclosed), told the same by SQLite
//! and PostgreSQL: kept with the event that brought them, found only under their own application, and never
//! kept when the step is refused.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::application::event::Event;
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm};
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::application::status::Step;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AgencyStore, ApplicationStore, FilePurpose, NewApplication, NewApplicationFile, RecordStep,
    Store,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn file(name: &str, purpose: FilePurpose, fill: &str) -> NewApplicationFile {
    NewApplicationFile {
        purpose,
        name: name.into(),
        media_type: "application/pdf".into(),
        sha256: fill.repeat(32),
        size: 2048,
    }
}

pub async fn kept_with_their_event(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let citizen = ActorRef::Citizen {
        reference: "GK-2026-000001".into(),
    };
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市自然资源局", AgencyKind::Department),
            &citizen,
        )
        .await
        .expect("agency");
    let new = NewApplication {
        agency: agency.id,
        applicant_kind: ApplicantKind::NaturalPerson,
        applicant: serde_json::json!({ "name": "王五" }).to_string(),
        description: "2025年土地征收补偿方案".into(),
        info_form: InfoForm::Electronic,
        delivery: Delivery::Online,
        channel: Channel::Online,
        received_on: Some(day("2026-03-02")),
        query_code_hash: "0".repeat(64),
    };
    let first = store
        .create_application(&new, 2026, &citizen)
        .await
        .expect("first");
    let other = store
        .create_application(&new, 2026, &citizen)
        .await
        .expect("other");
    let asked_status = first.status.apply(Step::RequestCorrection).expect("step");
    let asked = Event::CorrectionRequested {
        correct_by: day("2026-03-18"),
        what: Some("所需信息的具体地块".into()),
    };
    store
        .record_application_event(first.id, &asked, day("2026-03-04"), asked_status, &citizen)
        .await
        .expect("asked");
    let files = [
        file("地块示意图.pdf", FilePurpose::Correction, "ab"),
        file("身份证明.pdf", FilePurpose::Correction, "cd"),
    ];
    let corrected = Event::CorrectionReceived {
        content: Some("东城区三号地块".into()),
        files: files.iter().map(|f| f.sha256.clone()).collect(),
    };
    let status = asked_status.apply(Step::CorrectionReceived).expect("step");
    // Planned on a state that no longer holds (seen_seq 1, but the correction request is event 2): refused,
    // and none of its files kept.
    let stale = store
        .record_step(
            &RecordStep {
                application: first.id,
                seen_seq: 1,
                event: &corrected,
                on: day("2026-03-06"),
                status,
                ended_on: None,
                letter: None,
                files: &files,
            },
            &citizen,
        )
        .await;
    told.push(format!(
        "stale step refused: {}, files kept: {}",
        stale.is_err(),
        store
            .application_files(first.id)
            .await
            .expect("files")
            .len()
    ));
    store
        .record_step(
            &RecordStep {
                application: first.id,
                seen_seq: 2,
                event: &corrected,
                on: day("2026-03-06"),
                status,
                ended_on: None,
                letter: None,
                files: &files,
            },
            &citizen,
        )
        .await
        .expect("corrected");
    let kept = store.application_files(first.id).await.expect("files");
    for f in &kept {
        told.push(format!(
            "{} {} {} {} bytes, event {}, by {}",
            f.name,
            f.purpose.code(),
            f.media_type,
            f.size,
            f.event_seq,
            f.actor
        ));
    }
    let events = store.application_events(first.id).await.expect("events");
    told.push(format!(
        "the event names the files: {}",
        events.last().map(|e| e.event.clone()) == Some(corrected.clone())
    ));
    let id = kept.first().map(|f| f.id).unwrap_or(-1);
    told.push(format!(
        "found under its application: {}",
        store
            .application_file(first.id, id)
            .await
            .expect("one")
            .map(|f| f.sha256 == "ab".repeat(32))
            .unwrap_or(false)
    ));
    told.push(format!(
        "found under another: {}",
        store
            .application_file(other.id, id)
            .await
            .expect("one")
            .is_some()
    ));
    told.push(format!(
        "the other has none: {}",
        store
            .application_files(other.id)
            .await
            .expect("files")
            .is_empty()
    ));
    told
}

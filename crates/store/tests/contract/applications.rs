//! Applications for disclosure, told the same by SQLite and PostgreSQL.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
use gongkai_domain::application::status::{Status, Step};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AgencyStore, ApplicationId, ApplicationStore, NewApplication, Store, StoreError,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn citizen() -> ActorRef {
    ActorRef::Citizen {
        reference: "online form".into(),
    }
}

fn clerk() -> ActorRef {
    ActorRef::Official {
        id: 3,
        username: "ggzy-clerk".into(),
    }
}

pub async fn received_corrected_and_decided(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市公共资源交易中心", AgencyKind::Department),
            &citizen(),
        )
        .await
        .expect("agency");
    let new = |name: &str| NewApplication {
        agency: agency.id,
        applicant_kind: ApplicantKind::from_code("np").expect("kind"),
        applicant: serde_json::json!({ "name": name, "id_type": "resident_id" }).to_string(),
        description: "2020年度政府采购项目中标结果".into(),
        info_form: "electronic".into(),
        delivery: "online".into(),
        channel: "online".into(),
        received_on: Some(day("2026-03-02")),
        query_code_hash: "0".repeat(64),
    };
    let first = store
        .create_application(&new("张三"), 2026, &citizen())
        .await
        .expect("first");
    let second = store
        .create_application(&new("李四"), 2026, &citizen())
        .await
        .expect("second");
    told.push(format!(
        "tracking numbers {} {}",
        first.tracking_no, second.tracking_no
    ));
    assert_eq!(first.tracking_no, "GK-2026-000001");
    assert_eq!(second.tracking_no, "GK-2026-000002");

    let status = first.status.apply(Step::RequestCorrection).expect("step");
    store
        .record_application_event(
            first.id,
            "correction_requested",
            day("2026-03-04"),
            "{}",
            status,
            &clerk(),
        )
        .await
        .expect("event");
    let status = status.apply(Step::CorrectionReceived).expect("step");
    store
        .record_application_event(
            first.id,
            "correction_received",
            day("2026-03-10"),
            "{}",
            status,
            &citizen(),
        )
        .await
        .expect("event");
    let decided = status.apply(Step::Decide(Outcome::ALL[0])).expect("step");
    let done = store
        .record_application_event(
            first.id,
            "decided",
            day("2026-03-20"),
            "{}",
            decided,
            &clerk(),
        )
        .await
        .expect("decided");
    told.push(format!(
        "status {} decided on {:?}",
        done.status.code(),
        done.decided_on.map(|d| d.to_string())
    ));
    assert_eq!(done.status, decided);

    let after = store
        .record_application_event(
            first.id,
            "decided",
            day("2026-03-21"),
            "{}",
            decided,
            &clerk(),
        )
        .await;
    told.push(format!(
        "an event after the decision -> {}",
        after.err().map(|e: StoreError| e.code()).unwrap_or("ok")
    ));

    let events = store.application_events(first.id).await.expect("events");
    told.push(format!(
        "events {:?}",
        events
            .iter()
            .map(|e| format!("{}:{}:{}", e.seq, e.kind, e.on))
            .collect::<Vec<_>>()
    ));
    assert_eq!(
        events.len(),
        4,
        "received, correction requested, correction received, decided"
    );
    let by_no = store
        .application_by_tracking_no("GK-2026-000002")
        .await
        .expect("read")
        .map(|a| a.applicant);
    told.push(format!(
        "by tracking number: {:?}",
        by_no.map(|a| a.contains("李四"))
    ));
    let open = store.applications_of(agency.id, true).await.expect("open");
    let all = store.applications_of(agency.id, false).await.expect("all");
    told.push(format!("open {} all {}", open.len(), all.len()));
    assert_eq!((open.len(), all.len()), (1, 2));
    assert_eq!(second.status, Status::Received);
    told
}

/// A decision served with its letter: both files come back byte for byte with their digests, and a step planned
/// on a state that changed meanwhile is refused without writing anything.
pub async fn decided_with_a_kept_letter(store: Store) -> Vec<String> {
    use gongkai_store::{LetterFile, NewLetter, RecordStep};
    let mut told = Vec::new();
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市财政局", AgencyKind::Department),
            &citizen(),
        )
        .await
        .expect("agency");
    let app = store
        .create_application(
            &NewApplication {
                agency: agency.id,
                applicant_kind: ApplicantKind::from_code("org_biz").expect("kind"),
                applicant: "{}".into(),
                description: "2025年度部门预算".into(),
                info_form: "paper".into(),
                delivery: "post".into(),
                channel: "in_person".into(),
                received_on: Some(day("2026-05-06")),
                query_code_hash: "0".repeat(64),
            },
            2026,
            &clerk(),
        )
        .await
        .expect("application");
    let letter = NewLetter {
        kind: "decision".into(),
        served_on: day("2026-05-20"),
        service: "post".into(),
        text: "孟州市财政局\n政府信息公开申请答复告知书".into(),
        docx: b"PK\x03\x04 docx bytes".to_vec(),
        pdf: b"%PDF-1.7 pdf bytes".to_vec(),
    };
    let decided = Status::Received
        .apply(Step::Decide(Outcome::ALL[0]))
        .expect("step");
    let stale = store
        .record_step(
            &RecordStep {
                application: app.id,
                seen_seq: 0,
                kind: "decided",
                on: day("2026-05-20"),
                detail: "{}",
                status: decided,
                letter: Some(&letter),
            },
            &clerk(),
        )
        .await;
    told.push(format!(
        "planned on an older state -> {}",
        stale.err().map(|e: StoreError| e.code()).unwrap_or("ok")
    ));
    assert!(
        store
            .application_letters(app.id)
            .await
            .expect("letters")
            .is_empty()
    );
    let done = store
        .record_step(
            &RecordStep {
                application: app.id,
                seen_seq: 1,
                kind: "decided",
                on: day("2026-05-20"),
                detail: "{}",
                status: decided,
                letter: Some(&letter),
            },
            &clerk(),
        )
        .await
        .expect("decided");
    assert_eq!(done.decided_on, Some(day("2026-05-20")));
    let letters = store.application_letters(app.id).await.expect("letters");
    assert_eq!(letters.len(), 1);
    let kept = &letters[0];
    told.push(format!(
        "letter {} served {} by {} with event {} docx {} pdf {}",
        kept.kind,
        kept.served_on,
        kept.service,
        kept.event_seq,
        &kept.docx_sha256[..12],
        &kept.pdf_sha256[..12]
    ));
    let pdf = store
        .application_letter_file(app.id, kept.id, LetterFile::Pdf)
        .await
        .expect("read");
    let docx = store
        .application_letter_file(app.id, kept.id, LetterFile::Docx)
        .await
        .expect("read");
    assert_eq!(pdf.as_deref(), Some(letter.pdf.as_slice()));
    assert_eq!(docx.as_deref(), Some(letter.docx.as_slice()));
    let elsewhere = store
        .application_letter_file(ApplicationId(app.id.0 + 1000), kept.id, LetterFile::Pdf)
        .await
        .expect("read");
    told.push(format!(
        "the letter through another application: {:?}",
        elsewhere.as_ref().map(Vec::len)
    ));
    assert_eq!(elsewhere, None);
    told
}

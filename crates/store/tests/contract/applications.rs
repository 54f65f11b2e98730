//! Applications for disclosure, told the same by SQLite and PostgreSQL.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::application::event::{Decision, Event, FeeNotice};
use gongkai_domain::application::fees::FeeMethod;
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm, TrackingNo};
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
        info_form: InfoForm::Electronic,
        delivery: Delivery::Online,
        channel: Channel::Online,
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
    assert_eq!(first.tracking_no.to_string(), "GK-2026-000001");
    assert_eq!(second.tracking_no.to_string(), "GK-2026-000002");

    let status = first.status.apply(Step::RequestCorrection).expect("step");
    let asked = Event::CorrectionRequested {
        correct_by: day("2026-03-18"),
        what: Some("身份证明".into()),
    };
    store
        .record_application_event(first.id, &asked, day("2026-03-04"), status, &clerk())
        .await
        .expect("event");
    let status = status.apply(Step::CorrectionReceived).expect("step");
    store
        .record_application_event(
            first.id,
            &Event::CorrectionReceived {
                content: None,
                files: Vec::new(),
            },
            day("2026-03-10"),
            status,
            &citizen(),
        )
        .await
        .expect("event");
    let decided = status.apply(Step::Decide(Outcome::ALL[0])).expect("step");
    let decision = Event::Decided(Decision {
        outcome: Outcome::ALL[0],
        reason: Some(String::new()),
        extra: None,
        service: Some(Delivery::Online),
        not_held: None,
    });
    let done = store
        .record_application_event(first.id, &decision, day("2026-03-20"), decided, &clerk())
        .await
        .expect("decided");
    told.push(format!(
        "status {} decided on {:?}",
        done.status.code(),
        done.decided_on.map(|d| d.to_string())
    ));
    assert_eq!(done.status, decided);

    let after = store
        .record_application_event(first.id, &decision, day("2026-03-21"), decided, &clerk())
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
            .map(|e| format!("{}:{}:{}", e.seq, e.event.kind(), e.on))
            .collect::<Vec<_>>()
    ));
    let read: Vec<&Event> = events.iter().map(|e| &e.event).collect();
    assert_eq!(
        read,
        [
            &Event::Received {
                channel: Channel::Online
            },
            &asked,
            &Event::CorrectionReceived {
                content: None,
                files: Vec::new(),
            },
            &decision
        ],
        "each event comes back as it was recorded"
    );
    assert_eq!(
        events.len(),
        4,
        "received, correction requested, correction received, decided"
    );
    let by_no = store
        .application_by_tracking_no(&TrackingNo::new(2026, 2).expect("number"))
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
    let newest_ms = all
        .iter()
        .map(|a| a.created_at_ms)
        .max()
        .unwrap_or_default();
    let recent = store
        .applications_filed_since(agency.id, newest_ms)
        .await
        .expect("recent");
    let none_later = store
        .applications_filed_since(agency.id, newest_ms + 1)
        .await
        .expect("none later");
    let since_ever = store
        .applications_filed_since(agency.id, 0)
        .await
        .expect("since ever");
    told.push(format!(
        "filed since the newest {} after it {} ever {}",
        recent.len(),
        none_later.len(),
        since_ever.len()
    ));
    assert!(!recent.is_empty(), "the newest application was filed then");
    assert!(none_later.is_empty(), "nothing was filed after the newest");
    assert_eq!(
        since_ever.iter().map(|a| a.id).collect::<Vec<_>>(),
        all.iter().map(|a| a.id).collect::<Vec<_>>(),
        "every application, newest first"
    );
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
        .expect("application");
    let letter = NewLetter {
        kind: "decision".into(),
        number: None,
        served_on: day("2026-05-20"),
        service: "post".into(),
        text: "孟州市财政局\n政府信息公开申请答复告知书".into(),
        docx: b"PK\x03\x04 docx bytes".to_vec(),
        pdf: b"%PDF-1.7 pdf bytes".to_vec(),
    };
    let decided = Status::Received
        .apply(Step::Decide(Outcome::ALL[0]))
        .expect("step");
    let decision = Event::Decided(Decision {
        outcome: Outcome::ALL[0],
        reason: None,
        extra: None,
        service: Some(Delivery::Post),
        not_held: None,
    });
    let stale = store
        .record_step(
            &RecordStep {
                application: app.id,
                seen_seq: 0,
                event: &decision,
                on: day("2026-05-20"),
                status: decided,
                ended_on: None,
                letter: Some(&letter),
                files: &[],
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
    // 国密 from here: the letter's digests are SM3's (the chain goes on with SM3 too).
    store.use_chain_hash(gongkai_domain::audit::ChainHash::Sm3);
    let done = store
        .record_step(
            &RecordStep {
                application: app.id,
                seen_seq: 1,
                event: &decision,
                on: day("2026-05-20"),
                status: decided,
                ended_on: None,
                letter: Some(&letter),
                files: &[],
            },
            &clerk(),
        )
        .await
        .expect("decided");
    assert_eq!(done.decided_on, Some(day("2026-05-20")));
    let letters = store.application_letters(app.id).await.expect("letters");
    assert_eq!(letters.len(), 1);
    let kept = &letters[0];
    assert_eq!(
        kept.pdf_sha256,
        gongkai_domain::audit::ChainHash::Sm3.digest(&letter.pdf)
    );
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

/// A stored event whose kind or particulars do not decode is refused as corrupt, naming the row: never read
/// as a default (a fee of zero) and never left out (a missing event would move the deadline).
pub async fn a_corrupt_event_row_is_refused(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市教育局", AgencyKind::Department),
            &citizen(),
        )
        .await
        .expect("agency");
    let bad_rows = [
        ("decided", "{}"),
        (
            "fee_notice_issued",
            r#"{"method":"per_page","pages":120,"amount_yuan":"一千一百"}"#,
        ),
        ("reopened", "{}"),
        ("withdrawn", "not json"),
    ];
    for (n, (kind, detail)) in bad_rows.into_iter().enumerate() {
        let app = store
            .create_application(
                &NewApplication {
                    agency: agency.id,
                    applicant_kind: ApplicantKind::NaturalPerson,
                    applicant: "{}".into(),
                    description: format!("第{n}件"),
                    info_form: InfoForm::Paper,
                    delivery: Delivery::Pickup,
                    channel: Channel::InPerson,
                    received_on: Some(day("2026-05-06")),
                    query_code_hash: "0".repeat(64),
                },
                2026,
                &clerk(),
            )
            .await
            .expect("application");
        // Written past the store, as a damaged or hand-edited database would hold it.
        sqlx::query(
            "INSERT INTO application_events (application_id, seq, kind, on_date, detail, actor, at_ms) \
             VALUES ($1, 2, $2, '2026-05-08', $3, 'official:clerk', 0)",
        )
        .bind(app.id.0)
        .bind(kind)
        .bind(detail)
        .execute(store.pool_for_tests())
        .await
        .expect("raw insert");
        let read = store.application_events(app.id).await;
        let err = read.expect_err(kind);
        assert!(
            err.to_string()
                .contains(&format!("event 2 of application {} ({kind})", app.id.0)),
            "{err}"
        );
        told.push(format!("{kind} -> {}", err.code()));
    }
    // The fee notice's amount is no longer read as zero for the year's report (`gongkai_app::reports`
    // compiles section 六 from these events): reading the agency's events for the year is refused too.
    let mut unreadable = "ok";
    for stored in store.applications_of(agency.id, false).await.expect("list") {
        if let Err(e) = store.application_events(stored.id).await {
            unreadable = e.code();
        }
    }
    told.push(format!("the year's fee events -> {unreadable}"));
    let sound = Event::FeeNoticeIssued(FeeNotice {
        method: FeeMethod::PerPage,
        count: None,
        pages: 120,
        amount_yuan: "1100".parse().expect("amount"),
        explanation: None,
        pay_within_working_days: None,
        service: None,
        pay_by: None,
    });
    told.push(format!("a sound event is {}", sound.kind()));
    told
}

/// A lapsed 补正 belongs to the year its deadline passed: a deadline of 2021-12-28 recorded on 2022-01-04
/// counts in table 三 of 2021, not 2022.
pub async fn a_lapse_recorded_in_january_ends_in_the_year_of_its_deadline(
    store: Store,
) -> Vec<String> {
    use gongkai_domain::application::status::Abandonment;
    use gongkai_store::{RecordStep, agency_t3};
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
                applicant_kind: ApplicantKind::NaturalPerson,
                applicant: "{}".into(),
                description: "2021年度某项目资料".into(),
                info_form: InfoForm::Paper,
                delivery: Delivery::Pickup,
                channel: Channel::InPerson,
                received_on: Some(day("2021-12-06")),
                query_code_hash: "0".repeat(64),
            },
            2021,
            &clerk(),
        )
        .await
        .expect("application");
    let asked = Event::CorrectionRequested {
        correct_by: day("2021-12-28"),
        what: None,
    };
    store
        .record_application_event(
            app.id,
            &asked,
            day("2021-12-08"),
            Status::AwaitingCorrection,
            &clerk(),
        )
        .await
        .expect("correction asked");
    let lapsed = store
        .record_step(
            &RecordStep {
                application: app.id,
                seen_seq: 2,
                event: &Event::CorrectionDeadlinePassed {
                    correct_by: Some(day("2021-12-28")),
                },
                on: day("2022-01-04"),
                status: Status::Abandoned(Abandonment::CorrectionOverdue),
                ended_on: Some(day("2021-12-28")),
                letter: None,
                files: &[],
            },
            &clerk(),
        )
        .await
        .expect("lapse");
    told.push(format!("ended on {:?}", lapsed.decided_on));
    for year in [2021, 2022] {
        let t3 = agency_t3(&store, agency.id, year).await.expect("table 三");
        let cell = |path: &str| match t3.report.cell(path) {
            Some(gongkai_domain::report::Cell::Int(n)) => *n,
            _ => -1,
        };
        told.push(format!(
            "{year}: 补正 lapsed {}, carried out {}",
            cell("t3.r3_6_1_no_correction.total"),
            cell("t3.r4_carry_out.total")
        ));
    }
    told
}

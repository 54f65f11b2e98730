//! What anyone holding the tracking number and query code may know of an application: its state, its
//! deadline, what the office asked of the applicant and by when, and the letters served. No personal data.

use chrono::NaiveDate;
use gongkai_domain::agency::Agency;
use gongkai_domain::application::clock::compute;
use gongkai_domain::application::event::{self, Event};
use gongkai_domain::application::outcome::Outcome;
use gongkai_domain::application::status::Status;
use gongkai_store::{
    AgencyStore, ApplicationEvent, ApplicationStore, FilePurpose, StoredApplicationFile,
    StoredLetter,
};

use rust_decimal::Decimal;

use super::lookup;
use crate::calendar::clock_events;
use crate::context::App;
use crate::error::AppResult;

/// What the office asked of the applicant, while the application waits for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicantTask {
    /// 条例第三十条: what to correct, and by when.
    Correction { what: Option<String>, by: NaiveDate },
    /// 国办函〔2020〕109号: how much, and by when: 20 working days from the day after the applicant received the
    /// notice, so `None` until a notice sent by post or by hand is recorded as received.
    Payment {
        amount_yuan: Decimal,
        by: Option<NaiveDate>,
        /// The applicant said it was paid (after the latest notice); the clerk has yet to confirm it.
        reported: bool,
    },
}

/// What the applicant may do when the answer is late (not decided and past the due date on the working-day
/// calendar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateAdvice {
    /// 条例第五十一条: 投诉、举报 to the 上一级行政机关 (the agency's parent in the tree; empty at the top).
    pub complain_to: String,
    /// 行政复议法（2023）第二十三条第一款第三项: 未履行法定职责 goes to 行政复议 first; the 复议机关 as the letters name
    /// it (empty when neither the profile nor the tree gives one).
    pub review_body: String,
}

/// An application as its applicant sees it.
#[derive(Debug, Clone)]
pub struct PublicStatus {
    pub tracking_no: String,
    pub agency: String,
    pub status: Status,
    pub received_on: Option<NaiveDate>,
    /// The last day to answer, while the application is open.
    pub due_on: Option<NaiveDate>,
    /// The due date reaches into a year whose holiday notice is not loaded yet.
    pub due_provisional: bool,
    pub decided_on: Option<NaiveDate>,
    /// How it was decided (the national taxonomy's row), once decided.
    pub outcome: Option<Outcome>,
    /// Set when the answer is late.
    pub late: Option<LateAdvice>,
    pub waiting_for: Option<ApplicantTask>,
    pub letters: Vec<StoredLetter>,
    /// The documents disclosed with the decision, to download with the tracking number and query code.
    pub disclosed: Vec<StoredApplicationFile>,
}

fn applicant_task(
    status: Status,
    events: &[ApplicationEvent],
    pay_by: Option<NaiveDate>,
) -> Option<ApplicantTask> {
    let events = events.iter().map(|e| &e.event);
    match status {
        Status::AwaitingCorrection => {
            let (by, what) = events.rev().find_map(|e| match e {
                Event::CorrectionRequested { correct_by, what } => {
                    Some((*correct_by, what.clone()))
                }
                _ => None,
            })?;
            Some(ApplicantTask::Correction { what, by })
        }
        Status::AwaitingFee { .. } => {
            let notice = event::fee_notice(events.clone())?;
            let reported = event::fee_payment_reported(events).is_some();
            Some(ApplicantTask::Payment {
                amount_yuan: notice.amount_yuan,
                by: pay_by.or(notice.pay_by),
                reported,
            })
        }
        _ => None,
    }
}

/// The application `tracking_no` for whoever holds its `query_code`; a wrong code answers like an unknown
/// number.
pub async fn public_status(
    app: &App,
    tracking_no: &str,
    query_code: &str,
) -> AppResult<PublicStatus> {
    let found = lookup::for_applicant(app, tracking_no, query_code).await?;
    let events = app.store.application_events(found.id).await?;
    let clock = compute(&clock_events(&events), &app.calendar).ok();
    let open = !found.status.is_closed();
    let stored_agency = app.store.agency(found.agency).await?;
    let agency = stored_agency
        .as_ref()
        .map(|a| a.profile.name.clone())
        .unwrap_or_default();
    let late = match (&stored_agency, &clock) {
        (Some(a), Some(c)) if open && c.overdue(app.today()) => Some(late_advice(app, a).await?),
        _ => None,
    };
    let outcome = match found.status {
        Status::Decided(outcome) => Some(outcome),
        _ => None,
    };
    let disclosed = app
        .store
        .application_files(found.id)
        .await?
        .into_iter()
        .filter(|f| f.purpose == FilePurpose::Disclosed)
        .collect();
    Ok(PublicStatus {
        tracking_no: found.tracking_no.to_string(),
        agency,
        status: found.status,
        received_on: found.received_on,
        due_on: clock.as_ref().and_then(|c| c.due).filter(|_| open),
        due_provisional: clock.as_ref().is_some_and(|c| c.provisional) && open,
        decided_on: found.decided_on,
        outcome,
        late,
        disclosed,
        waiting_for: applicant_task(
            found.status,
            &events,
            clock.as_ref().and_then(|c| c.fee_pay_by),
        ),
        // The letters served on the applicant; a consultation letter names the party consulted and is not theirs.
        letters: super::letters::letters_for(&app.store, &found, super::letters::Reader::Applicant)
            .await?,
    })
}

/// Where a late answer may be taken (条例第五十一条; 行政复议法（2023）第二十三条第一款第三项).
async fn late_advice(app: &App, agency: &Agency) -> AppResult<LateAdvice> {
    let complain_to = match app.store.agency_tree().await?.parent(agency.id) {
        Some(parent) => app
            .store
            .agency(parent)
            .await?
            .map(|a| a.profile.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(LateAdvice {
        complain_to,
        review_body: super::letters::review_body(&app.store, agency).await?,
    })
}

/// A file disclosed to the applicant of `tracking_no` who holds `query_code`; any other file, or a wrong
/// code, answers like an unknown one.
pub async fn disclosed_file(
    app: &App,
    (tracking_no, query_code): (&str, &str),
    file: i64,
) -> AppResult<(StoredApplicationFile, Vec<u8>)> {
    let found = lookup::for_applicant(app, tracking_no, query_code).await?;
    let kept = app
        .store
        .application_file(found.id, file)
        .await?
        .filter(|f| f.purpose == FilePurpose::Disclosed)
        .ok_or(crate::error::AppError::NotFound(
            crate::error_code::ErrorCode::HttpNotFound,
        ))?;
    let bytes = crate::attachments::read(&app.store, &kept.sha256).await?;
    Ok((kept, bytes))
}

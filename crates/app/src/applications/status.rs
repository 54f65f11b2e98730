//! What anyone holding the tracking number and query code may know of an application: its state, its
//! deadline, what the office asked of the applicant and by when, and the letters served. No personal data.

use chrono::NaiveDate;
use gongkai_domain::application::clock::compute;
use gongkai_domain::application::event::{self, Event};
use gongkai_domain::application::status::Status;
use gongkai_store::{AgencyStore, ApplicationEvent, ApplicationStore, StoredLetter};

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
    },
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
    pub waiting_for: Option<ApplicantTask>,
    pub letters: Vec<StoredLetter>,
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
            let notice = event::fee_notice(events)?;
            Some(ApplicantTask::Payment {
                amount_yuan: notice.amount_yuan,
                by: pay_by.or(notice.pay_by),
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
    let agency = app
        .store
        .agency(found.agency)
        .await?
        .map(|a| a.profile.name)
        .unwrap_or_default();
    Ok(PublicStatus {
        tracking_no: found.tracking_no.to_string(),
        agency,
        status: found.status,
        received_on: found.received_on,
        due_on: clock.as_ref().and_then(|c| c.due).filter(|_| open),
        due_provisional: clock.as_ref().is_some_and(|c| c.provisional) && open,
        decided_on: found.decided_on,
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

//! The printable 回执 of an application: for the applicant holding its query code (the online form's receipt
//! page, within its one-time window, where the code may be printed) and for the handling agency's staff (the
//! clerk hands it over with a paper application; the code is never printable there, it is stored hashed).
//! The words come from the report engine's template and the channel's name from the locale file.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::clock::compute;
use gongkai_domain::application::intake::TrackingNo;
use gongkai_report::letters::{Receipt, receipt_pdf};
use gongkai_store::{AgencyStore, ApplicationStore, StoredApplication};

use super::letters::contact;
use super::lookup;
use crate::calendar::clock_events;
use crate::context::App;
use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;
use crate::messages::{Lang, Messages};

/// The 回执 PDF of `tracking_no`, filed with `agency`, for whoever holds its `query_code`, which it prints; a
/// wrong code or agency answers like an unknown number.
pub async fn applicant_receipt(
    app: &App,
    agency: AgencyId,
    tracking_no: &str,
    query_code: &str,
    status_url: &str,
) -> AppResult<Vec<u8>> {
    let found = lookup::for_applicant(app, tracking_no, query_code).await?;
    if found.agency != agency {
        return Err(AppError::NotFound(ErrorCode::ApplicationNotFound));
    }
    render(app, &found, status_url, Some(query_code.trim().to_owned())).await
}

/// The 回执 PDF of `tracking_no` for the staff of `agency`, which must be the handling agency; without the
/// query code.
pub async fn staff_receipt(
    app: &App,
    agency: AgencyId,
    tracking_no: &str,
    status_url: &str,
) -> AppResult<Vec<u8>> {
    let not_found = || AppError::NotFound(ErrorCode::ApplicationNotFound);
    let no = TrackingNo::parse(tracking_no.trim()).map_err(|_| not_found())?;
    let found = app
        .store
        .application_by_tracking_no(&no)
        .await?
        .filter(|a| a.agency == agency)
        .ok_or_else(not_found)?;
    render(app, &found, status_url, None).await
}

async fn render(
    app: &App,
    found: &StoredApplication,
    status_url: &str,
    query_code: Option<String>,
) -> AppResult<Vec<u8>> {
    let agency = app
        .store
        .agency(found.agency)
        .await?
        .ok_or(AppError::NotFound(ErrorCode::ApplicationNotFound))?;
    let events = app.store.application_events(found.id).await?;
    let clock = compute(&clock_events(&events), &app.calendar).ok();
    // The due date the receipt states is the one running now; once answered, none.
    let open = !found.status.is_closed();
    let contact = contact(&agency);
    let receipt = Receipt {
        agency_name: agency.profile.name.clone(),
        agency_address: contact.address.clone(),
        agency_phone: contact.phone.clone(),
        tracking_no: found.tracking_no.to_string(),
        channel: Messages::shared()
            .text(Lang::Zh, found.channel.word())
            .to_owned(),
        received_on: found.received_on.map(|d| d.to_string()).unwrap_or_default(),
        due_on: clock
            .as_ref()
            .and_then(|c| c.due)
            .filter(|_| open)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        due_provisional: open && clock.as_ref().is_some_and(|c| c.provisional),
        status_url: status_url.to_owned(),
        query_code,
    };
    // Typesetting takes CPU for a moment; keep it off the request threads.
    tokio::task::spawn_blocking(move || receipt_pdf(&receipt))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

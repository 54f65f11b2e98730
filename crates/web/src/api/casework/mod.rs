//! The caseworker's API (`/api/v1/agencies/{agency}/applications…`): an agency's applications registered,
//! listed, read and handled by an integration with an API token or by a signed-in official, through the same
//! use cases and the same domain checks as the console's pages. One file per action.

pub mod letter;
pub mod list;
pub mod register;
pub mod show;
pub mod step;
pub mod step_body;

use gongkai_domain::access::Capability;
use gongkai_domain::application::clock::compute;
use gongkai_domain::application::event::Event;
use gongkai_domain::application::handling::offered_steps;
use gongkai_domain::application::intake::TrackingNo;
use gongkai_store::{ApplicationStore, StoredApplication};

use crate::auth::Policy;
use crate::auth::caller::Caller;
use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::models::casework::{CaseworkApplication, Reckoning};
use crate::state::AppState;
use gongkai_app::calendar::clock_events;

/// The application `tracking_no` of the caller's agency; another agency's is not found here.
pub async fn find<P: Policy>(
    state: &AppState,
    caller: &Caller<P>,
    tracking_no: &str,
) -> Result<StoredApplication, WebError> {
    let not_found = WebError::NotFoundAs(ErrorCode::ApplicationNotFound);
    let number = TrackingNo::parse(tracking_no)
        .map_err(|_| WebError::NotFoundAs(ErrorCode::ApplicationNotFound))?;
    let found = state
        .store
        .application_by_tracking_no(&number)
        .await?
        .ok_or(not_found)?;
    if found.agency != caller.agency.id {
        return Err(WebError::NotFoundAs(ErrorCode::ApplicationNotFound));
    }
    Ok(found)
}

/// The application with its events, letters, deadline and the steps its state allows this caller.
pub async fn present<P: Policy>(
    state: &AppState,
    caller: &Caller<P>,
    app: &StoredApplication,
    lang: Lang,
) -> Result<CaseworkApplication, WebError> {
    let events = state.store.application_events(app.id).await?;
    let letters = state.store.application_letters(app.id).await?;
    let clock = compute(&clock_events(&events), &state.calendar).ok();
    let history: Vec<Event> = events.iter().map(|e| e.event.clone()).collect();
    // 条例第三十三条第二款: only a reviewer (the head of the office) may approve an extension.
    let may_review = caller.may(Capability::ReviewRecords).is_ok();
    let reckoning = Reckoning {
        due_on: clock.as_ref().and_then(|c| c.due),
        due_provisional: clock.as_ref().is_some_and(|c| c.provisional),
        steps: offered_steps(app.status, &history, may_review)
            .into_iter()
            .map(|k| step_body::step_name(k).to_owned())
            .collect(),
    };
    Ok(CaseworkApplication::of(
        app,
        &events,
        &letters,
        reckoning,
        state.templates.messages(),
        lang,
    ))
}

//! A caseworker's step on an application (补正, consultation, extension, 第三十五条 deadline, fee notice,
//! decision, withdrawal), as the front end read it into a typed event: checked by the domain
//! (`handling::plan`: not in the future, not before the last event, allowed by the status machine, the clock
//! still computes), the notice the step serves generated with its 发文字号 (`notices`), then stored with it in
//! one transaction. A refused step changes nothing.

use chrono::{Datelike, NaiveDate};
use gongkai_domain::agency::Agency;
use gongkai_domain::application::event::Event;
use gongkai_domain::application::handling::{Planned, plan};
use gongkai_domain::application::notice::NoticeKind;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::message::Said;
use gongkai_store::{
    ApplicationStore, NewApplicationFile, NewLetter, RecordStep, StoreError, StoredApplication,
};

use super::letters::{DecisionText, review_body};
use super::notices::{NoticeContext, notice_kind, step_notice};
use crate::calendar::clock_events;
use crate::context::App;
use crate::error::AppError;

/// The step as the caseworker took it.
pub struct Step<'a> {
    /// The last event the caseworker saw: a step taken meanwhile by someone else refuses this one, since it
    /// was planned on a state that no longer holds.
    pub seen_seq: i64,
    pub on: NaiveDate,
    pub event: &'a Event,
    /// For a decision: the reasons and anything else the letter says.
    pub reason: &'a str,
    pub extra: &'a str,
    /// Files that come with the step (a correction's attachments, the documents a decision discloses), their
    /// bytes already kept (`crate::attachments::save`); stored in the step's transaction.
    pub files: &'a [NewApplicationFile],
}

/// Why nothing was recorded.
#[derive(Debug)]
pub enum StepRefusal {
    /// The form's step is not a caseworker's action.
    NotAStep,
    /// The domain refused it (its reason, to translate).
    Refused(Said),
    /// The letter could not be generated.
    Letter(Said),
    /// Someone else took a step meanwhile.
    Changed,
    App(AppError),
}

impl From<StoreError> for StepRefusal {
    fn from(e: StoreError) -> Self {
        Self::App(e.into())
    }
}

/// The domain's plan for `step`, and the 行政复议机关 its notice names when it serves one.
struct Prepared {
    planned: Planned,
    notice: Option<(NoticeKind, String)>,
}

/// Checks `step` against the domain's rules (not in the future, not before the last event, allowed by the
/// status machine, the clock still computes) and finds what its notice needs.
async fn prepare(
    app: &App,
    agency: &Agency,
    application: &StoredApplication,
    step: &Step<'_>,
) -> Result<Prepared, StepRefusal> {
    let events = app.store.application_events(application.id).await?;
    // Every step the form offers is a caseworker's action (a receipt is not one).
    let action = step.event.action(step.on).ok_or(StepRefusal::NotAStep)?;
    let planned = plan(
        application.status,
        &clock_events(&events),
        &action,
        app.today(),
        &app.calendar,
    )
    .map_err(|e| StepRefusal::Refused(Said::of(&e)))?;
    let notice = match notice_kind(step.event) {
        Some(kind) => Some((
            kind,
            review_body(&app.store, agency)
                .await
                .map_err(StepRefusal::App)?,
        )),
        None => None,
    };
    Ok(Prepared { planned, notice })
}

/// The notice `step` serves, numbered as the `serial`-th of its kind this year.
async fn render_notice(
    app: &App,
    agency: &Agency,
    application: &StoredApplication,
    step: &Step<'_>,
    planned: &Planned,
    (kind, review_body): (NoticeKind, &str),
) -> Result<NewLetter, StepRefusal> {
    let cx = NoticeContext {
        agency,
        application,
        on: step.on,
        planned,
        calendar: &app.calendar,
        review_body,
        decision: DecisionText {
            reason: step.reason,
            extra: step.extra,
        },
    };
    let serial = app
        .store
        .next_letter_serial(agency.id, step.on.year(), kind.code())
        .await?;
    step_notice(&cx, step.event, kind, serial)
        .await
        .map_err(|e| StepRefusal::Letter(e.0))
}

/// Takes `step` on `application` of `agency`, today.
pub async fn take_step(
    app: &App,
    agency: &Agency,
    application: &StoredApplication,
    step: &Step<'_>,
    by: &ActorRef,
) -> Result<StoredApplication, StepRefusal> {
    let Prepared { planned, notice } = prepare(app, agency, application, step).await?;
    let Some((kind, body)) = notice else {
        return record(app, application, step, &planned, None, by).await;
    };
    // The 发文字号 is printed in the notice, so it is chosen before rendering and claimed when the notice is
    // stored; if a notice of another application took it meanwhile, render again with the next one.
    for _ in 0..NUMBERING_ATTEMPTS {
        let letter = render_notice(app, agency, application, step, &planned, (kind, &body)).await?;
        match record(app, application, step, &planned, Some(&letter), by).await {
            Err(StepRefusal::App(AppError::Store(StoreError::Conflict { field: "doc_no" }))) => {
                continue;
            }
            other => {
                // The notice served, e-mailed to the applicant who gave an address (recorded now, sent by
                // the background task); a failure to record it does not undo the step.
                if let Ok(stored) = &other {
                    crate::notify::or_log("notice", crate::notify::served(app, stored, kind).await);
                }
                return other;
            }
        }
    }
    Err(StepRefusal::Changed)
}

/// The letter `step` would serve, rendered by the same rules and template as [`take_step`] with the number
/// it would get now, and nothing stored (the caseworker reads it before confirming a decision); `None` when
/// the step serves no letter. The same refusals as [`take_step`].
pub async fn preview_step(
    app: &App,
    agency: &Agency,
    application: &StoredApplication,
    step: &Step<'_>,
) -> Result<Option<NewLetter>, StepRefusal> {
    let Prepared { planned, notice } = prepare(app, agency, application, step).await?;
    match notice {
        Some((kind, body)) => {
            render_notice(app, agency, application, step, &planned, (kind, &body))
                .await
                .map(Some)
        }
        None => Ok(None),
    }
}

/// How often a step renders its notice again when its number was taken meanwhile: each retry follows
/// another notice of the same kind stored in the moment it took to render, so a few suffice.
const NUMBERING_ATTEMPTS: usize = 5;

async fn record(
    app: &App,
    application: &StoredApplication,
    step: &Step<'_>,
    planned: &Planned,
    letter: Option<&NewLetter>,
    by: &ActorRef,
) -> Result<StoredApplication, StepRefusal> {
    let record = RecordStep {
        application: application.id,
        seen_seq: step.seen_seq,
        event: step.event,
        on: step.on,
        status: planned.status,
        ended_on: planned.ended_on,
        letter,
        files: step.files,
    };
    match app.store.record_step(&record, by).await {
        Ok(stored) => Ok(stored),
        Err(StoreError::Refused(_)) => Err(StepRefusal::Changed),
        Err(e) => Err(e.into()),
    }
}

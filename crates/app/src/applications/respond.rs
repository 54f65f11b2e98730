//! The applicant's answers after the receipt, sent online with the tracking number and query code: the
//! correction the office asked for (条例第三十条: the reply period starts again from its receipt), and the
//! word that the fee was paid (国办函〔2020〕109号), which the clerk confirms after checking the account. Each
//! is an event with the applicant as its actor; files come with it, checked by content and kept by digest.

use gongkai_domain::application::applicant_files::{
    ApplicantFileError, MAX_APPLICANT_FILES, check_applicant_file,
};
use gongkai_domain::application::event::Event;
use gongkai_domain::application::status::Status;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::catalog::safe_file_name;
use gongkai_domain::message::Said;
use gongkai_store::{
    AgencyStore, ApplicationStore, FilePurpose, NewApplicationFile, RecordStep, StoreError,
    StoredApplication,
};

use super::lookup;
use super::step::{Step, StepRefusal, take_step};
use crate::context::App;
use crate::error::AppError;
use crate::error_code::ErrorCode;

/// The longest correction or statement accepted, in characters.
pub const MAX_RESPONSE_CHARS: usize = 2000;

/// A file as the browser sent it.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why nothing was recorded.
#[derive(Debug)]
pub enum ResponseRefusal {
    /// A field's problem, to be shown next to it (`content` or `files`).
    Field {
        field: &'static str,
        said: Said,
    },
    /// The application does not wait for this answer now (no correction asked for, no fee awaited).
    NotNow,
    /// The office took a step meanwhile.
    Changed,
    App(AppError),
}

impl From<AppError> for ResponseRefusal {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl From<StoreError> for ResponseRefusal {
    fn from(e: StoreError) -> Self {
        Self::App(e.into())
    }
}

fn said(code: &'static str) -> Said {
    Said {
        code,
        args: Vec::new(),
    }
}

/// The text, trimmed: required, and not longer than [`MAX_RESPONSE_CHARS`].
fn text(value: &str) -> Result<String, ResponseRefusal> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ResponseRefusal::Field {
            field: "content",
            said: said("field_required"),
        });
    }
    if value.chars().count() > MAX_RESPONSE_CHARS {
        return Err(ResponseRefusal::Field {
            field: "content",
            said: said("error_response_too_long"),
        });
    }
    Ok(value.to_owned())
}

/// Checks every file (content, size, how many), then keeps their bytes; nothing is kept if one is refused.
pub async fn keep_files(
    app: &App,
    uploads: &[Upload],
    purpose: FilePurpose,
) -> Result<Vec<NewApplicationFile>, ResponseRefusal> {
    let refused = |e: &ApplicantFileError| ResponseRefusal::Field {
        field: "files",
        said: Said::of(e),
    };
    if uploads.len() > MAX_APPLICANT_FILES {
        return Err(refused(&ApplicantFileError::TooMany(MAX_APPLICANT_FILES)));
    }
    let mut checked = Vec::new();
    for upload in uploads {
        let name = safe_file_name(&upload.name);
        let kind = check_applicant_file(&name, upload.bytes.len() as u64, &upload.bytes)
            .map_err(|e| refused(&e))?;
        checked.push((name, kind));
    }
    let mut kept = Vec::new();
    for (upload, (name, kind)) in uploads.iter().zip(checked) {
        let sha256 = crate::attachments::save(&app.store, &upload.bytes).await?;
        kept.push(NewApplicationFile {
            purpose,
            name,
            media_type: kind.mime().to_owned(),
            sha256,
            size: upload.bytes.len() as u64,
        });
    }
    Ok(kept)
}

/// The applicant, as the actor of what they send: known by the tracking number only.
fn applicant(found: &StoredApplication) -> ActorRef {
    ActorRef::Citizen {
        reference: found.tracking_no.to_string(),
    }
}

async fn last_seq(app: &App, found: &StoredApplication) -> Result<i64, ResponseRefusal> {
    let events = app.store.application_events(found.id).await?;
    Ok(events.last().map_or(0, |e| e.seq))
}

/// Sends the correction asked for: what it clarifies, and files. Recorded as received today, so the reply
/// period starts again (条例第三十条).
pub async fn send_correction(
    app: &App,
    (tracking_no, query_code): (&str, &str),
    content: &str,
    uploads: &[Upload],
) -> Result<StoredApplication, ResponseRefusal> {
    let found = lookup::for_applicant(app, tracking_no, query_code).await?;
    if found.status != Status::AwaitingCorrection {
        return Err(ResponseRefusal::NotNow);
    }
    let content = text(content)?;
    let files = keep_files(app, uploads, FilePurpose::Correction).await?;
    let agency = app
        .store
        .agency(found.agency)
        .await?
        .ok_or(AppError::NotFound(ErrorCode::ApplicationNotFound))?;
    let event = Event::CorrectionReceived {
        content: Some(content),
        files: files.iter().map(|f| f.sha256.clone()).collect(),
    };
    let step = Step {
        seen_seq: last_seq(app, &found).await?,
        on: app.today(),
        event: &event,
        reason: "",
        extra: "",
        files: &files,
    };
    match take_step(app, &agency, &found, &step, &applicant(&found)).await {
        Ok(stored) => Ok(stored),
        Err(StepRefusal::Changed) => Err(ResponseRefusal::Changed),
        // The domain refuses a correction the state machine does not allow (it was checked above) or one
        // dated before the last event: either way, not now.
        Err(StepRefusal::Refused(_) | StepRefusal::NotAStep | StepRefusal::Letter(_)) => {
            Err(ResponseRefusal::NotNow)
        }
        Err(StepRefusal::App(e)) => Err(e.into()),
    }
}

/// Records the applicant's word that the fee was paid, with optional proof. The state does not change: the
/// clerk records the payment (`Event::FeePaid`) once it is confirmed.
pub async fn report_fee_paid(
    app: &App,
    (tracking_no, query_code): (&str, &str),
    statement: &str,
    uploads: &[Upload],
) -> Result<StoredApplication, ResponseRefusal> {
    let found = lookup::for_applicant(app, tracking_no, query_code).await?;
    if !matches!(found.status, Status::AwaitingFee { .. }) {
        return Err(ResponseRefusal::NotNow);
    }
    let statement = text(statement)?;
    let files = keep_files(app, uploads, FilePurpose::FeeProof).await?;
    let event = Event::FeePaymentReported {
        statement,
        files: files.iter().map(|f| f.sha256.clone()).collect(),
    };
    let step = RecordStep {
        application: found.id,
        seen_seq: last_seq(app, &found).await?,
        event: &event,
        on: app.today(),
        status: found.status,
        ended_on: None,
        letter: None,
        files: &files,
    };
    match app.store.record_step(&step, &applicant(&found)).await {
        Ok(stored) => Ok(stored),
        Err(StoreError::Refused(_)) => Err(ResponseRefusal::Changed),
        Err(e) => Err(e.into()),
    }
}

/// Files kept earlier and named by their digest (a decision's documents, attached before its letter was
/// previewed and carried by the confirm form): read back from the store of bytes and checked again as new
/// uploads are, so that a digest typed into a form names nothing but a file that passes the same checks.
pub async fn files_kept_before(
    app: &App,
    named: &[(String, String)],
    purpose: FilePurpose,
) -> Result<Vec<NewApplicationFile>, ResponseRefusal> {
    let mut uploads = Vec::new();
    for (name, sha256) in named {
        let bytes = crate::attachments::read(&app.store, sha256)
            .await
            .map_err(|_| ResponseRefusal::Field {
                field: "files",
                said: said("error_file_gone"),
            })?;
        uploads.push(Upload {
            name: name.clone(),
            bytes,
        });
    }
    keep_files(app, &uploads, purpose).await
}

//! Receiving an application for disclosure (条例第二十七至二十九条) through any channel: online, or registered by
//! staff for one handed in, posted, faxed or e-mailed (条例第三十一条 fixes the day of receipt by channel). The
//! domain checks every field; the application, its first event and its tracking number are stored in one
//! transaction; the receipt carries the query code this once.

use chrono::{Datelike, NaiveDate};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::clock::{ClockEvent, compute};
use gongkai_domain::application::intake::{
    ApplicantInput, ApplicationInput, Channel, QUERY_CODE_LEN, QueryCode, SALT_BYTES,
};
use gongkai_domain::application::monthly::applicant_identity;
use gongkai_domain::application::resubmission::{Filed, RESUBMISSION_WINDOW_MS, is_resubmission};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::field::FieldError;
use gongkai_store::{AgencyStore, ApplicationStore, NewApplication};

use crate::context::App;
use crate::error::AppError;
use crate::error_code::ErrorCode;

/// What the applicant asks for, as typed (a form, a JSON body, a letter read by staff).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// The agency's name or credit code.
    pub agency: String,
    pub applicant: ApplicantInput,
    /// 所需信息的名称、文号或其他特征描述 (条例第二十九条第二项).
    pub description: String,
    /// `paper` | `electronic`.
    pub form: String,
    /// `post` | `email` | `pickup` | `online`.
    pub delivery: String,
}

/// How an application came in: through this platform, or registered by staff for a channel of 条例第三十一条.
pub struct Intake {
    pub channel: String,
    /// The day it was handed in, posted, faxed or e-mailed.
    pub sent_on: String,
    /// The day the agency signed for it or confirmed it with the applicant.
    pub confirmed_on: String,
    pub by: ActorRef,
    /// A scan or photo of the applicant's identity document (条例第二十九条), already checked.
    pub id_proof: Option<IdProof>,
}

/// An uploaded proof of identity that passed its check (`gongkai_domain::application::intake::proof`).
pub struct IdProof {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

impl Intake {
    /// Submitted through this platform, the application is confirmed on the day it arrives (条例第三十一条第三项).
    pub fn online(today: NaiveDate) -> Intake {
        Intake {
            channel: "online".into(),
            sent_on: today.to_string(),
            confirmed_on: today.to_string(),
            by: ActorRef::Citizen {
                reference: "online application".into(),
            },
            id_proof: None,
        }
    }
}

/// What the applicant is given: the tracking number and, this once, the query code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub tracking_no: String,
    /// `None` when this is the receipt of an application filed before (see `duplicate`): only the hash of its
    /// code is kept, so the code was shown once, with the first receipt.
    pub query_code: Option<String>,
    /// The same applicant sent the same request to the same agency within a day: nothing new was filed and
    /// this is the first application's receipt.
    pub duplicate: bool,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    /// The due date reaches into a year whose holiday notice is not loaded yet.
    pub due_provisional: bool,
}

/// A field the application got wrong: the field, the problem's code and the message key that says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRefusal {
    pub field: String,
    pub problem: &'static str,
    pub message_key: String,
}

/// Why an application was not received; nothing was stored.
#[derive(Debug)]
pub enum Refusal {
    Fields(Vec<FieldRefusal>),
    App(AppError),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl From<gongkai_store::StoreError> for Refusal {
    fn from(e: gongkai_store::StoreError) -> Self {
        Self::App(e.into())
    }
}

fn field_refusals(errors: Vec<FieldError>) -> Refusal {
    Refusal::Fields(
        errors
            .into_iter()
            .map(|e| FieldRefusal {
                message_key: format!("field_{}", e.problem.code()),
                problem: e.problem.code(),
                field: e.field,
            })
            .collect(),
    )
}

/// Checks and stores an application; the receipt, or every field's problem and nothing stored.
pub async fn receive(app: &App, request: Request, intake: Intake) -> Result<Receipt, Refusal> {
    let today = app.today();
    let input = ApplicationInput {
        agency: request.agency.clone(),
        applicant: request.applicant.clone(),
        description: request.description.clone(),
        form: request.form.clone(),
        delivery: request.delivery.clone(),
        channel: intake.channel.clone(),
        sent_on: intake.sent_on.clone(),
        confirmed_on: intake.confirmed_on.clone(),
    };
    let checked = input.check(today).map_err(field_refusals)?;
    let Some(agency) = app.store.agency_by_name_or_code(&checked.agency).await? else {
        return Err(Refusal::Fields(vec![FieldRefusal {
            field: "agency".into(),
            problem: "unknown_agency",
            message_key: "error_application_unknown_agency".into(),
        }]));
    };
    // A posted letter not yet signed for, or a channel not yet confirmed with the applicant, is not received
    // (条例第三十一条): staff register it once the day is known.
    let Some(received_on) = checked.received_on else {
        return Err(Refusal::Fields(vec![FieldRefusal {
            field: "confirmed_on".into(),
            problem: "required",
            message_key: "field_required".into(),
        }]));
    };
    // 个人信息保护法第六条: only what was checked is kept; a field that does not belong to this kind of applicant
    // is dropped, not stored as sent.
    let applicant_kept = checked.applicant.to_input();
    if intake.channel == "online"
        && let Some(first) =
            resubmitted(app, agency.id, &applicant_kept, &checked.description).await?
    {
        return Ok(first);
    }
    // Counted only for what would be filed: a resubmission above files nothing and takes nothing.
    if intake.channel == "online"
        && let Some(identity) = applicant_identity(&applicant_kept)
        && let Err(retry_after_secs) = app.identity_limit.take(&identity)
    {
        return Err(Refusal::App(AppError::TooMany {
            code: ErrorCode::ApplicationTooManyFromApplicant,
            retry_after_secs,
        }));
    }
    let (due_on, due_provisional) = due(app, received_on)?;
    let mut random = [0_u8; QUERY_CODE_LEN];
    getrandom::fill(&mut random).map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let code = QueryCode::from_random(&random);
    let mut salt = [0_u8; SALT_BYTES];
    getrandom::fill(&mut salt).map_err(|e| AppError::Internal(format!("random: {e}")))?;
    let mut applicant = serde_json::to_value(&applicant_kept).map_err(AppError::internal)?;
    // Written only now that every field passed, so that a refused application leaves nothing behind.
    if let Some(proof) = &intake.id_proof {
        // 个人信息保护法: a proof of identity is sealed and kept apart from the public attachments.
        let sha = crate::attachments::save_private(app, &proof.bytes).await?;
        applicant["id_proof"] = serde_json::json!({
            "sha256": sha, "name": proof.name, "mime": proof.mime, "size": proof.bytes.len(),
        });
    }
    let new = NewApplication {
        agency: agency.id,
        applicant_kind: checked.applicant.kind(),
        applicant: applicant.to_string(),
        description: checked.description.clone(),
        info_form: checked.form,
        delivery: checked.delivery,
        channel: checked.channel,
        received_on: Some(received_on),
        query_code_hash: code.salted_hash(&salt, app.store.chain_hash()),
    };
    let stored = app
        .store
        .create_application(&new, received_on.year(), &intake.by)
        .await?;
    // E-mailed to the applicant who gave an address, whatever the delivery chosen (recorded now, sent by the
    // background task).
    crate::notify::or_log("receipt", crate::notify::receipt(app, &stored).await);
    Ok(Receipt {
        tracking_no: stored.tracking_no.to_string(),
        query_code: Some(code.as_str().to_owned()),
        duplicate: false,
        received_on,
        due_on,
        due_provisional,
    })
}

/// The last day to answer an application received on `received_on` (条例第三十三条), and whether it is
/// provisional.
pub(crate) fn due(app: &App, received_on: NaiveDate) -> Result<(NaiveDate, bool), AppError> {
    let clock = compute(&[ClockEvent::Received { on: received_on }], &app.calendar)
        .map_err(|_| AppError::Refused(ErrorCode::CalendarNoData))?;
    let due_on = clock
        .due
        .ok_or(AppError::Refused(ErrorCode::CalendarNoData))?;
    Ok((due_on, clock.provisional))
}

/// The receipt of the application this one sends again, if the same applicant filed the same request online
/// with `agency` within the last 24 hours. Only online filings are matched: a letter or a visit registered by
/// staff is a separate act of the applicant that the clerk judges.
async fn resubmitted(
    app: &App,
    agency: AgencyId,
    applicant: &ApplicantInput,
    description: &str,
) -> Result<Option<Receipt>, AppError> {
    let now_ms = chrono::Utc::now().timestamp_millis();
    let since_ms = now_ms.saturating_sub(RESUBMISSION_WINDOW_MS);
    let recent = app.store.applications_filed_since(agency, since_ms).await?;
    // The first filing, so every resubmission gets the receipt of the same application.
    let first = recent.iter().rev().find(|a| {
        a.channel == Channel::Online
            && serde_json::from_str::<ApplicantInput>(&a.applicant).is_ok_and(|earlier| {
                let filed = Filed {
                    applicant: &earlier,
                    description: &a.description,
                    filed_at_ms: a.created_at_ms,
                };
                is_resubmission(applicant, description, now_ms, &filed)
            })
    });
    let Some(first) = first else {
        return Ok(None);
    };
    let Some(received_on) = first.received_on else {
        return Ok(None);
    };
    let (due_on, due_provisional) = due(app, received_on)?;
    Ok(Some(Receipt {
        tracking_no: first.tracking_no.to_string(),
        query_code: None,
        duplicate: true,
        received_on,
        due_on,
        due_provisional,
    }))
}

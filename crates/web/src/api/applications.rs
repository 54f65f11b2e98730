//! `POST /api/v1/applications` (the online form as JSON: an application for disclosure, 条例第二十七至二十九条) and
//! `GET /api/v1/applications/status` (the public status, by tracking number and query code, without any of the
//! applicant's personal data).

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_domain::application::clock::{ClockEvent, compute};
use gongkai_domain::application::intake::{
    ApplicantInput, ApplicationInput, QUERY_CODE_LEN, QueryCode,
};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AgencyStore, ApplicationStore, NewApplication};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::pages::error_key;
use crate::state::AppState;

/// The applicant as the online form sends it.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct ApplicantBody {
    /// np | org_biz | org_research | org_npo | org_legal | org_other
    pub kind: String,
    pub name: String,
    /// 证件类型（公民）/ identity document type (a person)
    pub id_type: String,
    pub id_number: String,
    /// 统一社会信用代码（组织）/ unified social credit code (an organisation)
    pub credit_code: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ApplicationBody {
    /// 机关名称或统一社会信用代码 / the agency's name or credit code
    pub agency: String,
    pub applicant: ApplicantBody,
    /// 所需信息的名称、文号或其他特征描述 / what information is asked for
    pub description: String,
    /// paper | electronic
    pub form: String,
    /// post | email | pickup | online
    pub delivery: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Receipt {
    pub tracking_no: String,
    /// 查询码，只显示这一次 / the query code, shown this once
    pub query_code: String,
    pub received_on: String,
    pub due_on: String,
    /// 期限跨入尚未公布节假日安排的年份，为暂定 / the due date reaches into a year whose holiday notice is not
    /// yet loaded, so it is provisional
    pub due_provisional: bool,
}

/// A field the application got wrong, with the message in the caller's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblemBody {
    pub field: String,
    pub problem: String,
    pub message: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/applications",
    request_body = ApplicationBody,
    responses(
        (status = 201, description = "已收到 / received", body = Receipt),
        (status = 422, description = "申请有误，逐项说明 / the application has problems, field by field"),
        (status = 400, description = "不是 JSON / not JSON")
    )
)]
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    Json(body): Json<ApplicationBody>,
) -> Response {
    let intake = Intake::online(crate::clock::beijing_today());
    match create_inner(&state, lang, body, intake).await {
        Ok(receipt) => (StatusCode::CREATED, Json(receipt)).into_response(),
        Err(Rejection::Fields(fields)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({
                "error": "application.invalid",
                "message": state.views.messages().text(*lang, "error_application_invalid"),
                "fields": fields,
            })),
        )
            .into_response(),
        Err(Rejection::Web(e)) => e.into_response(),
    }
}

pub(crate) enum Rejection {
    Fields(Vec<FieldProblemBody>),
    Web(WebError),
}

impl From<WebError> for Rejection {
    fn from(e: WebError) -> Self {
        Self::Web(e)
    }
}

/// How an application came in: through this platform, or registered by staff for a channel of 条例第三十一条.
pub(crate) struct Intake {
    pub channel: String,
    /// The day it was handed in, posted, faxed or e-mailed.
    pub sent_on: String,
    /// The day the agency signed for it or confirmed it with the applicant.
    pub confirmed_on: String,
    pub by: ActorRef,
    /// A scan or photo of the applicant's identity document (条例第二十九条), already checked.
    pub id_proof: Option<IdProof>,
}

/// An uploaded proof of identity that passed `check_id_proof`.
pub(crate) struct IdProof {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

impl Intake {
    /// Submitted through this platform, the application is confirmed on the day it arrives (条例第三十一条第三项).
    pub fn online(today: chrono::NaiveDate) -> Intake {
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

pub(crate) async fn create_inner(
    state: &AppState,
    lang: Lang,
    body: ApplicationBody,
    intake: Intake,
) -> Result<Receipt, Rejection> {
    let today = crate::clock::beijing_today();
    let a = &body.applicant;
    let input = ApplicationInput {
        agency: body.agency.clone(),
        applicant: ApplicantInput {
            kind: a.kind.clone(),
            name: a.name.clone(),
            id_type: a.id_type.clone(),
            id_number: a.id_number.clone(),
            credit_code: a.credit_code.clone(),
            contact_name: a.contact_name.clone(),
            phone: a.phone.clone(),
            email: a.email.clone(),
            address: a.address.clone(),
        },
        description: body.description.clone(),
        form: body.form.clone(),
        delivery: body.delivery.clone(),
        channel: intake.channel.clone(),
        sent_on: intake.sent_on.clone(),
        confirmed_on: intake.confirmed_on.clone(),
    };
    let catalogue = state.views.messages();
    let problems = |errors: Vec<gongkai_domain::field::FieldError>| {
        Rejection::Fields(
            errors
                .into_iter()
                .map(|e| FieldProblemBody {
                    message: catalogue
                        .text(*lang, &format!("field_{}", e.problem.code()))
                        .to_owned(),
                    problem: e.problem.code().to_owned(),
                    field: e.field,
                })
                .collect(),
        )
    };
    let checked = input.check(today).map_err(problems)?;
    let agency = state
        .store
        .agency_by_name_or_code(&checked.agency)
        .await
        .map_err(WebError::from)?;
    let Some(agency) = agency else {
        return Err(Rejection::Fields(vec![FieldProblemBody {
            field: "agency".into(),
            problem: "unknown_agency".into(),
            message: catalogue
                .text(*lang, &error_key("application.unknown_agency"))
                .to_owned(),
        }]));
    };
    // A posted letter not yet signed for, or a channel not yet confirmed with the applicant, is not received
    // (条例第三十一条): staff register it once the day is known.
    let Some(received_on) = checked.received_on else {
        return Err(Rejection::Fields(vec![FieldProblemBody {
            field: "confirmed_on".into(),
            problem: "required".into(),
            message: catalogue.text(*lang, "field_required").to_owned(),
        }]));
    };
    let clock = compute(&[ClockEvent::Received { on: received_on }], &state.calendar)
        .map_err(|_| WebError::BadRequest(ErrorCode::CalendarNoData))?;
    let due_on = clock
        .due
        .ok_or(WebError::BadRequest(ErrorCode::CalendarNoData))?;
    let mut random = [0_u8; QUERY_CODE_LEN];
    getrandom::fill(&mut random).map_err(|e| WebError::Internal(format!("random: {e}")))?;
    let code = QueryCode::from_random(&random);
    let mut applicant =
        serde_json::to_value(&body.applicant).map_err(|e| WebError::Internal(e.to_string()))?;
    // Written only now that every field passed, so that a refused application leaves nothing behind.
    if let Some(proof) = &intake.id_proof {
        let sha = crate::attachments::save(&state.config.data_dir, &proof.bytes).await?;
        applicant["id_proof"] = serde_json::json!({
            "sha256": sha, "name": proof.name, "mime": proof.mime, "size": proof.bytes.len(),
        });
    }
    let new = NewApplication {
        agency: agency.id,
        applicant_kind: checked.applicant.kind(),
        applicant: applicant.to_string(),
        description: checked.description.clone(),
        info_form: body.form.trim().to_owned(),
        delivery: body.delivery.trim().to_owned(),
        channel: checked.channel.code().to_owned(),
        received_on: Some(received_on),
        query_code_hash: code.hash_hex(),
    };
    let year = chrono::Datelike::year(&received_on);
    let stored = state
        .store
        .create_application(&new, year, &intake.by)
        .await
        .map_err(WebError::from)?;
    Ok(Receipt {
        tracking_no: stored.tracking_no,
        query_code: code.as_str().to_owned(),
        received_on: received_on.to_string(),
        due_on: due_on.to_string(),
        due_provisional: clock.provisional,
    })
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct StatusParams {
    pub tracking_no: String,
    pub query_code: String,
}

/// What anyone holding the tracking number and query code may see: no personal data.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicStatus {
    pub tracking_no: String,
    pub agency: String,
    /// received | awaiting_correction | in_consultation | extended | awaiting_fee | decided | withdrawn | abandoned
    pub status: String,
    pub status_name: String,
    pub received_on: Option<String>,
    pub due_on: Option<String>,
    /// 期限为暂定（见回执）/ the due date is provisional (see the receipt)
    pub due_provisional: bool,
    pub decided_on: Option<String>,
    /// 申请人现在需要做的事：补正或缴费 / what the applicant has to do now: a correction or a payment
    pub waiting_for: Option<ApplicantTask>,
    /// 已送达的告知书 / the letters served, as they were served
    pub letters: Vec<PublicLetter>,
}

/// What the office asked of the applicant (条例第三十条 补正; 国办函〔2020〕109号 收费通知).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicantTask {
    /// correction | payment
    pub kind: String,
    /// 需要补正的事项 / what to correct
    pub what: Option<String>,
    /// 补正或缴费的期限 / correct or pay by
    pub by: Option<String>,
    pub amount_yuan: Option<String>,
}

/// The last request to the applicant, while the application waits for it.
fn applicant_task(
    status: &str,
    events: &[gongkai_store::ApplicationEvent],
) -> Option<ApplicantTask> {
    let (kind, event) = match status {
        "awaiting_correction" => ("correction", "correction_requested"),
        "awaiting_fee" => ("payment", "fee_notice_issued"),
        _ => return None,
    };
    let last = events.iter().rev().find(|e| e.kind == event)?;
    let detail: serde_json::Value = serde_json::from_str(&last.detail).unwrap_or_default();
    let text = |key: &str| detail[key].as_str().map(str::to_owned);
    Some(ApplicantTask {
        kind: kind.to_owned(),
        what: text("what"),
        by: text("correct_by").or_else(|| text("pay_by")),
        amount_yuan: text("amount_yuan"),
    })
}

/// A letter served on the applicant; the addresses need the query code as well.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicLetter {
    pub served_on: String,
    /// post | email | pickup | online
    pub service: String,
    /// `/status/letters/{id}.pdf`, to be asked with `tracking_no` and `query_code`
    pub pdf: String,
    pub docx: String,
    pub pdf_sha256: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/applications/status",
    params(StatusParams),
    responses(
        (status = 200, description = "申请的状态 / the application's state", body = PublicStatus),
        (status = 404, description = "没有该申请，或查询码不对 / no such application, or a wrong query code")
    )
)]
pub async fn status(
    State(state): State<AppState>,
    lang: Lang,
    Query(params): Query<StatusParams>,
) -> Result<Json<PublicStatus>, WebError> {
    let found = state
        .store
        .application_by_tracking_no(&params.tracking_no)
        .await?;
    // A wrong code and an unknown number answer alike, so that numbers cannot be probed.
    let app = found
        .filter(|a| QueryCode::verify_hash(&a.query_code_hash, &params.query_code))
        .ok_or(WebError::NotFoundAs(ErrorCode::ApplicationNotFound))?;
    let events = state.store.application_events(app.id).await?;
    let clock = compute(&crate::clock::clock_events(&events), &state.calendar).ok();
    let due_on = clock.as_ref().and_then(|c| c.due);
    let agency = state
        .store
        .agency(app.agency)
        .await?
        .map(|a| a.profile.name)
        .unwrap_or_default();
    let letters = state
        .store
        .application_letters(app.id)
        .await?
        .into_iter()
        .map(|l| PublicLetter {
            served_on: l.served_on.to_string(),
            service: l.service,
            pdf: format!("/status/letters/{}.pdf", l.id),
            docx: format!("/status/letters/{}.docx", l.id),
            pdf_sha256: l.pdf_sha256,
        })
        .collect();
    Ok(Json(PublicStatus {
        tracking_no: app.tracking_no,
        agency,
        status: app.status.code().to_owned(),
        status_name: state
            .views
            .messages()
            .name(*lang, "application.status", app.status.code())
            .to_owned(),
        received_on: app.received_on.map(|d| d.to_string()),
        due_on: due_on
            .filter(|_| !app.status.is_closed())
            .map(|d| d.to_string()),
        due_provisional: clock.is_some_and(|c| c.provisional) && !app.status.is_closed(),
        waiting_for: applicant_task(app.status.code(), &events),
        decided_on: app.decided_on.map(|d| d.to_string()),
        letters,
    }))
}

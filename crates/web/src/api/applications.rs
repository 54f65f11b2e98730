//! `POST /api/v1/applications` (the online form as JSON: an application for disclosure, 条例第二十七至二十九条) and
//! `GET /api/v1/applications/status` (the public status, by tracking number and query code, without any of the
//! applicant's personal data).

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::lookup;
use gongkai_domain::application::clock::compute;
use gongkai_domain::application::event::{self, Event};
use gongkai_domain::application::status::Status;
use gongkai_store::{AgencyStore, ApplicationStore};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::WebError;
use crate::i18n::Lang;
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
    let intake = Intake::online(state.today());
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

pub(crate) use gongkai_app::applications::{IdProof, Intake};

impl ApplicationBody {
    fn request(self) -> gongkai_app::applications::Request {
        let a = self.applicant;
        gongkai_app::applications::Request {
            agency: self.agency,
            applicant: gongkai_domain::application::intake::ApplicantInput {
                kind: a.kind,
                name: a.name,
                id_type: a.id_type,
                id_number: a.id_number,
                credit_code: a.credit_code,
                contact_name: a.contact_name,
                phone: a.phone,
                email: a.email,
                address: a.address,
            },
            description: self.description,
            form: self.form,
            delivery: self.delivery,
        }
    }
}

pub(crate) async fn create_inner(
    state: &AppState,
    lang: Lang,
    body: ApplicationBody,
    intake: Intake,
) -> Result<Receipt, Rejection> {
    use gongkai_app::applications::{Refusal, receive};
    match receive(state, body.request(), intake).await {
        Ok(r) => Ok(Receipt {
            tracking_no: r.tracking_no,
            query_code: r.query_code,
            received_on: r.received_on.to_string(),
            due_on: r.due_on.to_string(),
            due_provisional: r.due_provisional,
        }),
        Err(Refusal::Fields(fields)) => {
            let messages = state.views.messages();
            Err(Rejection::Fields(
                fields
                    .into_iter()
                    .map(|f| FieldProblemBody {
                        message: messages.text(*lang, &f.message_key).to_owned(),
                        problem: f.problem.to_owned(),
                        field: f.field,
                    })
                    .collect(),
            ))
        }
        Err(Refusal::App(e)) => Err(Rejection::Web(e.into())),
    }
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
    status: Status,
    events: &[gongkai_store::ApplicationEvent],
) -> Option<ApplicantTask> {
    let events = events.iter().map(|e| &e.event);
    match status {
        // 条例第三十条: what to correct, and by when.
        Status::AwaitingCorrection => {
            let (correct_by, what) = events.rev().find_map(|e| match e {
                Event::CorrectionRequested { correct_by, what } => Some((correct_by, what)),
                _ => None,
            })?;
            Some(ApplicantTask {
                kind: "correction".to_owned(),
                what: what.clone(),
                by: Some(correct_by.to_string()),
                amount_yuan: None,
            })
        }
        // 国办函〔2020〕109号: how much, and by when.
        Status::AwaitingFee { .. } => {
            let notice = event::fee_notice(events)?;
            Some(ApplicantTask {
                kind: "payment".to_owned(),
                what: None,
                by: notice.pay_by.map(|d| d.to_string()),
                amount_yuan: Some(notice.amount_yuan.to_string()),
            })
        }
        _ => None,
    }
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
    // A wrong code and an unknown number answer alike, so that numbers cannot be probed.
    let app = lookup::for_applicant(&state, &params.tracking_no, &params.query_code).await?;
    let events = state.store.application_events(app.id).await?;
    let clock = compute(
        &gongkai_app::calendar::clock_events(&events),
        &state.calendar,
    )
    .ok();
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
        tracking_no: app.tracking_no.to_string(),
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
        waiting_for: applicant_task(app.status, &events),
        decided_on: app.decided_on.map(|d| d.to_string()),
        letters,
    }))
}

//! What the caseworker's API shows of an agency's applications: a page of the list, and one application with
//! its state, deadline, events and letters. Staff with casework rights on the agency see the applicant too.

use gongkai_domain::application::event::Event;
use gongkai_store::{ApplicationEvent, StoredApplication, StoredLetter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::i18n::{Lang, Messages};
use crate::models::application::ApplicationBody;

/// An application received by another channel (条例第三十一条), registered by staff or an integration.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
#[schema(example = json!({
    "applicant": {"kind": "np", "name": "张三", "id_type": "resident_id", "id_number": "11010519491231002X",
                  "phone": "13800000000", "address": "河南省孟州市会昌路1号"},
    "description": "2023年度公共资源交易项目清单", "form": "paper", "delivery": "post",
    "channel": "post_signed", "sent_on": "2026-11-20", "confirmed_on": "2026-11-23"}))]
pub struct RegistrationBody {
    /// 申请内容，同 `POST /api/v1/applications`（`agency` 由路径决定）/ the online body (the path names the agency)
    #[serde(flatten)]
    pub application: ApplicationBody,
    /// in_person | post_signed | letter | fax | email
    pub channel: String,
    /// 递交、寄出、传真或发送之日 / the day it was handed in, posted, faxed or e-mailed
    pub sent_on: String,
    /// 签收或与申请人确认之日 / the day it was signed for or confirmed with the applicant
    pub confirmed_on: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    #[param(schema_with = crate::models::schema::case_status)]
    pub status: Option<String>,
    /// 从 1 开始 / from 1
    #[param(minimum = 1.0, maximum = 4294967295.0)]
    pub page: Option<u32>,
}

/// One application in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListedApplication {
    pub tracking_no: String,
    pub status: String,
    pub received_on: Option<String>,
    pub due_on: Option<String>,
    pub decided_on: Option<String>,
    /// 该申请的接口地址 / the application's address in this API
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [{"tracking_no": "GK-2026-000001", "status": "received",
    "received_on": "2026-11-23", "due_on": "2026-12-21", "decided_on": null,
    "url": "/api/v1/agencies/2/applications/GK-2026-000001"}], "page": 1, "per_page": 20, "total": 1}))]
pub struct ApplicationPage {
    pub items: Vec<ListedApplication>,
    pub page: u32,
    pub per_page: u32,
    pub total: usize,
}

/// One event of the application's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventBody {
    /// 事件序号，可作 `seen_seq` / its number, to send back as `seen_seq`
    pub seq: i64,
    /// received | correction_requested | … | decided
    pub kind: String,
    pub on: String,
    /// 办理人：official:用户名、token:令牌名称 / who recorded it
    pub actor: String,
    /// 该事件的具体内容 / what the event records, by its stored names
    #[schema(value_type = Object)]
    pub particulars: serde_json::Value,
}

/// A letter served on the applicant, as it was served.
#[derive(Debug, Serialize, ToSchema)]
pub struct LetterBody {
    /// decision | correction | extension | consultation | agency_consultation | fee | reasons | delay | termination
    pub kind: String,
    /// 文书名称 / the notice's name in the caller's language
    pub kind_name: String,
    /// 发文字号, e.g. 孟公资依申告〔2026〕13号 (absent for letters kept before numbering)
    pub doc_no: Option<String>,
    pub served_on: String,
    /// PDF 的摘要：SHA-256（十六进制）；国密配置下为 SM3，写作 `sm3:` 加十六进制 / the PDF's digest: SHA-256 in hex; with
    /// 国密 (`crypto = "gm"`) SM3, written `sm3:` and hex
    pub sha256: String,
    pub pdf: String,
    pub docx: String,
    pub text: String,
}

/// An application as its handling agency sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseworkApplication {
    pub tracking_no: String,
    /// received | awaiting_correction | in_consultation | extended | awaiting_fee | decided | withdrawn | abandoned
    pub status: String,
    pub status_name: String,
    pub channel: String,
    pub delivery: String,
    pub description: String,
    /// 申请人信息（个人信息，仅限本机关办理人员）/ the applicant (personal data, for the agency's caseworkers only)
    #[schema(value_type = Object)]
    pub applicant: serde_json::Value,
    pub received_on: Option<String>,
    pub due_on: Option<String>,
    pub due_provisional: bool,
    pub decided_on: Option<String>,
    /// 最后一个事件的序号 / the last event's number (send it as `seen_seq`)
    pub seen_seq: i64,
    /// 当前可办理的步骤 / the steps its state allows now
    pub steps: Vec<String>,
    pub events: Vec<EventBody>,
    pub letters: Vec<LetterBody>,
}

/// An event's particulars: the stored fields, without the kind.
fn particulars(event: &Event) -> serde_json::Value {
    let mut value = serde_json::to_value(event).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.remove("kind");
    }
    value
}

/// The parts of [`CaseworkApplication`] that come from the clock and the state machine.
pub struct Reckoning {
    pub due_on: Option<chrono::NaiveDate>,
    pub due_provisional: bool,
    pub steps: Vec<String>,
}

impl CaseworkApplication {
    pub fn of(
        app: &StoredApplication,
        events: &[ApplicationEvent],
        letters: &[StoredLetter],
        reckoning: Reckoning,
        words: &Messages,
        lang: Lang,
    ) -> Self {
        let base = application_url(app);
        let open = !app.status.is_closed();
        Self {
            tracking_no: app.tracking_no.to_string(),
            status: app.status.code().to_owned(),
            status_name: words
                .name(*lang, "application.status", app.status.code())
                .to_owned(),
            channel: app.channel.code().to_owned(),
            delivery: app.delivery.code().to_owned(),
            description: app.description.clone(),
            applicant: serde_json::from_str(&app.applicant).unwrap_or_default(),
            received_on: app.received_on.map(|d| d.to_string()),
            due_on: reckoning.due_on.filter(|_| open).map(|d| d.to_string()),
            due_provisional: reckoning.due_provisional && open,
            decided_on: app.decided_on.map(|d| d.to_string()),
            seen_seq: events.last().map_or(0, |e| e.seq),
            steps: reckoning.steps,
            events: events
                .iter()
                .map(|e| EventBody {
                    seq: e.seq,
                    kind: e.event.kind().to_owned(),
                    on: e.on.to_string(),
                    actor: e.actor.clone(),
                    particulars: particulars(&e.event),
                })
                .collect(),
            letters: letters
                .iter()
                .map(|l| LetterBody {
                    kind: l.kind.clone(),
                    kind_name: words
                        .text(*lang, &format!("notice_kind_{}", l.kind))
                        .to_owned(),
                    doc_no: l.doc_no.clone(),
                    served_on: l.served_on.to_string(),
                    sha256: l.pdf_sha256.clone(),
                    pdf: format!("{base}/letters/{}.pdf", l.id),
                    docx: format!("{base}/letters/{}.docx", l.id),
                    text: format!("{base}/letters/{}.txt", l.id),
                })
                .collect(),
        }
    }
}

/// `/api/v1/agencies/{agency}/applications/{tracking_no}`.
pub fn application_url(app: &StoredApplication) -> String {
    format!(
        "/api/v1/agencies/{}/applications/{}",
        app.agency.0, app.tracking_no
    )
}

/// An agency in `GET /api/v1/agencies`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": 2, "name": "孟州市公共资源交易中心", "credit_code": "11410883MB0000002X",
    "kind": "department", "parent": 1}))]
pub struct AgencyEntry {
    pub id: i64,
    pub name: String,
    pub credit_code: Option<String>,
    /// government | department | …
    pub kind: String,
    pub parent: Option<i64>,
}

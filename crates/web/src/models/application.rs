//! What a page and its JSON twin show of an application: the online form's body, the receipt, a field's
//! problem, the public status. The portal, the console and the API all build these from the use cases'
//! answers, so the same application reads the same everywhere.

use std::collections::BTreeMap;

use gongkai_app::applications::status::{self as app_status, ApplicantTask as Task};
use gongkai_app::applications::{FieldRefusal, Receipt as AppReceipt, Request};
use gongkai_domain::application::intake::ApplicantInput;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::i18n::{Lang, Messages};
use crate::models::schema;

/// The applicant as the online form sends it.
/// Unknown fields are refused: the applicant is kept only as checked. The bounds hold for whichever kind of
/// applicant, including fields that kind does not use.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ApplicantBody {
    #[schema(required = true, schema_with = schema::applicant_kind)]
    pub kind: String,
    /// 姓名或名称 / the person's or the organisation's name
    #[schema(required = true, min_length = 1, max_length = 100)]
    pub name: String,
    #[schema(schema_with = schema::id_type)]
    pub id_type: String,
    /// 证件号码（公民必填）/ identity document number (a person's is required)
    #[schema(max_length = 30)]
    pub id_number: String,
    /// 统一社会信用代码（组织必填）/ unified social credit code (an organisation's is required)
    #[schema(max_length = 32)]
    pub credit_code: String,
    /// 联系人（组织必填）/ contact person (an organisation's is required)
    #[schema(max_length = 50)]
    pub contact_name: String,
    /// 电话、电子邮箱、通信地址至少一项 / at least one of phone, e-mail and address
    #[schema(max_length = 60)]
    pub phone: String,
    #[schema(max_length = 200)]
    pub email: String,
    #[schema(max_length = 200)]
    pub address: String,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ApplicationBody {
    /// 机关名称或统一社会信用代码 / the agency's name or credit code
    #[schema(required = true, min_length = 1, max_length = 64)]
    pub agency: String,
    #[schema(required = true)]
    pub applicant: ApplicantBody,
    /// 所需信息的名称、文号或其他特征描述 / what information is asked for
    #[schema(required = true, min_length = 1, max_length = 2000)]
    pub description: String,
    #[schema(required = true, schema_with = schema::info_form)]
    pub form: String,
    #[schema(required = true, schema_with = schema::delivery)]
    pub delivery: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Receipt {
    pub tracking_no: String,
    /// 查询码，只显示这一次；重复提交时不再显示 / the query code, shown this once; absent on the receipt of a
    /// duplicate submission
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_code: Option<String>,
    /// 24小时内同一申请人向同一机关提交相同申请，未重复受理，此为首次申请的回执 / the same applicant sent the same
    /// request to the same agency within 24 hours: nothing new was filed, this is the first receipt
    pub duplicate: bool,
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

impl ApplicationBody {
    /// The body as the use case's request.
    pub fn request(self) -> Request {
        let a = self.applicant;
        Request {
            agency: self.agency,
            applicant: ApplicantInput {
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

impl From<AppReceipt> for Receipt {
    fn from(r: AppReceipt) -> Self {
        Self {
            tracking_no: r.tracking_no,
            query_code: r.query_code,
            duplicate: r.duplicate,
            received_on: r.received_on.to_string(),
            due_on: r.due_on.to_string(),
            due_provisional: r.due_provisional,
        }
    }
}

/// Each field's problem in `lang`.
pub fn field_problems(
    fields: Vec<FieldRefusal>,
    words: &Messages,
    lang: Lang,
) -> Vec<FieldProblemBody> {
    fields
        .into_iter()
        .map(|f| FieldProblemBody {
            message: words.text(*lang, &f.message_key).to_owned(),
            problem: f.problem.to_owned(),
            field: f.field,
        })
        .collect()
}

/// Field problems by a form's own field names (`applicant.id_number` is `id_number`).
pub fn form_errors(fields: Vec<FieldProblemBody>) -> BTreeMap<String, String> {
    fields
        .into_iter()
        .map(|f| {
            (
                f.field.rsplit('.').next().unwrap_or(&f.field).to_owned(),
                f.message,
            )
        })
        .collect()
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
    /// 答复类型（全国统一的办理结果分类）/ how it was decided (the national taxonomy's row), once decided
    pub outcome: Option<String>,
    pub outcome_name: Option<String>,
    /// 已超期未答复时的救济途径 / set when the answer is late: where the applicant may turn
    pub late: Option<LateAdvice>,
    /// 申请人现在需要做的事：补正或缴费 / what the applicant has to do now: a correction or a payment
    pub waiting_for: Option<ApplicantTask>,
    /// 已送达的告知书 / the letters served, as they were served
    pub letters: Vec<PublicLetter>,
    /// 随答复公开的文件 / the documents disclosed with the decision
    pub disclosed: Vec<PublicFile>,
}

/// 条例第五十一条 and 行政复议法（2023）第二十三条第一款第三项: where a late answer may be taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct LateAdvice {
    /// 上一级行政机关（可投诉、举报）/ the agency above, for a complaint; empty at the top of the tree
    pub complain_to: String,
    /// 行政复议机关 / the reconsideration body; empty when none is known
    pub review_body: String,
}

/// A document disclosed with the decision; the address needs the tracking number and query code as well.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicFile {
    pub name: String,
    pub media_type: String,
    pub size: u64,
    /// 文件摘要：SHA-256（十六进制）；国密配置下为 SM3，写作 `sm3:` 加十六进制 / the file's digest: SHA-256 in hex; with
    /// 国密 (`crypto = "gm"`) SM3, written `sm3:` and hex
    pub sha256: String,
    /// `/status/files/{id}`, to be asked with `tracking_no` and `query_code`
    pub href: String,
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
    /// 申请人已告知缴费，待机关核实 / the applicant said it was paid; the office has yet to confirm it
    pub reported: bool,
}

/// A letter served on the applicant; the addresses need the query code as well.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicLetter {
    /// decision | correction | extension | fee | reasons | delay | termination
    pub kind: String,
    /// 答复告知书, 补正告知书 … in the visitor's language
    pub kind_name: String,
    /// 发文字号, e.g. 孟公资依申补〔2026〕3号 (absent on letters served before numbers were kept)
    pub doc_no: Option<String>,
    pub served_on: String,
    /// post | email | pickup | online
    pub service: String,
    /// `/status/letters/{id}.pdf`, to be asked with `tracking_no` and `query_code`
    pub pdf: String,
    pub docx: String,
    /// PDF 的摘要：SHA-256（十六进制）；国密配置下为 SM3，写作 `sm3:` 加十六进制 / the PDF's digest: SHA-256 in hex; with
    /// 国密 (`crypto = "gm"`) SM3, written `sm3:` and hex
    pub pdf_sha256: String,
}

impl PublicStatus {
    /// The use case's answer, with the state named in `lang`.
    pub fn of(s: app_status::PublicStatus, words: &Messages, lang: Lang) -> Self {
        let waiting_for = s.waiting_for.map(|task| match task {
            Task::Correction { what, by } => ApplicantTask {
                kind: "correction".to_owned(),
                what,
                by: Some(by.to_string()),
                amount_yuan: None,
                reported: false,
            },
            Task::Payment {
                amount_yuan,
                by,
                reported,
            } => ApplicantTask {
                kind: "payment".to_owned(),
                what: None,
                by: by.map(|d| d.to_string()),
                amount_yuan: Some(amount_yuan.to_string()),
                reported,
            },
        });
        Self {
            tracking_no: s.tracking_no,
            agency: s.agency,
            status: s.status.code().to_owned(),
            status_name: words
                .name(*lang, "application.status", s.status.code())
                .to_owned(),
            received_on: s.received_on.map(|d| d.to_string()),
            due_on: s.due_on.map(|d| d.to_string()),
            due_provisional: s.due_provisional,
            decided_on: s.decided_on.map(|d| d.to_string()),
            outcome: s.outcome.map(|o| o.code().to_owned()),
            outcome_name: s
                .outcome
                .map(|o| words.name(*lang, "outcome", o.code()).to_owned()),
            late: s.late.map(|l| LateAdvice {
                complain_to: l.complain_to,
                review_body: l.review_body,
            }),
            disclosed: s
                .disclosed
                .into_iter()
                .map(|f| PublicFile {
                    href: format!("/status/files/{}", f.id),
                    name: f.name,
                    media_type: f.media_type,
                    size: f.size,
                    sha256: f.sha256,
                })
                .collect(),
            waiting_for,
            letters: s
                .letters
                .into_iter()
                .map(|l| PublicLetter {
                    kind_name: words
                        .text(*lang, &format!("notice_kind_{}", l.kind))
                        .to_owned(),
                    kind: l.kind,
                    doc_no: l.doc_no,
                    served_on: l.served_on.to_string(),
                    service: l.service,
                    pdf: format!("/status/letters/{}.pdf", l.id),
                    docx: format!("/status/letters/{}.docx", l.id),
                    pdf_sha256: l.pdf_sha256,
                })
                .collect(),
        }
    }
}

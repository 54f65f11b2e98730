//! The JSON of a caseworker's step (`POST …/applications/{tracking_no}/steps`) as the typed event it records.
//! Only the reading is here: whether the step may be taken is the domain's `plan`, called by the use case, as
//! for the console's forms.

use chrono::NaiveDate;
use gongkai_domain::application::event::{self, Decision, Event, PartyKind};
use gongkai_domain::application::fees::FeeMethod;
use gongkai_domain::application::handling::ActionKind;
use gongkai_domain::application::intake::Delivery;
use gongkai_domain::application::outcome::{NotHeld, NotHeldGround, Outcome};
use serde::Deserialize;
use utoipa::ToSchema;

use gongkai_app::applications::fees::FeeRequest;

/// A step, with the particulars its kind needs.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
#[schema(example = json!({"step": "decide", "on": "2026-11-30", "outcome": "process_info",
    "reasons": "申请公开的信息是行政机关在履行行政管理职能过程中形成的过程性信息。", "seen_seq": 1}))]
pub struct StepBody {
    /// request_correction | correction_received | correction_overdue | consultation_started |
    /// consultation_ended | extend | custom_deadline | reasons_requested | fee_notice | fee_notice_received | fee_paid |
    /// fee_overdue | decide | withdraw
    pub step: String,
    /// 办理之日 YYYY-MM-DD（邮寄送达为交邮之日）/ the day of the step (for post, the day it was posted)
    pub on: String,
    /// 读取时最后一个事件的序号；期间有人办理则 409 / the last event seen; 409 when someone stepped meanwhile
    pub seen_seq: Option<i64>,
    /// request_correction: 补正期限 / the correction deadline
    pub correct_by: String,
    /// request_correction: 需要补正的事项（一次性告知）/ everything to correct, at once
    pub items: Vec<String>,
    /// consultation_started: third_party（第三十二条）| agency（第三十四条）
    pub party_kind: String,
    /// consultation_started: 征求意见的对象 / who is consulted
    pub party: String,
    /// extend: 延长的工作日数（至多 20）/ working days (at most 20)
    pub days: Option<u32>,
    /// extend, custom_deadline: 理由 / the reason
    pub reason: String,
    /// custom_deadline: 第三十五条的答复期限 / the later deadline
    pub due: String,
    /// fee_notice: per_page | per_application
    pub method: String,
    /// fee_notice per_page: 页数 / pages supplied
    pub pages: Option<u32>,
    /// fee_notice per_application: 本月第几件申请，可不填；按登记簿统计，与之不符则 422 / the applicant's
    /// applications this month, this one included: optional, counted from the register (422 when it differs)
    pub count: Option<u32>,
    /// decide: `Outcome` 的代码 / the outcome's code (open, partial, process_info …)
    pub outcome: String,
    /// decide: 告知书中的理由 / the reasons the letter gives
    pub reasons: String,
    /// decide: 告知书中的其他内容 / anything else the letter says
    pub extra: String,
    /// decide not_held: does_not_exist（第三十六条第（四）项）| not_ours（第（五）项）
    pub not_held_ground: String,
    /// decide not_held, not_ours: 负责公开该信息的机关 / the agency that is responsible, when known
    pub competent_agency: String,
    /// decide not_held, not_ours: 该机关的联系方式 / its contact
    pub competent_contact: String,
    /// reasons_requested: 申请人说明理由的期限 / the day the applicant is to explain by (第三十五条)
    pub reply_by: String,
    /// decide, fee_notice: post | email | pickup | online；不填为申请人要求的方式 / how the letter or the fee notice
    /// is served (a fee notice by post or by hand waits for `fee_notice_received`)
    pub delivery: String,
}

/// A field the step got wrong: the field, the problem's code and the message key that says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub problem: &'static str,
    pub key: &'static str,
}

/// Why the body is not a step.
#[derive(Debug)]
pub enum Unread {
    /// No such step, or one the application's history cannot have (a lapse without a 补正 notice).
    NotAStep,
    Fields(Vec<FieldProblem>),
}

/// The event the step records, or the fee notice still to be composed from the register.
#[derive(Debug)]
pub enum ReadEvent {
    Ready(Event),
    /// 国办函〔2020〕109号: composed by the app (the count this month comes from the register); `stated_count`
    /// is the count the caller sent, if any, which must agree with the register's.
    Fee {
        request: FeeRequest,
        stated_count: Option<u32>,
    },
}

/// The step as the use case takes it.
#[derive(Debug)]
pub struct ReadStep {
    pub kind: ActionKind,
    pub on: NaiveDate,
    pub event: ReadEvent,
    pub reason: String,
    pub extra: String,
}

/// The API's step names, in the order of [`ActionKind::ALL`].
const NAMES: [(ActionKind, &str); 14] = [
    (ActionKind::RequestCorrection, "request_correction"),
    (ActionKind::CorrectionReceived, "correction_received"),
    (ActionKind::CorrectionOverdue, "correction_overdue"),
    (ActionKind::StartConsultation, "consultation_started"),
    (ActionKind::EndConsultation, "consultation_ended"),
    (ActionKind::Extend, "extend"),
    (ActionKind::CustomDeadline, "custom_deadline"),
    (ActionKind::RequestReasons, "reasons_requested"),
    (ActionKind::IssueFeeNotice, "fee_notice"),
    (ActionKind::FeeNoticeReceived, "fee_notice_received"),
    (ActionKind::FeePaid, "fee_paid"),
    (ActionKind::FeeOverdue, "fee_overdue"),
    (ActionKind::Decide, "decide"),
    (ActionKind::Withdraw, "withdraw"),
];

/// The API's name of a step.
pub fn step_name(kind: ActionKind) -> &'static str {
    NAMES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, name)| name)
}

fn step_kind(name: &str) -> Option<ActionKind> {
    NAMES.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
}

/// How a letter or notice is served; empty: the way the applicant asked for.
fn delivery(fields: &mut Fields, code: &str) -> Option<Delivery> {
    match code.trim() {
        "" => None,
        code => {
            let found = Delivery::from_code(code);
            if found.is_none() {
                fields.push("delivery", "unknown_choice");
            }
            found
        }
    }
}

/// Collects the problems of the body's fields, so that all are named at once.
#[derive(Default)]
struct Fields(Vec<FieldProblem>);

impl Fields {
    fn push(&mut self, field: &'static str, problem: &'static str) {
        let key = match problem {
            "bad_date" => "field_bad_date",
            "bad_number" => "field_bad_number",
            "unknown_choice" => "field_unknown_choice",
            _ => "field_required",
        };
        self.0.push(FieldProblem {
            field,
            problem,
            key,
        });
    }

    fn date(&mut self, field: &'static str, text: &str) -> Option<NaiveDate> {
        if text.trim().is_empty() {
            self.push(field, "required");
            return None;
        }
        let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.push(field, "bad_date");
        }
        parsed
    }

    fn text(&mut self, field: &'static str, text: &str) -> Option<String> {
        let t = text.trim();
        if t.is_empty() {
            self.push(field, "required");
            return None;
        }
        Some(t.to_owned())
    }

    fn number(&mut self, field: &'static str, n: Option<u32>) -> Option<u32> {
        if n.is_none() {
            self.push(field, "required");
        }
        n
    }
}

/// The body as the event it records; `history` is the application's events so far.
pub fn read(body: &StepBody, history: &[Event]) -> Result<ReadStep, Unread> {
    let kind = step_kind(body.step.trim()).ok_or(Unread::NotAStep)?;
    let mut fields = Fields::default();
    let on = fields.date("on", &body.on);
    let mut fee = None;
    let event = match kind {
        ActionKind::RequestCorrection => {
            let correct_by = fields.date("correct_by", &body.correct_by);
            // 条例第三十条: 一次性告知 — every item in the one notice.
            let items: Vec<&str> = body
                .items
                .iter()
                .map(|i| i.trim())
                .filter(|i| !i.is_empty())
                .collect();
            if items.is_empty() {
                fields.push("items", "required");
            }
            correct_by.map(|correct_by| Event::CorrectionRequested {
                correct_by,
                what: Some(items.join("；")),
            })
        }
        ActionKind::CorrectionReceived => Some(Event::CorrectionReceived {
            content: None,
            files: Vec::new(),
        }),
        // The deadline the 补正 notice gave (条例第三十条); without a notice there is nothing to lapse.
        ActionKind::CorrectionOverdue => Some(Event::CorrectionDeadlinePassed {
            correct_by: Some(event::correction_deadline(history.iter()).ok_or(Unread::NotAStep)?),
        }),
        ActionKind::StartConsultation => {
            let party_kind = match body.party_kind.trim() {
                "" => {
                    fields.push("party_kind", "required");
                    None
                }
                code => {
                    let found = PartyKind::from_code(code);
                    if found.is_none() {
                        fields.push("party_kind", "unknown_choice");
                    }
                    found
                }
            };
            fields
                .text("party", &body.party)
                .map(|party| Event::ConsultationStarted {
                    party: Some(party),
                    party_kind,
                })
        }
        ActionKind::EndConsultation => Some(Event::ConsultationEnded),
        ActionKind::Extend => {
            let days = fields.number("days", body.days);
            let reason = fields.text("reason", &body.reason);
            days.zip(reason)
                .map(|(working_days, reason)| Event::ExtensionApproved {
                    working_days,
                    reason: Some(reason),
                })
        }
        ActionKind::CustomDeadline => {
            let due = fields.date("due", &body.due);
            let reason = fields.text("reason", &body.reason);
            due.zip(reason)
                .map(|(due, reason)| Event::CustomDeadline { due, reason })
        }
        ActionKind::IssueFeeNotice => {
            let method = match body.method.trim() {
                "per_application" => Some(FeeMethod::PerApplication),
                "per_page" => Some(FeeMethod::PerPage),
                "" => {
                    fields.push("method", "required");
                    None
                }
                _ => {
                    fields.push("method", "unknown_choice");
                    None
                }
            };
            // 按件: the count comes from the register; 按量: the pages are the caller's.
            let pages = match method {
                Some(FeeMethod::PerPage) => fields.number("pages", body.pages),
                _ => Some(0),
            };
            let service = delivery(&mut fields, &body.delivery);
            if let (Some(method), Some(pages)) = (method, pages) {
                fee = Some(ReadEvent::Fee {
                    request: FeeRequest {
                        method,
                        pages,
                        service,
                    },
                    stated_count: body.count.filter(|_| method == FeeMethod::PerApplication),
                });
            }
            None
        }
        ActionKind::FeeNoticeReceived => Some(Event::FeeNoticeReceived),
        // 条例第三十五条: the applicant is asked to explain the reasons for the number or frequency of requests.
        ActionKind::RequestReasons => fields
            .date("reply_by", &body.reply_by)
            .map(|reply_by| Event::ReasonsRequested { reply_by }),
        ActionKind::FeePaid => Some(Event::FeePaid),
        ActionKind::FeeOverdue => Some(Event::FeeDeadlinePassed),
        ActionKind::Decide => {
            let outcome = match body.outcome.trim() {
                "" => {
                    fields.push("outcome", "required");
                    None
                }
                code => {
                    let found = Outcome::from_code(code);
                    if found.is_none() {
                        fields.push("outcome", "unknown_choice");
                    }
                    found
                }
            };
            let service = delivery(&mut fields, &body.delivery);
            // 条例第三十六条: 本机关不掌握 rests on one ground, 第（四）项 or 第（五）项 (naming who holds it).
            let not_held = match outcome {
                Some(Outcome::NotHeld) => match body.not_held_ground.trim() {
                    "" => {
                        fields.push("not_held_ground", "required");
                        None
                    }
                    code => match NotHeldGround::from_code(code) {
                        Some(ground) => {
                            let named = |text: &str| {
                                Some(text.trim().to_owned())
                                    .filter(|t| !t.is_empty() && ground == NotHeldGround::NotOurs)
                            };
                            Some(NotHeld {
                                ground,
                                competent_agency: named(&body.competent_agency),
                                competent_contact: named(&body.competent_contact),
                            })
                        }
                        None => {
                            fields.push("not_held_ground", "unknown_choice");
                            None
                        }
                    },
                },
                _ => None,
            };
            outcome.map(|outcome| {
                Event::Decided(Decision {
                    outcome,
                    reason: Some(body.reasons.trim().to_owned()),
                    extra: Some(body.extra.trim().to_owned()),
                    service,
                    not_held,
                })
            })
        }
        ActionKind::Withdraw => Some(Event::Withdrawn),
    };
    match (on, event.map(ReadEvent::Ready).or(fee)) {
        (Some(on), Some(event)) if fields.0.is_empty() => Ok(ReadStep {
            kind,
            on,
            event,
            reason: match kind {
                ActionKind::Decide => body.reasons.trim().to_owned(),
                _ => body.reason.trim().to_owned(),
            },
            extra: body.extra.trim().to_owned(),
        }),
        _ => Err(Unread::Fields(fields.0)),
    }
}

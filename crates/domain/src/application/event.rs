//! The typed event log of one application: what happened, with exactly the particulars each kind of event
//! keeps. Every writer builds an [`Event`] and every reader matches on one; the kind strings and the shape of
//! the particulars exist here only.
//!
//! Stored form: the store keeps [`Event::kind`] in its `kind` column and the other fields, as the JSON object
//! serde makes of them, in its `detail` column (the `kind` tag taken out). That is the shape the console and
//! the demo wrote before events were typed, so databases written then still decode. Fields some writers
//! left out (the demo's events carry fewer particulars than the console's) are `Option`s that are omitted
//! when `None`, so that what is read back is written back the same. The day of an event is the store's
//! `on` column, not a field here.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::clock::ClockEvent;
use super::fees::FeeMethod;
use super::handling::Action;
use super::intake::{Channel, Delivery};
use super::outcome::{NotHeld, Outcome};

#[path = "event_serde.rs"]
mod codes;

/// One thing that happened to an application (its day is kept beside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// The application counts as received (条例第三十一条: the day depends on the channel).
    Received {
        #[serde(with = "codes::channel")]
        channel: Channel,
    },
    /// 补正告知 (条例第三十条: 一次性告知需要补正的事项和合理的补正期限).
    CorrectionRequested {
        #[serde(with = "codes::date")]
        correct_by: NaiveDate,
        /// What is to be corrected.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        what: Option<String>,
    },
    /// The corrected application arrived; the reply period starts again (条例第三十条). What the correction
    /// clarified and the files sent with it are kept when the applicant sent it online or the clerk typed it
    /// in; events stored before they were kept have neither (stored as `{}`, read back as such).
    CorrectionReceived {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content: Option<String>,
        /// The SHA-256 of each file sent with it (kept as application files of purpose `correction`, stored
        /// with this event), so that the event in the audit chain names exactly what was received.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        files: Vec<String>,
    },
    /// 逾期不补正，视为放弃申请 (条例第三十条), after the deadline the notice gave.
    CorrectionDeadlinePassed {
        #[serde(
            default,
            with = "codes::optional_date",
            skip_serializing_if = "Option::is_none"
        )]
        correct_by: Option<NaiveDate>,
    },
    /// The one extension of 条例第三十三条第二款, approved by the head of the disclosure office.
    ExtensionApproved {
        working_days: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A third party (条例第三十二条) or another agency (条例第三十四条) is consulted.
    ConsultationStarted {
        /// Who is consulted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
        /// A third party (第三十二条: it gets a 征求第三方意见书) or another agency (第三十四条: a 征求意见函);
        /// `None` on events stored before it was asked for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party_kind: Option<PartyKind>,
    },
    ConsultationEnded,
    /// 条例第三十五条: a reasonable later deadline, with its reason.
    CustomDeadline {
        #[serde(with = "codes::date")]
        due: NaiveDate,
        reason: String,
    },
    /// 收费通知 (条例第四十二条; 国办函〔2020〕109号).
    FeeNoticeIssued(FeeNotice),
    /// The applicant received a 收费通知 sent by post or handed over (the day of receipt): the 20 working days
    /// to pay run from the next day (国办函〔2020〕109号). A notice served online or by e-mail is received the
    /// day it is sent and needs no such event.
    FeeNoticeReceived,
    FeePaid,
    /// Not paid within the 20 working days of the notice: 视为放弃申请 (109号 as restated by FEE-SC).
    FeeDeadlinePassed,
    Withdrawn,
    /// The answer (条例第三十六条 to 第三十九条).
    Decided(Decision),
    /// 条例第三十五条: the number or frequency of requests is clearly beyond a reasonable range, and the
    /// applicant is asked to explain why, by `reply_by` (说明理由通知书).
    ReasonsRequested {
        #[serde(with = "codes::date")]
        reply_by: NaiveDate,
    },
    /// The applicant says the fee was paid (a statement, and proof if they attached one). Only the clerk's
    /// [`Event::FeePaid`] confirms a payment: the office checks its account before the clock runs again
    /// (国办函〔2020〕109号), so this event neither changes the state nor moves the clock.
    FeePaymentReported {
        statement: String,
        /// The SHA-256 of each proof sent with it (application files of purpose `fee_proof`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        files: Vec<String>,
    },
}

/// Who is consulted before a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// 条例第三十二条: a third party whose rights the disclosure may harm.
    ThirdParty,
    /// 条例第三十四条: another agency whose information it is.
    Agency,
}

impl PartyKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::ThirdParty => "third_party",
            Self::Agency => "agency",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::ThirdParty, Self::Agency]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// The particulars of a 收费通知 (国办函〔2020〕109号第三条 to 第五条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeNotice {
    pub method: FeeMethod,
    /// 按件计收: the applicant's applications this month, this one included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// 按量计收: the pages supplied (0 when charged by application).
    pub pages: u32,
    /// Kept as the decimal text it was quoted in; a text that is not a number does not decode.
    #[serde(with = "codes::decimal")]
    pub amount_yuan: Decimal,
    /// How the amount was reached, Chinese / English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_within_working_days: Option<u32>,
    /// How the notice was served; `None` for notices recorded before service was kept, whose payment period
    /// was counted from the day of issue.
    #[serde(
        default,
        with = "codes::optional_delivery",
        skip_serializing_if = "Option::is_none"
    )]
    pub service: Option<Delivery>,
    /// The last day to pay, as told to the applicant when it was known at issue (served online or by e-mail).
    #[serde(
        default,
        with = "codes::optional_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub pay_by: Option<NaiveDate>,
}

/// The particulars of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    #[serde(with = "codes::outcome")]
    pub outcome: Outcome,
    /// The reasons given in the letter (条例第三十六条: 告知理由).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<String>,
    /// How the letter was served, when the caseworker chose one; `None` (left out, or `""` as the console
    /// wrote it before) means the way the applicant asked for.
    #[serde(
        default,
        with = "codes::optional_delivery",
        skip_serializing_if = "Option::is_none"
    )]
    pub service: Option<Delivery>,
    /// For `not_held`: the one ground of 条例第三十六条 the letter rests on; `None` on decisions stored before
    /// it was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_held: Option<NotHeld>,
}

impl Event {
    /// The event `action` records when it carries nothing beyond the action's own particulars (a seeder, a
    /// replayed history, a test's fixture): a fee notice is the one action whose particulars it must be given.
    pub fn with_bare_particulars(action: &Action, fee_notice: &FeeNotice) -> Event {
        match action {
            Action::RequestCorrection { correct_by, .. } => Event::CorrectionRequested {
                correct_by: *correct_by,
                what: None,
            },
            Action::CorrectionReceived { .. } => Event::CorrectionReceived {
                content: None,
                files: Vec::new(),
            },
            Action::CorrectionOverdue { .. } => {
                Event::CorrectionDeadlinePassed { correct_by: None }
            }
            Action::StartConsultation { .. } => Event::ConsultationStarted {
                party: None,
                party_kind: None,
            },
            Action::EndConsultation { .. } => Event::ConsultationEnded,
            Action::Extend { working_days, .. } => Event::ExtensionApproved {
                working_days: *working_days,
                reason: None,
            },
            Action::CustomDeadline { due, reason, .. } => Event::CustomDeadline {
                due: *due,
                reason: reason.clone(),
            },
            Action::IssueFeeNotice { .. } => Event::FeeNoticeIssued(fee_notice.clone()),
            Action::FeeNoticeReceived { .. } => Event::FeeNoticeReceived,
            Action::FeePaid { .. } => Event::FeePaid,
            Action::FeeOverdue { .. } => Event::FeeDeadlinePassed,
            Action::Decide { outcome, .. } => Event::Decided(Decision {
                outcome: *outcome,
                reason: None,
                extra: None,
                service: None,
                not_held: None,
            }),
            Action::Withdraw { .. } => Event::Withdrawn,
            Action::RequestReasons { reply_by, .. } => Event::ReasonsRequested {
                reply_by: *reply_by,
            },
        }
    }

    /// Every stored kind, in the order of the variants.
    pub const KINDS: [&'static str; 16] = [
        "received",
        "correction_requested",
        "correction_received",
        "correction_deadline_passed",
        "extension_approved",
        "consultation_started",
        "consultation_ended",
        "custom_deadline",
        "fee_notice_issued",
        "fee_notice_received",
        "fee_paid",
        "fee_deadline_passed",
        "withdrawn",
        "decided",
        "reasons_requested",
        "fee_payment_reported",
    ];

    /// The stable kind, as stored and as the timeline's message keys (`event_<kind>`) name it.
    pub fn kind(&self) -> &'static str {
        let i = match self {
            Self::Received { .. } => 0,
            Self::CorrectionRequested { .. } => 1,
            Self::CorrectionReceived { .. } => 2,
            Self::CorrectionDeadlinePassed { .. } => 3,
            Self::ExtensionApproved { .. } => 4,
            Self::ConsultationStarted { .. } => 5,
            Self::ConsultationEnded => 6,
            Self::CustomDeadline { .. } => 7,
            Self::FeeNoticeIssued(_) => 8,
            Self::FeeNoticeReceived => 9,
            Self::FeePaid => 10,
            Self::FeeDeadlinePassed => 11,
            Self::Withdrawn => 12,
            Self::Decided(_) => 13,
            Self::ReasonsRequested { .. } => 14,
            Self::FeePaymentReported { .. } => 15,
        };
        Self::KINDS[i]
    }

    /// The event as the reply clock reads it, on the day `on` it happened; `None` for what the clock does not
    /// read (the applicant's word that the fee was paid, until the clerk confirms it).
    pub fn clock_event(&self, on: NaiveDate) -> Option<ClockEvent> {
        Some(match self {
            Self::Received { .. } => ClockEvent::Received { on },
            Self::CorrectionRequested { .. } => ClockEvent::CorrectionRequested { on },
            Self::CorrectionReceived { .. } => ClockEvent::CorrectionReceived { on },
            Self::CorrectionDeadlinePassed { .. } => ClockEvent::CorrectionDeadlinePassed { on },
            Self::ExtensionApproved { working_days, .. } => ClockEvent::ExtensionApproved {
                on,
                working_days: *working_days,
            },
            Self::ConsultationStarted { .. } => ClockEvent::ConsultationStarted { on },
            Self::ConsultationEnded => ClockEvent::ConsultationEnded { on },
            Self::CustomDeadline { due, reason } => ClockEvent::CustomDeadline {
                due: *due,
                reason: reason.clone(),
            },
            Self::FeeNoticeIssued(_) => ClockEvent::FeeNoticeIssued { on },
            Self::FeeNoticeReceived => ClockEvent::FeeNoticeReceived { on },
            Self::FeePaid => ClockEvent::FeePaid { on },
            Self::FeeDeadlinePassed => ClockEvent::FeeDeadlinePassed { on },
            Self::Withdrawn => ClockEvent::Withdrawn { on },
            Self::Decided(_) => ClockEvent::Decided { on },
            Self::ReasonsRequested { .. } => ClockEvent::ReasonsRequested { on },
            Self::FeePaymentReported { .. } => return None,
        })
    }

    /// The caseworker's action this event records, on the day `on`, for [`plan`](super::handling::plan):
    /// `None` for the receipt (no caseworker's step) and for a lapsed correction whose notice deadline is
    /// not known (条例第三十条: it may only be recorded after that deadline).
    pub fn action(&self, on: NaiveDate) -> Option<Action> {
        Some(match self {
            Self::Received { .. } => return None,
            Self::CorrectionRequested { correct_by, .. } => Action::RequestCorrection {
                on,
                correct_by: *correct_by,
            },
            Self::CorrectionReceived { .. } => Action::CorrectionReceived { on },
            Self::CorrectionDeadlinePassed { correct_by } => Action::CorrectionOverdue {
                on,
                correct_by: (*correct_by)?,
            },
            Self::ExtensionApproved { working_days, .. } => Action::Extend {
                on,
                working_days: *working_days,
            },
            Self::ConsultationStarted { .. } => Action::StartConsultation { on },
            Self::ConsultationEnded => Action::EndConsultation { on },
            Self::CustomDeadline { due, reason } => Action::CustomDeadline {
                on,
                due: *due,
                reason: reason.clone(),
            },
            Self::FeeNoticeIssued(_) => Action::IssueFeeNotice { on },
            Self::FeeNoticeReceived => Action::FeeNoticeReceived { on },
            Self::FeePaid => Action::FeePaid { on },
            Self::FeeDeadlinePassed => Action::FeeOverdue { on },
            Self::Withdrawn => Action::Withdraw { on },
            Self::Decided(d) => Action::Decide {
                on,
                outcome: d.outcome,
            },
            Self::ReasonsRequested { reply_by } => Action::RequestReasons {
                on,
                reply_by: *reply_by,
            },
            // The applicant's word, not a caseworker's step.
            Self::FeePaymentReported { .. } => return None,
        })
    }
}

/// The clock events of an application's events, each with its day, in order. A 收费通知 the applicant
/// received the day it was sent (online, by e-mail, or recorded before its service was kept) is followed by
/// its receipt on that day, so that its payment period runs from the next day (国办函〔2020〕109号).
pub fn clock_events<'a>(
    events: impl IntoIterator<Item = (NaiveDate, &'a Event)>,
) -> Vec<ClockEvent> {
    let mut out = Vec::new();
    for (on, event) in events {
        out.extend(event.clock_event(on));
        if let Event::FeeNoticeIssued(notice) = event
            && notice.received_when_sent()
        {
            out.push(ClockEvent::FeeNoticeReceived { on });
        }
    }
    out
}

impl FeeNotice {
    /// Served online or by e-mail (received the day it is sent), or recorded before service was kept (its
    /// period was then counted from issue); by post or by hand its receipt is recorded separately.
    pub fn received_when_sent(&self) -> bool {
        matches!(
            self.service,
            None | Some(Delivery::Online) | Some(Delivery::Email)
        )
    }
}

/// The deadline of the latest 补正 notice (条例第三十条), after which the correction may be recorded as lapsed.
pub fn correction_deadline<'a>(
    events: impl DoubleEndedIterator<Item = &'a Event>,
) -> Option<NaiveDate> {
    events.rev().find_map(|e| match e {
        Event::CorrectionRequested { correct_by, .. } => Some(*correct_by),
        _ => None,
    })
}

/// The latest 收费通知 (国办函〔2020〕109号).
pub fn fee_notice<'a>(events: impl DoubleEndedIterator<Item = &'a Event>) -> Option<&'a FeeNotice> {
    events.rev().find_map(|e| match e {
        Event::FeeNoticeIssued(notice) => Some(notice),
        _ => None,
    })
}

/// The applicant's word that the fee was paid, when given after the latest 收费通知 (an older one answered an
/// earlier notice): the statement the clerk is to check before recording the payment.
pub fn fee_payment_reported<'a>(
    events: impl DoubleEndedIterator<Item = &'a Event>,
) -> Option<&'a str> {
    events
        .rev()
        .take_while(|e| !matches!(e, Event::FeeNoticeIssued(_)))
        .find_map(|e| match e {
            Event::FeePaymentReported { statement, .. } => Some(statement.as_str()),
            _ => None,
        })
}

#[cfg(test)]
#[path = "event_tests.rs"]
mod tests;

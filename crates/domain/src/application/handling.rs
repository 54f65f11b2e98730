//! One step a caseworker takes on an application, checked before anything is stored: the date is not in the
//! future nor before the last event, the status machine allows the step, and the clock with the new event
//! still computes. The web layer stores what [`plan`] returns; nothing is written when it refuses.

use crate::message::{Arg, Args, Coded};
use chrono::NaiveDate;

use super::clock::{ClockError, ClockEvent, ClockState, compute};
use super::event::{Event, correction_deadline};
use super::fees::{FEE_PAYMENT_WORKING_DAYS, FeeSchedule};
use super::outcome::Outcome;
use super::status::{Status, Step, StepError};
use crate::calendar::Calendar;

/// What the caseworker asks for, with the day it happened (a letter's 交邮 day, the day the correction arrived …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// 条例第三十条: one notice saying what to correct, with a reasonable deadline.
    RequestCorrection {
        on: NaiveDate,
        correct_by: NaiveDate,
    },
    CorrectionReceived {
        on: NaiveDate,
    },
    /// 视为放弃申请: only after the correction deadline given in the notice (`correct_by`).
    CorrectionOverdue {
        on: NaiveDate,
        correct_by: NaiveDate,
    },
    StartConsultation {
        on: NaiveDate,
    },
    EndConsultation {
        on: NaiveDate,
    },
    /// 条例第三十三条第二款: approved by the head of the disclosure office (a reviewer) and notified.
    Extend {
        on: NaiveDate,
        working_days: u32,
    },
    /// 条例第三十五条: a reasonable later deadline, with its reason.
    CustomDeadline {
        on: NaiveDate,
        due: NaiveDate,
        reason: String,
    },
    IssueFeeNotice {
        on: NaiveDate,
    },
    /// The day the applicant received a 收费通知 sent by post or handed over (国办函〔2020〕109号: the period to
    /// pay runs from the next day).
    FeeNoticeReceived {
        on: NaiveDate,
    },
    FeePaid {
        on: NaiveDate,
    },
    FeeOverdue {
        on: NaiveDate,
    },
    Decide {
        on: NaiveDate,
        outcome: Outcome,
    },
    Withdraw {
        on: NaiveDate,
    },
    /// 条例第三十五条: ask the applicant to explain a number or frequency of requests beyond reason.
    RequestReasons {
        on: NaiveDate,
        reply_by: NaiveDate,
    },
}

impl Action {
    pub fn on(&self) -> NaiveDate {
        match self {
            Self::RequestCorrection { on, .. }
            | Self::CorrectionReceived { on }
            | Self::CorrectionOverdue { on, .. }
            | Self::StartConsultation { on }
            | Self::EndConsultation { on }
            | Self::Extend { on, .. }
            | Self::CustomDeadline { on, .. }
            | Self::IssueFeeNotice { on }
            | Self::FeeNoticeReceived { on }
            | Self::FeePaid { on }
            | Self::FeeOverdue { on }
            | Self::Decide { on, .. }
            | Self::Withdraw { on }
            | Self::RequestReasons { on, .. } => *on,
        }
    }

    /// The step of the status machine; `None` for the 第三十五条 steps and for the receipt of a fee notice,
    /// which change no state.
    fn step(&self) -> Option<Step> {
        Some(match self {
            Self::FeeNoticeReceived { .. } | Self::RequestReasons { .. } => return None,
            Self::RequestCorrection { .. } => Step::RequestCorrection,
            Self::CorrectionReceived { .. } => Step::CorrectionReceived,
            Self::CorrectionOverdue { .. } => Step::CorrectionOverdue,
            Self::StartConsultation { .. } => Step::StartConsultation,
            Self::EndConsultation { .. } => Step::EndConsultation,
            Self::Extend { .. } => Step::Extend,
            Self::CustomDeadline { .. } => return None,
            Self::IssueFeeNotice { .. } => Step::IssueFeeNotice,
            Self::FeePaid { .. } => Step::FeePaid,
            Self::FeeOverdue { .. } => Step::FeeOverdue,
            Self::Decide { outcome, .. } => Step::Decide(*outcome),
            Self::Withdraw { .. } => Step::Withdraw,
        })
    }

    /// The event as the clock reads it, which is also the stored event's kind.
    pub fn clock_event(&self) -> ClockEvent {
        match self.clone() {
            Self::RequestCorrection { on, .. } => ClockEvent::CorrectionRequested { on },
            Self::CorrectionReceived { on } => ClockEvent::CorrectionReceived { on },
            Self::CorrectionOverdue { on, .. } => ClockEvent::CorrectionDeadlinePassed { on },
            Self::StartConsultation { on } => ClockEvent::ConsultationStarted { on },
            Self::EndConsultation { on } => ClockEvent::ConsultationEnded { on },
            Self::Extend { on, working_days } => ClockEvent::ExtensionApproved { on, working_days },
            Self::CustomDeadline { due, reason, .. } => ClockEvent::CustomDeadline { due, reason },
            Self::IssueFeeNotice { on } => ClockEvent::FeeNoticeIssued { on },
            Self::FeeNoticeReceived { on } => ClockEvent::FeeNoticeReceived { on },
            Self::FeePaid { on } => ClockEvent::FeePaid { on },
            Self::FeeOverdue { on } => ClockEvent::FeeDeadlinePassed { on },
            Self::Decide { on, .. } => ClockEvent::Decided { on },
            Self::Withdraw { on } => ClockEvent::Withdrawn { on },
            Self::RequestReasons { on, .. } => ClockEvent::ReasonsRequested { on },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandlingError {
    #[error("{on} is after today ({today}): nothing can be recorded ahead of time")]
    FutureDate { on: NaiveDate, today: NaiveDate },
    #[error("{on} is before the previous event ({last})")]
    BeforeLastEvent { on: NaiveDate, last: NaiveDate },
    #[error("the correction deadline {correct_by} must come after the notice of {on} (Art. 30)")]
    CorrectionDeadline {
        on: NaiveDate,
        correct_by: NaiveDate,
    },
    #[error(
        "the deadline {deadline} has not passed; on {on} the application cannot be treated as abandoned yet"
    )]
    DeadlineNotPassed { on: NaiveDate, deadline: NaiveDate },
    /// 条例第三十条: the office says 一次性 (at once) everything to correct; a second notice is not allowed.
    #[error("a correction was already asked for on {first}; Art. 30 allows one notice only")]
    SecondCorrection { first: NaiveDate },
    /// 补正后申请内容仍不明确 presupposes a 补正 notice and the applicant's answer to it.
    #[error(
        "the applicant was never asked to correct and did not answer; 'still unclear' cannot be decided"
    )]
    StillUnclearWithoutCorrection,
    /// 国办函〔2020〕109号 applies to applications received from the day it took effect.
    #[error(
        "no fee may be charged for an application received on {received}, before {in_force_from}"
    )]
    FeeBeforeFeeRules {
        received: NaiveDate,
        in_force_from: NaiveDate,
    },
    /// 国办函〔2020〕109号: the 20 working days to pay run from receipt; until the receipt of a notice sent by
    /// post or by hand is on record, they have not begun and the fee cannot lapse.
    #[error("the fee notice of {issued} has no recorded receipt: the period to pay has not begun")]
    FeeNoticeNotReceived { issued: NaiveDate },
    /// The receipt of a fee notice is recorded once, for an outstanding notice sent by post or by hand.
    #[error("there is no outstanding fee notice whose receipt is still to be recorded")]
    NoFeeNoticeToReceive,
    /// 条例第三十五条: the applicant needs time to explain.
    #[error("the reply date {reply_by} must come after the notice of {on} (Art. 35)")]
    ReasonsReplyBy { on: NaiveDate, reply_by: NaiveDate },
    #[error("{0}")]
    Step(#[from] StepError),
    #[error("{0}")]
    Clock(#[from] ClockError),
}

impl HandlingError {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::FutureDate { .. } => "application.future_date",
            Self::BeforeLastEvent { .. } => "application.before_last_event",
            Self::CorrectionDeadline { .. } => "application.correction_deadline",
            Self::DeadlineNotPassed { .. } => "application.deadline_not_passed",
            Self::SecondCorrection { .. } => "application.second_correction",
            Self::StillUnclearWithoutCorrection => "application.still_unclear_without_correction",
            Self::FeeBeforeFeeRules { .. } => "application.fee_before_fee_rules",
            Self::FeeNoticeNotReceived { .. } => "application.fee_notice_not_received",
            Self::NoFeeNoticeToReceive => "application.no_fee_notice_to_receive",
            Self::ReasonsReplyBy { .. } => "application.reasons_reply_by",
            Self::Step(e) => e.code(),
            Self::Clock(e) => e.code(),
        }
    }
}

impl Coded for HandlingError {
    fn code(&self) -> &'static str {
        HandlingError::code(self)
    }

    fn args(&self) -> Args {
        let dates = |a: (&'static str, &NaiveDate), b: (&'static str, &NaiveDate)| {
            vec![(a.0, Arg::Date(*a.1)), (b.0, Arg::Date(*b.1))]
        };
        match self {
            Self::FutureDate { on, today } => dates(("on", on), ("today", today)),
            Self::BeforeLastEvent { on, last } => dates(("on", on), ("last", last)),
            Self::CorrectionDeadline { on, correct_by } => {
                dates(("on", on), ("correct_by", correct_by))
            }
            Self::DeadlineNotPassed { on, deadline } => dates(("on", on), ("deadline", deadline)),
            Self::SecondCorrection { first } => vec![("first", Arg::Date(*first))],
            Self::StillUnclearWithoutCorrection => Vec::new(),
            Self::FeeBeforeFeeRules {
                received,
                in_force_from,
            } => dates(("received", received), ("in_force_from", in_force_from)),
            Self::FeeNoticeNotReceived { issued } => vec![("issued", Arg::Date(*issued))],
            Self::NoFeeNoticeToReceive => Vec::new(),
            Self::ReasonsReplyBy { on, reply_by } => dates(("on", on), ("reply_by", reply_by)),
            Self::Step(e) => e.args(),
            Self::Clock(e) => e.args(),
        }
    }
}

/// Rules that look back over the whole history rather than at the present state.
fn check_once_only_rules(history: &[ClockEvent], action: &Action) -> Result<(), HandlingError> {
    let asked = history.iter().find_map(|e| match e {
        ClockEvent::CorrectionRequested { on } => Some(*on),
        _ => None,
    });
    match action {
        // 条例第三十条: 一次性告知申请人作出补正 — one notice, never a second one after the first.
        Action::RequestCorrection { .. } => {
            if let Some(first) = asked {
                return Err(HandlingError::SecondCorrection { first });
            }
        }
        // 三（四）3 补正后申请内容仍不明确: only after a 补正 notice the applicant answered.
        Action::Decide {
            outcome: Outcome::StillUnclear,
            ..
        } => {
            let answered = history
                .iter()
                .any(|e| matches!(e, ClockEvent::CorrectionReceived { .. }));
            if asked.is_none() || !answered {
                return Err(HandlingError::StillUnclearWithoutCorrection);
            }
        }
        // 国办函〔2020〕109号 applies only to applications received once it took effect.
        Action::IssueFeeNotice { .. } => {
            let schedule = FeeSchedule::default();
            let received = history.iter().find_map(|e| match e {
                ClockEvent::Received { on } => Some(*on),
                _ => None,
            });
            if let Some(received) = received
                && !schedule.in_force_on(received)
            {
                return Err(HandlingError::FeeBeforeFeeRules {
                    received,
                    in_force_from: schedule.in_force_from,
                });
            }
        }
        _ => {}
    }
    Ok(())
}

/// The latest 收费通知 if it is still unpaid and not lapsed: the day it was issued and, when on record, the day
/// the applicant received it.
fn outstanding_fee_notice(history: &[ClockEvent]) -> Option<(NaiveDate, Option<NaiveDate>)> {
    let mut outstanding = None;
    for event in history {
        match event {
            ClockEvent::FeeNoticeIssued { on } => outstanding = Some((*on, None)),
            ClockEvent::FeeNoticeReceived { on } => {
                if let Some((_, received)) = outstanding.as_mut() {
                    *received = Some(*on);
                }
            }
            ClockEvent::FeePaid { .. } | ClockEvent::FeeDeadlinePassed { .. } => outstanding = None,
            _ => {}
        }
    }
    outstanding
}

/// What to store: the next status and the clock with the new event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub status: Status,
    pub clock: ClockState,
    /// The day the application ends in law when this step closes it: the day of a decision or withdrawal,
    /// and for a lapse the deadline that passed (the correction deadline of the 补正 notice, or the last day to
    /// pay), not the day a clerk recorded it — a lapse belongs to the year its deadline passed.
    pub ended_on: Option<NaiveDate>,
}

/// Checks `action` against the application's `status` and its clock `history` (starting with the receipt).
pub fn plan(
    status: Status,
    history: &[ClockEvent],
    action: &Action,
    today: NaiveDate,
    calendar: &Calendar,
) -> Result<Planned, HandlingError> {
    let on = action.on();
    if on > today {
        return Err(HandlingError::FutureDate { on, today });
    }
    if let Some(last) = history.iter().filter_map(ClockEvent::date).max()
        && on < last
    {
        return Err(HandlingError::BeforeLastEvent { on, last });
    }
    if let Action::RequestCorrection { on, correct_by } = action
        && correct_by <= on
    {
        return Err(HandlingError::CorrectionDeadline {
            on: *on,
            correct_by: *correct_by,
        });
    }
    if let Action::RequestReasons { on, reply_by } = action
        && reply_by <= on
    {
        return Err(HandlingError::ReasonsReplyBy {
            on: *on,
            reply_by: *reply_by,
        });
    }
    check_once_only_rules(history, action)?;
    // 视为放弃申请 only once the applicant's own deadline has passed: the correction deadline of the notice
    // (条例第三十条), or 20 working days after the 收费通知 (国办函〔2020〕109号 as restated by FEE-SC).
    let deadline = match action {
        Action::CorrectionOverdue { correct_by, .. } => Some(*correct_by),
        Action::FeeOverdue { .. } => match outstanding_fee_notice(history) {
            Some((_, Some(received))) => Some(
                calendar
                    .add_working_days(received, FEE_PAYMENT_WORKING_DAYS)
                    .map_err(|e| HandlingError::Clock(ClockError::Calendar(e)))?
                    .due,
            ),
            Some((issued, None)) => return Err(HandlingError::FeeNoticeNotReceived { issued }),
            None => None,
        },
        _ => None,
    };
    if let Some(deadline) = deadline
        && on <= deadline
    {
        return Err(HandlingError::DeadlineNotPassed { on, deadline });
    }
    let next = match action.step() {
        Some(step) => status.apply(step)?,
        // The receipt of a fee notice belongs to an outstanding notice whose receipt is not yet on record.
        None if matches!(action, Action::FeeNoticeReceived { .. }) => {
            match outstanding_fee_notice(history) {
                Some((_, None)) if !status.is_closed() => status,
                _ => return Err(HandlingError::NoFeeNoticeToReceive),
            }
        }
        // A 第三十五条 deadline or request for reasons is made on an open application and changes no state.
        None if status.is_closed() => {
            return Err(StepError::Closed {
                from: status,
                step: match action {
                    Action::RequestReasons { .. } => "request_reasons",
                    _ => "custom_deadline",
                },
            }
            .into());
        }
        None => status,
    };
    let mut events = history.to_vec();
    events.push(action.clock_event());
    let clock = compute(&events, calendar)?;
    let ended_on = next.final_outcome().map(|_| match action {
        Action::CorrectionOverdue { .. } | Action::FeeOverdue { .. } => deadline.unwrap_or(on),
        _ => on,
    });
    Ok(Planned {
        status: next,
        clock,
        ended_on,
    })
}

/// A kind of step a caseworker can take; its code names the console's form for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    RequestCorrection,
    CorrectionReceived,
    CorrectionOverdue,
    StartConsultation,
    EndConsultation,
    Extend,
    CustomDeadline,
    IssueFeeNotice,
    FeeNoticeReceived,
    FeePaid,
    FeeOverdue,
    Decide,
    Withdraw,
    RequestReasons,
}

impl ActionKind {
    /// In the order the console offers them.
    pub const ALL: [ActionKind; 14] = [
        Self::RequestCorrection,
        Self::CorrectionReceived,
        Self::CorrectionOverdue,
        Self::StartConsultation,
        Self::EndConsultation,
        Self::Extend,
        Self::CustomDeadline,
        Self::RequestReasons,
        Self::IssueFeeNotice,
        Self::FeeNoticeReceived,
        Self::FeePaid,
        Self::FeeOverdue,
        Self::Decide,
        Self::Withdraw,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::CustomDeadline => "custom_deadline",
            Self::FeeNoticeReceived => "fee_notice_received",
            Self::RequestReasons => "request_reasons",
            other => other.step().map(Step::code).unwrap_or_default(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The status machine's step; `None` for a 第三十五条 deadline, which changes no state. Any outcome stands
    /// for a decision here: whether a particular one is allowed is checked when it is chosen.
    fn step(self) -> Option<Step> {
        Some(match self {
            Self::RequestCorrection => Step::RequestCorrection,
            Self::CorrectionReceived => Step::CorrectionReceived,
            Self::CorrectionOverdue => Step::CorrectionOverdue,
            Self::StartConsultation => Step::StartConsultation,
            Self::EndConsultation => Step::EndConsultation,
            Self::Extend => Step::Extend,
            Self::CustomDeadline | Self::FeeNoticeReceived | Self::RequestReasons => return None,
            Self::IssueFeeNotice => Step::IssueFeeNotice,
            Self::FeePaid => Step::FeePaid,
            Self::FeeOverdue => Step::FeeOverdue,
            Self::Decide => Step::Decide(Outcome::Open),
            Self::Withdraw => Step::Withdraw,
        })
    }
}

/// The steps a caseworker may be offered on an application in `status` with these events (in order);
/// [`plan`] checks the chosen one again with its dates. An extension is offered only to whoever may
/// approve it (`may_approve_extension`: 条例第三十三条第二款, the head of the disclosure office). A lapsed
/// correction is offered only when the notice's deadline is on record (条例第三十条), and a 第三十五条
/// deadline only on an open application that is not waiting for a correction.
pub fn offered_steps(
    status: Status,
    history: &[Event],
    may_approve_extension: bool,
) -> Vec<ActionKind> {
    ActionKind::ALL
        .into_iter()
        .filter(|kind| *kind != ActionKind::Extend || may_approve_extension)
        .filter(|kind| {
            *kind != ActionKind::CorrectionOverdue || correction_deadline(history.iter()).is_some()
        })
        .filter(|kind| match kind.step() {
            Some(step) => status.apply(step).is_ok(),
            // Only for the outstanding notice of an application waiting for the fee, sent by post or by hand.
            None if *kind == ActionKind::FeeNoticeReceived => {
                matches!(status, Status::AwaitingFee { .. }) && fee_notice_awaits_receipt(history)
            }
            None => !status.is_closed() && status != Status::AwaitingCorrection,
        })
        .collect()
}

/// The latest 收费通知 went by post or by hand and its receipt is not yet on record.
fn fee_notice_awaits_receipt(history: &[Event]) -> bool {
    for event in history.iter().rev() {
        match event {
            Event::FeeNoticeReceived => return false,
            Event::FeeNoticeIssued(notice) => return !notice.received_when_sent(),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
#[path = "handling_tests.rs"]
mod tests;

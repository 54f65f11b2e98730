//! The life of one 政府信息公开申请 (条例第二十九条 to 第四十二条): which steps exist and which are refused. Dates
//! and deadlines belong to the clock (`clock.rs`); this is only the order of steps, and the table-三 row each
//! ending lands in.

use crate::message::{Arg, Args, Coded};
use serde::{Deserialize, Serialize};

use super::outcome::Outcome;

/// Why an application ended without a decision on its substance (条例第三十条; 国办函〔2020〕109号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Abandonment {
    /// 条例第三十条: 申请人无正当理由逾期不补正的，视为放弃申请.
    CorrectionOverdue,
    /// 国办函〔2020〕109号 as restated by FEE-SC: not paid within 20 working days of the 收费通知, 视为放弃申请.
    FeeUnpaid,
}

impl Abandonment {
    /// The row of table 三: F2021 三（六）1 `r3_6_1_no_correction` / 三（六）2 `r3_6_2_fee_unpaid`; F2019 三（六）.
    pub fn outcome(self) -> Outcome {
        match self {
            Self::CorrectionOverdue => Outcome::NoCorrection,
            Self::FeeUnpaid => Outcome::FeeUnpaid,
        }
    }
}

/// Where an application stands. `extended` remembers the one extension of 条例第三十三条 across a pause, so
/// that a second one is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    /// Received (条例第三十一条); the 20 working days of 第三十三条 run.
    Received,
    /// A 补正 notice was sent (第三十条); the clock restarts when the correction arrives.
    AwaitingCorrection,
    /// A third party or another agency is consulted (第三十二条、第三十四条); the time is not counted (第三十三条第三款).
    InConsultation { extended: bool },
    /// The one extension of at most 20 working days was granted (第三十三条第二款).
    Extended,
    /// A 收费通知 was sent (第四十二条; 国办函〔2020〕109号).
    AwaitingFee { extended: bool },
    /// Answered (第三十六条 to 第三十九条, 第三十五条).
    Decided(Outcome),
    /// The applicant withdrew; counted in 三（六）3 其他 (F2019: 三（六）).
    Withdrawn,
    /// Treated as abandoned (视为放弃申请).
    Abandoned(Abandonment),
}

/// One step in an application's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum Step {
    /// 第三十条: ask once, in one notice, for a correction.
    RequestCorrection,
    /// The corrected application arrived; the reply period starts again (第三十条).
    CorrectionReceived,
    /// The correction deadline passed without good reason.
    CorrectionOverdue,
    StartConsultation,
    EndConsultation,
    /// 第三十三条第二款: once, approved by the head of the disclosure office, the applicant told.
    Extend,
    IssueFeeNotice,
    FeePaid,
    /// The 20 working days to pay passed.
    FeeOverdue,
    Decide(Outcome),
    Withdraw,
}

impl Step {
    pub fn code(self) -> &'static str {
        match self {
            Self::RequestCorrection => "request_correction",
            Self::CorrectionReceived => "correction_received",
            Self::CorrectionOverdue => "correction_overdue",
            Self::StartConsultation => "start_consultation",
            Self::EndConsultation => "end_consultation",
            Self::Extend => "extend",
            Self::IssueFeeNotice => "issue_fee_notice",
            Self::FeePaid => "fee_paid",
            Self::FeeOverdue => "fee_overdue",
            Self::Decide(_) => "decide",
            Self::Withdraw => "withdraw",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("an application that is {} cannot {step}", .from.code())]
    NotAllowed { from: Status, step: &'static str },
    #[error("the application is closed ({}); cannot {step}", .from.code())]
    Closed { from: Status, step: &'static str },
    #[error("the reply period may be extended only once (Art. 33(2))")]
    SecondExtension,
    #[error("{0} results from a lapsed deadline and cannot be decided directly")]
    OutcomeByClock(&'static str),
}

impl Coded for StepError {
    fn code(&self) -> &'static str {
        StepError::code(self)
    }

    /// `from` is the status code (the English message names it so); `status` its name in the locale files.
    fn args(&self) -> Args {
        match self {
            Self::NotAllowed { from, step } | Self::Closed { from, step } => vec![
                ("from", Arg::text(from.code())),
                ("status", Arg::Word(from.word())),
                ("step", Arg::text(step)),
            ],
            Self::SecondExtension => Vec::new(),
            Self::OutcomeByClock(outcome) => vec![("outcome", Arg::text(outcome))],
        }
    }
}

impl StepError {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotAllowed { .. } => "application.step_not_allowed",
            Self::Closed { .. } => "application.closed",
            Self::SecondExtension => "application.second_extension",
            Self::OutcomeByClock(_) => "application.outcome_by_clock",
        }
    }
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::AwaitingCorrection => "awaiting_correction",
            Self::InConsultation { .. } => "in_consultation",
            Self::Extended => "extended",
            Self::AwaitingFee { .. } => "awaiting_fee",
            Self::Decided(_) => "decided",
            Self::Withdrawn => "withdrawn",
            Self::Abandoned(_) => "abandoned",
        }
    }

    /// The message key of the status's name (`app_status_<code>`), for messages that name it.
    pub fn word(self) -> &'static str {
        match self {
            Self::Received => "app_status_received",
            Self::AwaitingCorrection => "app_status_awaiting_correction",
            Self::InConsultation { .. } => "app_status_in_consultation",
            Self::Extended => "app_status_extended",
            Self::AwaitingFee { .. } => "app_status_awaiting_fee",
            Self::Decided(_) => "app_status_decided",
            Self::Withdrawn => "app_status_withdrawn",
            Self::Abandoned(_) => "app_status_abandoned",
        }
    }

    /// Decided, withdrawn or abandoned: no step is possible any more.
    /// The codes of the states in which an application's handling is over.
    pub const CLOSED_CODES: [&'static str; 3] = ["decided", "withdrawn", "abandoned"];

    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Self::Decided(_) | Self::Withdrawn | Self::Abandoned(_)
        )
    }

    /// Has the one extension been used?
    pub fn is_extended(self) -> bool {
        matches!(
            self,
            Self::Extended
                | Self::InConsultation { extended: true }
                | Self::AwaitingFee { extended: true }
        )
    }

    /// The table-三 outcome of a closed application; `None` while it is open (it is then 结转下年度).
    pub fn final_outcome(self) -> Option<Outcome> {
        match self {
            Self::Decided(o) => Some(o),
            Self::Withdrawn => Some(Outcome::Other),
            Self::Abandoned(a) => Some(a.outcome()),
            _ => None,
        }
    }

    /// Takes one step, or says why it cannot be taken.
    pub fn apply(self, step: Step) -> Result<Status, StepError> {
        use Status::*;
        if self.is_closed() {
            return Err(StepError::Closed {
                from: self,
                step: step.code(),
            });
        }
        let extended = self.is_extended();
        let next = match (self, step) {
            // 第三十条: the notice goes out within 7 working days of receipt, so never after an extension; a
            // second notice after a correction is practice [D] (legal-notes a.5).
            (Received, Step::RequestCorrection) => Some(AwaitingCorrection),
            (AwaitingCorrection, Step::CorrectionReceived) => Some(Received),
            (AwaitingCorrection, Step::CorrectionOverdue) => {
                Some(Abandoned(Abandonment::CorrectionOverdue))
            }
            (Received | Extended, Step::StartConsultation) => Some(InConsultation { extended }),
            (InConsultation { .. }, Step::EndConsultation) => {
                Some(if extended { Extended } else { Received })
            }
            (_, Step::Extend) if extended => return Err(StepError::SecondExtension),
            (Received, Step::Extend) => Some(Extended),
            (Received | Extended, Step::IssueFeeNotice) => Some(AwaitingFee { extended }),
            (AwaitingFee { .. }, Step::FeePaid) => Some(if extended { Extended } else { Received }),
            (AwaitingFee { .. }, Step::FeeOverdue) => Some(Abandoned(Abandonment::FeeUnpaid)),
            (_, Step::Decide(o @ (Outcome::NoCorrection | Outcome::FeeUnpaid))) => {
                return Err(StepError::OutcomeByClock(o.code()));
            }
            // A decision may also close a consultation (第三十二条: no answer in time, the agency decides).
            (Received | Extended | InConsultation { .. }, Step::Decide(o)) => Some(Decided(o)),
            (_, Step::Withdraw) => Some(Withdrawn),
            _ => None,
        };
        next.ok_or(StepError::NotAllowed {
            from: self,
            step: step.code(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn run(steps: &[Step]) -> Result<Status, StepError> {
        steps.iter().try_fold(Received, |s, step| s.apply(*step))
    }

    #[test]
    fn an_ordinary_application_is_decided() {
        assert_eq!(
            run(&[Step::Decide(Outcome::Open)]),
            Ok(Decided(Outcome::Open))
        );
        assert_eq!(
            run(&[
                Step::RequestCorrection,
                Step::CorrectionReceived,
                Step::StartConsultation,
                Step::EndConsultation,
                Step::Extend,
                Step::IssueFeeNotice,
                Step::FeePaid,
                Step::Decide(Outcome::Partial),
            ]),
            Ok(Decided(Outcome::Partial))
        );
    }

    #[test]
    fn a_second_extension_is_refused_even_across_pauses() {
        assert_eq!(
            run(&[Step::Extend, Step::Extend]),
            Err(StepError::SecondExtension)
        );
        assert_eq!(
            run(&[
                Step::Extend,
                Step::StartConsultation,
                Step::EndConsultation,
                Step::Extend
            ]),
            Err(StepError::SecondExtension)
        );
        assert_eq!(
            run(&[Step::Extend, Step::IssueFeeNotice, Step::FeePaid]),
            Ok(Extended)
        );
    }

    #[test]
    fn closed_applications_take_no_step() {
        let e = run(&[Step::Withdraw, Step::Decide(Outcome::Open)]).map_err(|e| e.code());
        assert_eq!(e, Err("application.closed"));
        let e = run(&[Step::Decide(Outcome::Open), Step::Withdraw]).map_err(|e| e.code());
        assert_eq!(e, Err("application.closed"));
        assert_eq!(
            run(&[Step::Withdraw, Step::Decide(Outcome::Open)]).map_err(|e| e.to_string()),
            Err("the application is closed (withdrawn); cannot decide".into())
        );
    }

    #[test]
    fn illegal_moves_are_refused() {
        for steps in [
            &[Step::CorrectionReceived][..],
            &[Step::FeePaid],
            &[Step::EndConsultation],
            &[Step::Extend, Step::RequestCorrection],
            &[Step::RequestCorrection, Step::Decide(Outcome::Open)],
            &[Step::IssueFeeNotice, Step::Decide(Outcome::Open)],
            &[Step::IssueFeeNotice, Step::IssueFeeNotice],
            &[Step::StartConsultation, Step::Extend],
        ] {
            assert_eq!(
                run(steps).map_err(|e| e.code()),
                Err("application.step_not_allowed"),
                "{steps:?}"
            );
        }
        assert_eq!(
            run(&[Step::Decide(Outcome::FeeUnpaid)]),
            Err(StepError::OutcomeByClock("fee_unpaid"))
        );
    }

    #[test]
    fn lapsed_deadlines_and_withdrawal_map_to_rows_six() {
        let s = run(&[Step::RequestCorrection, Step::CorrectionOverdue]);
        assert_eq!(
            s.map(Status::final_outcome),
            Ok(Some(Outcome::NoCorrection))
        );
        let s = run(&[Step::Extend, Step::IssueFeeNotice, Step::FeeOverdue]);
        assert_eq!(s.map(Status::final_outcome), Ok(Some(Outcome::FeeUnpaid)));
        assert_eq!(Withdrawn.final_outcome(), Some(Outcome::Other));
        assert_eq!(Extended.final_outcome(), None);
        let f = crate::report::Format::F2021;
        assert_eq!(
            Abandonment::CorrectionOverdue.outcome().row_key(f),
            "r3_6_1_no_correction"
        );
        assert_eq!(
            Abandonment::FeeUnpaid.outcome().row_key(f),
            "r3_6_2_fee_unpaid"
        );
    }
}

//! What the reply clock says, as data: the lines that explain a deadline, the warnings, the statuses and the
//! errors, each a code with typed arguments (the words are in the locale files, `clock.*`).

use chrono::NaiveDate;

use super::{ClockError, ClockStatus, ClockWarning};
use crate::calendar::CalendarLine;
use crate::message::{Arg, Args, Coded};

/// Which regulations set the reply period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyRule {
    /// 条例（2008）第二十四条: 15 working days, one extension of at most 15.
    Regulations2008,
    /// 条例第三十三条: 20 working days, one extension of at most 20.
    Regulations2019,
}

/// One step of how the reply deadline was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockLine {
    Received {
        on: NaiveDate,
        rule: ReplyRule,
    },
    CorrectionRequested {
        on: NaiveDate,
        working_day: u32,
    },
    CorrectionReceived {
        on: NaiveDate,
    },
    CorrectionDeadlinePassed {
        on: NaiveDate,
    },
    ExtensionApproved {
        on: NaiveDate,
        working_days: u32,
    },
    /// A consultation closed: its working days are excluded (条例第三十三条第三款).
    ConsultationExcluded {
        since: NaiveDate,
        on: NaiveDate,
        working_days: u32,
    },
    CustomDeadline {
        due: NaiveDate,
        reason: String,
    },
    FeeNoticeIssued {
        on: NaiveDate,
    },
    FeeNoticeReceived {
        on: NaiveDate,
        pay_by: NaiveDate,
    },
    FeePaid {
        on: NaiveDate,
        since: NaiveDate,
        working_days: u32,
    },
    FeeDeadlinePassed {
        on: NaiveDate,
    },
    Withdrawn {
        on: NaiveDate,
    },
    Decided {
        on: NaiveDate,
    },
    PausedForConsultation {
        since: NaiveDate,
        left: i64,
    },
    PausedForPayment {
        since: NaiveDate,
        left: i64,
    },
    /// How the calendar counted the final deadline.
    Counted(CalendarLine),
}

impl Coded for ClockLine {
    fn code(&self) -> &'static str {
        match self {
            Self::Received {
                rule: ReplyRule::Regulations2008,
                ..
            } => "clock.line.received_2008",
            Self::Received {
                rule: ReplyRule::Regulations2019,
                ..
            } => "clock.line.received",
            Self::CorrectionRequested { .. } => "clock.line.correction_requested",
            Self::CorrectionReceived { .. } => "clock.line.correction_received",
            Self::CorrectionDeadlinePassed { .. } => "clock.line.correction_deadline_passed",
            Self::ExtensionApproved { .. } => "clock.line.extension_approved",
            Self::ConsultationExcluded { .. } => "clock.line.consultation_excluded",
            Self::CustomDeadline { .. } => "clock.line.custom_deadline",
            Self::FeeNoticeIssued { .. } => "clock.line.fee_notice_issued",
            Self::FeeNoticeReceived { .. } => "clock.line.fee_notice_received",
            Self::FeePaid { .. } => "clock.line.fee_paid",
            Self::FeeDeadlinePassed { .. } => "clock.line.fee_deadline_passed",
            Self::Withdrawn { .. } => "clock.line.withdrawn",
            Self::Decided { .. } => "clock.line.decided",
            Self::PausedForConsultation { .. } => "clock.line.paused_for_consultation",
            Self::PausedForPayment { .. } => "clock.line.paused_for_payment",
            Self::Counted(line) => line.code(),
        }
    }

    fn args(&self) -> Args {
        let on = |d: &NaiveDate| vec![("on", Arg::Date(*d))];
        match self {
            Self::Received { on: d, .. }
            | Self::CorrectionReceived { on: d }
            | Self::CorrectionDeadlinePassed { on: d }
            | Self::FeeNoticeIssued { on: d }
            | Self::FeeDeadlinePassed { on: d }
            | Self::Withdrawn { on: d }
            | Self::Decided { on: d } => on(d),
            Self::CorrectionRequested { on: d, working_day } => {
                vec![("on", Arg::Date(*d)), ("n", Arg::number(*working_day))]
            }
            Self::ExtensionApproved {
                on: d,
                working_days,
            } => vec![("on", Arg::Date(*d)), ("n", Arg::number(*working_days))],
            Self::ConsultationExcluded {
                since,
                on: d,
                working_days,
            }
            | Self::FeePaid {
                on: d,
                since,
                working_days,
            } => vec![
                ("since", Arg::Date(*since)),
                ("on", Arg::Date(*d)),
                ("n", Arg::number(*working_days)),
            ],
            Self::CustomDeadline { due, reason } => {
                vec![("due", Arg::Date(*due)), ("reason", Arg::text(reason))]
            }
            Self::FeeNoticeReceived { on: d, pay_by } => {
                vec![("on", Arg::Date(*d)), ("due", Arg::Date(*pay_by))]
            }
            Self::PausedForConsultation { since, left }
            | Self::PausedForPayment { since, left } => {
                vec![("since", Arg::Date(*since)), ("left", Arg::Number(*left))]
            }
            Self::Counted(line) => line.args(),
        }
    }
}

impl ClockStatus {
    pub const ALL: [ClockStatus; 7] = [
        ClockStatus::Running,
        ClockStatus::WaitingForApplicant,
        ClockStatus::InConsultation,
        ClockStatus::AwaitingPayment,
        ClockStatus::Decided,
        ClockStatus::Withdrawn,
        ClockStatus::Abandoned,
    ];
}

impl Coded for ClockStatus {
    fn code(&self) -> &'static str {
        match self {
            Self::Running => "clock.status.running",
            Self::WaitingForApplicant => "clock.status.waiting_for_applicant",
            Self::InConsultation => "clock.status.in_consultation",
            Self::AwaitingPayment => "clock.status.awaiting_payment",
            Self::Decided => "clock.status.decided",
            Self::Withdrawn => "clock.status.withdrawn",
            Self::Abandoned => "clock.status.abandoned",
        }
    }
}

impl Coded for ClockWarning {
    fn code(&self) -> &'static str {
        ClockWarning::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::LateCorrectionNotice {
                requested_on,
                working_days,
            } => vec![
                ("on", Arg::Date(*requested_on)),
                ("n", Arg::number(*working_days)),
            ],
            Self::LongConsultation {
                started,
                ended,
                working_days,
            } => vec![
                ("started", Arg::Date(*started)),
                ("ended", Arg::Date(*ended)),
                ("n", Arg::number(*working_days)),
            ],
            Self::ExtensionAfterDeadline { approved_on, due } => vec![
                ("approved_on", Arg::Date(*approved_on)),
                ("due", Arg::Date(*due)),
            ],
            Self::CustomDeadlineEarlier { custom, statutory } => vec![
                ("custom", Arg::Date(*custom)),
                ("statutory", Arg::Date(*statutory)),
            ],
            Self::DecidedAfterDeadline { decided_on, due } => vec![
                ("decided_on", Arg::Date(*decided_on)),
                ("due", Arg::Date(*due)),
            ],
        }
    }
}

impl Coded for ClockError {
    fn code(&self) -> &'static str {
        ClockError::code(self)
    }

    fn args(&self) -> Args {
        let index = |i: &usize| ("index", Arg::number(*i));
        match self {
            Self::NoEvents => Vec::new(),
            Self::FirstNotReceived { index: i, event } => {
                vec![index(i), ("event", Arg::text(event))]
            }
            Self::OutOfOrder {
                index: i,
                event,
                on,
                previous,
            } => vec![
                index(i),
                ("event", Arg::text(event)),
                ("on", Arg::Date(*on)),
                ("previous", Arg::Date(*previous)),
            ],
            Self::Unexpected {
                index: i,
                event,
                status,
            } => vec![
                index(i),
                ("event", Arg::text(event)),
                ("status", Arg::Word(status.code())),
            ],
            Self::InvalidExtension {
                index: i,
                working_days,
                max,
            } => vec![
                index(i),
                ("working_days", Arg::number(*working_days)),
                ("max", Arg::number(*max)),
            ],
            Self::SecondExtension { index: i } | Self::MissingReason { index: i } => vec![index(i)],
            Self::CustomDeadlineNotAfterStart {
                index: i,
                due,
                start,
            } => vec![
                index(i),
                ("due", Arg::Date(*due)),
                ("start", Arg::Date(*start)),
            ],
            Self::Calendar(e) => e.args(),
        }
    }
}

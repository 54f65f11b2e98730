//! The reply clock of one 政府信息公开 application, as a pure function of its events.
//!
//! 条例第三十三条: 20 个工作日 from receipt, one extension of at most 20 (the 2008 条例第二十四条: 15 + 15 for
//! applications received before 2019-05-15). 第三十条 restarts the clock when a 补正 arrives; 第三十三条第三款
//! excludes the time spent consulting third parties and other agencies; 第三十五条 allows a custom deadline.
//! Counting follows [`Calendar::add_working_days`]: the start day is not counted (民法典第二百零一条).

use chrono::NaiveDate;

use super::fees::FEE_PAYMENT_WORKING_DAYS;
use crate::calendar::{Calendar, CalendarError, Deadline};

#[path = "clock_lines.rs"]
mod lines;
pub use lines::{ClockLine, ReplyRule};

/// The day the 2019 条例 (国务院令第711号) took effect; earlier receipts follow the 2008 条例.
pub const REGULATION_2019_IN_FORCE: NaiveDate = match NaiveDate::from_ymd_opt(2019, 5, 15) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// 条例第三十三条 (2019): reply period and maximum extension, in working days.
pub const REPLY_WORKING_DAYS: u32 = 20;
/// 条例（2008）第二十四条: reply period and maximum extension, in working days.
pub const REPLY_WORKING_DAYS_2008: u32 = 15;
/// 条例第三十条: the 补正 notice is due within 7 working days of receipt.
pub const CORRECTION_NOTICE_WORKING_DAYS: u32 = 7;
/// 条例第三十二条、第三十四条: a consulted third party or agency has 15 working days to answer.
pub const CONSULTATION_WORKING_DAYS: u32 = 15;

/// One thing that happened to an application, in date order, starting with [`ClockEvent::Received`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockEvent {
    /// The receipt date under 第三十一条 (decided by the channel, elsewhere).
    Received {
        on: NaiveDate,
    },
    /// 补正告知 sent (第三十条).
    CorrectionRequested {
        on: NaiveDate,
    },
    /// The corrected application arrived: the clock restarts from this day (第三十条).
    CorrectionReceived {
        on: NaiveDate,
    },
    /// The applicant did not correct in time: 视为放弃申请 (第三十条).
    CorrectionDeadlinePassed {
        on: NaiveDate,
    },
    /// The one extension of 第三十三条第二款.
    ExtensionApproved {
        on: NaiveDate,
        working_days: u32,
    },
    /// Consultation of a third party (第三十二条) or another agency (第三十四条) began.
    ConsultationStarted {
        on: NaiveDate,
    },
    ConsultationEnded {
        on: NaiveDate,
    },
    /// 第三十五条: a reasonable delayed deadline, with its reason. Undated: it takes its place in the sequence.
    CustomDeadline {
        due: NaiveDate,
        reason: String,
    },
    /// 收费通知 sent (国办函〔2020〕109号): the applicant has 20 working days to pay. Whether that time counts
    /// toward the reply period is [U] in the spec; gongkai excludes it, as the provincial rules that restate
    /// 109号 do (FEE-SC), so that an agency is never put in breach by the applicant's payment time.
    FeeNoticeIssued {
        on: NaiveDate,
    },
    /// The applicant received the 收费通知 (by post: the day of receipt; online or by e-mail: the day it was
    /// sent). The 20 working days to pay run from the next day (国办函〔2020〕109号); the reply clock does not
    /// change, since it already stopped when the notice was issued.
    FeeNoticeReceived {
        on: NaiveDate,
    },
    FeePaid {
        on: NaiveDate,
    },
    /// Not paid within 20 working days: 视为放弃申请 (三（六）2).
    FeeDeadlinePassed {
        on: NaiveDate,
    },
    Withdrawn {
        on: NaiveDate,
    },
    Decided {
        on: NaiveDate,
    },
    /// 第三十五条: the applicant is asked to explain the number or frequency of requests. The clock runs on.
    ReasonsRequested {
        on: NaiveDate,
    },
}

impl ClockEvent {
    /// Stable name, used in error messages.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Received { .. } => "received",
            Self::CorrectionRequested { .. } => "correction_requested",
            Self::CorrectionReceived { .. } => "correction_received",
            Self::CorrectionDeadlinePassed { .. } => "correction_deadline_passed",
            Self::ExtensionApproved { .. } => "extension_approved",
            Self::ConsultationStarted { .. } => "consultation_started",
            Self::ConsultationEnded { .. } => "consultation_ended",
            Self::CustomDeadline { .. } => "custom_deadline",
            Self::FeeNoticeIssued { .. } => "fee_notice_issued",
            Self::FeeNoticeReceived { .. } => "fee_notice_received",
            Self::FeePaid { .. } => "fee_paid",
            Self::FeeDeadlinePassed { .. } => "fee_deadline_passed",
            Self::Withdrawn { .. } => "withdrawn",
            Self::Decided { .. } => "decided",
            Self::ReasonsRequested { .. } => "reasons_requested",
        }
    }

    /// The day it happened; `None` for the undated [`ClockEvent::CustomDeadline`].
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Self::Received { on }
            | Self::CorrectionRequested { on }
            | Self::CorrectionReceived { on }
            | Self::CorrectionDeadlinePassed { on }
            | Self::ExtensionApproved { on, .. }
            | Self::ConsultationStarted { on }
            | Self::ConsultationEnded { on }
            | Self::FeeNoticeIssued { on }
            | Self::FeeNoticeReceived { on }
            | Self::FeePaid { on }
            | Self::FeeDeadlinePassed { on }
            | Self::Withdrawn { on }
            | Self::Decided { on }
            | Self::ReasonsRequested { on } => Some(*on),
            Self::CustomDeadline { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockStatus {
    Running,
    WaitingForApplicant,
    InConsultation,
    /// A 收费通知 is out and the fee not yet paid.
    AwaitingPayment,
    Decided,
    Withdrawn,
    Abandoned,
}

impl ClockStatus {
    fn is_final(self) -> bool {
        matches!(self, Self::Decided | Self::Withdrawn | Self::Abandoned)
    }
}

/// Something legally doubtful that does not stop the computation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockWarning {
    /// 第三十条: the 补正 notice came more than 7 working days after the clock started.
    LateCorrectionNotice {
        requested_on: NaiveDate,
        working_days: u32,
    },
    /// A consultation ran longer than the 15 working days of 第三十二条/第三十四条 (all of it is still excluded).
    LongConsultation {
        started: NaiveDate,
        ended: NaiveDate,
        working_days: u32,
    },
    /// The extension was approved after the period had already run out.
    ExtensionAfterDeadline {
        approved_on: NaiveDate,
        due: NaiveDate,
    },
    /// A 第三十五条 deadline earlier than the statutory one.
    CustomDeadlineEarlier {
        custom: NaiveDate,
        statutory: NaiveDate,
    },
    DecidedAfterDeadline {
        decided_on: NaiveDate,
        due: NaiveDate,
    },
}

impl ClockWarning {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::LateCorrectionNotice { .. } => "clock.late_correction_notice",
            Self::LongConsultation { .. } => "clock.long_consultation",
            Self::ExtensionAfterDeadline { .. } => "clock.extension_after_deadline",
            Self::CustomDeadlineEarlier { .. } => "clock.custom_deadline_earlier",
            Self::DecidedAfterDeadline { .. } => "clock.decided_after_deadline",
        }
    }
}

/// Why the events do not make a clock. `index` is the position in the event slice.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("no events: the first must be the receipt")]
    NoEvents,
    #[error("event {index} ({event}) comes before any receipt: the first must be received")]
    FirstNotReceived { index: usize, event: &'static str },
    #[error("event {index} ({event}) on {on} is dated before the previous event ({previous})")]
    OutOfOrder {
        index: usize,
        event: &'static str,
        on: NaiveDate,
        previous: NaiveDate,
    },
    #[error("event {index} ({event}) cannot happen while the application is {status:?}")]
    Unexpected {
        index: usize,
        event: &'static str,
        status: ClockStatus,
    },
    #[error(
        "event {index}: an extension of {working_days} working days is invalid, it must be 1 to {max}"
    )]
    InvalidExtension {
        index: usize,
        working_days: u32,
        max: u32,
    },
    #[error("event {index}: the reply period may be extended only once (Art. 33)")]
    SecondExtension { index: usize },
    #[error("event {index}: an Art. 35 deadline needs a reason")]
    MissingReason { index: usize },
    #[error("event {index}: the deadline {due} is not after the start day {start}")]
    CustomDeadlineNotAfterStart {
        index: usize,
        due: NaiveDate,
        start: NaiveDate,
    },
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl ClockError {
    /// Stable code, also the message key; a calendar error keeps its own code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoEvents => "clock.no_events",
            Self::FirstNotReceived { .. } => "clock.first_not_received",
            Self::OutOfOrder { .. } => "clock.out_of_order",
            Self::Unexpected { .. } => "clock.unexpected_event",
            Self::InvalidExtension { .. } => "clock.invalid_extension",
            Self::SecondExtension { .. } => "clock.second_extension",
            Self::MissingReason { .. } => "clock.missing_reason",
            Self::CustomDeadlineNotAfterStart { .. } => "clock.custom_deadline_not_after_start",
            Self::Calendar(e) => e.code(),
        }
    }
}

/// Where an application's clock stands after all its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockState {
    pub status: ClockStatus,
    /// The last day to reply. `None` while waiting for a 补正 or in consultation (the day is not yet known),
    /// and after withdrawal or abandonment.
    pub due: Option<NaiveDate>,
    /// 20, or 15 under the 2008 条例.
    pub base_working_days: u32,
    pub extension_days: u32,
    /// Working days of finished consultations since the clock last (re)started.
    pub excluded_working_days: u32,
    /// The receipt date, or the day the latest 补正 arrived.
    pub clock_start: NaiveDate,
    /// While in consultation: the working days that were left when it began (negative if already late).
    pub working_days_left_at_pause: Option<i64>,
    /// While a 收费通知 is unpaid and its receipt is on record: the last day to pay, 20 working days from the
    /// day after the applicant received it (国办函〔2020〕109号). `None` before the receipt is recorded.
    pub fee_pay_by: Option<NaiveDate>,
    /// The due date reaches into a year whose holiday notice is not loaded (see
    /// `Calendar::with_provisional_year`).
    pub provisional: bool,
    pub explanation: Vec<ClockLine>,
    pub warnings: Vec<ClockWarning>,
}

/// Working days from `today` to `due`: positive before, 0 on the day, negative after.
fn signed_working_days(
    today: NaiveDate,
    due: NaiveDate,
    cal: &Calendar,
) -> Result<i64, CalendarError> {
    if today <= due {
        Ok(i64::from(cal.working_days_between(today, due)?))
    } else {
        Ok(-i64::from(cal.working_days_between(due, today)?))
    }
}

impl ClockState {
    /// Running (or paused for consultation) past the last day.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        match self.status {
            ClockStatus::Running => self.due.is_some_and(|due| today > due),
            ClockStatus::InConsultation => self.working_days_left_at_pause.is_some_and(|n| n < 0),
            _ => false,
        }
    }

    /// Working days left to reply (negative when late); frozen during consultation; `None` when no clock runs
    /// or the calendar cannot count that far.
    pub fn working_days_left(&self, today: NaiveDate, calendar: &Calendar) -> Option<i64> {
        match self.status {
            ClockStatus::Running => signed_working_days(today, self.due?, calendar).ok(),
            ClockStatus::InConsultation | ClockStatus::AwaitingPayment => {
                self.working_days_left_at_pause
            }
            _ => None,
        }
    }
}

/// A 第三十五条 deadline and what had been added to the clock when it was set.
struct Custom {
    due: NaiveDate,
    extension_at: u32,
    excluded_at: u32,
}

struct Run<'c> {
    cal: &'c Calendar,
    status: ClockStatus,
    start: NaiveDate,
    base: u32,
    extension: Option<u32>,
    excluded: u32,
    open_consultations: u32,
    consultation_since: NaiveDate,
    /// The day the 收费通知 went out, while it is unpaid.
    fee_since: NaiveDate,
    /// The last day to pay the outstanding 收费通知, once its receipt is recorded.
    fee_pay_by: Option<NaiveDate>,
    custom: Option<Custom>,
    explanation: Vec<ClockLine>,
    warnings: Vec<ClockWarning>,
}

impl Run<'_> {
    /// The deadline with `extra` more excluded working days: the statutory period counted from the start, or a
    /// 第三十五条 deadline moved by what was added to the clock after it was set.
    fn deadline(&self, extra: u32) -> Result<Deadline, CalendarError> {
        let ext = self.extension.unwrap_or(0);
        let excl = self.excluded.saturating_add(extra);
        match &self.custom {
            Some(c) => {
                let moved = ext
                    .saturating_sub(c.extension_at)
                    .saturating_add(excl.saturating_sub(c.excluded_at));
                self.cal.add_working_days(c.due, moved)
            }
            None => self.statutory_deadline(extra),
        }
    }

    fn due_with(&self, extra: u32) -> Result<NaiveDate, CalendarError> {
        Ok(self.deadline(extra)?.due)
    }

    /// 条例第三十三条: base + extension + excluded working days after the start day.
    fn statutory_deadline(&self, extra: u32) -> Result<Deadline, CalendarError> {
        let n = self
            .base
            .saturating_add(self.extension.unwrap_or(0))
            .saturating_add(self.excluded.saturating_add(extra));
        self.cal.add_working_days(self.start, n)
    }

    /// Working days of the open consultation up to `on`, 0 if none is open.
    fn open_days(&self, on: NaiveDate) -> Result<u32, CalendarError> {
        if self.open_consultations == 0 {
            return Ok(0);
        }
        self.cal.working_days_between(self.consultation_since, on)
    }

    /// 条例第三十三条第三款: closes the open consultation(s) on `on`, excluding its working days (those after the
    /// start day up to and including `on`). 征求意见所需时间不计算在期限内 has no cap: the 15 working days of
    /// 第三十二条/第三十四条 bind the consulted party, so a longer consultation is excluded in full and flagged.
    fn close_consultation(&mut self, on: NaiveDate) -> Result<(), CalendarError> {
        let since = self.consultation_since;
        let k = self.cal.working_days_between(since, on)?;
        self.excluded = self.excluded.saturating_add(k);
        self.open_consultations = 0;
        self.explanation.push(ClockLine::ConsultationExcluded {
            since,
            on,
            working_days: k,
        });
        if k > CONSULTATION_WORKING_DAYS {
            self.warnings.push(ClockWarning::LongConsultation {
                started: since,
                ended: on,
                working_days: k,
            });
        }
        Ok(())
    }

    fn step(&mut self, index: usize, event: &ClockEvent) -> Result<(), ClockError> {
        use ClockStatus as S;
        let unexpected = ClockError::Unexpected {
            index,
            event: event.name(),
            status: self.status,
        };
        if self.status.is_final() {
            return Err(unexpected);
        }
        let open = matches!(self.status, S::Running | S::InConsultation);
        match event {
            ClockEvent::Received { .. } => return Err(unexpected),
            ClockEvent::CorrectionRequested { on } => {
                if self.status != S::Running {
                    return Err(unexpected);
                }
                // 条例第三十条: 收到申请之日起7个工作日内一次性告知. The 2008 条例 had no such limit.
                let n = self.cal.working_days_between(self.start, *on)?;
                if self.base == REPLY_WORKING_DAYS && n > CORRECTION_NOTICE_WORKING_DAYS {
                    self.warnings.push(ClockWarning::LateCorrectionNotice {
                        requested_on: *on,
                        working_days: n,
                    });
                }
                self.status = S::WaitingForApplicant;
                self.explanation.push(ClockLine::CorrectionRequested {
                    on: *on,
                    working_day: n,
                });
            }
            ClockEvent::CorrectionReceived { on } => {
                if self.status != S::WaitingForApplicant {
                    return Err(unexpected);
                }
                // 条例第三十条: 答复期限自行政机关收到补正的申请之日起计算.
                self.start = *on;
                self.excluded = 0;
                self.custom = None;
                self.status = S::Running;
                self.explanation
                    .push(ClockLine::CorrectionReceived { on: *on });
            }
            ClockEvent::CorrectionDeadlinePassed { on } => {
                if self.status != S::WaitingForApplicant {
                    return Err(unexpected);
                }
                self.status = S::Abandoned;
                self.explanation
                    .push(ClockLine::CorrectionDeadlinePassed { on: *on });
            }
            ClockEvent::ExtensionApproved { on, working_days } => {
                if !open {
                    return Err(unexpected);
                }
                if self.extension.is_some() {
                    return Err(ClockError::SecondExtension { index });
                }
                // 条例第三十三条第二款: 延长的期限最长不得超过20个工作日 (2008 条例第二十四条: 15).
                if *working_days == 0 || *working_days > self.base {
                    return Err(ClockError::InvalidExtension {
                        index,
                        working_days: *working_days,
                        max: self.base,
                    });
                }
                let due = self.due_with(self.open_days(*on)?)?;
                if *on > due {
                    self.warnings.push(ClockWarning::ExtensionAfterDeadline {
                        approved_on: *on,
                        due,
                    });
                }
                self.extension = Some(*working_days);
                self.explanation.push(ClockLine::ExtensionApproved {
                    on: *on,
                    working_days: *working_days,
                });
            }
            ClockEvent::ConsultationStarted { on } => {
                if !open {
                    return Err(unexpected);
                }
                // Overlapping consultations (a third party and another agency at once) are excluded once.
                if self.open_consultations == 0 {
                    self.consultation_since = *on;
                    self.status = S::InConsultation;
                }
                self.open_consultations = self.open_consultations.saturating_add(1);
            }
            ClockEvent::ConsultationEnded { on } => {
                if self.status != S::InConsultation {
                    return Err(unexpected);
                }
                self.open_consultations = self.open_consultations.saturating_sub(1);
                if self.open_consultations == 0 {
                    self.close_consultation(*on)?;
                    self.status = S::Running;
                }
            }
            ClockEvent::CustomDeadline { due, reason } => {
                if !open {
                    return Err(unexpected);
                }
                // 条例第三十五条: 确定延迟答复的合理期限并告知申请人 — the reason is part of the notice.
                if reason.trim().is_empty() {
                    return Err(ClockError::MissingReason { index });
                }
                if *due <= self.start {
                    return Err(ClockError::CustomDeadlineNotAfterStart {
                        index,
                        due: *due,
                        start: self.start,
                    });
                }
                let statutory = self.statutory_deadline(0)?.due;
                if *due < statutory {
                    self.warnings.push(ClockWarning::CustomDeadlineEarlier {
                        custom: *due,
                        statutory,
                    });
                }
                self.custom = Some(Custom {
                    due: *due,
                    extension_at: self.extension.unwrap_or(0),
                    excluded_at: self.excluded,
                });
                self.explanation.push(ClockLine::CustomDeadline {
                    due: *due,
                    reason: reason.clone(),
                });
            }
            // 条例第三十五条 lets the agency ask for reasons, but unlike 第三十条 (补正) and 第三十二条 (征求意见) it
            // names no period to exclude: the clock runs on, and if the reasons are unconvincing the agency
            // says so in its answer (不予处理), or sets a later deadline with a 延迟答复告知书.
            ClockEvent::ReasonsRequested { .. } => {
                if !open {
                    return Err(unexpected);
                }
            }
            ClockEvent::FeeNoticeIssued { on } => {
                if self.status != S::Running {
                    return Err(unexpected);
                }
                self.fee_since = *on;
                self.fee_pay_by = None;
                self.status = S::AwaitingPayment;
                self.explanation
                    .push(ClockLine::FeeNoticeIssued { on: *on });
            }
            // 国办函〔2020〕109号: the 20 working days to pay run from the day after the applicant received the
            // notice; one receipt per notice.
            ClockEvent::FeeNoticeReceived { on } => {
                if self.status != S::AwaitingPayment || self.fee_pay_by.is_some() {
                    return Err(unexpected);
                }
                let pay_by = self
                    .cal
                    .add_working_days(*on, FEE_PAYMENT_WORKING_DAYS)?
                    .due;
                self.fee_pay_by = Some(pay_by);
                self.explanation
                    .push(ClockLine::FeeNoticeReceived { on: *on, pay_by });
            }
            ClockEvent::FeePaid { on } => {
                if self.status != S::AwaitingPayment {
                    return Err(unexpected);
                }
                let since = self.fee_since;
                let k = self.cal.working_days_between(since, *on)?;
                self.excluded = self.excluded.saturating_add(k);
                self.status = S::Running;
                self.explanation.push(ClockLine::FeePaid {
                    on: *on,
                    since,
                    working_days: k,
                });
            }
            ClockEvent::FeeDeadlinePassed { on } => {
                if self.status != S::AwaitingPayment {
                    return Err(unexpected);
                }
                self.status = S::Abandoned;
                self.explanation
                    .push(ClockLine::FeeDeadlinePassed { on: *on });
            }
            ClockEvent::Withdrawn { on } => {
                if self.status == S::InConsultation {
                    self.close_consultation(*on)?;
                }
                self.status = S::Withdrawn;
                self.explanation.push(ClockLine::Withdrawn { on: *on });
            }
            ClockEvent::Decided { on } => {
                if !open {
                    return Err(unexpected);
                }
                if self.status == S::InConsultation {
                    self.close_consultation(*on)?;
                }
                let due = self.due_with(0)?;
                if *on > due {
                    self.warnings.push(ClockWarning::DecidedAfterDeadline {
                        decided_on: *on,
                        due,
                    });
                }
                self.status = S::Decided;
                self.explanation.push(ClockLine::Decided { on: *on });
            }
        }
        Ok(())
    }

    /// The final due date and the calendar's own explanation of it.
    fn finish(mut self) -> Result<ClockState, ClockError> {
        let mut working_days_left_at_pause = None;
        let mut provisional = false;
        let due = match self.status {
            ClockStatus::Running | ClockStatus::Decided => {
                let deadline = self.deadline(0)?;
                provisional = !deadline.provisional_years.is_empty();
                if deadline.working_days > 0 {
                    self.explanation
                        .extend(deadline.explanation().into_iter().map(ClockLine::Counted));
                }
                Some(deadline.due)
            }
            ClockStatus::InConsultation => {
                let due = self.due_with(0)?;
                let left = signed_working_days(self.consultation_since, due, self.cal)?;
                working_days_left_at_pause = Some(left);
                self.explanation.push(ClockLine::PausedForConsultation {
                    since: self.consultation_since,
                    left,
                });
                None
            }
            ClockStatus::AwaitingPayment => {
                let due = self.due_with(0)?;
                let left = signed_working_days(self.fee_since, due, self.cal)?;
                working_days_left_at_pause = Some(left);
                self.explanation.push(ClockLine::PausedForPayment {
                    since: self.fee_since,
                    left,
                });
                None
            }
            _ => None,
        };
        Ok(ClockState {
            status: self.status,
            due,
            base_working_days: self.base,
            extension_days: self.extension.unwrap_or(0),
            excluded_working_days: self.excluded,
            clock_start: self.start,
            working_days_left_at_pause,
            fee_pay_by: match self.status {
                ClockStatus::AwaitingPayment => self.fee_pay_by,
                _ => None,
            },
            provisional,
            explanation: self.explanation,
            warnings: self.warnings,
        })
    }
}

/// The clock after `events`, which must start with [`ClockEvent::Received`] and be in date order.
pub fn compute(events: &[ClockEvent], calendar: &Calendar) -> Result<ClockState, ClockError> {
    let Some(first) = events.first() else {
        return Err(ClockError::NoEvents);
    };
    let ClockEvent::Received { on: received } = first else {
        return Err(ClockError::FirstNotReceived {
            index: 0,
            event: first.name(),
        });
    };
    let received = *received;
    // 条例（2008）第二十四条 for receipts before 2019-05-15; 条例第三十三条 after.
    let (base, rule) = if received < REGULATION_2019_IN_FORCE {
        (REPLY_WORKING_DAYS_2008, ReplyRule::Regulations2008)
    } else {
        (REPLY_WORKING_DAYS, ReplyRule::Regulations2019)
    };
    let mut run = Run {
        cal: calendar,
        status: ClockStatus::Running,
        start: received,
        base,
        extension: None,
        excluded: 0,
        open_consultations: 0,
        consultation_since: received,
        fee_since: received,
        fee_pay_by: None,
        custom: None,
        explanation: vec![ClockLine::Received { on: received, rule }],
        warnings: Vec::new(),
    };
    let mut previous = received;
    for (index, event) in events.iter().enumerate().skip(1) {
        if let Some(on) = event.date() {
            if on < previous {
                return Err(ClockError::OutOfOrder {
                    index,
                    event: event.name(),
                    on,
                    previous,
                });
            }
            previous = on;
        }
        run.step(index, event)?;
    }
    run.finish()
}

#[cfg(test)]
#[path = "clock_tests.rs"]
mod tests;

//! The reply clock of one 政府信息公开 application, as a pure function of its events.
//!
//! 条例第三十三条: 20 个工作日 from receipt, one extension of at most 20 (the 2008 条例第二十四条: 15 + 15 for
//! applications received before 2019-05-15). 第三十条 restarts the clock when a 补正 arrives; 第三十三条第三款
//! excludes the time spent consulting third parties and other agencies; 第三十五条 allows a custom deadline.
//! Counting follows [`Calendar::add_working_days`]: the start day is not counted (民法典第二百零一条).

use chrono::NaiveDate;

use crate::calendar::{Calendar, CalendarError, Deadline};

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
    Withdrawn {
        on: NaiveDate,
    },
    Decided {
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
            Self::Withdrawn { .. } => "withdrawn",
            Self::Decided { .. } => "decided",
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
            | Self::Withdrawn { on }
            | Self::Decided { on } => Some(*on),
            Self::CustomDeadline { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockStatus {
    Running,
    WaitingForApplicant,
    InConsultation,
    Decided,
    Withdrawn,
    Abandoned,
}

impl ClockStatus {
    pub fn label_zh_en(self) -> &'static str {
        match self {
            Self::Running => "计时中 / running",
            Self::WaitingForApplicant => "等待补正 / waiting for the applicant",
            Self::InConsultation => "征求意见中 / in consultation",
            Self::Decided => "已答复 / decided",
            Self::Withdrawn => "已撤回 / withdrawn",
            Self::Abandoned => "视为放弃 / abandoned",
        }
    }

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

    pub fn message_zh_en(&self) -> String {
        match self {
            Self::LateCorrectionNotice {
                requested_on: on,
                working_days: n,
            } => format!(
                "补正告知于 {on} 发出，已是第 {n} 个工作日，超过条例第三十条的 7 个工作日 / the correction notice of {on} came on working day {n}, later than the 7 working days of Art. 30"
            ),
            Self::LongConsultation {
                started,
                ended,
                working_days: n,
            } => format!(
                "征求意见 {started} 至 {ended} 历时 {n} 个工作日，超过第三十二条规定的 15 个工作日 / the consultation from {started} to {ended} took {n} working days, more than the 15 of Art. 32"
            ),
            Self::ExtensionAfterDeadline { approved_on, due } => format!(
                "延期于 {approved_on} 批准，答复期限已于 {due} 届满 / the extension was approved on {approved_on}, after the period ended on {due}"
            ),
            Self::CustomDeadlineEarlier { custom, statutory } => format!(
                "第三十五条期限 {custom} 早于法定期限 {statutory} / the Art. 35 deadline {custom} is earlier than the statutory {statutory}"
            ),
            Self::DecidedAfterDeadline { decided_on, due } => format!(
                "{decided_on} 答复，已超过期限 {due} / decided on {decided_on}, after the deadline {due}"
            ),
        }
    }
}

/// Why the events do not make a clock. `index` is the position in the event slice.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("没有任何事件，应以收到申请开始 / no events: the first must be the receipt")]
    NoEvents,
    #[error(
        "第 {index} 个事件 {event} 之前没有收到申请 / event {index} ({event}) comes before any receipt: the first must be received"
    )]
    FirstNotReceived { index: usize, event: &'static str },
    #[error(
        "第 {index} 个事件 {event} 的日期 {on} 早于前一事件的 {previous} / event {index} ({event}) on {on} is dated before the previous event ({previous})"
    )]
    OutOfOrder {
        index: usize,
        event: &'static str,
        on: NaiveDate,
        previous: NaiveDate,
    },
    #[error(
        "第 {index} 个事件 {event} 不能发生在“{status}”状态 / event {index} ({event}) cannot happen while the application is {status}", status = .status.label_zh_en()
    )]
    Unexpected {
        index: usize,
        event: &'static str,
        status: ClockStatus,
    },
    #[error(
        "第 {index} 个事件：延长 {working_days} 个工作日不合法，应为 1 至 {max} / event {index}: an extension of {working_days} working days is invalid, it must be 1 to {max}"
    )]
    InvalidExtension {
        index: usize,
        working_days: u32,
        max: u32,
    },
    #[error(
        "第 {index} 个事件：答复期限只能延长一次 / event {index}: the reply period may be extended only once (Art. 33)"
    )]
    SecondExtension { index: usize },
    #[error(
        "第 {index} 个事件：第三十五条期限必须说明理由 / event {index}: an Art. 35 deadline needs a reason"
    )]
    MissingReason { index: usize },
    #[error(
        "第 {index} 个事件：期限 {due} 不晚于起算日 {start} / event {index}: the deadline {due} is not after the start day {start}"
    )]
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
    pub explanation: Vec<String>,
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
            ClockStatus::InConsultation => self.working_days_left_at_pause,
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
    custom: Option<Custom>,
    explanation: Vec<String>,
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
        self.explanation.push(format!(
            "征求意见 {since} 至 {on}，{k} 个工作日不计入答复期限（条例第三十三条第三款）/ consultation from {since} to {on}: {k} working days are excluded from the period (Art. 33 para 3)"
        ));
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
                self.explanation.push(format!(
                    "{on} 发出补正告知（第 {n} 个工作日），等待申请人补正（条例第三十条）/ correction requested on {on} (working day {n}); waiting for the applicant (Art. 30)"
                ));
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
                self.explanation.push(format!(
                    "{on} 收到补正，答复期限自当日重新起算（条例第三十条）/ correction received on {on}: the period starts again from that day (Art. 30)"
                ));
            }
            ClockEvent::CorrectionDeadlinePassed { on } => {
                if self.status != S::WaitingForApplicant {
                    return Err(unexpected);
                }
                self.status = S::Abandoned;
                self.explanation.push(format!(
                    "补正期限于 {on} 届满而未补正，视为放弃申请（条例第三十条）/ no correction by {on}: the application is treated as abandoned (Art. 30)"
                ));
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
                self.explanation.push(format!(
                    "{on} 批准延长 {working_days} 个工作日（条例第三十三条第二款）/ extension of {working_days} working days approved on {on} (Art. 33 para 2)"
                ));
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
                self.explanation.push(format!(
                    "依条例第三十五条确定答复期限为 {due}，理由：{reason} / Art. 35 deadline set to {due}; reason: {reason}"
                ));
            }
            ClockEvent::Withdrawn { on } => {
                if self.status == S::InConsultation {
                    self.close_consultation(*on)?;
                }
                self.status = S::Withdrawn;
                self.explanation.push(format!(
                    "{on} 申请人撤回申请 / withdrawn by the applicant on {on}"
                ));
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
                self.explanation
                    .push(format!("{on} 作出答复 / decided on {on}"));
            }
        }
        Ok(())
    }

    /// The final due date and the calendar's own explanation of it.
    fn finish(mut self) -> Result<ClockState, ClockError> {
        let mut working_days_left_at_pause = None;
        let due = match self.status {
            ClockStatus::Running | ClockStatus::Decided => {
                let deadline = self.deadline(0)?;
                if deadline.working_days > 0 {
                    self.explanation.extend(deadline.explanation_zh_en());
                }
                Some(deadline.due)
            }
            ClockStatus::InConsultation => {
                let due = self.due_with(0)?;
                let left = signed_working_days(self.consultation_since, due, self.cal)?;
                working_days_left_at_pause = Some(left);
                self.explanation.push(format!(
                    "自 {since} 起征求意见，计时暂停，尚余 {left} 个工作日 / in consultation since {since}: the clock is paused with {left} working days left",
                    since = self.consultation_since
                ));
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
        (
            REPLY_WORKING_DAYS_2008,
            "2008 年条例第二十四条：15 个工作日，可延长不超过 15 个工作日 / the 2008 条例 Art. 24: 15 working days, one extension of at most 15",
        )
    } else {
        (
            REPLY_WORKING_DAYS,
            "条例第三十三条：20 个工作日，可延长不超过 20 个工作日 / 条例 Art. 33: 20 working days, one extension of at most 20",
        )
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
        custom: None,
        explanation: vec![format!(
            "{received} 收到申请，适用{rule} / received on {received}; applies {rule}"
        )],
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
mod tests {
    use super::*;
    use ClockEvent as E;
    use chrono::Days;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn cal() -> Calendar {
        Calendar::builtin().expect("embedded table")
    }

    fn run(events: &[ClockEvent]) -> ClockState {
        compute(events, &cal()).expect("valid events")
    }

    /// The `n`th working day after `start`, by walking days with `is_working_day` only.
    fn walk(cal: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut counted = 0;
        while counted < n {
            day = day.succ_opt().expect("date");
            if cal.is_working_day(day).expect("in table") {
                counted += 1;
            }
        }
        day
    }

    #[test]
    fn every_holiday_block_and_make_up_day_from_2019_to_2026() {
        let c = cal();
        let mut names = std::collections::BTreeSet::new();
        let mut checked = 0;
        for day in d("2019-01-02")
            .iter_days()
            .take_while(|x| *x <= d("2026-11-30"))
        {
            // Every listed day, and the days just before and after each one (the block boundaries).
            let near = [day.pred_opt(), Some(day), day.succ_opt()];
            let listed: Vec<_> = near.iter().flatten().filter_map(|x| c.listed(*x)).collect();
            if listed.is_empty() {
                continue;
            }
            for kind in listed {
                names.insert(match kind {
                    crate::calendar::DayKind::Rest { name } => {
                        format!("{}:{name}", day.format("%Y"))
                    }
                    crate::calendar::DayKind::Work => format!("{}:调休", day.format("%Y")),
                });
            }
            let n = if day < REGULATION_2019_IN_FORCE {
                15
            } else {
                20
            };
            let state = run(&[E::Received { on: day }]);
            assert_eq!(state.base_working_days, n, "{day}");
            assert_eq!(state.due, Some(walk(&c, day, n)), "received {day}");
            assert_eq!(state.status, ClockStatus::Running);
            checked += 1;
        }
        assert!(checked > 400, "{checked}");
        for year in 2019..=2026 {
            for block in ["元旦", "春节", "清明节", "劳动节", "端午节", "调休"] {
                assert!(names.contains(&format!("{year}:{block}")), "{year} {block}");
            }
            assert!(
                names
                    .iter()
                    .any(|n| n.starts_with(&format!("{year}:")) && n.contains("国庆")),
                "{year}"
            );
        }
    }

    #[test]
    fn hand_checked_deadlines() {
        // Each counted by hand from shared/data/cn-calendar.tsv.
        for (received, due) in [
            // 国庆 2019 with 调休 09-29 (Sun) and 10-12 (Sat).
            ("2019-09-27", "2019-10-30"),
            // 春节 2020 extended to 02-02 by 国办发明电〔2020〕1号: 02-01 is not worked.
            ("2020-01-20", "2020-02-25"),
            // 春节 2026 (02-15..23) with 调休 Saturdays 02-14 and 02-28.
            ("2026-02-13", "2026-03-19"),
            // 劳动节 2025 (05-01..05) with 调休 Sunday 04-27.
            ("2025-04-25", "2025-05-27"),
            // 2008 条例: 15 working days across 清明 2019 (04-05..07).
            ("2019-04-03", "2019-04-25"),
        ] {
            assert_eq!(
                run(&[E::Received { on: d(received) }]).due,
                Some(d(due)),
                "{received}"
            );
        }
        let s = run(&[E::Received {
            on: d("2019-09-27"),
        }]);
        let text = s.explanation.join("\n");
        assert!(
            text.contains("跳过国庆节 2019-10-01 至 2019-10-07（7 天）"),
            "{text}"
        );
        assert!(text.contains("2019-10-12（星期六）为调休上班日"), "{text}");
        assert!(text.contains("条例第三十三条"), "{text}");
    }

    #[test]
    fn the_2008_rule_applies_before_2019_05_15() {
        let old = run(&[E::Received {
            on: d("2019-05-14"),
        }]);
        let new = run(&[E::Received {
            on: d("2019-05-15"),
        }]);
        assert_eq!((old.base_working_days, new.base_working_days), (15, 20));
        assert!(old.explanation[0].contains("第二十四条"));
        // 15 + 15 across 劳动节 2019 (05-01..04) and its 调休 Sundays 04-28 and 05-05.
        let s = run(&[
            E::Received {
                on: d("2019-04-03"),
            },
            E::ExtensionApproved {
                on: d("2019-04-20"),
                working_days: 15,
            },
        ]);
        assert_eq!((s.due, s.extension_days), (Some(d("2019-05-17")), 15));
        let err = compute(
            &[
                E::Received {
                    on: d("2019-04-03"),
                },
                E::ExtensionApproved {
                    on: d("2019-04-20"),
                    working_days: 16,
                },
            ],
            &cal(),
        );
        assert_eq!(
            err,
            Err(ClockError::InvalidExtension {
                index: 1,
                working_days: 16,
                max: 15
            })
        );
    }

    #[test]
    fn correction_restarts_the_clock() {
        let r = E::Received {
            on: d("2025-04-25"),
        };
        let s = run(&[
            r.clone(),
            E::CorrectionRequested {
                on: d("2025-04-28"),
            },
        ]);
        assert_eq!((s.status, s.due), (ClockStatus::WaitingForApplicant, None));
        assert!(!s.overdue(d("2026-01-05")));
        // 20 working days from 2025-05-06, across 端午 2025 (05-31..06-02).
        let s = run(&[
            r.clone(),
            E::CorrectionRequested {
                on: d("2025-04-28"),
            },
            E::CorrectionReceived {
                on: d("2025-05-06"),
            },
        ]);
        assert_eq!(
            (s.status, s.due, s.clock_start),
            (ClockStatus::Running, Some(d("2025-06-04")), d("2025-05-06"))
        );
        assert!(s.warnings.is_empty());
        // 7 working days (04-27 is a 调休 Sunday) is in time; 8 is late.
        let s = run(&[
            r.clone(),
            E::CorrectionRequested {
                on: d("2025-05-08"),
            },
        ]);
        assert!(s.warnings.is_empty());
        let s = run(&[
            r.clone(),
            E::CorrectionRequested {
                on: d("2025-05-09"),
            },
        ]);
        assert_eq!(
            s.warnings,
            [ClockWarning::LateCorrectionNotice {
                requested_on: d("2025-05-09"),
                working_days: 8
            }]
        );
        assert_eq!(s.warnings[0].code(), "clock.late_correction_notice");
        // Abandonment.
        let s = run(&[
            r.clone(),
            E::CorrectionRequested {
                on: d("2025-04-28"),
            },
            E::CorrectionDeadlinePassed {
                on: d("2025-05-20"),
            },
        ]);
        assert_eq!((s.status, s.due), (ClockStatus::Abandoned, None));
        let err = compute(
            &[
                r,
                E::CorrectionDeadlinePassed {
                    on: d("2025-05-20"),
                },
            ],
            &cal(),
        );
        assert_eq!(err.map_err(|e| e.code()), Err("clock.unexpected_event"));
    }

    #[test]
    fn extension_once_and_at_most_20() {
        let r = E::Received {
            on: d("2019-09-27"),
        };
        let ext = |n| E::ExtensionApproved {
            on: d("2019-10-21"),
            working_days: n,
        };
        let s = run(&[r.clone(), ext(20)]);
        assert_eq!((s.due, s.extension_days), (Some(d("2019-11-27")), 20));
        let c = cal();
        assert_eq!(
            compute(&[r.clone(), ext(21)], &c).map_err(|e| e.code()),
            Err("clock.invalid_extension")
        );
        assert_eq!(
            compute(&[r.clone(), ext(0)], &c).map_err(|e| e.code()),
            Err("clock.invalid_extension")
        );
        assert_eq!(
            compute(&[r.clone(), ext(5), ext(5)], &c),
            Err(ClockError::SecondExtension { index: 2 })
        );
        let s = run(&[
            r,
            E::ExtensionApproved {
                on: d("2019-10-31"),
                working_days: 5,
            },
        ]);
        assert_eq!(
            s.warnings,
            [ClockWarning::ExtensionAfterDeadline {
                approved_on: d("2019-10-31"),
                due: d("2019-10-30")
            }]
        );
    }

    #[test]
    fn consultation_is_excluded() {
        let r = E::Received {
            on: d("2019-09-27"),
        };
        let start = E::ConsultationStarted {
            on: d("2019-10-08"),
        };
        let s = run(&[r.clone(), start.clone()]);
        // 09-29, 09-30 and 10-08 are used; 17 of 20 left, frozen while consulting.
        assert_eq!(
            (s.status, s.due, s.working_days_left_at_pause),
            (ClockStatus::InConsultation, None, Some(17))
        );
        assert_eq!(s.working_days_left(d("2019-12-01"), &cal()), Some(17));
        assert!(!s.overdue(d("2019-12-01")));
        // 10-09..10-15 holds 6 working days (10-12 is a 调休 Saturday).
        let s = run(&[
            r.clone(),
            start.clone(),
            E::ConsultationEnded {
                on: d("2019-10-15"),
            },
        ]);
        assert_eq!((s.due, s.excluded_working_days), (Some(d("2019-11-07")), 6));
        assert!(s.explanation.iter().any(|l| l.contains("第三十三条第三款")));
        // Overlapping third-party and agency consultations are excluded once.
        let s = run(&[
            r.clone(),
            start.clone(),
            E::ConsultationStarted {
                on: d("2019-10-09"),
            },
            E::ConsultationEnded {
                on: d("2019-10-11"),
            },
            E::ConsultationEnded {
                on: d("2019-10-15"),
            },
        ]);
        assert_eq!(s.excluded_working_days, 6);
        // Longer than the 15 working days of 第三十二条: all excluded, with a warning.
        let s = run(&[
            r.clone(),
            start,
            E::ConsultationEnded {
                on: d("2019-11-01"),
            },
        ]);
        assert_eq!(s.excluded_working_days, 19);
        assert_eq!(s.warnings[0].code(), "clock.long_consultation");
        let err = compute(
            &[
                r,
                E::ConsultationEnded {
                    on: d("2019-10-15"),
                },
            ],
            &cal(),
        );
        assert_eq!(err.map_err(|e| e.code()), Err("clock.unexpected_event"));
    }

    #[test]
    fn custom_deadline_needs_a_reason() {
        let r = E::Received {
            on: d("2025-04-25"),
        };
        let custom = |due: &str, reason: &str| E::CustomDeadline {
            due: d(due),
            reason: reason.into(),
        };
        let s = run(&[r.clone(), custom("2025-07-31", "申请数量明显超过合理范围")]);
        assert_eq!(s.due, Some(d("2025-07-31")));
        assert!(s.explanation.iter().any(|l| l.contains("第三十五条")));
        assert_eq!(
            compute(&[r.clone(), custom("2025-07-31", "  ")], &cal()),
            Err(ClockError::MissingReason { index: 1 })
        );
        assert_eq!(
            compute(&[r.clone(), custom("2025-04-25", "x")], &cal()).map_err(|e| e.code()),
            Err("clock.custom_deadline_not_after_start")
        );
        let s = run(&[r.clone(), custom("2025-05-20", "x")]);
        assert_eq!(
            s.warnings,
            [ClockWarning::CustomDeadlineEarlier {
                custom: d("2025-05-20"),
                statutory: d("2025-05-27")
            }]
        );
        // A later consultation still moves it: 07-31 + 2 working days.
        let s = run(&[
            r,
            custom("2025-07-31", "x"),
            E::ConsultationStarted {
                on: d("2025-08-01"),
            },
            E::ConsultationEnded {
                on: d("2025-08-05"),
            },
        ]);
        assert_eq!(s.due, Some(d("2025-08-04")));
    }

    #[test]
    fn withdrawal_and_decision_end_the_clock() {
        let r = E::Received {
            on: d("2019-09-27"),
        };
        let s = run(&[
            r.clone(),
            E::ConsultationStarted {
                on: d("2019-10-08"),
            },
            E::Withdrawn {
                on: d("2019-10-10"),
            },
        ]);
        assert_eq!((s.status, s.due), (ClockStatus::Withdrawn, None));
        assert_eq!(s.working_days_left(d("2019-10-11"), &cal()), None);
        let err = compute(
            &[
                r.clone(),
                E::Withdrawn {
                    on: d("2019-10-10"),
                },
                E::Decided {
                    on: d("2019-10-11"),
                },
            ],
            &cal(),
        );
        assert_eq!(
            err,
            Err(ClockError::Unexpected {
                index: 2,
                event: "decided",
                status: ClockStatus::Withdrawn
            })
        );
        let s = run(&[
            r.clone(),
            E::Decided {
                on: d("2019-10-30"),
            },
        ]);
        assert_eq!(
            (s.status, s.due),
            (ClockStatus::Decided, Some(d("2019-10-30")))
        );
        assert!(s.warnings.is_empty() && !s.overdue(d("2020-01-01")));
        let s = run(&[
            r.clone(),
            E::Decided {
                on: d("2019-10-31"),
            },
        ]);
        assert_eq!(s.warnings[0].code(), "clock.decided_after_deadline");
        let s = run(&[r]);
        let c = cal();
        assert_eq!(s.working_days_left(d("2019-10-08"), &c), Some(17));
        assert_eq!(s.working_days_left(d("2019-10-30"), &c), Some(0));
        assert_eq!(s.working_days_left(d("2019-11-01"), &c), Some(-2));
        assert!(!s.overdue(d("2019-10-30")) && s.overdue(d("2019-10-31")));
    }

    #[test]
    fn bad_sequences_name_the_event() {
        let c = cal();
        assert_eq!(compute(&[], &c), Err(ClockError::NoEvents));
        assert_eq!(
            compute(
                &[E::Decided {
                    on: d("2020-01-01")
                }],
                &c
            ),
            Err(ClockError::FirstNotReceived {
                index: 0,
                event: "decided"
            })
        );
        let err = compute(
            &[
                E::Received {
                    on: d("2020-03-02"),
                },
                E::Decided {
                    on: d("2020-03-01"),
                },
            ],
            &c,
        );
        assert_eq!(
            err,
            Err(ClockError::OutOfOrder {
                index: 1,
                event: "decided",
                on: d("2020-03-01"),
                previous: d("2020-03-02")
            })
        );
        let err = compute(
            &[
                E::Received {
                    on: d("2020-03-02"),
                },
                E::Received {
                    on: d("2020-03-03"),
                },
            ],
            &c,
        );
        assert_eq!(err.map_err(|e| e.code()), Err("clock.unexpected_event"));
        let msg = ClockError::SecondExtension { index: 2 }.to_string();
        assert!(
            msg.contains("只能延长一次") && msg.contains("only once"),
            "{msg}"
        );
    }

    #[test]
    fn a_deadline_beyond_the_table_is_a_calendar_error() {
        let c = cal();
        for received in ["2026-12-10", "2027-01-04"] {
            let err = compute(&[E::Received { on: d(received) }], &c);
            assert_eq!(
                err,
                Err(ClockError::Calendar(CalendarError::NoData { year: 2027 })),
                "{received}"
            );
            assert_eq!(err.map_err(|e| e.code()), Err("calendar.no_data"));
        }
        // 2026-12-01 still fits: 2026-12-29.
        assert_eq!(
            run(&[E::Received {
                on: d("2026-12-01")
            }])
            .due,
            Some(d("2026-12-29"))
        );
    }

    fn received_date() -> impl Strategy<Value = NaiveDate> {
        let first = NaiveDate::from_ymd_opt(2019, 1, 2).expect("date");
        let span = (NaiveDate::from_ymd_opt(2026, 11, 30).expect("date") - first).num_days() as u64;
        (0..=span).prop_map(move |n| first + Days::new(n))
    }

    /// The due date, or `None` (assumed away) when it falls outside the table.
    fn due_of(events: &[ClockEvent], c: &Calendar) -> Option<NaiveDate> {
        match compute(events, c) {
            Ok(s) => s.due,
            Err(ClockError::Calendar(CalendarError::NoData { .. })) => None,
            Err(e) => panic!("{e}"),
        }
    }

    proptest! {
        #[test]
        fn a_correction_never_brings_the_deadline_forward(r in received_date(), ask in 0u64..10, gap in 0u64..60) {
            let c = cal();
            let q = r + Days::new(ask);
            let plain = due_of(&[E::Received { on: r }], &c);
            let restarted = due_of(&[
                E::Received { on: r },
                E::CorrectionRequested { on: q },
                E::CorrectionReceived { on: q + Days::new(gap) },
            ], &c);
            prop_assume!(plain.is_some() && restarted.is_some());
            prop_assert!(restarted >= plain);
        }

        #[test]
        fn a_consultation_of_k_working_days_moves_the_deadline_by_k(r in received_date(), lead in 0u64..30, len in 0u64..40) {
            let c = cal();
            let s = r + Days::new(lead);
            let e = s + Days::new(len);
            let k = c.working_days_between(s, e);
            let plain = due_of(&[E::Received { on: r }], &c);
            let with = due_of(&[E::Received { on: r }, E::ConsultationStarted { on: s }, E::ConsultationEnded { on: e }], &c);
            prop_assume!(k.is_ok() && plain.is_some() && with.is_some());
            let (k, plain) = (k.expect("checked"), plain.expect("checked"));
            prop_assert_eq!(with, Some(c.add_working_days(plain, k).expect("in range").due));
            prop_assert_eq!(c.working_days_between(plain, with.expect("checked")), Ok(k));
        }

        #[test]
        fn an_extension_of_n_moves_the_deadline_by_n(r in received_date(), lead in 0u64..20, n in 1u32..=20) {
            let c = cal();
            let max = if r < REGULATION_2019_IN_FORCE { 15 } else { 20 };
            let n = n.min(max);
            let plain = due_of(&[E::Received { on: r }], &c);
            let ext = due_of(&[E::Received { on: r }, E::ExtensionApproved { on: r + Days::new(lead), working_days: n }], &c);
            prop_assume!(plain.is_some() && ext.is_some());
            let (plain, ext) = (plain.expect("checked"), ext.expect("checked"));
            prop_assert_eq!(c.working_days_between(plain, ext), Ok(n));
            prop_assert!(c.is_working_day(ext).expect("in range"));
        }
    }
}

//! The rules of the supervisor's oversight table: whether an annual report came by its legal day, whether an
//! application was answered late, and the correction rate of the 复议 and 诉讼 cases of table 四.

pub mod trend;

use chrono::NaiveDate;
use serde::Serialize;

use crate::agency::AgencyKind;
use crate::appeal::{CaseOutcome, Standing, TOTAL_COLUMN};
use crate::application::clock::ClockState;
use crate::report::{Cell, Table4};

/// How the annual report of a year stands, seen on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStanding {
    /// Published on its legal day or before.
    InTime { on: NaiveDate },
    /// Published, but after its legal day.
    PublishedLate { on: NaiveDate, due: NaiveDate },
    /// Not published yet, and its legal day has not passed.
    NotYetDue { due: NaiveDate },
    /// Not published, and its legal day has passed.
    Missing { due: NaiveDate },
}

impl ReportStanding {
    pub fn code(self) -> &'static str {
        match self {
            Self::InTime { .. } => "in_time",
            Self::PublishedLate { .. } => "published_late",
            Self::NotYetDue { .. } => "not_yet_due",
            Self::Missing { .. } => "missing",
        }
    }

    pub fn is_late(self) -> bool {
        matches!(self, Self::PublishedLate { .. } | Self::Missing { .. })
    }
}

/// The legal day of the annual report of `year` for an agency of `kind` (条例第四十九条: 1月31日, a 人民政府's own
/// report 3月31日, of the following year).
pub fn report_due_on(kind: AgencyKind, year: i32) -> Option<NaiveDate> {
    let (month, day) = kind.report_due();
    NaiveDate::from_ymd_opt(year + 1, month, day)
}

/// The report of `year`, first published on `published_on` (if ever), judged on `today`.
pub fn report_standing(
    kind: AgencyKind,
    year: i32,
    published_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<ReportStanding> {
    let due = report_due_on(kind, year)?;
    Some(match published_on {
        Some(on) if on <= due => ReportStanding::InTime { on },
        Some(on) => ReportStanding::PublishedLate { on, due },
        None if today > due => ReportStanding::Missing { due },
        None => ReportStanding::NotYetDue { due },
    })
}

/// 条例第三十三条: an answer given after the last day of the clock (its due date when the answer was given).
pub fn answered_late(clock: &ClockState, decided_on: NaiveDate) -> bool {
    clock.due.is_some_and(|due| decided_on > due)
}

/// Table 四's 纠正 and the cases decided in the year (维持 + 纠正 + 其他, the 尚未审结 left out), over its three
/// groups (复议, 诉讼 without 复议, 诉讼 after 复议).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CorrectionRate {
    pub corrected: i64,
    pub decided: i64,
}

impl CorrectionRate {
    pub fn of(table: &Table4) -> Self {
        let count = |group: &[Cell; 5], column: usize| group[column].as_int().unwrap_or(0);
        let mut rate = Self::default();
        for group in &table.groups {
            rate.corrected += count(group, Standing::Decided(CaseOutcome::Correct).column());
            rate.decided += count(group, TOTAL_COLUMN) - count(group, Standing::Pending.column());
        }
        rate
    }

    /// The rate in whole percent (rounded down); `None` when nothing was decided.
    pub fn percent(self) -> Option<i64> {
        (self.decided > 0).then(|| self.corrected * 100 / self.decided)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    /// 条例第四十九条: a department's 2025 report is due on 2026-01-31, a government's on 2026-03-31.
    #[test]
    fn a_report_is_late_after_its_legal_day() {
        let dept = AgencyKind::Department;
        let gov = AgencyKind::Government;
        let today = d(2026, 11, 30);
        assert_eq!(
            report_standing(dept, 2025, Some(d(2026, 1, 31)), today),
            Some(ReportStanding::InTime { on: d(2026, 1, 31) })
        );
        assert_eq!(
            report_standing(dept, 2025, Some(d(2026, 2, 1)), today),
            Some(ReportStanding::PublishedLate {
                on: d(2026, 2, 1),
                due: d(2026, 1, 31)
            })
        );
        assert_eq!(
            report_standing(gov, 2025, Some(d(2026, 3, 31)), today).map(ReportStanding::is_late),
            Some(false)
        );
        assert_eq!(
            report_standing(dept, 2025, None, today),
            Some(ReportStanding::Missing {
                due: d(2026, 1, 31)
            })
        );
        assert_eq!(
            report_standing(gov, 2025, None, d(2026, 3, 31)),
            Some(ReportStanding::NotYetDue {
                due: d(2026, 3, 31)
            })
        );
    }

    #[test]
    fn the_correction_rate_leaves_pending_cases_out() {
        let row = |m: i64, c: i64, o: i64, p: i64| [m, c, o, p, m + c + o + p].map(Cell::Int);
        let table = Table4 {
            groups: [row(1, 1, 0, 1), row(0, 1, 1, 0), row(0, 0, 0, 0)],
        };
        let rate = CorrectionRate::of(&table);
        assert_eq!(
            rate,
            CorrectionRate {
                corrected: 2,
                decided: 4
            }
        );
        assert_eq!(rate.percent(), Some(50));
        assert_eq!(CorrectionRate::default().percent(), None);
    }
}

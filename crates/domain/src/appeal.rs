//! The register of 行政复议 and 行政诉讼 about an agency's 政府信息公开 work, and table 四 of the annual report
//! counted from it.
//!
//! 条例第五十一条: whoever believes an agency infringed their lawful rights in its 政府信息公开 work may apply for
//! 行政复议 or bring a 行政诉讼; 条例第五十条第（三）项 makes the annual report state how many such cases there were
//! (table 四, 政府信息公开行政复议、行政诉讼情况). The register keeps three kinds of case, the three groups of the
//! table (`shared/spec/legal-notes.md` a.13): 行政复议, 行政诉讼 filed directly (未经复议直接起诉) and 行政诉讼 after
//! a reconsideration (复议后起诉). A case is decided once, with 结果维持, 结果纠正 or 其他结果; until then it is
//! 尚未审结.
//!
//! Counting (`shared/spec/report-formats.md` §3, rule T4-01) [D]: a case counts in year Y, in its kind's group,
//! when it was filed on or before Y-12-31 and not decided before Y-01-01: in its outcome's column if it was
//! decided within Y, otherwise in 尚未审结 (still pending at the year's end). 总计 is the sum of the four, so
//! T4-01 holds by construction. A case pending over several years counts in each of them.

use chrono::{Datelike, NaiveDate};

use crate::application::intake::TrackingNo;
use crate::field::{FieldError, FieldProblem, check_len};
use crate::report::{Cell, Table4};

/// The longest note a case may carry (what the case is about, the court or reconsideration body, its number).
pub const NOTE_MAX_CHARS: usize = 500;

/// The kind of case: one group of table 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseKind {
    /// 行政复议
    Review,
    /// 行政诉讼，未经复议直接起诉
    LitDirect,
    /// 行政诉讼，复议后起诉
    LitAfterReview,
}

impl CaseKind {
    pub const ALL: [CaseKind; 3] = [Self::Review, Self::LitDirect, Self::LitAfterReview];

    /// Stable code; also the group key of table 四 in the JSON contract (`t4.review.*`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Review => "review",
            Self::LitDirect => "lit_direct",
            Self::LitAfterReview => "lit_after_review",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// The group's index in [`Table4::groups`] (the order of `report::layout::T4_GROUPS`).
    pub fn group(self) -> usize {
        match self {
            Self::Review => 0,
            Self::LitDirect => 1,
            Self::LitAfterReview => 2,
        }
    }
}

/// How a case was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseOutcome {
    /// 结果维持: the agency's act was upheld.
    Maintain,
    /// 结果纠正: the act was revoked, changed, declared unlawful, or the agency ordered to act again.
    Correct,
    /// 其他结果: withdrawn, terminated, dismissed without a ruling on the act, settled.
    Other,
}

impl CaseOutcome {
    pub const ALL: [CaseOutcome; 3] = [Self::Maintain, Self::Correct, Self::Other];

    /// Stable code; also the column key of table 四 (`t4.*.maintain`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Maintain => "maintain",
            Self::Correct => "correct",
            Self::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code.trim())
    }
}

/// Where a case stands in one year's table 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Decided within the year, with this outcome.
    Decided(CaseOutcome),
    /// 尚未审结: not decided by the year's end.
    Pending,
}

impl Standing {
    /// The column key of table 四 (`maintain`, `correct`, `other`, `pending`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Decided(o) => o.code(),
            Self::Pending => "pending",
        }
    }

    /// The column's index in a group of [`Table4`] (the order of `report::layout::T4_COLUMNS`).
    pub fn column(self) -> usize {
        match self {
            Self::Decided(CaseOutcome::Maintain) => 0,
            Self::Decided(CaseOutcome::Correct) => 1,
            Self::Decided(CaseOutcome::Other) => 2,
            Self::Pending => 3,
        }
    }
}

/// The index of 总计 in a group of [`Table4`].
pub const TOTAL_COLUMN: usize = 4;

/// The decision that ended a case: the day it was made and its outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decision {
    pub on: NaiveDate,
    pub outcome: CaseOutcome,
}

/// What table 四 needs of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AppealCase {
    pub kind: CaseKind,
    /// The day the application for 行政复议 was made or the suit filed.
    pub filed_on: NaiveDate,
    /// `None` while the case is pending.
    pub decision: Option<Decision>,
}

impl AppealCase {
    /// Where the case counts in table 四 of `year`; `None` when it is not counted that year (filed later, or
    /// decided before the year began).
    pub fn standing(&self, year: i32) -> Option<Standing> {
        if self.filed_on.year() > year {
            return None;
        }
        match self.decision {
            Some(d) if d.on.year() < year => None,
            Some(d) if d.on.year() == year => Some(Standing::Decided(d.outcome)),
            _ => Some(Standing::Pending),
        }
    }

    /// Every rule a whole case must keep: no date after `today`, no decision before the filing.
    pub fn check(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.filed_on > today {
            out.push(FieldError::new("filed_on", FieldProblem::DateInFuture));
        }
        if let Some(d) = self.decision {
            check_decision_date(&mut out, self.filed_on, d.on, today);
        }
        out
    }
}

fn check_decision_date(
    out: &mut Vec<FieldError>,
    filed_on: NaiveDate,
    on: NaiveDate,
    today: NaiveDate,
) {
    if on > today {
        out.push(FieldError::new("decided_on", FieldProblem::DateInFuture));
    } else if on < filed_on {
        out.push(FieldError::new(
            "decided_on",
            FieldProblem::DecidedBeforeFiled,
        ));
    }
}

/// A decision exists exactly when both its day and its outcome are known: one without the other is refused,
/// naming the missing field.
pub fn decision_of(
    on: Option<NaiveDate>,
    outcome: Option<CaseOutcome>,
) -> Result<Option<Decision>, FieldError> {
    match (on, outcome) {
        (Some(on), Some(outcome)) => Ok(Some(Decision { on, outcome })),
        (None, None) => Ok(None),
        (Some(_), None) => Err(FieldError::new("outcome", FieldProblem::Required)),
        (None, Some(_)) => Err(FieldError::new("decided_on", FieldProblem::Required)),
    }
}

/// A new case as a clerk registers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    pub kind: CaseKind,
    pub filed_on: NaiveDate,
    /// The application the case is about, when there is one (a case may also concern 主动公开).
    pub application: Option<TrackingNo>,
    pub note: String,
}

/// The registration form as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct FilingInput<'a> {
    pub kind: &'a str,
    pub filed_on: &'a str,
    pub application: &'a str,
    pub note: &'a str,
}

/// A date field: required, `YYYY-MM-DD`, not after `today`.
fn date_field(
    out: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        out.push(FieldError::new(field, FieldProblem::Required));
        return None;
    }
    let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") else {
        out.push(FieldError::new(field, FieldProblem::BadDate));
        return None;
    };
    if day > today {
        out.push(FieldError::new(field, FieldProblem::DateInFuture));
        return None;
    }
    Some(day)
}

impl Filing {
    /// Reads the registration form: a known kind, a filing date not after `today`, a well-formed tracking
    /// number if one is given (whether it names an application of the agency is for the caller to check), and a
    /// note of at most [`NOTE_MAX_CHARS`].
    pub fn parse(input: &FilingInput<'_>, today: NaiveDate) -> Result<Filing, Vec<FieldError>> {
        let mut out = Vec::new();
        let kind = CaseKind::from_code(input.kind);
        if kind.is_none() {
            out.push(FieldError::new("kind", FieldProblem::UnknownChoice));
        }
        let filed_on = date_field(&mut out, "filed_on", input.filed_on, today);
        let application = match input.application.trim() {
            "" => None,
            text => match TrackingNo::parse(text) {
                Ok(no) => Some(no),
                Err(_) => {
                    out.push(FieldError::new(
                        "application",
                        FieldProblem::UnknownApplication,
                    ));
                    None
                }
            },
        };
        let note = input.note.trim();
        check_len(&mut out, "note", note, NOTE_MAX_CHARS);
        match (kind, filed_on) {
            (Some(kind), Some(filed_on)) if out.is_empty() => Ok(Filing {
                kind,
                filed_on,
                application,
                note: note.to_owned(),
            }),
            _ => Err(out),
        }
    }
}

impl Decision {
    /// Reads the decision form for a case filed on `filed_on`: both the day and the outcome are required; the
    /// day is not after `today` nor before the filing.
    pub fn parse(
        filed_on: NaiveDate,
        decided_on: &str,
        outcome: &str,
        today: NaiveDate,
    ) -> Result<Decision, Vec<FieldError>> {
        let mut out = Vec::new();
        let on = date_field(&mut out, "decided_on", decided_on, today);
        if let Some(on) = on {
            check_decision_date(&mut out, filed_on, on, today);
        }
        let outcome = match outcome.trim() {
            "" => {
                out.push(FieldError::new("outcome", FieldProblem::Required));
                None
            }
            code => {
                let found = CaseOutcome::from_code(code);
                if found.is_none() {
                    out.push(FieldError::new("outcome", FieldProblem::UnknownChoice));
                }
                found
            }
        };
        match (on, outcome) {
            (Some(on), Some(outcome)) if out.is_empty() => Ok(Decision { on, outcome }),
            _ => Err(out),
        }
    }
}

/// Table 四 of `year` from the register (see the module documentation); every cell an integer ≥ 0, and each
/// group's 总计 the sum of its four columns (T4-01).
pub fn compile_t4(cases: &[AppealCase], year: i32) -> Table4 {
    let mut counts = [[0_i64; 5]; 3];
    for case in cases {
        if let Some(standing) = case.standing(year) {
            let group = &mut counts[case.kind.group()];
            group[standing.column()] += 1;
            group[TOTAL_COLUMN] += 1;
        }
    }
    Table4 {
        groups: counts.map(|group| group.map(Cell::Int)),
    }
}

#[cfg(test)]
mod tests;

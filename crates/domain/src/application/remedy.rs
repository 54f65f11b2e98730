//! The remedy a decision letter offers (条例第五十一条). From 2024-01-01 the revised 行政复议法 (2023) makes a
//! refusal to disclose a case of 复议前置: 第二十三条第一款第（四）项 requires the applicant to apply for
//! 行政复议 first, and 第二十三条第二款 obliges the agency to say so in its decision. Every other decision, and
//! every decision served before 2024, may be challenged by 行政复议 or directly by 行政诉讼.

use chrono::NaiveDate;

use super::outcome::Outcome;

/// The day the revised 行政复议法 took effect.
pub const REVIEW_FIRST_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// What the applicant may do against the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// 行政复议 within 60 days, or 行政诉讼 within 6 months.
    ReviewOrLitigation,
    /// 行政复议 first (复议前置); 行政诉讼 only against the 复议 decision.
    ReviewFirst,
}

impl Remedy {
    /// The remedy of a decision with `outcome` served on `served_on`.
    pub fn of(outcome: Outcome, served_on: NaiveDate) -> Remedy {
        // 行政复议法（2023）第二十三条第一款第（四）项: 申请政府信息公开，行政机关不予公开.
        if outcome.withholds() && served_on >= REVIEW_FIRST_FROM {
            Remedy::ReviewFirst
        } else {
            Remedy::ReviewOrLitigation
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::ReviewOrLitigation => "review_or_litigation",
            Self::ReviewFirst => "review_first",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_refusal_served_from_2024_goes_to_review_first_and_nothing_else_does() {
        let refusals = [
            Outcome::StateSecret,
            Outcome::ProcessInfo,
            Outcome::ThirdParty,
            Outcome::AdminQuery,
            Outcome::Partial,
        ];
        for outcome in refusals {
            assert_eq!(
                Remedy::of(outcome, day("2024-01-01")),
                Remedy::ReviewFirst,
                "{outcome:?}"
            );
            assert_eq!(
                Remedy::of(outcome, day("2023-12-29")),
                Remedy::ReviewOrLitigation,
                "{outcome:?} before the revised law"
            );
        }
        for outcome in [
            Outcome::Open,
            Outcome::NotHeld,
            Outcome::Petition,
            Outcome::NoCorrection,
        ] {
            assert_eq!(
                Remedy::of(outcome, day("2026-03-02")),
                Remedy::ReviewOrLitigation,
                "{outcome:?} is no refusal to disclose"
            );
        }
    }
}

//! How long an applicant's personal data is kept after the case closes. 个人信息保护法第十九条: personal
//! information is kept no longer than its purpose needs; once a closed case has passed the retention period an
//! agency sets (its 档案 rules decide how long), the applicant is anonymised: the kind of applicant stays (the
//! annual report counts by it, 国办公开办函〔2021〕30号 table 三), every name, number and contact goes.

use chrono::{Months, NaiveDate};

use super::intake::ApplicantInput;
use super::outcome::ApplicantKind;

/// The name an anonymised applicant is shown with.
pub const ANONYMISED_NAME: &str = "（已匿名化）";

/// Whether a case closed on `closed_on` is past a retention of `years` on `today`; a retention of 0 keeps
/// everything.
pub fn is_due(closed_on: NaiveDate, today: NaiveDate, years: u32) -> bool {
    if years == 0 {
        return false;
    }
    closed_on
        .checked_add_months(Months::new(years.saturating_mul(12)))
        .is_some_and(|until| until <= today)
}

/// What is kept of an anonymised applicant: its kind only.
pub fn anonymised(kind: ApplicantKind) -> ApplicantInput {
    ApplicantInput {
        kind: kind.code().to_owned(),
        name: ANONYMISED_NAME.to_owned(),
        ..ApplicantInput::default()
    }
}

/// Whether a stored applicant was anonymised already.
pub fn is_anonymised(applicant: &ApplicantInput) -> bool {
    applicant.name == ANONYMISED_NAME
        && applicant.id_number.is_empty()
        && applicant.phone.is_empty()
        && applicant.address.is_empty()
        && applicant.email.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_closed_case_is_due_once_its_years_have_passed_and_never_with_no_retention() {
        let closed = day(2020, 2, 29);
        assert!(!is_due(closed, day(2025, 2, 27), 5));
        assert!(
            is_due(closed, day(2025, 2, 28), 5),
            "29 February to 28 February"
        );
        assert!(!is_due(closed, day(2099, 1, 1), 0), "0 keeps everything");
    }

    #[test]
    fn only_the_kind_of_applicant_is_kept() {
        let kept = anonymised(ApplicantKind::NaturalPerson);
        assert_eq!(kept.kind, "np");
        assert!(is_anonymised(&kept));
        assert!(kept.id_number.is_empty() && kept.phone.is_empty() && kept.address.is_empty());
        let person = ApplicantInput {
            kind: "np".into(),
            name: "张三".into(),
            ..ApplicantInput::default()
        };
        assert!(!is_anonymised(&person));
    }
}

//! A resubmission: the same applicant sending the same request to the same agency again within a day, most
//! often by pressing 提交 twice or reloading the receipt. It is the application already filed, not a new one:
//! filing it again would open a second case, a second deadline and, under 国办函〔2020〕109号, a second place
//! in the applicant's monthly count for fees.

use super::intake::ApplicantInput;
use super::monthly::applicant_identity;

/// How long after filing the same request counts as a resubmission (24 hours, in milliseconds).
pub const RESUBMISSION_WINDOW_MS: i64 = 24 * 3600 * 1000;

/// One earlier application as the check reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filed<'a> {
    /// The applicant as stored (the JSON of [`ApplicantInput`]), already read.
    pub applicant: &'a ApplicantInput,
    pub description: &'a str,
    pub filed_at_ms: i64,
}

/// The request text without white space: Chinese separates no words by spaces, so a line break or space put
/// into a copy of the same text does not make it another request.
fn normalised_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `earlier` (to the same agency) is the application that `applicant` asking `description` at
/// `now_ms` sends again: the same 证件 or 统一社会信用代码, the same request text, filed less than 24 hours
/// before. An applicant without an identity on record is never taken for another.
pub fn is_resubmission(
    applicant: &ApplicantInput,
    description: &str,
    now_ms: i64,
    earlier: &Filed<'_>,
) -> bool {
    let Some(identity) = applicant_identity(applicant) else {
        return false;
    };
    let age = now_ms.saturating_sub(earlier.filed_at_ms);
    (0..RESUBMISSION_WINDOW_MS).contains(&age)
        && applicant_identity(earlier.applicant).as_deref() == Some(identity.as_str())
        && normalised_text(earlier.description) == normalised_text(description)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3600 * 1000;

    fn person(id: &str) -> ApplicantInput {
        ApplicantInput {
            kind: "np".into(),
            name: "张三".into(),
            id_type: "resident_id".into(),
            id_number: id.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_same_request_from_the_same_person_within_a_day_is_a_resubmission() {
        let first = person("11010519491231002X");
        let earlier = Filed {
            applicant: &first,
            description: "请公开 2025年 预算",
            filed_at_ms: 100 * HOUR,
        };
        let again = person("11010519491231002x ");
        assert!(is_resubmission(
            &again,
            "请公开\n2025年  预算",
            101 * HOUR,
            &earlier
        ));
        assert!(is_resubmission(
            &again,
            "请公开 2025年 预算",
            123 * HOUR,
            &earlier
        ));
        // A day later it is a new application.
        assert!(!is_resubmission(
            &again,
            "请公开 2025年 预算",
            124 * HOUR,
            &earlier
        ));
        // Another text, or another person, is a new application.
        assert!(!is_resubmission(
            &again,
            "请公开 2024年 预算",
            101 * HOUR,
            &earlier
        ));
        let other = person("110105194912310046");
        assert!(!is_resubmission(
            &other,
            "请公开 2025年 预算",
            101 * HOUR,
            &earlier
        ));
    }

    #[test]
    fn an_applicant_without_an_identity_is_never_taken_for_another() {
        let nobody = person("");
        let earlier = Filed {
            applicant: &nobody,
            description: "同一请求",
            filed_at_ms: 0,
        };
        assert!(!is_resubmission(&nobody, "同一请求", HOUR, &earlier));
    }
}

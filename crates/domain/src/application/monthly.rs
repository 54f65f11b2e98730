//! 按件计收 counts "同一申请人一个自然月内累计申请" (国办函〔2020〕109号第四条): the applicant's applications to the
//! same agency whose receipt falls in the same calendar month, up to and including this one. The count comes
//! from the register, never from a number a clerk types, so that the fee follows from the record.

use chrono::{Datelike, NaiveDate};

use super::intake::ApplicantInput;

/// Who an applicant is for the monthly count: the 证件 of a natural person, the 统一社会信用代码 of an
/// organisation (case and spaces ignored). `None` when neither is on record: such an application counts only
/// itself.
pub fn applicant_identity(applicant: &ApplicantInput) -> Option<String> {
    let normalise = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect()
    };
    if applicant.kind == "np" {
        let number = normalise(&applicant.id_number);
        (!number.is_empty()).then(|| format!("id:{}:{number}", applicant.id_type.trim()))
    } else {
        let code = normalise(&applicant.credit_code);
        (!code.is_empty()).then(|| format!("org:{code}"))
    }
}

/// One application of the register as the count reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// Tells applications received on the same day apart (the order they were registered).
    pub order: i64,
    pub received_on: Option<NaiveDate>,
    pub identity: Option<String>,
}

/// The place of `this` among the same applicant's applications received in its calendar month (1 for the
/// first), counting every one of `register` (the agency's applications, `this` among them or not) received
/// that month no later than `this`.
pub fn count_this_month(this: &Registered, register: &[Registered]) -> u32 {
    let (Some(received), Some(identity)) = (this.received_on, this.identity.as_deref()) else {
        return 1;
    };
    let earlier = register
        .iter()
        .filter(|r| r.order != this.order)
        .filter(|r| r.identity.as_deref() == Some(identity))
        .filter_map(|r| r.received_on.map(|d| (d, r.order)))
        .filter(|(d, _)| d.year() == received.year() && d.month() == received.month())
        .filter(|(d, order)| (*d, *order) < (received, this.order))
        .count();
    u32::try_from(earlier).unwrap_or(u32::MAX).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn person(id: &str) -> ApplicantInput {
        ApplicantInput {
            kind: "np".into(),
            name: "张三".into(),
            id_type: "resident_id".into(),
            id_number: id.into(),
            ..Default::default()
        }
    }

    fn reg(order: i64, on: &str, who: &ApplicantInput) -> Registered {
        Registered {
            order,
            received_on: Some(d(on)),
            identity: applicant_identity(who),
        }
    }

    #[test]
    fn the_same_applicant_in_the_same_month_counts_up_to_this_one() {
        let zhang = person("11010519491231002x");
        let zhang_typed_again = person(" 11010519491231002X ");
        let li = person("110105194912310038");
        let register = vec![
            reg(1, "2026-10-31", &zhang),             // the month before
            reg(2, "2026-11-02", &zhang),             // counts
            reg(3, "2026-11-03", &li),                // someone else
            reg(4, "2026-11-05", &zhang_typed_again), // counts: the same 证件, typed differently
            reg(5, "2026-11-05", &zhang),             // this one
            reg(6, "2026-11-20", &zhang),             // after this one
            reg(7, "2026-12-01", &zhang),             // the month after
        ];
        assert_eq!(count_this_month(&register[4], &register), 3);
        assert_eq!(count_this_month(&register[1], &register), 1);
        assert_eq!(count_this_month(&register[5], &register), 4);
        assert_eq!(count_this_month(&register[6], &register), 1);
    }

    #[test]
    fn an_organisation_is_known_by_its_credit_code_and_an_unknown_applicant_counts_once() {
        let org = ApplicantInput {
            kind: "org_biz".into(),
            name: "某公司".into(),
            credit_code: "91410883MA40XXXX1X".into(),
            ..Default::default()
        };
        let renamed = ApplicantInput {
            name: "某公司（更名后）".into(),
            ..org.clone()
        };
        let register = vec![reg(1, "2026-11-02", &org), reg(2, "2026-11-09", &renamed)];
        assert_eq!(count_this_month(&register[1], &register), 2);
        let nobody = Registered {
            order: 3,
            received_on: Some(d("2026-11-10")),
            identity: None,
        };
        assert_eq!(count_this_month(&nobody, &register), 1);
    }
}

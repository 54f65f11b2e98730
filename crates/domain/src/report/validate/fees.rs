//! T3-06 and T3-07 (F2021): section 六's 信息处理费 figures agree with table 三 and with each other
//! (国办函〔2020〕109号; 国办公开办函〔2021〕30号 asks 六 to report the fee notices and what was collected).

use rust_decimal::Decimal;

use crate::report::{AnnualReport, Finding, Format, Rule};

pub(super) fn check(report: &AnnualReport, findings: &mut Vec<Finding>) {
    if report.format != Format::F2021 {
        return;
    }
    notices_cover_unpaid(report, findings);
    collected_within_notices(report, findings);
}

/// A figure 六 does not state: a mark, not a word, so that the finding reads alike in either language.
const NOT_STATED: &str = "—";

/// T3-06: an application that ended because a fee went unpaid (三（六）2) had a fee notice, so 六 must report at
/// least as many notices. A warning: a notice of December may lapse in January of the next year. A report with
/// nothing at all in 六 (table 三 compiled alone, for the statistics page) is left to D-04.
fn notices_cover_unpaid(report: &AnnualReport, findings: &mut Vec<Finding>) {
    if report.fees.is_empty() && report.section_body(6).trim().is_empty() {
        return;
    }
    let Some(unpaid) = report
        .cell("t3.r3_6_2_fee_unpaid.total")
        .and_then(|c| c.as_int())
        .filter(|&n| n > 0)
    else {
        return;
    };
    let notices = report.fees.notice_count;
    if notices.is_some_and(|n| n >= unpaid) {
        return;
    }
    let found = notices.map_or(NOT_STATED.to_owned(), |n| n.to_string());
    let (zh, en) = match notices {
        Some(n) => (
            format!(
                "表三“逾期未按收费通知要求缴纳费用”为 {unpaid} 件，第六部分所述收费通知仅 {n} 件"
            ),
            format!(
                "table 三 has {unpaid} applications ended by an unpaid fee, but section 六 reports only {n} fee notices"
            ),
        ),
        None => (
            format!(
                "表三“逾期未按收费通知要求缴纳费用”为 {unpaid} 件，第六部分未说明发出收费通知的件数"
            ),
            format!(
                "table 三 has {unpaid} applications ended by an unpaid fee, but section 六 does not state how many fee notices were sent"
            ),
        ),
    };
    findings.push(Finding::new(
        Rule::T3_06,
        vec![
            "t3.r3_6_2_fee_unpaid.total".into(),
            "s6.fee_notice_count".into(),
        ],
        format!("≥ {unpaid}"),
        found,
        zh,
        en,
    ));
}

/// T3-07: a fee collected was first noticed, and no more is collected than was noticed. A warning: a notice of
/// one year may be paid in the next. A figure 六 does not state is not assessed here (D-04 asks for the
/// statement itself).
fn collected_within_notices(report: &AnnualReport, findings: &mut Vec<Finding>) {
    let fees = &report.fees;
    let Some(collected) = fees.collected_yuan.filter(|c| *c > Decimal::ZERO) else {
        return;
    };
    let yuan = collected.normalize();
    if fees.notice_count == Some(0) {
        findings.push(Finding::new(
            Rule::T3_07,
            vec!["s6.fee_collected_yuan".into(), "s6.fee_notice_count".into()],
            "> 0",
            "0",
            format!("第六部分称实际收取信息处理费 {yuan} 元，但发出收费通知 0 件"),
            format!(
                "section 六 says {yuan} yuan of fees were collected, but no fee notice was sent"
            ),
        ));
    }
    if let Some(noticed) = fees.notice_amount_yuan
        && collected > noticed
    {
        let noticed = noticed.normalize();
        findings.push(Finding::new(
            Rule::T3_07,
            vec![
                "s6.fee_collected_yuan".into(),
                "s6.fee_notice_amount_yuan".into(),
            ],
            format!("≤ {noticed}"),
            yuan.to_string(),
            format!("第六部分称实际收取信息处理费 {yuan} 元，多于收费通知金额 {noticed} 元"),
            format!(
                "section 六 says {yuan} yuan of fees were collected, more than the {noticed} yuan the notices asked for"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules, set};
    use crate::report::{Cell, FeeFigures, Format, validate};
    use rust_decimal::Decimal;

    fn with_unpaid(n: i64) -> crate::report::AnnualReport {
        let mut r = clean(Format::F2021, 2024);
        for row in ["r1_new", "r3_6_2_fee_unpaid", "r3_7_total"] {
            set(&mut r, &format!("t3.{row}.np"), Cell::Int(n));
            set(&mut r, &format!("t3.{row}.total"), Cell::Int(n));
        }
        r
    }

    #[test]
    fn t3_06_unpaid_fees_need_as_many_notices_in_section_six() {
        let mut r = with_unpaid(2);
        r.sections[5].as_mut().expect("s6").body = "本年度未收取信息处理费。".into();
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T3-06"], "nothing stated: {f:#?}");
        assert_eq!((f[0].expected.as_str(), f[0].found.as_str()), ("≥ 2", "—"));
        r.fees.notice_count = Some(1);
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T3-06"]);
        assert_eq!(f[0].found, "1");
        r.fees.notice_count = Some(2);
        assert!(validate(&r).is_empty());
        // No lapsed fee: nothing to report, whatever 六 says.
        assert!(validate(&with_unpaid(0)).is_empty());
        // Table 三 alone (the statistics page): no 六 to compare with.
        let mut alone = with_unpaid(2);
        alone.sections[5].as_mut().expect("s6").body.clear();
        assert!(!rules(&validate(&alone)).contains(&"T3-06"));
    }

    #[test]
    fn t3_07_collected_needs_a_notice_and_stays_within_it() {
        let mut r = clean(Format::F2021, 2024);
        r.fees = FeeFigures {
            notice_count: Some(0),
            notice_amount_yuan: None,
            collected_yuan: Some(Decimal::from(400)),
        };
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T3-07"]);
        assert_eq!(f[0].cells[0], "s6.fee_collected_yuan");
        r.fees.notice_count = Some(2);
        r.fees.notice_amount_yuan = Some(Decimal::from(300));
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T3-07"]);
        assert_eq!(
            (f[0].expected.as_str(), f[0].found.as_str()),
            ("≤ 300", "400")
        );
        r.fees.notice_amount_yuan = Some(Decimal::from(2200));
        assert!(validate(&r).is_empty());
        // "未收取信息处理费": nothing collected, nothing to check.
        r.fees = FeeFigures {
            notice_count: Some(0),
            notice_amount_yuan: Some(Decimal::ZERO),
            collected_yuan: Some(Decimal::ZERO),
        };
        assert!(validate(&r).is_empty());
    }

    #[test]
    fn fee_rules_are_f2021_only() {
        let mut r = clean(Format::F2019, 2020);
        r.fees.collected_yuan = Some(Decimal::from(10));
        r.fees.notice_count = Some(0);
        assert!(validate(&r).is_empty());
    }
}

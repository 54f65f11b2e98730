//! D-03: the report was published in time (条例第四十九条), and what kind of body made it, which that rule
//! and Art. 50(四) (D-08) depend on.

use chrono::NaiveDate;

use crate::agency::AgencyKind;
use crate::report::{AnnualReport, Finding, Rule};

/// The kind of body that made the report: as the app layer knows it, else read off the agency's name. A
/// 乡、镇人民政府 is a township; any other name ending in 人民政府 a 县级以上人民政府; everything else (bureaus, centres,
/// 管委会) is treated as a department, whose deadline also applies to other bodies unless configured.
pub(super) fn kind_of(report: &AnnualReport) -> AgencyKind {
    if let Some(kind) = report.agency_kind {
        return kind;
    }
    let name = report.agency.as_deref().unwrap_or("").trim();
    if name.ends_with("乡人民政府") || name.ends_with("镇人民政府") || name.ends_with("街道办事处")
    {
        AgencyKind::Township
    } else if name.ends_with("人民政府") {
        AgencyKind::Government
    } else {
        AgencyKind::Department
    }
}

/// 条例第五十条第（四）项 speaks of 各级人民政府: a 县级以上人民政府 and a 乡、镇人民政府, but not a 街道办事处 (an
/// agency of the district government) nor a department.
pub(super) fn is_peoples_government(report: &AnnualReport) -> bool {
    let named = || {
        report
            .agency
            .as_deref()
            .is_some_and(|n| n.trim().ends_with("人民政府"))
    };
    match report.agency_kind {
        Some(AgencyKind::Government) => true,
        Some(AgencyKind::Township) => named(),
        Some(AgencyKind::Department | AgencyKind::Other) => false,
        None => named(),
    }
}

/// D-03: the report's own date is no later than its kind's deadline in the year after the statistics year.
/// Without a date or a year the rule cannot be assessed, and a report that shows no date is not faulted for it.
pub(super) fn check(report: &AnnualReport, findings: &mut Vec<Finding>) {
    let (Some(year), Some(dated)) = (report.year, report.dated) else {
        return;
    };
    let kind = kind_of(report);
    let (month, day) = kind.report_due();
    let Some(due) = NaiveDate::from_ymd_opt(year + 1, month, day) else {
        return;
    };
    if dated <= due {
        return;
    }
    let (who_zh, who_en) = match kind {
        AgencyKind::Government => (
            "县级以上人民政府的年度报告",
            "a people's government's report",
        ),
        _ => ("政府部门的年度报告", "a department's report"),
    };
    findings.push(Finding::new(
        Rule::D03,
        vec!["dated".into()],
        format!("≤ {due}"),
        dated.to_string(),
        format!(
            "{who_zh}应于{}年{month}月{day}日前公布（条例第四十九条），本报告日期为{}年{}月{}日",
            year + 1,
            chrono::Datelike::year(&dated),
            chrono::Datelike::month(&dated),
            chrono::Datelike::day(&dated)
        ),
        format!(
            "{who_en} is due by {due} (Art. 49 of the Regulations), but this one is dated {dated}"
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules};
    use crate::agency::AgencyKind;
    use crate::report::{Format, validate};
    use chrono::NaiveDate;

    fn on(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn d_03_a_department_publishes_by_31_january() {
        let mut r = clean(Format::F2021, 2023);
        r.dated = on(2024, 1, 31);
        assert!(validate(&r).is_empty());
        r.dated = on(2024, 2, 1);
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["D-03"]);
        assert_eq!(
            (f[0].expected.as_str(), f[0].found.as_str()),
            ("≤ 2024-01-31", "2024-02-01")
        );
        // No date printed: not assessable, and not held against the report.
        r.dated = None;
        assert!(validate(&r).is_empty());
    }

    #[test]
    fn d_03_a_governments_own_report_by_31_march() {
        let mut r = clean(Format::F2021, 2025);
        r.agency = Some("沭阳县人民政府".into());
        r.sections[0].as_mut().expect("s1").body = "工作考核、社会评议和责任追究".into();
        r.dated = on(2026, 3, 31);
        assert!(!rules(&validate(&r)).contains(&"D-03"));
        r.dated = on(2026, 4, 1);
        assert!(rules(&validate(&r)).contains(&"D-03"));
        // The kind the app knows wins over the name: a bureau's report is due in January.
        r.agency_kind = Some(AgencyKind::Department);
        r.dated = on(2026, 2, 10);
        assert!(rules(&validate(&r)).contains(&"D-03"));
        // A township (乡镇) follows the departments' day.
        r.agency_kind = None;
        r.agency = Some("某某镇人民政府".into());
        assert!(rules(&validate(&r)).contains(&"D-03"));
    }
}

//! The validation rules of `report-formats.md` §4 that one report (and, for the cross-year rules, the same
//! agency's previous report) lets us check. One rule set serves parsed and compiled reports alike.

mod cross_year;
mod deadline;
mod document;
mod fees;
mod rollup;
mod similarity;
mod t2;
mod t3;
mod t4;
mod text;
mod topics;

use super::{AnnualReport, Finding};

pub use rollup::check_rollup;

/// Every single-report rule: T2-01, T2-04, T2-05, T3-01…T3-04, T3-06, T3-07, T3-08, T4-01, T4-02, D-01…D-04,
/// D-07 (一 covers 30号's five topics) and D-08 (a 人民政府 reports 考核、评议、追责, 条例第五十条第（四）项).
/// D-03 and D-08 read [`AnnualReport::agency_kind`], else the agency's name.
pub fn validate(report: &AnnualReport) -> Vec<Finding> {
    let mut findings = Vec::new();
    document::check(report, &mut findings);
    deadline::check(report, &mut findings);
    t2::check(report, &mut findings);
    t3::check(report, &mut findings);
    fees::check(report, &mut findings);
    t4::check(report, &mut findings);
    text::check(report, &mut findings);
    topics::check(report, &mut findings);
    findings
}

/// [`validate`] plus the cross-year rules T3-05, T2-02, T2-03, T4-03 and D-05 (一 or 五 copied from last
/// year's) against the previous year's report.
pub fn validate_with_previous(
    report: &AnnualReport,
    previous: Option<&AnnualReport>,
) -> Vec<Finding> {
    let mut findings = validate(report);
    if let Some(prev) = previous {
        cross_year::check(report, prev, &mut findings);
    }
    findings
}

fn t3_path(row: &str, col: &str) -> String {
    format!("t3.{row}.{col}")
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::report::{AnnualReport, Cell, Format};

    /// A zeroed report with all six sections, as a compiled report would be.
    pub fn clean(format: Format, year: i32) -> AnnualReport {
        let mut r = AnnualReport::zeroed(format);
        r.year = Some(year);
        r.agency = Some("孟州市公共资源交易中心".into());
        if format == super::super::Format::F2021 {
            r.sections[5].as_mut().expect("section 六").body = "本年度未收取信息处理费。".into();
        }
        r
    }

    pub fn set(r: &mut AnnualReport, path: &str, cell: Cell) {
        *r.cell_mut(path).unwrap_or_else(|| panic!("no cell {path}")) = cell;
    }

    pub fn rules(findings: &[crate::report::Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.rule).collect()
    }
}

//! D-06 (W, optional in the spec): a supervising government's summary report (汇总) has, in every cell of
//! tables 三 and 四, the sum of that cell over its member agencies' reports. gongkai compiles its own 汇总 this
//! way; the rule checks any summary, such as one published elsewhere, against the members' reports.

use crate::report::layout::cell_paths;
use crate::report::{AnnualReport, Finding, Rule};

/// D-06 over tables 三 and 四: one finding per cell whose summary differs from the members' sum.
pub fn check_rollup(summary: &AnnualReport, members: &[&AnnualReport]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for path in cell_paths(summary.format) {
        if !(path.starts_with("t3.") || path.starts_with("t4.")) {
            continue;
        }
        let Some(got) = summary.cell(&path).and_then(|c| c.as_int()) else {
            findings.push(Finding::not_assessable(
                Rule::D06,
                vec![path],
                "汇总数",
                "the summed figure",
            ));
            continue;
        };
        let mut sum = 0_i64;
        let mut readable = true;
        for member in members {
            match member.cell(&path).and_then(|c| c.as_int()) {
                Some(n) => sum = sum.saturating_add(n),
                None => readable = false,
            }
        }
        if !readable {
            findings.push(Finding::not_assessable(
                Rule::D06,
                vec![path],
                "各成员报告之和",
                "the members' sum",
            ));
        } else if got != sum {
            findings.push(Finding::new(
                Rule::D06,
                vec![path.clone()],
                sum.to_string(),
                got.to_string(),
                format!("汇总报告 {path} 为 {got}，各成员报告之和为 {sum}"),
                format!("the summary's {path} is {got}; the members' reports add up to {sum}"),
            ));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::validate::test_support::{clean, set};
    use crate::report::{Cell, Format};

    #[test]
    fn a_summary_cell_that_is_not_the_members_sum_is_named() {
        let mut a = clean(Format::F2021, 2023);
        let mut b = clean(Format::F2021, 2023);
        set(&mut a, "t3.r1_new.np", Cell::Int(2));
        set(&mut b, "t3.r1_new.np", Cell::Int(3));
        set(&mut b, "t4.review.total", Cell::Int(1));
        let mut summary = clean(Format::F2021, 2023);
        set(&mut summary, "t3.r1_new.np", Cell::Int(5));
        set(&mut summary, "t4.review.total", Cell::Int(1));
        assert!(check_rollup(&summary, &[&a, &b]).is_empty());
        set(&mut summary, "t3.r1_new.np", Cell::Int(4));
        let found = check_rollup(&summary, &[&a, &b]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].rule, found[0].cells[0].as_str()),
            ("D-06", "t3.r1_new.np")
        );
        assert_eq!(
            (found[0].expected.as_str(), found[0].found.as_str()),
            ("5", "4")
        );
    }
}

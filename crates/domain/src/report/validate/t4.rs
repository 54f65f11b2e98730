//! Table 四 rules T4-01 and T4-02.

use crate::report::cell::sum_cells;
use crate::report::layout::{T4_COLUMNS, T4_GROUPS};
use crate::report::{AnnualReport, Cell, Finding, Rule};

pub(super) fn check(report: &AnnualReport, findings: &mut Vec<Finding>) {
    for ((gkey, glabel), cells) in T4_GROUPS.iter().zip(&report.t4.groups) {
        let paths = || -> Vec<String> {
            T4_COLUMNS
                .iter()
                .map(|(c, _)| format!("t4.{gkey}.{c}"))
                .collect()
        };
        // T4-01: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
        match (sum_cells(&cells[..4]), sum_cells([&cells[4]])) {
            (Some(sum), Some(total)) if sum != total => findings.push(Finding::new(
                Rule::T4_01,
                paths(),
                sum.to_string(),
                total.to_string(),
                format!("{glabel}：结果维持、纠正、其他、尚未审结之和为 {sum}，总计为 {total}"),
                format!(
                    "{gkey}: maintained + corrected + other + pending = {sum}, total says {total}"
                ),
            )),
            (Some(_), Some(_)) => {}
            _ => findings.push(Finding::not_assessable(
                Rule::T4_01,
                paths(),
                "复议诉讼总计",
                "the case total",
            )),
        }
        // T4-02: every cell an integer ≥ 0.
        let bad: Vec<usize> = (0..5)
            .filter(|&i| !cells[i].is_valid_count() && cells[i] != Cell::Unresolved)
            .collect();
        if !bad.is_empty() {
            let zh: Vec<String> = bad
                .iter()
                .map(|&i| format!("{}：{}", T4_COLUMNS[i].1, cells[i].describe().0))
                .collect();
            let en: Vec<String> = bad
                .iter()
                .map(|&i| format!("{}: {}", T4_COLUMNS[i].0, cells[i].describe().1))
                .collect();
            findings.push(Finding::new(
                Rule::T4_02,
                bad.iter().map(|&i| paths()[i].clone()).collect(),
                "0 或正整数 / 0 or a positive integer",
                zh.join("；"),
                format!("{glabel}有单元格不是非负整数：{}", zh.join("；")),
                format!("{gkey}: cells that are not integers ≥ 0: {}", en.join("; ")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules, set};
    use crate::report::{Cell, Format, validate};

    #[test]
    fn t4_01_group_total() {
        let mut r = clean(Format::F2021, 2024);
        set(&mut r, "t4.lit_direct.maintain", Cell::Int(2));
        set(&mut r, "t4.lit_direct.total", Cell::Int(2));
        assert!(validate(&r).is_empty());
        set(&mut r, "t4.lit_direct.pending", Cell::Int(1));
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T4-01"]);
        assert_eq!((f[0].expected.as_str(), f[0].found.as_str()), ("3", "2"));
    }

    #[test]
    fn t4_02_negative_or_blank() {
        let mut r = clean(Format::F2019, 2020);
        set(&mut r, "t4.review.other", Cell::Empty);
        set(&mut r, "t4.review.correct", Cell::Int(-1));
        set(&mut r, "t4.review.maintain", Cell::Int(1));
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T4-02"]);
        assert_eq!(f[0].cells, vec!["t4.review.correct", "t4.review.other"]);
    }
}

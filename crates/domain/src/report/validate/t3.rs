//! Table 三 rules T3-01 … T3-04 (spec §4, T3).

use super::t3_path;
use crate::report::cell::sum_cells;
use crate::report::layout::{T3_COLUMNS, T3_TOTAL_COL, T3Role, t3_rows};
use crate::report::{AnnualReport, Cell, Finding, Rule};

pub(super) fn check(report: &AnnualReport, findings: &mut Vec<Finding>) {
    identity_per_column(report, findings);
    row_totals(report, findings);
    results_total(report, findings);
    cells_are_counts(report, findings);
}

/// T3-01: 一 + 二 = 三(七) + 四 in every column (the identity printed in the table's own header); per column,
/// because an application filed under the wrong applicant type shows only there.
fn identity_per_column(report: &AnnualReport, findings: &mut Vec<Finding>) {
    let rows = ["r1_new", "r2_carry_in", "r3_7_total", "r4_carry_out"];
    let Some(cells) = rows
        .iter()
        .map(|k| report.t3_row(k))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    for (ci, col) in T3_COLUMNS.iter().enumerate() {
        // Paths are built only for a finding: validation runs on every parsed report.
        let paths = || -> Vec<String> { rows.iter().map(|r| t3_path(r, col.key)).collect() };
        let lhs = sum_cells([&cells[0][ci], &cells[1][ci]]);
        let rhs = sum_cells([&cells[2][ci], &cells[3][ci]]);
        match (lhs, rhs) {
            (Some(l), Some(r)) if l != r => findings.push(Finding::new(
                Rule::T3_01,
                paths(),
                r.to_string(),
                l.to_string(),
                format!("“{}”列：一（新收）+ 二（上年结转）= {l}，但 三（七）总计 + 四（结转下年度）= {r}", col.label),
                format!(
                    "column {}: new + carried in = {l}, but results total + carried forward = {r}",
                    col.key
                ),
            )),
            (Some(_), Some(_)) => {}
            _ => findings.push(Finding::not_assessable(Rule::T3_01, paths(), "勾稽关系", "the balance identity")),
        }
    }
}

/// T3-02: in every row, 总计 equals the sum of the six applicant columns.
fn row_totals(report: &AnnualReport, findings: &mut Vec<Finding>) {
    for (row, cells) in t3_rows(report.format).iter().zip(&report.t3.rows) {
        let paths =
            || -> Vec<String> { T3_COLUMNS.iter().map(|c| t3_path(row.key, c.key)).collect() };
        match (
            sum_cells(&cells[..T3_TOTAL_COL]),
            sum_cells([&cells[T3_TOTAL_COL]]),
        ) {
            (Some(sum), Some(total)) if sum != total => findings.push(Finding::new(
                Rule::T3_02,
                paths(),
                sum.to_string(),
                total.to_string(),
                format!(
                    "“{}”行：各类申请人之和为 {sum}，总计列为 {total}",
                    row.label
                ),
                format!(
                    "row {}: the applicant columns add up to {sum}, the total column says {total}",
                    row.key
                ),
            )),
            (Some(_), Some(_)) => {}
            _ => findings.push(Finding::not_assessable(
                Rule::T3_02,
                paths(),
                "行合计",
                "the row total",
            )),
        }
    }
}

/// T3-03: （七）总计 equals the sum of every result row, in every column.
fn results_total(report: &AnnualReport, findings: &mut Vec<Finding>) {
    let rows = t3_rows(report.format);
    let Some(total_i) = rows.iter().position(|r| r.role == T3Role::Total) else {
        return;
    };
    let leaves: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.role, T3Role::Result(_)))
        .map(|(i, _)| i)
        .collect();
    for (ci, col) in T3_COLUMNS.iter().enumerate() {
        let paths = || -> Vec<String> {
            let mut p: Vec<String> = leaves
                .iter()
                .map(|&i| t3_path(rows[i].key, col.key))
                .collect();
            p.push(t3_path(rows[total_i].key, col.key));
            p
        };
        let sum = sum_cells(leaves.iter().map(|&i| &report.t3.rows[i][ci]));
        match (sum, sum_cells([&report.t3.rows[total_i][ci]])) {
            (Some(sum), Some(total)) if sum != total => findings.push(Finding::new(
                Rule::T3_03,
                paths(),
                sum.to_string(),
                total.to_string(),
                format!(
                    "“{}”列：各项办理结果之和为 {sum}，（七）总计为 {total}",
                    col.label
                ),
                format!(
                    "column {}: the result rows add up to {sum}, row (七) total says {total}",
                    col.key
                ),
            )),
            (Some(_), Some(_)) => {}
            _ => findings.push(Finding::not_assessable(
                Rule::T3_03,
                paths(),
                "办理结果总计",
                "the results total",
            )),
        }
    }
}

/// T3-04: every cell is an integer ≥ 0; blanks, "/" and "-" must be written as 0. One finding per row.
fn cells_are_counts(report: &AnnualReport, findings: &mut Vec<Finding>) {
    for (row, cells) in t3_rows(report.format).iter().zip(&report.t3.rows) {
        let bad: Vec<(usize, &Cell)> = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_valid_count() && **c != Cell::Unresolved)
            .collect();
        if bad.is_empty() {
            continue;
        }
        let found_zh: Vec<String> = bad
            .iter()
            .map(|(i, c)| format!("{}：{}", T3_COLUMNS[*i].label, c.describe().0))
            .collect();
        let found_en: Vec<String> = bad
            .iter()
            .map(|(i, c)| format!("{}: {}", T3_COLUMNS[*i].key, c.describe().1))
            .collect();
        findings.push(Finding::new(
            Rule::T3_04,
            bad.iter()
                .map(|(i, _)| t3_path(row.key, T3_COLUMNS[*i].key))
                .collect(),
            "0 或正整数 / 0 or a positive integer",
            found_zh.join("；"),
            format!(
                "“{}”行有单元格不是非负整数（空白应填 0）：{}",
                row.label,
                found_zh.join("；")
            ),
            format!(
                "row {}: cells that are not integers ≥ 0 (write 0, not a blank): {}",
                row.key,
                found_en.join("; ")
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules, set};
    use crate::report::{Cell, Format, validate};

    #[test]
    fn a_zeroed_report_passes_every_t3_rule() {
        for f in [Format::F2019, Format::F2021] {
            let year = if f == Format::F2019 { 2020 } else { 2023 };
            assert!(validate(&clean(f, year)).is_empty(), "{f}");
        }
    }

    #[test]
    fn t3_01_fails_in_the_one_column_that_does_not_balance() {
        // 洋河新区 2025: 自然人 60 vs 61, 其他 1 vs 0, 总计 balanced (spec §5.1).
        let mut r = clean(Format::F2021, 2025);
        for (path, v) in [
            ("t3.r1_new.np", 60),
            ("t3.r1_new.org_other", 1),
            ("t3.r1_new.total", 61),
            ("t3.r3_1_open.np", 61),
            ("t3.r3_1_open.total", 61),
            ("t3.r3_7_total.np", 61),
            ("t3.r3_7_total.total", 61),
        ] {
            set(&mut r, path, Cell::Int(v));
        }
        let f = validate(&r);
        let t301: Vec<_> = f.iter().filter(|f| f.rule == "T3-01").collect();
        assert_eq!(t301.len(), 2, "{f:#?}");
        assert_eq!(t301[0].cells[0], "t3.r1_new.np");
        assert_eq!(
            (t301[0].expected.as_str(), t301[0].found.as_str()),
            ("61", "60")
        );
        assert_eq!(t301[1].cells[0], "t3.r1_new.org_other");
    }

    #[test]
    fn t3_02_row_total_and_t3_03_results_total() {
        let mut r = clean(Format::F2019, 2020);
        set(&mut r, "t3.r3_6_other.np", Cell::Int(2));
        set(&mut r, "t3.r3_6_other.total", Cell::Int(3));
        let f = validate(&r);
        assert!(rules(&f).contains(&"T3-02"));
        let t303: Vec<_> = f.iter().filter(|f| f.rule == "T3-03").collect();
        assert_eq!(t303.len(), 2, "np and total columns: {t303:#?}");
        assert_eq!(
            (t303[1].expected.as_str(), t303[1].found.as_str()),
            ("3", "0")
        );
    }

    #[test]
    fn t3_04_blank_and_slash_are_reported_but_count_as_zero() {
        let mut r = clean(Format::F2021, 2022);
        set(&mut r, "t3.r3_1_open.org_biz", Cell::Empty);
        set(
            &mut r,
            "t3.r3_1_open.org_npo",
            Cell::NotApplicable("/".into()),
        );
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T3-04"], "{f:#?}");
        assert_eq!(
            f[0].cells,
            vec!["t3.r3_1_open.org_biz", "t3.r3_1_open.org_npo"]
        );
    }

    #[test]
    fn text_in_a_cell_makes_sums_not_assessable_never_silent() {
        let mut r = clean(Format::F2021, 2022);
        set(&mut r, "t3.r1_new.np", Cell::Text("约5".into()));
        let f = validate(&r);
        assert!(f.iter().any(|f| f.rule == "T3-01" && f.not_assessable));
        assert!(f.iter().any(|f| f.rule == "T3-02" && f.not_assessable));
        assert!(f.iter().any(|f| f.rule == "T3-04"));
    }
}

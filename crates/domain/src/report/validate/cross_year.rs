//! Rules that compare a report with the same agency's report of the previous year: T3-05, T2-02, T2-03, T4-03
//! and D-05 (in `similarity.rs`).

use crate::report::cell::sum_cells;
use crate::report::layout::{T3_COLUMNS, t2_blocks};
use crate::report::{AnnualReport, Finding, Format, Rule};

pub(super) fn check(report: &AnnualReport, prev: &AnnualReport, findings: &mut Vec<Finding>) {
    carry_over(report, prev, findings);
    suit_without_review(report, prev, findings);
    super::similarity::check(report, prev, findings);
    if report.format == Format::F2021 && prev.format == Format::F2021 {
        in_force(report, prev, findings);
    }
    if report.format == Format::F2019 && prev.format == Format::F2019 {
        prev_items(report, prev, findings);
    }
}

/// T3-05: 上年结转 this year equals last year's 结转下年度, per column; works across F2019 → F2021 since both
/// formats have both rows.
fn carry_over(report: &AnnualReport, prev: &AnnualReport, findings: &mut Vec<Finding>) {
    let (Some(now), Some(before)) = (report.t3_row("r2_carry_in"), prev.t3_row("r4_carry_out"))
    else {
        return;
    };
    for (ci, col) in T3_COLUMNS.iter().enumerate() {
        let cells = vec![
            format!("t3.r2_carry_in.{}", col.key),
            format!("prev.t3.r4_carry_out.{}", col.key),
        ];
        match (sum_cells([&now[ci]]), sum_cells([&before[ci]])) {
            (Some(n), Some(b)) if n != b => findings.push(Finding::new(
                Rule::T3_05,
                cells,
                b.to_string(),
                n.to_string(),
                format!("“{}”列：本年上年结转为 {n}，上一年度报告结转下年度为 {b}", col.label),
                format!("column {}: carried in this year = {n}, but last year's report carried forward {b}", col.key),
            )),
            (Some(_), Some(_)) => {}
            _ => findings.push(Finding::not_assessable(Rule::T3_05, cells, "跨年度结转", "the carry-over")),
        }
    }
}

/// T4-03 (W): lawsuits after reconsideration while neither this year nor the last had a reconsideration —
/// possible (a reconsideration of an earlier year, or by another body), but unusual enough to confirm.
fn suit_without_review(report: &AnnualReport, prev: &AnnualReport, findings: &mut Vec<Finding>) {
    let total = |r: &AnnualReport, path: &str| r.cell(path).and_then(|c| c.as_int());
    let after = total(report, "t4.lit_after_review.total");
    let review = total(report, "t4.review.total");
    let review_before = total(prev, "t4.review.total");
    if let (Some(after), Some(0), Some(0)) = (after, review, review_before)
        && after > 0
    {
        findings.push(Finding::new(
            Rule::T4_03,
            vec![
                "t4.lit_after_review.total".into(),
                "t4.review.total".into(),
                "prev.t4.review.total".into(),
            ],
            "0".to_string(),
            after.to_string(),
            format!("复议后起诉 {after} 件，但本年和上一年度均无行政复议，请核实"),
            format!("{after} lawsuits after reconsideration, but no reconsideration this year or last: please confirm"),
        ));
    }
}

/// T2-02 (F2021): 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y); a warning, since some agencies count
/// amendments as 制发.
fn in_force(report: &AnnualReport, prev: &AnnualReport, findings: &mut Vec<Finding>) {
    for (ri, row) in t2_blocks(Format::F2021)[0].rows.iter().enumerate() {
        let now = &report.t2.blocks[0][ri];
        let before = &prev.t2.blocks[0][ri];
        let (Some(issued), Some(repealed), Some(in_force), Some(prev_in_force)) = (
            now[0].as_int(),
            now[1].as_int(),
            now[2].as_int(),
            before[2].as_int(),
        ) else {
            continue;
        };
        let expected = prev_in_force + issued - repealed;
        if expected != in_force {
            let p = |c: &str| format!("t2.a20_1.{}.{c}", row.key);
            findings.push(Finding::new(
                Rule::T2_02,
                vec![p("in_force"), format!("prev.{}", p("in_force")), p("issued"), p("repealed")],
                expected.to_string(),
                in_force.to_string(),
                format!(
                    "“{}”现行有效件数应为上年 {prev_in_force} + 制发 {issued} − 废止 {repealed} = {expected}，实为 {in_force}",
                    row.label
                ),
                format!(
                    "{}: in force should be {prev_in_force} + {issued} − {repealed} = {expected}, found {in_force}",
                    row.key
                ),
            ));
        }
    }
}

/// T2-03 (F2019): 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1).
fn prev_items(report: &AnnualReport, prev: &AnnualReport, findings: &mut Vec<Finding>) {
    for (bi, block) in t2_blocks(Format::F2019).iter().enumerate() {
        let Some(prev_col) = block.cols.iter().position(|c| c.key == "prev_items") else {
            continue;
        };
        let delta_col = prev_col + 1;
        for (ri, row) in block.rows.iter().enumerate() {
            let now = report.t2.blocks[bi][ri][prev_col].as_int();
            let before = prev.t2.blocks[bi][ri][prev_col].as_int();
            let delta = prev.t2.blocks[bi][ri][delta_col].as_int();
            let (Some(now), Some(before), Some(delta)) = (now, before, delta) else {
                continue;
            };
            if now != before + delta {
                let p = format!("t2.{}.{}", block.key, row.key);
                findings.push(Finding::new(
                    Rule::T2_03,
                    vec![format!("{p}.prev_items"), format!("prev.{p}.prev_items"), format!("prev.{p}.delta")],
                    (before + delta).to_string(),
                    now.to_string(),
                    format!("“{}”上一年项目数量应为上年报告的 {before} + {delta}，实为 {now}", row.label),
                    format!("{}: previous-year items should be {before} + {delta} from last year's report, found {now}", row.key),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules, set};
    use crate::report::{Cell, Format, validate_with_previous};

    #[test]
    fn t3_05_carry_over_across_the_format_switch() {
        let mut prev = clean(Format::F2019, 2020);
        for p in [
            "t3.r4_carry_out.np",
            "t3.r4_carry_out.total",
            "t3.r1_new.np",
            "t3.r1_new.total",
        ] {
            set(&mut prev, p, Cell::Int(2));
        }
        let mut now = clean(Format::F2021, 2021);
        let f = validate_with_previous(&now, Some(&prev));
        assert_eq!(rules(&f), vec!["T3-05", "T3-05"]);
        for p in [
            "t3.r2_carry_in.np",
            "t3.r2_carry_in.total",
            "t3.r3_1_open.np",
            "t3.r3_1_open.total",
        ] {
            set(&mut now, p, Cell::Int(2));
        }
        for p in ["t3.r3_7_total.np", "t3.r3_7_total.total"] {
            set(&mut now, p, Cell::Int(2));
        }
        assert!(validate_with_previous(&now, Some(&prev)).is_empty());
    }

    #[test]
    fn t2_02_in_force_follows_issued_and_repealed() {
        let mut prev = clean(Format::F2021, 2022);
        set(&mut prev, "t2.a20_1.normative_docs.in_force", Cell::Int(30));
        let mut now = clean(Format::F2021, 2023);
        set(&mut now, "t2.a20_1.normative_docs.issued", Cell::Int(5));
        set(&mut now, "t2.a20_1.normative_docs.repealed", Cell::Int(2));
        set(&mut now, "t2.a20_1.normative_docs.in_force", Cell::Int(33));
        assert!(validate_with_previous(&now, Some(&prev)).is_empty());
        set(&mut now, "t2.a20_1.normative_docs.in_force", Cell::Int(35));
        let f = validate_with_previous(&now, Some(&prev));
        assert_eq!(rules(&f), vec!["T2-02"]);
        assert_eq!(f[0].expected, "33");
    }

    #[test]
    fn t2_03_previous_items_follow_last_years_delta() {
        let mut prev = clean(Format::F2019, 2019);
        set(
            &mut prev,
            "t2.a20_5.admin_license.prev_items",
            Cell::Int(97),
        );
        set(&mut prev, "t2.a20_5.admin_license.delta", Cell::Int(-8));
        let mut now = clean(Format::F2019, 2020);
        set(&mut now, "t2.a20_5.admin_license.prev_items", Cell::Int(89));
        assert!(validate_with_previous(&now, Some(&prev)).is_empty());
        set(&mut now, "t2.a20_5.admin_license.prev_items", Cell::Int(97));
        assert_eq!(
            rules(&validate_with_previous(&now, Some(&prev))),
            vec!["T2-03"]
        );
    }

    #[test]
    fn t4_03_a_suit_after_reconsideration_without_any_reconsideration_is_a_warning() {
        let prev = clean(Format::F2021, 2022);
        let mut now = clean(Format::F2021, 2023);
        for p in ["t4.lit_after_review.maintain", "t4.lit_after_review.total"] {
            set(&mut now, p, Cell::Int(1));
        }
        assert_eq!(
            rules(&validate_with_previous(&now, Some(&prev))),
            vec!["T4-03"]
        );
        let mut reviewed = clean(Format::F2021, 2022);
        for p in ["t4.review.maintain", "t4.review.total"] {
            set(&mut reviewed, p, Cell::Int(1));
        }
        assert!(rules(&validate_with_previous(&now, Some(&reviewed))).is_empty());
    }
}

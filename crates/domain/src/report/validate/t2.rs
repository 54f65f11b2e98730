//! Table 二 rules T2-01, T2-04 and T2-05.

use crate::report::layout::t2_blocks;
use crate::report::{AnnualReport, Cell, CellKind, Finding, Format, Rule};

pub(super) fn check(report: &AnnualReport, findings: &mut Vec<Finding>) {
    for (block, rows) in t2_blocks(report.format).iter().zip(&report.t2.blocks) {
        for (row, cells) in block.rows.iter().zip(rows) {
            for (col, cell) in block.cols.iter().zip(cells) {
                let path = format!("t2.{}.{}.{}", block.key, row.key, col.key);
                cell_rules(col.kind, cell, &path, row.label, col.label, findings);
            }
        }
    }
    if report.format == Format::F2019 {
        published_within_total(report, findings);
    }
}

/// T2-01 (the cell is a number of the column's kind) and T2-05 (an amount printed with another unit).
fn cell_rules(
    kind: CellKind,
    cell: &Cell,
    path: &str,
    row: &str,
    col: &str,
    findings: &mut Vec<Finding>,
) {
    if *cell == Cell::Unresolved {
        return;
    }
    let ok = match (kind, cell) {
        (CellKind::Count, Cell::Int(n)) => *n >= 0,
        (CellKind::SignedCount, Cell::Int(_)) => true,
        (CellKind::AmountWan, Cell::Amount(d)) => !d.is_sign_negative(),
        (CellKind::AmountWan, Cell::Int(n)) => *n >= 0,
        _ => false,
    };
    if ok {
        return;
    }
    if let (CellKind::AmountWan, Cell::Text(t)) = (kind, cell)
        && let Some(unit) = foreign_unit(t)
    {
        findings.push(Finding::new(
            Rule::T2_05,
            vec![path.to_string()],
            "万元",
            unit,
            format!("“{row}”的“{col}”印有单位“{unit}”（{t}），与表头的“万元”不一致"),
            format!("{path} is printed with the unit \"{unit}\" ({t}), but the column is in 万元 (10,000 yuan)"),
        ));
        return;
    }
    let (zh, en) = cell.describe();
    let want = match kind {
        CellKind::Count => ("非负整数", "an integer ≥ 0"),
        CellKind::SignedCount => ("整数（减少用负数）", "an integer (negative for a decrease)"),
        CellKind::AmountWan => ("非负金额（万元）", "an amount ≥ 0 in 万元"),
    };
    findings.push(Finding::new(
        Rule::T2_01,
        vec![path.to_string()],
        format!("{} / {}", want.0, want.1),
        zh.clone(),
        format!("“{row}”的“{col}”应为{}，实为{zh}", want.0),
        format!("{path} must be {}, found {en}", want.1),
    ));
}

/// The unit printed after an amount when it is not the column's 万元.
fn foreign_unit(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if t.ends_with("万元") {
        return None;
    }
    ["亿元", "千元", "元"].into_iter().find(|u| t.ends_with(u))
}

/// T2-04 (F2019): 本年新公开数量 and 本年新制作数量 cannot exceed 对外公开总数量.
fn published_within_total(report: &AnnualReport, findings: &mut Vec<Finding>) {
    let block = &t2_blocks(Format::F2019)[0];
    for (row, cells) in block.rows.iter().zip(&report.t2.blocks[0]) {
        let (Some(made), Some(published), Some(total)) =
            (cells[0].as_int(), cells[1].as_int(), cells[2].as_int())
        else {
            continue;
        };
        for (value, ci) in [(published, 1), (made, 0)] {
            if value > total {
                let p = |c: usize| format!("t2.a20_1.{}.{}", row.key, block.cols[c].key);
                findings.push(Finding::new(
                    Rule::T2_04,
                    vec![p(ci), p(2)],
                    format!("≤ {total}"),
                    value.to_string(),
                    format!(
                        "“{}”的“{}”{value} 大于对外公开总数量 {total}",
                        row.label, block.cols[ci].label
                    ),
                    format!(
                        "{}: {} = {value} exceeds total_published = {total}",
                        row.key, block.cols[ci].key
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules, set};
    use crate::report::{Cell, Format, validate};

    #[test]
    fn t2_01_negative_count_and_text() {
        let mut r = clean(Format::F2021, 2022);
        set(&mut r, "t2.a20_1.regulations.issued", Cell::Int(-1));
        set(
            &mut r,
            "t2.a20_5.admin_license.decisions",
            Cell::Text("若干".into()),
        );
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T2-01", "T2-01"]);
        // a signed delta may be negative in F2019
        let mut r = clean(Format::F2019, 2020);
        set(&mut r, "t2.a20_5.admin_license.delta", Cell::Int(-8));
        assert!(validate(&r).is_empty());
    }

    #[test]
    fn t2_04_new_published_above_total() {
        let mut r = clean(Format::F2019, 2019);
        set(
            &mut r,
            "t2.a20_1.normative_docs.new_published",
            Cell::Int(5),
        );
        set(&mut r, "t2.a20_1.normative_docs.new_made", Cell::Int(5));
        set(
            &mut r,
            "t2.a20_1.normative_docs.total_published",
            Cell::Int(4),
        );
        assert_eq!(rules(&validate(&r)), vec!["T2-04", "T2-04"]);
        set(
            &mut r,
            "t2.a20_1.normative_docs.total_published",
            Cell::Int(5),
        );
        assert!(validate(&r).is_empty());
    }

    #[test]
    fn t2_05_yuan_in_a_wan_column() {
        let mut r = clean(Format::F2019, 2019);
        set(
            &mut r,
            "t2.a20_9.gov_procurement.amount",
            Cell::from_printed_amount("251000元"),
        );
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["T2-05"]);
        assert_eq!(f[0].found, "元");
        set(
            &mut r,
            "t2.a20_9.gov_procurement.amount",
            Cell::from_printed_amount("547.9659万元"),
        );
        assert!(validate(&r).is_empty());
    }
}

//! Document-level rules D-01, D-02 and D-04.

use crate::report::layout::SECTIONS;
use crate::report::{AnnualReport, Finding, Format, ParseNoteKind, Rule};

pub(super) fn check(report: &AnnualReport, findings: &mut Vec<Finding>) {
    headings_present(report, findings);
    layout_matches_year(report, findings);
    fee_statement(report, findings);
}

/// What a finding shows as found when nothing was: a mark that needs no translation.
const NOTHING_FOUND: &str = "—";

/// D-01: all six section headings are present, in order.
fn headings_present(report: &AnnualReport, findings: &mut Vec<Finding>) {
    for (i, (num, title)) in SECTIONS.iter().enumerate() {
        if report.sections[i].is_none() {
            findings.push(Finding::new(
                Rule::D01,
                vec![format!("s{}", i + 1)],
                format!("{num}、{title}"),
                // Nothing was found: a mark, not a word, so that the finding reads alike in either language.
                NOTHING_FOUND,
                format!("未找到第{num}部分标题“{num}、{title}”（或其顺序不对）"),
                format!(
                    "section {} heading \"{num}、{title}\" is missing or out of order",
                    i + 1
                ),
            ));
        }
    }
}

/// D-02: the tables follow the format the statistics year requires, and no part of the layout is missing.
fn layout_matches_year(report: &AnnualReport, findings: &mut Vec<Finding>) {
    if let Some(year) = report.year {
        let required = Format::for_year(year);
        if required != report.format {
            findings.push(Finding::new(
                Rule::D02,
                vec!["t2".into(), "t3".into()],
                required.code(),
                report.format.code(),
                format!(
                    "{year}年度报告应使用{}格式（{}），实际表格为{}格式",
                    required.code(),
                    required.basis(),
                    report.format.code()
                ),
                format!(
                    "a {year} report must use {} ({}), but its tables are in {}",
                    required.code(),
                    required.basis(),
                    report.format.code()
                ),
            ));
        }
    }
    for note in report
        .notes
        .iter()
        .filter(|n| n.kind == ParseNoteKind::Missing)
    {
        findings.push(Finding::new(
            Rule::D02,
            note.cells.clone(),
            report.format.basis(),
            NOTHING_FOUND,
            note.zh.clone(),
            note.en.clone(),
        ));
    }
}

/// D-04 (F2021): section 六 states the 信息处理费 (even when none was charged).
fn fee_statement(report: &AnnualReport, findings: &mut Vec<Finding>) {
    if report.format != Format::F2021 {
        return;
    }
    let s6 = report.section_body(6);
    if !(s6.contains("处理费") || s6.contains("收费") || s6.contains("收取费用")) {
        findings.push(Finding::new(
            Rule::D04,
            vec!["s6".into()],
            // The words section 六 must use (国办公开办函〔2021〕30号: 收取信息处理费的情况).
            "处理费",
            NOTHING_FOUND,
            "第六部分未说明信息处理费收取情况（未收取也应说明）",
            "section 六 does not state whether information processing fees were charged",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules};
    use crate::report::{Format, ParseNote, ParseNoteKind, validate};

    #[test]
    fn d_01_missing_heading() {
        let mut r = clean(Format::F2021, 2022);
        r.sections[3] = None;
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["D-01"]);
        assert_eq!(f[0].cells, vec!["s4"]);
    }

    #[test]
    fn d_02_format_of_the_wrong_year_and_missing_parts() {
        let mut r = clean(Format::F2019, 2020);
        assert!(validate(&r).is_empty());
        r.year = Some(2021);
        assert_eq!(rules(&validate(&r)), vec!["D-02"]);
        let mut r = clean(Format::F2019, 2020);
        r.notes.push(ParseNote {
            kind: ParseNoteKind::Missing,
            code: "P-T4-MISSING",
            cells: vec!["t4".into()],
            zh: "未找到表四".into(),
            en: "table 四 not found".into(),
        });
        assert_eq!(rules(&validate(&r)), vec!["D-02"]);
    }

    #[test]
    fn d_04_fee_statement_in_f2021_only() {
        let mut r = clean(Format::F2021, 2022);
        r.sections[5].as_mut().expect("s6").body = "无".into();
        assert_eq!(rules(&validate(&r)), vec!["D-04"]);
        let mut r = clean(Format::F2019, 2020);
        r.sections[5].as_mut().expect("s6").body = "无".into();
        assert!(validate(&r).is_empty());
    }
}

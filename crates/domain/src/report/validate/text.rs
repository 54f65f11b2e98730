//! T3-08: figures quoted in 一、总体情况 agree with the tables (the text-against-table check).

use std::sync::LazyLock;

use regex::Regex;

use crate::report::cell::sum_cells;
use crate::report::{AnnualReport, Finding, Rule};

/// A figure the overview text may quote, the phrases that quote it, and the cells it must equal.
struct Quoted {
    what_zh: &'static str,
    what_en: &'static str,
    pattern: &'static LazyLock<Regex>,
    cells: &'static [&'static str],
}

static NEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:新收|收到|受理|接收)(?:各类|的)?(?:政府信息公开|依申请公开)?申请(?:共|总计|合计)?(\d+)件([（(]?(?:含|包括|其中)(?:上年|上一年)?(?:度)?结转)?")
        .expect("static regex")
});
static CARRY_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?(\d+)件")
        .expect("static regex")
});
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"办结(?:政府信息公开)?(?:申请)?(?:共|总计|合计)?(\d+)件").expect("static regex")
});
static REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"行政复议(?:案件|申请)?(?:共|总计|合计)?(\d+)(?:件|起)").expect("static regex")
});
static LITIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"行政诉讼(?:案件)?(?:共|总计|合计)?(\d+)(?:件|起)").expect("static regex")
});

static QUOTED: [Quoted; 5] = [
    Quoted {
        what_zh: "本年新收申请",
        what_en: "new applications",
        pattern: &NEW,
        cells: &["t3.r1_new.total"],
    },
    Quoted {
        what_zh: "上年结转申请",
        what_en: "applications carried in",
        pattern: &CARRY_IN,
        cells: &["t3.r2_carry_in.total"],
    },
    Quoted {
        what_zh: "办结申请",
        what_en: "applications concluded",
        pattern: &DONE,
        cells: &["t3.r3_7_total.total"],
    },
    Quoted {
        what_zh: "行政复议",
        what_en: "administrative reviews",
        pattern: &REVIEW,
        cells: &["t4.review.total"],
    },
    Quoted {
        what_zh: "行政诉讼",
        what_en: "lawsuits",
        pattern: &LITIGATION,
        cells: &["t4.lit_direct.total", "t4.lit_after_review.total"],
    },
];

pub(super) fn check(report: &AnnualReport, findings: &mut Vec<Finding>) {
    let text = report.section_body(1);
    if text.is_empty() {
        return;
    }
    for q in &QUOTED {
        for caps in q.pattern.captures_iter(text) {
            let Some(quoted) = caps.get(1).and_then(|m| m.as_str().parse::<i64>().ok()) else {
                continue;
            };
            let mut cells: Vec<String> = q.cells.iter().map(|s| s.to_string()).collect();
            // "收到申请 N 件（含上年结转 M 件）": the quoted figure is new + carried in.
            if caps.get(2).is_some() {
                cells.push("t3.r2_carry_in.total".into());
            }
            let Some(table) = sum_cells(cells.iter().filter_map(|p| report.cell(p))) else {
                continue;
            };
            if table != quoted {
                let phrase = caps.get(0).map(|m| m.as_str()).unwrap_or_default();
                findings.push(Finding::new(
                    Rule::T3_08,
                    cells,
                    table.to_string(),
                    quoted.to_string(),
                    format!(
                        "总体情况中“{phrase}”所述{}为 {quoted}，表格中为 {table}",
                        q.what_zh
                    ),
                    format!(
                        "the overview says \"{phrase}\": {} = {quoted}, the table says {table}",
                        q.what_en
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
    fn overview_figures_must_match_the_tables() {
        let mut r = clean(Format::F2021, 2023);
        for p in [
            "t3.r1_new.np",
            "t3.r1_new.total",
            "t3.r3_1_open.np",
            "t3.r3_1_open.total",
        ] {
            set(&mut r, p, Cell::Int(17));
        }
        set(&mut r, "t3.r3_7_total.np", Cell::Int(17));
        set(&mut r, "t3.r3_7_total.total", Cell::Int(17));
        // Only T3-08 here: these one-line overviews leave out 30号's topics (D-07).
        let t3_08 = |r: &crate::report::AnnualReport| -> Vec<crate::report::Finding> {
            validate(r)
                .into_iter()
                .filter(|f| f.rule == "T3-08")
                .collect()
        };
        r.sections[0].as_mut().expect("s1").body =
            "2023年收到政府信息公开申请17件，办结率100%，无行政复议、诉讼等情况。".into();
        assert!(t3_08(&r).is_empty());
        r.sections[0].as_mut().expect("s1").body =
            "全年共收到政府信息公开申请18件，办结17件，行政复议1件。".into();
        let f = t3_08(&r);
        assert_eq!(rules(&f), vec!["T3-08", "T3-08"], "{f:#?}");
        assert_eq!((f[0].expected.as_str(), f[0].found.as_str()), ("17", "18"));
        assert_eq!(f[1].cells, vec!["t4.review.total"]);
    }

    #[test]
    fn received_including_carry_over_is_compared_with_both_rows() {
        let mut r = clean(Format::F2019, 2019);
        for (p, v) in [
            ("t3.r1_new.total", 859),
            ("t3.r1_new.np", 859),
            ("t3.r2_carry_in.total", 18),
            ("t3.r2_carry_in.np", 18),
        ] {
            set(&mut r, p, Cell::Int(v));
        }
        for (p, v) in [
            ("t3.r3_7_total", 805),
            ("t3.r4_carry_out", 72),
            ("t3.r3_1_open", 805),
        ] {
            set(&mut r, &format!("{p}.np"), Cell::Int(v));
            set(&mut r, &format!("{p}.total"), Cell::Int(v));
        }
        r.sections[0].as_mut().expect("s1").body =
            "共收到申请877件（含上年结转18件），办结805件。".into();
        assert!(validate(&r).is_empty(), "{:#?}", validate(&r));
    }
}

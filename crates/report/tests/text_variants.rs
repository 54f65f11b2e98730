//! The same real report (fixture 004, Markdown tables) reshaped the ways pages, crawlers and converters
//! reshape text: its tables must read the same every time.

use std::path::PathBuf;

use gongkai_domain::report::{AnnualReport, Format};
use gongkai_report::parse_text;

fn original() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/reports/004.txt");
    std::fs::read_to_string(path).expect("fixture 004")
}

fn parse(text: &str) -> AnnualReport {
    parse_text(text).unwrap_or_else(|e| panic!("parse: {e}"))
}

fn full_width_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn reshaped_text_reads_the_same_tables() {
    let text = original();
    let base = parse(&text);
    assert_eq!(base.format, Format::F2021);
    assert_eq!(
        base.cell("t3.r1_new.total").and_then(|c| c.as_int()),
        Some(713)
    );
    let variants: Vec<(&str, String)> = vec![
        ("tabs", text.replace('|', "\t")),
        ("spaces", text.replace('|', " ")),
        ("one cell per line", text.replace('|', "\n")),
        ("full-width digits", full_width_digits(&text)),
        (
            "page markers",
            text.replace("| 7. 属于行政执法案卷", "\n— 12 —\n| 7. 属于行政执法案卷"),
        ),
        (
            "page footer",
            text.replace(
                "| 8. 属于行政查询事项",
                "第 3 页 共 9 页\n| 8. 属于行政查询事项",
            ),
        ),
        ("whole report on one line", text.replace('\n', " ")),
        ("CRLF", text.replace('\n', "\r\n")),
    ];
    for (name, v) in variants {
        let r = parse(&v);
        assert_eq!(r.format, base.format, "{name}");
        assert_eq!(r.t3, base.t3, "{name}: table 三");
        assert_eq!(r.t4, base.t4, "{name}: table 四");
        assert_eq!(r.year, base.year, "{name}");
    }
}

#[test]
fn cells_run_together_are_split_by_the_identities() {
    // Every table-三 row of 004 printed with its digits run together, as crawlers give it.
    let base = parse(&original());
    let mut glued = String::from(
        "某县人民政府2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n",
    );
    for (row, cells) in gongkai_domain::report::layout::t3_rows(base.format)
        .iter()
        .zip(&base.t3.rows)
    {
        glued.push_str(row.label);
        for c in cells {
            glued.push_str(&c.display());
        }
    }
    glued.push_str("四、政府信息公开行政复议、行政诉讼情况");
    let r = parse(&glued);
    assert_eq!(r.t3, base.t3);
}

#[test]
fn a_text_that_is_not_a_report_is_a_clear_error() {
    for junk in [
        "",
        "hello world",
        "关于做好2024年春节放假安排的通知\n各单位：……",
        "\u{0}\u{1}\u{2}",
    ] {
        let err = parse_text(junk).expect_err("not a report");
        assert_eq!(err.code(), "report.not_a_report", "{junk:?}");
        assert!(err.to_string().contains("not an annual report"));
    }
}

/// A table 三 in tab-separated text built from 004's figures, with a hook to reshape each row.
fn t3_text(base: &AnnualReport, row_text: impl Fn(&str, &[String]) -> String) -> String {
    let mut text =
        String::from("某局2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n");
    for (row, cells) in gongkai_domain::report::layout::t3_rows(base.format)
        .iter()
        .zip(&base.t3.rows)
    {
        let cells: Vec<String> = cells.iter().map(|c| c.display()).collect();
        text.push_str(&row_text(row.label, &cells));
        text.push('\n');
    }
    text.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
    text
}

#[test]
fn a_subtotal_column_is_accepted_and_said() {
    let base = parse(&original());
    let text = t3_text(&base, |label, cells| {
        let orgs: i64 = cells[1..6]
            .iter()
            .filter_map(|c| c.parse::<i64>().ok())
            .sum();
        let mut with_sub = cells.to_vec();
        with_sub.insert(6, orgs.to_string());
        format!("{label}\t{}", with_sub.join("\t"))
    });
    let text = text.replace(
        "三、收到和处理政府信息公开申请情况\n",
        "三、收到和处理政府信息公开申请情况\n申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t法人或其他组织小计\t总计\n",
    );
    let r = parse(&text);
    assert_eq!(r.t3, base.t3);
    assert!(
        r.notes.iter().any(|n| n.zh.contains("小计")),
        "{:#?}",
        r.notes
    );
}

#[test]
fn an_extra_local_row_is_not_counted_and_is_said() {
    let base = parse(&original());
    let text = t3_text(&base, |label, cells| {
        let mut line = format!("{label} {}", cells.join(" "));
        if label.contains("本年新收") {
            line.push_str("\n其中：网上申请 600 3 0 0 5 0 608");
        }
        line
    });
    let r = parse(&text);
    assert_eq!(r.t3, base.t3);
    assert!(
        r.notes.iter().any(|n| n.zh.contains("网上申请")),
        "{:#?}",
        r.notes
    );
}

#[test]
fn a_row_label_in_other_words_is_found_and_said() {
    let base = parse(&original());
    let text = t3_text(&base, |label, cells| {
        format!(
            "{}\t{}",
            label.replace("本机关不掌握相关政府信息", "本机关不掌握相关的政府信息"),
            cells.join("\t")
        )
    });
    let r = parse(&text);
    assert_eq!(r.t3, base.t3);
    assert!(
        r.notes.iter().any(|n| n.zh.contains("本机关不掌握相关的")),
        "{:#?}",
        r.notes
    );
}

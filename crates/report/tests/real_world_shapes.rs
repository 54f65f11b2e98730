//! Issue 17: the shapes real published reports take when other tools have printed or converted them, each
//! built here from a report gongkai renders itself (not a copy of a real one), then reshaped the way those
//! tools reshape text. What must hold: the agency, the year and every cell read as written, or left unread.

use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{AgencySource, AnnualReport, Cell, Format};
use gongkai_report::{RenderTarget, parse_text, render};

mod common;

/// A report whose cells all differ (so a figure attached to the wrong row shows), with a preamble.
fn distinctive(format: Format, agency: &str, year: i32) -> AnnualReport {
    let mut report = common::distinctive(format, agency, year, 1000);
    report.preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。".into();
    report
}

fn text_of(report: &AnnualReport) -> String {
    String::from_utf8(render(report, RenderTarget::Txt).expect("renders")).expect("UTF-8")
}

#[track_caller]
fn same_cells(read: &AnnualReport, written: &AnnualReport, what: &str) {
    for path in cell_paths(written.format) {
        assert_eq!(read.cell(&path), written.cell(&path), "{what}: cell {path}");
    }
}

/// What a browser's or Word's "print to PDF" gives as text for common characters: Kangxi radicals
/// (U+2Fxx) and CJK radicals-supplement forms (U+2Exx) in place of the unified ideographs.
fn as_printed_by_a_browser(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '人' => '\u{2F08}',
            '民' => '\u{2EA0}',
            '一' => '\u{2F00}',
            '二' => '\u{2F06}',
            '工' => '\u{2F2F}',
            '日' => '\u{2F47}',
            '月' => '\u{2F49}',
            '方' => '\u{2F45}',
            '门' => '\u{2ED4}',
            '长' => '\u{2ED3}',
            '见' => '\u{2EC5}',
            '金' => '\u{2FA6}',
            c => c,
        })
        .collect()
}

#[test]
fn radicals_printed_for_ideographs_read_as_the_ideographs() {
    for (format, year) in [(Format::F2019, 2020), (Format::F2021, 2024)] {
        let written = distinctive(format, "长丰县水湖镇人民政府", year);
        let text = as_printed_by_a_browser(&text_of(&written));
        assert!(
            text.contains("\u{2F08}\u{2EA0}政府"),
            "the reshaped text must hold the radicals"
        );
        let read = parse_text(&text).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(
            read.agency.as_deref(),
            Some("长丰县水湖镇人民政府"),
            "{format}"
        );
        assert_eq!(read.year, Some(year), "{format}");
        assert_eq!(read.format, format);
        same_cells(&read, &written, &format.to_string());
    }
}

/// The full name, as it should be read, and the text the agency's title was replaced by (with what else the
/// reshaped document carries), for the ways titles go wrong.
#[test]
fn the_agency_is_the_fullest_name_the_document_gives_and_says_where_it_came_from() {
    let full = "河南省工业和信息化厅";
    let written = distinctive(Format::F2021, full, 2023);
    let text = text_of(&written);
    let signed = |t: String| format!("{t}\n{full}\n2024年1月18日\n");
    let shapes: Vec<(&str, String, AgencySource)> = vec![
        ("as written", text.clone(), AgencySource::Title),
        (
            "abbreviated title, full signature",
            signed(text.replacen(full, "省工业和信息化厅", 1)),
            AgencySource::Signature,
        ),
        (
            "a sentence where the title was",
            signed(text.replacen(
                &format!("{full}2023年政府信息公开工作年度报告"),
                "按照条例要求，我厅编写了2023年政府信息公开工作年度报告。",
                1,
            )),
            AgencySource::Signature,
        ),
        (
            "abbreviated title under a letterhead",
            format!("{full}\n{}", text.replacen(full, "省工信厅", 1)),
            AgencySource::Heading,
        ),
    ];
    for (what, text, from) in shapes {
        let read = parse_text(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(read.agency.as_deref(), Some(full), "{what}");
        assert_eq!(read.agency_from, Some(from), "{what}");
        assert_eq!(read.year, Some(2023), "{what}");
        same_cells(&read, &written, what);
    }
}

/// `report parse --json`: each parse note carries a stable code beside its kind and message, and the agency's
/// source is given.
#[test]
fn parse_notes_have_stable_codes_in_json() {
    let written = distinctive(Format::F2021, "某县财政局", 2023);
    // Table 四 cut off: the parser notes it is missing.
    let text = text_of(&written);
    let cut = text
        .find("四、政府信息公开行政复议")
        .expect("section 四 heading");
    let read =
        parse_text(&format!("{}五、存在的主要问题及改进情况\n", &text[..cut])).expect("parses");
    let json = gongkai_report::json::to_json(&read, &[], false);
    let notes = json["parse_notes"].as_array().expect("parse_notes");
    let codes: Vec<&str> = notes.iter().filter_map(|n| n["code"].as_str()).collect();
    assert!(codes.contains(&"P-T4-MISSING"), "{codes:?}");
    assert_eq!(codes.len(), notes.len(), "every note has a code");
    assert_eq!(json["agency_from"], "title");
}

/// Table 四 collapsed to `000` (or its header alone) in a report whose text says nothing happened: the fifteen
/// cells are 0, the one reading that fits; with no such sentence, or one that admits a case, they stay unread.
#[test]
fn a_collapsed_table_four_reads_as_zeros_only_when_the_text_says_none() {
    let mut written = distinctive(Format::F2021, "某县自然资源局", 2024);
    for path in cell_paths(Format::F2021)
        .iter()
        .filter(|p| p.starts_with("t4."))
    {
        *written.cell_mut(path).expect("t4 cell") = Cell::Int(0);
    }
    let zeros = vec!["0"; 15].join("\t");
    let with_sentence = |sentence: &str| {
        let mut r = written.clone();
        if let Some(section) = r.sections[3].as_mut() {
            section.body = sentence.to_owned();
        }
        let text = text_of(&r);
        assert!(text.contains(&zeros), "the rendered table 四 line");
        text
    };
    for (what, sentence, collapsed) in [
        ("000", "本年度未发生行政复议、行政诉讼。", "000"),
        (
            "three zeros",
            "本机关没有因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
            "0 0 0",
        ),
        ("header only", "2024年未发生行政复议和行政诉讼案件。", ""),
    ] {
        let text = with_sentence(sentence).replace(&zeros, collapsed);
        let read = parse_text(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
        same_cells(&read, &written, what);
        assert!(
            read.notes.iter().any(|n| n.code == "P-T4-NONE-BY-TEXT"),
            "{what}: the reading is named"
        );
    }
    for (what, sentence) in [
        ("no sentence", ""),
        ("a case admitted", "本年度无行政复议，但有一起行政诉讼。"),
        ("a figure", "本年度未发生行政复议，发生行政诉讼1件。"),
    ] {
        let text = with_sentence(sentence).replace(&zeros, "000");
        let read = parse_text(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_ne!(
            read.cell("t4.review.total"),
            Some(&Cell::Int(0)),
            "{what}: not read as zeros"
        );
        assert!(
            !read.notes.iter().any(|n| n.code == "P-T4-NONE-BY-TEXT"),
            "{what}"
        );
    }
}

/// Table 四 as a browser prints it to PDF: the fifteen narrow columns wrap their headings inside words (`尚未`
/// over `审结`, `总` over `计`), and the values wrap too, with a heading's last character between them.
#[test]
fn table_four_with_wrapped_headings_and_values_reads_its_fifteen_cells() {
    let written = distinctive(Format::F2021, "某市交通运输局", 2023);
    let text = text_of(&written);
    let start = text.find("四、政府信息公开行政复议").expect("section 四");
    let end = text.find("五、存在的主要问题").expect("section 五");
    let values: Vec<String> = cell_paths(Format::F2021)
        .iter()
        .filter(|p| p.starts_with("t4."))
        .map(|p| written.cell(p).expect("t4 cell").display())
        .collect();
    let wrapped = format!(
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n\
         结果 结果 其他 尚未 总 未经复议直接起诉 复议后起诉\n\
         维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总\n\
         维持 纠正 结果 审结 计 维持 纠正 结果 审结\n{}\n计\n{}\n\n",
        values[..10].join(" "),
        values[10..].join(" ")
    );
    let reshaped = format!("{}{wrapped}{}", &text[..start], &text[end..]);
    let read = parse_text(&reshaped).expect("parses");
    same_cells(&read, &written, "wrapped table 四");
}

/// A table 三 row printed without its blank cells (`予以公开 7 2 9` for seven columns): placed only where the
/// column identities admit exactly one placement, and named in a note; left unread when none fits.
#[test]
fn a_row_without_its_blanks_is_placed_only_by_the_identities() {
    let written = common::with_figures(Format::F2021, "某区民政局", 2023, &common::SMALL_OFFICE_T3);
    let open = [
        "np",
        "org_biz",
        "org_research",
        "org_npo",
        "org_legal",
        "org_other",
        "total",
    ];
    let mut printed = written.clone();
    for col in &open[2..6] {
        *printed
            .cell_mut(&format!("t3.r3_1_open.{col}"))
            .expect("cell") = Cell::Empty;
    }
    // Flattened as a converter does: the blank cells vanish between spaces.
    let text: String = text_of(&printed)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n")
        .collect();
    assert!(
        text.contains("7 2 9"),
        "the row is printed without its blanks"
    );
    let read = parse_text(&text).expect("parses");
    same_cells(&read, &written, "placed row");
    assert!(read.notes.iter().any(|n| n.code == "P-T3-ROW-PLACED"));

    // The total row disagrees with every placement: the row stays unread.
    let broken = text.replace(
        "\n（七）总计 10 2 0 0 0 0 12",
        "\n（七）总计 11 2 0 0 0 0 13",
    );
    assert_ne!(broken, text, "the total row was changed: {text}");
    let read = parse_text(&broken).expect("parses");
    assert_eq!(read.cell("t3.r3_1_open.np"), Some(&Cell::Unresolved));
    assert!(!read.notes.iter().any(|n| n.code == "P-T3-ROW-PLACED"));
}

/// A line's tab-separated fields and how many of the last are figures (a table row's cells).
fn fields_and_figures(line: &str) -> (Vec<&str>, usize) {
    let fields: Vec<&str> = line.split('\t').collect();
    let figures = fields
        .iter()
        .rev()
        .take_while(|f| f.parse::<i64>().is_ok())
        .count();
    (fields, figures)
}

/// A table row as a PDF or OFD read by position gives it when its label wraps in the cell and the figures
/// sit centred: the label's first line, then its middle line with the row's figures, then its last line
/// (`three_lines`), or the figures on the label's first line and its last characters below (`two_lines`).
fn wrap_labels_round_figures(text: &str, three_lines: bool) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let (fields, figures) = fields_and_figures(line);
        let label_at = fields.len().saturating_sub(figures + 1);
        let label: Vec<char> = fields
            .get(label_at)
            .map(|l| l.chars().collect())
            .unwrap_or_default();
        if figures < 7 || label.len() < 8 {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let before = fields[..label_at].join("\t");
        let numbers = fields[label_at + 1..].join("\t");
        let (third, last) = (label.len() / 3, label.len() - 1);
        let part = |r: std::ops::Range<usize>| label[r].iter().collect::<String>();
        let sep = if before.is_empty() { "" } else { "\t" };
        if three_lines {
            out.push_str(&format!(
                "{before}{sep}{}\n{}\t{numbers}\n{}\n",
                part(0..third),
                part(third..2 * third),
                part(2 * third..label.len())
            ));
        } else {
            out.push_str(&format!(
                "{before}{sep}{}\t{numbers}\n{}\n",
                part(0..last),
                part(last..label.len())
            ));
        }
    }
    out
}

#[test]
fn a_label_wrapped_round_its_row_figures_keeps_its_figures() {
    for (format, year) in [(Format::F2019, 2020), (Format::F2021, 2024)] {
        let written = distinctive(format, "某区人力资源和社会保障局", year);
        for three_lines in [true, false] {
            let text = wrap_labels_round_figures(&text_of(&written), three_lines);
            assert!(
                text.lines().count() > text_of(&written).lines().count() + 10,
                "the reshaping ran"
            );
            let read = parse_text(&text).unwrap_or_else(|e| panic!("{format}: {e}"));
            same_cells(
                &read,
                &written,
                &format!("{format}, three lines: {three_lines}"),
            );
            let variants: Vec<&str> = read
                .notes
                .iter()
                .filter(|n| n.code == "P-T3-LABEL-VARIANT" || n.code == "P-T3-ROW-MISSING")
                .map(|n| n.zh.as_str())
                .collect();
            assert!(
                variants.is_empty(),
                "{format}: wrapped labels are the national labels: {variants:?}"
            );
        }
    }
}

/// Table rows whose figures a converter spread over two lines (`予以公开  1  2  3` / `4  5  6  7`).
fn split_row_figures(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let (fields, figures) = fields_and_figures(line);
        if figures >= 7 {
            let cut = fields.len() - figures + 3;
            out.push_str(&format!(
                "{}\n{}\n",
                fields[..cut].join("\t"),
                fields[cut..].join("\t")
            ));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn figures_of_a_row_spread_over_two_lines_stay_the_rows() {
    for (format, year) in [(Format::F2019, 2020), (Format::F2021, 2024)] {
        let written = distinctive(format, "某县市场监督管理局", year);
        let text = split_row_figures(&text_of(&written));
        assert_ne!(text, text_of(&written));
        let read = parse_text(&text).unwrap_or_else(|e| panic!("{format}: {e}"));
        same_cells(&read, &written, &format!("{format} split rows"));
    }
}

/// A table 三 row printed without its label (a converter dropped the cell): its figures must not be
/// attached to another row; every other row reads as written.
#[test]
fn a_row_without_its_label_is_left_unread_never_given_to_a_neighbour() {
    let written = distinctive(Format::F2021, "某县卫生健康委员会", 2024);
    let text = text_of(&written);
    for label in ["3.危及“三安全一稳定”", "2.重复申请", "（一）予以公开"] {
        let cut = text.replacen(label, "", 1);
        assert_ne!(cut, text, "{label} is in the text");
        let read = parse_text(&cut).unwrap_or_else(|e| panic!("{label}: {e}"));
        let mut unread = 0;
        for path in cell_paths(written.format) {
            match read.cell(&path) {
                Some(Cell::Int(n)) => assert_eq!(
                    Some(&Cell::Int(*n)),
                    written.cell(&path),
                    "without {label}: cell {path} read wrong"
                ),
                _ => unread += 1,
            }
        }
        assert!(
            unread >= 7,
            "without {label}: the row's seven cells stay unread ({unread})"
        );
    }
}

/// Table 三 of a report whose applications were eleven from citizens, all granted, with the figures of the
/// three rows that carry them printed run together (`110000011`: 11|0|0|0|0|0|11 or 1|10|0|0|0|0|11, and the
/// identities hold either way). `quote` is what the report's overview says of them.
fn run_together_with_quote(quote: &str) -> (AnnualReport, AnnualReport) {
    let mut written = AnnualReport::zeroed(Format::F2021);
    written.agency = Some("某县司法局".into());
    written.year = Some(2024);
    written.preamble = format!("本报告根据《中华人民共和国政府信息公开条例》编制。{quote}");
    for row in ["r1_new", "r3_1_open", "r3_7_total"] {
        for col in ["np", "total"] {
            *written.cell_mut(&format!("t3.{row}.{col}")).expect("cell") = Cell::Int(11);
        }
    }
    let text: String = text_of(&written)
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() >= 8
                && fields[fields.len() - 7..] == ["11", "0", "0", "0", "0", "0", "11"]
            {
                format!("{}\t110000011\n", fields[..fields.len() - 7].join("\t"))
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert_eq!(text.matches("110000011").count(), 3, "{text}");
    (written, parse_text(&text).expect("parses"))
}

#[test]
fn figures_the_report_quotes_decide_between_readings_only_when_one_fits() {
    // Without a quote, nothing decides: the three rows stay unread.
    let (_, read) = run_together_with_quote("");
    assert!(!matches!(read.cell("t3.r1_new.np"), Some(Cell::Int(_))));
    assert!(read.notes.iter().any(|n| n.code == "P-DIGITS-AMBIGUOUS"));
    // The overview's figures pick the one reading that fits, and a note says so.
    let (written, read) = run_together_with_quote(
        "本年度共收到政府信息公开申请11件，其中自然人申请11件，全部予以公开。",
    );
    same_cells(&read, &written, "decided by the quote");
    let decided: Vec<&str> = read
        .notes
        .iter()
        .filter(|n| n.code == "P-T3-TEXT-DECIDED")
        .map(|n| n.zh.as_str())
        .collect();
    assert_eq!(decided.len(), 1, "{:?}", read.notes);
    assert!(decided[0].contains("自然人申请11件"), "{decided:?}");
    // A quote that fits no reading (or fits both) decides nothing.
    for quote in ["其中自然人申请5件。", "本年度共收到政府信息公开申请11件。"]
    {
        let (_, read) = run_together_with_quote(quote);
        assert!(
            !matches!(read.cell("t3.r1_new.np"), Some(Cell::Int(_))),
            "{quote}"
        );
        assert!(
            read.notes.iter().all(|n| n.code != "P-T3-TEXT-DECIDED"),
            "{quote}"
        );
    }
}

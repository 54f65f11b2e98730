//! Issue 17: the shapes real published reports take when other tools have printed or converted them, each
//! built here from a report gongkai renders itself (not a copy of a real one), then reshaped the way those
//! tools reshape text. What must hold: the agency, the year and every cell read as written, or left unread.

use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{AnnualReport, Cell, Format};
use gongkai_report::{RenderTarget, parse_text, render};

/// A report whose cells all differ (so a figure attached to the wrong row shows), for a township government.
fn distinctive(format: Format, agency: &str, year: i32) -> AnnualReport {
    let mut report = AnnualReport::zeroed(format);
    report.agency = Some(agency.into());
    report.year = Some(year);
    report.preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。".into();
    for (i, path) in cell_paths(format).iter().enumerate() {
        if let Some(cell) = report.cell_mut(path)
            && matches!(cell, Cell::Int(_))
        {
            *cell = Cell::Int(1000 + i64::try_from(i).expect("small"));
        }
    }
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

//! Parsing a whole report from its text: headings, year and agency, format, the three tables, the sections'
//! text without the tables.

use crate::error::NotAReport;
use std::ops::Range;

use gongkai_domain::report::{AnnualReport, Format, ParseNote, ParseNoteKind, Section};

use super::normalize::{Doc, key_of};
use super::{fees, meta, sections, t2, t3, t4};
use crate::ReportError;

/// Labels that only one format prints.
const F2021_MARKS: [&str; 4] = ["逾期不补正", "本年制发件数", "本年收费金额", "本年废止件数"];
const F2019_MARKS: [&str; 4] = [
    "本年新制作数量",
    "对外公开总数量",
    "采购项目数量",
    "上一年项目数量",
];

fn detect_format(doc: &Doc, year: Option<i32>) -> Option<Format> {
    let has = |marks: &[&str]| {
        marks
            .iter()
            .any(|m| doc.find(&key_of(m), 0, doc.len()).is_some())
    };
    // Table 三 decides: F2021 split （六）其他处理 into three rows.
    if doc.find(&key_of("逾期不补正"), 0, doc.len()).is_some() {
        return Some(Format::F2021);
    }
    if let Some(other) = doc.find(&key_of("其他处理"), 0, doc.len())
        && doc.find(&key_of("总计"), other.end, doc.len()).is_some()
    {
        return Some(Format::F2019);
    }
    if has(&F2021_MARKS) {
        return Some(Format::F2021);
    }
    if has(&F2019_MARKS) {
        return Some(Format::F2019);
    }
    year.map(Format::for_year)
}

pub(crate) fn parse(text: &str, exact_cells: bool) -> Result<AnnualReport, ReportError> {
    let doc = Doc::new(text, exact_cells);
    let headings = sections::find(&doc);
    let n = doc.len();
    let meta = meta::read(
        &doc.text(0..n.min(meta::HEAD_CHARS)),
        &doc.text(n.saturating_sub(meta::TAIL_CHARS)..n),
    );
    let has_t3 = doc
        .find(&key_of("本年新收政府信息公开申请数量"), 0, doc.len())
        .is_some()
        || doc
            .find(&key_of("上年结转政府信息公开申请数量"), 0, doc.len())
            .is_some();
    let has_t2 = doc.find(&key_of("第二十条第一项"), 0, doc.len()).is_some();
    let heading_count = headings.iter().flatten().count();
    if !has_t3 && !has_t2 && heading_count < 4 {
        return Err(ReportError::NotAReport(NotAReport::NoTablesOrHeadings));
    }
    let Some(format) = detect_format(&doc, meta.year) else {
        return Err(ReportError::NotAReport(NotAReport::NoFormat));
    };
    let mut report = AnnualReport::blank(format);
    report.year = meta.year;
    report.agency = meta.agency;
    report.agency_from = meta.agency_from;
    report.dated = meta.dated;
    if meta.year.is_none() {
        report.notes.push(ParseNote {
            kind: ParseNoteKind::Missing,
            code: "P-YEAR-MISSING",
            cells: vec!["year".into()],
            zh: "未能从标题或统计期限读出报告年度".into(),
            en: "could not read the report year from the title or the statistics period".into(),
        });
    }
    let h = |i: usize| headings[i].clone();
    let start_of = |i: usize| h(i).map(|r| r.start);
    let end_of = |i: usize| h(i).map(|r| r.end);

    let t3_region_start = end_of(2).or(end_of(1)).unwrap_or(0);
    let t3_region = t3_region_start..start_of(3).filter(|&s| s > t3_region_start).unwrap_or(n);
    let t3 = t3::read_table(&doc, t3_region, &mut report);
    if t3.is_none() {
        report.notes.push(ParseNote {
            kind: ParseNoteKind::Missing,
            code: "P-T3-MISSING",
            cells: vec!["t3".into()],
            zh: "未找到表三（收到和处理政府信息公开申请情况）".into(),
            en: "table 三 (applications received and handled) not found".into(),
        });
    }
    let t3_span = t3.map(|f| f.span);

    let t2_start = end_of(1).unwrap_or(0);
    let t2_end = start_of(2)
        .or(t3_span.as_ref().map(|s| s.start))
        .filter(|&e| e > t2_start)
        .unwrap_or(n);
    let t2_span = t2::read_table(&doc, t2_start..t2_end, &mut report);
    if t2_span.is_none() {
        report.notes.push(ParseNote {
            kind: ParseNoteKind::Missing,
            code: "P-T2-MISSING",
            cells: vec!["t2".into()],
            zh: "未找到表二（主动公开政府信息情况）".into(),
            en: "table 二 (proactive disclosure) not found".into(),
        });
    }

    let t4_start = end_of(3).or(t3_span.as_ref().map(|s| s.end)).unwrap_or(0);
    let t4_end = start_of(4).filter(|&e| e > t4_start).unwrap_or(n);
    let t4_span = t4::read_table(&doc, t4_start..t4_end, &mut report);

    fill_sections(&doc, &headings, [t2_span, t3_span, t4_span], &mut report);
    report.fees = fees::read(report.section_body(6));
    Ok(report)
}

/// Section text without the tables printed inside it.
fn fill_sections(
    doc: &Doc,
    headings: &[Option<Range<usize>>; 6],
    tables: [Option<Range<usize>>; 3],
    report: &mut AnnualReport,
) {
    let first = headings.iter().flatten().next().map_or(0, |h| h.start);
    report.preamble = sections::clean_text(doc, 0..first);
    for i in 0..6 {
        let Some(heading) = headings[i].clone() else {
            continue;
        };
        let end = headings[i + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(doc.len(), |h| h.start);
        let body_range = heading.end..end;
        let body = match tables
            .iter()
            .flatten()
            .find(|t| t.start >= body_range.start && t.start < body_range.end)
        {
            Some(t) => {
                let before = sections::clean_text(doc, body_range.start..t.start);
                let after = sections::clean_text(doc, t.end.min(end)..end);
                [before, after]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            None => sections::clean_text(doc, body_range),
        };
        report.sections[i] = Some(Section {
            heading: doc.text(heading).trim().to_string(),
            body,
            drafted: false,
        });
    }
}

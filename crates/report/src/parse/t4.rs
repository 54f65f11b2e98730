//! Table 四: a header of 行政复议 / 行政诉讼 words, then fifteen cells (three groups of five), printed in one
//! row, in three small tables, or run together.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use gongkai_domain::report::layout::{T4_COLUMNS, T4_GROUPS};
use gongkai_domain::report::{AnnualReport, CellAddr, CellKind, ParseNote, ParseNoteKind};

use super::cells::apply;
use super::normalize::{CELL, Doc, is_key_char, key_of};
use super::split::{Constraint, Slot};
use super::zone::{RawCell, ZoneRead, split_glued};

const HEADER_WORDS: [&str; 12] = [
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
    "合计",
    "小计",
    "情况",
];

/// Is this text only header words and numbering (`（二）行政诉讼（未经复议直接起诉）`), or a piece of a header
/// word that a narrow column wrapped (`尚未` / `审结`, `总` / `计`: browser-printed PDFs break the fifteen
/// columns' headings inside words, and a fragment can land among the values)?
fn is_header(text: &str) -> bool {
    let mut key = key_of(text);
    for w in HEADER_WORDS {
        key = key.replace(w, "");
    }
    key.chars()
        .all(|c| "一二三四五六七八九十".contains(c) || HEADER_WORDS.iter().any(|w| w.contains(c)))
}

fn is_value(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit() || c == '+')
            || t.chars().all(|c| matches!(c, '/' | '-' | '—'))
            || t == "不适用"
            || t.strip_suffix('件')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
}

struct Piece {
    text: String,
    range: Range<usize>,
}

/// Collects the values after the header: whole cells of delimited lines (blanks kept), or the space-separated
/// words of running text, up to the first text that is not a header.
fn collect(doc: &Doc, region: Range<usize>) -> (Vec<Piece>, bool) {
    let chars = &doc.chars;
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut delimited = false;
    let mut line_start = region.start;
    'lines: while line_start < region.end {
        let line_end = (line_start..region.end)
            .find(|&i| chars[i] == '\n')
            .unwrap_or(region.end);
        let line = line_start..line_end;
        line_start = line_end + 1;
        let has_cells = chars[line.clone()].contains(&CELL);
        let mut parts: Vec<Piece> = Vec::new();
        let mut start = line.start;
        for i in line.start..=line.end {
            let brk = i == line.end || chars[i] == CELL || (!has_cells && chars[i].is_whitespace());
            // In running text a number glued to a header word (`总计1`) is a piece of its own.
            let seam = !has_cells
                && i > start
                && i < line.end
                && chars[i].is_ascii_digit() != chars[i - 1].is_ascii_digit()
                && !chars[i].is_whitespace()
                && !chars[i - 1].is_whitespace();
            if brk || seam {
                let text: String = chars[start..i]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string();
                parts.push(Piece {
                    text,
                    range: start..i,
                });
                start = if brk { i + 1 } else { i };
            }
        }
        let mut line_values: Vec<Piece> = Vec::new();
        for p in parts {
            if p.text.is_empty() {
                if has_cells {
                    line_values.push(p);
                }
            } else if is_value(&p.text) {
                line_values.push(p);
            } else if is_header(&p.text) || !p.text.chars().any(is_key_char) {
                continue;
            } else if !lines.is_empty() || line_values.iter().any(|v| !v.text.is_empty()) {
                lines.push(line_values);
                break 'lines;
            } else {
                line_values.clear();
            }
        }
        if line_values.iter().any(|v| !v.text.is_empty()) {
            delimited |= has_cells;
            lines.push(line_values);
        }
    }
    // Blank fields at the ends of a line are spanning columns or outer borders of the printed table when the
    // values add up to fifteen without them; otherwise they are cells, and only blanks at the very ends of the
    // whole table beyond fifteen go.
    let trimmed_len: usize = lines.iter().map(|l| trim_line(l).len()).sum();
    let mut out: Vec<Piece> = if trimmed_len == 15 {
        lines
            .into_iter()
            .flat_map(|l| {
                let keep = trim_line(&l);
                l.into_iter().skip(keep.start).take(keep.len())
            })
            .collect()
    } else {
        lines.into_iter().flatten().collect()
    };
    while out.len() > 15 && out.first().is_some_and(|p| p.text.is_empty()) {
        out.remove(0);
    }
    while out.len() > 15 && out.last().is_some_and(|p| p.text.is_empty()) {
        out.pop();
    }
    (out, delimited)
}

/// The part of a line between its blank fields at either end.
fn trim_line(line: &[Piece]) -> std::ops::Range<usize> {
    let end = line
        .iter()
        .rposition(|p| !p.text.is_empty())
        .map_or(0, |i| i + 1);
    let start = line.iter().position(|p| !p.text.is_empty()).unwrap_or(end);
    start..end
}

pub(crate) fn read_table(
    doc: &Doc,
    region: Range<usize>,
    report: &mut AnnualReport,
) -> Option<Range<usize>> {
    let addrs: Vec<CellAddr> = (0..T4_GROUPS.len())
        .flat_map(|group| (0..T4_COLUMNS.len()).map(move |col| CellAddr::T4 { group, col }))
        .collect();
    let Some(header) = doc
        .find(&key_of("结果维持"), region.start, region.end)
        .or_else(|| wrapped_header(doc, region.clone()))
    else {
        report.notes.push(ParseNote {
            kind: ParseNoteKind::Missing,
            code: "P-T4-MISSING",
            cells: vec!["t4".into()],
            zh: "未找到表四（行政复议、行政诉讼情况表）".into(),
            en: "table 四 (administrative review and litigation) not found".into(),
        });
        return None;
    };
    let start = doc
        .find(&key_of("行政复议"), region.start, header.start)
        .map_or(header.start, |h| h.start);
    let (values, delimited) = collect(doc, header.start..region.end);
    let end = values
        .iter()
        .map(|p| p.range.end)
        .max()
        .unwrap_or(header.end);
    let read = if values.len() != 15 && all_zero(&values) && text_says_none(doc) {
        // 条例第五十条 asks for the table even when nothing happened, and many reports then print it
        // collapsed (`000`, or nothing under the header); the report's own words settle it: with no review
        // and no litigation, every one of the fifteen cells is 0, the one reading that fits.
        report.notes.push(ParseNote {
            kind: ParseNoteKind::AcceptedVariant,
            code: "P-T4-NONE-BY-TEXT",
            cells: vec!["t4".into()],
            zh: "表四印成了几个 0（或只有表头），而报告正文说明本年度未发生行政复议、行政诉讼：十五个单元格均读作 0".into(),
            en: "table 四 was printed as a few zeros (or its header alone), and the report says no review or litigation happened: all fifteen cells read as 0".into(),
        });
        let range = values.first().map_or(header.clone(), |p| p.range.clone());
        ZoneRead::Cells(
            (0..15)
                .map(|_| RawCell {
                    text: "0".into(),
                    range: range.clone(),
                    how: "text",
                })
                .collect(),
        )
    } else if values.len() == 15 {
        ZoneRead::Cells(
            values
                .into_iter()
                .map(|p| RawCell {
                    text: p.text,
                    range: p.range,
                    how: "cell",
                })
                .collect(),
        )
    } else if values.is_empty() {
        ZoneRead::Blank
    } else if !delimited
        && values
            .iter()
            .all(|p| p.text.chars().all(|c| c.is_ascii_digit()))
    {
        split_run(values)
    } else {
        let printed = values
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        ZoneRead::Unreadable { printed }
    };
    apply(report, doc, &addrs, &[CellKind::Count; 15], "表四", read);
    Some(start..end)
}

/// The header of a table whose narrow columns wrapped `结果` over `维持` (so that `结果维持` is nowhere in one
/// piece): a `维持` followed closely by `纠正` and `审结`, the other wrapped headings' second halves.
fn wrapped_header(doc: &Doc, region: Range<usize>) -> Option<Range<usize>> {
    let (maintain, correct, closed) = (key_of("维持"), key_of("纠正"), key_of("审结"));
    doc.find_all(&maintain, region.start, region.end)
        .find(|hit| {
            let near = hit.end..(hit.end + 40).min(region.end);
            doc.find(&correct, near.start, near.end).is_some()
                && doc.find(&closed, near.start, near.end).is_some()
        })
}

/// Every figure printed is 0 (or none is printed).
fn all_zero(values: &[Piece]) -> bool {
    values
        .iter()
        .all(|p| !p.text.is_empty() && p.text.chars().all(|c| c == '0'))
}

/// A sentence that says no review and no litigation happened: a negation governing `行政复议` and `行政诉讼`
/// together (`本年度未发生行政复议、行政诉讼`, `没有因政府信息公开工作被申请行政复议、提起行政诉讼的情况`),
/// with no figure and nothing between them that could admit one (`无行政复议，但有一起行政诉讼` is not it).
static NONE_HAPPENED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:未|没有|无)(?:发生|出现|收到|产生)?[^。；;0-9有但共]{0,20}?行政复议(?:案件)?(?:[、和及与或,，]|以及){1,2}(?:被?提起|引起|发生)?(?:的)?行政诉讼",
    )
    .expect("static regex")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}\s*年").expect("static regex"));

fn text_says_none(doc: &Doc) -> bool {
    const ENDS: [char; 4] = ['。', '；', ';', '\n'];
    let key = key_of("行政诉讼");
    // Only the sentences that name 行政诉讼, cut out of the document where they are (most of a report never
    // does, and copying all of it cost more than the rest of table 四's reading).
    for hit in doc.find_all(&key, 0, doc.len()) {
        let start = doc.chars[..hit.start]
            .iter()
            .rposition(|c| ENDS.contains(c))
            .map_or(0, |i| i + 1);
        // The negation stands at most a few dozen characters before 行政诉讼: look there first.
        let near = start.max(hit.start.saturating_sub(48))..hit.end;
        if !NONE_HAPPENED.is_match(&doc.text(near)) {
            continue;
        }
        let end = doc.chars[hit.end..]
            .iter()
            .position(|c| ENDS.contains(c))
            .map_or(doc.len(), |i| hit.end + i);
        // A year (`2024年`) is no figure of cases.
        if !YEAR
            .replace_all(&doc.text(start..end), "")
            .chars()
            .any(|c| ('1'..='9').contains(&c))
        {
            return true;
        }
    }
    false
}

/// Fifteen values run together (`10203120001200000`): split by the group totals.
fn split_run(values: Vec<Piece>) -> ZoneRead {
    let mut glued: Vec<char> = Vec::new();
    let mut at: Vec<usize> = Vec::new();
    for p in &values {
        for (k, c) in p.text.chars().enumerate() {
            glued.push(c);
            at.push(p.range.start + k);
        }
    }
    let printed: String = values
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    split_glued(
        &glued,
        &at,
        &[Slot::Count; 15],
        Constraint::GroupsOfFive,
        printed,
    )
}

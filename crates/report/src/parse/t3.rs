//! Table 三: find each row by its label, in the national order, and read its seven cells. Rows whose digits
//! ran together and split in several ways are settled by the table's column identities when exactly one
//! combination satisfies the most of them; otherwise the ambiguity is reported.

use std::ops::Range;

use gongkai_domain::report::layout::{T3_COLUMNS, t3_rows};
use gongkai_domain::report::{AnnualReport, CellAddr, CellKind, ParseNote, ParseNoteKind};

use super::cells::apply;
use super::normalize::{Doc, key_of};
use super::split::{Constraint, Slot};
use super::zone::{ZoneRead, read};

/// Where table 三 was found: from its first label to the end of its last row's cells.
pub(crate) struct Found {
    pub span: Range<usize>,
}

/// Strips the numbering of the next row (`3.` of `3.要求提供公开出版物`) from the end of a zone when it is
/// glued to the label, so that it is not read as a cell.
fn zone_end(doc: &Doc, next_label_start: usize, ordinal: Option<u32>) -> usize {
    let Some(n) = ordinal else {
        return next_label_start;
    };
    let digits: Vec<char> = n.to_string().chars().collect();
    let mut i = next_label_start;
    while i > 0 && doc.chars[i - 1] == ' ' {
        i -= 1;
    }
    let punct = i > 0 && matches!(doc.chars[i - 1], '.' | '、' | '，' | ',' | ')');
    if punct {
        i -= 1;
    }
    while i > 0 && doc.chars[i - 1] == ' ' {
        i -= 1;
    }
    let glued_to_label = punct || i == next_label_start;
    if glued_to_label && i >= digits.len() && doc.chars[i - digits.len()..i] == digits[..] {
        return i - digits.len();
    }
    next_label_start
}

/// The numbering printed before a sub-row (1. … 8.), from its national label.
fn ordinal(label: &str) -> Option<u32> {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

pub(crate) fn read_table(
    doc: &Doc,
    region: Range<usize>,
    report: &mut AnnualReport,
) -> Option<Found> {
    let rows = t3_rows(report.format);
    let keys: Vec<String> = rows.iter().map(|r| key_of(r.core)).collect();
    let mut hits = super::t3_labels::locate_rows(doc, &region, &keys, report);
    let first = hits.iter().flatten().next()?.label.start;
    // A label printed twice before the next (a heading, then the table row) counts at its last place, next
    // to its cells.
    for i in 0..rows.len() {
        let Some(hit) = hits[i].as_ref().filter(|h| h.figures_inside.is_none()) else {
            continue;
        };
        let next = hits[i + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(region.end, |h| h.label.start);
        let mut last = hit.label.clone();
        while let Some(again) = doc.find(&keys[i], last.end, next) {
            last = again;
        }
        if let Some(hit) = hits[i].as_mut() {
            hit.label = last;
        }
    }
    // A 法人或其他组织小计 column in the header (a local variant, spec §5.6) adds an eighth cell to every row.
    let with_subtotal = doc.find(&key_of("小计"), region.start, first).is_some();
    let (slots, constraint) = if with_subtotal {
        (vec![Slot::Count; 8], Constraint::SubtotalAndTotal)
    } else {
        (vec![Slot::Count; 7], Constraint::LastIsSum)
    };
    let mut reads: Vec<(usize, ZoneRead, Range<usize>)> = Vec::new();
    for (i, hit) in hits.iter().enumerate() {
        let Some(hit) = hit else {
            report.notes.push(ParseNote {
                kind: ParseNoteKind::Missing,
                code: "P-T3-ROW-MISSING",
                cells: vec![format!("t3.{}", rows[i].key)],
                zh: format!("表三未找到“{}”行", rows[i].label),
                en: format!(
                    "table 三: row \"{}\" ({}) not found",
                    rows[i].label, rows[i].key
                ),
            });
            continue;
        };
        let next = hits[i + 1..]
            .iter()
            .enumerate()
            .find_map(|(k, h)| h.as_ref().map(|h| (i + 1 + k, h.label.start)));
        let end = match next {
            Some((k, start)) => zone_end(doc, start, ordinal(rows[k].label)),
            None => region.end,
        };
        // A label wrapped round its figures holds them; otherwise they follow it up to the next row.
        let zone = match &hit.figures_inside {
            Some(inside) => inside.clone(),
            None => hit.label.end..end.max(hit.label.end),
        };
        let mut read_zone = read(doc, zone.clone(), &slots, constraint);
        if with_subtotal && let ZoneRead::Cells(mut cells) = read_zone {
            read_zone = if cells.len() == 8 {
                let subtotal = cells.remove(6).text;
                ZoneRead::WithSubtotal { cells, subtotal }
            } else {
                ZoneRead::Cells(cells)
            };
        }
        reads.push((i, read_zone, zone));
    }
    super::t3_place::settle_by_identities(report, &mut reads, || {
        super::quoted::quotes(&doc.text(0..doc.len()))
    });
    let mut end = first;
    // Rows that lost a cell in flattening are named in one note, not one note per row.
    let recovered: Vec<usize> = reads
        .iter()
        .filter(|(_, r, _)| matches!(r, ZoneRead::Recovered { .. }))
        .map(|(i, _, _)| *i)
        .collect();
    if !recovered.is_empty() {
        let labels: Vec<&str> = recovered.iter().map(|&i| rows[i].label).collect();
        report.notes.push(ParseNote {
            kind: ParseNoteKind::AcceptedVariant,
            code: "P-T3-CELL-RECOVERED",
            cells: recovered.iter().map(|&i| format!("t3.{}", rows[i].key)).collect(),
            zh: format!(
                "表三有 {} 行在文本中各少了一个单元格，其值由“总计＝各栏之和”唯一确定（各栏皆为 0）：{}",
                labels.len(),
                labels.join("、")
            ),
            en: format!(
                "table 三: {} rows lost one cell each in the text; the row total fixes its value whatever its place (all zero): {}",
                labels.len(),
                recovered.iter().map(|&i| rows[i].key).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    for (i, r, zone) in reads {
        let values_end = last_value_end(&r).unwrap_or(zone.start);
        end = end.max(values_end);
        if let Some(extra) = extra_content(doc, values_end.max(zone.start)..zone.end) {
            report.notes.push(ParseNote {
                kind: ParseNoteKind::AcceptedVariant,
                code: "P-T3-EXTRA-CONTENT",
                cells: vec![format!("t3.{}", rows[i].key)],
                zh: format!("“{}”行后有国家格式以外的内容，未计入表格：{extra}", rows[i].label),
                en: format!("after row {} there is content outside the national layout, not counted: {extra}", rows[i].key),
            });
        }
        let addrs: Vec<CellAddr> = (0..T3_COLUMNS.len())
            .map(|col| CellAddr::T3 { row: i, col })
            .collect();
        apply(report, doc, &addrs, &[CellKind::Count; 7], rows[i].label, r);
    }
    Some(Found {
        span: table_start(doc, region.start, first)..end,
    })
}

/// Where the table begins: its header (the 勾稽关系 note, 申请人情况) when printed, else the numbering before
/// the first row's label; so that none of the table is left in the section's text.
fn table_start(doc: &Doc, region_start: usize, first_label: usize) -> usize {
    for header in ["本列数据的勾稽关系", "申请人情况"] {
        if let Some(h) = doc.find(&key_of(header), region_start, first_label) {
            let mut start = h.start;
            while start > region_start && matches!(doc.chars[start - 1], '(' | '（' | ' ') {
                start -= 1;
            }
            return start;
        }
    }
    let mut start = first_label;
    while start > region_start
        && matches!(
            doc.chars[start - 1],
            '一' | '、' | '.' | '(' | ')' | ' ' | '\t'
        )
    {
        start -= 1;
    }
    start
}

/// Text with figures after a row's cells and before the next row: an extra row or a note of a local variant.
fn extra_content(doc: &Doc, range: Range<usize>) -> Option<String> {
    let text: String = doc
        .text(range)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let standalone_number = text
        .split(|c: char| !c.is_ascii_digit() && !c.is_alphabetic())
        .any(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        || text
            .as_bytes()
            .windows(3)
            .any(|w| w.iter().all(u8::is_ascii_digit));
    let has_words = text.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    (standalone_number && has_words).then(|| text.chars().take(60).collect())
}

fn last_value_end(r: &ZoneRead) -> Option<usize> {
    match r {
        ZoneRead::Cells(c)
        | ZoneRead::Recovered { cells: c }
        | ZoneRead::WithSubtotal { cells: c, .. } => c.iter().map(|c| c.range.end).max(),
        ZoneRead::Partial { total, .. } => Some(total.range.end),
        _ => None,
    }
}

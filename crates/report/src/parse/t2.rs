//! Table 二: the 第二十条 blocks, each found by its title, and the rows of each block by their labels.

use std::ops::Range;

use gongkai_domain::report::layout::t2_blocks;
use gongkai_domain::report::{AnnualReport, CellAddr, CellKind, Format, ParseNote, ParseNoteKind};

use super::cells::{apply, slot_of};
use super::normalize::{Doc, key_of};
use super::split::Constraint;
use super::zone::{ZoneRead, read};

/// Other wordings of row labels seen in published reports (the other format's label, for mixed reports).
fn label_keys(format: Format, label: &str) -> Vec<String> {
    let mut keys = vec![key_of(label)];
    match (format, label) {
        (Format::F2019, "规范性文件") => keys.push(key_of("行政规范性文件")),
        (Format::F2021, "行政规范性文件") => keys.push(key_of("规范性文件")),
        _ => {}
    }
    keys
}

/// Reads table 二 within `region`; returns the span it covered.
pub(crate) fn read_table(
    doc: &Doc,
    region: Range<usize>,
    report: &mut AnnualReport,
) -> Option<Range<usize>> {
    let blocks = t2_blocks(report.format);
    let mut titles: Vec<Option<Range<usize>>> = Vec::new();
    let mut cursor = region.start;
    for block in blocks {
        let hit = doc.find(&key_of(block.title), cursor, region.end);
        if let Some(h) = &hit {
            cursor = h.end;
        }
        titles.push(hit);
    }
    let first = titles.iter().flatten().next()?.start;
    let mut end = first;
    for (bi, block) in blocks.iter().enumerate() {
        let Some(title) = titles[bi].clone() else {
            report.notes.push(ParseNote {
                kind: ParseNoteKind::Missing,
                code: "P-T2-BLOCK-MISSING",
                cells: vec![format!("t2.{}", block.key)],
                zh: format!("表二未找到“{}”", block.title),
                en: format!("table 二: block {} ({}) not found", block.title, block.key),
            });
            continue;
        };
        let block_end = titles[bi + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(region.end, |t| t.start);
        let mut row_hits: Vec<Option<Range<usize>>> = Vec::new();
        let mut cursor = title.end;
        for row in block.rows {
            let hit = label_keys(report.format, row.label)
                .iter()
                .find_map(|k| doc.find(k, cursor, block_end));
            if let Some(h) = &hit {
                cursor = h.end;
            }
            row_hits.push(hit);
        }
        let kinds: Vec<CellKind> = block.cols.iter().map(|c| c.kind).collect();
        let slots: Vec<_> = kinds.iter().map(|k| slot_of(*k)).collect();
        for (ri, row) in block.rows.iter().enumerate() {
            let addrs: Vec<CellAddr> = (0..block.cols.len())
                .map(|col| CellAddr::T2 {
                    block: bi,
                    row: ri,
                    col,
                })
                .collect();
            let Some(hit) = row_hits[ri].clone() else {
                report.notes.push(ParseNote {
                    kind: ParseNoteKind::Missing,
                    code: "P-T2-ROW-MISSING",
                    cells: addrs.iter().map(|a| a.path(report.format)).collect(),
                    zh: format!("表二“{}”未找到“{}”行", block.title, row.label),
                    en: format!("table 二 {}: row \"{}\" not found", block.key, row.label),
                });
                continue;
            };
            let zone_end = row_hits[ri + 1..]
                .iter()
                .flatten()
                .next()
                .map_or(block_end, |h| h.start);
            let r = read(doc, hit.end..zone_end, &slots, Constraint::None);
            if let ZoneRead::Cells(c) = &r {
                end = end.max(c.iter().map(|c| c.range.end).max().unwrap_or(hit.end));
            } else {
                end = end.max(hit.end);
            }
            apply(report, doc, &addrs, &kinds, row.label, r);
        }
    }
    Some(first..end)
}

//! Putting what a zone yielded into the report: cells, provenance and parse notes.

use gongkai_domain::report::{
    AnnualReport, Cell, CellAddr, CellKind, CellSource, ParseNote, ParseNoteKind,
};

use super::normalize::Doc;
use super::split::Slot;
use super::zone::{RawCell, ZoneRead};

pub(crate) fn slot_of(kind: CellKind) -> Slot {
    match kind {
        CellKind::Count => Slot::Count,
        CellKind::SignedCount => Slot::Signed,
        CellKind::AmountWan => Slot::Amount,
    }
}

/// A printed cell in a column of this kind; a count unit printed after the number (`23件`) is not part of it.
pub(crate) fn cell_of(text: &str, kind: CellKind) -> Cell {
    match kind {
        CellKind::AmountWan => Cell::from_printed_amount(text),
        _ => Cell::from_printed(text.trim().trim_end_matches(['件', '个', '项'])),
    }
}

fn set(report: &mut AnnualReport, doc: &Doc, addr: CellAddr, kind: CellKind, raw: &RawCell) {
    if let Some(cell) = report.at_mut(addr) {
        *cell = cell_of(&raw.text, kind);
    }
    if !raw.text.is_empty() {
        let (start, end) = doc.source_span(&raw.range);
        report.provenance.push((
            addr,
            CellSource {
                start,
                end,
                how: raw.how,
            },
        ));
    }
}

fn mark_unresolved(report: &mut AnnualReport, addrs: &[CellAddr]) {
    for &a in addrs {
        if let Some(cell) = report.at_mut(a) {
            *cell = Cell::Unresolved;
        }
    }
}

/// Applies a zone's reading to the cells at `addrs` (one per column, in order). `row` names the row for notes.
///
/// This is the one place where the parser's readings become figures, and the rule is the same for every
/// table and input: a row's reading is [`ZoneRead::Cells`] only when the row was found by its label and its
/// cells by their count (anchored), or when exactly one reading satisfied the table's identities (digits run
/// together, rows printed without their blanks: `t3_place::settle_by_identities`, where the figures the text
/// states may single one out). Every other reading leaves its cells unread, with a note naming what was
/// printed. A scan adds one condition afterwards: a cell read by OCR stands only where the identities vouch
/// for it (`ocr::gate`).
pub(crate) fn apply(
    report: &mut AnnualReport,
    doc: &Doc,
    addrs: &[CellAddr],
    kinds: &[CellKind],
    row: &str,
    read: ZoneRead,
) {
    let format = report.format;
    let note = |kind, code, zh: String, en: String| ParseNote {
        kind,
        code,
        cells: addrs.iter().map(|a| a.path(format)).collect(),
        zh,
        en,
    };
    match read {
        ZoneRead::Blank => {}
        ZoneRead::Cells(cells) => {
            for ((addr, kind), raw) in addrs.iter().zip(kinds).zip(&cells) {
                set(report, doc, *addr, *kind, raw);
            }
        }
        // The table reader names recovered rows in one note.
        ZoneRead::Recovered { cells } => {
            for ((addr, kind), raw) in addrs.iter().zip(kinds).zip(&cells) {
                set(report, doc, *addr, *kind, raw);
            }
        }
        ZoneRead::WithSubtotal { cells, subtotal } => {
            for ((addr, kind), raw) in addrs.iter().zip(kinds).zip(&cells) {
                set(report, doc, *addr, *kind, raw);
            }
            report.notes.push(note(
                ParseNoteKind::AcceptedVariant,
                "P-SUBTOTAL-DROPPED",
                format!("“{row}”行多出一列（法人或其他组织小计：{subtotal}），已按国家格式略去"),
                format!("row {row} has an extra column (organisation subtotal: {subtotal}); dropped as the national format has none"),
            ));
        }
        ZoneRead::Ambiguous { printed, options } => {
            mark_unresolved(report, addrs);
            let shown: Vec<String> = options.iter().take(6).map(|o| o.join(",")).collect();
            let more = if options.len() > 6 { "…" } else { "" };
            report.notes.push(note(
                ParseNoteKind::Ambiguous,
                "P-DIGITS-AMBIGUOUS",
                format!("“{row}”行的数字“{printed}”连在一起，可有多种拆分（{}{more}），未予猜测", shown.join(" / ")),
                format!("row {row}: the digits \"{printed}\" run together and split in more than one way ({}{more}); not guessed", shown.join(" / ")),
            ));
        }
        ZoneRead::Partial { total, unplaced } => {
            mark_unresolved(report, addrs);
            if let (Some(addr), Some(kind)) = (addrs.last(), kinds.last()) {
                set(report, doc, *addr, *kind, &total);
            }
            report.notes.push(note(
                ParseNoteKind::Unplaced,
                "P-ROW-UNPLACED",
                format!(
                    "“{row}”行印出的单元格少于栏目（空白格被省略）：总计读作 {}，其余数值 {} 无法确定所属栏目",
                    total.text,
                    unplaced.join("、")
                ),
                format!(
                    "row {row} was printed without its blank cells: total read as {}, the values {} cannot be placed in a column",
                    total.text,
                    unplaced.join(", ")
                ),
            ));
        }
        ZoneRead::Unreadable { printed } => {
            mark_unresolved(report, addrs);
            report.notes.push(note(
                ParseNoteKind::Unreadable,
                "P-ROW-UNREADABLE",
                format!("“{row}”行的“{printed}”无法按表格读取"),
                format!("row {row}: \"{printed}\" cannot be read as the row's cells"),
            ));
        }
    }
}

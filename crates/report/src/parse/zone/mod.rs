//! Reading the cells of one table row from the text that follows its label (its "zone"): delimited cells
//! when the input has cell breaks, space-separated numbers otherwise, and digits run together as a last
//! resort, split with the row's identity.

use std::ops::Range;

mod running;
mod tokens;

use super::normalize::{CELL, Doc, is_key_char};
use super::split::{Constraint, Slot};
use running::read_running;
pub(crate) use running::split_glued;
use tokens::{Tok, is_mark, sums_hold, tokens};

/// A cell as printed, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawCell {
    pub text: String,
    pub range: Range<usize>,
    pub how: &'static str,
}

/// What a zone yielded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ZoneRead {
    /// Exactly one cell per slot.
    Cells(Vec<RawCell>),
    /// Digits run together that fit the identity in more than one way.
    Ambiguous {
        printed: String,
        options: Vec<Vec<String>>,
    },
    /// Fewer cells than columns with the blanks dropped: the last is the 总计, the others can't be placed.
    Partial {
        total: RawCell,
        unplaced: Vec<String>,
    },
    /// Nothing printed at all.
    Blank,
    /// Something printed that fits no reading.
    Unreadable { printed: String },
    /// A flattened table lost one cell of the row (its position unknown), but every placement gives the same
    /// row under the row identity, so the row is known.
    Recovered { cells: Vec<RawCell> },
    /// One cell more than the national layout: a 法人或其他组织小计 column, dropped (its value kept in the note).
    WithSubtotal {
        cells: Vec<RawCell>,
        subtotal: String,
    },
}

/// Reads a zone for `slots` cells.
pub(crate) fn read(
    doc: &Doc,
    zone: Range<usize>,
    slots: &[Slot],
    constraint: Constraint,
) -> ZoneRead {
    let chars = &doc.chars;
    let zone = zone.start.min(chars.len())..zone.end.min(chars.len());
    // Delimited input: the cells follow the label on its own line (or on the next line that has any).
    let mut line_start = zone.start;
    while line_start < zone.end {
        let line_end = (line_start..zone.end)
            .find(|&i| chars[i] == '\n')
            .unwrap_or(zone.end);
        let line = line_start..line_end;
        if chars[line.clone()].contains(&CELL) {
            let line = with_carried_figures(doc, line, zone.end, slots.len());
            if let Some(read) = read_delimited(doc, line.clone(), slots, constraint) {
                return read;
            }
        } else if chars[line.clone()]
            .iter()
            .any(|c| is_key_char(*c) || is_mark(*c))
        {
            break; // not delimited: read the zone as running text
        }
        line_start = line_end + 1;
    }
    read_running(doc, zone, slots, constraint)
}

/// The row's line and the lines after it that hold only figures, while the row has fewer figures than its
/// cells: a converter that spread one row over two lines (`予以公开  1  2  3` / `4  5  6  7`). The row stays
/// anchored by its label (the lines end before the next row's label) and its columns by the count.
fn with_carried_figures(
    doc: &Doc,
    line: Range<usize>,
    zone_end: usize,
    cells: usize,
) -> Range<usize> {
    let chars = &doc.chars;
    let figures = |r: Range<usize>| {
        tokens(chars, r)
            .iter()
            .filter(|t| !matches!(t, Tok::Text(_)))
            .count()
    };
    // Most rows are followed by the next label or nothing: look at the next line before counting anything.
    let figures_only = |r: Range<usize>| {
        chars[r.clone()].iter().any(char::is_ascii_digit)
            && chars[r].iter().all(|&c| {
                c.is_ascii_digit()
                    || c.is_whitespace()
                    || c == CELL
                    || is_mark(c)
                    || c == '.'
                    || c == ','
            })
    };
    let mut end = line.end;
    while end < zone_end {
        let next_end = (end + 1..zone_end)
            .find(|&i| chars[i] == '\n')
            .unwrap_or(zone_end);
        if !figures_only(end + 1..next_end) || figures(line.start..end) >= cells {
            break;
        }
        end = next_end;
    }
    // Only a row completed by the carried lines takes them; otherwise the line is read alone, as before.
    if end != line.end && figures(line.start..end) == cells {
        line.start..end
    } else {
        line
    }
}

/// Cells between cell breaks on one line. Text before the first value is what is left of the label (an
/// annotation such as （区分处理的…）); `None` when the line holds no value at all.
fn read_delimited(
    doc: &Doc,
    line: Range<usize>,
    slots: &[Slot],
    constraint: Constraint,
) -> Option<ZoneRead> {
    let chars = &doc.chars;
    let mut cells: Vec<RawCell> = Vec::new();
    let mut start = line.start;
    for i in line.start..=line.end {
        // A line break inside the range is one between lines of figures of the same row.
        if i == line.end || chars[i] == CELL || chars[i] == '\n' {
            let text: String = chars[start..i]
                .iter()
                .collect::<String>()
                .trim()
                .to_string();
            // Decoration (`##`, `*`, `:`) is no cell content; a mark such as "/" or "-" is.
            let decoration = !text.chars().any(|c| is_key_char(c) || is_mark(c));
            let text = if decoration { String::new() } else { text };
            cells.push(RawCell {
                text,
                range: start..i,
                how: "cell",
            });
            start = i + 1;
        }
    }
    let is_value = |c: &RawCell| {
        tokens(chars, c.range.clone())
            .iter()
            .all(|t| !matches!(t, Tok::Text(_)))
    };
    // The first cell is what follows the label inside the label's own cell: a value only if it is one.
    if !is_value(&cells[0]) || cells[0].text.is_empty() {
        cells.remove(0);
    }
    // Annotation cells before the first value (（区分处理的…） printed in a cell of its own) go.
    let first_value = cells
        .iter()
        .position(|c| !c.text.is_empty() && is_value(c))?;
    if let Some(t) = cells[..first_value]
        .iter()
        .rposition(|c| !c.text.is_empty())
    {
        cells.drain(..=t);
    }
    // Blank cells at either end beyond the layout are spanning columns of the printed table.
    while cells.len() > slots.len() && cells.first().is_some_and(|c| c.text.is_empty()) {
        cells.remove(0);
    }
    // Text after the values on the same line (a note, the next heading of a one-line page) is not a cell.
    while cells.len() > slots.len()
        && cells
            .last()
            .is_some_and(|c| c.text.is_empty() || !is_value(c))
    {
        cells.pop();
    }
    if !doc.exact_cells
        && constraint == Constraint::LastIsSum
        && let Some(recovered) = recover_lost_cell(&cells, slots.len())
    {
        return Some(recovered);
    }
    if cells.len() == slots.len() {
        return Some(ZoneRead::Cells(cells));
    }
    let texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
    if cells.len() == slots.len() + 1
        && constraint == Constraint::LastIsSum
        && slots.len() == 7
        && sums_hold(&texts, Constraint::SubtotalAndTotal)
    {
        // 法人或其他组织小计 after the five organisation columns (spec §5.6): keep the national seven.
        let subtotal = cells.remove(6);
        return Some(ZoneRead::WithSubtotal {
            cells,
            subtotal: subtotal.text,
        });
    }
    // Fewer cells: values may be run together inside a cell; read the line as running text.
    Some(read_running(doc, line, slots, constraint))
}

/// Text flattened from a table (copy-paste, a converter) sometimes drops one cell of a row and leaves a blank
/// field at its edge instead (`label⇥⇥0⇥0⇥0⇥0⇥0⇥0`). The printed values then number one fewer than the
/// columns. Where the lost cell was is unknown; the row identity (总计 = the sum of the applicant columns)
/// fixes its value for each possible place. Only when every place gives the same valid row is the row known
/// exactly (in practice an all-zero row); otherwise the cells are read as printed, blanks and all.
fn recover_lost_cell(cells: &[RawCell], n: usize) -> Option<ZoneRead> {
    let edge_blank = cells.first().is_some_and(|c| c.text.is_empty())
        || cells.last().is_some_and(|c| c.text.is_empty());
    let values: Vec<&RawCell> = cells.iter().filter(|c| !c.text.is_empty()).collect();
    let inner: Vec<&RawCell> = cells
        .iter()
        .skip_while(|c| c.text.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .skip_while(|c| c.text.is_empty())
        .collect();
    if !edge_blank || values.len() + 1 != n || inner.len() != values.len() {
        return None;
    }
    let v: Vec<i64> = values
        .iter()
        .map(|c| c.text.parse::<i64>().ok().filter(|x| *x >= 0))
        .collect::<Option<_>>()?;
    let mut rows: Vec<Vec<i64>> = Vec::new();
    for p in 0..n {
        let mut row = v.clone();
        let x = if p == n - 1 {
            v.iter().sum()
        } else {
            v[n - 2] - v[..n - 2].iter().sum::<i64>()
        };
        if x < 0 {
            return None;
        }
        row.insert(p, x);
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    let [row] = rows.as_slice() else { return None };
    let at = match (values.first(), values.last()) {
        (Some(f), Some(l)) => f.range.start..l.range.end,
        _ => 0..0,
    };
    Some(ZoneRead::Recovered {
        cells: row
            .iter()
            .map(|x| RawCell {
                text: x.to_string(),
                range: at.clone(),
                how: "identity",
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t3(text: &str) -> ZoneRead {
        let doc = Doc::new(text, false);
        read(&doc, 0..doc.len(), &[Slot::Count; 7], Constraint::LastIsSum)
    }

    fn values(r: &ZoneRead) -> Vec<String> {
        match r {
            ZoneRead::Cells(c) => c.iter().map(|c| c.text.clone()).collect(),
            other => panic!("not cells: {other:?}"),
        }
    }

    #[test]
    fn delimited_cells_keep_their_blanks() {
        assert_eq!(values(&t3("\t\t0\t0\t0\t0\t0\t0\t0\t\n")), vec!["0"; 7]);
        assert_eq!(
            values(&t3("\t26\t\t\t\t\t\t26\n")),
            vec!["26", "", "", "", "", "", "26"]
        );
        assert_eq!(
            values(&t3(" (区分处理的)\t1\t0\t0\t0\t0\t0\t1")),
            vec!["1", "0", "0", "0", "0", "0", "1"]
        );
    }

    #[test]
    fn running_text_with_irregular_spaces() {
        assert_eq!(
            values(&t3("160 02 0 018二、")),
            vec!["16", "0", "0", "2", "0", "0", "18"]
        );
        assert_eq!(values(&t3(" 0 0 00 00 0 ")), vec!["0"; 7]);
        assert_eq!(
            values(&t3("705 3 0 0 5 0 713 类别 数据1")),
            vec!["705", "3", "0", "0", "5", "0", "713"]
        );
    }

    #[test]
    fn a_cell_lost_in_flattening_is_recovered_only_when_the_identity_fixes_it() {
        match t3("\t\t0\t0\t0\t0\t0\t0\t") {
            ZoneRead::Recovered { cells } => assert_eq!(
                cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
                ["0"; 7]
            ),
            other => panic!("{other:?}"),
        }
        // 5,0,0,0,0,5 with a lost cell: 自然人 0 and 5 in 商业企业? or 总计 10? Not known: read as printed.
        assert!(matches!(t3("\t\t5\t0\t0\t0\t0\t5\t"), ZoneRead::Cells(_)));
        let doc = Doc::new("\t\t0\t0\t0\t0\t0\t0\t", true);
        let exact = read(&doc, 0..doc.len(), &[Slot::Count; 7], Constraint::LastIsSum);
        assert!(
            matches!(exact, ZoneRead::Cells(_)),
            "HTML cells are exact: a blank is a blank"
        );
    }

    #[test]
    fn blanks_dropped_gives_the_total_only() {
        match t3("11") {
            ZoneRead::Partial { total, unplaced } => {
                assert_eq!(total.text, "1");
                assert_eq!(unplaced, vec!["1"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(t3(""), ZoneRead::Blank);
    }
}

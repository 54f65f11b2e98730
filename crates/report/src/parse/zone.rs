//! Reading the cells of one table row from the text that follows its label (its "zone"): delimited cells
//! when the input has cell breaks, space-separated numbers otherwise, and digits run together as a last
//! resort, split with the row's identity.

use std::ops::Range;

use super::normalize::{CELL, Doc, is_key_char};
use super::split::{Constraint, Slot, pieces, splits};

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

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(Range<usize>),
    Mark(Range<usize>),
    Text(Range<usize>),
}

fn is_mark(c: char) -> bool {
    matches!(c, '/' | '-' | '—' | '－')
}

/// Splits a char range into number, not-applicable mark and text tokens, dropping spaces and cell breaks.
fn tokens(chars: &[char], range: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let c = chars[i];
        if c.is_whitespace() || c == CELL {
            i += 1;
            continue;
        }
        let start = i;
        let signed = matches!(c, '+' | '-')
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && i + 1 < range.end;
        if c.is_ascii_digit() || signed {
            i += 1;
            while i < range.end && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < range.end && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
                i += 1;
                while i < range.end && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            // a unit printed right after the number belongs to the cell
            for unit in [&['万', '元'][..], &['元'], &['件'], &['个'], &['项']] {
                if chars[i..range.end].starts_with(unit) {
                    i += unit.len();
                    break;
                }
            }
            out.push(Tok::Num(start..i));
        } else if is_mark(c) {
            while i < range.end && is_mark(chars[i]) {
                i += 1;
            }
            out.push(Tok::Mark(start..i));
        } else if chars[i..range.end].starts_with(&['不', '适', '用']) {
            i += 3;
            out.push(Tok::Mark(start..i));
        } else {
            while i < range.end
                && !(chars[i].is_whitespace()
                    || chars[i] == CELL
                    || chars[i].is_ascii_digit()
                    || is_mark(chars[i]))
            {
                i += 1;
            }
            out.push(Tok::Text(start..i));
        }
    }
    out
}

fn strip_count_unit(s: &str) -> &str {
    s.trim_end_matches(['件', '个', '项'])
}

fn slot_ok(text: &str, slot: Slot) -> bool {
    let chars: Vec<char> = strip_count_unit(text).chars().collect();
    !splits(&chars, &[slot], Constraint::None, 0).is_empty()
}

fn int_of(text: &str) -> Option<i64> {
    strip_count_unit(text).trim_start_matches('+').parse().ok()
}

fn sums_hold(cells: &[String], constraint: Constraint) -> bool {
    let v: Option<Vec<i64>> = cells.iter().map(|c| int_of(c)).collect();
    let Some(v) = v else { return false };
    match constraint {
        Constraint::None => true,
        Constraint::LastIsSum => v
            .split_last()
            .is_some_and(|(l, rest)| rest.iter().sum::<i64>() == *l),
        Constraint::GroupsOfFive => v
            .chunks(5)
            .all(|g| g.len() == 5 && g[..4].iter().sum::<i64>() == g[4]),
        Constraint::SubtotalAndTotal => {
            v.len() == 8 && v[1..6].iter().sum::<i64>() == v[6] && v[0] + v[6] == v[7]
        }
    }
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
        if i == line.end || chars[i] == CELL {
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

/// Space-separated or run-together values, up to the first text after them.
fn read_running(doc: &Doc, zone: Range<usize>, slots: &[Slot], constraint: Constraint) -> ZoneRead {
    let chars = &doc.chars;
    let mut toks: Vec<Tok> = Vec::new();
    for t in tokens(chars, zone) {
        match t {
            Tok::Text(_) if !toks.is_empty() => break,
            Tok::Text(_) => {}
            other => toks.push(other),
        }
    }
    if toks.is_empty() {
        return ZoneRead::Blank;
    }
    let text_of = |r: &Range<usize>| chars[r.clone()].iter().collect::<String>();
    let printed: String = toks
        .iter()
        .map(|t| match t {
            Tok::Num(r) | Tok::Mark(r) | Tok::Text(r) => text_of(r),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let as_cells: Vec<RawCell> = toks
        .iter()
        .map(|t| match t {
            Tok::Num(r) | Tok::Mark(r) | Tok::Text(r) => RawCell {
                text: text_of(r),
                range: r.clone(),
                how: "token",
            },
        })
        .collect();
    let well_formed = |cells: &[RawCell]| {
        cells
            .iter()
            .zip(slots)
            .all(|(c, s)| c.text.chars().all(is_mark) || slot_ok(&c.text, *s))
    };
    if as_cells.len() == slots.len() && well_formed(&as_cells) {
        return ZoneRead::Cells(as_cells);
    }
    let nums: Vec<String> = as_cells.iter().map(|c| c.text.clone()).collect();
    if toks.iter().any(|t| matches!(t, Tok::Mark(_))) {
        return ZoneRead::Unreadable { printed };
    }
    // Blanks dropped but values separated: the last is the total of the others.
    if constraint == Constraint::LastIsSum
        && as_cells.len() < slots.len()
        && as_cells.len() > 1
        && as_cells.iter().all(|c| slot_ok(&c.text, Slot::Count))
        && sums_hold(&nums, constraint)
    {
        let mut cells = as_cells;
        let total = cells.pop().unwrap_or_else(|| RawCell {
            text: String::new(),
            range: 0..0,
            how: "token",
        });
        return ZoneRead::Partial {
            total,
            unplaced: cells.into_iter().map(|c| c.text).collect(),
        };
    }
    // Run together: glue the characters (keeping where each came from) and split by the identity.
    let mut glued: Vec<char> = Vec::new();
    let mut at: Vec<usize> = Vec::new();
    for t in &toks {
        if let Tok::Num(r) = t {
            for i in r.clone() {
                glued.push(chars[i]);
                at.push(i);
            }
        }
    }
    let found = splits(&glued, slots, constraint, 20);
    match found.len() {
        1 => {
            let cuts = &found[0];
            let cells = pieces(&glued, cuts)
                .into_iter()
                .zip(cuts.windows(2))
                .map(|(text, w)| RawCell {
                    text,
                    range: at[w[0]]..at[w[1] - 1] + 1,
                    how: "split",
                })
                .collect();
            ZoneRead::Cells(cells)
        }
        0 if constraint == Constraint::LastIsSum => {
            partial_split(&glued, &at, slots.len(), printed)
        }
        0 => ZoneRead::Unreadable { printed },
        _ => ZoneRead::Ambiguous {
            printed,
            options: found.iter().map(|c| pieces(&glued, c)).collect(),
        },
    }
}

/// A row printed without its blank cells and with its values run together (`11` for 自然人 1, 总计 1): the
/// only split into fewer cells whose last is the sum of the others gives the 总计.
fn partial_split(glued: &[char], at: &[usize], n: usize, printed: String) -> ZoneRead {
    let mut fits = Vec::new();
    for k in 2..n.min(glued.len() + 1) {
        for cuts in splits(glued, &vec![Slot::Count; k], Constraint::LastIsSum, 5) {
            fits.push(cuts);
        }
    }
    if fits.len() != 1 {
        return if fits.is_empty() {
            ZoneRead::Unreadable { printed }
        } else {
            ZoneRead::Ambiguous {
                printed,
                options: fits.iter().map(|c| pieces(glued, c)).collect(),
            }
        };
    }
    let cuts = &fits[0];
    let mut values = pieces(glued, cuts);
    let last = cuts.len() - 1;
    let total_text = values.pop().unwrap_or_default();
    let total = RawCell {
        text: total_text,
        range: at[cuts[last - 1]]..at[cuts[last] - 1] + 1,
        how: "split",
    };
    ZoneRead::Partial {
        total,
        unplaced: values,
    }
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

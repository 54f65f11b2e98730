//! Values in running text: separated by spaces, or run together and split by the row's identity.

use std::ops::Range;

use super::super::normalize::Doc;
use super::super::split::{Constraint, Slot, pieces, splits};
use super::tokens::{Tok, is_mark, slot_ok, sums_hold, tokens};
use super::{RawCell, ZoneRead};

/// Space-separated or run-together values, up to the first text after them.
pub(super) fn read_running(
    doc: &Doc,
    zone: Range<usize>,
    slots: &[Slot],
    constraint: Constraint,
) -> ZoneRead {
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
    split_glued(&glued, &at, slots, constraint, printed)
}

/// Digits run together (`glued`, each from char index `at`) split into `slots` cells by the identity: one
/// reading gives the cells, several are an ambiguity to report, none (for a 表三 row) may be a row printed
/// without its blanks.
pub(crate) fn split_glued(
    glued: &[char],
    at: &[usize],
    slots: &[Slot],
    constraint: Constraint,
    printed: String,
) -> ZoneRead {
    let found = splits(glued, slots, constraint, 20);
    match found.len() {
        1 => {
            let cuts = &found[0];
            let cells = pieces(glued, cuts)
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
        0 if constraint == Constraint::LastIsSum => partial_split(glued, at, slots.len(), printed),
        0 => ZoneRead::Unreadable { printed },
        _ => ZoneRead::Ambiguous {
            printed,
            options: found.iter().map(|c| pieces(glued, c)).collect(),
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

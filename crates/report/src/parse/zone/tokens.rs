//! Tokens of a zone: numbers (with a unit printed after them), not-applicable marks and text.

use std::ops::Range;

use super::super::normalize::CELL;
use super::super::split::{Constraint, Slot, valid};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    Num(Range<usize>),
    Mark(Range<usize>),
    Text(Range<usize>),
}

pub(super) fn is_mark(c: char) -> bool {
    matches!(c, '/' | '-' | '—' | '－')
}

/// Splits a char range into number, not-applicable mark and text tokens, dropping spaces and cell breaks.
pub(super) fn tokens(chars: &[char], range: Range<usize>) -> Vec<Tok> {
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

pub(super) fn strip_count_unit(s: &str) -> &str {
    s.trim_end_matches(['件', '个', '项'])
}

pub(super) fn slot_ok(text: &str, slot: Slot) -> bool {
    let chars: Vec<char> = strip_count_unit(text).chars().collect();
    valid(&chars, slot, true)
}

pub(super) fn int_of(text: &str) -> Option<i64> {
    strip_count_unit(text).trim_start_matches('+').parse().ok()
}

pub(super) fn sums_hold(cells: &[String], constraint: Constraint) -> bool {
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

//! Finding table 三's rows by their labels. A label is found as printed in the national wording, or, when a
//! layout wrapped it round its own figures, as its wording with the row's figures in between: a PDF or OFD
//! read by position puts a cell's first line, the figures (centred in the row) and the label's last line on
//! successive lines (`1.申请人无正当理由逾期不` / `补正、行政机关不再处理其  0 0 0 0 0 0 0` / `政府信息公开申请`).
//! The row is then anchored by its whole label, and its figures are the ones inside it.

use std::ops::Range;

use gongkai_domain::report::layout::t3_rows;
use gongkai_domain::report::{AnnualReport, ParseNote, ParseNoteKind};

use super::normalize::{Doc, is_key_char};

/// A row's label in the text and, when the label was printed round the row's figures, where those are.
#[derive(Clone)]
pub(crate) struct Located {
    pub label: Range<usize>,
    pub figures_inside: Option<Range<usize>>,
}

/// The fewest characters of a label that must come before its figures for the label to count as wrapped
/// round them, and the shortest label looked for so (`3.其他` is too short to tell from other text).
const MIN_HEAD: usize = 2;
const MIN_LABEL: usize = 4;

/// Finds each row's label in order. A label not printed in the national wording is looked for by the first
/// characters of its wording between its neighbours (`本机关不掌握相关的政府信息`), and the variant is noted.
pub(crate) fn locate_rows(
    doc: &Doc,
    region: &Range<usize>,
    keys: &[String],
    report: &mut AnnualReport,
) -> Vec<Option<Located>> {
    let mut hits: Vec<Option<Located>> = vec![None; keys.len()];
    let mut cursor = region.start;
    for (i, key) in keys.iter().enumerate() {
        let found = doc
            .find(key, cursor, region.end)
            .map(|label| Located {
                label,
                figures_inside: None,
            })
            .or_else(|| wrapped_round_figures(doc, key, cursor, region.end));
        if let Some(hit) = found {
            cursor = hit.label.end;
            hits[i] = Some(hit);
        }
    }
    let rows = t3_rows(report.format);
    for i in 0..keys.len() {
        let chars: Vec<char> = keys[i].chars().collect();
        if hits[i].is_some() || chars.len() < 6 {
            continue;
        }
        let from = hits[..i]
            .iter()
            .flatten()
            .last()
            .map_or(region.start, |h| h.label.end);
        let until = hits[i + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(region.end, |h| h.label.start);
        let prefix: String = chars[..5].iter().collect();
        let suffix: String = chars[chars.len() - 5..].iter().collect();
        if let Some(hit) = doc
            .find(&prefix, from, until)
            .or_else(|| doc.find(&suffix, from, until))
        {
            let printed_end = (hit.end..until.min(hit.end + 24))
                .find(|&k| !is_key_char(doc.chars[k]))
                .unwrap_or(hit.end);
            report.notes.push(ParseNote {
                kind: ParseNoteKind::AcceptedVariant,
                code: "P-T3-LABEL-VARIANT",
                cells: vec![format!("t3.{}", rows[i].key)],
                zh: format!(
                    "表三“{}”行的标签印作“{}”",
                    rows[i].label,
                    doc.text(hit.start..printed_end)
                ),
                en: format!(
                    "table 三 row {} is labelled \"{}\"",
                    rows[i].key,
                    doc.text(hit.start..printed_end)
                ),
            });
            hits[i] = Some(Located {
                label: hit,
                figures_inside: None,
            });
        }
    }
    hits
}

/// The label `key` printed with the row's figures between two of its parts: its first `MIN_HEAD` or more
/// characters, then only figures and spaces (at least one digit), then the rest of its wording at once.
/// Each place the label's first characters occur is followed character by character (spaces and line breaks
/// between them do not count, as in [`Doc::find`]): the head ends where the text leaves the label's wording,
/// figures must follow there, and the tail must then complete the wording.
fn wrapped_round_figures(doc: &Doc, key: &str, from: usize, until: usize) -> Option<Located> {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() < MIN_LABEL {
        return None;
    }
    let first = chars[..MIN_HEAD].iter().collect::<String>();
    let until = until.min(doc.chars.len());
    for start in doc.find_all(&first, from, until) {
        // Follows the wording from `pos` for `want`; the place where the text leaves it, and how far it got.
        let follow = |mut pos: usize, want: &[char]| {
            let mut matched = 0;
            while matched < want.len() && pos < until {
                let c = doc.chars[pos];
                if !is_key_char(c) {
                    pos += 1;
                } else if c == want[matched] {
                    matched += 1;
                    pos += 1;
                } else {
                    break;
                }
            }
            (pos, matched)
        };
        let (head_end, split) = follow(start.start, &chars);
        if split < MIN_HEAD || split == chars.len() {
            continue;
        }
        // Back over the spaces the head's walk stepped past: the figures begin after its last character.
        let mut head_end = head_end;
        while head_end > start.start && !is_key_char(doc.chars[head_end - 1]) {
            head_end -= 1;
        }
        let Some(figures_end) = figures_after(doc, head_end, until) else {
            continue;
        };
        let (tail_end, matched) = follow(figures_end, &chars[split..]);
        if matched == chars.len() - split
            && doc.chars.get(figures_end).is_some_and(|c| is_key_char(*c))
        {
            return Some(Located {
                label: start.start..tail_end,
                figures_inside: Some(head_end..figures_end),
            });
        }
    }
    None
}

/// The end of a run of figures and spaces starting at `from` (where the next other character begins), if the
/// run holds a digit.
fn figures_after(doc: &Doc, from: usize, until: usize) -> Option<usize> {
    let mut digit = false;
    let mut end = from;
    while end < until.min(doc.chars.len()) {
        let c = doc.chars[end];
        if c.is_ascii_digit() {
            digit = true;
        } else if !(c.is_whitespace() || matches!(c, ',' | '.' | '-' | '—' | '/')) {
            break;
        }
        end += 1;
    }
    digit.then_some(end)
}

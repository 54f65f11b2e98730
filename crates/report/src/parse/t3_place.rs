//! Table 三 rows printed without their blanks (`予以公开 5 2 7`: two figures and the total for seven
//! columns): every way of putting the printed figures, in their order, into the six applicant columns with
//! the others 0. The table's column identities then decide, and only when exactly one placement of all such
//! rows makes every identity hold ([`settle_by_identities`], which also settles digits run together). Where
//! several readings satisfy the identities equally, the figures the report states in its text
//! ([`super::quoted`]) choose, again only when exactly one reading fits them.

use std::ops::Range;

use gongkai_domain::report::layout::{T3Role, t3_rows};
use gongkai_domain::report::{AnnualReport, ParseNote, ParseNoteKind};

use super::quoted::Quote;
use super::zone::{RawCell, ZoneRead};

/// Applicant columns before the 总计.
const COLUMNS: usize = 6;
/// A row with more placements than this is left unread: the identities would not single one out.
const MAX_PLACEMENTS: usize = 64;

/// The rows' possible readings: seven printed values each (the six columns, then the total), or none when the
/// figures do not add up to the total or are too many to place.
pub(super) fn placements(total: &RawCell, unplaced: &[String]) -> Vec<Vec<String>> {
    let Ok(sum) = unplaced
        .iter()
        .map(|v| v.parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .map(|v| v.iter().sum::<i64>())
    else {
        return Vec::new();
    };
    if total.text.parse::<i64>() != Ok(sum) || unplaced.is_empty() || unplaced.len() > COLUMNS {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut chosen: Vec<usize> = Vec::new();
    choose(0, unplaced.len(), &mut chosen, &mut |columns| {
        let mut row = vec!["0".to_owned(); COLUMNS];
        for (value, &column) in unplaced.iter().zip(columns) {
            row[column] = value.clone();
        }
        row.push(total.text.clone());
        out.push(row);
    });
    if out.len() > MAX_PLACEMENTS {
        return Vec::new();
    }
    out
}

/// Every increasing choice of `k` columns out of [`COLUMNS`], from `from` on.
fn choose(from: usize, k: usize, chosen: &mut Vec<usize>, visit: &mut impl FnMut(&[usize])) {
    if chosen.len() == k {
        visit(chosen);
        return;
    }
    for column in from..COLUMNS {
        chosen.push(column);
        choose(column + 1, k, chosen, visit);
        chosen.pop();
    }
}

/// Most readings tried when rows printed without their blanks take part.
const MAX_WITH_PLACEMENTS: usize = 128;

/// For rows whose digits split in several ways, picks the combination that satisfies the most column
/// identities (T3-01 and T3-03) when exactly one does; rows printed without their blanks join, placed only
/// when one placement makes all of them hold.
pub(super) fn settle_by_identities(
    report: &mut AnnualReport,
    reads: &mut [(usize, ZoneRead, Range<usize>)],
    quoted: impl FnOnce() -> Vec<Quote>,
) {
    let ambiguous: Vec<usize> = (0..reads.len())
        .filter(|&k| {
            matches!(
                reads[k].1,
                ZoneRead::Ambiguous { .. } | ZoneRead::Partial { .. }
            )
        })
        .collect();
    if ambiguous.is_empty() {
        return;
    }
    let options: Vec<Vec<Vec<String>>> = ambiguous
        .iter()
        .map(|&k| match &reads[k].1 {
            ZoneRead::Ambiguous { options, .. } => options.clone(),
            ZoneRead::Partial { total, unplaced } => placements(total, unplaced),
            _ => Vec::new(),
        })
        .collect();
    let is_partial = |k: usize| matches!(reads[k].1, ZoneRead::Partial { .. });
    // Rows printed without their blanks join only when each has a placement and all the readings together
    // stay few (a bad scan has many such rows); otherwise the digits run together are settled alone, as
    // before, and those rows stay unread.
    let together: usize = options.iter().map(Vec::len).product();
    let (ambiguous, options): (Vec<usize>, Vec<Vec<Vec<String>>>) =
        if options.iter().any(Vec::is_empty) || together > MAX_WITH_PLACEMENTS {
            ambiguous
                .into_iter()
                .zip(options)
                .filter(|(k, _)| !is_partial(*k))
                .unzip()
        } else {
            (ambiguous, options)
        };
    let partial = ambiguous.iter().any(|&k| is_partial(k));
    if ambiguous.is_empty() {
        return;
    }
    let combos: usize = options.iter().map(Vec::len).product();
    if combos == 0 || combos > 4096 {
        return;
    }
    let rows = t3_rows(report.format);
    let mut values: Vec<Option<[i64; 7]>> = vec![None; rows.len()];
    for (i, r, _) in reads.iter() {
        if let ZoneRead::Cells(c) = r {
            values[*i] = ints(c.iter().map(|c| c.text.as_str()));
        }
    }
    // The table's rows with one reading of each undecided row.
    let values_for = |choice: &[usize]| {
        let mut values = values.clone();
        for (a, &k) in ambiguous.iter().enumerate() {
            values[reads[k].0] = ints(options[a][choice[a]].iter().map(String::as_str));
        }
        values
    };
    let mut scores: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut choice = vec![0usize; ambiguous.len()];
    for _ in 0..combos {
        scores.push((identity_score(report, &values_for(&choice)), choice.clone()));
        // next combination
        for a in 0..choice.len() {
            choice[a] += 1;
            if choice[a] < options[a].len() {
                break;
            }
            choice[a] = 0;
        }
    }
    let best = scores.iter().map(|s| s.0).max().unwrap_or(0);
    let mut winners: Vec<&Vec<usize>> = scores
        .iter()
        .filter(|s| s.0 == best)
        .map(|s| &s.1)
        .collect();
    // A row printed without its blanks is placed only when one placement makes all fourteen column
    // identities hold, not merely the most of them.
    if partial && best < 14 {
        return;
    }
    if winners.len() > 1 {
        // The identities cannot tell the readings apart; the figures the report states in its text may.
        let quotes = quoted();
        let fitting: Vec<&Vec<usize>> = winners
            .iter()
            .copied()
            .filter(|choice| fits_quotes(report, &values_for(choice), &quotes))
            .collect();
        if fitting.len() != 1 {
            return;
        }
        // The statements that ruled a reading out.
        let deciding: Vec<&str> = quotes
            .iter()
            .filter(|q| {
                winners.iter().any(|choice| {
                    !fits_quotes(report, &values_for(choice), std::slice::from_ref(*q))
                })
            })
            .map(|q| q.words.as_str())
            .collect();
        let rows_decided: Vec<&str> = ambiguous.iter().map(|&k| rows[reads[k].0].key).collect();
        report.notes.push(ParseNote {
            kind: ParseNoteKind::AcceptedVariant,
            code: "P-T3-TEXT-DECIDED",
            cells: rows_decided.iter().map(|k| format!("t3.{k}")).collect(),
            zh: format!(
                "表三 {} 的数字可有 {} 种读法，表内勾稽关系都成立；报告正文所述“{}”只与其中一种相符，按此读取",
                rows_decided.join("、"),
                winners.len(),
                deciding.join("”“")
            ),
            en: format!(
                "table 三 {}: {} readings satisfy the identities; the figures the report states (\"{}\") fit exactly one, which is taken",
                rows_decided.join(", "),
                winners.len(),
                deciding.join("\", \"")
            ),
        });
        winners = fitting;
    }
    let placed: Vec<&str> = ambiguous
        .iter()
        .filter(|&&k| matches!(reads[k].1, ZoneRead::Partial { .. }))
        .map(|&k| t3_rows(report.format)[reads[k].0].key)
        .collect();
    if !placed.is_empty() {
        report.notes.push(ParseNote {
            kind: ParseNoteKind::AcceptedVariant,
            code: "P-T3-ROW-PLACED",
            cells: placed.iter().map(|k| format!("t3.{k}")).collect(),
            zh: format!(
                "表三有 {} 行印出时省略了空白格；各数值所在栏目由表内勾稽关系唯一确定（其余栏为 0）：{}",
                placed.len(),
                placed.join("、")
            ),
            en: format!(
                "table 三: {} rows were printed without their blank cells; the identities admit exactly one placement of their figures (the other columns 0): {}",
                placed.len(),
                placed.join(", ")
            ),
        });
    }
    for (a, &k) in ambiguous.iter().enumerate() {
        let picked = &options[a][winners[0][a]];
        let range = reads[k].2.clone();
        let cells = picked
            .iter()
            .map(|t| RawCell {
                text: t.clone(),
                range: range.clone(),
                how: "split-by-identities",
            })
            .collect();
        reads[k].1 = ZoneRead::Cells(cells);
    }
}

/// Whether every figure the text states that bears on a row read here agrees with it (a statement about a row
/// that was not read constrains nothing).
fn fits_quotes(report: &AnnualReport, values: &[Option<[i64; 7]>], quotes: &[Quote]) -> bool {
    let rows = t3_rows(report.format);
    quotes.iter().all(|q| {
        rows.iter()
            .position(|r| r.role == q.row)
            .and_then(|i| values[i])
            .is_none_or(|row| q.fits(&row))
    })
}

fn ints<'a>(texts: impl Iterator<Item = &'a str>) -> Option<[i64; 7]> {
    let v: Vec<i64> = texts.map(|t| t.parse().ok()).collect::<Option<_>>()?;
    v.try_into().ok()
}

/// How many of the 14 column identities (T3-01 and T3-03 over seven columns) hold.
fn identity_score(report: &AnnualReport, values: &[Option<[i64; 7]>]) -> usize {
    let rows = t3_rows(report.format);
    let find = |role: T3Role| {
        rows.iter()
            .position(|r| r.role == role)
            .and_then(|i| values[i])
    };
    let (new, carry, total, out) = (
        find(T3Role::New),
        find(T3Role::CarryIn),
        find(T3Role::Total),
        find(T3Role::CarryOut),
    );
    let mut score = 0;
    for c in 0..7 {
        if let (Some(n), Some(t)) = (new, total) {
            let lhs = n[c] + carry.map_or(0, |x| x[c]);
            let rhs = t[c] + out.map_or(0, |x| x[c]);
            score += usize::from(lhs == rhs);
        }
        if let Some(t) = total {
            let sum: i64 = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r.role, T3Role::Result(_)))
                .filter_map(|(i, _)| values[i].map(|v| v[c]))
                .sum();
            score += usize::from(sum == t[c]);
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(text: &str) -> RawCell {
        RawCell {
            text: text.into(),
            range: 0..1,
            how: "token",
        }
    }

    #[test]
    fn figures_keep_their_order_and_must_add_up() {
        let options = placements(&total("7"), &["5".into(), "2".into()]);
        assert_eq!(options.len(), 15, "two of six columns");
        assert!(
            options.contains(
                &["5", "2", "0", "0", "0", "0", "7"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            )
        );
        assert!(
            options
                .iter()
                .all(|o| o.iter().position(|v| v == "5") < o.iter().position(|v| v == "2"))
        );
        assert!(
            placements(&total("8"), &["5".into(), "2".into()]).is_empty(),
            "do not add up"
        );
        assert!(placements(&total("5"), &["x".into()]).is_empty());
    }
}

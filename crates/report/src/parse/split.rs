//! Splitting digits that a crawler or a copy-paste ran together (`170000017` for 17,0,0,0,0,0,17) back into
//! cells, using only what the format guarantees: no number has a leading zero, and the table's own identities
//! (a row's 总计 is the sum of its applicant columns; a 表四 group's 总计 is the sum of its four results). Every
//! split that fits is returned, so that the caller reports an ambiguity instead of picking one.

/// What one cell may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Count,
    Signed,
    Amount,
}

/// The identity that ties a run of cells together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Constraint {
    None,
    /// The last cell is the sum of the others (a 表三 row).
    LastIsSum,
    /// Every fifth cell is the sum of the four before it (表四).
    GroupsOfFive,
    /// A 表三 row with a 法人或其他组织小计 column (a local variant): np, five organisations, their subtotal,
    /// and the total of np and the subtotal.
    SubtotalAndTotal,
}

const MAX_COUNT_DIGITS: usize = 9;
const MAX_AMOUNT_CHARS: usize = 20;

fn valid_unsigned(p: &[char]) -> bool {
    !p.is_empty()
        && p.len() <= MAX_COUNT_DIGITS
        && p.iter().all(char::is_ascii_digit)
        && (p.len() == 1 || p[0] != '0')
}

/// Can `p` be one cell of this slot (`last`: nothing follows it, so a unit may close it)?
pub(crate) fn valid(p: &[char], slot: Slot, last: bool) -> bool {
    match slot {
        Slot::Count => valid_unsigned(p),
        Slot::Signed => match p.first() {
            Some('+' | '-') => valid_unsigned(&p[1..]),
            _ => valid_unsigned(p),
        },
        Slot::Amount => {
            if p.len() > MAX_AMOUNT_CHARS {
                return false;
            }
            // A unit can only close the run: it is text, so nothing is glued after it.
            let mut body = p;
            for unit in [&['万', '元'][..], &['元'][..]] {
                if body.ends_with(unit) {
                    if !last {
                        return false;
                    }
                    body = &body[..body.len() - unit.len()];
                    break;
                }
            }
            let (int, frac) = match body.iter().position(|c| *c == '.') {
                Some(i) => (&body[..i], Some(&body[i + 1..])),
                None => (body, None),
            };
            valid_unsigned(int)
                && frac.is_none_or(|f| !f.is_empty() && f.iter().all(char::is_ascii_digit))
        }
    }
}

fn value(p: &[char]) -> i64 {
    let mut v: i64 = 0;
    let mut neg = false;
    for &c in p {
        match c {
            '-' => neg = true,
            '0'..='9' => {
                v = v
                    .saturating_mul(10)
                    .saturating_add(i64::from(c as u8 - b'0'))
            }
            _ => {}
        }
    }
    if neg { -v } else { v }
}

/// All the ways to cut `s` into `slots.len()` cells that satisfy the slots and the constraint, as the cut
/// points; at most `limit + 1` are returned (more than `limit` means "too many to list").
pub(crate) fn splits(
    s: &[char],
    slots: &[Slot],
    constraint: Constraint,
    limit: usize,
) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    if slots.is_empty() || s.len() < slots.len() {
        return out;
    }
    let mut cuts = Vec::with_capacity(slots.len() + 1);
    cuts.push(0);
    dfs(s, slots, constraint, &mut cuts, &mut out, limit);
    out
}

fn dfs(
    s: &[char],
    slots: &[Slot],
    constraint: Constraint,
    cuts: &mut Vec<usize>,
    out: &mut Vec<Vec<usize>>,
    limit: usize,
) {
    if out.len() > limit {
        return;
    }
    let done = cuts.len() - 1;
    let pos = cuts[done];
    if done == slots.len() {
        if pos == s.len() {
            out.push(cuts.clone());
        }
        return;
    }
    let remaining = slots.len() - done - 1;
    let is_last = remaining == 0;
    let max_len = s.len() - pos - remaining;
    // The last cell takes what is left; the others try every length.
    let lens = if is_last {
        max_len..=max_len
    } else {
        1..=max_len
    };
    for len in lens {
        let piece = &s[pos..pos + len];
        if !valid(piece, slots[done], is_last) {
            // Longer pieces of an unsigned count stay invalid once a leading zero or a bound is hit.
            if slots[done] == Slot::Count
                && (piece.len() > MAX_COUNT_DIGITS || (piece.len() > 1 && piece[0] == '0'))
            {
                break;
            }
            continue;
        }
        if !constraint_ok(s, cuts, pos + len, slots.len(), constraint) {
            continue;
        }
        cuts.push(pos + len);
        dfs(s, slots, constraint, cuts, out, limit);
        cuts.pop();
    }
}

/// Checks the identity once the cell ending at `end` closes a group.
fn constraint_ok(s: &[char], cuts: &[usize], end: usize, n: usize, constraint: Constraint) -> bool {
    let index = cuts.len() - 1; // index of the cell that ends at `end`
    let piece = |i: usize| -> i64 {
        let from = cuts[i];
        let to = if i + 1 < cuts.len() { cuts[i + 1] } else { end };
        value(&s[from..to])
    };
    match constraint {
        Constraint::None => true,
        Constraint::LastIsSum => {
            index + 1 < n || (0..index).map(piece).sum::<i64>() == piece(index)
        }
        Constraint::GroupsOfFive => {
            index % 5 != 4 || (index - 4..index).map(piece).sum::<i64>() == piece(index)
        }
        Constraint::SubtotalAndTotal => match index {
            6 => (1..6).map(piece).sum::<i64>() == piece(6),
            7 => piece(0) + piece(6) == piece(7),
            _ => true,
        },
    }
}

/// The cells of one split, as strings.
pub(crate) fn pieces(s: &[char], cuts: &[usize]) -> Vec<String> {
    cuts.windows(2)
        .map(|w| s[w[0]..w[1]].iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solve(s: &str, n: usize, c: Constraint) -> Vec<Vec<String>> {
        let chars: Vec<char> = s.chars().collect();
        splits(&chars, &vec![Slot::Count; n], c, 50)
            .iter()
            .map(|cuts| pieces(&chars, cuts))
            .collect()
    }

    #[test]
    fn row_sums_and_leading_zeros_decide_the_split() {
        assert_eq!(
            solve("170000017", 7, Constraint::LastIsSum),
            vec![vec!["17", "0", "0", "0", "0", "0", "17"]]
        );
        assert_eq!(
            solve("412001044", 7, Constraint::LastIsSum),
            vec![vec!["41", "2", "0", "0", "1", "0", "44"]]
        );
        assert_eq!(
            solve("21710000218", 7, Constraint::LastIsSum),
            vec![vec!["217", "1", "0", "0", "0", "0", "218"]]
        );
        assert_eq!(
            solve("160020018", 7, Constraint::LastIsSum),
            vec![vec!["16", "0", "0", "2", "0", "0", "18"]]
        );
        assert_eq!(solve("0000000", 7, Constraint::LastIsSum).len(), 1);
    }

    #[test]
    fn more_than_one_fit_is_returned_not_picked() {
        // Without an identity, "1111" in three count cells reads 11|1|1, 1|11|1 or 1|1|11.
        let all = solve("1111", 3, Constraint::None);
        assert_eq!(all.len(), 3, "{all:?}");
        let fits = solve("1000001", 7, Constraint::LastIsSum);
        assert_eq!(fits.len(), 1);
    }

    #[test]
    fn a_subtotal_column_is_checked_too() {
        let all = solve("523000510", 8, Constraint::SubtotalAndTotal);
        assert_eq!(all, vec![vec!["5", "2", "3", "0", "0", "0", "5", "10"]]);
    }

    #[test]
    fn table_four_groups() {
        let s = "10203120001200000";
        let all = solve(s, 15, Constraint::GroupsOfFive);
        assert_eq!(
            all,
            vec![vec![
                "1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"
            ]]
        );
    }

    #[test]
    fn amounts_and_signed_counts() {
        let chars: Vec<char> = "176586650.10元".chars().collect();
        let all = splits(&chars, &[Slot::Count, Slot::Amount], Constraint::None, 50);
        assert!(all.len() > 1, "the items/amount boundary cannot be told");
        let chars: Vec<char> = "97-8179".chars().collect();
        let all = splits(
            &chars,
            &[Slot::Count, Slot::Signed, Slot::Count],
            Constraint::None,
            50,
        );
        assert!(
            all.iter().all(|c| c[1] == 2),
            "the sign starts the delta: {all:?}"
        );
    }
}

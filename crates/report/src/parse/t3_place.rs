//! Table 三 rows printed without their blanks (`予以公开 5 2 7`: two figures and the total for seven
//! columns): every way of putting the printed figures, in their order, into the six applicant columns with
//! the others 0. The table's column identities then decide, and only when exactly one placement of all such
//! rows makes every identity hold (see `t3::settle_by_identities`).

use super::zone::RawCell;

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

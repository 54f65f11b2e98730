use rust_decimal::Decimal;

/// What kind of value a column holds, as the national format defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A count of items or applications (件), an integer ≥ 0.
    Count,
    /// A signed count: F2019 表二 本年增/减.
    SignedCount,
    /// An amount in 万元 (four decimals are exactly 1 元).
    AmountWan,
}

/// One cell of a report table, exactly as printed: never guessed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Cell {
    /// Nothing was printed in the cell.
    #[default]
    Empty,
    /// An integer was printed.
    Int(i64),
    /// An amount was printed (money columns), kept with the scale it was printed with.
    Amount(Decimal),
    /// A not-applicable mark was printed: `/`, `-`, `—`, `不适用`.
    NotApplicable(String),
    /// Something else was printed (e.g. `251000元` in a 万元 column).
    Text(String),
    /// The parser could not read this cell unambiguously (see the report's parse notes).
    Unresolved,
}

/// How a cell enters a sum in a validation rule (spec §4: empty and "/" count as 0 and are reported by
/// T3-04; other text makes the rule not assessable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumTerm {
    Value(i64),
    NotAssessable,
}

/// The marks that published reports print for "not applicable".
pub const NOT_APPLICABLE_MARKS: [&str; 6] = ["/", "-", "—", "－", "／", "不适用"];

impl Cell {
    /// Reads a printed cell string as the national format would: an integer, a not-applicable mark, nothing,
    /// or text. Amount columns go through [`Cell::from_printed_amount`].
    pub fn from_printed(text: &str) -> Cell {
        let t = text.trim();
        if t.is_empty() {
            return Cell::Empty;
        }
        if NOT_APPLICABLE_MARKS.contains(&t) || t.chars().all(|c| matches!(c, '-' | '—' | '－'))
        {
            return Cell::NotApplicable(t.to_string());
        }
        match t.strip_prefix('+').unwrap_or(t).parse::<i64>() {
            Ok(n) => Cell::Int(n),
            Err(_) => Cell::Text(t.to_string()),
        }
    }

    /// Reads a printed money cell: a bare decimal (or one followed by the column's own unit 万元) is an amount;
    /// anything else, such as `251000元`, stays text so that T2-05 can report it.
    pub fn from_printed_amount(text: &str) -> Cell {
        let t = text.trim();
        let bare = t.strip_suffix("万元").unwrap_or(t).trim();
        match bare.parse::<Decimal>() {
            Ok(d) if !bare.contains(['e', 'E']) => Cell::Amount(d),
            _ => match Cell::from_printed(t) {
                Cell::Int(n) => Cell::Amount(Decimal::from(n)),
                other => other,
            },
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Cell::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// The cell's contribution to a sum (spec §4 "Evaluation of sums").
    pub fn sum_term(&self) -> SumTerm {
        match self {
            Cell::Int(n) => SumTerm::Value(*n),
            Cell::Empty | Cell::NotApplicable(_) => SumTerm::Value(0),
            Cell::Amount(_) | Cell::Text(_) | Cell::Unresolved => SumTerm::NotAssessable,
        }
    }

    /// Is this what the format requires of a count cell: an integer ≥ 0 (T3-04, T4-02, T2-01)?
    pub fn is_valid_count(&self) -> bool {
        matches!(self, Cell::Int(n) if *n >= 0)
    }

    /// The cell as printed, for messages and plain-text rendering (`""` when empty).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty | Cell::Unresolved => String::new(),
            Cell::Int(n) => n.to_string(),
            Cell::Amount(d) => d.to_string(),
            Cell::NotApplicable(s) | Cell::Text(s) => s.clone(),
        }
    }

    /// A short description for findings, in Chinese and English.
    pub fn describe(&self) -> (String, String) {
        match self {
            Cell::Empty => ("空白".into(), "blank".into()),
            Cell::Unresolved => ("未能读取".into(), "unreadable".into()),
            Cell::NotApplicable(s) => (format!("“{s}”"), format!("\"{s}\"")),
            Cell::Text(s) => (format!("“{s}”"), format!("\"{s}\"")),
            other => (other.display(), other.display()),
        }
    }
}

/// Adds up cells for a rule; `None` when one of them makes the rule not assessable.
pub fn sum_cells<'a>(cells: impl IntoIterator<Item = &'a Cell>) -> Option<i64> {
    let mut total: i64 = 0;
    for cell in cells {
        match cell.sum_term() {
            SumTerm::Value(v) => total = total.checked_add(v)?,
            SumTerm::NotAssessable => return None,
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_cells_are_never_guessed() {
        assert_eq!(Cell::from_printed(""), Cell::Empty);
        assert_eq!(Cell::from_printed(" 12 "), Cell::Int(12));
        assert_eq!(Cell::from_printed("+8"), Cell::Int(8));
        assert_eq!(Cell::from_printed("-8"), Cell::Int(-8));
        assert_eq!(Cell::from_printed("/"), Cell::NotApplicable("/".into()));
        assert_eq!(Cell::from_printed("—"), Cell::NotApplicable("—".into()));
        assert_eq!(
            Cell::from_printed("不适用"),
            Cell::NotApplicable("不适用".into())
        );
        assert_eq!(Cell::from_printed("约5"), Cell::Text("约5".into()));
    }

    #[test]
    fn amounts_keep_their_scale_and_foreign_units_stay_text() {
        assert_eq!(Cell::from_printed_amount("547.9659").display(), "547.9659");
        assert_eq!(Cell::from_printed_amount("0.10万元").display(), "0.10");
        assert_eq!(
            Cell::from_printed_amount("251000元"),
            Cell::Text("251000元".into())
        );
        assert_eq!(
            sum_cells([
                &Cell::Int(2),
                &Cell::Empty,
                &Cell::NotApplicable("/".into())
            ]),
            Some(2)
        );
        assert_eq!(sum_cells([&Cell::Int(2), &Cell::Text("x".into())]), None);
    }
}

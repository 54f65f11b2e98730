//! Figures a report states in its own words about the applications of table 三 (`本年度共收到政府信息公开申请
//! 11件，其中自然人申请11件`, `予以公开5件`, `结转下年度继续办理2件`). They never fill a cell: they only choose
//! between readings of the table that its identities cannot tell apart, and only when exactly one fits.

use std::sync::LazyLock;

use gongkai_domain::report::layout::{ResultGroup, T3Role};
use regex::Regex;

/// Which figure of a row a sentence states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QuotedColumn {
    /// 自然人.
    Person,
    /// 法人或其他组织: the five organisation columns together.
    Organisations,
    /// 总计.
    Total,
}

/// One figure the text states: the row (by its role), the column, the figure and the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quote {
    pub row: T3Role,
    pub column: QuotedColumn,
    pub value: i64,
    pub words: String,
}

impl Quote {
    /// Whether a row's seven figures agree with the quote.
    pub fn fits(&self, row: &[i64; 7]) -> bool {
        let stated = match self.column {
            QuotedColumn::Person => row[0],
            QuotedColumn::Organisations => row[1..6].iter().sum(),
            QuotedColumn::Total => row[6],
        };
        stated == self.value
    }
}

/// A figure with its unit; nothing between the words and the figure but a few characters that are not a
/// clause break or another figure.
const GAP: &str = r"[^，,。；;：:\d\n]{0,12}?";

static RECEIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:收到|受理|接收|新收){GAP}(\d+)\s*件")).expect("valid regex")
});
static PERSONS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"自然人{GAP}(\d+)\s*件")).expect("valid regex"));
static ORGANISATIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"法人(?:或|和|及)其他组织{GAP}(\d+)\s*件")).expect("valid regex")
});
static OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"予以公开[^，,。；;\d\n]{0,4}?(\d+)\s*件").expect("valid regex"));
static PARTIAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"部分公开[^，,。；;\d\n]{0,4}?(\d+)\s*件").expect("valid regex"));
static CARRIED_OUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"结转(?:至|到)?下一?年度?{GAP}(\d+)\s*件")).expect("valid regex")
});

/// Every figure the text states about table 三's applications, sentence by sentence. A sentence about last
/// year (上年, 去年, 同比) is left out: its figures are not this year's.
pub(crate) fn quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    for sentence in text.split(['。', '；', ';', '\n']) {
        if !sentence.contains('件')
            || ["上年", "去年", "同比", "上一年"]
                .iter()
                .any(|w| sentence.contains(w))
        {
            continue;
        }
        let about_applications = sentence.contains("申请");
        let mut take = |re: &Regex, row: T3Role, column: QuotedColumn, needs_application: bool| {
            if needs_application && !about_applications {
                return;
            }
            if let Some(c) = re.captures(sentence)
                && let (Some(whole), Some(Ok(value))) =
                    (c.get(0), c.get(1).map(|m| m.as_str().parse()))
            {
                out.push(Quote {
                    row,
                    column,
                    value,
                    words: whole.as_str().trim().to_owned(),
                });
            }
        };
        take(&RECEIVED, T3Role::New, QuotedColumn::Total, true);
        take(&PERSONS, T3Role::New, QuotedColumn::Person, true);
        take(
            &ORGANISATIONS,
            T3Role::New,
            QuotedColumn::Organisations,
            true,
        );
        take(
            &OPEN,
            T3Role::Result(ResultGroup::Open),
            QuotedColumn::Total,
            false,
        );
        take(
            &PARTIAL,
            T3Role::Result(ResultGroup::Partial),
            QuotedColumn::Total,
            false,
        );
        take(&CARRIED_OUT, T3Role::CarryOut, QuotedColumn::Total, false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(text: &str) -> Vec<(T3Role, QuotedColumn, i64)> {
        quotes(text)
            .into_iter()
            .map(|q| (q.row, q.column, q.value))
            .collect()
    }

    #[test]
    fn the_usual_sentences_are_read_and_last_years_are_not() {
        assert_eq!(
            stated("2024年共收到政府信息公开申请12件，其中自然人申请10件，法人或其他组织申请2件。"),
            vec![
                (T3Role::New, QuotedColumn::Total, 12),
                (T3Role::New, QuotedColumn::Person, 10),
                (T3Role::New, QuotedColumn::Organisations, 2),
            ]
        );
        assert_eq!(
            stated("我厅共受理依申请公开事项1件，予以公开1件；结转下年度继续办理2件。"),
            vec![
                (T3Role::New, QuotedColumn::Total, 1),
                (T3Role::Result(ResultGroup::Open), QuotedColumn::Total, 1),
                (T3Role::CarryOut, QuotedColumn::Total, 2),
            ]
        );
        assert!(stated("收到申请12件，较上年增加3件。").is_empty());
        assert!(stated("收到来信12封。不予公开3件。").is_empty());
    }
}

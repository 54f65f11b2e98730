//! A report cell named in words: where a finding points at `t2.a20_5.admin_license.decisions`, the console
//! and the command line show 表二“行政许可”行“处理决定数量”列 (or the English), from the locale files'
//! `cell_table_*`, `cell_row_*` and `cell_col_*` words. This is the one place the mapping is made.

use crate::messages::{Lang, Messages};

/// `path` (`t{n}.…` of the JSON contract, either format) in words in `lang`; a path whose table, row or column
/// has no words (not a cell of the national layouts) comes back as it is.
pub fn cell_words(lang: Lang, path: &str) -> String {
    let parts: Vec<&str> = path.trim().split('.').collect();
    // 表二 is `t2.{item}.{row}.{column}`; 表三 `t3.{row}.{column}`; 表四 `t4.{group}.{column}`, its groups
    // (行政复议 and the two kinds of 行政诉讼) read as rows.
    let (table, row, col) = match parts.as_slice() {
        ["t2", _item, row, col] => ("t2", *row, *col),
        [table @ ("t3" | "t4"), row, col] => (*table, *row, *col),
        _ => return path.to_owned(),
    };
    let messages = Messages::shared();
    let word = |key: String| messages.get(lang, &key).map(str::to_owned);
    let (Some(template), Some(table), Some(row), Some(col)) = (
        word("cell_words".to_owned()),
        word(format!("cell_table_{table}")),
        word(format!("cell_row_{row}")),
        word(format!("cell_col_{col}")),
    ) else {
        return path.to_owned();
    };
    template
        .replace("{table}", &table)
        .replace("{row}", &row)
        .replace("{col}", &col)
}

#[cfg(test)]
mod tests {
    use gongkai_domain::report::Format;
    use gongkai_domain::report::layout::cell_paths;

    use super::*;

    #[test]
    fn every_cell_of_both_formats_has_words_in_both_languages() {
        for format in [Format::F2019, Format::F2021] {
            for path in cell_paths(format) {
                for lang in Lang::ALL {
                    let words = cell_words(lang, &path);
                    assert_ne!(words, path, "{format:?} {path} in {lang:?}");
                    assert!(!words.contains('_') && !words.contains('{'), "{words}");
                }
            }
        }
    }

    #[test]
    fn a_cell_reads_as_its_table_row_and_column() {
        assert_eq!(
            cell_words(Lang::Zh, "t2.a20_5.admin_license.decisions"),
            "表二“行政许可”行“处理决定数量”列"
        );
        assert_eq!(
            cell_words(Lang::En, "t3.r3_1_open.total"),
            "Table 3, row “(1) Disclosed”, column “Total”"
        );
        assert_eq!(
            cell_words(Lang::Zh, "t4.review.correct"),
            "表四“行政复议”行“结果纠正”列"
        );
        // Not a cell: as it is.
        assert_eq!(cell_words(Lang::Zh, "t3.nothing.total"), "t3.nothing.total");
        assert_eq!(cell_words(Lang::En, "s5"), "s5");
    }
}

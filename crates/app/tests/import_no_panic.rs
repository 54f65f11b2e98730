//! An import file from another system (a catalogue, staff accounts) may hold anything: whatever the bytes,
//! reading and checking them answers with rows or an error, never a panic. Every saved input of the fuzz corpora
//! (`fuzz/corpus/import_catalog/`, `fuzz/corpus/import_accounts/`, explored further by `cargo fuzz run` on
//! nightly) is replayed, and arbitrary bytes and text are tried on stable.

use std::path::Path;

use chrono::NaiveDate;
use gongkai_app::accounts::import as accounts;
use gongkai_app::catalog::import::{check, read_rows};
use proptest::prelude::*;

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 3) {
    Some(d) => d,
    None => panic!("a date"),
};

/// How many rows a file gives and how many of them are importable; an unreadable file gives `None`.
fn feed(bytes: &[u8]) -> Option<(usize, usize)> {
    let rows = read_rows(bytes).ok()?;
    let valid = rows
        .iter()
        .filter(|(line, row)| check(*line, row, "孟州市公共资源交易中心", TODAY).is_ok())
        .count();
    Some((rows.len(), valid))
}

/// The same for an accounts file.
fn feed_accounts(bytes: &[u8]) -> Option<(usize, usize)> {
    let rows = accounts::read_rows(bytes).ok()?;
    let (valid, _) = accounts::check_rows(&rows);
    Some((rows.len(), valid.len()))
}

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fuzz corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read(f).expect("a corpus file"))
        .collect()
}

#[test]
fn every_input_of_the_accounts_corpus_reads_without_a_panic() {
    let inputs = corpus("import_accounts");
    assert!(inputs.len() >= 10, "the corpus has its seed inputs");
    let (mut read, mut valid) = (0, 0);
    for bytes in &inputs {
        if let Some((rows, ok)) = feed_accounts(bytes) {
            read += rows;
            valid += ok;
        }
    }
    // The seeds hold good rows in UTF-8, GB18030, UTF-16 and JSON Lines, and bad ones of every kind.
    assert!(
        read > 10 && valid >= 5 && valid < read,
        "{read} rows read, {valid} valid"
    );
    let csv = "用户名,姓名,角色,所属机关\ncz-li,李财政,clerk,孟州市财政局\nroot2,某,system_admin,孟州市财政局\n";
    assert_eq!(
        feed_accounts(csv.as_bytes()),
        Some((2, 1)),
        "no platform administrator is imported"
    );
}

#[test]
fn every_input_of_the_fuzz_corpus_reads_without_a_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/import_catalog");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fuzz corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus has its seed inputs");
    let (mut read, mut importable) = (0, 0);
    for file in &files {
        let bytes = std::fs::read(file).expect("a corpus file");
        if let Some((rows, valid)) = feed(&bytes) {
            read += rows;
            importable += valid;
        }
    }
    // The seeds include well-formed files (UTF-8, GB18030, UTF-16, JSON Lines), so rows come out of them.
    assert!(
        read > 5 && importable >= 3,
        "{read} rows read, {importable} importable"
    );
}

#[test]
fn files_of_other_systems_read_in_each_encoding() {
    let csv = "标题,文号,信息类别,成文日期,文件类型,有效性\n关于印发工作要点的通知,孟政〔2026〕1号,a20_01,2026年1月5日,行政规范性文件,有效\n";
    assert_eq!(feed(csv.as_bytes()), Some((1, 1)));
    let gbk: Vec<u8> = encoding_gb18030(csv);
    assert_eq!(feed(&gbk), Some((1, 1)), "a GB18030 export");
    let json = "{\"title\":\"JSON 行\",\"category\":\"a20_01\",\"formed_on\":\"2025-03-01\"}\n";
    assert_eq!(feed(json.as_bytes()), Some((1, 1)));
    assert_eq!(feed(b"{\"title\":"), None, "a broken JSON line");
    assert_eq!(
        feed("只有一行，没有列名".as_bytes()),
        None,
        "no title column"
    );
}

/// GB18030 bytes of `text`, as Chinese government systems export CSV.
fn encoding_gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = feed(&bytes);
        let _ = feed_accounts(&bytes);
        if let Ok(rows) = gongkai_app::agency_import::read_rows(&bytes) {
            let _ = gongkai_app::agency_import::check_rows(&rows);
        }
    }

    #[test]
    fn arbitrary_account_rows_never_panic(
        cells in proptest::collection::vec("[^\u{0}]{0,40}", 0..20)
    ) {
        let mut csv = String::from("username,display_name,role,agency,email\n");
        for row in cells.chunks(5) {
            csv.push_str(&row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(","));
            csv.push('\n');
        }
        let _ = feed_accounts(csv.as_bytes());
    }

    #[test]
    fn arbitrary_rows_under_a_real_header_never_panic(
        cells in proptest::collection::vec("[^\u{0}]{0,40}", 0..24)
    ) {
        let mut csv = String::from("title,doc_no,category,formed_on,published_on,kind,validity,validity_on,index_no,subject\n");
        for row in cells.chunks(8) {
            csv.push_str(&row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(","));
            csv.push('\n');
        }
        let _ = feed(csv.as_bytes());
    }
}

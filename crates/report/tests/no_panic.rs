//! Whatever the input, the parsers answer with a report or an error, never a panic: arbitrary strings, the
//! fixtures with characters inserted, deleted and replaced, and every saved input of the fuzz corpus
//! (`fuzz/corpus/<target>/`). The fuzz targets (`cargo fuzz`, nightly) explore further; this runs on stable.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gongkai_domain::report::validate;
use gongkai_report::{parse_bytes, parse_text};
use proptest::prelude::*;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/reports")
}

/// The text and HTML fixtures as characters (for mutation at character boundaries).
fn fixtures() -> &'static [Vec<char>] {
    static FIXTURES: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.retain(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"));
        paths.sort();
        paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .map(|s| s.chars().collect())
            .collect()
    })
}

/// Both ways in: as plain text, and as an HTML file. A report that comes out is validated too.
fn feed(text: &str) {
    if let Ok(r) = parse_text(text) {
        validate(&r);
    }
    if let Ok(r) = parse_bytes(text.as_bytes(), Some("x.html")) {
        validate(&r);
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

/// Characters that matter to the parsers: digits of both widths, delimiters, brackets, marks, labels.
fn telling_char() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range('0', '9'),
        proptest::char::range('０', '９'),
        prop::sample::select(vec![
            '\t', '\n', ' ', '/', '-', '—', '（', '）', '(', ')', '、', '.', '<', '>', '|', '总',
            '计', '一', '二', '三', '四', '年', '\u{a0}', '\u{3000}', '\u{feff}',
        ]),
        any::<char>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), telling_char()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), telling_char()).prop_map(|(i, c)| Edit::Replace(i, c)),
    ]
}

fn mutate(chars: &[char], edits: &[Edit]) -> String {
    let mut v = chars.to_vec();
    for e in edits {
        let n = v.len();
        match *e {
            Edit::Insert(i, c) => v.insert(i % (n + 1), c),
            Edit::Delete(i) if n > 0 => {
                v.remove(i % n);
            }
            Edit::Replace(i, c) if n > 0 => v[i % n] = c,
            _ => {}
        }
    }
    v.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_strings_do_not_panic(s in any::<String>()) {
        feed(&s);
    }

    #[test]
    fn report_like_strings_do_not_panic(
        s in "[一二三四五六七（）()、.0-9０-９\t\n /总计本年新收申请数量予以公开结转下年度行政复议<>tdr]{0,600}"
    ) {
        feed(&s);
    }

    #[test]
    fn arbitrary_bytes_do_not_panic(b in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_bytes(&b, None);
        let _ = parse_bytes(&b, Some("x.html"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn mutated_fixtures_do_not_panic(
        pick in any::<prop::sample::Index>(),
        edits in proptest::collection::vec(edit(), 1..24),
    ) {
        let all = fixtures();
        prop_assume!(!all.is_empty());
        let chosen: &Vec<char> = pick.get(all);
        feed(&mutate(chosen, &edits));
    }
}

#[test]
fn the_fixtures_are_there() {
    assert!(
        fixtures().len() >= 10,
        "fixtures not found under {}",
        fixture_dir().display()
    );
}

/// Replays every saved input of the fuzz corpus (and of found crashes, once fixed) through its target.
#[test]
fn fuzz_corpus_replays_without_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let Ok(targets) = std::fs::read_dir(&root) else {
        return;
    };
    for target in targets.flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        let Ok(files) = std::fs::read_dir(target.path()) else {
            continue;
        };
        for file in files.flatten() {
            let Ok(bytes) = std::fs::read(file.path()) else {
                continue;
            };
            match name.as_str() {
                "parse_text" => feed(&String::from_utf8_lossy(&bytes)),
                "parse_html" => {
                    let _ = parse_bytes(&bytes, Some("x.html"));
                }
                _ => {
                    let _ = parse_bytes(&bytes, None);
                }
            }
        }
    }
}

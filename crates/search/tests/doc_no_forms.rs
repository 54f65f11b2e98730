//! A 文号 in any form a citizen types finds its item: other brackets, without the issuer's prefix, without
//! brackets, without the year; and a 文号 that no item has exactly still searches instead of finding nothing.

use gongkai_search::{IndexedItem, SearchIndex, SearchQuery, days_from_ymd};

const TARGET: &str = "T-1";

fn item(index_no: &str, title: &str, doc_no: &str) -> IndexedItem {
    IndexedItem {
        index_no: index_no.into(),
        agency: 1,
        title: title.into(),
        doc_no: doc_no.into(),
        doc_no_norm: doc_no.into(),
        body: format!("{title}。各乡镇人民政府、街道办事处，市直各单位：现将有关事项通知如下。"),
        category: "a20_01".into(),
        year: 2020,
        validity: "valid".into(),
        published_on: days_from_ymd(2020, 3, 15),
        attachments: Vec::new(),
    }
}

/// The target and its near misses: another serial, another year, another issuer, a serial that starts
/// with the target's.
fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    let mut quoting = item("Q-1", "孟州市人民政府办公室关于落实防汛责任的通知", "");
    quoting.body = "根据《孟政〔2019〕7号》文件精神，现就做好防汛工作通知如下。".into();
    index
        .bulk([
            item(
                TARGET,
                "孟州市人民政府关于进一步规范政府采购代理机构管理的通知",
                "孟政〔2020〕12号",
            ),
            item(
                "N-13",
                "孟州市人民政府关于做好耕地保护工作的通知",
                "孟政〔2020〕13号",
            ),
            item(
                "N-120",
                "孟州市人民政府关于印发安全生产责任制的通知",
                "孟政〔2020〕120号",
            ),
            item(
                "Y-2021",
                "孟州市人民政府关于加强预算管理的通知",
                "孟政〔2021〕12号",
            ),
            item(
                "P-CAI",
                "孟州市财政局关于政府采购意向公开的通知",
                "孟财〔2020〕12号",
            ),
            quoting,
        ])
        .expect("bulk");
    index
}

/// The index numbers of the first page, best first.
fn found(index: &SearchIndex, typed: &str) -> Vec<String> {
    let q = SearchQuery {
        text: Some(typed.into()),
        ..SearchQuery::default()
    };
    let hits = index.search(&q).expect("search").hits;
    hits.into_iter().map(|h| h.index_no).collect()
}

/// The target comes first, or among the first `tied` when the form cannot tell it from those others.
fn assert_first(typed: &str, tied: &[&str]) {
    let got = found(&index(), typed);
    let head: Vec<&str> = got
        .iter()
        .take(tied.len() + 1)
        .map(String::as_str)
        .collect();
    assert!(head.contains(&TARGET), "{typed}: {got:?}");
    for other in tied {
        assert!(head.contains(other), "{typed}: {got:?}");
    }
}

#[test]
fn the_canonical_form_finds_the_item_first() {
    assert_first("孟政〔2020〕12号", &[]);
}

#[test]
fn square_brackets_find_the_item_first() {
    assert_first("孟政[2020]12号", &[]);
}

#[test]
fn full_width_parentheses_find_the_item_first() {
    assert_first("孟政（2020）12号", &[]);
}

#[test]
fn without_the_prefix_the_items_of_that_year_and_serial_come_first() {
    // 孟财〔2020〕12号 has the same year and serial: both are what the citizen may mean.
    assert_first("〔2020〕12号", &["P-CAI"]);
}

#[test]
fn without_brackets_the_items_of_that_year_and_serial_come_first() {
    assert_first("2020 12号", &["P-CAI"]);
}

#[test]
fn without_the_year_the_issuers_items_with_that_serial_come_first() {
    assert_first("孟政12号", &["Y-2021"]);
}

#[test]
fn a_doc_no_no_item_has_searches_as_text_instead_of_finding_nothing() {
    let index = index();
    // No item has 孟政〔2019〕7号 as its own 文号, but one quotes it.
    assert_eq!(found(&index, "孟政〔2019〕7号"), ["Q-1"]);
    assert_eq!(found(&index, "孟政[2019]7号"), ["Q-1"]);
    // Near misses of the target's 文号 are not taken for it.
    let got = found(&index, "孟政〔2020〕12号");
    assert_eq!(got.first().map(String::as_str), Some(TARGET), "{got:?}");
    assert!(!got.contains(&"N-120".to_string()), "{got:?}");
}

#[test]
fn a_mistyped_prefix_still_finds_the_items_of_that_year_and_serial() {
    // 孟府 for 孟政: no item has the whole 文号, the year and serial still lead to it.
    assert_first("孟府〔2020〕12号", &["P-CAI"]);
}

//! Citizens type what they remember of a title: a run of characters that need not start or end on a
//! word (`政务公`, `心城区雨污分`, `孟州市中心城`). On the demo's catalogue, at least 99 % of random
//! fragments of its titles must find their item on the first page.

use gongkai_search::{IndexedItem, SearchIndex, SearchQuery, days_from_ymd};

const CATALOG: &str = include_str!("../../demo/data/catalog.toml");
const PAGE: usize = 20;
const SAMPLES: usize = 400;

#[derive(serde::Deserialize)]
struct Demo {
    item: Vec<DemoItem>,
}

#[derive(serde::Deserialize)]
struct DemoItem {
    title: String,
    doc_no: String,
    formed_on: String,
    summary: String,
    body: String,
}

fn demo_items() -> Vec<IndexedItem> {
    let demo: Demo = toml::from_str(CATALOG).expect("the demo catalogue parses");
    demo.item
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let ymd: Vec<u32> = d
                .formed_on
                .split('-')
                .map(|p| p.parse().expect("a date"))
                .collect();
            let year = i32::try_from(ymd[0]).expect("year");
            IndexedItem {
                index_no: format!("D-{i:03}"),
                agency: 1,
                title: d.title,
                doc_no: d.doc_no.clone(),
                doc_no_norm: d.doc_no,
                body: format!("{}\n{}", d.summary, d.body),
                category: "a20_01".into(),
                year,
                validity: "valid".into(),
                published_on: days_from_ymd(year, ymd[1], ymd[2]),
                attachments: Vec::new(),
            }
        })
        .collect()
}

/// xorshift64: the same fragments on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn text(t: &str) -> SearchQuery {
    SearchQuery {
        text: Some(t.into()),
        per_page: PAGE,
        ..SearchQuery::default()
    }
}

#[test]
fn random_title_fragments_find_their_item_on_the_first_page() {
    let items = demo_items();
    assert!(items.len() >= 40, "the demo catalogue has its items");
    let index = SearchIndex::in_memory().expect("index");
    index.bulk(items.clone()).expect("bulk");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut found, mut crowded, mut missed) = (0, 0, Vec::new());
    let mut sampled = 0;
    while sampled < SAMPLES {
        let item = &items[rng.below(items.len())];
        let chars: Vec<char> = item.title.chars().collect();
        let len = 2 + rng.below(7).min(chars.len().saturating_sub(2));
        let start = rng.below(chars.len() - len + 1);
        let fragment: String = chars[start..start + len].iter().collect();
        if !fragment.chars().any(is_han) {
            continue;
        }
        sampled += 1;
        let hits = index.search(&text(&fragment)).expect("search").hits;
        if hits.iter().any(|h| h.index_no == item.index_no) {
            found += 1;
        } else if hits.len() == PAGE && hits.iter().all(|h| h.title.contains(&fragment)) {
            // More than a page of titles hold the fragment (`孟州市`): all of them are as good an answer
            // and the first page is full of them.
            crowded += 1;
        } else {
            missed.push((fragment, item.title.clone()));
        }
    }
    let share = (found + crowded) as f64 / SAMPLES as f64;
    eprintln!("{found} found, {crowded} in a full page of equal titles, missed: {missed:?}");
    assert!(share >= 0.99, "{share:.3}: missed {missed:?}");
}

#[test]
fn the_fragments_citizens_type_find_the_item_first_and_are_marked() {
    let index = SearchIndex::in_memory().expect("index");
    index.bulk(demo_items()).expect("bulk");
    for (fragment, title) in [
        ("孟州市中心城", "孟州市中心城区雨污分流改造工程施工招标公告"),
        ("心城区雨污分", "孟州市中心城区雨污分流改造工程施工招标公告"),
        ("政务公", "孟州市公共资源交易中心2025年政务公开工作要点"),
        ("应急预", "孟州市突发事件总体应急预案"),
    ] {
        let results = index.search(&text(fragment)).expect("search");
        let hit = results
            .hits
            .iter()
            .find(|h| h.title == title)
            .unwrap_or_else(|| panic!("{fragment}: {title} not on the first page"));
        assert!(
            hit.title_html
                .replace("<mark>", "")
                .replace("</mark>", "")
                .contains(fragment)
                && marked(&hit.title_html).contains(fragment),
            "{fragment}: {}",
            hit.title_html
        );
        // A title that holds the fragment ranks before items that only hold it in their body.
        let first_title_miss = results
            .hits
            .iter()
            .position(|h| !h.title.contains(fragment));
        let this = results.hits.iter().position(|h| h.title == title);
        assert!(
            first_title_miss.is_none_or(|m| this.is_some_and(|t| t < m)),
            "{fragment}: {:?}",
            results.hits.iter().map(|h| &h.title).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_whole_word_ranks_before_the_same_characters_across_words() {
    let index = SearchIndex::in_memory().expect("index");
    let item = |no: &str, title: &str, year: i32| IndexedItem {
        index_no: no.into(),
        agency: 1,
        title: title.into(),
        body: "正文".into(),
        category: "a20_01".into(),
        year,
        validity: "valid".into(),
        published_on: days_from_ymd(year, 1, 1),
        attachments: Vec::new(),
        ..IndexedItem::default()
    };
    index
        .bulk([
            // In the first title 预算 is a word; in the second its characters straddle two (干预 / 算法).
            item("W-1", "关于人工干预算法推荐的管理规定", 2024),
            item("W-2", "孟州市2024年政府预算公开说明", 2024),
        ])
        .expect("bulk");
    let found: Vec<String> = index
        .search(&text("预算"))
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.index_no)
        .collect();
    assert_eq!(found, ["W-2", "W-1"]);
}

/// The characters inside `<mark>` elements, run together.
fn marked(html: &str) -> String {
    html.split("<mark>")
        .skip(1)
        .filter_map(|part| part.split("</mark>").next())
        .collect()
}

#[test]
fn among_equal_matches_the_newer_item_comes_first() {
    let index = SearchIndex::in_memory().expect("index");
    let notice = |no: &str, year: i32| IndexedItem {
        index_no: no.into(),
        agency: 1,
        title: format!("孟州市财政局{year}年部门预算公开说明"),
        body: "部门预算公开说明".into(),
        category: "a20_01".into(),
        year,
        validity: "valid".into(),
        published_on: days_from_ymd(year, 2, 1),
        attachments: Vec::new(),
        ..IndexedItem::default()
    };
    // Added oldest first, so the order of addition cannot be what puts the newest first.
    index
        .bulk([
            notice("Y-2023", 2023),
            notice("Y-2025", 2025),
            notice("Y-2024", 2024),
        ])
        .expect("bulk");
    for typed in ["部门预算公", "预算公开说明", "财政局"] {
        let order: Vec<String> = index
            .search(&text(typed))
            .expect("search")
            .hits
            .into_iter()
            .map(|h| h.index_no)
            .collect();
        assert_eq!(order, ["Y-2025", "Y-2024", "Y-2023"], "{typed}");
    }
}

#[test]
fn only_the_whole_fragment_is_marked_not_its_stray_bigrams() {
    let index = SearchIndex::in_memory().expect("index");
    index
        .upsert(&IndexedItem {
            index_no: "Z-1".into(),
            agency: 1,
            title: "孟州市财政局历史档案第2600号公开说明".into(),
            body: "档案编号 ZB02600，存于档案室".into(),
            category: "a20_01".into(),
            year: 2021,
            validity: "valid".into(),
            ..IndexedItem::default()
        })
        .expect("upsert");
    index.commit().expect("commit");
    let results = index.search(&text("zb02600")).expect("search");
    let hit = &results.hits[0];
    // "2600" of the title shares bigrams with the query but is not what was typed.
    assert!(!hit.title_html.contains("<mark>"), "{}", hit.title_html);
    assert!(hit.title_html.contains("第2600号"), "{}", hit.title_html);
    assert_eq!(marked(&hit.snippet_html), "ZB02600", "{}", hit.snippet_html);
}

//! What the catalogue search promises its callers, on a small index of real-looking items.

use gongkai_search::{IndexedItem, SearchError, SearchIndex, SearchQuery, days_from_ymd};

fn item(index_no: &str, agency: i64, title: &str, doc_no: &str, year: i32) -> IndexedItem {
    IndexedItem {
        index_no: index_no.into(),
        agency,
        title: title.into(),
        doc_no: doc_no.into(),
        doc_no_norm: doc_no.into(),
        body: format!("{title}。各乡镇人民政府、街道办事处，市直各单位：现将有关事项通知如下。"),
        category: "a20_01".into(),
        year,
        validity: "valid".into(),
        published_on: days_from_ymd(year, 3, 15),
        attachments: Vec::new(),
    }
}

fn catalog() -> Vec<IndexedItem> {
    let mut procurement = item(
        "11410883MB1234567A/2020-00012",
        7,
        "孟州市公共资源交易中心关于进一步规范政府采购代理机构管理的通知",
        "孟政〔2020〕12号",
        2020,
    );
    procurement.body = "为加强政府采购代理机构监督管理，根据《政府采购法》有关规定，结合我市公共资源交易\
        工作实际，现就进一步规范代理机构执业行为通知如下：一、代理机构应当在孟州市公共资源交易平台完成登记。"
        .into();
    let mut budget = item(
        "11410883005678901B/2021-00003",
        8,
        "孟州市财政局关于印发2021年市级部门预算公开工作方案的通知",
        "孟财〔2021〕3号",
        2021,
    );
    budget.category = "a21_02".into();
    let mut repealed = item(
        "11410883005678901B/2019-00044",
        8,
        "孟州市财政局关于加强政府采购预算管理的通知",
        "孟财〔2019〕44号",
        2019,
    );
    repealed.validity = "repealed".into();
    let farmland = item(
        "11410883MB7654321C/2020-00031",
        9,
        "孟州市自然资源局关于做好2020年度耕地保护工作的通知",
        "孟自然资〔2020〕31号",
        2020,
    );
    vec![procurement, budget, repealed, farmland]
}

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("in-memory index");
    assert_eq!(index.bulk(catalog()).expect("bulk import"), 4);
    index
}

fn text(t: &str) -> SearchQuery {
    SearchQuery {
        text: Some(t.into()),
        ..SearchQuery::default()
    }
}

fn found(index: &SearchIndex, q: &SearchQuery) -> Vec<String> {
    let results = index.search(q).expect("search");
    results.hits.into_iter().map(|h| h.index_no).collect()
}

#[test]
fn a_word_of_the_title_finds_the_item_and_is_marked() {
    let index = index();
    let results = index.search(&text("代理机构")).expect("search");
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert_eq!(hit.doc_no, "孟政〔2020〕12号");
    assert_eq!(hit.agency, 7);
    assert_eq!(hit.published_on, days_from_ymd(2020, 3, 15));
    assert!(
        hit.title_html.contains("<mark>代理机构</mark>"),
        "{}",
        hit.title_html
    );
    // Numbers are words too, and must match like the others.
    assert_eq!(found(&index, &text("公共资源 2021")), Vec::<String>::new());
    assert_eq!(found(&index, &text("预算 2021")).len(), 1);
}

#[test]
fn every_word_must_match() {
    let index = index();
    assert_eq!(index.search(&text("财政局")).expect("search").total, 2);
    assert_eq!(index.search(&text("财政局 公开")).expect("search").total, 1);
    assert_eq!(index.search(&text("财政局 耕地")).expect("search").total, 0);
}

#[test]
fn a_phrase_of_the_body_finds_the_item_with_a_marked_snippet() {
    let index = index();
    let results = index.search(&text("\"执业行为\"")).expect("search");
    assert_eq!(results.total, 1);
    let snippet = &results.hits[0].snippet_html;
    assert!(snippet.contains("<mark>执业行为</mark>"), "{snippet}");
    // The same words out of order are not the phrase; unquoted they still match.
    assert_eq!(index.search(&text("“行为执业”")).expect("search").total, 0);
    assert_eq!(index.search(&text("行为 执业")).expect("search").total, 1);
    let phrase = index.search(&text("\"公共资源交易\"")).expect("search");
    assert_eq!(phrase.total, 1);
    assert!(
        phrase.hits[0]
            .title_html
            .contains("<mark>公共资源交易</mark>")
    );
}

#[test]
fn the_doc_no_finds_the_item_typed_or_as_a_filter() {
    let index = index();
    let typed = found(&index, &text("孟政〔2020〕12号"));
    assert_eq!(typed, vec!["11410883MB1234567A/2020-00012".to_string()]);
    let filter = SearchQuery {
        doc_no: Some("孟财〔2019〕44号".into()),
        ..SearchQuery::default()
    };
    assert_eq!(
        found(&index, &filter),
        vec!["11410883005678901B/2019-00044".to_string()]
    );
    // Brackets tantivy's query parser would choke on are just punctuation here.
    index
        .search(&text("孟政[2020]12号"))
        .expect("no syntax error");
}

#[test]
fn filters_narrow_and_combine_with_text() {
    let index = index();
    let with = |q: SearchQuery| index.search(&q).expect("search").total;
    let base = || text("通知");
    assert_eq!(with(base()), 4);
    let category = |c: &str| SearchQuery {
        category: Some(c.into()),
        ..base()
    };
    assert_eq!(with(category("a21_02")), 1);
    assert_eq!(
        with(SearchQuery {
            year: Some(2020),
            ..base()
        }),
        2
    );
    assert_eq!(
        with(SearchQuery {
            year: Some(-1),
            ..base()
        }),
        0
    );
    let repealed = SearchQuery {
        validity: Some("repealed".into()),
        ..base()
    };
    assert_eq!(with(repealed), 1);
    assert_eq!(
        with(SearchQuery {
            agencies: Some(vec![8, 9, 100]),
            ..base()
        }),
        3
    );
    assert_eq!(
        with(SearchQuery {
            agencies: Some(vec![]),
            ..base()
        }),
        0
    );
    let both = SearchQuery {
        agencies: Some(vec![8]),
        year: Some(2021),
        ..text("预算")
    };
    assert_eq!(
        found(&index, &both),
        vec!["11410883005678901B/2021-00003".to_string()]
    );
    let blank_filter = SearchQuery {
        category: Some(" ".into()),
        ..base()
    };
    assert_eq!(with(blank_filter), 4);
}

#[test]
fn without_text_filters_list_newest_first() {
    let index = index();
    let q = SearchQuery {
        agencies: Some(vec![8]),
        ..SearchQuery::default()
    };
    let listed = found(&index, &q);
    assert_eq!(
        listed,
        vec![
            "11410883005678901B/2021-00003",
            "11410883005678901B/2019-00044"
        ]
    );
    let all = index.search(&SearchQuery::default()).expect("search");
    assert_eq!(all.total, 4);
    assert!(
        all.hits
            .windows(2)
            .all(|w| w[0].published_on >= w[1].published_on)
    );
}

#[test]
fn pages_share_the_total() {
    let index = SearchIndex::in_memory().expect("index");
    let items = (0..25).map(|i| {
        let mut it = item(
            &format!("N-{i:02}"),
            1,
            "孟州市人民政府办公室关于政务公开的通知",
            "",
            2022,
        );
        it.published_on += i;
        it
    });
    index.bulk(items).expect("bulk");
    let page = |page, per_page| {
        let q = SearchQuery {
            page,
            per_page,
            ..text("政务公开")
        };
        index.search(&q).expect("search")
    };
    let (first, third) = (page(1, 10), page(3, 10));
    assert_eq!((first.total, first.hits.len()), (25, 10));
    assert_eq!((third.total, third.hits.len()), (25, 5));
    assert!(
        first
            .hits
            .iter()
            .all(|h| third.hits.iter().all(|t| t.index_no != h.index_no))
    );
    assert_eq!(
        page(0, 0).hits.len(),
        20,
        "page 0 reads as 1, per_page 0 as the default"
    );
    assert_eq!(
        page(1, 1000).hits.len(),
        25,
        "per_page is capped, not rejected"
    );
    let deep = SearchQuery {
        page: 1_000_000,
        per_page: 100,
        ..text("政务公开")
    };
    let err = index.search(&deep).expect_err("too deep");
    assert_eq!(err.code(), "search.page_too_deep");
}

#[test]
fn html_in_a_title_is_escaped() {
    let index = SearchIndex::in_memory().expect("index");
    let mut it = item(
        "X-1",
        1,
        "<script>alert(1)</script>关于政务公开的通知",
        "",
        2022,
    );
    it.body = "<img src=x onerror=alert(1)>政务公开".into();
    index.upsert(&it).expect("upsert");
    index.commit().expect("commit");
    for q in [text("政务公开"), SearchQuery::default()] {
        let hit = &index.search(&q).expect("search").hits[0];
        for html in [&hit.title_html, &hit.snippet_html] {
            assert!(
                !html.contains("<script") && !html.contains("<img"),
                "{html}"
            );
        }
        assert!(
            hit.title_html.starts_with("&lt;script&gt;"),
            "{}",
            hit.title_html
        );
    }
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let index = index();
    let mut changed = catalog().remove(3);
    changed.title = "孟州市自然资源局关于做好2020年度耕地保护工作的补充通知".into();
    index.upsert(&changed).expect("upsert");
    index.upsert(&changed).expect("upsert twice");
    index.commit().expect("commit");
    assert_eq!(index.count(), 4);
    let hits = index.search(&text("耕地保护")).expect("search").hits;
    assert_eq!(hits.len(), 1);
    assert!(hits[0].title.ends_with("补充通知"));

    index.delete(&changed.index_no).expect("delete");
    index
        .delete("no-such-item")
        .expect("deleting nothing is fine");
    index.commit().expect("commit");
    assert_eq!(index.count(), 3);
    assert_eq!(index.search(&text("耕地保护")).expect("search").total, 0);
}

#[test]
fn empty_or_punctuation_only_text_lists_instead_of_failing() {
    let index = index();
    for t in ["", "   ", "〔〕，。！", "\"\"", "\"", "***"] {
        let results = index.search(&text(t)).expect("no error");
        assert_eq!(results.total, 4, "{t:?}");
    }
}

#[test]
fn invalid_items_are_refused_with_a_code() {
    let index = SearchIndex::in_memory().expect("index");
    let err = index
        .upsert(&IndexedItem::default())
        .expect_err("empty index_no");
    assert_eq!(err.code(), "search.invalid_item");
    let mut negative = item("Y-1", 1, "标题", "", 2020);
    negative.year = -5;
    let err = index
        .bulk([item("Y-0", 1, "标题", "", 2020), negative])
        .expect_err("negative year");
    assert!(matches!(err, SearchError::InvalidItem { .. }));
    assert_eq!(index.count(), 0, "a failed import commits nothing");
}

#[test]
fn an_index_on_disk_survives_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("search");
    {
        let index = SearchIndex::open_or_create(&path).expect("create");
        index.bulk(catalog()).expect("bulk");
    }
    let index = SearchIndex::open_or_create(&path).expect("reopen");
    assert_eq!(index.count(), 4);
    assert_eq!(found(&index, &text("耕地")).len(), 1);
}

#[test]
fn an_index_of_another_version_is_emptied_for_a_rebuild_instead_of_failing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("search");
    {
        let index = SearchIndex::open_or_create(&path).expect("create");
        index.bulk(catalog()).expect("bulk");
    }
    // An index written by an earlier gongkai (before the version file, or of another version).
    std::fs::write(path.join("gongkai-search-schema"), "1").expect("mark as version 1");
    let index = SearchIndex::open_or_create(&path).expect("reopen emptied");
    assert_eq!(index.count(), 0, "the caller refills it from the store");
    index.bulk(catalog()).expect("refill");
    drop(index);
    let index = SearchIndex::open_or_create(&path).expect("reopen current");
    assert_eq!(index.count(), 4, "an index of the current version is kept");

    // A tantivy index with other fields and no version file at all: emptied too, not a schema error.
    let foreign = dir.path().join("foreign");
    std::fs::create_dir_all(&foreign).expect("dir");
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("title", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&foreign, schema.build()).expect("foreign index");
    let index = SearchIndex::open_or_create(&foreign).expect("foreign index replaced");
    assert_eq!(index.count(), 0);
}

#[test]
fn a_total_beyond_the_cap_is_marked_as_a_lower_bound() {
    let index = SearchIndex::in_memory().expect("index");
    let n = gongkai_search::TOTAL_CAP + 50;
    let items = (0..n).map(|i| {
        let mut it = item(&format!("C-{i}"), 1, "政务公开通知", "", 2022);
        it.body = if i % 2 == 0 { "政务公开" } else { "耕地" }.into();
        it.published_on += i as i64;
        it
    });
    index.bulk(items).expect("bulk");
    let capped = index.search(&text("政务公开")).expect("search");
    assert_eq!(capped.total, gongkai_search::TOTAL_CAP);
    assert!(capped.total_is_lower_bound);
    assert_eq!(capped.hits.len(), 20);
    // Below the cap the count is exact, and listings without words always count exactly.
    let exact = index.search(&text("耕地")).expect("search");
    assert_eq!((exact.total, exact.total_is_lower_bound), (n / 2, false));
    let listing = index.search(&SearchQuery::default()).expect("search");
    assert_eq!((listing.total, listing.total_is_lower_bound), (n, false));
}

#[test]
fn a_phrase_still_requires_adjacent_words_in_order() {
    let index = SearchIndex::in_memory().expect("index");
    let mut adjacent = item("P-1", 1, "关于安全生产的通知", "", 2022);
    adjacent.body = "做好安全生产检查工作".into();
    let mut apart = item("P-2", 1, "关于生产安全的通知", "", 2022);
    apart.body = "安全第一，生产第二，检查到位".into();
    index.bulk([adjacent, apart]).expect("bulk");
    let phrase = index.search(&text("\"安全生产检查\"")).expect("search");
    assert_eq!(phrase.total, 1);
    assert_eq!(
        phrase
            .hits
            .iter()
            .map(|h| h.index_no.as_str())
            .collect::<Vec<_>>(),
        ["P-1"]
    );
    assert_eq!(
        index.search(&text("安全 生产 检查")).expect("search").total,
        2
    );
}

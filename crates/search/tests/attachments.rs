//! Attachments in the index: a sentence of an attachment's text finds its item, with a snippet cut from that
//! attachment and naming it; an attachment without text is found by its name; the item's own title and
//! body outrank a mention in an attachment.

use gongkai_search::{IndexedAttachment, IndexedItem, SearchIndex, SearchQuery, days_from_ymd};

fn item(index_no: &str, title: &str, body: &str, attachments: &[(&str, &str)]) -> IndexedItem {
    IndexedItem {
        index_no: index_no.into(),
        agency: 1,
        title: title.into(),
        body: body.into(),
        category: "a20_01".into(),
        year: 2026,
        validity: "valid".into(),
        published_on: days_from_ymd(2026, 3, 2),
        attachments: attachments
            .iter()
            .map(|(name, text)| IndexedAttachment {
                name: (*name).into(),
                text: (*text).into(),
            })
            .collect(),
        ..IndexedItem::default()
    }
}

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    let long_preamble = "为进一步做好政府信息公开工作，现将有关事项通知如下。".repeat(40);
    index
        .bulk([
            item(
                "A-1",
                "孟州市财政局关于公布2026年度部门预算的通知",
                "各单位：现将部门预算公布如下。",
                &[
                    (
                        "2026年部门预算表.pdf",
                        &format!("{long_preamble}一般公共预算拨款收入合计三千二百万元，其中教育支出占比最高。"),
                    ),
                    ("盖章件扫描.pdf", ""),
                ],
            ),
            item(
                "A-2",
                "孟州市教育支出绩效评价报告",
                "教育支出绩效评价的结果如下。",
                &[],
            ),
            item("A-3", "孟州市人民政府办公室关于印发工作要点的通知", "正文。", &[]),
        ])
        .expect("bulk");
    index
}

fn search(index: &SearchIndex, text: &str) -> gongkai_search::SearchResults {
    index
        .search(&SearchQuery {
            text: Some(text.into()),
            ..SearchQuery::default()
        })
        .expect("search")
}

#[test]
fn a_sentence_deep_in_an_attachment_finds_its_item_with_a_snippet_naming_the_file() {
    let index = index();
    let found = search(&index, "一般公共预算拨款收入合计");
    assert_eq!(found.total, 1, "{found:#?}");
    let hit = &found.hits[0];
    assert_eq!(hit.index_no, "A-1");
    assert_eq!(
        hit.snippet_attachment.as_deref(),
        Some("2026年部门预算表.pdf")
    );
    assert!(
        hit.snippet_html
            .contains("<mark>一般公共预算拨款收入合计</mark>"),
        "{}",
        hit.snippet_html
    );
    assert!(hit.snippet_html.starts_with('…'), "cut around the match");
}

#[test]
fn an_attachment_without_text_is_found_by_its_name() {
    let index = index();
    let found = search(&index, "盖章件扫描");
    assert_eq!(
        found
            .hits
            .iter()
            .map(|h| h.index_no.as_str())
            .collect::<Vec<_>>(),
        ["A-1"]
    );
    assert_eq!(
        found.hits[0].snippet_attachment.as_deref(),
        Some("盖章件扫描.pdf")
    );
}

#[test]
fn the_items_own_words_outrank_a_mention_in_an_attachment() {
    let index = index();
    let found = search(&index, "教育支出");
    let order: Vec<&str> = found.hits.iter().map(|h| h.index_no.as_str()).collect();
    assert_eq!(order, ["A-2", "A-1"], "{found:#?}");
    assert_eq!(
        found.hits[0].snippet_attachment, None,
        "A-2's body holds it"
    );
}

//! A search that finds nothing helps (issue 16, point 6): it repeats what was asked, words and filters in
//! words, and when the filters were what excluded everything it links the same words without them, with how
//! many they find.

use reqwest::StatusCode;

use crate::support::{Client, TestApp, fixture};

/// The fixture's 2020 rules (孟政〔2020〕12号), published in 2020.
const WORDS: &str = "招标投标管理办法";

fn enc(q: &str) -> String {
    q.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn nothing_found_under_a_filter_offers_the_words_without_it() {
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let visitor = Client::new(&app);
    let (status, page) = visitor
        .get(&format!("/search?q={}&year=2011", enc(WORDS)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"id="search-help""#), "{page}");
    assert!(page.contains(&format!("「{WORDS}」")), "the words as asked");
    assert!(page.contains("发布年份：2011"), "the filter in words");
    let link = regex::Regex::new(r#"<a id="search-unfiltered" href="([^"]+)">([^<]+)</a>"#)
        .expect("pattern")
        .captures(&page)
        .map(|c| {
            (
                c[1].replace("&amp;", "&").replace("&#x2f;", "/"),
                c[2].to_owned(),
            )
        })
        .expect("a link to the words without the filter");
    assert!(link.1.contains("可找到 1 条"), "{}", link.1);
    let (_, wider) = visitor.get(&link.0).await;
    assert!(wider.contains(WORDS), "the link finds the item");
    assert!(!wider.contains(r#"id="search-help""#));

    // Words that find nothing at all: help, and no link to a wider search that would find nothing either.
    let (_, none) = visitor
        .get(&format!(
            "/search?q={}&year=2011",
            enc("没有这样的词语组合xyz")
        ))
        .await;
    assert!(none.contains(r#"id="search-help""#));
    assert!(!none.contains("search-unfiltered"));
}

#[tokio::test]
async fn a_document_number_no_item_has_offers_the_nearest_of_its_issuer() {
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let visitor = Client::new(&app);
    let (status, page) = visitor
        .get(&format!("/search?q={}", enc("孟政〔2020〕99号")))
        .await;
    assert_eq!(status, StatusCode::OK);
    let near = page
        .split(r#"<ul id="search-near">"#)
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_else(|| panic!("near 文号 offered: {page}"));
    assert!(near.contains("孟政〔2020〕12号"), "{near}");
    assert!(near.contains(WORDS), "with its title");
    // Words that are not a 文号 offer none.
    let (_, words) = visitor
        .get(&format!("/search?q={}", enc("没有这样的词语组合xyz")))
        .await;
    assert!(!words.contains("search-near"));
}

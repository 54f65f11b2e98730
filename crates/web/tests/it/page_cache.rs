//! Public pages at static speed while staying live, as a browser and a reverse proxy see them: a page comes
//! with `ETag`, `Last-Modified` and `no-cache`, is answered 304 while nothing changed, and a change written to
//! the store by anyone (here directly, as another node would) is on the page and in search within 5 seconds,
//! with a new ETag. Forms carrying a CSRF token are never kept.

use std::time::{Duration, Instant};

use crate::support::TestApp;
use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::catalog::{Category, DocKind, ItemDraft, Validity};
use gongkai_store::{CatalogStore, ImportRow};
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, VARY};

async fn get(http: &reqwest::Client, url: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = http.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("GET")
}

fn header(r: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn pages_revalidate_with_304_and_show_a_change_made_elsewhere_within_five_seconds() {
    // The server's default: the store is asked at most once a second.
    let app = TestApp::builder()
        .config(|c| c.page_check_ms = 1000)
        .start()
        .await;
    let finance = app.agency("孟州市财政局");
    let column = app.url(&format!("/agencies/{finance}"));
    let http = reqwest::Client::new();

    let first = get(&http, &column, &[]).await;
    assert_eq!(first.status(), StatusCode::OK);
    let etag = header(&first, ETAG);
    let modified = header(&first, LAST_MODIFIED);
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
    assert!(modified.ends_with(" GMT"), "{modified}");
    assert_eq!(header(&first, CACHE_CONTROL), "public, no-cache");
    assert!(header(&first, VARY).contains("Accept-Language"));
    assert!(
        first.headers().contains_key("x-content-type-options"),
        "a kept page keeps its security headers"
    );
    let body = first.text().await.expect("body");

    let again = get(&http, &column, &[]).await;
    assert_eq!(header(&again, ETAG), etag);
    assert_eq!(again.text().await.expect("body"), body, "the same bytes");
    let revalidated = get(&http, &column, &[("if-none-match", &etag)]).await;
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&revalidated, ETAG), etag);
    let by_date = get(&http, &column, &[(IF_MODIFIED_SINCE.as_str(), &modified)]).await;
    assert_eq!(by_date.status(), StatusCode::NOT_MODIFIED);
    let stale = get(
        &http,
        &column,
        &[(IF_NONE_MATCH.as_str(), "\"someone-else\"")],
    )
    .await;
    assert_eq!(stale.status(), StatusCode::OK);

    // The English page is its own.
    let english = get(&http, &format!("{column}?lang=en"), &[]).await;
    assert_ne!(header(&english, ETAG), etag);
    assert!(!english.text().await.expect("body").is_empty());

    // A form with its CSRF token is never kept.
    let form = get(&http, &app.url(&format!("/agencies/{finance}/apply")), &[]).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(
        !form.headers().contains_key(ETAG),
        "the apply form is not kept"
    );

    // Written to the store as another node would: no request of this node knows of it.
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let row = ImportRow {
        line: 2,
        import_key: "cache-1".into(),
        index_no: None,
        published_on: day,
        draft: ItemDraft {
            title: "孟州市财政局关于缓存刷新测试的公告".into(),
            doc_no: None,
            category: Category::from_code("a20_07").expect("category"),
            subject: None,
            issuer: "孟州市财政局".into(),
            formed_on: day,
            summary: String::new(),
            kind: DocKind::Other,
            validity: Validity::Valid,
            body: "缓存刷新测试正文 HUANCUN42".into(),
        },
    };
    let search = app.url("/search?q=HUANCUN42");
    let before_search = get(&http, &search, &[]).await.text().await.expect("body");
    assert!(!before_search.contains("缓存刷新测试"));
    let started = Instant::now();
    app.store
        .import_items(
            AgencyId(finance),
            &[row],
            &ActorRef::System {
                reason: "another node".into(),
            },
        )
        .await
        .expect("import");
    let (mut on_column, mut in_search) = (None, None);
    while started.elapsed() < Duration::from_secs(5) && (on_column.is_none() || in_search.is_none())
    {
        if on_column.is_none() {
            let r = get(&http, &column, &[("if-none-match", &etag)]).await;
            if r.status() == StatusCode::OK
                && r.text().await.expect("body").contains("缓存刷新测试")
            {
                on_column = Some(started.elapsed());
            }
        }
        if in_search.is_none() {
            let page = get(&http, &search, &[]).await.text().await.expect("body");
            if page.contains("缓存刷新测试") {
                in_search = Some(started.elapsed());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        on_column.is_some(),
        "the column shows the new item within 5 s"
    );
    assert!(in_search.is_some(), "search finds it within 5 s");
    let after = get(&http, &column, &[]).await;
    assert_ne!(header(&after, ETAG), etag, "a new page, a new ETag");
}

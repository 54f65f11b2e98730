//! The catalogue as the public and staff use it: search by a word of a title, by a 文号 in other brackets
//! and by a phrase of the body; publishing through 保密审查 by role; withdrawal; attachments; the API, the
//! OpenAPI document, the feed and the sitemap.

use crate::support;

use crate::support::page::{enc, text};
use crate::support::{Client, TestApp, fixture};
use reqwest::StatusCode;

/// The fixture's item with 孟政〔2020〕12号 (beside the centre's own 孟公资〔2020〕12号).
const TITLE: &str = fixture::TENDERING;

#[tokio::test]
async fn a_fragment_a_partial_doc_no_and_a_mistyped_doc_no_still_find_the_item() {
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let visitor = Client::new(&app);
    let fragment: String = TITLE.chars().skip(2).take(6).collect();
    for q in [
        fragment.as_str(),
        "〔2020〕12号",
        "2020 12号",
        "孟政12号",
        // No item has this 文号 exactly (the prefix is mistyped): it searches on instead of finding nothing.
        "孟府〔2020〕12号",
    ] {
        let (status, page) = visitor.get(&format!("/search?q={}", enc(q))).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        assert!(text(&page).contains(TITLE), "search for {q} finds the item");
    }
    let (_, page) = visitor.get(&format!("/search?q={}", enc(&fragment))).await;
    assert!(
        page.contains(&format!("<mark>{fragment}</mark>")),
        "the fragment is marked in the title"
    );
}

#[tokio::test]
async fn a_title_word_a_doc_no_in_other_brackets_and_a_body_phrase_each_find_the_item() {
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let visitor = Client::new(&app);
    for q in [
        "招标投标管理办法",
        "孟政[2020]12号",
        "孟政（2020）12号",
        "孟政【2020】012号",
        "\"电子化交易平台\"",
    ] {
        let (status, page) = visitor.get(&format!("/search?q={}", enc(q))).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        assert!(text(&page).contains(TITLE), "search for {q} finds the item");
    }
    let (_, page) = visitor
        .get(&format!("/search?q={}", enc("\"电子化交易平台\"")))
        .await;
    assert!(
        page.contains("<mark>电子化交易平台</mark>"),
        "the phrase is highlighted in the snippet"
    );
    let (_, none) = visitor
        .get(&format!("/search?q={}", enc("没有这样的词语组合xyz")))
        .await;
    assert!(none.contains("没有找到"), "an empty result says so");
}

#[tokio::test]
async fn the_api_answers_in_the_documented_shape_and_describes_itself() {
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let http = reqwest::Client::new();
    let body: serde_json::Value = http
        .get(app.url(&format!("/api/v1/catalog?doc_no={}", enc("孟政[2020]12号"))))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["total"], 1, "{body}");
    let item = &body["items"][0];
    for key in [
        "index_no",
        "title",
        "doc_no",
        "category",
        "agency",
        "formed_on",
        "published_on",
        "validity",
        "url",
    ] {
        assert!(item.get(key).is_some(), "{key} in {item}");
    }
    assert_eq!(item["doc_no"], "孟政〔2020〕12号");
    assert_eq!(item["agency"], "孟州市公共资源交易中心");
    let index_no = item["index_no"].as_str().expect("index number").to_owned();
    assert!(
        index_no.starts_with("MB0000002/2020-"),
        "canonical 索引号 from the credit code: {index_no}"
    );
    let one: serde_json::Value = http
        .get(app.url(&format!("/api/v1/catalog/{index_no}")))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(one["title"], TITLE);
    assert!(
        one["body"]
            .as_str()
            .is_some_and(|b| b.contains("电子化交易平台")),
        "the whole item: {one}"
    );
    assert_eq!(
        one["issuer"], "孟州市人民政府",
        "a 孟政 document, issued by the government"
    );
    let missing = http
        .get(app.url("/api/v1/catalog/NOPE/2020-00001"))
        .send()
        .await
        .expect("GET");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let err: serde_json::Value = missing.json().await.expect("JSON error");
    assert_eq!(err["error"], "http.not_found");
    let doc: serde_json::Value = http
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert!(doc["paths"]["/api/v1/catalog"]["get"].is_object(), "{doc}");
    assert!(doc["paths"]["/api/v1/catalog/{index_no}"]["get"].is_object());
}

#[tokio::test]
async fn publishing_goes_through_review_by_role_and_withdrawal_needs_a_reason() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let reviewer = app.signed_in("ggzy-reviewer").await;
    let new = format!("/console/agencies/{centre}/catalog/new");
    let title = "孟州市公共资源交易中心关于启用新版电子保函系统的通知";
    let fields = [
        ("title", title),
        ("doc_no", "孟公资[2026]7号"),
        ("category", "a20_15"),
        ("issuer", "孟州市公共资源交易中心"),
        ("formed_on", "2026-03-02"),
        ("kind", "other"),
        ("validity", "valid"),
        (
            "body",
            "自2026年3月10日起启用新版电子保函系统，投标人可在线办理投标保证金保函。",
        ),
    ];
    let (status, _) = clerk.post_from(&new, &new, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "a clerk drafts");
    let (_, list) = clerk
        .get(&format!("/console/agencies/{centre}/catalog"))
        .await;
    let re = regex::Regex::new(
        r#"/catalog/(\d+)">孟州市公共资源交易中心关于启用新版电子保函系统的通知"#,
    )
    .expect("re");
    let id = re
        .captures(&list)
        .map(|c| c[1].to_owned())
        .expect("the draft is listed");
    let item = format!("/console/agencies/{centre}/catalog/{id}");

    assert_eq!(
        clerk
            .post_from(&item, &format!("{item}/submit"), &[])
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        clerk
            .post_from(&item, &format!("{item}/approve"), &[("confirmed", "1")])
            .await
            .0,
        StatusCode::FORBIDDEN,
        "a clerk cannot approve"
    );
    let supervisor = app.signed_in("mz-supervisor").await;
    assert_eq!(
        supervisor
            .post_from(
                "/console",
                &format!("{item}/approve"),
                &[("confirmed", "1")]
            )
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        reviewer
            .post_from(&item, &format!("{item}/approve"), &[("confirmed", "1")])
            .await
            .0,
        StatusCode::SEE_OTHER
    );

    let visitor = Client::new(&app);
    let (_, found) = visitor.get(&format!("/search?q={}", enc("电子保函"))).await;
    assert!(
        text(&found).contains(title),
        "published items are found at once"
    );
    let (_, page) = reviewer.get(&item).await;
    let page = text(&page);
    let index_no = regex::Regex::new(r"(MB0000002/2026-\d{5})")
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned())
        .expect("an index number was assigned");
    let (status, public) = visitor.get(&format!("/items/{index_no}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        public.contains("孟公资〔2026〕7号") && public.contains("索引号"),
        "the metadata table"
    );

    let (status, _) = reviewer
        .post_from(&item, &format!("{item}/withdraw"), &[("reason", "")])
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a withdrawal needs its reason"
    );
    let (status, _) = reviewer
        .post_from(
            &item,
            &format!("{item}/withdraw"),
            &[("reason", "内容已更新")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        visitor.get(&format!("/items/{index_no}")).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, gone) = visitor.get(&format!("/search?q={}", enc("电子保函"))).await;
    assert!(
        !text(&gone).contains(title),
        "withdrawn items leave the search"
    );
    let admin = app.signed_in("ggzy-admin").await;
    let (_, trail) = admin
        .get(&format!("/console/agencies/{centre}/audit"))
        .await;
    assert!(
        trail.contains("审核通过并发布") && trail.contains("撤回"),
        "every step is an event"
    );
}

#[tokio::test]
async fn late_publications_are_flagged_in_the_console() {
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let admin = app.signed_in("ggzy-admin").await;
    let mut late = 0;
    for page in 1..=3 {
        let (_, list) = admin
            .get(&format!("/console/agencies/{centre}/catalog?page={page}"))
            .await;
        late += list.matches("超期公开").count();
    }
    assert_eq!(
        late, 2,
        "the fixture's two late publications are flagged (条例第二十六条), and only they"
    );
}

/// 条例第二十六条: an item still waiting for publication 20 working days after it was formed is flagged before
/// anyone publishes it late; one within its period is not.
#[tokio::test]
async fn an_item_still_unpublished_past_its_twenty_working_days_is_flagged() {
    let waiting = fixture::ItemSpec {
        title: "孟州市公共资源交易中心关于进一步规范场地预约的通知",
        category: "a21_02",
        formed_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 9).expect("date"),
        published_on: None,
        body: "自即日起场地预约一律通过电子化交易平台办理。",
        ..fixture::ItemSpec::default()
    };
    let app = TestApp::builder()
        .items(fixture::catalog())
        .item(waiting)
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let admin = app.signed_in("ggzy-admin").await;
    let (_, list) = admin
        .get(&format!("/console/agencies/{centre}/catalog"))
        .await;
    assert!(
        list.contains("仍未公开的条目数（草稿或待审查）： 1"),
        "one overdue, the fixture's recent draft is still within its period: {}",
        text(&list)
    );
    assert_eq!(list.matches("已超期未公开").count(), 1, "{}", text(&list));
}

#[tokio::test]
async fn attachments_are_checked_stored_and_served_with_their_type() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let clerk = app.signed_in("ggzy-clerk").await;
    let new = format!("/console/agencies/{centre}/catalog/new");
    let fields = [
        ("title", "孟州市公共资源交易中心场地预约须知"),
        ("category", "a21_02"),
        ("issuer", "孟州市公共资源交易中心"),
        ("formed_on", "2026-03-02"),
        ("kind", "other"),
        ("validity", "valid"),
    ];
    assert_eq!(
        clerk.post_from(&new, &new, &fields).await.0,
        StatusCode::SEE_OTHER
    );
    let (_, list) = clerk
        .get(&format!("/console/agencies/{centre}/catalog"))
        .await;
    let re =
        regex::Regex::new(r#"/catalog/(\d+)">孟州市公共资源交易中心场地预约须知"#).expect("re");
    let id = re.captures(&list).map(|c| c[1].to_owned()).expect("listed");
    let item = format!("/console/agencies/{centre}/catalog/{id}");
    let (_, page) = clerk.get(&item).await;
    let csrf = support::csrf_of(&page).expect("token");
    let upload = |name: &'static str, bytes: &'static [u8]| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        clerk
            .http
            .post(app.url(&format!("{item}/attachments")))
            .multipart(form)
            .send()
    };
    let fake = upload("须知.pdf", b"just text").await.expect("POST");
    assert_eq!(fake.status(), StatusCode::OK);
    assert!(
        fake.text()
            .await
            .unwrap_or_default()
            .contains("附件内容与扩展名不符"),
        "a fake PDF is refused"
    );
    let real = upload("须知.pdf", b"%PDF-1.7\n%demo\n")
        .await
        .expect("POST");
    assert_eq!(real.status(), StatusCode::SEE_OTHER);
    let reviewer = app.signed_in("ggzy-reviewer").await;
    clerk.post_from(&item, &format!("{item}/submit"), &[]).await;
    reviewer
        .post_from(&item, &format!("{item}/approve"), &[("confirmed", "1")])
        .await;
    let (_, page) = reviewer.get(&item).await;
    let page = text(&page);
    let index_no = regex::Regex::new(r"(MB0000002/20\d\d-\d{5})")
        .expect("re")
        .captures(&page)
        .map(|c| c[1].to_owned());
    let (_, public) = Client::new(&app)
        .get(&format!("/items/{}", index_no.expect("published")))
        .await;
    let public = public.replace("&#x2f;", "/");
    let link = regex::Regex::new(r#"href="(/attachments/\d+/[^"]+)""#)
        .expect("re")
        .captures(&public)
        .map(|c| c[1].to_owned());
    let link = link.expect("the attachment is listed");
    let r = reqwest::get(app.url(&link)).await.expect("GET");
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(
        header(&r, "content-type").as_deref(),
        Some("application/pdf")
    );
    // Kept by caches but revalidated each time, so a withdrawn file is not served from a shared cache.
    assert_eq!(
        header(&r, "cache-control").as_deref(),
        Some("public, no-cache")
    );
    let etag = header(&r, "etag").expect("an ETag");
    assert_eq!(
        r.bytes().await.expect("bytes").as_ref(),
        b"%PDF-1.7\n%demo\n"
    );
    let again = reqwest::Client::new()
        .get(app.url(&link))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("GET");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "unchanged: 304");
}

#[tokio::test]
async fn the_feed_and_sitemap_list_published_items() {
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let feed = reqwest::get(app.url(&format!("/agencies/{centre}/feed.xml")))
        .await
        .expect("GET");
    assert_eq!(
        feed.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/atom+xml; charset=utf-8")
    );
    let feed = feed.text().await.expect("text");
    assert!(
        feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"") && feed.contains("<entry>")
    );
    let get = |path: String| {
        let url = app.url(&path);
        async move {
            reqwest::get(url)
                .await
                .expect("GET")
                .text()
                .await
                .expect("text")
                .replace("&#x2f;", "/")
        }
    };
    // An index naming its files: the agencies' pages, and the items a page of the store at a time.
    let index = get("/sitemap.xml".into()).await;
    assert!(index.contains("<sitemapindex"), "{index}");
    assert!(index.contains("/sitemaps/agencies.xml</loc>"), "{index}");
    assert!(index.contains("/sitemaps/items-1.xml</loc>"), "{index}");
    let items = get("/sitemaps/items-1.xml".into()).await;
    assert!(items.contains("/items/MB0000002"), "{items}");
    // The annual reports, searchable and per agency, are pages search engines should find too.
    let agencies = get("/sitemaps/agencies.xml".into()).await;
    assert!(agencies.contains("/reports</loc>"), "{agencies}");
    assert!(agencies.contains("/agencies/2/reports</loc>"), "{agencies}");
    let status = |path: &str| {
        let url = app.url(path);
        async move { reqwest::get(url).await.expect("GET").status() }
    };
    assert_eq!(
        status("/sitemaps/items-999.xml").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(status("/sitemaps/items-x.xml").await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_official_cannot_reach_another_agencys_catalog() {
    let app = TestApp::builder().items(fixture::catalog()).start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let finance = app.agency("孟州市财政局");
    let clerk = app.signed_in("ggzy-clerk").await;
    assert_eq!(
        clerk
            .get(&format!("/console/agencies/{finance}/catalog"))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        clerk
            .get(&format!("/console/agencies/{finance}/catalog/new"))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let supervisor = app.signed_in("mz-supervisor").await;
    let (status, list) = supervisor
        .get(&format!("/console/agencies/{finance}/catalog"))
        .await;
    assert_eq!(status, StatusCode::OK, "a supervisor reads the subtree");
    let id = regex::Regex::new(r"/catalog/(\d+)\x22")
        .expect("re")
        .captures(&list)
        .map(|c| c[1].to_owned())
        .expect("the finance bureau has items");
    // A finance item reached through the centre's address is out of the clerk's scope, not a 404 or a leak.
    let (status, _) = clerk
        .get(&format!("/console/agencies/{centre}/catalog/{id}"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = clerk
        .post_from(
            "/console",
            &format!("/console/agencies/{centre}/catalog/{id}/submit"),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = supervisor
        .get(&format!("/console/agencies/{finance}/catalog/new"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a supervisor drafts nothing");
}

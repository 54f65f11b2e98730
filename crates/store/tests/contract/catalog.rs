//! The catalogue's stories, told the same by SQLite and PostgreSQL.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::catalog::{
    Category, DocKind, DocNo, IndexNo, ItemDraft, ItemState, Transition, Validity,
};
use gongkai_domain::credit_code::CreditCode;
use gongkai_store::{AgencyStore, CatalogStore, ImportRow, ItemFilter, Store, StoreError};

fn by() -> ActorRef {
    ActorRef::System {
        reason: "contract test".into(),
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub fn draft(title: &str, doc_no: Option<&str>) -> ItemDraft {
    ItemDraft {
        title: title.to_owned(),
        doc_no: doc_no.map(|d| DocNo::parse(d).expect("doc no")),
        category: Category::from_code("a20_09").expect("category"),
        subject: None,
        issuer: "孟州市公共资源交易中心".to_owned(),
        formed_on: day("2020-06-01"),
        summary: String::new(),
        kind: DocKind::Other,
        validity: Validity::Valid,
        body: "正文".to_owned(),
    }
}

fn outcome<T>(r: Result<T, StoreError>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.code().to_owned(),
    }
}

pub async fn index_numbers_and_states(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let mut profile = AgencyProfile::named("孟州市公共资源交易中心", AgencyKind::Department);
    profile.credit_code = Some(CreditCode::parse("11410883MB0000002N").expect("code"));
    let agency = store
        .create_agency(None, &profile, &by())
        .await
        .expect("agency");
    let first = store
        .create_item(
            agency.id,
            &draft("第一份通知", Some("孟公资[2020]1号")),
            &by(),
        )
        .await
        .expect("item");
    told.push(format!(
        "draft state {} index {:?}",
        first.state.code(),
        first.index_no.as_ref().map(IndexNo::as_str)
    ));
    told.push(format!(
        "approve a draft -> {}",
        outcome(
            store
                .transition_item(first.id, &Transition::Approve, day("2020-06-03"), &by())
                .await
        )
    ));
    store
        .transition_item(first.id, &Transition::Submit, day("2020-06-02"), &by())
        .await
        .expect("submit");
    let published = store
        .transition_item(first.id, &Transition::Approve, day("2020-06-03"), &by())
        .await
        .expect("approve");
    told.push(format!(
        "published {:?} on {:?}",
        published.index_no.as_ref().map(IndexNo::as_str),
        published.published_on.map(|d| d.to_string())
    ));
    told.push(format!(
        "edit a published item -> {}",
        outcome(store.update_item(first.id, &draft("改", None), &by()).await)
    ));
    let withdraw = Transition::Withdraw {
        reason: "内容有误".into(),
    };
    store
        .transition_item(first.id, &withdraw, day("2020-06-05"), &by())
        .await
        .expect("withdraw");
    store
        .transition_item(first.id, &Transition::Revise, day("2020-06-05"), &by())
        .await
        .expect("revise");
    store
        .transition_item(first.id, &Transition::Submit, day("2020-06-06"), &by())
        .await
        .expect("submit");
    let again = store
        .transition_item(first.id, &Transition::Approve, day("2020-06-08"), &by())
        .await
        .expect("approve");
    told.push(format!(
        "republished keeps {:?}",
        again.index_no.as_ref().map(IndexNo::as_str)
    ));
    // 条例第二十六条 times a change from its own day: the first publication stays, the version's is new.
    told.push(format!(
        "republished first {:?} version {:?}",
        again.published_on.map(|d| d.to_string()),
        again.version_published_on.map(|d| d.to_string())
    ));
    let second = store
        .create_item(agency.id, &draft("第二份通知", None), &by())
        .await
        .expect("item");
    store
        .transition_item(second.id, &Transition::Submit, day("2020-06-09"), &by())
        .await
        .expect("submit");
    let second = store
        .transition_item(second.id, &Transition::Approve, day("2020-06-09"), &by())
        .await
        .expect("approve");
    told.push(format!(
        "next number {:?}",
        second.index_no.as_ref().map(IndexNo::as_str)
    ));
    assert_eq!(
        second.index_no.as_ref().map(IndexNo::as_str),
        Some("MB0000002/2020-00002"),
        "numbers are never reused"
    );
    let found = store
        .item_by_index_no("MB0000002/2020-00001")
        .await
        .expect("read")
        .map(|i| i.draft.title);
    told.push(format!("by index number: {found:?}"));
    let filter = ItemFilter {
        agencies: Some(vec![agency.id]),
        states: Some(vec![ItemState::Published]),
        category: Category::from_code("a20_09"),
        year: Some(2020),
        page: 1,
        per_page: 10,
    };
    let (items, total) = store.items(&filter).await.expect("list");
    told.push(format!(
        "published in 2020: {total} {:?}",
        items
            .iter()
            .map(|i| i.draft.title.clone())
            .collect::<Vec<_>>()
    ));
    told.push(format!(
        "counts {:?}",
        store
            .category_counts(agency.id)
            .await
            .expect("counts")
            .into_iter()
            .map(|(c, n)| (c.code(), n))
            .collect::<Vec<_>>()
    ));
    let waiting = store
        .create_item(agency.id, &draft("尚未公开的通知", None), &by())
        .await
        .expect("draft");
    let dates = store.publication_dates(agency.id).await.expect("dates");
    told.push(format!(
        "publication dates {:?}",
        dates
            .iter()
            .map(|d| (
                d.published_on.map(|d| d.to_string()),
                d.version_published_on.map(|d| d.to_string()),
                d.is_published
            ))
            .collect::<Vec<_>>()
    ));
    let _ = waiting;
    let changed = store.items_changed_since(0, 10).await.expect("changes");
    told.push(format!("changed items {}", changed.len()));
    told
}

pub async fn imports_are_all_or_nothing(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市财政局", AgencyKind::Department),
            &by(),
        )
        .await
        .expect("agency");
    let row = |line: usize, key: &str, index: Option<&str>| ImportRow {
        line,
        import_key: key.to_owned(),
        index_no: index.map(|i| IndexNo::parse(i).expect("an index number")),
        published_on: day("2019-04-10"),
        draft: draft(&format!("导入的第 {line} 行"), None),
    };
    let clash = [
        row(2, "a", Some("X/2019-00001")),
        row(3, "b", Some("X/2019-00001")),
    ];
    told.push(format!(
        "clash -> {}",
        outcome(store.import_items(agency.id, &clash, &by()).await)
    ));
    let (_, total) = store
        .items(&ItemFilter {
            page: 1,
            per_page: 10,
            ..ItemFilter::default()
        })
        .await
        .expect("list");
    told.push(format!("after the clash: {total} items"));
    assert_eq!(total, 0, "nothing half-imported");
    let fine = [row(2, "a", Some("X/2019-00001")), row(3, "b", None)];
    let first = store
        .import_items(agency.id, &fine, &by())
        .await
        .expect("import");
    let second = store
        .import_items(agency.id, &fine, &by())
        .await
        .expect("import again");
    told.push(format!("first {first:?} second {second:?}"));
    let generated = store
        .item_by_index_no("GK0000001/2019-00001")
        .await
        .expect("read")
        .is_some();
    told.push(format!(
        "a number made for the row without one: {generated}"
    ));
    told
}

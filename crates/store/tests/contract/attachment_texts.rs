//! Attachments' text, told the same by SQLite and PostgreSQL: only published items' files await reading,
//! the same file attached twice is read once, saving a result marks its items as changed (so every node's
//! index takes it in), an older reader's result is read again, and a re-index forgets them all.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::catalog::{TextOutcome, Transition};
use gongkai_store::{AgencyStore, AttachmentTextStore, CatalogStore, ItemId, ReadText, Store};

use super::catalog::draft;

fn by() -> ActorRef {
    ActorRef::System {
        reason: "contract test".into(),
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

async fn publish(store: &Store, id: ItemId) {
    for step in [Transition::Submit, Transition::Approve] {
        store
            .transition_item(id, &step, day("2026-03-03"), &by())
            .await
            .expect("step");
    }
}

async fn change_seq(store: &Store, id: ItemId) -> i64 {
    store
        .item(id)
        .await
        .expect("read")
        .expect("item")
        .change_seq
}

pub async fn read_once_per_file_and_again_after_an_upgrade(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市财政局", AgencyKind::Department),
            &by(),
        )
        .await
        .expect("agency");
    let (pdf, scan) = ("a".repeat(64), "b".repeat(64));
    let mut items = Vec::new();
    for (title, files) in [
        ("通知一", vec![("通知.pdf", &pdf), ("盖章件.pdf", &scan)]),
        ("通知二", vec![("通知.pdf", &pdf)]),
        ("草稿", vec![("草稿.docx", &"c".repeat(64))]),
    ] {
        let item = store
            .create_item(agency.id, &draft(title, None), &by())
            .await
            .expect("item");
        for (name, sha) in files {
            store
                .add_attachment(item.id, name, "application/pdf", 10, sha, &by())
                .await
                .expect("attach");
        }
        items.push(item.id);
    }
    let waiting = |w: Vec<gongkai_store::AttachmentToRead>| {
        w.iter()
            .map(|a| format!("{}={}", &a.sha256[..1], a.file_name))
            .collect::<Vec<_>>()
            .join(" ")
    };
    told.push(format!(
        "nothing published: [{}]",
        waiting(store.attachments_to_read(1, 10).await.expect("to read"))
    ));
    publish(&store, items[0]).await;
    publish(&store, items[1]).await;
    told.push(format!(
        "two published: [{}]",
        waiting(store.attachments_to_read(1, 10).await.expect("to read"))
    ));
    let before = (
        change_seq(&store, items[0]).await,
        change_seq(&store, items[1]).await,
    );
    let touched = store
        .save_attachment_text(
            &pdf,
            &ReadText {
                outcome: TextOutcome::Text,
                detail: String::new(),
                text: "现将有关事项通知如下".into(),
                extractor: 1,
            },
        )
        .await
        .expect("save");
    let after = (
        change_seq(&store, items[0]).await,
        change_seq(&store, items[1]).await,
    );
    told.push(format!(
        "saved the shared file: {touched} items marked changed, both later: {}",
        after.0 > before.0 && after.1 > before.1
    ));
    store
        .save_attachment_text(
            &scan,
            &ReadText {
                outcome: TextOutcome::NoText,
                detail: String::new(),
                text: String::new(),
                extractor: 1,
            },
        )
        .await
        .expect("save");
    told.push(format!(
        "all read: [{}]",
        waiting(store.attachments_to_read(1, 10).await.expect("to read"))
    ));
    told.push(format!(
        "a newer reader: [{}]",
        waiting(store.attachments_to_read(2, 10).await.expect("to read"))
    ));
    let texts = store.attachment_texts(&items[..2]).await.expect("texts");
    for t in &texts {
        told.push(format!(
            "{} {}: {} {:?}",
            if t.item == items[0] {
                "item 1"
            } else {
                "item 2"
            },
            t.file_name,
            t.outcome.map_or("unread", |o| o.code()),
            t.text
        ));
    }
    let forgotten = store.forget_attachment_texts().await.expect("forget");
    told.push(format!(
        "re-index forgets {forgotten}: [{}]",
        waiting(store.attachments_to_read(1, 10).await.expect("to read"))
    ));
    told
}

/// Published reports in publication order, for the search of reports on every node.
pub async fn publications_follow_in_order(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let mut ids = Vec::new();
    for name in ["孟州市财政局", "孟州市教育局"] {
        let agency = store
            .create_agency(
                None,
                &AgencyProfile::named(name, AgencyKind::Department),
                &by(),
            )
            .await
            .expect("agency");
        ids.push(agency.id);
    }
    for (agency, year, note) in [
        (ids[0], 2024, ""),
        (ids[1], 2024, ""),
        (ids[0], 2024, "更正"),
    ] {
        store
            .publish_report(
                &gongkai_store::NewPublication {
                    agency,
                    year,
                    note: note.into(),
                    report_json: "{}".into(),
                    html: format!("<p>{note}年度报告</p>"),
                    docx: Vec::new(),
                    pdf: Vec::new(),
                    // The correction carries its OFD; the first versions are as published before OFD.
                    ofd: if note.is_empty() {
                        Vec::new()
                    } else {
                        b"PK-ofd".to_vec()
                    },
                    published_on: day("2025-01-20"),
                },
                &by(),
            )
            .await
            .expect("publish");
    }
    let all = store.publications_since(0, 10).await.expect("since");
    let increasing = all.windows(2).all(|w| w[0].seq < w[1].seq);
    told.push(format!(
        "all, in order ({increasing}): {}",
        all.iter()
            .map(|p| format!(
                "{}v{}:{}",
                if p.publication.agency == ids[0] {
                    "财政"
                } else {
                    "教育"
                },
                p.publication.version,
                p.html
            ))
            .collect::<Vec<_>>()
            .join(" ")
    ));
    let after_second = store
        .publications_since(all[1].seq, 10)
        .await
        .expect("since");
    told.push(format!(
        "after the second: {}",
        after_second
            .iter()
            .map(|p| format!("v{} {}", p.publication.version, p.publication.note))
            .collect::<Vec<_>>()
            .join(" ")
    ));
    for version in [1, 2] {
        let (_, ofd) = store
            .published_file(
                ids[0],
                2024,
                Some(version),
                gongkai_store::PublishedFile::Ofd,
            )
            .await
            .expect("file")
            .expect("the version exists");
        told.push(format!("v{version} OFD: {}", String::from_utf8_lossy(&ofd)));
    }
    told
}

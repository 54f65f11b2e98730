//! The storage contract: the same stories told by SQLite and by PostgreSQL, with the same results.

mod contract {
    pub mod api_tokens;
    pub mod appeals;
    pub mod application_files;
    pub mod applications;
    pub mod attachment_texts;
    pub mod blobs;
    pub mod case_list;
    pub mod catalog;
    pub mod corrupt;
    pub mod harness;
    pub mod letter_numbers;
    pub mod mail;
    pub mod records;
    pub mod stories;
}

use contract::harness::same_on_both;
use contract::stories;

#[tokio::test]
async fn an_agency_tree_imports_in_one_transaction_and_again_changes_nothing() {
    let told = same_on_both(stories::agency_import).await;
    for expected in [
        "first run AgencyImportOutcome { created: 3, updated: 0, unchanged: 0 }",
        "second run AgencyImportOutcome { created: 0, updated: 0, unchanged: 3 }",
        "changed run AgencyImportOutcome { created: 0, updated: 1, unchanged: 2 }",
        "a missing parent -> store.not_found, agencies added 0",
        "bureau below the city: true, its phone 0391-6222222",
    ] {
        assert!(told.iter().any(|l| l == expected), "{expected}: {told:#?}");
    }
}

#[tokio::test]
async fn files_are_kept_in_fixed_chunks_once_per_digest_and_read_back_byte_for_byte() {
    let told = same_on_both(contract::blobs::kept_and_streamed).await;
    let chunk = gongkai_store::BLOB_CHUNK;
    assert_eq!(
        told,
        [
            "0 bytes: 1 chunks [0], same bytes true".to_owned(),
            "1 bytes: 1 chunks [1], same bytes true".to_owned(),
            format!("{chunk} bytes: 1 chunks [{chunk}], same bytes true"),
            format!(
                "{} bytes: 3 chunks [{chunk}, {chunk}, 17], same bytes true",
                2 * chunk + 17
            ),
            "again: 3 chunks, blobs 4, chunks stored 6".to_owned(),
            "private: Some(\"sealed bytes\"), among attachments false".to_owned(),
            "a path as a name -> Some(\"store.refused\")".to_owned(),
            "unknown ../../etc/pa: None".to_owned(),
            "unknown sm3:: None".to_owned(),
            "unknown 000000000000: None".to_owned(),
            "removed: true then false, read None".to_owned(),
            "pending chunks 2, swept too early 0, swept later 2, chunks back to before true"
                .to_owned(),
        ]
    );
}

#[tokio::test]
async fn agencies_form_a_tree_and_keep_names_and_codes_unique() {
    let told = same_on_both(stories::agency_tree).await;
    assert!(
        told.iter()
            .any(|l| l == "duplicate name -> store.conflict name"),
        "{told:#?}"
    );
}

#[tokio::test]
async fn the_case_list_finds_applications_open_and_closed_by_number_name_words_and_state() {
    let told = same_on_both(contract::case_list::searched).await;
    assert_eq!(
        told,
        [
            "all: GK-2026-000001 GK-2025-000001",
            "lower case, no hyphens: GK-2025-000001",
            "part of a number: GK-2026-000001",
            "no letter or digit in the number box: ",
            "name: GK-2026-000001",
            "words: GK-2025-000001",
            "words, one missing: ",
            "a typed % is literal: GK-2026-000001",
            "a typed _ is literal: ",
            "open: GK-2026-000001",
            "closed: GK-2025-000001",
            "awaiting correction: GK-2026-000001",
            "received 2026: GK-2026-000001",
            "outcome: GK-2025-000001",
            "other outcome: ",
        ]
    );
}

#[tokio::test]
async fn accounts_lock_after_failed_logins_and_disable_ends_sessions() {
    let told = same_on_both(stories::accounts_and_sessions).await;
    for expected in [
        "fifth failure locks: true",
        "locked from that address: true, from another: false",
        "unknown name counted: 1",
        "kept session: true",
        "idle session ended: true",
        "other session ended: true",
        "reset clears lock: true",
        "disabled session gone: true",
        "locks listed: [\"clerk 203.0.113.9 5\"]",
        "unlocked 1, lock gone: true",
        "role now reviewer, its session ended: true",
    ] {
        assert!(told.iter().any(|l| l == expected), "{expected}: {told:#?}");
    }
}

#[tokio::test]
async fn the_audit_chain_verifies_and_names_each_tampered_event() {
    let told = same_on_both(stories::audit_tampering).await;
    assert!(
        told.iter()
            .any(|l| l == "edited: Err(EventAltered { seq: 2 })"),
        "{told:#?}"
    );
}

#[tokio::test]
async fn concurrent_writers_chain_without_gaps() {
    let told = same_on_both(stories::concurrent_writes).await;
    assert_eq!(
        told.last().map(String::as_str),
        Some("chain intact: 24 events"),
        "{told:#?}"
    );
}

#[tokio::test]
async fn migrations_apply_once_and_the_store_is_ready() {
    let told = same_on_both(stories::migrations).await;
    assert_eq!(told, ["second migrate applied 0", "ready true"]);
}

/// What makes an acknowledged write survive a crash on SQLite: the write-ahead log, synced at every commit.
/// (A `kill -9` test alone cannot tell: the operating system keeps unsynced pages of a killed process.)
#[tokio::test]
async fn sqlite_connections_run_in_wal_mode_with_full_sync() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = gongkai_store::Store::open(&gongkai_store::DatabaseUrl::in_data_dir(dir.path()))
        .await
        .expect("open");
    let pool = store.pool_for_tests();
    // Several at once, so that more than one pooled connection answers.
    let mut checks = Vec::new();
    for _ in 0..4 {
        let pool = pool.clone();
        checks.push(tokio::spawn(async move {
            let mut conn = pool.acquire().await.expect("connection");
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut *conn)
                .await
                .expect("mode");
            let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut *conn)
                .await
                .expect("sync");
            let fks: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
                .fetch_one(&mut *conn)
                .await
                .expect("fks");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            (mode, sync, fks)
        }));
    }
    for c in checks {
        assert_eq!(
            c.await.expect("task"),
            ("wal".to_owned(), 2, 1),
            "WAL, synchronous=FULL, foreign keys"
        );
    }
}

#[tokio::test]
async fn catalogue_index_numbers_are_never_reused_and_states_are_enforced() {
    let told = same_on_both(contract::catalog::index_numbers_and_states).await;
    for expected in [
        "approve a draft -> store.refused",
        "edit a published item -> store.conflict",
        "republished keeps Some(\"MB0000002/2020-00001\")",
        "republished first Some(\"2020-06-03\") version Some(\"2020-06-08\")",
    ] {
        assert!(told.iter().any(|l| l == expected), "{expected}: {told:#?}");
    }
    let dates = told
        .iter()
        .find(|l| l.starts_with("publication dates"))
        .expect("dates told");
    assert!(
        dates.contains("(Some(\"2020-06-03\"), Some(\"2020-06-08\"), true)")
            && dates.contains("(None, None, false)"),
        "published and waiting items both judged: {dates}"
    );
}

#[tokio::test]
async fn catalogue_imports_are_all_or_nothing_and_never_duplicate() {
    let told = same_on_both(contract::catalog::imports_are_all_or_nothing).await;
    assert!(
        told.iter().any(|l| l == "clash -> store.import_row"),
        "{told:#?}"
    );
    assert!(
        told.iter()
            .any(|l| l.contains("second ImportOutcome { inserted: 0, already_there: 2 }")),
        "{told:#?}"
    );
}

#[tokio::test]
async fn applications_get_tracking_numbers_and_keep_their_events_in_order() {
    let told = same_on_both(contract::applications::received_corrected_and_decided).await;
    assert!(
        told.iter()
            .any(|l| l == "an event after the decision -> store.refused"),
        "{told:#?}"
    );
}

#[tokio::test]
async fn an_event_row_that_does_not_decode_is_corrupt_on_both_backends() {
    let told = same_on_both(contract::applications::a_corrupt_event_row_is_refused).await;
    assert_eq!(
        told,
        [
            "decided -> store.corrupt",
            "fee_notice_issued -> store.corrupt",
            "reopened -> store.corrupt",
            "withdrawn -> store.corrupt",
            "the year's fee events -> store.corrupt",
            "a sound event is fee_notice_issued",
        ]
    );
}

#[tokio::test]
async fn stored_values_the_domain_refuses_are_corrupt_on_both_backends() {
    let told = same_on_both(contract::corrupt::stored_values_the_domain_refuses).await;
    assert_eq!(
        told,
        [
            "application channel -> store.corrupt",
            "application delivery -> store.corrupt",
            "application tracking_no -> store.corrupt",
            "catalogue index_no -> store.corrupt",
        ]
    );
}

#[tokio::test]
async fn a_decision_keeps_its_letter_byte_for_byte() {
    let told = same_on_both(contract::applications::decided_with_a_kept_letter).await;
    assert!(
        told.iter()
            .any(|l| l == "planned on an older state -> store.refused"),
        "{told:#?}"
    );
    assert!(
        told.iter()
            .any(|l| l == "the letter through another application: None"),
        "{told:#?}"
    );
    assert!(
        told.iter()
            .any(|l| l.contains("docx sm3:") && l.contains("pdf sm3:")),
        "国密: the letter's digests are SM3's: {told:#?}"
    );
}

#[tokio::test]
async fn table_three_is_compiled_alike_from_either_store() {
    let told = same_on_both(contract::records::table_three_of_an_agency).await;
    let expected = [
        "2023 F2021: counted 4, not received 1",
        "t3.r1_new.np = Some(1)",
        "t3.r4_carry_out.np = Some(1)",
        "t3.r1_new.total = Some(3)",
        "t3.r2_carry_in.np = Some(1)",
        "t3.r3_1_open.np = Some(1)",
        "t3.r3_6_2_fee_unpaid.org_research = Some(1)",
        "t3.r3_6_3_other.org_biz = Some(1)",
        "t3.r3_7_total.total = Some(3)",
        "t3.r4_carry_out.np = Some(1)",
        "t3.r1_new.org_npo = Some(0)",
    ];
    assert_eq!(told, expected, "{told:#?}");
}

#[tokio::test]
async fn review_cases_are_registered_decided_once_and_counted_in_table_four() {
    let told = same_on_both(contract::appeals::registered_decided_and_counted).await;
    let expected = [
        "registered review 2023-01-16 about Some(\"GK-2022-000001\"), decided None",
        "another agency's application -> store.refused",
        "decided Some(Decision { on: 2023-03-10, outcome: Maintain })",
        "decided again -> store.refused",
        "decided before the filing -> store.refused",
        "unknown case -> store.not_found",
        "listed: [\"lit_after_review 2023-12-20\", \"review 2023-01-16\", \"lit_direct 2022-05-10\"]",
        "read back equal: true",
        "finance has 0 cases",
        "2021: []",
        "2022: [lit_direct.pending=1 lit_direct.total=1]",
        "2023: [review.maintain=1 review.total=1 lit_direct.other=1 lit_direct.total=1 lit_after_review.pending=1 lit_after_review.total=1]",
        "2024: [lit_after_review.pending=1 lit_after_review.total=1]",
        "audit: [\"review.register\", \"review.register\", \"review.register\", \"review.decide\", \"review.decide\"]",
    ];
    assert_eq!(told, expected, "{told:#?}");
}

#[tokio::test]
async fn a_lapse_belongs_to_the_year_its_deadline_passed_on_both_backends() {
    let told = same_on_both(
        contract::applications::a_lapse_recorded_in_january_ends_in_the_year_of_its_deadline,
    )
    .await;
    assert_eq!(
        told,
        [
            "ended on Some(2021-12-28)",
            "2021: 补正 lapsed 1, carried out 0",
            "2022: 补正 lapsed 0, carried out 0",
        ]
    );
}

#[tokio::test]
async fn api_tokens_are_found_by_hash_revoked_once_and_every_use_is_audited() {
    let told = same_on_both(contract::api_tokens::issued_used_and_revoked).await;
    let expected = [
        "issued 档案系统 clerk by official:ggzy-admin used None revoked None",
        "same hash again -> store.conflict",
        "found by hash: true",
        "unknown hash: None",
        "listed 1 token(s), last used set: true",
        "finance lists 0 token(s)",
        "revoke through another agency -> store.not_found",
        "revoked: true",
        "revoke again -> store.refused",
        "use after revocation -> store.refused",
        "unknown token use -> store.not_found",
        "read back revoked: true",
        "audit: [\"api_token.issue by official:2:ggzy-admin\", \"api_token.use by token:1:档案系统\", \"api_token.revoke by official:2:ggzy-admin\"]",
        "no secret in the trail: true",
    ];
    assert_eq!(told, expected, "{told:#?}");
}

/// 发文字号: one counter per agency, year and kind, moved with the letter it numbers; concurrent steps get
/// distinct numbers without gaps, and a refused step uses none.
#[tokio::test]
async fn letter_numbers_count_per_agency_year_and_kind_without_gaps_or_duplicates() {
    let told = same_on_both(contract::letter_numbers::numbered_concurrently).await;
    for expected in [
        "孟财: numbers 1, 2, 3, 4 for 4 notices",
        "a stale serial -> store.conflict doc_no; events 1",
        "a refused step -> store.refused; next serial 5",
        "next decision serial 1; next in 2027 1; next of another agency 1",
    ] {
        assert!(
            told.iter().any(|l| l == expected),
            "{expected} not in {told:#?}"
        );
    }
}

#[tokio::test]
async fn mail_is_recorded_before_sending_claimed_once_retried_and_one_digest_a_day() {
    let told = same_on_both(contract::mail::queued_claimed_retried_and_sent).await;
    let expected = [
        "queued 2",
        "due: [\"receipt\"]",
        "claimed: true",
        "claimed again by another node: false",
        "due while held: 0",
        "after a failure: 1 due, attempts 1, error Some(\"connection refused\")",
        "receipt to zhang@example.com about GK-2026-000001: sent after 2 attempt(s), sent true, error None",
        "notice to zhang@example.com about GK-2026-000001: not_configured after 0 attempt(s), sent false, error None",
        "claim a sent message: false",
        "given up, still due: 0",
        "recipients before: 0",
        "recipients: [\"ggzy-clerk wang@example.gov.cn\"]",
        "read back: wang@example.gov.cn",
        "first digest of the day: true",
        "second digest of the day: false",
        "due digests: 1",
        "audited: true",
    ];
    assert_eq!(told, expected, "{told:#?}");
}

#[tokio::test]
async fn files_on_an_application_are_kept_with_their_event_and_found_only_under_it() {
    let told = same_on_both(contract::application_files::kept_with_their_event).await;
    assert_eq!(
        told,
        [
            "stale step refused: true, files kept: 0",
            "地块示意图.pdf correction application/pdf 2048 bytes, event 3, by citizen:GK-2026-000001",
            "身份证明.pdf correction application/pdf 2048 bytes, event 3, by citizen:GK-2026-000001",
            "the event names the files: true",
            "found under its application: true",
            "found under another: false",
            "the other has none: true",
        ]
    );
}

#[tokio::test]
async fn attachments_text_is_read_once_per_file_marks_its_items_and_is_read_again_when_the_reader_changes()
 {
    let told =
        same_on_both(contract::attachment_texts::read_once_per_file_and_again_after_an_upgrade)
            .await;
    assert_eq!(
        told,
        [
            "nothing published: []",
            "two published: [a=通知.pdf b=盖章件.pdf]",
            "saved the shared file: 2 items marked changed, both later: true",
            "all read: []",
            "a newer reader: [a=通知.pdf b=盖章件.pdf]",
            "item 1 通知.pdf: text \"现将有关事项通知如下\"",
            "item 1 盖章件.pdf: no_text \"\"",
            "item 2 通知.pdf: text \"现将有关事项通知如下\"",
            "re-index forgets 2: [a=通知.pdf b=盖章件.pdf]",
        ]
    );
}

#[tokio::test]
async fn published_reports_follow_in_publication_order_for_the_search_of_reports() {
    let told = same_on_both(contract::attachment_texts::publications_follow_in_order).await;
    assert_eq!(
        told,
        [
            "all, in order (true): 财政v1:<p>年度报告</p> 教育v1:<p>年度报告</p> 财政v2:<p>更正年度报告</p>",
            "after the second: v2 更正",
            "v1 OFD: ",
            "v2 OFD: PK-ofd",
        ]
    );
}

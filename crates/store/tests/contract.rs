//! The storage contract: the same stories told by SQLite and by PostgreSQL, with the same results.

mod contract {
    pub mod harness;
    pub mod stories;
}

use contract::harness::same_on_both;
use contract::stories;

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
async fn accounts_lock_after_failed_logins_and_disable_ends_sessions() {
    let told = same_on_both(stories::accounts_and_sessions).await;
    assert!(
        told.iter().any(|l| l == "fifth failure locks: true"),
        "{told:#?}"
    );
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

//! Runs one story against SQLite (a file in a temporary folder) and PostgreSQL (a fresh database on the
//! server at 127.0.0.1:5432 or `GONGKAI_TEST_DATABASE_URL`, dropped afterwards) and checks both tell it the same.
//!
//! Without a reachable PostgreSQL the PostgreSQL half is skipped with a message, except under CI (`CI` set),
//! where it fails: CI must always exercise both backends.

use std::future::Future;

use gongkai_store::testing::ScratchDatabase;
use gongkai_store::{DatabaseUrl, Store};

/// Runs `story` on both backends and returns what each told.
pub async fn on_both<F, Fut>(story: F) -> (Vec<String>, Option<Vec<String>>)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = Vec<String>> + Send + 'static,
{
    let dir = tempfile::tempdir().expect("temporary folder");
    let sqlite = Store::open(&DatabaseUrl::in_data_dir(dir.path()))
        .await
        .expect("open SQLite store");
    let sqlite_told = story(sqlite.clone()).await;
    sqlite.close().await;

    let scratch = match ScratchDatabase::create().await {
        Ok(s) => s,
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("PostgreSQL must be reachable in CI: {why}")
        }
        Err(why) => {
            eprintln!("skipping the PostgreSQL half of this story: {why}");
            return (sqlite_told, None);
        }
    };
    let url = DatabaseUrl::parse(&scratch.url).expect("scratch URL");
    let pg = Store::open(&url).await.expect("open PostgreSQL store");
    // Run in a task so that a failing story still drops its database before the panic goes on.
    let outcome = tokio::spawn(story(pg.clone())).await;
    pg.close().await;
    scratch.drop_now().await;
    match outcome {
        Ok(pg_told) => (sqlite_told, Some(pg_told)),
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// Runs the story on both backends and asserts they agree line by line.
pub async fn same_on_both<F, Fut>(story: F) -> Vec<String>
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = Vec<String>> + Send + 'static,
{
    let (sqlite, pg) = on_both(story).await;
    if let Some(pg) = pg {
        assert_eq!(
            sqlite, pg,
            "SQLite and PostgreSQL told the story differently"
        );
    }
    sqlite
}

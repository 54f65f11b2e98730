//! Runs one story against SQLite (a file in a temporary folder) and PostgreSQL (a fresh database on the
//! server at 127.0.0.1:5432 or `GONGKAI_TEST_DATABASE_URL`, dropped afterwards) and checks both tell it the same.
//!
//! Without a reachable PostgreSQL the PostgreSQL half is skipped with a message, except under CI (`CI` set),
//! where it fails: CI must always exercise both backends.

use std::future::Future;

use gongkai_store::{DatabaseUrl, Store};
use sqlx::{AssertSqlSafe, Connection};

pub const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn server_url() -> String {
    std::env::var("GONGKAI_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_SERVER.to_owned())
}

/// Replaces the database name at the end of a PostgreSQL URL (before any `?options`).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let cut = base
        .rfind('/')
        .filter(|&i| i > "postgres://".len())
        .unwrap_or(base.len());
    let mut out = format!("{}/{name}", &base[..cut]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// A PostgreSQL database that exists for one story.
pub struct ScratchDatabase {
    server: String,
    name: String,
    pub url: String,
}

impl ScratchDatabase {
    pub async fn create() -> Result<Self, String> {
        sqlx::any::install_default_drivers();
        let server = server_url();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!("gongkai_test_{}_{nanos}", std::process::id());
        let mut conn = sqlx::AnyConnection::connect(&server)
            .await
            .map_err(|e| format!("PostgreSQL at {server} is not reachable: {e}"))?;
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .map_err(|e| format!("cannot create database {name}: {e}"))?;
        let _ = conn.close().await;
        let url = with_database(&server, &name);
        Ok(Self { server, name, url })
    }

    pub async fn drop_now(self) {
        if let Ok(mut conn) = sqlx::AnyConnection::connect(&self.server).await {
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            if let Err(e) = sqlx::query(AssertSqlSafe(sql)).execute(&mut conn).await {
                eprintln!("could not drop {}: {e}", self.name);
            }
        }
    }
}

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

#[test]
fn scratch_urls_keep_credentials_and_options() {
    assert_eq!(
        with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
        "postgres://u:p@h:5432/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
}

//! Scratch PostgreSQL databases for tests of this crate and the crates above it: created fresh on the server at
//! 127.0.0.1:5432 (or `GONGKAI_TEST_DATABASE_URL`) and dropped afterwards. Without a server a test is skipped
//! with a message, except under CI (`CI` set), where it fails: CI must always exercise both backends.

use sqlx::{AssertSqlSafe, Connection};

pub const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn server_url() -> String {
    std::env::var("GONGKAI_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_SERVER.to_owned())
}

/// Replaces the database name at the end of a PostgreSQL URL (before any `?options`).
pub fn with_database(url: &str, name: &str) -> String {
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
        // Unique across processes (the pid), runs (the time) and tests running at once in one process.
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("gongkai_test_{}_{nanos}_{n}", std::process::id());
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

    /// A scratch database, or None (with the reason printed) when no server is reachable outside CI.
    pub async fn create_or_skip() -> Option<Self> {
        match Self::create().await {
            Ok(db) => Some(db),
            Err(why) if std::env::var_os("CI").is_some() => {
                panic!("PostgreSQL must be reachable in CI: {why}")
            }
            Err(why) => {
                eprintln!("skipping the PostgreSQL part: {why}");
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_urls_keep_credentials_and_options() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
            "postgres://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }
}

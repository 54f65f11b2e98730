//! A PostgreSQL database for one test: on 127.0.0.1:5432 or `GONGKAI_TEST_DATABASE_URL`, created fresh and
//! dropped afterwards. Without a server the test is skipped with a message, except under CI, where it fails.

use sqlx::{AssertSqlSafe, Connection};

pub struct ScratchDatabase {
    server: String,
    name: String,
    pub url: String,
}

impl ScratchDatabase {
    pub async fn create_or_skip() -> Option<Self> {
        sqlx::any::install_default_drivers();
        let server = std::env::var("GONGKAI_TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!("gongkai_cli_test_{}_{nanos}", std::process::id());
        let mut conn = match sqlx::AnyConnection::connect(&server).await {
            Ok(c) => c,
            Err(e) if std::env::var_os("CI").is_some() => {
                panic!("PostgreSQL must be reachable in CI: {e}")
            }
            Err(e) => {
                eprintln!("skipping: PostgreSQL at {server} is not reachable: {e}");
                return None;
            }
        };
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create the scratch database");
        let base = server
            .rsplit_once('/')
            .map_or(server.as_str(), |(b, _)| b)
            .to_owned();
        Some(Self {
            url: format!("{base}/{name}"),
            server,
            name,
        })
    }

    pub async fn drop_now(self) {
        if let Ok(mut conn) = sqlx::AnyConnection::connect(&self.server).await {
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            let _ = sqlx::query(AssertSqlSafe(sql)).execute(&mut conn).await;
        }
    }
}

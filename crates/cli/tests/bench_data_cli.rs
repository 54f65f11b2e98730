//! `gongkai bench-data`: the same seed writes the same records word for word, another seed others; the tree,
//! the catalogue and the applications are what was asked for; the records make a lawful annual report (every
//! identity of the national format holds when the province's report is compiled over the whole tree); and a
//! store that holds records already is refused.

mod common;

use common::{code, gongkai, stderr, stdout};

fn generate(dir: &std::path::Path, seed: &str) -> String {
    let out = gongkai(&[
        "bench-data",
        "--data-dir",
        &dir.display().to_string(),
        "--agencies",
        "60",
        "--items",
        "900",
        "--applications",
        "1200",
        "--seed",
        seed,
    ]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// What the data set says, without the moments it was written at.
fn content(dir: &std::path::Path) -> Vec<String> {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let url = gongkai_store::DatabaseUrl::in_data_dir(dir);
        let store = gongkai_store::Store::connect(&url).await.expect("store");
        let mut lines = Vec::new();
        for sql in [
            "SELECT name || '|' || COALESCE(credit_code, '') AS line FROM agencies ORDER BY id",
            "SELECT title || '|' || COALESCE(doc_no, '') || '|' || category || '|' || body AS line FROM catalog_items ORDER BY id",
            "SELECT tracking_no || '|' || status || '|' || COALESCE(decided_on, '') || '|' || description AS line FROM applications ORDER BY id",
            "SELECT kind || '|' || on_date || '|' || detail AS line FROM application_events ORDER BY id",
        ] {
            let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(store.pool_for_tests())
                .await
                .expect(sql);
            lines.extend(rows);
        }
        store.close().await;
        lines
    })
}

#[test]
fn the_same_seed_gives_the_same_lawful_province_and_a_full_store_is_refused() {
    let work = tempfile::tempdir().expect("temp dir");
    let (one, two, other) = (
        work.path().join("one"),
        work.path().join("two"),
        work.path().join("other"),
    );
    let said = generate(&one, "3");
    assert!(
        said.contains("60 agencies, 900 items, 1200 applications"),
        "{said}"
    );
    generate(&two, "3");
    generate(&other, "4");
    let (a, b, c) = (content(&one), content(&two), content(&other));
    assert!(a.len() > 60 + 900 + 1200 + 1200, "{}", a.len());
    assert!(a == b, "the same seed, the same records");
    assert!(a != c, "another seed, other records");
    let steps: std::collections::BTreeSet<String> = a
        .iter()
        .filter(|l| !l.contains('【'))
        .filter_map(|l| l.split('|').next().map(str::to_owned))
        .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    for kind in [
        "received",
        "decided",
        "correction_requested",
        "extension_approved",
        "withdrawn",
    ] {
        assert!(steps.contains(kind), "a {kind} step among {steps:?}");
    }

    // The province's report over its whole tree, for each year: no error finding (exit 0).
    for year in ["2021", "2025"] {
        let report = gongkai(&[
            "report",
            "compile",
            "--data-dir",
            &one.display().to_string(),
            "--agency",
            "河南省人民政府",
            "--year",
            year,
            "--rollup",
            "--to",
            "txt",
        ]);
        assert_eq!(code(&report), 0, "{year}: {}", stderr(&report));
        assert!(stdout(&report).contains("结转下年度继续办理"), "{year}");
    }

    let again = gongkai(&["bench-data", "--data-dir", &one.display().to_string()]);
    assert_ne!(code(&again), 0);
    assert!(stderr(&again).contains("empty store"), "{}", stderr(&again));
}

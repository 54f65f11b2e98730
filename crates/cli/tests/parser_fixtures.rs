//! End to end on the real published reports of `../shared/fixtures/reports`: the seed report, every fixture
//! against the figures read off it by hand (`truth.tsv`), and the batch mode over the whole directory.

mod common;

use common::*;
use serde_json::{Value, json};

#[test]
fn the_seed_report_parses_to_its_expected_tables_and_checks_clean() {
    let seed = fixture("mengzhou-ggzyjy-2020.txt");
    let out = gongkai(&["report", "parse", "--json", s(&seed)]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let r = &lines[0];
    assert_eq!(r["format"], json!("F2019"));
    assert_eq!(r["year"], json!(2020));
    assert_eq!(r["agency"], json!("孟州市公共资源交易中心"));
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("mengzhou-ggzyjy-2020.expected.json")).expect("read"),
    )
    .expect("JSON");
    for t in ["t2", "t3", "t4"] {
        assert_eq!(r[t], expected[t], "table {t}");
    }
    let errors: Vec<&Value> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "no error finding: {errors:?}");
    assert_eq!(code(&gongkai(&["report", "check", s(&seed)])), 0);
}

/// Sum of the `total` column over the table 三 rows whose key starts with `prefix`; blank and "/" cells count
/// as 0 (as in truth.tsv), `None` when no row of the group holds a number.
fn t3_sum(r: &Value, prefix: &str) -> Option<i64> {
    let rows = r["t3"].as_object()?;
    let totals: Vec<Option<i64>> = rows
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(_, row)| row["total"].as_i64())
        .collect();
    totals
        .iter()
        .any(Option::is_some)
        .then(|| totals.iter().flatten().sum())
}

#[test]
fn every_fixture_parses_with_the_figures_read_by_hand() {
    let truth = std::fs::read_to_string(fixtures().join("truth.tsv")).expect("truth.tsv");
    let mut lines = truth.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let manifest = std::fs::read_to_string(fixtures().join("manifest.tsv")).expect("manifest");
    let file_of = |id: &str| {
        manifest
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .find(|c| c.first() == Some(&id))
            .and_then(|c| c.get(1).map(|f| f.to_string()))
            .expect("manifest row")
    };
    let mut failures = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let get = |name: &str| cols[header.iter().position(|h| *h == name).expect("column")];
        let file = fixture(&file_of(get("id")));
        let out = gongkai(&["report", "parse", "--json", s(&file)]);
        let Some(r) = json_lines(&out).into_iter().next() else {
            failures.push(format!("{}: no output", get("id")));
            continue;
        };
        if r.get("error").is_some() {
            failures.push(format!("{}: {}", get("id"), r["error"]));
            continue;
        }
        let cell = |path: &str| {
            let mut v = &r;
            for p in path.split('.') {
                v = &v[p];
            }
            v.as_i64()
        };
        let figures = [
            ("new_received", cell("t3.r1_new.total")),
            ("carried_over", cell("t3.r2_carry_in.total")),
            ("granted", cell("t3.r3_1_open.total")),
            ("partial", cell("t3.r3_2_partial.total")),
            ("denied_total", t3_sum(&r, "r3_3_")),
            ("unable_total", t3_sum(&r, "r3_4_")),
            ("not_processed_total", t3_sum(&r, "r3_5_")),
            ("other_total", t3_sum(&r, "r3_6_")),
            ("results_total", cell("t3.r3_7_total.total")),
            ("carried_forward", cell("t3.r4_carry_out.total")),
            ("reconsideration_total", cell("t4.review.total")),
            ("litigation_direct_total", cell("t4.lit_direct.total")),
            (
                "litigation_after_reconsideration_total",
                cell("t4.lit_after_review.total"),
            ),
        ];
        for (name, found) in figures {
            let want = get(name);
            let want = (want != "NA").then(|| want.parse::<i64>().expect("number"));
            if want.is_some() && want != found {
                failures.push(format!(
                    "{} {name}: want {want:?}, found {found:?}",
                    get("id")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn batch_over_the_fixture_directory_reads_every_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv_path = dir.path().join("fixtures.csv");
    let out = gongkai(&["report", "batch", s(&fixtures()), "-o", s(&csv_path)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut r = csv::Reader::from_path(&csv_path).expect("csv");
    let header = r.headers().expect("header").clone();
    let status = header.iter().position(|h| h == "status").expect("status");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
    let reports = std::fs::read_dir(fixtures())
        .expect("dir")
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.ends_with(".txt") || n.ends_with(".html") || n.ends_with(".json")
        })
        .count();
    assert_eq!(rows.len(), reports);
    let bad: Vec<_> = rows.iter().filter(|r| &r[status] != "ok").collect();
    assert!(bad.is_empty(), "unreadable: {bad:?}");
    assert!(
        stdout(&out).contains("unreadable:          0"),
        "{}",
        stdout(&out)
    );
}

//! The batch mode's library: CSV header, rows aligned with it, summary, previous-year pairing, directory walk.

use std::path::{Path, PathBuf};
use std::time::Duration;

use gongkai_domain::report::{AnnualReport, Cell, Format, validate};
use gongkai_report::batch::{
    Checked, Row, Summary, cell_columns, find_report_files, header, previous_indices, run,
    write_csv,
};
use gongkai_report::json::to_json;

#[test]
fn header_is_stable_and_unique() {
    let h = header();
    assert_eq!(h[0], "file");
    let mut sorted = h.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), h.len(), "no duplicate column");
    // F2021 has 200 cells, F2019 198, of which 172 share a path with F2021.
    assert_eq!(cell_columns().len(), 200 + 26);
    assert!(h.contains(&"t2.a20_8.admin_fees.fee_amount_wan".to_string()));
    assert!(h.contains(&"F2019:t2.a20_9.gov_procurement.amount".to_string()));
    assert!(h.contains(&"F2019:t3.r3_6_other.total".to_string()));
    assert!(h.contains(&"t3.r1_new.total".to_string()));
    assert!(h.contains(&"t2.a20_5.admin_license.decisions".to_string()));
}

fn report(format: Format, agency: &str, year: i32) -> AnnualReport {
    let mut r = AnnualReport::zeroed(format);
    r.agency = Some(agency.into());
    r.year = Some(year);
    r
}

#[test]
fn rows_align_with_the_header() {
    let mut r = report(Format::F2019, "某局", 2020);
    *r.cell_mut("t3.r1_new.np").expect("cell") = Cell::Int(5);
    *r.cell_mut("t3.r1_new.org_biz").expect("cell") = Cell::NotApplicable("/".into());
    *r.cell_mut("t3.r1_new.org_npo").expect("cell") = Cell::Unresolved;
    let findings = validate(&r);
    let row = Row {
        file: "a.txt".into(),
        outcome: Ok(Checked::of(&r, &findings, &cell_columns(), false)),
    };
    let rec = row.record();
    let h = header();
    assert_eq!(rec.len(), h.len());
    let at = |name: &str| &rec[h.iter().position(|c| c == name).expect("column")];
    assert_eq!(at("status"), "ok");
    assert_eq!(at("t3.r1_new.np"), "5");
    assert_eq!(at("t3.r1_new.org_biz"), "/");
    assert_eq!(at("t3.r1_new.org_npo"), "?");
    assert_eq!(at("F2019:t3.r3_6_other.np"), "0");
    assert_eq!(at("t2.a20_1.regulations.issued"), "", "F2021-only cell");
    assert!(at("failed_rules").contains("T3-01"));
    let bad = Row {
        file: "b.txt".into(),
        outcome: Err("坏 / bad".into()),
    };
    assert_eq!(bad.record().len(), h.len());
    assert_eq!(bad.record()[1], "error");
    let s = Summary::of(&[row, bad], Duration::from_secs(2));
    assert_eq!(
        (s.files, s.parsed, s.unreadable, s.with_errors),
        (2, 1, 1, 1)
    );
    assert_eq!(s.per_rule.get("T3-01"), Some(&1));
    assert!((s.per_second() - 1.0).abs() < 1e-9);
}

#[test]
fn previous_year_pairs_only_when_unique() {
    let (a20, a21, b21) = (
        report(Format::F2019, "甲", 2020),
        report(Format::F2021, "甲", 2021),
        report(Format::F2021, "乙", 2021),
    );
    let (c19x, c19y, c20) = (
        report(Format::F2019, "丙", 2019),
        report(Format::F2019, "丙", 2019),
        report(Format::F2019, "丙", 2020),
    );
    let list = [
        Some(&a21),
        Some(&a20),
        Some(&b21),
        None,
        Some(&c19x),
        Some(&c19y),
        Some(&c20),
    ];
    let prev = previous_indices(&list);
    assert_eq!(prev, vec![Some(1), None, None, None, None, None, None]);
}

/// A scratch directory under the system's temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let p = std::env::temp_dir().join(format!(
            "gongkai-batch-{tag}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&p).expect("scratch dir");
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("dirs");
    }
    std::fs::write(p, bytes).expect("write");
}

#[test]
fn run_reads_a_directory_in_order_and_compares_consecutive_years() {
    let dir = Scratch::new("run");
    let mut y2019 = report(Format::F2019, "丁", 2019);
    for col in ["np", "total"] {
        *y2019.cell_mut(&format!("t3.r1_new.{col}")).expect("c") = Cell::Int(2);
        *y2019
            .cell_mut(&format!("t3.r4_carry_out.{col}"))
            .expect("c") = Cell::Int(2);
    }
    let y2020 = report(Format::F2019, "丁", 2020);
    let json = |r: &AnnualReport| to_json(r, &[], false).to_string().into_bytes();
    write(&dir.0, "b/2020.json", &json(&y2020));
    write(&dir.0, "a/2019.JSON", &json(&y2019));
    write(&dir.0, "c/garbage.txt", &[0xff, 0xfe, 0x00]);
    write(&dir.0, "c/ignored.mp3", b"ID3");
    let paths = find_report_files(&dir.0).expect("walk");
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted");

    let seen = std::sync::atomic::AtomicUsize::new(0);
    let rows = run(&paths, &|_| {
        seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!(seen.into_inner(), 3, "progress once per file");
    assert_eq!(rows.len(), 3);
    assert!(rows[0].file.ends_with("2019.JSON"));
    assert!(rows[2].outcome.is_err(), "garbage is a row with an error");
    let y2020_row = rows[1].outcome.as_ref().expect("2020 parsed");
    assert!(y2020_row.with_previous);
    assert!(y2020_row.failed_rules.contains(&"T3-05"), "{y2020_row:?}");

    let mut csv = Vec::new();
    write_csv(&mut csv, &rows).expect("csv");
    let text = String::from_utf8(csv).expect("utf-8");
    assert_eq!(text.lines().count(), 4);
    assert!(find_report_files(&dir.0.join("missing")).is_err());
}

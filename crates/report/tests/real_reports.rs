//! Every real published report in `shared/fixtures/reports` parses, and its figures match `truth.tsv` (read off
//! each report by hand); the seed report matches its expected JSON cell for cell.

use std::path::PathBuf;

use gongkai_domain::report::{AnnualReport, Cell, Format, validate};
use gongkai_report::{json, parse_bytes};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/reports")
}

fn parse_fixture(file: &str) -> AnnualReport {
    let path = fixtures().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    parse_bytes(&bytes, Some(file)).unwrap_or_else(|e| panic!("parse {file}: {e}"))
}

/// A truth column's figure: a sum of totals over the rows whose key starts with `prefix`; `None` when every
/// one of them is blank (the report printed nothing).
fn total_over(r: &AnnualReport, prefix: &str) -> Option<i64> {
    let rows = gongkai_domain::report::layout::t3_rows(r.format);
    let cells: Vec<&Cell> = rows
        .iter()
        .filter(|row| row.key.starts_with(prefix))
        .filter_map(|row| r.t3_row(row.key))
        .map(|c| &c[6])
        .collect();
    if cells.iter().all(|c| **c == Cell::Empty) {
        return None;
    }
    // blank rows count as 0 in a group's total, as the hand reading does; text or unreadable cells do not
    cells
        .iter()
        .map(|c| {
            if **c == Cell::Empty {
                Some(0)
            } else {
                c.as_int()
            }
        })
        .sum()
}

fn t4_total(r: &AnnualReport, g: &str) -> Option<i64> {
    match r.cell(&format!("t4.{g}.total")) {
        Some(Cell::Empty) | None => None,
        Some(c) => c.as_int(),
    }
}

#[test]
fn every_fixture_matches_its_hand_read_truth() {
    let truth = std::fs::read_to_string(fixtures().join("truth.tsv")).expect("truth.tsv");
    let manifest = std::fs::read_to_string(fixtures().join("manifest.tsv")).expect("manifest.tsv");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in truth.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let id = f[0];
        let m: Vec<&str> = manifest
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .find(|m| m[0] == id)
            .unwrap_or_else(|| panic!("{id} in manifest"));
        let (file, agency, year, format) = (m[1], m[2], m[3], m[4]);
        let r = parse_fixture(file);
        let want_format = if format == "2019" {
            Format::F2019
        } else {
            Format::F2021
        };
        if r.format != want_format {
            failures.push(format!("{id}: format {:?}", r.format));
        }
        if r.year != year.parse().ok() {
            failures.push(format!("{id}: year {:?} != {year}", r.year));
        }
        if id == "seed" && r.agency.as_deref() != Some(agency) {
            failures.push(format!("{id}: agency {:?}", r.agency));
        }
        let got: Vec<Option<i64>> = vec![
            total_over(&r, "r1_new"),
            total_over(&r, "r2_carry_in"),
            total_over(&r, "r3_1_"),
            total_over(&r, "r3_2_"),
            total_over(&r, "r3_3_"),
            total_over(&r, "r3_4_"),
            total_over(&r, "r3_5_"),
            total_over(&r, "r3_6_"),
            total_over(&r, "r3_7_"),
            total_over(&r, "r4_"),
            t4_total(&r, "review"),
            t4_total(&r, "lit_direct"),
            t4_total(&r, "lit_after_review"),
        ];
        let names = truth
            .lines()
            .next()
            .expect("header")
            .split('\t')
            .skip(1)
            .collect::<Vec<_>>();
        for (k, want) in f[1..14].iter().enumerate() {
            let want: Option<i64> = if *want == "NA" {
                None
            } else {
                want.parse().ok()
            };
            if got[k] != want {
                failures.push(format!(
                    "{id}: {} = {:?}, truth {:?}",
                    names[k], got[k], want
                ));
            }
        }
        let findings = validate(&r);
        let t301_total = findings
            .iter()
            .any(|f| f.rule == "T3-01" && f.cells[0] == "t3.r1_new.total");
        if (f[14] == "no") != t301_total {
            failures.push(format!(
                "{id}: identity_holds={} but T3-01 on 总计 = {t301_total}",
                f[14]
            ));
        }
        checked += 1;
    }
    assert_eq!(checked, 15);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_seed_report_is_all_zero_with_no_error() {
    let r = parse_fixture("mengzhou-ggzyjy-2020.txt");
    assert_eq!(r.format, Format::F2019);
    assert_eq!(r.year, Some(2020));
    assert_eq!(r.agency.as_deref(), Some("孟州市公共资源交易中心"));
    let findings = validate(&r);
    assert!(findings.is_empty(), "{findings:#?}");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("mengzhou-ggzyjy-2020.expected.json"))
            .expect("expected json"),
    )
    .expect("valid json");
    let got = json::to_json(&r, &findings, false);
    for key in ["format", "year", "agency", "t2", "t3", "t4"] {
        assert_eq!(got[key], expected[key], "{key}");
    }
    // keys in the contract's order
    let order =
        |v: &serde_json::Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
    assert_eq!(order(&got["t3"]), order(&expected["t3"]));
    assert!(r.sections.iter().all(Option::is_some));
    assert!(r.section_body(6).contains("无其他需要报告的事项"));
    assert!(
        !r.section_body(3).contains("本年新收"),
        "table text stays out of the section body"
    );
}

#[test]
fn reports_whose_identity_fails_get_exactly_the_right_t3_01_findings() {
    // 023: one application counted both in （六）3.其他 and in 结转下年度: 1 + 0 ≠ 1 + 1 for 自然人 and 总计.
    let r = parse_fixture("023.txt");
    let t301: Vec<_> = validate(&r)
        .into_iter()
        .filter(|f| f.rule == "T3-01")
        .collect();
    let cols: Vec<&str> = t301.iter().map(|f| f.cells[0].as_str()).collect();
    assert_eq!(cols, vec!["t3.r1_new.np", "t3.r1_new.total"]);
    assert!(t301.iter().all(|f| f.expected == "2" && f.found == "1"));
    // 042 as printed: 自然人 16 新收 but 18 in （七）总计, 社会公益组织 2 vs 0, while the 总计 column balances.
    let r = parse_fixture("042.txt");
    let t301: Vec<_> = validate(&r)
        .into_iter()
        .filter(|f| f.rule == "T3-01")
        .collect();
    let cols: Vec<&str> = t301.iter().map(|f| f.cells[0].as_str()).collect();
    assert_eq!(cols, vec!["t3.r1_new.np", "t3.r1_new.org_npo"]);
}

#[test]
fn fixtures_with_no_identity_problem_have_no_t3_01() {
    for file in [
        "004.txt", "005.txt", "007.txt", "010.txt", "013.txt", "018.txt", "020.txt", "030.html",
        "036.txt", "044.txt", "048.txt",
    ] {
        let r = parse_fixture(file);
        let bad: Vec<_> = validate(&r)
            .into_iter()
            .filter(|f| f.rule == "T3-01")
            .collect();
        assert!(bad.is_empty(), "{file}: {bad:#?}");
    }
}

#[test]
fn the_seed_report_renders_in_every_format_and_parses_back_to_the_same_tables() {
    use gongkai_report::{RenderTarget, render};
    let seed = parse_fixture("mengzhou-ggzyjy-2020.txt");
    for (target, name) in [
        (RenderTarget::Txt, "seed.txt"),
        (RenderTarget::Md, "seed.md"),
        (RenderTarget::Html, "seed.html"),
        (RenderTarget::Docx, "seed.docx"),
        (RenderTarget::Pdf, "seed.pdf"),
        (RenderTarget::Json, "seed.json"),
    ] {
        let bytes = render(&seed, target).unwrap_or_else(|e| panic!("{name}: {e}"));
        let back =
            parse_bytes(&bytes, Some(name)).unwrap_or_else(|e| panic!("{name} parses back: {e}"));
        assert_eq!(back.format, Format::F2019, "{name}");
        assert_eq!(
            (back.year, back.agency.as_deref()),
            (Some(2020), Some("孟州市公共资源交易中心")),
            "{name}"
        );
        assert_eq!(back.t2, seed.t2, "{name}: table 二");
        assert_eq!(back.t3, seed.t3, "{name}: table 三");
        assert_eq!(back.t4, seed.t4, "{name}: table 四");
        let errors: Vec<_> = validate(&back)
            .into_iter()
            .filter(|f| f.severity == gongkai_domain::report::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

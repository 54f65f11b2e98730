//! The annual report compiled from the demo's records: every year 2021–2025 of 孟州市公共资源交易中心 passes
//! every rule (the cross-year ones against the year before), its table 三 is the one counted from the
//! applications, entered figures land in table 二, and 孟州市人民政府's 汇总 is the sum of its agencies' reports
//! cell by cell.

use std::collections::BTreeMap;

use gongkai_app::reports::{compile_report, compile_rollup};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{Cell, Format, Severity};
use gongkai_store::{AgencyStore, ReportInputStore, ReportInputs, agency_t3};

use crate::Demo;

/// The demo agency of that name, as stored.
async fn agency(app: &Demo, name: &str) -> gongkai_domain::agency::Agency {
    app.store
        .agency(AgencyId(app.agency(name)))
        .await
        .expect("read")
        .unwrap_or_else(|| panic!("no agency {name}"))
}

#[tokio::test]
async fn the_centres_reports_2021_to_2025_pass_every_rule_and_count_the_records() {
    let app = Demo::prepare().await;
    let centre = agency(&app, "孟州市公共资源交易中心").await;
    let mut t4_cases = 0;
    for year in 2021..=2025 {
        let compiled = compile_report(&app.store, &centre, year)
            .await
            .expect("compiled");
        assert_eq!(compiled.report.format, Format::F2021);
        let errors: Vec<_> = compiled
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{year}: {errors:#?}");
        assert!(
            compiled.findings.iter().all(|f| f.rule != "T3-05"),
            "{year}: 上年结转 equals the year before's 结转下年度"
        );
        let counted = agency_t3(&app.store, centre.id, year).await.expect("t3");
        assert_eq!(
            compiled.report.t3, counted.report.t3,
            "{year}: table 三 from the applications"
        );
        let register = gongkai_store::agency_t4(&app.store, centre.id, year)
            .await
            .expect("t4");
        assert_eq!(
            compiled.report.t4, register,
            "{year}: table 四 from the register"
        );
        t4_cases += compiled
            .report
            .cell("t4.review.total")
            .and_then(|c| c.as_int())
            .unwrap_or(0);
        let overview = &compiled.report.sections[0]
            .as_ref()
            .expect("section 一")
            .body;
        let new = counted
            .report
            .cell("t3.r1_new.total")
            .and_then(|c| c.as_int())
            .expect("new");
        assert!(
            overview.contains(&format!("新收政府信息公开申请{new}件")),
            "{overview}"
        );
        let fees = &compiled.report.sections[5]
            .as_ref()
            .expect("section 六")
            .body;
        assert!(
            fees.contains("信息处理费"),
            "30号: the fee statement, {fees}"
        );
    }
    assert!(t4_cases > 0, "the demo register has 行政复议 cases");
}

#[tokio::test]
async fn entered_figures_fill_table_two() {
    let app = Demo::prepare().await;
    let centre = agency(&app, "孟州市公共资源交易中心").await;
    let figures: BTreeMap<String, String> = [
        ("t2.a20_5.admin_license.decisions", "152"),
        ("t2.a20_8.admin_fees.fee_amount_wan", "31.6441"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let inputs = ReportInputs {
        figures,
        sections: Default::default(),
    };
    let by = ActorRef::System {
        reason: "test".into(),
    };
    app.store
        .save_report_inputs(centre.id, 2023, &inputs, &by)
        .await
        .expect("saved");
    assert_eq!(
        app.store
            .report_inputs(centre.id, 2023)
            .await
            .expect("read"),
        inputs
    );
    let compiled = compile_report(&app.store, &centre, 2023)
        .await
        .expect("compiled");
    let cell = |p: &str| compiled.report.cell(p).cloned();
    assert_eq!(
        cell("t2.a20_5.admin_license.decisions"),
        Some(Cell::Int(152))
    );
    assert_eq!(
        cell("t2.a20_8.admin_fees.fee_amount_wan"),
        Some(Cell::Amount("31.6441".parse().expect("decimal")))
    );
    assert_eq!(cell("t2.a20_6.admin_penalty.decisions"), Some(Cell::Int(0)));
}

#[tokio::test]
async fn the_governments_rollup_is_the_sum_of_its_agencies_cell_by_cell() {
    let app = Demo::prepare().await;
    let government = agency(&app, "孟州市人民政府").await;
    let tree = app.store.agency_tree().await.expect("tree");
    for year in [2021, 2023, 2025] {
        let rollup = compile_rollup(&app.store, &government, year)
            .await
            .expect("rollup");
        let members = tree.subtree(government.id);
        assert_eq!(rollup.members.len(), members.len());
        let mut compiled = Vec::new();
        for id in members {
            let agency = app.store.agency(id).await.expect("read").expect("agency");
            compiled.push(
                compile_report(&app.store, &agency, year)
                    .await
                    .expect("member"),
            );
        }
        let mut nonzero = 0;
        for path in cell_paths(rollup.summary.report.format) {
            // Counts are integers, 万元 amounts decimals; either way a number, summed exactly.
            let number = |cell: Option<&Cell>| match cell {
                Some(Cell::Int(n)) => Some(rust_decimal::Decimal::from(*n)),
                Some(Cell::Amount(d)) => Some(*d),
                _ => None,
            };
            let sum: rust_decimal::Decimal = compiled
                .iter()
                .map(|c| number(c.report.cell(&path)).unwrap_or_default())
                .sum();
            let got = number(rollup.summary.report.cell(&path));
            assert_eq!(got, Some(sum), "{year} {path}");
            nonzero += usize::from(!sum.is_zero());
        }
        assert!(
            nonzero > 0,
            "{year}: the demo's agencies have figures to sum"
        );
        assert!(
            rollup.summary.findings.iter().all(|f| f.rule != "D-06"),
            "{year}: D-06 holds"
        );
        // Section 一 drafted for the summary quotes the summed table 三, not the government's own figures.
        let new = rollup
            .summary
            .report
            .cell("t3.r1_new.total")
            .and_then(Cell::as_int)
            .expect("新收");
        let overview = rollup.summary.report.sections[0]
            .as_ref()
            .map(|s| s.body.clone())
            .unwrap_or_default();
        assert!(
            overview.contains(&format!("本年度新收政府信息公开申请{new}件")),
            "{year}: {overview}"
        );
        assert!(
            rollup
                .summary
                .findings
                .iter()
                .all(|f| f.severity != Severity::Error),
            "{year}: {:#?}",
            rollup.summary.findings
        );
    }
}

/// A cell's value as a number (`0` and `0.0000` alike), or its text.
fn value(cell: Option<&Cell>) -> String {
    match cell {
        Some(Cell::Int(n)) => n.to_string(),
        // 0.0000 万元 and 0 are the same figure.
        Some(Cell::Amount(d)) => d.normalize().to_string(),
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn the_centres_2020_report_equals_the_published_seed_document() {
    let app = Demo::prepare().await;
    let centre = agency(&app, "孟州市公共资源交易中心").await;
    let seed_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/reports/mengzhou-ggzyjy-2020.txt");
    let seed_bytes = std::fs::read(&seed_path).expect("the seed document");
    let seed =
        gongkai_report::parse_bytes(&seed_bytes, Some("mengzhou-ggzyjy-2020.txt")).expect("parsed");
    let compiled = compile_report(&app.store, &centre, 2020)
        .await
        .expect("compiled");
    assert_eq!(
        (compiled.report.format, seed.format),
        (Format::F2019, Format::F2019)
    );
    let paths = cell_paths(Format::F2019);
    assert!(paths.len() > 100);
    for path in paths {
        assert_eq!(
            value(compiled.report.cell(&path)),
            value(seed.cell(&path)),
            "{path}"
        );
    }
    // One JSON for a report however it was made: the compiled tables and the parsed seed's serialise to the
    // same bytes (the F2019 procurement amount is the string "0" in both, as the contract says).
    let compiled_json = gongkai_report::json::to_json(&compiled.report, &[], false);
    let seed_json = gongkai_report::json::to_json(&seed, &[], false);
    for table in ["t2", "t3", "t4"] {
        assert_eq!(
            compiled_json[table].to_string(),
            seed_json[table].to_string(),
            "table {table}"
        );
    }
    assert_eq!(
        compiled_json["t2"]["a20_9"]["gov_procurement"]["amount"],
        "0"
    );
    // It reads like the seed: the centre's own words in sections 一, 五 and 六.
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    for i in [0, 4, 5] {
        let ours = compiled.report.sections[i]
            .as_ref()
            .expect("section")
            .body
            .clone();
        let theirs = seed.sections[i].as_ref().expect("section").body.clone();
        assert_eq!(squash(&ours), squash(&theirs), "section {}", i + 1);
    }
    assert!(
        compiled
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error),
        "{:#?}",
        compiled.findings
    );
}

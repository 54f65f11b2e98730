//! The rules on the report's text and dates (T3-06, T3-07, D-03, D-05, D-07, D-08) over the real published
//! reports of `shared/fixtures/reports`: what the parser reads for them (the signature date, section 六's fee
//! figures), and that they fire on no correct report — only where the report really leaves something out.

use std::path::PathBuf;

use chrono::NaiveDate;
use gongkai_domain::report::{AnnualReport, validate, validate_with_previous};
use gongkai_report::parse_bytes;
use rust_decimal::Decimal;

const NEW_RULES: [&str; 6] = ["T3-06", "T3-07", "D-03", "D-05", "D-07", "D-08"];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/reports")
}

fn parse_fixture(file: &str) -> AnnualReport {
    let path = fixtures().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    parse_bytes(&bytes, Some(file)).unwrap_or_else(|e| panic!("parse {file}: {e}"))
}

fn all_fixtures() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".html"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_signature_date_and_the_fee_figures_are_read_off_real_reports() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let zero = Some(Decimal::ZERO);
    for (file, dated, collected) in [
        // "沐阳县人民政府 2026年1月23日"; "收取信息处理费共计380元"
        ("004.txt", date(2026, 1, 23), Some(Decimal::from(380))),
        // "2023年，我厅未收取信息处理费。" and no signature date
        ("007.txt", None, zero),
        // "六、其他需要报告的事项2021年，无收取信息处理费情况。 平潭综合实验区公安局2022年1月7日"
        ("023.txt", date(2022, 1, 7), zero),
        ("042.txt", date(2022, 1, 10), None),
        ("044.txt", date(2021, 1, 25), None),
        // "本年度没有产生信息公开处理费。 …管理局 2022年1月7日抄送：…办公室 2022年1月7日印发"
        ("048.txt", date(2022, 1, 7), zero),
    ] {
        let r = parse_fixture(file);
        assert_eq!(r.dated, dated, "{file}");
        assert_eq!(r.fees.collected_yuan, collected, "{file}");
        assert_eq!(
            r.fees.notice_count, None,
            "{file}: no report states its notices"
        );
    }
}

/// What each real report gets from the new rules, and why it is right:
/// - 004 (沭阳县人民政府 2025, a people's government): table 三 has 7 applications ended by an unpaid fee, and
///   六 states only the 380 元 collected, not the notices (T3-06); it speaks of 考核 and 评价 but never of
///   责任追究 (D-08, 条例第五十条第（四）项).
/// - every other report: nothing. Their publication dates, where printed, are in time (D-03); their overviews
///   cover 30号's five topics (D-07).
#[test]
fn the_new_rules_fire_on_no_correct_real_report() {
    let mut seen = Vec::new();
    for file in all_fixtures() {
        let r = parse_fixture(&file);
        for f in validate(&r) {
            if NEW_RULES.contains(&f.rule) {
                seen.push(format!("{file} {}", f.rule));
            }
        }
    }
    assert_eq!(seen, vec!["004.txt T3-06", "004.txt D-08"], "{seen:#?}");
}

#[test]
fn d_03_a_real_departments_report_dated_after_31_january_is_late() {
    let mut r = parse_fixture("048.txt");
    assert!(!validate(&r).iter().any(|f| f.rule == "D-03"));
    r.dated = NaiveDate::from_ymd_opt(2022, 2, 8);
    let late: Vec<_> = validate(&r)
        .into_iter()
        .filter(|f| f.rule == "D-03")
        .collect();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].expected, "≤ 2022-01-31");
    // 004 is a people's government's own report: due by 31 March.
    let mut r = parse_fixture("004.txt");
    r.dated = NaiveDate::from_ymd_opt(2026, 3, 20);
    assert!(!validate(&r).iter().any(|f| f.rule == "D-03"));
}

#[test]
fn d_05_two_real_years_of_one_agency_differ_but_a_copy_does_not() {
    let before = parse_fixture("044.txt");
    let now = parse_fixture("048.txt");
    let d05 = |now: &AnnualReport| {
        validate_with_previous(now, Some(&before))
            .into_iter()
            .filter(|f| f.rule == "D-05")
            .collect::<Vec<_>>()
    };
    assert!(d05(&now).is_empty(), "{:#?}", d05(&now));
    // 2021's overview as 2020's with the year and the figures changed and one sentence added.
    let mut copied = now.clone();
    let s1 = copied.sections[0].as_mut().expect("s1");
    s1.body = before
        .section_body(1)
        .replace("2020", "2021")
        .replace('5', "7")
        + "本年度新增政务公开工作专题培训一次。";
    let found = d05(&copied);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].cells, vec!["s1", "prev.s1"]);
}

#[test]
fn t3_06_and_t3_07_read_the_figures_a_real_section_six_states() {
    // 048 states no fee was charged; with a lapsed fee in table 三 that is a contradiction to confirm.
    let mut r = parse_fixture("048.txt");
    for path in ["t3.r3_6_2_fee_unpaid.np", "t3.r3_6_2_fee_unpaid.total"] {
        *r.cell_mut(path).expect("cell") = gongkai_domain::report::Cell::Int(1);
    }
    let rules: Vec<_> = validate(&r).into_iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"T3-06"), "{rules:?}");
    // 004 collected 380 元; had it said the notices asked for less, T3-07 would say so.
    let mut r = parse_fixture("004.txt");
    r.fees.notice_count = Some(1);
    r.fees.notice_amount_yuan = Some(Decimal::from(300));
    let rules: Vec<_> = validate(&r).into_iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"T3-07"), "{rules:?}");
}

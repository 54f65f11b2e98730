use gongkai_domain::agency::AgencyKind;
use gongkai_domain::report::{AnnualReport, Cell, Format, validate, validate_with_previous};
use rust_decimal::Decimal;

use super::{FeeYear, Records, draft_sections};

fn drafted(year: i32, records: &Records) -> AnnualReport {
    let mut report = AnnualReport::zeroed(Format::for_year(year));
    report.year = Some(year);
    report.agency = Some("孟州市财政局".into());
    draft_sections(&mut report, year, records);
    report
}

fn rules(report: &AnnualReport) -> Vec<&'static str> {
    validate(report).iter().map(|f| f.rule).collect()
}

#[test]
fn section_six_names_the_fee_rules_only_from_2021() {
    let none = Records::default();
    let charged = Records {
        fees: FeeYear {
            notices: 2,
            noticed_yuan: Decimal::from(2200),
            paid_yuan: Decimal::from(1100),
        },
        ..Records::default()
    };
    let named = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";
    assert!(drafted(2021, &none).section_body(6).contains(named));
    let text = drafted(2025, &charged).section_body(6).to_owned();
    assert!(
        text.contains(named) && text.contains("收费通知2件") && text.contains("1100元"),
        "{text}"
    );
    for year in [2019, 2020] {
        let report = drafted(year, &none);
        let text = report.section_body(6);
        assert!(
            !text.contains("109号") && !text.contains("信息处理费管理办法"),
            "{year}: {text}"
        );
    }
}

#[test]
fn the_drafted_overview_covers_the_five_topics_of_30hao_whatever_the_records() {
    for records in [
        Records::default(),
        Records {
            published_items: 37,
            website: "http://www.mengzhou.gov.cn/",
            ..Records::default()
        },
    ] {
        for year in [2021, 2025] {
            let report = drafted(year, &records);
            let text = report.section_body(1);
            for heading in [
                "（一）主动公开",
                "（二）依申请公开",
                "（三）政府信息管理",
                "（四）政府信息公开平台建设",
                "（五）监督保障",
            ] {
                assert!(text.contains(heading), "{heading}: {text}");
            }
            assert!(
                report.sections[0].as_ref().is_some_and(|s| s.drafted),
                "marked as drafted"
            );
            assert!(
                !rules(&report).contains(&"D-07"),
                "{year}: {:#?}",
                validate(&report)
            );
        }
    }
    let with_records = drafted(
        2024,
        &Records {
            published_items: 37,
            website: "http://www.mengzhou.gov.cn/",
            ..Records::default()
        },
    );
    let text = with_records.section_body(1);
    assert!(text.contains("主动公开政府信息37条") && text.contains("www.mengzhou.gov.cn"));
    assert!(
        !text.contains("待填写：本年度主动公开"),
        "a record, not a placeholder"
    );
}

#[test]
fn the_drafted_overview_quotes_the_tables_figures() {
    let mut report = AnnualReport::zeroed(Format::F2021);
    report.year = Some(2024);
    for (path, v) in [
        ("t3.r1_new.np", 5),
        ("t3.r1_new.total", 5),
        ("t3.r3_1_open.np", 5),
        ("t3.r3_1_open.total", 5),
        ("t3.r3_7_total.np", 5),
        ("t3.r3_7_total.total", 5),
        ("t4.review.maintain", 2),
        ("t4.review.total", 2),
        ("t4.lit_direct.pending", 1),
        ("t4.lit_direct.total", 1),
    ] {
        *report.cell_mut(path).expect("cell") = Cell::Int(v);
    }
    draft_sections(&mut report, 2024, &Records::default());
    let text = report.section_body(1);
    assert!(
        text.contains("行政复议2件") && text.contains("行政诉讼1件"),
        "{text}"
    );
    assert!(
        !rules(&report).contains(&"T3-08"),
        "{:#?}",
        validate(&report)
    );
}

#[test]
fn a_governments_drafted_report_still_owes_assessment_and_accountability() {
    let mut report = AnnualReport::zeroed(Format::F2021);
    report.year = Some(2024);
    report.agency = Some("孟州市人民政府".into());
    report.agency_kind = Some(AgencyKind::Government);
    draft_sections(&mut report, 2024, &Records::default());
    assert!(
        rules(&report).contains(&"D-08"),
        "placeholders report nothing"
    );
    report.sections[4].as_mut().expect("s5").body =
        "将政务公开纳入年度绩效考核，开展社会评议，本年度未发生责任追究情况。".into();
    report.sections[4].as_mut().expect("s5").drafted = false;
    assert!(!rules(&report).contains(&"D-08"));
}

#[test]
fn a_drafted_overview_edited_by_the_agency_is_not_taken_for_a_copy() {
    // The agency keeps the headings and the figures and writes its own words in the placeholders.
    let edit = |year: i32, own: [&str; 3]| {
        let mut report = drafted(year, &Records::default());
        let s = report.sections[0].as_mut().expect("s1");
        s.body = s
            .body
            .replace("（待填写：本年度主动公开政府信息的情况。）", own[0])
            .replace(
                "（待填写：保密审查、公开属性认定和动态调整等情况。）",
                own[1],
            )
            .replace(
                "（待填写：工作考核、社会评议、责任追究和业务培训等情况。）",
                own[2],
            );
        s.drafted = false;
        report
    };
    let before = edit(
        2023,
        [
            "围绕财政预决算公开，全年发布部门预算、决算和“三公”经费说明，集中在统一平台展示。",
            "建立发文前公开属性源头认定机制，对存量文件开展集中清理，更新目录。",
            "组织全局业务培训两次，将政务公开纳入科室年度考核。",
        ],
    );
    let now = edit(
        2024,
        [
            "重点公开惠企政策兑现和政府采购意向，开设政策解读专题，配发图解和问答。",
            "推行公开与保密双审签，对历年规范性文件逐件评估，标注有效性。",
            "邀请企业代表座谈评议公开质量，对发现的问题逐项整改销号。",
        ],
    );
    let d05: Vec<_> = validate_with_previous(&now, Some(&before))
        .into_iter()
        .filter(|f| f.rule == "D-05")
        .collect();
    assert!(d05.is_empty(), "{d05:#?}");
    // The same edit carried over unchanged is a copy.
    let copied = edit(
        2024,
        [
            "围绕财政预决算公开，全年发布部门预算、决算和“三公”经费说明，集中在统一平台展示。",
            "建立发文前公开属性源头认定机制，对存量文件开展集中清理，更新目录。",
            "组织全局业务培训两次，将政务公开纳入科室年度考核。",
        ],
    );
    assert!(
        validate_with_previous(&copied, Some(&before))
            .iter()
            .any(|f| f.rule == "D-05")
    );
}

#[test]
fn every_placeholder_a_draft_writes_is_one_publication_refuses() {
    // 条例第五十条: sections 一 and 五 drafted from the records still owe the agency's own words, and the rule
    // that refuses publication (gongkai_domain::report::sections_with_placeholders) finds them.
    for year in [2020, 2025] {
        let report = drafted(year, &Records::default());
        assert_eq!(
            gongkai_domain::report::sections_with_placeholders(&report),
            vec![1, 5],
            "{year}"
        );
    }
    // Section 五 written by the agency and 一 with every placeholder filled: nothing stands in the way.
    let mut report = drafted(2025, &Records::default());
    for i in [0, 4] {
        let s = report.sections[i].as_mut().expect("section");
        s.body = "本年度按计划完成政府信息公开工作，存在的问题已在年内整改。".into();
        s.drafted = false;
    }
    assert!(gongkai_domain::report::sections_with_placeholders(&report).is_empty());
}

//! Content rules on what the text covers:
//! - D-07 (F2021): 一、总体情况 covers the five topics 国办公开办函〔2021〕30号 lists (主动公开, 依申请公开, 政府信息管理,
//!   政府信息公开平台建设, 监督保障);
//! - D-08: a 人民政府's report covers 工作考核、社会评议和责任追究结果情况 (条例第五十条第（四）项).
//!
//! Each topic is a set of words any one of which shows it is covered. The sets were measured on the real
//! reports of `shared/fixtures/reports`: every F2021 report there with a written overview passes D-07 (see the
//! report tests, `real_reports.rs`).

use super::deadline::is_peoples_government;
use crate::report::{AnnualReport, Finding, Format, Rule};

/// A topic: its name in both languages and the words that show the text covers it.
struct Topic {
    zh: &'static str,
    en: &'static str,
    words: &'static [&'static str],
}

/// 30号: 一、总体情况 "主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面".
const OVERVIEW_TOPICS: [Topic; 5] = [
    Topic {
        zh: "主动公开",
        en: "proactive disclosure",
        // 023 (平潭综合实验区公安局 2021) says "依法及时向社会公开" and "政府信息公开目录" instead.
        words: &[
            "主动公开",
            "公开政府信息",
            "发布信息",
            "发布政府信息",
            "向社会公开",
            "公开目录",
        ],
    },
    Topic {
        zh: "依申请公开",
        en: "disclosure on request",
        words: &["依申请", "公开申请", "申请公开"],
    },
    Topic {
        zh: "政府信息管理",
        en: "information management",
        words: &[
            "信息管理",
            "保密审查",
            "审查",
            "公开属性",
            "动态调整",
            "清理",
            "源头认定",
            "发布审核",
            "三审",
        ],
    },
    Topic {
        zh: "政府信息公开平台建设",
        en: "disclosure platforms",
        // 条例第二十四、二十五条: the 查阅场所 in 档案馆, 图书馆 and 政务服务场所 are platforms too (042, 平潭综合实验区
        // 自然资源与生态环境局 2021, names only those).
        words: &[
            "平台",
            "网站",
            "新媒体",
            "专栏",
            "公众号",
            "微博",
            "微信",
            "门户",
            "公开栏",
            "查阅",
            "档案馆",
            "图书馆",
            "政务服务中心",
            "政务服务大厅",
        ],
    },
    Topic {
        zh: "监督保障",
        en: "oversight and support",
        words: &[
            "监督", "保障", "考核", "培训", "督查", "督导", "责任", "评议", "问责",
        ],
    },
];

/// 条例第五十条第（四）项: 各级人民政府 also report 工作考核、社会评议和责任追究结果情况.
const GOVERNMENT_TOPICS: [Topic; 3] = [
    Topic {
        zh: "工作考核",
        en: "performance assessment",
        words: &["考核", "考评", "绩效"],
    },
    Topic {
        zh: "社会评议",
        en: "public evaluation",
        words: &["评议", "社会评价", "群众评价", "满意度"],
    },
    Topic {
        zh: "责任追究",
        en: "accountability",
        words: &["责任追究", "追责", "问责", "追究责任", "追究"],
    },
];

fn missing<'t>(topics: &'t [Topic], text: &str) -> Vec<&'t Topic> {
    topics
        .iter()
        .filter(|t| !t.words.iter().any(|w| text.contains(w)))
        .collect()
}

fn names(topics: &[&Topic], zh: bool) -> String {
    let parts: Vec<&str> = topics
        .iter()
        .map(|t| if zh { t.zh } else { t.en })
        .collect();
    parts.join(if zh { "、" } else { ", " })
}

pub(super) fn check(report: &AnnualReport, findings: &mut Vec<Finding>) {
    overview_topics(report, findings);
    government_topics(report, findings);
}

/// D-07 (F2021). An empty overview is not judged on its topics (D-01 speaks for a missing one; a compiled
/// report always drafts it, under the five headings).
fn overview_topics(report: &AnnualReport, findings: &mut Vec<Finding>) {
    if report.format != Format::F2021 {
        return;
    }
    let text = report.section_body(1);
    if text.trim().is_empty() {
        return;
    }
    let absent = missing(&OVERVIEW_TOPICS, text);
    if absent.is_empty() {
        return;
    }
    findings.push(Finding::new(
        Rule::D07,
        vec!["s1".into()],
        names(&OVERVIEW_TOPICS.iter().collect::<Vec<_>>(), true),
        format!("缺：{}", names(&absent, true)),
        format!(
            "总体情况未涉及{}（国办公开办函〔2021〕30号：总体情况主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面）",
            names(&absent, true)
        ),
        format!(
            "the overview does not cover {} (Circular 30 of 2021 asks it to cover proactive disclosure, disclosure on request, information management, disclosure platforms, oversight and support)",
            names(&absent, false)
        ),
    ));
}

/// D-08: anywhere in the report's own words (the preamble and the six sections; a section the engine drafted
/// does not count, since its placeholders report nothing).
fn government_topics(report: &AnnualReport, findings: &mut Vec<Finding>) {
    if !is_peoples_government(report) {
        return;
    }
    let mut text = report.preamble.clone();
    for section in report.sections.iter().flatten().filter(|s| !s.drafted) {
        text.push_str(&section.body);
    }
    let absent = missing(&GOVERNMENT_TOPICS, &text);
    if absent.is_empty() {
        return;
    }
    findings.push(Finding::new(
        Rule::D08,
        vec!["s1".into(), "s5".into()],
        names(&GOVERNMENT_TOPICS.iter().collect::<Vec<_>>(), true),
        format!("缺：{}", names(&absent, true)),
        format!(
            "人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项），本报告未涉及{}",
            names(&absent, true)
        ),
        format!(
            "a people's government's report must cover performance assessment, public evaluation and accountability results (Art. 50(4) of the Regulations); this one does not mention {}",
            names(&absent, false)
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules};
    use crate::agency::AgencyKind;
    use crate::report::{Format, validate};

    const FULL: &str = "（一）主动公开：本年度主动公开政府信息120条。（二）依申请公开：新收申请0件。\
        （三）政府信息管理：严格落实保密审查。（四）平台建设：办好政府网站公开专栏。（五）监督保障：组织业务培训。";

    #[test]
    fn d_07_names_the_topics_the_overview_leaves_out() {
        let mut r = clean(Format::F2021, 2023);
        r.sections[0].as_mut().expect("s1").body = FULL.into();
        assert!(validate(&r).is_empty());
        r.sections[0].as_mut().expect("s1").body =
            "本年度主动公开政府信息120条，收到政府信息公开申请0件。".into();
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["D-07"]);
        assert_eq!(
            f[0].found,
            "缺：政府信息管理、政府信息公开平台建设、监督保障"
        );
        assert!(
            f[0].message.en.contains("information management"),
            "{}",
            f[0].message.en
        );
        // F2019 had no such list.
        let mut old = clean(Format::F2019, 2020);
        old.sections[0].as_mut().expect("s1").body = "本年度主动公开政府信息120条。".into();
        assert!(validate(&old).is_empty());
    }

    #[test]
    fn d_08_a_governments_report_covers_assessment_evaluation_and_accountability() {
        let mut r = clean(Format::F2021, 2023);
        r.sections[0].as_mut().expect("s1").body = FULL.into();
        r.agency = Some("孟州市人民政府".into());
        let f = validate(&r);
        assert_eq!(rules(&f), vec!["D-08"]);
        assert_eq!(f[0].found, "缺：工作考核、社会评议、责任追究");
        r.sections[4].as_mut().expect("s5").body =
            "将政务公开纳入绩效考核，开展社会评议，本年度未发生责任追究情况。".into();
        assert!(validate(&r).is_empty());
        // Only the agency's own words count: a drafted section's placeholders do not.
        r.sections[4].as_mut().expect("s5").drafted = true;
        assert_eq!(rules(&validate(&r)), vec!["D-08"]);
        // A department is not asked, whatever it is called; a government known by kind is.
        let mut dept = clean(Format::F2021, 2023);
        dept.sections[0].as_mut().expect("s1").body = FULL.into();
        assert!(validate(&dept).is_empty());
        dept.agency_kind = Some(AgencyKind::Government);
        assert_eq!(rules(&validate(&dept)), vec!["D-08"]);
    }
}

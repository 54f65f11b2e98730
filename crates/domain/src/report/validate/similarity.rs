//! D-05: section 一 or 五 is near-identical to the previous year's (国办公开办函〔2021〕30号 warns that 内容雷同、
//! 敷衍塞责 leads to accountability under 条例第四十七条).
//!
//! Two texts are compared after normalisation (digits, whitespace and punctuation removed, so that a copy
//! with this year's figures and dates written in is still a copy) by the Jaccard index of their sets of
//! character bigrams. Measured on the real reports of `shared/fixtures/reports` (normalised, 一 and 五):
//! - 平潭综合实验区市场监督管理局 2020 vs 2021 (044, 048; consecutive years): 一 0.40, 五 0.23;
//! - 平潭综合实验区 2021 vs 2024 (018, 020): 一 0.14, 五 0.14; 2019 vs 2021 (005, 018): 0.10, 0.06;
//! - 河北省工业和信息化厅 2020 vs 2023 (016, 013): 一 0.11, 五 0.10;
//! - any two fixtures: at most 0.40;
//! - a section copied with this year's figures and dates written in: 1.00 (see the tests); the drafted
//!   overview with its placeholders replaced by the agency's own words, against last year's likewise edited:
//!   0.47, and the unedited draft against an edited one 0.55 (`crates/app/src/reports/draft_tests.rs`).
//!
//! [`THRESHOLD`] sits well clear of both: a copy with a sentence or two changed stays above 0.9.

use std::collections::HashSet;

use crate::report::{AnnualReport, Finding, Rule};

/// At or above this similarity a section counts as copied.
pub(super) const THRESHOLD: f64 = 0.9;

/// Below this many characters after normalisation a section is too short to judge: two reports that both say
/// "无" in 五 did not copy each other.
const MIN_CHARS: usize = 40;

/// The text with what changes from year to year by itself removed: digits of any kind (figures and dates),
/// whitespace, punctuation and symbols.
pub(super) fn normalise(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphabetic() && !c.is_numeric())
        .collect()
}

/// Jaccard index of the two texts' sets of character bigrams (1.0 for identical texts).
pub(super) fn similarity(a: &[char], b: &[char]) -> f64 {
    let bigrams =
        |t: &[char]| -> HashSet<(char, char)> { t.windows(2).map(|w| (w[0], w[1])).collect() };
    let (x, y) = (bigrams(a), bigrams(b));
    let union = x.union(&y).count();
    if union == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / union as f64
}

pub(super) fn check(report: &AnnualReport, prev: &AnnualReport, findings: &mut Vec<Finding>) {
    for (n, zh_name, en_name) in [
        (1, "一、总体情况", "overview"),
        (
            5,
            "五、存在的主要问题及改进情况",
            "problems and improvements",
        ),
    ] {
        let (Some(Some(now)), Some(Some(before))) =
            (report.sections.get(n - 1), prev.sections.get(n - 1))
        else {
            continue;
        };
        // A section the engine drafted is a template filled with this year's records, or a placeholder the
        // clerk has not yet replaced: its likeness to last year's says nothing about the agency copying.
        if now.drafted || before.drafted {
            continue;
        }
        let (a, b) = (normalise(&now.body), normalise(&before.body));
        if a.len() < MIN_CHARS || b.len() < MIN_CHARS {
            continue;
        }
        let score = similarity(&a, &b);
        if score < THRESHOLD {
            continue;
        }
        let percent = (score * 100.0).round();
        findings.push(Finding::new(
            Rule::D05,
            vec![format!("s{n}"), format!("prev.s{n}")],
            format!("< {:.0}%", THRESHOLD * 100.0),
            format!("{percent:.0}%"),
            format!(
                "“{zh_name}”与上一年度报告几乎相同（去除数字后相似度 {percent:.0}%），请避免内容雷同（国办公开办函〔2021〕30号）"
            ),
            format!(
                "the {en_name} section is almost the same as last year's ({percent:.0}% alike once figures are removed): 30号 warns against copied content"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean, rules};
    use super::{normalise, similarity};
    use crate::report::{Format, validate_with_previous};

    const OVERVIEW_2022: &str = "2022年，市财政局深入贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息356条，\
        其中预决算信息42条；收到政府信息公开申请12件，均按期办结。加强政府网站公开专栏建设，开展业务培训2次。";
    const OVERVIEW_2023: &str = "2023年，市财政局深入贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息401条，\
        其中预决算信息45条；收到政府信息公开申请9件，均按期办结。加强政府网站公开专栏建设，开展业务培训3次。";
    const OVERVIEW_OWN_WORDS: &str = "本年度我局围绕财政预算公开这一重点，细化公开目录，推动部门预决算在统一平台集中发布；\
        依申请公开方面，完善登记、审核、答复流程，注重答复文书的规范性；同时加强对下属单位的指导和检查。";

    fn pair(prev_body: &str, now_body: &str, n: usize) -> Vec<&'static str> {
        let mut prev = clean(Format::F2021, 2022);
        let mut now = clean(Format::F2021, 2023);
        prev.sections[n - 1].as_mut().expect("section").body = prev_body.into();
        now.sections[n - 1].as_mut().expect("section").body = now_body.into();
        rules(&validate_with_previous(&now, Some(&prev)))
            .into_iter()
            .filter(|r| *r == "D-05")
            .collect()
    }

    #[test]
    fn d_05_a_section_copied_with_new_figures_is_flagged() {
        let a = normalise(OVERVIEW_2022);
        assert_eq!(similarity(&a, &normalise(OVERVIEW_2023)), 1.0);
        assert_eq!(pair(OVERVIEW_2022, OVERVIEW_2023, 1), vec!["D-05"]);
        assert_eq!(pair(OVERVIEW_2022, OVERVIEW_2023, 5), vec!["D-05"]);
    }

    #[test]
    fn d_05_a_section_in_the_agencys_own_words_passes() {
        let score = similarity(&normalise(OVERVIEW_2022), &normalise(OVERVIEW_OWN_WORDS));
        assert!(score < 0.3, "{score}");
        assert!(pair(OVERVIEW_2022, OVERVIEW_OWN_WORDS, 1).is_empty());
        // Too short to judge: both years said there was nothing to report.
        assert!(pair("无。", "无。", 5).is_empty());
    }

    #[test]
    fn d_05_skips_a_drafted_section() {
        let mut prev = clean(Format::F2021, 2022);
        let mut now = clean(Format::F2021, 2023);
        for (r, body) in [(&mut prev, OVERVIEW_2022), (&mut now, OVERVIEW_2023)] {
            let s = r.sections[0].as_mut().expect("s1");
            s.body = body.into();
            s.drafted = true;
        }
        assert!(!rules(&validate_with_previous(&now, Some(&prev))).contains(&"D-05"));
    }
}

//! A report is not finished while a section still holds a drafting placeholder such as `（待填写）` or
//! `（待填写：……）`: 条例第五十条 lists what the annual report must state, and a placeholder states nothing. An
//! annual report once published went out with `（待填写）` in section 五; publication is refused until the
//! agency writes its own words there.

use super::AnnualReport;

/// The word every drafting placeholder carries (the app's drafts write `（待填写）` and `（待填写：……）`).
pub const PLACEHOLDER_MARK: &str = "待填写";

/// The sections (1 to 6, as numbered 一 to 六) whose text still holds a placeholder.
pub fn sections_with_placeholders(report: &AnnualReport) -> Vec<usize> {
    report
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.as_ref()
                .filter(|s| s.body.contains(PLACEHOLDER_MARK))
                .map(|_| i + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, Section};

    fn with(bodies: [&str; 6]) -> AnnualReport {
        let mut r = AnnualReport::blank(Format::F2021);
        for (i, body) in bodies.iter().enumerate() {
            r.sections[i] = Some(Section {
                heading: format!("第{}部分", i + 1),
                body: (*body).to_owned(),
                drafted: false,
            });
        }
        r
    }

    #[test]
    fn a_placeholder_in_section_five_is_found_wherever_it_stands() {
        let r = with([
            "本年度主动公开政府信息120条。",
            "",
            "",
            "",
            "本年度政府信息公开工作存在的主要问题及改进情况（待填写）。",
            "本年度未收取信息处理费。",
        ]);
        assert_eq!(sections_with_placeholders(&r), vec![5]);
        let r = with([
            "（待填写：本年度主动公开政府信息的情况。）",
            "",
            "",
            "",
            "（待填写）",
            "",
        ]);
        assert_eq!(sections_with_placeholders(&r), vec![1, 5]);
    }

    #[test]
    fn a_report_in_the_agency_own_words_has_none() {
        let r = with([
            "本年度主动公开政府信息120条。",
            "",
            "",
            "",
            "存在的问题：公开专栏更新不够及时。改进措施：每周检查一次。",
            "本年度未收取信息处理费。",
        ]);
        assert!(sections_with_placeholders(&r).is_empty());
        assert!(sections_with_placeholders(&AnnualReport::blank(Format::F2019)).is_empty());
    }
}

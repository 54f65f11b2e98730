//! The written notices the 条例 requires an agency to serve in the course of an application, each kind with
//! its Chinese name, its title, and the word of its 发文字号 (GB/T 9704-2012 7.2.4: 发文机关代字、年份、发文顺序号),
//! numbered per agency, per year and per kind.

use serde::{Deserialize, Serialize};

/// A kind of notice (or the decision letter itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// 答复告知书 (条例第三十六条 to 第三十九条).
    Decision,
    /// 补正告知书 (条例第三十条).
    Correction,
    /// 延期答复告知书 (条例第三十三条第二款).
    Extension,
    /// 征求第三方意见书, addressed to the third party (条例第三十二条).
    Consultation,
    /// 征求意见函 to another agency (条例第三十四条); the applicant is not notified.
    AgencyConsultation,
    /// 收费通知书 (条例第四十二条; 国办函〔2020〕109号).
    Fee,
    /// 说明理由通知书 (条例第三十五条: the applicant explains the number or frequency of requests).
    Reasons,
    /// 延迟答复告知书 (条例第三十五条: a reasonable later deadline).
    Delay,
    /// 终止告知书, when a 补正 or a fee lapses (视为放弃申请).
    Termination,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 9] = [
        Self::Decision,
        Self::Correction,
        Self::Extension,
        Self::Consultation,
        Self::AgencyConsultation,
        Self::Fee,
        Self::Reasons,
        Self::Delay,
        Self::Termination,
    ];

    /// Stable code, as stored with the letter.
    pub fn code(self) -> &'static str {
        match self {
            Self::Decision => "decision",
            Self::Correction => "correction",
            Self::Extension => "extension",
            Self::Consultation => "consultation",
            Self::AgencyConsultation => "agency_consultation",
            Self::Fee => "fee",
            Self::Reasons => "reasons",
            Self::Delay => "delay",
            Self::Termination => "termination",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The short Chinese name a list shows.
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Decision => "答复告知书",
            Self::Correction => "补正告知书",
            Self::Extension => "延期答复告知书",
            Self::Consultation => "征求第三方意见书",
            Self::AgencyConsultation => "征求意见函",
            Self::Fee => "收费通知书",
            Self::Reasons => "说明理由通知书",
            Self::Delay => "延迟答复告知书",
            Self::Termination => "终止告知书",
        }
    }

    /// The title printed on the notice.
    pub fn title(self) -> &'static str {
        match self {
            Self::Decision => "政府信息公开申请答复告知书",
            Self::Correction => "政府信息公开申请补正告知书",
            Self::Extension => "政府信息公开申请延期答复告知书",
            Self::Consultation => "政府信息公开征求第三方意见书",
            Self::AgencyConsultation => "政府信息公开征求意见函",
            Self::Fee => "政府信息公开信息处理费收费通知书",
            Self::Reasons => "政府信息公开申请说明理由通知书",
            Self::Delay => "政府信息公开申请延迟答复告知书",
            Self::Termination => "政府信息公开申请终止告知书",
        }
    }

    /// The word of the 发文字号 after the agency's 代字: 依申请公开 (依申) and what the notice does.
    pub fn doc_word(self) -> &'static str {
        match self {
            Self::Decision => "依申告",
            Self::Correction => "依申补",
            Self::Extension => "依申延",
            Self::Consultation => "依申征",
            Self::AgencyConsultation => "依申函",
            Self::Fee => "依申费",
            Self::Reasons => "依申理",
            Self::Delay => "依申迟",
            Self::Termination => "依申终",
        }
    }

    /// Whether the notice goes to the applicant (and so shows on the public status page). A 征求意见函 goes
    /// to another agency only: 条例第三十四条 requires no notice to the applicant.
    pub fn to_applicant(self) -> bool {
        !matches!(self, Self::AgencyConsultation | Self::Consultation)
    }
}

/// The 发文字号 of the `serial`-th notice of `kind` in `year`: `孟公资依申补〔2026〕13号`.
///
/// `prefix` is the agency's 代字 (its profile's `doc_prefix`). An agency that has not chosen one yet is named in
/// full (`孟州市财政局依申补〔2026〕1号`): longer than a 代字, but unambiguous and never shared with another agency,
/// which a made-up abbreviation could be.
pub fn doc_no(prefix: &str, agency_name: &str, kind: NoticeKind, year: i32, serial: i64) -> String {
    let prefix = match prefix.trim() {
        "" => agency_name.trim(),
        p => p,
    };
    format!("{prefix}{}〔{year}〕{serial}号", kind.doc_word())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_official_documents_do() {
        assert_eq!(
            doc_no(
                "孟公资",
                "孟州市公共资源交易中心",
                NoticeKind::Decision,
                2026,
                13
            ),
            "孟公资依申告〔2026〕13号"
        );
        assert_eq!(
            doc_no(" ", "孟州市财政局", NoticeKind::Correction, 2026, 1),
            "孟州市财政局依申补〔2026〕1号"
        );
    }

    #[test]
    fn codes_round_trip_and_words_differ() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::from_code(kind.code()), Some(kind));
            let same_word = NoticeKind::ALL
                .iter()
                .filter(|k| k.doc_word() == kind.doc_word())
                .count();
            assert_eq!(same_word, 1, "{kind:?}");
        }
    }
}

//! Who applied and how an application ended, in the terms of table 三 of the annual report
//! (`shared/spec/report-formats.md` §2; 国办公开办函〔2019〕60号 and 〔2021〕30号): the applicant columns and every
//! leaf row of 三、本年度办理结果, each with the article of the 2019 条例 it rests on (`legal-notes.md` a.5, a.9,
//! a.10; the mapping of articles to rows is ours [D]).

use serde::{Deserialize, Serialize};

use crate::report::Format;

/// The applicant columns of table 三 (identical in F2019 and F2021). 条例第二十七条: 公民、法人或者其他组织.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantKind {
    /// 自然人
    NaturalPerson,
    /// 法人或其他组织 · 商业企业
    Business,
    /// 法人或其他组织 · 科研机构
    Research,
    /// 法人或其他组织 · 社会公益组织
    NonProfit,
    /// 法人或其他组织 · 法律服务机构
    LegalService,
    /// 法人或其他组织 · 其他
    OtherOrganisation,
}

impl ApplicantKind {
    /// In the printed order of the columns.
    pub const ALL: [ApplicantKind; 6] = [
        Self::NaturalPerson,
        Self::Business,
        Self::Research,
        Self::NonProfit,
        Self::LegalService,
        Self::OtherOrganisation,
    ];

    /// Stable code; the same string as the column key of the report layout.
    pub fn code(self) -> &'static str {
        self.column_key()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The key of the column in [`crate::report::layout::T3_COLUMNS`].
    pub fn column_key(self) -> &'static str {
        match self {
            Self::NaturalPerson => "np",
            Self::Business => "org_biz",
            Self::Research => "org_research",
            Self::NonProfit => "org_npo",
            Self::LegalService => "org_legal",
            Self::OtherOrganisation => "org_other",
        }
    }

    /// The column header as printed.
    pub fn name_zh(self) -> &'static str {
        match self {
            Self::NaturalPerson => "自然人",
            Self::Business => "商业企业",
            Self::Research => "科研机构",
            Self::NonProfit => "社会公益组织",
            Self::LegalService => "法律服务机构",
            Self::OtherOrganisation => "其他",
        }
    }

    /// A legal person or other organisation (the five columns under 法人或其他组织).
    pub fn is_organisation(self) -> bool {
        self != Self::NaturalPerson
    }
}

/// How an application ended: one per leaf row of 三、本年度办理结果 in F2021. Each application lands in exactly
/// one of these rows (spec §2b counting rules; the label of （二） says a partial disclosure counts only there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Open,
    Partial,
    StateSecret,
    LawForbidden,
    ThreeSecurity,
    ThirdParty,
    InternalAffairs,
    ProcessInfo,
    EnforcementFile,
    AdminQuery,
    NotHeld,
    NeedsCreation,
    StillUnclear,
    Petition,
    Repeat,
    Publication,
    MassRepeat,
    ConfirmReissue,
    NoCorrection,
    FeeUnpaid,
    Other,
}

/// The fixed facts of one outcome.
struct Facts {
    code: &'static str,
    /// The F2021 row key of `report/layout.rs`.
    row: &'static str,
    /// The printed label without numbering.
    zh: &'static str,
    /// The printed group cell (（三）不予公开 …), if any.
    group: Option<&'static str>,
    basis: Option<&'static str>,
}

const fn f(
    code: &'static str,
    row: &'static str,
    zh: &'static str,
    group: Option<&'static str>,
    basis: Option<&'static str>,
) -> Facts {
    Facts {
        code,
        row,
        zh,
        group,
        basis,
    }
}

const DENIED: Option<&str> = Some("（三）不予公开");
const UNABLE: Option<&str> = Some("（四）无法提供");
const NOT_PROCESSED: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

/// In the order of [`Outcome::ALL`], which is the printed order of the rows.
#[rustfmt::skip]
static FACTS: [Facts; 21] = [
    f("open", "r3_1_open", "予以公开", None, Some("条例第三十六条第（一）项、第（二）项")),
    f("partial", "r3_2_partial", "部分公开", None, Some("条例第三十七条")),
    f("state_secret", "r3_3_1_state_secret", "属于国家秘密", DENIED, Some("条例第十四条")),
    f("law_forbidden", "r3_3_2_law_forbidden", "其他法律行政法规禁止公开", DENIED, Some("条例第十四条")),
    f("three_security", "r3_3_3_three_security", "危及“三安全一稳定”", DENIED, Some("条例第十四条")),
    f("third_party", "r3_3_4_third_party", "保护第三方合法权益", DENIED, Some("条例第十五条")),
    f("internal_affairs", "r3_3_5_internal_affairs", "属于三类内部事务信息", DENIED, Some("条例第十六条第一款")),
    f("process_info", "r3_3_6_process_info", "属于四类过程性信息", DENIED, Some("条例第十六条第二款")),
    f("enforcement_file", "r3_3_7_enforcement_file", "属于行政执法案卷", DENIED, Some("条例第十六条第二款")),
    // The format gives no article; 第三十六条第（七）项 is our mapping (legal-notes a.10).
    f("admin_query", "r3_3_8_admin_query", "属于行政查询事项", DENIED, Some("条例第三十六条第（七）项")),
    f("not_held", "r3_4_1_not_held", "本机关不掌握相关政府信息", UNABLE, Some("条例第三十六条第（四）项、第（五）项")),
    f("needs_creation", "r3_4_2_needs_creation", "没有现成信息需要另行制作", UNABLE, Some("条例第三十八条")),
    f("still_unclear", "r3_4_3_still_unclear", "补正后申请内容仍不明确", UNABLE, Some("条例第三十条")),
    f("petition", "r3_5_1_petition", "信访举报投诉类申请", NOT_PROCESSED, Some("条例第三十九条第一款")),
    f("repeat", "r3_5_2_repeat", "重复申请", NOT_PROCESSED, Some("条例第三十六条第（六）项")),
    f("publication", "r3_5_3_publication", "要求提供公开出版物", NOT_PROCESSED, Some("条例第三十九条第二款")),
    f("mass_repeat", "r3_5_4_mass_repeat", "无正当理由大量反复申请", NOT_PROCESSED, Some("条例第三十五条")),
    // legal-notes names no article for this row [U]; none is invented here.
    f("confirm_reissue", "r3_5_5_confirm_reissue", "要求行政机关确认或重新出具已获取信息", NOT_PROCESSED, None),
    f("no_correction", "r3_6_1_no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", OTHER, Some("条例第三十条")),
    f("fee_unpaid", "r3_6_2_fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", OTHER, Some("条例第四十二条；国办函〔2020〕109号")),
    f("other", "r3_6_3_other", "其他", OTHER, None),
];

impl Outcome {
    /// Every outcome, in the printed order of the F2021 rows.
    pub const ALL: [Outcome; 21] = [
        Self::Open,
        Self::Partial,
        Self::StateSecret,
        Self::LawForbidden,
        Self::ThreeSecurity,
        Self::ThirdParty,
        Self::InternalAffairs,
        Self::ProcessInfo,
        Self::EnforcementFile,
        Self::AdminQuery,
        Self::NotHeld,
        Self::NeedsCreation,
        Self::StillUnclear,
        Self::Petition,
        Self::Repeat,
        Self::Publication,
        Self::MassRepeat,
        Self::ConfirmReissue,
        Self::NoCorrection,
        Self::FeeUnpaid,
        Self::Other,
    ];

    fn facts(self) -> &'static Facts {
        // `self as usize` is the index in ALL and FACTS (declaration order; pinned by a test).
        &FACTS[self as usize]
    }

    /// Stable code.
    pub fn code(self) -> &'static str {
        self.facts().code
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// The row of table 三 this outcome is counted in. F2019 (report years 2019–2020) has a single
    /// （六）其他处理 row, so the three （六） outcomes all map to `r3_6_other` there.
    pub fn row_key(self, format: Format) -> &'static str {
        match (format, self) {
            (Format::F2019, Self::NoCorrection | Self::FeeUnpaid | Self::Other) => "r3_6_other",
            _ => self.facts().row,
        }
    }

    /// The row label as printed in F2021, without its numbering.
    pub fn name_zh(self) -> &'static str {
        self.facts().zh
    }

    /// The printed group cell (（三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理), if the row has one.
    pub fn group_zh(self) -> Option<&'static str> {
        self.facts().group
    }

    /// The article of the 2019 条例 the outcome rests on; `None` where legal-notes gives none
    /// (要求确认或重新出具, 其他).
    pub fn legal_basis(self) -> Option<&'static str> {
        self.facts().basis
    }

    /// Information is withheld by a decision not to disclose: the rows 三（三）1-8, and the withheld part of a
    /// 部分公开.
    pub fn withholds(self) -> bool {
        self == Self::Partial || self.group_zh() == DENIED
    }

    /// Information was (at least partly) provided.
    pub fn discloses(self) -> bool {
        matches!(self, Self::Open | Self::Partial)
    }
}

/// The one ground of a `not_held` answer (本机关不掌握相关政府信息). The table-三 row covers both items of
/// 条例第三十六条, which is why [`Outcome::legal_basis`] names both; a letter rests on exactly one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotHeld {
    pub ground: NotHeldGround,
    /// 第（五）项: the agency responsible for disclosing it, when it can be determined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competent_agency: Option<String>,
    /// That agency's contact (联系方式).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competent_contact: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotHeldGround {
    /// 条例第三十六条第（四）项: 经检索没有所申请公开信息的, 告知申请人该政府信息不存在.
    DoesNotExist,
    /// 条例第三十六条第（五）项: 所申请公开信息不属于本行政机关负责公开的, 告知申请人并说明理由; 能够确定负责公开
    /// 该政府信息的行政机关的, 告知申请人该行政机关的名称、联系方式.
    NotOurs,
}

impl NotHeldGround {
    pub const ALL: [NotHeldGround; 2] = [Self::DoesNotExist, Self::NotOurs];

    pub fn code(self) -> &'static str {
        match self {
            Self::DoesNotExist => "does_not_exist",
            Self::NotOurs => "not_ours",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    /// The one item of 第三十六条 the answer rests on.
    pub fn legal_basis(self) -> &'static str {
        match self {
            Self::DoesNotExist => "条例第三十六条第（四）项",
            Self::NotOurs => "条例第三十六条第（五）项",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::{T3_COLUMNS, T3Role, t3_rows};

    #[test]
    fn applicant_columns_are_the_layouts() {
        for (i, k) in ApplicantKind::ALL.into_iter().enumerate() {
            assert_eq!(T3_COLUMNS[i].key, k.column_key());
            assert_eq!(T3_COLUMNS[i].label, k.name_zh());
            assert_eq!(ApplicantKind::from_code(k.code()), Some(k));
        }
        assert!(!ApplicantKind::NaturalPerson.is_organisation());
        assert!(ApplicantKind::LegalService.is_organisation());
    }

    #[test]
    fn outcomes_are_exactly_the_f2021_leaf_rows_in_order() {
        let leaves: Vec<_> = t3_rows(Format::F2021)
            .iter()
            .filter(|r| matches!(r.role, T3Role::Result(_)))
            .collect();
        assert_eq!(leaves.len(), Outcome::ALL.len());
        for (o, row) in Outcome::ALL.into_iter().zip(leaves) {
            assert_eq!(o.row_key(Format::F2021), row.key, "{o:?}");
            assert_eq!(o.group_zh(), row.group, "{o:?}");
            assert_eq!(FACTS[o as usize].code, o.code());
            assert_eq!(Outcome::from_code(o.code()), Some(o));
        }
    }

    #[test]
    fn grouped_labels_are_printed_character_for_character() {
        for o in Outcome::ALL {
            let row = t3_rows(Format::F2021)
                .iter()
                .find(|r| r.key == o.row_key(Format::F2021))
                .expect("row exists");
            if o.group_zh().is_some() {
                assert_eq!(row.label.split_once('.').map(|p| p.1), Some(o.name_zh()));
            } else {
                assert!(row.label.contains(o.name_zh()), "{}", row.label);
            }
        }
    }

    #[test]
    fn every_outcome_has_a_row_in_both_formats() {
        for format in [Format::F2019, Format::F2021] {
            for o in Outcome::ALL {
                let key = o.row_key(format);
                let row = t3_rows(format).iter().find(|r| r.key == key);
                assert!(
                    matches!(row.map(|r| r.role), Some(T3Role::Result(_))),
                    "{o:?} {format}"
                );
            }
        }
        assert_eq!(Outcome::FeeUnpaid.row_key(Format::F2019), "r3_6_other");
        assert_eq!(Outcome::NoCorrection.row_key(Format::F2019), "r3_6_other");
        assert_eq!(
            Outcome::StillUnclear.row_key(Format::F2019),
            "r3_4_3_still_unclear"
        );
        assert_eq!(
            Outcome::FeeUnpaid.row_key(Format::F2021),
            "r3_6_2_fee_unpaid"
        );
    }

    #[test]
    fn legal_bases_follow_legal_notes() {
        assert_eq!(Outcome::Partial.legal_basis(), Some("条例第三十七条"));
        assert_eq!(Outcome::MassRepeat.legal_basis(), Some("条例第三十五条"));
        assert_eq!(Outcome::ThirdParty.legal_basis(), Some("条例第十五条"));
        assert_eq!(Outcome::NoCorrection.legal_basis(), Some("条例第三十条"));
        assert_eq!(Outcome::ConfirmReissue.legal_basis(), None);
        assert!(Outcome::Open.discloses() && !Outcome::NotHeld.discloses());
    }
}

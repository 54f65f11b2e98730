//! The statutory catalogue categories: 条例第二十条's fifteen kinds of information every agency discloses
//! proactively, and 条例第二十一条's seven extra topics for 设区的市级、县级人民政府及其部门. The agency's own subject
//! classification (主题分类) is a separate, free [`Subject`].

use crate::message::{Arg, Args, Coded};
use serde::{Deserialize, Serialize};

use crate::agency::AgencyKind;

/// One statutory category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Category {
    Regulations,
    AgencyProfile,
    Plans,
    Statistics,
    Licensing,
    PenaltiesAndEnforcement,
    BudgetsAndAccounts,
    Fees,
    Procurement,
    MajorProjects,
    Welfare,
    Emergencies,
    Inspections,
    CivilServiceRecruitment,
    OtherRequired,
    MunicipalConstruction,
    PublicServices,
    PublicWelfareUndertakings,
    LandExpropriation,
    HousingExpropriation,
    PublicOrder,
    SocialAssistance,
    /// 乡（镇）: 贯彻落实农业农村政策 (第二十一条, the townships' list).
    RuralPolicy,
    /// 乡（镇）: 农田水利工程建设运营.
    FarmlandIrrigation,
    /// 乡（镇）: 农村土地承包经营权流转.
    LandContractTransfer,
    /// 乡（镇）: 宅基地使用情况审核.
    HomesteadReview,
    /// 乡（镇）: 筹资筹劳.
    VillageLevies,
}

use Category::*;

/// (category, code, 中文 name as in the 条例, English name)
const TABLE: [(Category, &str, &str); 27] = [
    (Regulations, "a20_01", "行政法规、规章和规范性文件"),
    (
        AgencyProfile,
        "a20_02",
        "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    ),
    (
        Plans,
        "a20_03",
        "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    ),
    (Statistics, "a20_04", "国民经济和社会发展统计信息"),
    (
        Licensing,
        "a20_05",
        "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    ),
    (
        PenaltiesAndEnforcement,
        "a20_06",
        "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    ),
    (BudgetsAndAccounts, "a20_07", "财政预算、决算信息"),
    (Fees, "a20_08", "行政事业性收费项目及其依据、标准"),
    (
        Procurement,
        "a20_09",
        "政府集中采购项目的目录、标准及实施情况",
    ),
    (MajorProjects, "a20_10", "重大建设项目的批准和实施情况"),
    (
        Welfare,
        "a20_11",
        "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    ),
    (
        Emergencies,
        "a20_12",
        "突发公共事件的应急预案、预警信息及应对情况",
    ),
    (
        Inspections,
        "a20_13",
        "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    ),
    (
        CivilServiceRecruitment,
        "a20_14",
        "公务员招考的职位、名额、报考条件等事项以及录用结果",
    ),
    (
        OtherRequired,
        "a20_15",
        "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
    ),
    (MunicipalConstruction, "a21_01", "市政建设"),
    (PublicServices, "a21_02", "公共服务"),
    (PublicWelfareUndertakings, "a21_03", "公益事业"),
    (LandExpropriation, "a21_04", "土地征收"),
    (HousingExpropriation, "a21_05", "房屋征收"),
    (PublicOrder, "a21_06", "治安管理"),
    (SocialAssistance, "a21_07", "社会救助"),
    (RuralPolicy, "a21_08", "贯彻落实农业农村政策"),
    (FarmlandIrrigation, "a21_09", "农田水利工程建设运营"),
    (LandContractTransfer, "a21_10", "农村土地承包经营权流转"),
    (HomesteadReview, "a21_11", "宅基地使用情况审核"),
    (VillageLevies, "a21_12", "筹资筹劳"),
];

impl Category {
    pub const ALL: [Category; 27] = [
        Regulations,
        AgencyProfile,
        Plans,
        Statistics,
        Licensing,
        PenaltiesAndEnforcement,
        BudgetsAndAccounts,
        Fees,
        Procurement,
        MajorProjects,
        Welfare,
        Emergencies,
        Inspections,
        CivilServiceRecruitment,
        OtherRequired,
        MunicipalConstruction,
        PublicServices,
        PublicWelfareUndertakings,
        LandExpropriation,
        HousingExpropriation,
        PublicOrder,
        SocialAssistance,
        RuralPolicy,
        FarmlandIrrigation,
        LandContractTransfer,
        HomesteadReview,
        VillageLevies,
    ];

    fn row(self) -> (Category, &'static str, &'static str) {
        // TABLE is in declaration order (pinned by a test), so the discriminant is the row.
        TABLE[self as usize]
    }

    /// Stable code: `a20_NN` for 第二十条 item NN, `a21_NN` for 第二十一条 topic NN.
    pub fn code(self) -> &'static str {
        self.row().1
    }

    /// The statute's own wording, kept here as data; UI names come from the locale files (`category.<code>`).
    pub fn name_zh(self) -> &'static str {
        self.row().2
    }

    pub fn from_code(code: &str) -> Option<Category> {
        TABLE.iter().find(|r| r.1 == code).map(|r| r.0)
    }

    /// The article of the 条例 that lists it: 20 or 21.
    pub fn article(self) -> u8 {
        if (self as usize) < 15 { 20 } else { 21 }
    }

    /// 第二十条 binds everyone. 第二十一条 gives city and county governments and their departments the topics
    /// a21_01–a21_07, and 乡（镇）人民政府 their own list: 贯彻落实农业农村政策、农田水利工程建设运营、农村土地承包
    /// 经营权流转、宅基地使用情况审核、土地征收、房屋征收、筹资筹劳、社会救助 (a21_04, a21_05, a21_07 shared).
    pub fn applies_to(self, kind: AgencyKind) -> bool {
        use Category::*;
        if self.article() == 20 {
            return true;
        }
        let township = matches!(
            self,
            LandExpropriation
                | HousingExpropriation
                | SocialAssistance
                | RuralPolicy
                | FarmlandIrrigation
                | LandContractTransfer
                | HomesteadReview
                | VillageLevies
        );
        let county = (self as usize) < RuralPolicy as usize;
        match kind {
            AgencyKind::Government | AgencyKind::Department => county,
            AgencyKind::Township => township,
            AgencyKind::Other => false,
        }
    }
}

impl TryFrom<String> for Category {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::from_code(&s).ok_or_else(|| format!("unknown category '{s}'"))
    }
}

impl From<Category> for &'static str {
    fn from(c: Category) -> &'static str {
        c.code()
    }
}

/// The agency's own 主题分类 (e.g. `城乡建设、环境保护`): free text, 1–50 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Subject(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubjectError {
    #[error("the subject must not be empty")]
    Empty,
    #[error("the subject may have at most 50 characters, not {0}")]
    TooLong(usize),
}

impl Coded for SubjectError {
    fn code(&self) -> &'static str {
        match self {
            Self::Empty => "subject.empty",
            Self::TooLong(_) => "subject.too_long",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::TooLong(a0) => vec![("len", Arg::number(*a0))],
            _ => Vec::new(),
        }
    }
}

impl Subject {
    pub const MAX_CHARS: usize = 50;

    pub fn parse(input: &str) -> Result<Subject, SubjectError> {
        let s: String = input.trim().chars().filter(|c| !c.is_control()).collect();
        let n = s.chars().count();
        if n == 0 {
            Err(SubjectError::Empty)
        } else if n > Self::MAX_CHARS {
            Err(SubjectError::TooLong(n))
        } else {
            Ok(Subject(s))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Subject {
    type Error = SubjectError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Subject> for String {
    fn from(s: Subject) -> String {
        s.0
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_complete_ordered_and_codes_are_unique() {
        for (i, c) in Category::ALL.iter().enumerate() {
            assert_eq!(TABLE[i].0, *c);
            assert_eq!(Category::from_code(c.code()), Some(*c));
        }
        let codes: std::collections::HashSet<_> = Category::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes.len(), 27);
        assert_eq!(Category::from_code("a20_16"), None);
    }

    #[test]
    fn names_and_articles_follow_the_regulation() {
        assert_eq!(Regulations.name_zh(), "行政法规、规章和规范性文件");
        assert_eq!(BudgetsAndAccounts.code(), "a20_07");
        assert_eq!(OtherRequired.article(), 20);
        assert_eq!(SocialAssistance.name_zh(), "社会救助");
        assert_eq!(SocialAssistance.article(), 21);
        assert_eq!(
            Category::ALL.iter().filter(|c| c.article() == 20).count(),
            15
        );
        assert!(LandExpropriation.applies_to(AgencyKind::Department));
        assert!(Regulations.applies_to(AgencyKind::Township));
    }

    /// 条例第二十一条: a township's topics are its own list, three of them shared with the counties'.
    #[test]
    fn a_township_has_the_topics_article_21_gives_townships() {
        let township: Vec<&str> = Category::ALL
            .iter()
            .filter(|c| c.article() == 21 && c.applies_to(AgencyKind::Township))
            .map(|c| c.name_zh())
            .collect();
        assert_eq!(
            township,
            [
                "土地征收",
                "房屋征收",
                "社会救助",
                "贯彻落实农业农村政策",
                "农田水利工程建设运营",
                "农村土地承包经营权流转",
                "宅基地使用情况审核",
                "筹资筹劳"
            ]
        );
        assert!(!MunicipalConstruction.applies_to(AgencyKind::Township));
        assert!(!RuralPolicy.applies_to(AgencyKind::Department));
        assert!(!VillageLevies.applies_to(AgencyKind::Government));
    }

    #[test]
    fn subjects_are_trimmed_and_bounded() {
        assert_eq!(
            Subject::parse(" 城乡建设 ").map(String::from),
            Ok("城乡建设".into())
        );
        assert_eq!(Subject::parse("  "), Err(SubjectError::Empty));
        assert_eq!(
            Subject::parse(&"字".repeat(51)),
            Err(SubjectError::TooLong(51))
        );
        assert!(Subject::parse(&"字".repeat(50)).is_ok());
    }
}

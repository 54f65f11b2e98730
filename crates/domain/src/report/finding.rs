use serde::Serialize;

/// Severity of a finding (spec §4): an error blocks publication, a warning needs a person to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The validation rules of `report-formats.md` §4 that gongkai checks; the code is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    T2_01,
    T2_02,
    T2_03,
    T2_04,
    T2_05,
    T3_01,
    T3_02,
    T3_03,
    T3_04,
    T3_05,
    T3_06,
    T3_07,
    T3_08,
    T4_01,
    T4_02,
    T4_03,
    D01,
    D02,
    D03,
    D04,
    D05,
    D06,
    D07,
    D08,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::T2_01 => "T2-01",
            Rule::T2_02 => "T2-02",
            Rule::T2_03 => "T2-03",
            Rule::T2_04 => "T2-04",
            Rule::T2_05 => "T2-05",
            Rule::T3_01 => "T3-01",
            Rule::T3_02 => "T3-02",
            Rule::T3_03 => "T3-03",
            Rule::T3_04 => "T3-04",
            Rule::T3_05 => "T3-05",
            Rule::T3_06 => "T3-06",
            Rule::T3_07 => "T3-07",
            Rule::T3_08 => "T3-08",
            Rule::T4_01 => "T4-01",
            Rule::T4_02 => "T4-02",
            Rule::T4_03 => "T4-03",
            Rule::D01 => "D-01",
            Rule::D02 => "D-02",
            Rule::D03 => "D-03",
            Rule::D04 => "D-04",
            Rule::D05 => "D-05",
            Rule::D06 => "D-06",
            Rule::D07 => "D-07",
            Rule::D08 => "D-08",
        }
    }

    /// The severity the spec gives the rule.
    pub fn severity(self) -> Severity {
        match self {
            Rule::T2_02
            | Rule::T2_03
            | Rule::T2_04
            | Rule::T2_05
            | Rule::T3_05
            | Rule::T3_06
            | Rule::T3_07
            | Rule::T3_08
            | Rule::T4_03
            | Rule::D03
            | Rule::D04
            | Rule::D05
            | Rule::D06
            | Rule::D07
            | Rule::D08 => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// A message in both languages the UI speaks (Chinese first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

/// One failed (or not assessable) rule: which rule, which cells it read, what it expected and what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub cells: Vec<String>,
    pub expected: String,
    pub found: String,
    pub message: Message,
    /// `false` when the rule could not be evaluated because a cell it reads holds text or was unreadable; such
    /// findings are warnings so that a person looks (spec §4: "a rule is never skipped silently").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_assessable: bool,
}

impl Finding {
    pub fn new(
        rule: Rule,
        cells: Vec<String>,
        expected: impl Into<String>,
        found: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: rule.code(),
            severity: rule.severity(),
            cells,
            expected: expected.into(),
            found: found.into(),
            message: Message {
                zh: zh.into(),
                en: en.into(),
            },
            not_assessable: false,
        }
    }

    /// The rule reads a cell that holds text or could not be read: say so instead of skipping it.
    pub fn not_assessable(rule: Rule, cells: Vec<String>, what_zh: &str, what_en: &str) -> Finding {
        Finding {
            rule: rule.code(),
            severity: Severity::Warning,
            expected: String::new(),
            found: String::new(),
            message: Message {
                zh: format!(
                    "无法核对{what_zh}：所读单元格含文字或未能读取（{}）",
                    cells.join("、")
                ),
                en: format!(
                    "cannot check {what_en}: a cell it reads holds text or could not be read ({})",
                    cells.join(", ")
                ),
            },
            cells,
            not_assessable: true,
        }
    }
}

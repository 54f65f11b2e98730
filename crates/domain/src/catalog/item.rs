//! One catalogue item as staff enter it, with the metadata the 目录 must carry (条例第十二条: 索引、名称、内容概述、
//! 生成日期; in practice also 文号、发布机构、主题分类、有效性, see `shared/spec/legal-notes.md` d.2).

use chrono::NaiveDate;

use super::category::{Category, Subject};
use super::doc_no::DocNo;
use crate::field::{FieldError, FieldProblem, check_line, check_text};

/// What kind of document an item is; 规章 and 行政规范性文件 carry a 文号 and have a validity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// 规章
    Regulation,
    /// 行政规范性文件
    NormativeDocument,
    /// 其他
    Other,
}

impl DocKind {
    pub const ALL: [DocKind; 3] = [Self::Regulation, Self::NormativeDocument, Self::Other];

    pub fn code(self) -> &'static str {
        match self {
            Self::Regulation => "regulation",
            Self::NormativeDocument => "normative_document",
            Self::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Regulation => "规章",
            Self::NormativeDocument => "行政规范性文件",
            Self::Other => "其他",
        }
    }

    /// 规章 and 规范性文件 are always numbered documents.
    pub fn needs_doc_no(self) -> bool {
        !matches!(self, Self::Other)
    }
}

/// 有效性: whether a document is still in force, and since when it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Validity {
    /// 有效
    Valid,
    /// 已修改
    Amended { on: NaiveDate },
    /// 已废止 (repealed by a later act)
    Repealed { on: NaiveDate },
    /// 已失效 (its term ran out)
    Expired { on: NaiveDate },
}

impl Validity {
    pub const CODES: [&'static str; 4] = ["valid", "amended", "repealed", "expired"];

    pub fn code(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Amended { .. } => "amended",
            Self::Repealed { .. } => "repealed",
            Self::Expired { .. } => "expired",
        }
    }

    /// `on` is required for every state but `valid`, and ignored for `valid`.
    pub fn from_code(code: &str, on: Option<NaiveDate>) -> Option<Self> {
        match (code, on) {
            ("valid", _) => Some(Self::Valid),
            ("amended", Some(on)) => Some(Self::Amended { on }),
            ("repealed", Some(on)) => Some(Self::Repealed { on }),
            ("expired", Some(on)) => Some(Self::Expired { on }),
            _ => None,
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Valid => "有效",
            Self::Amended { .. } => "已修改",
            Self::Repealed { .. } => "已废止",
            Self::Expired { .. } => "已失效",
        }
    }

    /// The date it stopped being valid as published.
    pub fn on(self) -> Option<NaiveDate> {
        match self {
            Self::Valid => None,
            Self::Amended { on } | Self::Repealed { on } | Self::Expired { on } => Some(on),
        }
    }
}

/// A catalogue item as entered, before it has an index number or a state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDraft {
    /// 名称: the main title only.
    pub title: String,
    /// 文号
    pub doc_no: Option<DocNo>,
    pub category: Category,
    /// 主题分类
    pub subject: Option<Subject>,
    /// 发布机构: the full standard name; for joint documents the body that numbered it.
    pub issuer: String,
    /// 成文日期 / 形成或者变更之日: the day 条例第二十六条's 20 working days run from.
    pub formed_on: NaiveDate,
    /// 内容概述
    pub summary: String,
    pub kind: DocKind,
    pub validity: Validity,
    pub body: String,
}

/// The same thing under the name the store uses for inserts.
pub type NewItem = ItemDraft;

impl ItemDraft {
    pub const MAX_TITLE_CHARS: usize = 200;
    pub const MAX_SUMMARY_CHARS: usize = 200;
    pub const MAX_ISSUER_CHARS: usize = 100;
    /// The text of a document: a long regulation runs to a few hundred thousand characters.
    pub const MAX_BODY_CHARS: usize = 2_000_000;

    /// One problem per field; empty when the draft can be saved.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        for (field, value, max) in [
            ("title", &self.title, Self::MAX_TITLE_CHARS),
            ("issuer", &self.issuer, Self::MAX_ISSUER_CHARS),
        ] {
            if value.trim().is_empty() {
                out.push(FieldError::new(field, FieldProblem::Required));
            } else {
                check_line(&mut out, field, value.trim(), max);
            }
        }
        // Control characters break the feeds and the letters, and nobody types them.
        check_text(
            &mut out,
            "summary",
            self.summary.trim(),
            Self::MAX_SUMMARY_CHARS,
        );
        check_text(&mut out, "body", &self.body, Self::MAX_BODY_CHARS);
        if self.kind.needs_doc_no() && self.doc_no.is_none() {
            out.push(FieldError::new("doc_no", FieldProblem::Required));
        }
        out
    }

    /// [`Self::problems`] on `today`: also a 成文日期 that has not come yet. 条例第二十六条 counts the 20 working
    /// days from the day the information was formed, so a future date would both misstate the document and
    /// move its deadline; it is always a typing error.
    pub fn problems_on(&self, today: NaiveDate) -> Vec<FieldError> {
        let mut out = self.problems();
        out.extend(not_after(today, "formed_on", self.formed_on));
        out
    }
}

/// A date that cannot be later than `today` (a 成文日期, the 发布日期 of an imported item): the field's problem if
/// it is.
pub fn not_after(today: NaiveDate, field: &str, date: NaiveDate) -> Option<FieldError> {
    (date > today).then(|| FieldError::new(field, FieldProblem::DateInFuture))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formed_on_date_after_today_is_refused_and_today_is_not() {
        let d = draft();
        let day = |m, dd| NaiveDate::from_ymd_opt(2020, m, dd).expect("date");
        assert!(d.problems_on(day(5, 6)).is_empty(), "formed today");
        let fields: Vec<_> = d
            .problems_on(day(5, 5))
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            fields,
            vec![("formed_on".to_owned(), FieldProblem::DateInFuture)]
        );
        assert!(not_after(day(5, 5), "published_on", day(5, 6)).is_some());
        assert!(not_after(day(5, 6), "published_on", day(5, 6)).is_none());
    }

    fn draft() -> ItemDraft {
        ItemDraft {
            title: "孟州市人民政府关于印发孟州市城市管理办法的通知".into(),
            doc_no: DocNo::parse("孟政〔2020〕12号").ok(),
            category: Category::Regulations,
            subject: Subject::parse("城乡建设").ok(),
            issuer: "孟州市人民政府".into(),
            formed_on: NaiveDate::from_ymd_opt(2020, 5, 6).expect("date"),
            summary: String::new(),
            kind: DocKind::NormativeDocument,
            validity: Validity::Valid,
            body: "全文".into(),
        }
    }

    fn codes(d: &ItemDraft) -> Vec<(String, &'static str)> {
        d.problems()
            .into_iter()
            .map(|e| (e.field, e.problem.code()))
            .collect()
    }

    #[test]
    fn a_complete_draft_has_no_problems() {
        assert_eq!(codes(&draft()), vec![]);
    }

    #[test]
    fn control_characters_are_refused_but_a_body_keeps_its_lines() {
        let mut d = draft();
        d.title = "关于\u{1b}[2J的通知".into();
        d.summary = "第一行\u{0}".into();
        d.body = "第一条\n第二条\r\n\t第三条\u{c}".into();
        assert_eq!(
            codes(&d),
            vec![
                ("title".into(), "control_character"),
                ("summary".into(), "control_character"),
                ("body".into(), "control_character"),
            ]
        );
        d = draft();
        d.body = "第一条\n第二条\r\n\t第三条".into();
        d.summary = "两行\n概述".into();
        assert_eq!(codes(&d), vec![]);
    }

    #[test]
    fn missing_and_overlong_fields_are_reported_once_each() {
        let mut d = draft();
        d.title = "  ".into();
        d.issuer = "机".repeat(101);
        d.summary = "概".repeat(201);
        d.doc_no = None;
        assert_eq!(
            codes(&d),
            vec![
                ("title".into(), "required"),
                ("issuer".into(), "too_long"),
                ("summary".into(), "too_long"),
                ("doc_no".into(), "required"),
            ]
        );
        d = draft();
        d.title = "标".repeat(200);
        d.kind = DocKind::Other;
        d.doc_no = None;
        assert_eq!(codes(&d), vec![]);
    }

    #[test]
    fn kinds_and_validity_have_codes_and_names() {
        for k in DocKind::ALL {
            assert_eq!(DocKind::from_code(k.code()), Some(k));
        }
        let on = NaiveDate::from_ymd_opt(2023, 1, 1);
        for code in Validity::CODES {
            let v = Validity::from_code(code, on).expect(code);
            assert_eq!(v.code(), code);
            assert_eq!(v.on().is_some(), code != "valid");
        }
        assert_eq!(Validity::from_code("repealed", None), None);
        assert_eq!(
            Validity::from_code("repealed", on).map(|v| v.name_zh()),
            Some("已废止")
        );
    }
}

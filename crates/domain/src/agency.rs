//! Agencies (行政机关) and the tree they form: a city government above its departments and counties, to any
//! depth. The profile carries what the 公开指南 must print (条例第十二条: 政府信息公开工作机构的名称、办公地址、办公时间、
//! 联系电话、传真号码、互联网联系方式).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::credit_code::CreditCode;
use crate::field::{
    FieldError, FieldProblem, check_email, check_line, check_phone, check_text, check_website,
};

/// Database identity of an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AgencyId(pub i64);

impl std::fmt::Display for AgencyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What kind of body an agency is; the report formats and Art. 21's extra topics depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// 人民政府 (a city or county government)
    Government,
    /// 政府部门 (a department, bureau or centre acting in its own name)
    Department,
    /// 乡（镇）人民政府、街道办事处
    Township,
    /// 其他（法律法规授权的组织等）
    Other,
}

impl AgencyKind {
    /// The last day (month, day) of the year after the report year by which the agency publishes its annual
    /// report. 条例第四十九条: a department by 1月31日; a 县级以上人民政府's own report, by its 政府信息公开工作
    /// 主管部门, by 3月31日. Townships and other bodies follow the departments' day.
    pub fn report_due(self) -> (u32, u32) {
        match self {
            Self::Government => (3, 31),
            Self::Department | Self::Township | Self::Other => (1, 31),
        }
    }
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 4] = [
        Self::Government,
        Self::Department,
        Self::Township,
        Self::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Government => "government",
            Self::Department => "department",
            Self::Township => "township",
            Self::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where and when the public can reach an office.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub address: String,
    pub office_hours: String,
    pub phone: String,
    pub fax: String,
    pub email: String,
}

/// Everything an agency says about itself; what staff edit and the guide prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyProfile {
    pub name: String,
    pub credit_code: Option<CreditCode>,
    pub kind: AgencyKind,
    pub contact: Contact,
    pub website: String,
    /// 政府信息公开工作机构 (the disclosure office) and its own contact.
    pub office_name: String,
    pub office: Contact,
    /// The 行政复议机关 the agency's letters name, when it is not the parent in the agency tree (行政复议法
    /// （2023）第二十四条 gives the rule; a vertically managed office, for example, answers to its superior
    /// department). Empty: the parent agency.
    #[serde(default)]
    pub review_body: String,
    /// The agency's 发文机关代字 for the 发文字号 of its letters and notices (`孟公资` in `孟公资依申告〔2026〕13号`,
    /// GB/T 9704-2012 7.2.4); empty until chosen, when the full name stands in
    /// (`application::notice::doc_no`).
    #[serde(default)]
    pub doc_prefix: String,
}

impl AgencyProfile {
    /// A profile with a name and kind and nothing else filled in.
    pub fn named(name: &str, kind: AgencyKind) -> Self {
        Self {
            name: name.trim().to_owned(),
            credit_code: None,
            kind,
            contact: Contact::default(),
            website: String::new(),
            office_name: String::new(),
            office: Contact::default(),
            review_body: String::new(),
            doc_prefix: String::new(),
        }
    }

    /// Every problem with the profile, field by field (empty when it can be saved).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(FieldError::new("name", FieldProblem::Required));
        }
        check_line(&mut out, "name", &self.name, 100);
        check_line(&mut out, "website", &self.website, 200);
        check_website(&mut out, "website", &self.website);
        check_line(&mut out, "office_name", &self.office_name, 100);
        check_line(&mut out, "review_body", &self.review_body, 100);
        check_line(&mut out, "doc_prefix", &self.doc_prefix, 20);
        for (prefix, c) in [("contact", &self.contact), ("office", &self.office)] {
            check_line(&mut out, &format!("{prefix}.address"), &c.address, 200);
            check_text(
                &mut out,
                &format!("{prefix}.office_hours"),
                &c.office_hours,
                200,
            );
            check_phone(&mut out, &format!("{prefix}.phone"), &c.phone);
            check_phone(&mut out, &format!("{prefix}.fax"), &c.fax);
            check_email(&mut out, &format!("{prefix}.email"), &c.email);
        }
        out
    }
}

/// A stored agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub id: AgencyId,
    pub parent: Option<AgencyId>,
    pub profile: AgencyProfile,
}

/// The parent links of every agency: enough to answer "is B inside A's subtree?" without I/O.
#[derive(Debug, Clone, Default)]
pub struct AgencyTree {
    parent_of: HashMap<AgencyId, Option<AgencyId>>,
}

impl AgencyTree {
    pub fn from_links(links: impl IntoIterator<Item = (AgencyId, Option<AgencyId>)>) -> Self {
        Self {
            parent_of: links.into_iter().collect(),
        }
    }

    pub fn contains(&self, id: AgencyId) -> bool {
        self.parent_of.contains_key(&id)
    }

    pub fn parent(&self, id: AgencyId) -> Option<AgencyId> {
        self.parent_of.get(&id).copied().flatten()
    }

    /// True when `node` is `root` or lies below it. A broken chain (a cycle or a missing parent) answers
    /// false rather than looping: scope is refused when in doubt.
    pub fn is_within(&self, node: AgencyId, root: AgencyId) -> bool {
        let mut current = Some(node);
        for _ in 0..=self.parent_of.len() {
            match current {
                Some(id) if id == root => return self.contains(id),
                Some(id) => match self.parent_of.get(&id) {
                    Some(parent) => current = *parent,
                    None => return false,
                },
                None => return false,
            }
        }
        false
    }

    /// `root` and every agency below it, root first, then by id.
    pub fn subtree(&self, root: AgencyId) -> Vec<AgencyId> {
        let mut ids: Vec<AgencyId> = self
            .parent_of
            .keys()
            .copied()
            .filter(|&id| self.is_within(id, root))
            .collect();
        ids.sort_by_key(|&id| (id != root, id));
        ids
    }

    /// Every agency in reading order: each parent before its children, siblings by id, with its depth.
    pub fn preorder(&self) -> Vec<(AgencyId, usize)> {
        let mut children: HashMap<Option<AgencyId>, Vec<AgencyId>> = HashMap::new();
        for (&id, &parent) in &self.parent_of {
            // A parent missing from the tree makes its child a root rather than hiding it.
            let parent = parent.filter(|p| self.contains(*p));
            children.entry(parent).or_default().push(id);
        }
        for list in children.values_mut() {
            list.sort();
        }
        let mut out = Vec::with_capacity(self.parent_of.len());
        let mut stack: Vec<(AgencyId, usize)> = children
            .get(&None)
            .map(|r| r.iter().rev().map(|&id| (id, 0)).collect())
            .unwrap_or_default();
        while let Some((id, depth)) = stack.pop() {
            if out.len() > self.parent_of.len() {
                break;
            }
            out.push((id, depth));
            if let Some(kids) = children.get(&Some(id)) {
                stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
            }
        }
        out
    }

    /// Depth below the top of the tree (a root agency is 0).
    pub fn depth(&self, id: AgencyId) -> usize {
        let mut depth = 0;
        let mut current = self.parent(id);
        while let Some(p) = current {
            depth += 1;
            if depth > self.parent_of.len() {
                break;
            }
            current = self.parent(p);
        }
        depth
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> AgencyTree {
        // 1 city government; 2, 3 its departments; 4 a county below it; 5 the county's department
        AgencyTree::from_links([
            (AgencyId(1), None),
            (AgencyId(2), Some(AgencyId(1))),
            (AgencyId(3), Some(AgencyId(1))),
            (AgencyId(4), Some(AgencyId(1))),
            (AgencyId(5), Some(AgencyId(4))),
        ])
    }

    #[test]
    fn subtree_membership_follows_parents_to_any_depth() {
        let t = tree();
        assert!(t.is_within(AgencyId(5), AgencyId(1)));
        assert!(t.is_within(AgencyId(5), AgencyId(4)));
        assert!(t.is_within(AgencyId(4), AgencyId(4)));
        assert!(!t.is_within(AgencyId(2), AgencyId(3)));
        assert!(!t.is_within(AgencyId(1), AgencyId(4)));
        assert!(!t.is_within(AgencyId(9), AgencyId(1)));
        assert_eq!(t.subtree(AgencyId(4)), vec![AgencyId(4), AgencyId(5)]);
        assert_eq!(t.depth(AgencyId(5)), 2);
        let order: Vec<_> = t.preorder().into_iter().map(|(id, d)| (id.0, d)).collect();
        assert_eq!(order, [(1, 0), (2, 1), (3, 1), (4, 1), (5, 2)]);
    }

    #[test]
    fn a_cycle_is_refused_not_followed_forever() {
        let t = AgencyTree::from_links([
            (AgencyId(1), Some(AgencyId(2))),
            (AgencyId(2), Some(AgencyId(1))),
        ]);
        assert!(!t.is_within(AgencyId(1), AgencyId(3)));
    }

    #[test]
    fn profile_problems_name_the_field() {
        let mut p = AgencyProfile::named("孟州市财政局", AgencyKind::Department);
        assert!(p.problems().is_empty());
        p.name = " ".into();
        p.office.email = "not-an-address".into();
        p.website = "www.example.cn".into();
        let fields: Vec<_> = p.problems().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "website", "office.email"]);
    }
}

#[cfg(test)]
mod report_due_tests {
    use super::AgencyKind;

    /// 条例第四十九条: departments by 1月31日, a 人民政府's own report by 3月31日.
    #[test]
    fn a_government_publishes_by_31_march_and_everyone_else_by_31_january() {
        assert_eq!(AgencyKind::Government.report_due(), (3, 31));
        for kind in [
            AgencyKind::Department,
            AgencyKind::Township,
            AgencyKind::Other,
        ] {
            assert_eq!(kind.report_due(), (1, 31), "{kind:?}");
        }
    }
}

//! `gongkai import agencies`: a city's (or a province's) agency tree from a file — CSV with a header, or JSON
//! Lines — with `name`, `credit_code`, `kind` (government | department | township | other, or 人民政府, 政府部门,
//! 乡镇街道, 其他), `parent` (a name or credit code; empty at the top of a tree) and optionally the 公开指南
//! contacts. Every row is checked first and each problem named, parents looked up in the file and the store, and
//! the rows ordered parents first; then the store writes the whole tree in one transaction, so a second run of the
//! same file changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::credit_code::CreditCode;
use gongkai_store::{AgencyImportRow, AgencyStore, Store};

use crate::catalog::import::Rejected;
use crate::error::AppResult;
use crate::import_file::{FileRow, ImportFileError, read_table};

/// The columns a row may have (others are ignored), the key first.
pub const COLUMNS: [&str; 11] = [
    "name",
    "credit_code",
    "kind",
    "parent",
    "office_name",
    "address",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
];

/// A column as other systems name it, to gongkai's name for it.
pub fn canonical_column(header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{feff}');
    let known: [(&str, &[&str]); 11] = [
        ("name", &["name", "机关名称", "名称", "单位名称"]),
        (
            "credit_code",
            &["credit_code", "统一社会信用代码", "信用代码"],
        ),
        ("kind", &["kind", "类型", "机关类型"]),
        ("parent", &["parent", "上级机关", "上级单位"]),
        (
            "office_name",
            &["office_name", "公开工作机构", "信息公开工作机构"],
        ),
        ("address", &["address", "办公地址", "地址"]),
        ("office_hours", &["office_hours", "办公时间"]),
        ("phone", &["phone", "联系电话", "电话"]),
        ("fax", &["fax", "传真"]),
        ("email", &["email", "电子邮箱", "邮箱"]),
        ("website", &["website", "网站", "网址"]),
    ];
    known
        .iter()
        .find(|(_, names)| names.contains(&h))
        .map(|(column, _)| *column)
}

/// The rows of an agencies file.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<FileRow>, ImportFileError> {
    read_table(bytes, "name", canonical_column)
}

fn kind(text: &str) -> Option<AgencyKind> {
    match text.trim() {
        "人民政府" | "政府" => Some(AgencyKind::Government),
        "政府部门" | "部门" => Some(AgencyKind::Department),
        "乡镇街道" | "乡镇" | "街道" | "乡（镇）人民政府" | "街道办事处" => {
            Some(AgencyKind::Township)
        }
        "其他" => Some(AgencyKind::Other),
        t => AgencyKind::from_code(t),
    }
}

/// Checks each row on its own: its profile as the console checks one, its kind and credit code, a name or code
/// twice in the file. No store is read.
pub fn check_rows(rows: &[FileRow]) -> (Vec<AgencyImportRow>, Vec<Rejected>) {
    let (mut valid, mut rejected) = (Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    for (line, row) in rows {
        let get = |k: &str| row.get(k).map(|v| v.trim()).unwrap_or("").to_owned();
        let mut reasons = Vec::new();
        let Some(kind) = kind(&get("kind")) else {
            reasons.push(
                "kind：应为 government、department、township 或 other（或 人民政府、政府部门、乡镇街道、其他）/ \
                 expected government, department, township or other"
                    .to_owned(),
            );
            rejected.push(Rejected {
                line: *line,
                reasons,
            });
            continue;
        };
        let mut profile = AgencyProfile::named(&get("name"), kind);
        let credit_code = get("credit_code");
        if !credit_code.is_empty() {
            match CreditCode::parse(&credit_code) {
                Ok(code) => profile.credit_code = Some(code),
                Err(e) => reasons.push(format!("credit_code：{e}")),
            }
        }
        profile.office_name = get("office_name");
        profile.website = get("website");
        // The 公开指南's contacts (条例第十二条) are the disclosure office's and the agency's alike here.
        for contact in [&mut profile.contact, &mut profile.office] {
            contact.address = get("address");
            contact.office_hours = get("office_hours");
            contact.phone = get("phone");
            contact.fax = get("fax");
            contact.email = get("email");
        }
        for problem in profile.problems() {
            reasons.push(format!("{}：{}", problem.field, problem.problem.code()));
        }
        for key in std::iter::once(profile.name.clone())
            .chain(profile.credit_code.as_ref().map(|c| c.as_str().to_owned()))
        {
            if !key.is_empty() && !seen.insert(key.clone()) {
                reasons.push(format!("{key}：文件中重复 / twice in the file"));
            }
        }
        let parent = Some(get("parent")).filter(|p| !p.is_empty());
        if parent.as_deref().is_some_and(|p| p == profile.name) {
            reasons.push("parent：不能是自己 / cannot be the agency itself".to_owned());
        }
        if reasons.is_empty() {
            valid.push(AgencyImportRow {
                line: *line,
                profile,
                parent,
            });
        } else {
            rejected.push(Rejected {
                line: *line,
                reasons,
            });
        }
    }
    (valid, rejected)
}

/// Orders the rows parents first and rejects those whose parent is neither in the file nor in the store, or
/// that go round in a circle. Returns the rows to write, in order, and the rejected ones.
pub async fn order_rows(
    store: &Store,
    rows: Vec<AgencyImportRow>,
) -> AppResult<(Vec<AgencyImportRow>, Vec<Rejected>)> {
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        index.insert(row.profile.name.clone(), i);
        if let Some(code) = &row.profile.credit_code {
            index.insert(code.as_str().to_owned(), i);
        }
    }
    let mut rejected = Vec::new();
    let mut in_store: BTreeMap<String, bool> = BTreeMap::new();
    let mut parent_of: Vec<Option<usize>> = vec![None; rows.len()];
    let mut bad = vec![false; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        let Some(key) = &row.parent else { continue };
        let key_upper = key.to_ascii_uppercase();
        match index.get(key).or_else(|| index.get(&key_upper)) {
            Some(&p) => parent_of[i] = Some(p),
            None => {
                let known = match in_store.get(key) {
                    Some(k) => *k,
                    None => {
                        let k = store.agency_by_name_or_code(key).await?.is_some();
                        in_store.insert(key.clone(), k);
                        k
                    }
                };
                if !known {
                    bad[i] = true;
                    rejected.push(Rejected {
                        line: row.line,
                        reasons: vec![format!("parent：没有机关“{key}” / no agency “{key}”")],
                    });
                }
            }
        }
    }
    // Depth-first from each row up to its ancestors: a row is placed after its parent; a circle is refused.
    let mut order = Vec::with_capacity(rows.len());
    let mut state = vec![0_u8; rows.len()]; // 0 not seen, 1 on the path, 2 placed
    for start in 0..rows.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    // A circle: every row on it is refused.
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    for &p in &path[from..] {
                        bad[p] = true;
                    }
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = parent_of[i];
                }
            }
        }
        for &i in path.iter().rev() {
            state[i] = 2;
            let parent_bad = parent_of[i].is_some_and(|p| bad[p]);
            if parent_bad && !bad[i] {
                bad[i] = true;
            }
            order.push(i);
        }
    }
    let mut slots: Vec<Option<AgencyImportRow>> = rows.into_iter().map(Some).collect();
    let mut ordered = Vec::with_capacity(order.len());
    for i in order {
        let Some(row) = slots[i].take() else { continue };
        if bad[i] {
            if !rejected.iter().any(|r| r.line == row.line) {
                rejected.push(Rejected {
                    line: row.line,
                    reasons: vec![
                        "parent：上级机关成环或被拒绝 / its parent goes round in a circle or was rejected"
                            .to_owned(),
                    ],
                });
            }
        } else {
            ordered.push(row);
        }
    }
    Ok((ordered, rejected))
}

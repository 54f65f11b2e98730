//! Rows of an import file (CSV with a header, or JSON Lines) checked into catalogue items. Other systems name
//! things their own way, so a category, kind or validity may be given by gongkai's code or by its Chinese
//! name, and dates as 2020-05-15, 2020/5/15 or 2020年5月15日.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use gongkai_domain::catalog::{Category, DocKind, DocNo, IndexNo, ItemDraft, Subject, Validity};
use gongkai_store::ImportRow;
use sha2::{Digest, Sha256};

/// One rejected row: its line and every reason, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub line: usize,
    pub reasons: Vec<String>,
}

/// The columns a row may have (others are ignored).
pub const COLUMNS: [&str; 14] = [
    "import_key",
    "index_no",
    "title",
    "doc_no",
    "category",
    "subject",
    "issuer",
    "formed_on",
    "published_on",
    "summary",
    "kind",
    "validity",
    "validity_on",
    "body",
];

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

fn category(text: &str) -> Option<Category> {
    let t = text.trim();
    Category::from_code(t).or_else(|| Category::ALL.into_iter().find(|c| c.name_zh() == t))
}

fn kind(text: &str) -> Option<DocKind> {
    match text.trim() {
        "" => Some(DocKind::Other),
        t => DocKind::from_code(t).or_else(|| DocKind::ALL.into_iter().find(|k| k.name_zh() == t)),
    }
}

fn validity_code(text: &str) -> Option<&'static str> {
    let t = text.trim();
    match t {
        "" | "有效" => Some("valid"),
        "已修改" | "修改" => Some("amended"),
        "已废止" | "废止" => Some("repealed"),
        "已失效" | "失效" => Some("expired"),
        _ => Validity::CODES.into_iter().find(|c| *c == t),
    }
}

/// Checks one row; `agency_name` is the issuer when the row names none.
pub fn check(
    line: usize,
    row: &BTreeMap<String, String>,
    agency_name: &str,
) -> Result<ImportRow, Rejected> {
    let get = |k: &str| row.get(k).map(|v| v.trim()).unwrap_or("");
    let mut reasons = Vec::new();
    let mut bad = |field: &str, why: &str| reasons.push(format!("{field}：{why}"));
    let formed_on = parse_date(get("formed_on"));
    if formed_on.is_none() {
        bad(
            "formed_on",
            "缺少或无法识别的成文日期 / missing or unreadable date",
        );
    }
    let published_on = match get("published_on") {
        "" => formed_on,
        text => parse_date(text),
    };
    if published_on.is_none() {
        bad("published_on", "无法识别的发布日期 / unreadable date");
    }
    let doc_no = match get("doc_no") {
        "" => None,
        text => DocNo::parse(text)
            .map_err(|e| bad("doc_no", &e.to_string()))
            .ok(),
    };
    let category = category(get("category"));
    if category.is_none() {
        bad(
            "category",
            "不是《条例》第二十、二十一条的类别 / not a category of Articles 20 and 21",
        );
    }
    let kind = kind(get("kind"));
    if kind.is_none() {
        bad(
            "kind",
            "应为 规章、行政规范性文件 或 其他 / expected regulation, normative_document or other",
        );
    }
    let validity_on = match get("validity_on") {
        "" => None,
        text => {
            let d = parse_date(text);
            if d.is_none() {
                bad("validity_on", "无法识别的日期 / unreadable date");
            }
            d
        }
    };
    let validity = validity_code(get("validity")).and_then(|c| Validity::from_code(c, validity_on));
    if validity.is_none() {
        bad(
            "validity",
            "有效性不明，或已修改/废止/失效却没有日期 / unknown, or changed without a date",
        );
    }
    let subject = match get("subject") {
        "" => None,
        text => Subject::parse(text)
            .map_err(|e| bad("subject", &e.to_string()))
            .ok(),
    };
    let index_no = match get("index_no") {
        "" => None,
        text => match IndexNo::parse(text) {
            Ok(i) => Some(i.to_string()),
            Err(e) => {
                bad("index_no", &e.to_string());
                None
            }
        },
    };
    let issuer = match get("issuer") {
        "" => agency_name.to_owned(),
        text => text.to_owned(),
    };
    let (Some(formed_on), Some(published_on), Some(category), Some(kind), Some(validity)) =
        (formed_on, published_on, category, kind, validity)
    else {
        return Err(Rejected { line, reasons });
    };
    let draft = ItemDraft {
        title: get("title").to_owned(),
        doc_no,
        category,
        subject,
        issuer,
        formed_on,
        summary: get("summary").to_owned(),
        kind,
        validity,
        body: get("body").to_owned(),
    };
    for problem in draft.problems() {
        reasons.push(format!("{}：{}", problem.field, problem.problem.code()));
    }
    if !reasons.is_empty() {
        return Err(Rejected { line, reasons });
    }
    // Without a key from the old system, the item's own identity makes one, so that running the same file
    // twice finds the rows already there.
    let import_key = match (get("import_key"), &index_no) {
        ("", Some(no)) => format!("index:{no}"),
        ("", None) => {
            // The 文号 in its canonical form, so that the same file with other brackets is the same row.
            let doc_no = draft
                .doc_no
                .as_ref()
                .map(|n| n.to_string())
                .unwrap_or_default();
            let identity = format!("{}\n{doc_no}\n{formed_on}", draft.title);
            format!(
                "sha256:{}",
                hex::encode(Sha256::digest(identity.as_bytes()))
            )
        }
        (key, _) => format!("key:{key}"),
    };
    Ok(ImportRow {
        line,
        import_key,
        index_no,
        published_on,
        draft,
    })
}

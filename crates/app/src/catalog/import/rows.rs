//! Rows of an import file (CSV with a header, or JSON Lines) checked into catalogue items. Other systems name
//! things their own way, so a category, kind or validity may be given by gongkai's code or by its Chinese
//! name, and dates as 2020-05-15, 2020/5/15 or 2020年5月15日.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use gongkai_domain::catalog::{
    Category, DocKind, DocNo, IndexNo, ItemDraft, Subject, Validity, not_after,
};
use gongkai_store::ImportRow;
use sha2::{Digest, Sha256};

use crate::messages::{Coded, Messages};

/// The built-in words, read once: a rejected row's reasons are given in both languages.
fn words() -> &'static Messages {
    static MESSAGES: OnceLock<Messages> = OnceLock::new();
    MESSAGES.get_or_init(|| Messages::builtin().unwrap_or_default())
}

fn text(code: &'static str) -> String {
    words().text_both(code)
}

fn both(value: &dyn Coded) -> String {
    words().say_both(value)
}

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

/// A column as other systems name it, in Chinese or English, to gongkai's name for it.
pub fn canonical_column(header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{feff}');
    let known: [(&str, &[&str]); 14] = [
        (
            "import_key",
            &["import_key", "id", "编号", "原系统编号", "记录编号"],
        ),
        ("index_no", &["index_no", "索引号"]),
        (
            "title",
            &["title", "名称", "标题", "信息名称", "文件名称", "文件标题"],
        ),
        (
            "doc_no",
            &["doc_no", "文号", "发文字号", "发布文号", "文件编号"],
        ),
        (
            "category",
            &["category", "信息类别", "公开类别", "类别", "目录分类"],
        ),
        ("subject", &["subject", "主题分类", "主题", "组配分类"]),
        (
            "issuer",
            &["issuer", "发布机构", "发文机关", "发文机构", "发文单位"],
        ),
        (
            "formed_on",
            &[
                "formed_on",
                "成文日期",
                "生成日期",
                "产生日期",
                "发文日期",
                "形成日期",
            ],
        ),
        (
            "published_on",
            &["published_on", "发布日期", "公开日期", "发布时间"],
        ),
        ("summary", &["summary", "内容概述", "摘要", "内容摘要"]),
        ("kind", &["kind", "文件类型", "体裁", "文种"]),
        ("validity", &["validity", "有效性", "效力状态", "时效性"]),
        (
            "validity_on",
            &["validity_on", "失效日期", "废止日期", "修改日期"],
        ),
        ("body", &["body", "正文", "内容", "全文"]),
    ];
    known
        .iter()
        .find(|(_, names)| names.contains(&h))
        .map(|(column, _)| *column)
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t.split_whitespace().next().unwrap_or(t);
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"]
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

/// Checks one row on `today`; `agency_name` is the issuer when the row names none.
pub fn check(
    line: usize,
    row: &BTreeMap<String, String>,
    agency_name: &str,
    today: NaiveDate,
) -> Result<ImportRow, Rejected> {
    let get = |k: &str| row.get(k).map(|v| v.trim()).unwrap_or("");
    let mut reasons = Vec::new();
    let mut bad = |field: &str, why: &str| reasons.push(format!("{field}：{why}"));
    let said = |code: &'static str| text(code);
    let formed_on = parse_date(get("formed_on"));
    if formed_on.is_none() {
        bad("formed_on", &said("cli.import.formed_on"));
    }
    let published_on = match get("published_on") {
        "" => formed_on,
        text => parse_date(text),
    };
    if published_on.is_none() {
        bad("published_on", &said("cli.import.published_on"));
    }
    let doc_no = match get("doc_no") {
        "" => None,
        text => DocNo::parse(text)
            .map_err(|e| bad("doc_no", &both(&e)))
            .ok(),
    };
    let category = category(get("category"));
    if category.is_none() {
        bad("category", &said("cli.import.category"));
    }
    let kind = kind(get("kind"));
    if kind.is_none() {
        bad("kind", &said("cli.import.kind"));
    }
    let validity_on = match get("validity_on") {
        "" => None,
        text => {
            let d = parse_date(text);
            if d.is_none() {
                bad("validity_on", &said("cli.import.validity_on"));
            }
            d
        }
    };
    let validity = validity_code(get("validity")).and_then(|c| Validity::from_code(c, validity_on));
    if validity.is_none() {
        bad("validity", &said("cli.import.validity"));
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
            Ok(i) => Some(i),
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
    // Neither the document's 成文日期 nor its 发布日期 in the old system can lie after today (条例第二十六条 counts
    // the publication deadline between them).
    for (field, date) in [("formed_on", formed_on), ("published_on", published_on)] {
        if not_after(today, field, date).is_some() {
            reasons.push(format!("{field}：{}", text("cli.import.date_in_future")));
        }
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

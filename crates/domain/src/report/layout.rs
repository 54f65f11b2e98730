//! The national table layouts, cell by cell, as `shared/spec/report-formats.md` §1-3 lays them out.
//! Keys are the stable names of the JSON contract; labels are copied character for character.

use super::{CellKind, Format};

#[derive(Debug)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: CellKind,
}

#[derive(Debug)]
pub struct T2Row {
    pub key: &'static str,
    pub label: &'static str,
}

/// One block of table 二 (a 第二十条 item).
#[derive(Debug)]
pub struct T2Block {
    pub key: &'static str,
    pub title: &'static str,
    pub rows: &'static [T2Row],
    pub cols: &'static [Column],
}

const fn col(key: &'static str, label: &'static str, kind: CellKind) -> Column {
    Column { key, label, kind }
}
const fn row(key: &'static str, label: &'static str) -> T2Row {
    T2Row { key, label }
}

use CellKind::{AmountWan, Count, SignedCount};

const F2021_A20_1_COLS: [Column; 3] = [
    col("issued", "本年制发件数", Count),
    col("repealed", "本年废止件数", Count),
    col("in_force", "现行有效件数", Count),
];
const F2021_DECISIONS: [Column; 1] = [col("decisions", "本年处理决定数量", Count)];

static T2_F2021: [T2Block; 4] = [
    T2Block {
        key: "a20_1",
        title: "第二十条第（一）项",
        rows: &[
            row("regulations", "规章"),
            row("normative_docs", "行政规范性文件"),
        ],
        cols: &F2021_A20_1_COLS,
    },
    T2Block {
        key: "a20_5",
        title: "第二十条第（五）项",
        rows: &[row("admin_license", "行政许可")],
        cols: &F2021_DECISIONS,
    },
    T2Block {
        key: "a20_6",
        title: "第二十条第（六）项",
        rows: &[
            row("admin_penalty", "行政处罚"),
            row("admin_coercion", "行政强制"),
        ],
        cols: &F2021_DECISIONS,
    },
    T2Block {
        key: "a20_8",
        title: "第二十条第（八）项",
        rows: &[row("admin_fees", "行政事业性收费")],
        cols: &[col(
            "fee_amount_wan",
            "本年收费金额（单位：万元）",
            AmountWan,
        )],
    },
];

const F2019_ITEM_COLS: [Column; 3] = [
    col("prev_items", "上一年项目数量", Count),
    col("delta", "本年增/减", SignedCount),
    col("decisions", "处理决定数量", Count),
];

static T2_F2019: [T2Block; 5] = [
    T2Block {
        key: "a20_1",
        title: "第二十条第（一）项",
        rows: &[
            row("regulations", "规章"),
            row("normative_docs", "规范性文件"),
        ],
        cols: &[
            col("new_made", "本年新制作数量", Count),
            col("new_published", "本年新公开数量", Count),
            col("total_published", "对外公开总数量", Count),
        ],
    },
    T2Block {
        key: "a20_5",
        title: "第二十条第（五）项",
        rows: &[
            row("admin_license", "行政许可"),
            row("other_services", "其他对外管理服务事项"),
        ],
        cols: &F2019_ITEM_COLS,
    },
    T2Block {
        key: "a20_6",
        title: "第二十条第（六）项",
        rows: &[
            row("admin_penalty", "行政处罚"),
            row("admin_coercion", "行政强制"),
        ],
        cols: &F2019_ITEM_COLS,
    },
    T2Block {
        key: "a20_8",
        title: "第二十条第（八）项",
        rows: &[row("admin_fees", "行政事业性收费")],
        cols: &[
            col("prev_items", "上一年项目数量", Count),
            col("delta", "本年增/减", SignedCount),
        ],
    },
    T2Block {
        key: "a20_9",
        title: "第二十条第（九）项",
        rows: &[row("gov_procurement", "政府集中采购")],
        cols: &[
            col("items", "采购项目数量", Count),
            col("amount", "采购总金额（单位：万元，保留4位小数）", AmountWan),
        ],
    },
];

pub fn t2_blocks(format: Format) -> &'static [T2Block] {
    match format {
        Format::F2019 => &T2_F2019,
        Format::F2021 => &T2_F2021,
    }
}

/// The applicant columns of table 三 (identical in both formats); the last is 总计.
pub static T3_COLUMNS: [Column; 7] = [
    col("np", "自然人", Count),
    col("org_biz", "商业企业", Count),
    col("org_research", "科研机构", Count),
    col("org_npo", "社会公益组织", Count),
    col("org_legal", "法律服务机构", Count),
    col("org_other", "其他", Count),
    col("total", "总计", Count),
];
/// Index of the 总计 column in [`T3_COLUMNS`].
pub const T3_TOTAL_COL: usize = 6;

/// The kinds of outcome under 三、本年度办理结果, one per printed group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultGroup {
    Open,
    Partial,
    Denied,
    Unable,
    NotProcessed,
    Other,
}

/// What a row of table 三 means in the identities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T3Role {
    New,
    CarryIn,
    Result(ResultGroup),
    Total,
    CarryOut,
}

#[derive(Debug)]
pub struct T3Row {
    pub key: &'static str,
    /// The printed label, numbering included.
    pub label: &'static str,
    /// The label without its numbering (what parsers look for).
    pub core: &'static str,
    /// The merged group cell printed to the left (（三）不予公开 …), if any.
    pub group: Option<&'static str>,
    pub role: T3Role,
}

const fn t3(
    key: &'static str,
    label: &'static str,
    core: &'static str,
    group: Option<&'static str>,
    role: T3Role,
) -> T3Row {
    T3Row {
        key,
        label,
        core,
        group,
        role,
    }
}

use ResultGroup as G;
use T3Role::{CarryIn, CarryOut, New, Result as R, Total};

const DENIED: Option<&str> = Some("（三）不予公开");
const UNABLE: Option<&str> = Some("（四）无法提供");
const NOT_PROCESSED: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

macro_rules! t3_rows {
    ($($other:expr),+) => {
        [
            t3("r1_new", "一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量", None, New),
            t3("r2_carry_in", "二、上年结转政府信息公开申请数量", "上年结转政府信息公开申请数量", None, CarryIn),
            t3("r3_1_open", "（一）予以公开", "予以公开", None, R(G::Open)),
            t3("r3_2_partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开", None, R(G::Partial)),
            t3("r3_3_1_state_secret", "1.属于国家秘密", "属于国家秘密", DENIED, R(G::Denied)),
            t3("r3_3_2_law_forbidden", "2.其他法律行政法规禁止公开", "其他法律行政法规禁止公开", DENIED, R(G::Denied)),
            t3("r3_3_3_three_security", "3.危及“三安全一稳定”", "危及三安全一稳定", DENIED, R(G::Denied)),
            t3("r3_3_4_third_party", "4.保护第三方合法权益", "保护第三方合法权益", DENIED, R(G::Denied)),
            t3("r3_3_5_internal_affairs", "5.属于三类内部事务信息", "属于三类内部事务信息", DENIED, R(G::Denied)),
            t3("r3_3_6_process_info", "6.属于四类过程性信息", "属于四类过程性信息", DENIED, R(G::Denied)),
            t3("r3_3_7_enforcement_file", "7.属于行政执法案卷", "属于行政执法案卷", DENIED, R(G::Denied)),
            t3("r3_3_8_admin_query", "8.属于行政查询事项", "属于行政查询事项", DENIED, R(G::Denied)),
            t3("r3_4_1_not_held", "1.本机关不掌握相关政府信息", "本机关不掌握相关政府信息", UNABLE, R(G::Unable)),
            t3("r3_4_2_needs_creation", "2.没有现成信息需要另行制作", "没有现成信息需要另行制作", UNABLE, R(G::Unable)),
            t3("r3_4_3_still_unclear", "3.补正后申请内容仍不明确", "补正后申请内容仍不明确", UNABLE, R(G::Unable)),
            t3("r3_5_1_petition", "1.信访举报投诉类申请", "信访举报投诉类申请", NOT_PROCESSED, R(G::NotProcessed)),
            t3("r3_5_2_repeat", "2.重复申请", "重复申请", NOT_PROCESSED, R(G::NotProcessed)),
            t3("r3_5_3_publication", "3.要求提供公开出版物", "要求提供公开出版物", NOT_PROCESSED, R(G::NotProcessed)),
            t3("r3_5_4_mass_repeat", "4.无正当理由大量反复申请", "无正当理由大量反复申请", NOT_PROCESSED, R(G::NotProcessed)),
            t3("r3_5_5_confirm_reissue", "5.要求行政机关确认或重新出具已获取信息", "要求行政机关确认或重新出具已获取信息", NOT_PROCESSED, R(G::NotProcessed)),
            $($other,)+
            t3("r3_7_total", "（七）总计", "总计", None, Total),
            t3("r4_carry_out", "四、结转下年度继续办理", "结转下年度继续办理", None, CarryOut),
        ]
    };
}

static T3_F2019: [T3Row; 23] = t3_rows!(t3(
    "r3_6_other",
    "（六）其他处理",
    "其他处理",
    None,
    R(G::Other)
));

static T3_F2021: [T3Row; 25] = t3_rows!(
    t3(
        "r3_6_1_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
        OTHER,
        R(G::Other)
    ),
    t3(
        "r3_6_2_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
        OTHER,
        R(G::Other)
    ),
    t3("r3_6_3_other", "3.其他", "其他", OTHER, R(G::Other))
);

pub fn t3_rows(format: Format) -> &'static [T3Row] {
    match format {
        Format::F2019 => &T3_F2019,
        Format::F2021 => &T3_F2021,
    }
}

/// The groups of table 四: 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉.
pub static T4_GROUPS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("lit_direct", "行政诉讼（未经复议直接起诉）"),
    ("lit_after_review", "行政诉讼（复议后起诉）"),
];
pub static T4_COLUMNS: [(&str, &str); 5] = [
    ("maintain", "结果维持"),
    ("correct", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

/// The six sections of the document skeleton (both formats), with the words that identify each heading.
pub static SECTIONS: [(&str, &str); 6] = [
    ("一", "总体情况"),
    ("二", "主动公开政府信息情况"),
    ("三", "收到和处理政府信息公开申请情况"),
    ("四", "政府信息公开行政复议、行政诉讼情况"),
    ("五", "存在的主要问题及改进情况"),
    ("六", "其他需要报告的事项"),
];

/// Every cell path of a format, in the order of the JSON contract (`t2.…`, `t3.…`, `t4.…`).
pub fn cell_paths(format: Format) -> Vec<String> {
    let mut paths = Vec::new();
    for block in t2_blocks(format) {
        for r in block.rows {
            for c in block.cols {
                paths.push(format!("t2.{}.{}.{}", block.key, r.key, c.key));
            }
        }
    }
    for r in t3_rows(format) {
        for c in &T3_COLUMNS {
            paths.push(format!("t3.{}.{}", r.key, c.key));
        }
    }
    for (g, _) in &T4_GROUPS {
        for (c, _) in &T4_COLUMNS {
            paths.push(format!("t4.{g}.{c}"));
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_have_the_spec_counts() {
        // 19 result rows in F2019 and 21 in F2021 (with （七）总计 the 三、本年度办理结果 cell spans 20 and 22
        // rows, spec §2b), plus 一, 二, （七）, 四.
        assert_eq!(t3_rows(Format::F2019).len(), 23);
        assert_eq!(t3_rows(Format::F2021).len(), 25);
        assert_eq!(t2_blocks(Format::F2019).len(), 5);
        assert_eq!(t2_blocks(Format::F2021).len(), 4);
        assert_eq!(
            cell_paths(Format::F2019).len(),
            6 + 6 + 6 + 2 + 2 + 23 * 7 + 15
        );
        assert_eq!(cell_paths(Format::F2021).len(), 6 + 1 + 2 + 1 + 25 * 7 + 15);
    }
}

//! Drafts of the sections an agency left empty, from its records: 一 under the five headings 国办公开办函〔2021〕
//! 30号 lists (主动公开, 依申请公开, 政府信息管理, 政府信息公开平台建设, 监督保障), each with what the records say and a
//! placeholder only where no record exists; 五 a placeholder; 六 the fee statement 30号 asks for. A drafted
//! section is marked so, and the text rules that judge an agency's own words (D-05, D-08) leave it aside.

use gongkai_domain::report::{AnnualReport, FeeFigures, Format};
use rust_decimal::Decimal;

/// Fees noticed and paid in the year (国办函〔2020〕109号), for section 六.
#[derive(Debug, Clone, Default)]
pub(super) struct FeeYear {
    pub notices: usize,
    pub noticed_yuan: Decimal,
    pub paid_yuan: Decimal,
}

impl FeeYear {
    /// Section 六's figures as the fee register gives them (T3-06 and T3-07 read them).
    pub fn figures(&self) -> FeeFigures {
        FeeFigures {
            notice_count: Some(i64::try_from(self.notices).unwrap_or(i64::MAX)),
            notice_amount_yuan: Some(self.noticed_yuan),
            collected_yuan: Some(self.paid_yuan),
        }
    }
}

/// What the records say beyond the tables: the items the catalogue published in the year, and the agency's
/// website.
#[derive(Debug, Clone, Default)]
pub(super) struct Records<'a> {
    pub published_items: usize,
    pub website: &'a str,
    pub fees: FeeYear,
}

fn int(report: &AnnualReport, path: &str) -> i64 {
    report.cell(path).and_then(|c| c.as_int()).unwrap_or(0)
}

/// Section 一 under 30号's five headings. The figures are the tables' own, so that T3-08 holds.
fn overview(report: &AnnualReport, year: i32, records: &Records) -> String {
    let n = |p: &str| int(report, p);
    let proactive = if records.published_items > 0 {
        format!(
            "本年度在政府信息公开目录中主动公开政府信息{}条。",
            records.published_items
        )
    } else {
        "（待填写：本年度主动公开政府信息的情况。）".to_owned()
    };
    let management = if report.format == Format::F2021 {
        format!(
            "本年度制发行政规范性文件{}件、废止{}件，年末现行有效{}件。（待填写：保密审查、公开属性认定和动态调整等情况。）",
            n("t2.a20_1.normative_docs.issued"),
            n("t2.a20_1.normative_docs.repealed"),
            n("t2.a20_1.normative_docs.in_force"),
        )
    } else {
        "（待填写：保密审查、公开属性认定和规范性文件清理等政府信息管理情况。）".to_owned()
    };
    let website = records.website.trim();
    let platform = if website.is_empty() {
        "（待填写：政府网站、政务新媒体和政府信息公开专栏等平台建设情况。）".to_owned()
    } else {
        format!("本机关通过门户网站（{website}）政府信息公开专栏发布政府信息。")
    };
    format!(
        "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\
         （一）主动公开\n{proactive}\n\
         （二）依申请公开\n本年度新收政府信息公开申请{}件，上年结转{}件，办结{}件，结转下年度继续办理{}件。\n\
         （三）政府信息管理\n{management}\n\
         （四）政府信息公开平台建设\n{platform}\n\
         （五）监督保障\n本年度因政府信息公开工作被申请行政复议{}件，被提起行政诉讼{}件。\
         （待填写：工作考核、社会评议、责任追究和业务培训等情况。）",
        n("t3.r1_new.total"),
        n("t3.r2_carry_in.total"),
        n("t3.r3_7_total.total"),
        n("t3.r4_carry_out.total"),
        n("t4.review.total"),
        n("t4.lit_direct.total") + n("t4.lit_after_review.total"),
    )
}

/// 国办公开办函〔2021〕30号: 第六部分应说明收取信息处理费的情况. The fee rules (国办函〔2020〕109号) apply from 2021
/// on; a 2019 or 2020 report does not cite them.
fn fee_statement(year: i32, fees: &FeeYear) -> String {
    const FEE_RULES: &str = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";
    match (year >= 2021, fees.notices == 0 && fees.paid_yuan.is_zero()) {
        (true, true) => format!("依据{FEE_RULES}，本年度未收取信息处理费。"),
        (true, false) => format!(
            "依据{FEE_RULES}，本年度发出收费通知{}件，金额共计{}元，实际收取信息处理费{}元。",
            fees.notices,
            fees.noticed_yuan.normalize(),
            fees.paid_yuan.normalize()
        ),
        (false, _) => "本年度未收取政府信息公开相关费用。".to_owned(),
    }
}

/// Fills the sections the agency left empty and marks them drafted.
pub(super) fn draft_sections(report: &mut AnnualReport, year: i32, records: &Records) {
    let drafts = [
        (0, overview(report, year, records)),
        (
            4,
            "本年度政府信息公开工作存在的主要问题及改进情况（待填写）。".to_owned(),
        ),
        (5, fee_statement(year, &records.fees)),
    ];
    for (i, text) in drafts {
        if let Some(Some(section)) = report.sections.get_mut(i)
            && section.body.trim().is_empty()
        {
            section.body = text;
            section.drafted = true;
        }
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;

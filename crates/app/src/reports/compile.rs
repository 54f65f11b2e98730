//! Compiling an agency's annual report for a year (条例第四十九条、第五十条) in the format its year requires:
//! table 二 from the catalogue and the entered figures, table 三 from the applications, table 四 from the
//! register, the sections as the agency wrote them (an empty one drafted from the records), then every rule
//! of the engine, the cross-year ones against the previous year compiled the same way.

use chrono::NaiveDate;
use gongkai_domain::agency::Agency;
use gongkai_domain::application::event::Event;
use gongkai_domain::catalog::ItemState;
use gongkai_domain::report::compile_t2::{CatalogFacts, fill_t2, read_figures};
use gongkai_domain::report::{AnnualReport, Finding, Format, validate_with_previous};
use rust_decimal::Decimal;

use gongkai_store::{
    ApplicationStore, CatalogStore, ItemFilter, ReportInputStore, ReportInputs, Store, StoreError,
    StoreResult, agency_t3, agency_t4,
};

/// A compiled report, the previous year's compiled the same way, and the findings of every rule.
#[derive(Debug, Clone)]
pub struct CompiledReport {
    pub report: AnnualReport,
    pub previous: AnnualReport,
    pub findings: Vec<Finding>,
}

/// The published 规章 and 行政规范性文件 (and the rest) of an agency's catalogue, as table 二 counts them.
pub async fn catalog_facts(store: &Store, agency: &Agency) -> StoreResult<Vec<CatalogFacts>> {
    let mut facts = Vec::new();
    let mut page = 1;
    loop {
        let filter = ItemFilter {
            agencies: Some(vec![agency.id]),
            states: Some(vec![ItemState::Published]),
            page,
            per_page: 500,
            ..ItemFilter::default()
        };
        let (items, total) = store.items(&filter).await?;
        let got = items.len();
        facts.extend(items.into_iter().filter_map(|i| {
            Some(CatalogFacts {
                kind: i.draft.kind,
                formed_on: i.draft.formed_on,
                published_on: i.published_on?,
                validity: i.draft.validity,
                own: i.draft.issuer.trim() == agency.profile.name.trim(),
            })
        }));
        if got == 0 || facts.len() as u64 >= total {
            return Ok(facts);
        }
        page += 1;
    }
}

/// Fees noticed and paid in `year` (国办函〔2020〕109号), for the draft of section 六.
struct FeeYear {
    notices: usize,
    noticed_yuan: Decimal,
    paid_yuan: Decimal,
}

async fn fee_year(store: &Store, agency: &Agency, year: i32) -> StoreResult<FeeYear> {
    let mut out = FeeYear {
        notices: 0,
        noticed_yuan: Decimal::ZERO,
        paid_yuan: Decimal::ZERO,
    };
    for app in store.applications_of(agency.id, false).await? {
        // The amount of the notice a payment answers; an amount that does not decode made the event
        // unreadable already (the store refuses it as corrupt), so no fee is ever counted as zero by mistake.
        let mut amount = Decimal::ZERO;
        for recorded in store.application_events(app.id).await? {
            let this_year = chrono::Datelike::year(&recorded.on) == year;
            match &recorded.event {
                Event::FeeNoticeIssued(notice) => {
                    amount = notice.amount_yuan;
                    if this_year {
                        out.notices += 1;
                        out.noticed_yuan += amount;
                    }
                }
                Event::FeePaid if this_year => out.paid_yuan += amount,
                _ => {}
            }
        }
    }
    Ok(out)
}

fn int(report: &AnnualReport, path: &str) -> i64 {
    report.cell(path).and_then(|c| c.as_int()).unwrap_or(0)
}

/// Drafts of the sections the agency left empty: 一 with the year's figures as table 三 gives them (so that
/// T3-08 holds), 六 with the fee statement 30号 asks for.
fn draft_sections(report: &mut AnnualReport, year: i32, fees: &FeeYear) {
    let n = |p: &str| int(report, p);
    let overview = format!(
        "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\
         本年度新收政府信息公开申请{}件，上年结转{}件，办结{}件，结转下年度继续办理{}件。",
        n("t3.r1_new.total"),
        n("t3.r2_carry_in.total"),
        n("t3.r3_7_total.total"),
        n("t3.r4_carry_out.total"),
    );
    // 国办公开办函〔2021〕30号: 第六部分应说明收取信息处理费的情况. The fee rules (国办函〔2020〕109号) apply
    // from 2021 on; a 2019 or 2020 report does not cite them.
    const FEE_RULES: &str = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";
    let fees_text = match (year >= 2021, fees.notices == 0 && fees.paid_yuan.is_zero()) {
        (true, true) => format!("依据{FEE_RULES}，本年度未收取信息处理费。"),
        (true, false) => format!(
            "依据{FEE_RULES}，本年度发出收费通知{}件，金额共计{}元，实际收取信息处理费{}元。",
            fees.notices,
            fees.noticed_yuan.normalize(),
            fees.paid_yuan.normalize()
        ),
        (false, _) => "本年度未收取政府信息公开相关费用。".to_owned(),
    };
    let drafts = [
        (0, overview),
        (
            4,
            "本年度政府信息公开工作存在的主要问题及改进情况（待填写）。".to_owned(),
        ),
        (5, fees_text),
    ];
    for (i, text) in drafts {
        if let Some(Some(section)) = report.sections.get_mut(i)
            && section.body.trim().is_empty()
        {
            section.body = text;
        }
    }
}

/// One year's report from the records, without the cross-year findings.
async fn compile_year(
    store: &Store,
    agency: &Agency,
    year: i32,
    facts: &[CatalogFacts],
    t3: &AnnualReport,
) -> StoreResult<AnnualReport> {
    let format = Format::for_year(year);
    let inputs: ReportInputs = store.report_inputs(agency.id, year).await?;
    let mut report = AnnualReport::zeroed(format);
    report.year = Some(year);
    report.agency = Some(agency.profile.name.clone());
    let figures = read_figures(format, &inputs.figures).map_err(|problems| {
        StoreError::Corrupt(format!(
            "report figures of {year}: {}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    fill_t2(&mut report, facts, &figures, year);
    report.t3 = t3.t3.clone();
    // 条例第五十条第（三）项: table 四 from the register of 行政复议 and 行政诉讼 cases.
    report.t4 = agency_t4(store, agency.id, year).await?;
    for (i, body) in inputs.sections.iter().enumerate() {
        if let Some(Some(section)) = report.sections.get_mut(i) {
            section.body = body.trim().to_owned();
        }
    }
    let fees = if format == Format::F2021 {
        fee_year(store, agency, year).await?
    } else {
        FeeYear {
            notices: 0,
            noticed_yuan: Decimal::ZERO,
            paid_yuan: Decimal::ZERO,
        }
    };
    draft_sections(&mut report, year, &fees);
    Ok(report)
}

/// `agency`'s report for `year`, the previous year's, and the findings of every rule (see the module
/// documentation). An error finding blocks publication; a warning needs a reviewer's confirmation.
pub async fn compile_report(
    store: &Store,
    agency: &Agency,
    year: i32,
) -> StoreResult<CompiledReport> {
    compile_member(store, agency, year).await
}

/// [`compile_report`] for one agency of a roll-up.
pub(crate) async fn compile_member(
    store: &Store,
    agency: &Agency,
    year: i32,
) -> StoreResult<CompiledReport> {
    if NaiveDate::from_ymd_opt(year, 1, 1).is_none() {
        return Err(StoreError::Refused(format!("year {year}")));
    }
    let facts = catalog_facts(store, agency).await?;
    let t3 = agency_t3(store, agency.id, year).await?;
    let report = compile_year(store, agency, year, &facts, &t3.report).await?;
    let previous = compile_year(store, agency, year - 1, &facts, &t3.previous).await?;
    let findings = validate_with_previous(&report, Some(&previous));
    Ok(CompiledReport {
        report,
        previous,
        findings,
    })
}

#[cfg(test)]
mod tests {
    use gongkai_domain::report::{AnnualReport, Format};
    use rust_decimal::Decimal;

    use super::{FeeYear, draft_sections};

    fn section_six(year: i32, fees: &FeeYear) -> String {
        let mut report = AnnualReport::zeroed(Format::for_year(year));
        draft_sections(&mut report, year, fees);
        report.section_body(6).to_owned()
    }

    #[test]
    fn section_six_names_the_fee_rules_only_from_2021() {
        let none = FeeYear {
            notices: 0,
            noticed_yuan: Decimal::ZERO,
            paid_yuan: Decimal::ZERO,
        };
        let charged = FeeYear {
            notices: 2,
            noticed_yuan: Decimal::from(2200),
            paid_yuan: Decimal::from(1100),
        };
        let named = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";
        assert!(section_six(2021, &none).contains(named));
        let text = section_six(2025, &charged);
        assert!(
            text.contains(named) && text.contains("收费通知2件") && text.contains("1100元"),
            "{text}"
        );
        for year in [2019, 2020] {
            let text = section_six(year, &none);
            assert!(
                !text.contains("109号") && !text.contains("信息处理费管理办法"),
                "{year}: {text}"
            );
        }
    }
}

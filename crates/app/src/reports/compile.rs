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

use super::draft::{FeeYear, Records, draft_sections};
use gongkai_store::{
    CatalogStore, ItemFilter, ReportInputStore, ReportInputs, Store, StoreError, StoreResult,
    agency_t4,
};

/// A compiled report, the previous year's compiled the same way, and the findings of every rule.
#[derive(Debug, Clone)]
pub struct CompiledReport {
    pub report: AnnualReport,
    pub previous: AnnualReport,
    pub findings: Vec<Finding>,
    /// Items the catalogue published in the year (what section 一's draft quotes; a roll-up sums them).
    pub published_items: usize,
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

/// Fees noticed and paid in `year` (国办函〔2020〕109号), for section 六: the fee events of all the agency's
/// applications in one query.
async fn fee_year(store: &Store, agency: &Agency, year: i32) -> StoreResult<FeeYear> {
    let mut out = FeeYear::default();
    let events = store
        .agency_events_of_kinds(agency.id, &["fee_notice_issued", "fee_paid"])
        .await?;
    // The amount of the notice a payment answers (the latest before it on the same application); an amount
    // that does not decode made the event unreadable already (the store refuses it as corrupt), so no fee is
    // ever counted as zero by mistake.
    let mut amount = (None, Decimal::ZERO);
    for (application, recorded) in events {
        if amount.0 != Some(application) {
            amount = (Some(application), Decimal::ZERO);
        }
        let this_year = chrono::Datelike::year(&recorded.on) == year;
        match &recorded.event {
            Event::FeeNoticeIssued(notice) => {
                amount.1 = notice.amount_yuan;
                if this_year {
                    out.notices += 1;
                    out.noticed_yuan += amount.1;
                }
            }
            Event::FeePaid if this_year => out.paid_yuan += amount.1,
            _ => {}
        }
    }
    Ok(out)
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
    report.agency_kind = Some(agency.profile.kind);
    let fees = if format == Format::F2021 {
        fee_year(store, agency, year).await?
    } else {
        FeeYear::default()
    };
    if format == Format::F2021 {
        // T3-06, T3-07: section 六's figures are the fee register's, whatever words the agency chose for 六.
        report.fees = fees.figures();
    }
    let records = Records {
        published_items: facts
            .iter()
            .filter(|f| chrono::Datelike::year(&f.published_on) == year)
            .count(),
        website: &agency.profile.website,
        fees,
    };
    draft_sections(&mut report, year, &records);
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
    let t3 = store.agency_t3_lean(agency.id, year).await?;
    let report = compile_year(store, agency, year, &facts, &t3.report).await?;
    let previous = compile_year(store, agency, year - 1, &facts, &t3.previous).await?;
    let findings = validate_with_previous(&report, Some(&previous));
    let published_items = facts
        .iter()
        .filter(|f| chrono::Datelike::year(&f.published_on) == year)
        .count();
    Ok(CompiledReport {
        report,
        previous,
        findings,
        published_items,
    })
}

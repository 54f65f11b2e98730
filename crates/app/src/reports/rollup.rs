//! A supervising agency's summary report (汇总): every table cell the sum of the same cell over the reports of
//! the agency and every agency below it, each compiled from its own records. 30号 has no national 汇总 format;
//! the sum is checked cell by cell (rule D-06) by whoever reads it against the members' reports.

use gongkai_domain::agency::Agency;
use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{
    AnnualReport, Cell, FeeFigures, check_rollup, validate_with_previous,
};

use super::compile::{CompiledReport, compile_member};
use super::draft::{FeeYear, Records, draft_sections};
use gongkai_store::{AgencyStore, Store, StoreError, StoreResult};

/// `total + cell`, for the sums of a roll-up; text or empty cells count 0 (a compiled report has none).
fn add(total: &Cell, cell: &Cell) -> Cell {
    use rust_decimal::Decimal;
    let amount = |c: &Cell| match c {
        Cell::Int(n) => Some(Decimal::from(*n)),
        Cell::Amount(d) => Some(*d),
        _ => None,
    };
    match (total, cell) {
        (Cell::Int(a), Cell::Int(b)) => Cell::Int(a.saturating_add(*b)),
        _ => Cell::Amount(amount(total).unwrap_or_default() + amount(cell).unwrap_or_default()),
    }
}

/// Adds every table cell of `member` into `total` (same format).
pub fn add_report(total: &mut AnnualReport, member: &AnnualReport) {
    for path in cell_paths(total.format) {
        if let (Some(sum), Some(cell)) = (total.cell(&path).cloned(), member.cell(&path))
            && let Some(slot) = total.cell_mut(&path)
        {
            *slot = add(&sum, cell);
        }
    }
}

/// The members compiled (in the tree's order, the agency itself first) and the summary of their tables.
#[derive(Debug, Clone)]
pub struct RollUp {
    pub summary: CompiledReport,
    pub members: Vec<(Agency, CompiledReport)>,
}

/// `agency`'s 汇总 for `year`: its own records and those of every agency below it.
pub async fn compile_rollup(store: &Store, agency: &Agency, year: i32) -> StoreResult<RollUp> {
    use futures_util::{StreamExt, TryStreamExt};
    let tree = store.agency_tree().await?;
    // A few members at a time: each is a handful of small queries, and the database answers one while the
    // next is sent (the tree's order is kept).
    let members: Vec<(Agency, CompiledReport)> =
        futures_util::stream::iter(tree.subtree(agency.id))
            .map(|id| async move {
                let member = store
                    .agency(id)
                    .await?
                    .ok_or(StoreError::NotFound { what: "agency" })?;
                let compiled = compile_member(store, &member, year).await?;
                Ok::<_, StoreError>((member, compiled))
            })
            .buffered(4)
            .try_collect()
            .await?;
    let mut summary = CompiledReport {
        report: zero_like(&members, |c| &c.report),
        previous: zero_like(&members, |c| &c.previous),
        findings: Vec::new(),
        published_items: members.iter().map(|(_, c)| c.published_items).sum(),
    };
    summary.report.agency = Some(format!("{}（汇总）", agency.profile.name));
    summary.report.year = Some(year);
    for (_, member) in &members {
        add_report(&mut summary.report, &member.report);
        add_report(&mut summary.previous, &member.previous);
    }
    // The summary's sections are the agency's own; its kind is the agency's (D-03, D-08), and section 六's
    // fee figures the members' sum (T3-06, T3-07 read them against the summed table 三).
    if let Some((_, own)) = members.first() {
        summary.report.sections = own.report.sections.clone();
    }
    summary.report.agency_kind = Some(agency.profile.kind);
    summary.report.fees = sum_fees(members.iter().map(|(_, c)| &c.report.fees));
    redraft(&mut summary, agency, year);
    summary.findings = validate_with_previous(&summary.report, Some(&summary.previous));
    // D-06: every cell of tables 三 and 四 the members' sum (true by construction; checked all the same).
    let reports: Vec<&AnnualReport> = members.iter().map(|(_, c)| &c.report).collect();
    summary
        .findings
        .extend(check_rollup(&summary.report, &reports));
    Ok(RollUp { summary, members })
}

/// The sections drafted from the agency's own records quote its own figures; the summary's tables are the
/// members' sum, so those sections are drafted again from the sums (T3-08: the text's figures are the tables').
/// Sections the agency wrote itself are kept as written.
fn redraft(summary: &mut CompiledReport, agency: &Agency, year: i32) {
    for section in summary.report.sections.iter_mut().flatten() {
        if section.drafted {
            section.body.clear();
            section.drafted = false;
        }
    }
    let fees = &summary.report.fees;
    let records = Records {
        published_items: summary.published_items,
        website: &agency.profile.website,
        fees: FeeYear {
            notices: fees
                .notice_count
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0),
            noticed_yuan: fees.notice_amount_yuan.unwrap_or_default(),
            paid_yuan: fees.collected_yuan.unwrap_or_default(),
        },
    };
    draft_sections(&mut summary.report, year, &records);
}

/// The members' fee figures added up; a figure one member does not state is not stated for the sum.
fn sum_fees<'a>(all: impl Iterator<Item = &'a FeeFigures>) -> FeeFigures {
    let mut sum = FeeFigures {
        notice_count: Some(0),
        notice_amount_yuan: Some(rust_decimal::Decimal::ZERO),
        collected_yuan: Some(rust_decimal::Decimal::ZERO),
    };
    let mut any = false;
    for fees in all {
        any = true;
        sum.notice_count = sum
            .notice_count
            .zip(fees.notice_count)
            .map(|(a, b)| a.saturating_add(b));
        sum.notice_amount_yuan = sum
            .notice_amount_yuan
            .zip(fees.notice_amount_yuan)
            .map(|(a, b)| a + b);
        sum.collected_yuan = sum
            .collected_yuan
            .zip(fees.collected_yuan)
            .map(|(a, b)| a + b);
    }
    if any { sum } else { FeeFigures::default() }
}

fn zero_like(
    members: &[(Agency, CompiledReport)],
    pick: impl Fn(&CompiledReport) -> &AnnualReport,
) -> AnnualReport {
    let format = members
        .first()
        .map(|(_, c)| pick(c).format)
        .unwrap_or(gongkai_domain::report::Format::F2021);
    let mut report = AnnualReport::zeroed(format);
    report.year = members.first().and_then(|(_, c)| pick(c).year);
    report
}

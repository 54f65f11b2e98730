//! Table 二 (条例第五十条第（一）项: 主动公开政府信息的情况) from the records: block 第二十条第（一）项 counted from the
//! catalogue's 规章 and 行政规范性文件, the other blocks from figures the agency enters for the year (行政许可,
//! 行政处罚, 行政强制 decisions, 行政事业性收费, and in F2019 政府集中采购), which no catalogue holds.

use crate::message::{Arg, Args, Coded};
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::layout::t2_blocks;
use super::{AnnualReport, Cell, CellKind, Format};
use crate::catalog::{DocKind, Validity};

/// What table 二 needs of one published catalogue item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogFacts {
    pub kind: DocKind,
    /// 成文日期: the day it was made (制发).
    pub formed_on: NaiveDate,
    /// The day it was published in the catalogue.
    pub published_on: NaiveDate,
    pub validity: Validity,
    /// Whether the agency itself issued it (发布机构): a department's catalogue also carries the government's
    /// documents that concern it, but its report counts only what it made.
    pub own: bool,
}

impl CatalogFacts {
    /// The day it stopped being in force: 废止 or 失效 (an amendment leaves it in force).
    fn ended_on(&self) -> Option<NaiveDate> {
        match self.validity {
            Validity::Repealed { on } | Validity::Expired { on } => Some(on),
            Validity::Valid | Validity::Amended { .. } => None,
        }
    }

    fn in_force_at(&self, day: NaiveDate) -> bool {
        self.formed_on <= day && self.ended_on().is_none_or(|end| end > day)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FiguresError {
    #[error("table 二 has no cell {0}")]
    UnknownCell(String),
    #[error("{0} is counted from the catalogue and cannot be entered")]
    Counted(String),
}

impl Coded for FiguresError {
    fn code(&self) -> &'static str {
        FiguresError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::UnknownCell(a0) => vec![("cell", Arg::text(a0))],
            Self::Counted(a0) => vec![("cell", Arg::text(a0))],
        }
    }
}

impl FiguresError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownCell(_) => "figures.unknown_cell",
            Self::Counted(_) => "figures.counted",
        }
    }
}

/// The block counted from the catalogue in both formats.
const COUNTED_BLOCK: &str = "a20_1";

/// The cells of `format`'s table 二 an agency enters (`t2.a20_5.admin_license.decisions` …), with their kind.
pub fn entered_cells(format: Format) -> Vec<(String, CellKind)> {
    let mut out = Vec::new();
    for block in t2_blocks(format) {
        if block.key == COUNTED_BLOCK {
            continue;
        }
        for row in block.rows {
            for col in block.cols {
                out.push((
                    format!("t2.{}.{}.{}", block.key, row.key, col.key),
                    col.kind,
                ));
            }
        }
    }
    out
}

/// Reads entered figures (`path → text as typed`) into cells as a printed report would read them: a number,
/// a not-applicable mark, or text kept as typed. What is typed is never refused here: a cell that is not a
/// proper figure is an error of the report's own rules (T2-01), shown beside it, and blocks publication until
/// it is put right. Only a cell the format does not have, or one counted from the catalogue, is refused.
pub fn read_figures(
    format: Format,
    entered: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, Cell>, Vec<FiguresError>> {
    let cells: BTreeMap<String, CellKind> = entered_cells(format).into_iter().collect();
    let mut out = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, value) in entered {
        if value.trim().is_empty() {
            continue;
        }
        match cells.get(path) {
            Some(CellKind::AmountWan) => {
                out.insert(path.clone(), Cell::from_printed_amount(value));
            }
            Some(_) => {
                out.insert(path.clone(), Cell::from_printed(value));
            }
            None if path.starts_with(&format!("t2.{COUNTED_BLOCK}.")) => {
                problems.push(FiguresError::Counted(path.clone()));
            }
            None => problems.push(FiguresError::UnknownCell(path.clone())),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn count(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The 第二十条第（一）项 cell for `row` (规章 or 行政规范性文件) and `col` in `year`.
fn counted(items: &[CatalogFacts], kind: DocKind, col: &str, year: i32) -> Option<Cell> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let of_kind = items.iter().filter(|i| i.own && i.kind == kind);
    Some(count(match col {
        // F2021: 本年制发件数, 本年废止件数, 现行有效件数 (at the year's end).
        "issued" => of_kind.filter(|i| i.formed_on.year() == year).count(),
        "repealed" => of_kind
            .filter(|i| i.ended_on().is_some_and(|d| d.year() == year))
            .count(),
        "in_force" => of_kind.filter(|i| i.in_force_at(end)).count(),
        // F2019: 本年新制作数量, 本年新公开数量, 对外公开总数量.
        "new_made" => of_kind.filter(|i| i.formed_on.year() == year).count(),
        "new_published" => of_kind.filter(|i| i.published_on.year() == year).count(),
        "total_published" => of_kind.filter(|i| i.published_on <= end).count(),
        _ => return None,
    }))
}

/// Fills table 二 of `report` for `year`: 第二十条第（一）项 from the catalogue, every other cell from `figures`
/// (a cell not entered is 0). Every table-二 cell is overwritten; nothing else is touched.
pub fn fill_t2(
    report: &mut AnnualReport,
    items: &[CatalogFacts],
    figures: &BTreeMap<String, Cell>,
    year: i32,
) {
    for (b, block) in t2_blocks(report.format).iter().enumerate() {
        for (r, row) in block.rows.iter().enumerate() {
            for (c, col) in block.cols.iter().enumerate() {
                let kind = match row.key {
                    "regulations" => Some(DocKind::Regulation),
                    "normative_docs" => Some(DocKind::NormativeDocument),
                    _ => None,
                };
                let value = match (block.key == COUNTED_BLOCK, kind) {
                    (true, Some(kind)) => counted(items, kind, col.key, year),
                    _ => figures
                        .get(&format!("t2.{}.{}.{}", block.key, row.key, col.key))
                        .cloned(),
                };
                if let Some(slot) = report
                    .t2
                    .blocks
                    .get_mut(b)
                    .and_then(|rows| rows.get_mut(r))
                    .and_then(|cols| cols.get_mut(c))
                {
                    // A figure not entered is 0, as in a zeroed report: a 万元 cell an amount of 0.
                    *slot = value.unwrap_or(match col.kind {
                        CellKind::AmountWan => Cell::Amount(rust_decimal::Decimal::ZERO),
                        _ => Cell::Int(0),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "compile_t2_tests.rs"]
mod tests;

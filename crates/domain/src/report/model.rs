use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::layout::{T3_COLUMNS, T4_COLUMNS, T4_GROUPS, t2_blocks, t3_rows};
use super::{Cell, Format};
use crate::agency::AgencyKind;

/// Table 二: block → row → column, aligned with [`t2_blocks`] of the report's format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table2 {
    pub blocks: Vec<Vec<Vec<Cell>>>,
}

/// Table 三: one row of 7 cells (np, org_biz, org_research, org_npo, org_legal, org_other, total) per row of
/// [`t3_rows`] of the report's format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table3 {
    pub rows: Vec<[Cell; 7]>,
}

/// Table 四: three groups (复议, 直接起诉, 复议后起诉) of five cells (维持, 纠正, 其他, 尚未审结, 总计).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table4 {
    pub groups: [[Cell; 5]; 3],
}

/// One of the six sections (一 … 六) as found in the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// The heading as printed, e.g. `五、存在的主要问题及整改措施`.
    pub heading: String,
    pub body: String,
    /// The engine drafted the body from the records because the agency left the section empty: the words are
    /// a template's, not the agency's (the text rules that judge an agency's own writing skip it).
    pub drafted: bool,
}

/// Section 六's figures on the 信息处理费 (国办函〔2020〕109号; 国办公开办函〔2021〕30号 asks for the notices sent,
/// their amount and what was actually collected). `None` where the report does not state a figure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeeFigures {
    pub notice_count: Option<i64>,
    pub notice_amount_yuan: Option<Decimal>,
    pub collected_yuan: Option<Decimal>,
}

impl FeeFigures {
    pub fn is_empty(&self) -> bool {
        self == &FeeFigures::default()
    }
}

/// A cell's place in the tables, by its indices in the layout of the report's format (cheap to copy and
/// compare; [`CellAddr::path`] gives the contract's path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellAddr {
    T2 {
        block: usize,
        row: usize,
        col: usize,
    },
    T3 {
        row: usize,
        col: usize,
    },
    T4 {
        group: usize,
        col: usize,
    },
}

impl CellAddr {
    /// The path of the JSON contract (`t3.r1_new.np`); `"?"` parts for indices the format does not have.
    pub fn path(self, format: Format) -> String {
        match self {
            CellAddr::T2 { block, row, col } => {
                let b = t2_blocks(format).get(block);
                format!(
                    "t2.{}.{}.{}",
                    b.map_or("?", |b| b.key),
                    b.and_then(|b| b.rows.get(row)).map_or("?", |r| r.key),
                    b.and_then(|b| b.cols.get(col)).map_or("?", |c| c.key)
                )
            }
            CellAddr::T3 { row, col } => format!(
                "t3.{}.{}",
                t3_rows(format).get(row).map_or("?", |r| r.key),
                T3_COLUMNS.get(col).map_or("?", |c| c.key)
            ),
            CellAddr::T4 { group, col } => format!(
                "t4.{}.{}",
                T4_GROUPS.get(group).map_or("?", |g| g.0),
                T4_COLUMNS.get(col).map_or("?", |c| c.0)
            ),
        }
    }
}

/// Where a parsed cell came from: a span of the text the parser read, and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellSource {
    /// Byte range in the extracted text of the input.
    pub start: usize,
    pub end: usize,
    /// `cell` (delimited cell), `split` (digits run together, split by the table's identities),
    /// `token` (space-separated number).
    pub how: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseNoteKind {
    /// A local variant the parser accepted (extra row, annotated header, 法人小计 column, label typo).
    AcceptedVariant,
    /// Digits run together admit more than one split; the cells are left unresolved.
    Ambiguous,
    /// A part of the national layout was not found.
    Missing,
    /// Cells were printed without their blanks; values that could not be placed in a column.
    Unplaced,
    /// Something was printed where cells belong that fits no reading.
    Unreadable,
}

/// What the parser noticed while reading a published report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseNote {
    pub kind: ParseNoteKind,
    /// Stable code of what was noticed, for scripts (`report parse --json`): `P-YEAR-MISSING`,
    /// `P-T2-MISSING`, `P-T3-MISSING`, `P-T4-MISSING`, `P-T2-BLOCK-MISSING`, `P-T2-ROW-MISSING`,
    /// `P-T3-ROW-MISSING`, `P-T3-CELL-RECOVERED`, `P-T3-EXTRA-CONTENT`, `P-T3-LABEL-VARIANT`,
    /// `P-SUBTOTAL-DROPPED`, `P-DIGITS-AMBIGUOUS`, `P-ROW-UNPLACED`, `P-ROW-UNREADABLE`, `P-T3-ROW-PLACED`,
    /// `P-T3-TEXT-DECIDED`, `P-T4-NONE-BY-TEXT`, `P-OCR-CELLS`, `P-OCR-UNVERIFIED`. A new note gets a new code;
    /// a code is never reused for another meaning.
    pub code: &'static str,
    /// Cell paths or table parts concerned (e.g. `t3.r1_new`).
    pub cells: Vec<String>,
    pub zh: String,
    pub en: String,
}

/// Where in a published report its agency's name was read: a supervisor checking thousands of reports looks
/// twice at a name taken from running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgencySource {
    /// The report's title (`{机关}2023年政府信息公开工作年度报告`).
    Title,
    /// A line of its own above the title or the text (a letterhead).
    Heading,
    /// The signature above the date at the end.
    Signature,
    /// A sentence of the overview (`2023年，某局坚持…`): the weakest source.
    Text,
}

impl AgencySource {
    /// Stable code (CSV and JSON).
    pub fn code(self) -> &'static str {
        match self {
            AgencySource::Title => "title",
            AgencySource::Heading => "heading",
            AgencySource::Signature => "signature",
            AgencySource::Text => "text",
        }
    }

    pub fn from_code(code: &str) -> Option<AgencySource> {
        [
            AgencySource::Title,
            AgencySource::Heading,
            AgencySource::Signature,
            AgencySource::Text,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// An annual report (政府信息公开工作年度报告) in one of the national formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualReport {
    /// Where it was read from (file path), if anywhere.
    pub source: Option<String>,
    pub format: Format,
    /// The statistics year.
    pub year: Option<i32>,
    pub agency: Option<String>,
    /// Where a parsed report's agency name was read; `None` for a compiled report or when none was found.
    pub agency_from: Option<AgencySource>,
    /// What kind of body made it, when known (a compiled report, an import for a known agency); otherwise the
    /// rules that depend on it infer it from the agency's name.
    pub agency_kind: Option<AgencyKind>,
    /// The report's own date: the signature date of a parsed report, the publication day of a published one.
    pub dated: Option<NaiveDate>,
    /// Section 六's fee figures (F2021): from the fee register when compiled, from the text when parsed.
    pub fees: FeeFigures,
    /// Text before section 一 (legal basis, statistics period, where to download, contact).
    pub preamble: String,
    /// Sections 一 … 六; `None` when the heading was not found.
    pub sections: [Option<Section>; 6],
    pub t2: Table2,
    pub t3: Table3,
    pub t4: Table4,
    pub notes: Vec<ParseNote>,
    /// Where the parser read each cell it read.
    pub provenance: Vec<(CellAddr, CellSource)>,
}

impl AnnualReport {
    /// An empty report of a format: every cell [`Cell::Empty`], every section present and empty.
    pub fn blank(format: Format) -> AnnualReport {
        let t2 = Table2 {
            blocks: t2_blocks(format)
                .iter()
                .map(|b| {
                    b.rows
                        .iter()
                        .map(|_| vec![Cell::Empty; b.cols.len()])
                        .collect()
                })
                .collect(),
        };
        let t3 = Table3 {
            rows: t3_rows(format).iter().map(|_| Default::default()).collect(),
        };
        AnnualReport {
            source: None,
            format,
            year: None,
            agency: None,
            agency_from: None,
            agency_kind: None,
            dated: None,
            fees: FeeFigures::default(),
            preamble: String::new(),
            sections: Default::default(),
            t2,
            t3,
            t4: Table4::default(),
            notes: Vec::new(),
            provenance: Vec::new(),
        }
    }

    /// How a parser marks a cell read through OCR in [`CellSource::how`].
    pub const READ_BY_OCR: &'static str = "ocr";

    /// Cells read through OCR, and how many of them were kept (not left unresolved).
    pub fn ocr_cells(&self) -> (usize, usize) {
        let read: Vec<CellAddr> = self
            .provenance
            .iter()
            .filter(|(_, s)| s.how == Self::READ_BY_OCR)
            .map(|(a, _)| *a)
            .collect();
        let kept = read
            .iter()
            .filter(|a| self.at(**a).is_some_and(|c| *c != Cell::Unresolved))
            .count();
        (read.len(), kept)
    }

    /// A report with every cell 0 and the six sections present: the starting point of a compiled report.
    pub fn zeroed(format: Format) -> AnnualReport {
        let mut report = AnnualReport::blank(format);
        for path in super::layout::cell_paths(format) {
            if let Some(cell) = report.cell_mut(&path) {
                *cell = Cell::Int(0);
            }
        }
        // A 万元 cell is an amount even when it is zero, so that a compiled report serialises it as the
        // contract does ("0"), the same as a parsed one.
        for (block, rows) in t2_blocks(format).iter().zip(report.t2.blocks.iter_mut()) {
            for row in rows.iter_mut() {
                for (col, cell) in block.cols.iter().zip(row.iter_mut()) {
                    if col.kind == super::cell::CellKind::AmountWan {
                        *cell = Cell::Amount(rust_decimal::Decimal::ZERO);
                    }
                }
            }
        }
        for (i, (num, title)) in super::layout::SECTIONS.iter().enumerate() {
            report.sections[i] = Some(Section {
                heading: format!("{num}、{title}"),
                body: String::new(),
                drafted: false,
            });
        }
        report
    }

    /// The cell at a path of the JSON contract (`t2.a20_1.regulations.issued`, `t3.r1_new.np`,
    /// `t4.review.total`).
    pub fn cell(&self, path: &str) -> Option<&Cell> {
        self.at(self.locate(path)?)
    }

    pub fn cell_mut(&mut self, path: &str) -> Option<&mut Cell> {
        self.at_mut(self.locate(path)?)
    }

    pub fn at(&self, addr: CellAddr) -> Option<&Cell> {
        match addr {
            CellAddr::T2 { block, row, col } => self.t2.blocks.get(block)?.get(row)?.get(col),
            CellAddr::T3 { row, col } => self.t3.rows.get(row)?.get(col),
            CellAddr::T4 { group, col } => self.t4.groups.get(group)?.get(col),
        }
    }

    pub fn at_mut(&mut self, addr: CellAddr) -> Option<&mut Cell> {
        match addr {
            CellAddr::T2 { block, row, col } => {
                self.t2.blocks.get_mut(block)?.get_mut(row)?.get_mut(col)
            }
            CellAddr::T3 { row, col } => self.t3.rows.get_mut(row)?.get_mut(col),
            CellAddr::T4 { group, col } => self.t4.groups.get_mut(group)?.get_mut(col),
        }
    }

    /// The address of a contract path in this report's format.
    pub fn locate(&self, path: &str) -> Option<CellAddr> {
        let mut parts = path.split('.');
        match parts.next()? {
            "t2" => {
                let (bk, rk, ck) = (parts.next()?, parts.next()?, parts.next()?);
                let blocks = t2_blocks(self.format);
                let block = blocks.iter().position(|b| b.key == bk)?;
                let row = blocks[block].rows.iter().position(|r| r.key == rk)?;
                let col = blocks[block].cols.iter().position(|c| c.key == ck)?;
                Some(CellAddr::T2 { block, row, col })
            }
            "t3" => {
                let (rk, ck) = (parts.next()?, parts.next()?);
                let row = t3_rows(self.format).iter().position(|r| r.key == rk)?;
                let col = T3_COLUMNS.iter().position(|c| c.key == ck)?;
                Some(CellAddr::T3 { row, col })
            }
            "t4" => {
                let (gk, ck) = (parts.next()?, parts.next()?);
                let group = T4_GROUPS.iter().position(|(k, _)| *k == gk)?;
                let col = T4_COLUMNS.iter().position(|(k, _)| *k == ck)?;
                Some(CellAddr::T4 { group, col })
            }
            _ => None,
        }
    }

    /// Table 三 row by key (panics never: `None` for a key the format does not have).
    pub fn t3_row(&self, key: &str) -> Option<&[Cell; 7]> {
        let i = t3_rows(self.format).iter().position(|r| r.key == key)?;
        self.t3.rows.get(i)
    }

    /// Body text of section `n` (1-based), empty when missing.
    pub fn section_body(&self, n: usize) -> &str {
        self.sections
            .get(n.wrapping_sub(1))
            .and_then(|s| s.as_ref())
            .map(|s| s.body.as_str())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_addressed_by_contract_paths() {
        let mut r = AnnualReport::blank(Format::F2021);
        *r.cell_mut("t3.r3_6_2_fee_unpaid.total")
            .expect("path exists") = Cell::Int(3);
        assert_eq!(r.cell("t3.r3_6_2_fee_unpaid.total"), Some(&Cell::Int(3)));
        assert_eq!(
            r.cell("t3.r3_6_other.total"),
            None,
            "F2019 row absent from F2021"
        );
        assert!(r.cell("t2.a20_8.admin_fees.fee_amount_wan").is_some());
        assert!(r.cell("t4.lit_after_review.pending").is_some());
        assert!(r.cell("t5.x").is_none());
    }
}

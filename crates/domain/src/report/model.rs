use std::collections::BTreeMap;

use super::layout::{T3_COLUMNS, T4_COLUMNS, T4_GROUPS, t2_blocks, t3_rows};
use super::{Cell, Format};

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
    /// Cell paths or table parts concerned (e.g. `t3.r1_new`).
    pub cells: Vec<String>,
    pub zh: String,
    pub en: String,
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
    /// Text before section 一 (legal basis, statistics period, where to download, contact).
    pub preamble: String,
    /// Sections 一 … 六; `None` when the heading was not found.
    pub sections: [Option<Section>; 6],
    pub t2: Table2,
    pub t3: Table3,
    pub t4: Table4,
    pub notes: Vec<ParseNote>,
    /// Cell path → where the parser read it.
    pub provenance: BTreeMap<String, CellSource>,
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
            preamble: String::new(),
            sections: Default::default(),
            t2,
            t3,
            t4: Table4::default(),
            notes: Vec::new(),
            provenance: BTreeMap::new(),
        }
    }

    /// A report with every cell 0 and the six sections present: the starting point of a compiled report.
    pub fn zeroed(format: Format) -> AnnualReport {
        let mut report = AnnualReport::blank(format);
        for path in super::layout::cell_paths(format) {
            if let Some(cell) = report.cell_mut(&path) {
                *cell = Cell::Int(0);
            }
        }
        for (i, (num, title)) in super::layout::SECTIONS.iter().enumerate() {
            report.sections[i] = Some(Section {
                heading: format!("{num}、{title}"),
                body: String::new(),
            });
        }
        report
    }

    /// The cell at a path of the JSON contract (`t2.a20_1.regulations.issued`, `t3.r1_new.np`,
    /// `t4.review.total`).
    pub fn cell(&self, path: &str) -> Option<&Cell> {
        let (table, i, j, k) = self.locate(path)?;
        match table {
            2 => self.t2.blocks.get(i)?.get(j)?.get(k),
            3 => self.t3.rows.get(i)?.get(j),
            _ => self.t4.groups.get(i)?.get(j),
        }
    }

    pub fn cell_mut(&mut self, path: &str) -> Option<&mut Cell> {
        let (table, i, j, k) = self.locate(path)?;
        match table {
            2 => self.t2.blocks.get_mut(i)?.get_mut(j)?.get_mut(k),
            3 => self.t3.rows.get_mut(i)?.get_mut(j),
            _ => self.t4.groups.get_mut(i)?.get_mut(j),
        }
    }

    fn locate(&self, path: &str) -> Option<(u8, usize, usize, usize)> {
        let mut parts = path.split('.');
        match parts.next()? {
            "t2" => {
                let (bk, rk, ck) = (parts.next()?, parts.next()?, parts.next()?);
                let blocks = t2_blocks(self.format);
                let bi = blocks.iter().position(|b| b.key == bk)?;
                let ri = blocks[bi].rows.iter().position(|r| r.key == rk)?;
                let ci = blocks[bi].cols.iter().position(|c| c.key == ck)?;
                Some((2, bi, ri, ci))
            }
            "t3" => {
                let (rk, ck) = (parts.next()?, parts.next()?);
                let ri = t3_rows(self.format).iter().position(|r| r.key == rk)?;
                let ci = T3_COLUMNS.iter().position(|c| c.key == ck)?;
                Some((3, ri, ci, 0))
            }
            "t4" => {
                let (gk, ck) = (parts.next()?, parts.next()?);
                let gi = T4_GROUPS.iter().position(|(k, _)| *k == gk)?;
                let ci = T4_COLUMNS.iter().position(|(k, _)| *k == ck)?;
                Some((4, gi, ci, 0))
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

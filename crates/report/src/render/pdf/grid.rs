//! The national tables (spec §1-3) as grids of merged cells, built once from the layout of the report's
//! format and drawn by both the DOCX and the PDF renderer, so that the two cannot disagree on a merge.

use gongkai_domain::report::layout::{T3_COLUMNS, T3Role, T4_COLUMNS, t2_blocks, t3_rows};
use gongkai_domain::report::{AnnualReport, Cell};

use crate::render::text::{
    T2_CONTENT, T3_APPLICANTS, T3_NOTE, T3_ORGS, T3_RESULTS_GROUP, T4_LIT_GROUPS, T4_LITIGATION,
    T4_REVIEW,
};

/// What a cell holds, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A column heading or block title: bold, centred.
    Header,
    /// A row label: left-aligned.
    Label,
    /// A label spanning several rows (三、本年度办理结果, （三）不予公开): drawn at the top of its span, so that
    /// text extraction finds it on the line of the group's first row and not between two rows.
    Group,
    /// A figure: centred.
    Value,
}

/// A cell that starts at its row, covering `colspan` x `rowspan` grid positions (HTML's model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GridCell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub kind: Kind,
}

/// A table: relative column widths and, per row, the cells that start in it from left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grid {
    pub widths: Vec<u32>,
    pub rows: Vec<Vec<GridCell>>,
    /// How many rows at the top are the column headings of every row below, to repeat on each page the table
    /// runs onto. Table 二 has none: each of its blocks carries its own heading rows, so repeating the first
    /// block's would mislabel the others.
    pub head_rows: usize,
}

/// A grid position as Word needs it: every row lists all its positions, so a position covered from above
/// (rowspan) is a `vMerge` continuation cell with the same `gridSpan` as the cell that started the merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot<'a> {
    Start(&'a GridCell),
    Continue { colspan: usize },
}

/// The table printed at the end of section `i` (0-based): 二 carries table 二, 三 table 三, 四 table 四.
pub(crate) fn section_table(report: &AnnualReport, i: usize) -> Option<Grid> {
    match i {
        1 => Some(t2(report)),
        2 => Some(t3(report)),
        3 => Some(t4(report)),
        _ => None,
    }
}

fn cell(text: impl Into<String>, colspan: usize, rowspan: usize, kind: Kind) -> GridCell {
    GridCell {
        text: text.into(),
        colspan,
        rowspan,
        kind,
    }
}

fn header(text: impl Into<String>) -> GridCell {
    cell(text, 1, 1, Kind::Header)
}

fn value(c: Option<&Cell>, colspan: usize) -> GridCell {
    cell(
        c.map(Cell::display).unwrap_or_default(),
        colspan,
        1,
        Kind::Value,
    )
}

/// Table 二 on 4 grid columns (信息内容 and up to three figures): each block starts with its title across the
/// table; a block with fewer figures lets its last column take the remaining width (spec §1a, §1b).
pub(crate) fn t2(report: &AnnualReport) -> Grid {
    const FIGURES: usize = 3;
    let mut rows = Vec::new();
    for (bi, block) in t2_blocks(report.format).iter().enumerate() {
        let spans = |i: usize| {
            if i + 1 == block.cols.len() {
                FIGURES
                    .saturating_sub(block.cols.len().saturating_sub(1))
                    .max(1)
            } else {
                1
            }
        };
        rows.push(vec![cell(block.title, FIGURES + 1, 1, Kind::Header)]);
        let mut head = vec![header(T2_CONTENT)];
        head.extend(
            block
                .cols
                .iter()
                .enumerate()
                .map(|(i, c)| cell(c.label, spans(i), 1, Kind::Header)),
        );
        rows.push(head);
        for (ri, r) in block.rows.iter().enumerate() {
            let cells = report.t2.blocks.get(bi).and_then(|b| b.get(ri));
            let mut line = vec![cell(r.label, 1, 1, Kind::Label)];
            line.extend(
                (0..block.cols.len()).map(|ci| value(cells.and_then(|c| c.get(ci)), spans(ci))),
            );
            rows.push(line);
        }
    }
    Grid {
        widths: vec![3, 2, 2, 2],
        rows,
        head_rows: 0,
    }
}

/// Table 三 on 10 grid columns: three label columns (三、本年度办理结果, the group cells such as （三）不予公开,
/// the row labels) and the seven applicant columns (spec §2).
pub(crate) fn t3(report: &AnnualReport) -> Grid {
    let layout = t3_rows(report.format);
    let mut rows = vec![
        vec![
            cell(T3_NOTE, 3, 3, Kind::Header),
            cell(T3_APPLICANTS, 7, 1, Kind::Header),
        ],
        vec![
            cell(T3_COLUMNS[0].label, 1, 2, Kind::Header),
            cell(T3_ORGS, 5, 1, Kind::Header),
            cell(T3_COLUMNS[6].label, 1, 2, Kind::Header),
        ],
        T3_COLUMNS[1..6].iter().map(|c| header(c.label)).collect(),
    ];
    let results = layout
        .iter()
        .filter(|r| matches!(r.role, T3Role::Result(_) | T3Role::Total))
        .count();
    let mut results_open = false;
    let mut previous_group = None;
    for (i, row) in layout.iter().enumerate() {
        let mut line = Vec::new();
        match row.role {
            T3Role::Result(_) | T3Role::Total => {
                if !results_open {
                    results_open = true;
                    line.push(cell(T3_RESULTS_GROUP, 1, results, Kind::Group));
                }
                match row.group {
                    Some(group) => {
                        if previous_group != Some(group) {
                            let span = layout.iter().filter(|r| r.group == Some(group)).count();
                            line.push(cell(group, 1, span, Kind::Group));
                        }
                        line.push(cell(row.label, 1, 1, Kind::Label));
                    }
                    None => line.push(cell(row.label, 2, 1, Kind::Label)),
                }
            }
            T3Role::New | T3Role::CarryIn | T3Role::CarryOut => {
                line.push(cell(row.label, 3, 1, Kind::Label));
            }
        }
        previous_group = row.group;
        let cells = report.t3.rows.get(i);
        line.extend((0..T3_COLUMNS.len()).map(|c| value(cells.and_then(|r| r.get(c)), 1)));
        rows.push(line);
    }
    // In points of the PDF's text width: the two group columns fit 三、本年度办理结果 and （三）不予公开 on one
    // line at the PDF's table size; the applicant columns a three-character heading there, and a
    // five-digit figure in the DOCX.
    Grid {
        widths: vec![85, 70, 110, 36, 36, 36, 36, 36, 36, 36],
        rows,
        head_rows: 3,
    }
}

/// Table 四 on 15 grid columns: 行政复议 (5) and 行政诉讼 (10, split into 未经复议直接起诉 and 复议后起诉) (spec §3).
pub(crate) fn t4(report: &AnnualReport) -> Grid {
    let n = T4_COLUMNS.len();
    let mut second: Vec<GridCell> = T4_COLUMNS
        .iter()
        .map(|(_, label)| cell(*label, 1, 2, Kind::Header))
        .collect();
    second.extend(T4_LIT_GROUPS.iter().map(|l| cell(*l, n, 1, Kind::Header)));
    let third = T4_LIT_GROUPS
        .iter()
        .flat_map(|_| T4_COLUMNS.iter().map(|(_, label)| header(*label)))
        .collect();
    let figures = report
        .t4
        .groups
        .iter()
        .flat_map(|g| g.iter().map(|c| value(Some(c), 1)))
        .collect();
    Grid {
        widths: vec![1; n * (1 + T4_LIT_GROUPS.len())],
        rows: vec![
            vec![
                cell(T4_REVIEW, n, 1, Kind::Header),
                cell(T4_LITIGATION, n * T4_LIT_GROUPS.len(), 1, Kind::Header),
            ],
            second,
            third,
            figures,
        ],
        head_rows: 3,
    }
}

impl Grid {
    /// Every grid position of every row, in the order Word lists them (see [`Slot`]). Cells that would run
    /// past the table's width are cut at its edge rather than producing a broken table.
    pub(crate) fn slots(&self) -> Vec<Vec<Slot<'_>>> {
        let width = self.widths.len();
        // For each grid column: how many more rows it stays covered, and the colspan of the covering cell.
        let mut covered: Vec<(usize, usize)> = vec![(0, 0); width];
        let mut out = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let mut line = Vec::new();
            let mut starts = row.iter();
            let mut col = 0;
            while col < width {
                let (left, span) = covered[col];
                if left > 0 {
                    line.push(Slot::Continue { colspan: span });
                    for c in covered.iter_mut().skip(col).take(span) {
                        c.0 -= 1;
                    }
                    col += span.max(1);
                    continue;
                }
                let Some(cell) = starts.next() else { break };
                let span = cell.colspan.clamp(1, width - col);
                if cell.rowspan > 1 {
                    for c in covered.iter_mut().skip(col).take(span) {
                        *c = (cell.rowspan - 1, span);
                    }
                }
                line.push(Slot::Start(cell));
                col += span;
            }
            out.push(line);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_domain::report::Format;

    /// Every row of every table must cover exactly the table's width once merges are accounted for.
    #[test]
    fn every_row_fills_the_grid() {
        for format in [Format::F2019, Format::F2021] {
            let report = AnnualReport::zeroed(format);
            for grid in [t2(&report), t3(&report), t4(&report)] {
                for (i, row) in grid.slots().iter().enumerate() {
                    let width: usize = row
                        .iter()
                        .map(|s| match s {
                            Slot::Start(c) => c.colspan,
                            Slot::Continue { colspan } => *colspan,
                        })
                        .sum();
                    assert_eq!(width, grid.widths.len(), "{format} row {i}");
                }
            }
        }
    }

    #[test]
    fn t3_result_group_spans_the_result_rows() {
        let f19 = t3(&AnnualReport::zeroed(Format::F2019));
        let f21 = t3(&AnnualReport::zeroed(Format::F2021));
        let span = |g: &Grid| g.rows[5][0].rowspan;
        assert_eq!((span(&f19), span(&f21)), (20, 22));
        assert_eq!(f19.rows[5][0].text, "三、本年度办理结果");
    }
}

//! DOCX with real Word tables: the national layouts with their merges (`gridSpan` across, `vMerge` down), as
//! agencies publish them, so that the file opens in Word or WPS looking like the 国办 template. A table
//! breaks across pages cleanly: no row splits (`cantSplit`), the column headings of 三 and 四 repeat on every
//! page (`tblHeader`, see [`super::docx_rows`]), and the paragraph before a table and its heading rows keep
//! with the next, so a heading never sits alone at the foot of a page.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use gongkai_domain::report::AnnualReport;
use gongkai_domain::report::layout::SECTIONS;

use super::pdf::grid::{self, Grid, Kind, Slot};
use super::text::{paragraphs, preamble, section_body, section_heading};
use crate::ReportError;

/// Body text: 宋体 as government documents use; the Latin fallback for digits.
const BODY_FONT: &str = "宋体";
/// Headings: 黑体.
const HEADING_FONT: &str = "黑体";
const LATIN_FONT: &str = "Times New Roman";
/// Sizes in half-points: 二号 for the title, 三号 (16 pt) for headings, 小四 (12 pt) for text, 五号 (10.5 pt)
/// for table 二 and 小五 (9 pt) for the wide tables 三 and 四, whose figure columns are narrow.
const TITLE_SIZE: usize = 44;
const HEADING_SIZE: usize = 32;
const BODY_SIZE: usize = 24;
const TABLE_SIZE: usize = 21;
const WIDE_TABLE_SIZE: usize = 18;
/// Cell margins in twips (0.1 cm left and right) instead of Word's 0.19 cm, so that a five-digit figure fits
/// its column on one line.
const CELL_MARGIN_X: usize = 57;
/// A4 portrait with 2 cm margins, in twips; tables take the whole text width.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN: i32 = 1134;
const TEXT_WIDTH: usize = (PAGE_W as usize) - 2 * (MARGIN as usize);

pub(super) fn render(report: &AnnualReport) -> Result<Vec<u8>, ReportError> {
    let mut doc = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(PageMargin {
            top: 1440,
            left: MARGIN,
            bottom: 1440,
            right: MARGIN,
            header: 851,
            footer: 992,
            gutter: 0,
        })
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE);
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().after(240))
            .add_run(run(&super::title(report), HEADING_FONT, TITLE_SIZE).bold()),
    );
    for line in paragraphs(preamble(report)) {
        doc = doc.add_paragraph(body_paragraph(line));
    }
    // All six sections, as the text renderer prints them: three of them carry the tables.
    let mut head_rows = Vec::new();
    for i in 0..SECTIONS.len() {
        doc = doc.add_paragraph(
            Paragraph::new()
                .outline_lvl(0)
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(120).after(120))
                .add_run(run(&section_heading(report, i), HEADING_FONT, HEADING_SIZE)),
        );
        let table = grid::section_table(report, i);
        let body = paragraphs(section_body(report, i));
        let last = body.len().saturating_sub(1);
        for (j, line) in body.into_iter().enumerate() {
            // The line that introduces the table (its caption) stays on the page of the table's first rows.
            doc = doc.add_paragraph(body_paragraph(line).keep_next(table.is_some() && j == last));
        }
        if let Some(table) = table {
            head_rows.push(table.head_rows);
            doc = doc.add_table(word_table(&table));
            // Word glues two consecutive tables together; an empty paragraph keeps them apart.
            doc = doc.add_paragraph(Paragraph::new());
        }
    }
    let mut xml = doc.build();
    xml.document = super::docx_rows::repeat_headers(&xml.document, &head_rows);
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| ReportError::Render(format!("DOCX: {e}")))?;
    Ok(out.into_inner())
}

/// A paragraph of body text, indented two characters as Chinese documents are.
fn body_paragraph(line: &str) -> Paragraph {
    Paragraph::new()
        .first_line_chars(200)
        .add_run(run(line, BODY_FONT, BODY_SIZE))
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

/// A fixed-layout Word table whose columns follow the grid's relative widths.
fn word_table(grid: &Grid) -> Table {
    let total: u32 = grid.widths.iter().sum::<u32>().max(1);
    let widths: Vec<usize> = grid
        .widths
        .iter()
        .map(|w| TEXT_WIDTH * (*w as usize) / (total as usize))
        .collect();
    let size = if widths.len() > 4 {
        WIDE_TABLE_SIZE
    } else {
        TABLE_SIZE
    };
    let rows = grid
        .slots()
        .into_iter()
        .zip(&grid.rows)
        .map(|(slots, starts)| {
            // A row of headings only (the table's column headings, a block title of table 二) keeps with the
            // row after it, so that it never ends a page without a figure under it.
            let heading = starts.iter().all(|c| c.kind == Kind::Header);
            let mut col = 0;
            let cells = slots
                .into_iter()
                .map(|slot| {
                    let (span, tc) = match slot {
                        Slot::Start(c) => {
                            let tc = TableCell::new().add_paragraph(
                                cell_paragraph(&c.text, c.kind, size).keep_next(heading),
                            );
                            let tc = if c.rowspan > 1 {
                                tc.vertical_merge(VMergeType::Restart)
                            } else {
                                tc
                            };
                            (c.colspan, tc)
                        }
                        Slot::Continue { colspan } => (
                            colspan,
                            TableCell::new()
                                .add_paragraph(Paragraph::new().keep_next(heading))
                                .vertical_merge(VMergeType::Continue),
                        ),
                    };
                    let width: usize = widths.iter().skip(col).take(span).sum();
                    col += span;
                    // Group labels sit at the top of their span, as in the PDF (see `Kind::Group`).
                    let valign = match slot {
                        Slot::Start(c) if c.kind == Kind::Group => VAlignType::Top,
                        _ => VAlignType::Center,
                    };
                    let tc = tc.width(width, WidthType::Dxa).vertical_align(valign);
                    if span > 1 { tc.grid_span(span) } else { tc }
                })
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, CELL_MARGIN_X, 0, CELL_MARGIN_X))
}

fn cell_paragraph(text: &str, kind: Kind, size: usize) -> Paragraph {
    let (align, font) = match kind {
        Kind::Header => (AlignmentType::Center, HEADING_FONT),
        Kind::Label | Kind::Group => (AlignmentType::Left, BODY_FONT),
        Kind::Value => (AlignmentType::Center, BODY_FONT),
    };
    Paragraph::new().align(align).add_run(run(text, font, size))
}

//! The form as a Word document: the title, the addressee lines, and one table with four columns (label,
//! blank, label, blank), sections as shaded rows across it, tall blanks for free text and a box (□) before
//! each choice; rows do not split across pages.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, HeightRule, PageMargin, Paragraph, Run, RunFonts, Shading, ShdType, Table,
    TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::Element;
use crate::ReportError;

const BODY_FONT: &str = "宋体";
const HEADING_FONT: &str = "黑体";
const LATIN_FONT: &str = "Times New Roman";
/// Half-points: 小二 title, 五号 text, 小五 notes.
const TITLE_SIZE: usize = 36;
const BODY_SIZE: usize = 21;
const NOTE_SIZE: usize = 18;
/// A4 with 1.8 cm side margins, in twips; the four columns in the proportions of the PDF.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_X: i32 = 1020;
const MARGIN_Y: i32 = 907;
const TEXT_WIDTH: usize = PAGE_W as usize - 2 * MARGIN_X as usize;
/// Room to write by hand: a field's row, and the tall blank for the description.
const FIELD_ROW_TWIPS: f32 = 560.0;
const TALL_ROW_TWIPS: f32 = 2150.0;

fn widths() -> [usize; 4] {
    let unit = TEXT_WIDTH / 66;
    [13 * unit, 20 * unit, 13 * unit, 20 * unit]
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(
        RunFonts::new()
            .east_asia(font)
            .ascii(LATIN_FONT)
            .hi_ansi(LATIN_FONT),
    )
}

fn cell(text: &str, span: usize) -> TableCell {
    let width: usize = widths().iter().take(span).sum();
    let tc = TableCell::new()
        .add_paragraph(Paragraph::new().add_run(run(text, BODY_FONT, BODY_SIZE)))
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    if span > 1 { tc.grid_span(span) } else { tc }
}

fn row(cells: Vec<TableCell>, height: f32) -> TableRow {
    TableRow::new(cells)
        .row_height(height)
        .height_rule(HeightRule::AtLeast)
        .cant_split()
}

pub(super) fn render(elements: &[Element]) -> Result<Vec<u8>, ReportError> {
    let mut doc = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(PageMargin {
            top: MARGIN_Y,
            left: MARGIN_X,
            bottom: MARGIN_Y,
            right: MARGIN_X,
            header: 567,
            footer: 567,
            gutter: 0,
        })
        .default_size(BODY_SIZE);
    let mut rows: Vec<TableRow> = Vec::new();
    let mut notes = false;
    let flush = |doc: Docx, rows: &mut Vec<TableRow>| -> Docx {
        if rows.is_empty() {
            return doc;
        }
        let table = Table::new(std::mem::take(rows))
            .set_grid(widths().to_vec())
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed);
        doc.add_table(table)
    };
    for e in elements {
        match e {
            Element::Title(t) => {
                doc = flush(doc, &mut rows);
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(run(t, HEADING_FONT, TITLE_SIZE).bold()),
                );
            }
            // Lines before the first table address the form; those after it are notes, in small type.
            Element::Text(t) => {
                notes |= !rows.is_empty();
                let size = if notes { NOTE_SIZE } else { BODY_SIZE };
                doc = flush(doc, &mut rows);
                doc = doc.add_paragraph(Paragraph::new().add_run(run(t, BODY_FONT, size)));
            }
            Element::Section(t) => {
                let tc = TableCell::new()
                    .add_paragraph(
                        Paragraph::new()
                            .keep_next(true)
                            .add_run(run(t, HEADING_FONT, BODY_SIZE).bold()),
                    )
                    .grid_span(4)
                    .width(TEXT_WIDTH, WidthType::Dxa)
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("EBEBEB"));
                rows.push(row(vec![tc], 0.0));
            }
            Element::Fields(labels) => {
                let mut cells = Vec::new();
                for l in labels {
                    cells.push(cell(l, 1));
                    cells.push(cell("", 1));
                }
                if labels.len() == 1 {
                    cells.pop();
                    cells.push(cell("", 3));
                }
                rows.push(row(cells, FIELD_ROW_TWIPS));
            }
            Element::Tall(label) => {
                rows.push(row(vec![cell(label, 4)], 0.0));
                rows.push(row(vec![cell("", 4)], TALL_ROW_TWIPS));
            }
            Element::Choices { label, choices } => {
                let boxes: Vec<String> = choices.iter().map(|c| format!("□ {c}")).collect();
                rows.push(row(
                    vec![cell(label, 1), cell(&boxes.join("　　"), 3)],
                    FIELD_ROW_TWIPS,
                ));
            }
        }
    }
    doc = flush(doc, &mut rows);
    let mut out = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| ReportError::Render(format!("DOCX: {e}")))?;
    Ok(out.into_inner())
}

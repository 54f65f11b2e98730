//! The letter as a Word document: A4, 宋体 body indented two characters, 黑体 heading centred, the signature
//! right-aligned, as 告知书 are printed.

use std::io::Cursor;

use docx_rs::{AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts};

use super::text::layout;
use crate::ReportError;

const BODY_FONT: &str = "仿宋";
const HEADING_FONT: &str = "黑体";
const LATIN_FONT: &str = "Times New Roman";
/// Half-points: 二号 (22 pt) title, 三号 (16 pt) text as in official documents.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
/// A4 portrait in twips, with the margins of the 党政机关公文格式 (about 3.7 cm top, 2.8 cm left).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;

pub(super) fn render(text: &str) -> Result<Vec<u8>, ReportError> {
    let layout = layout(text);
    let mut doc = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(PageMargin {
            top: 2098,
            left: 1587,
            bottom: 1984,
            right: 1474,
            header: 851,
            footer: 992,
            gutter: 0,
        })
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE);
    for (i, line) in layout.heading.iter().enumerate() {
        // The agency and the title in 黑体, the reference line in the body font.
        let (font, size) = if i + 1 < layout.heading.len() || layout.heading.len() == 1 {
            (HEADING_FONT, TITLE_SIZE)
        } else {
            (BODY_FONT, BODY_SIZE)
        };
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(120))
                .add_run(run(line, font, size)),
        );
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .line_spacing(LineSpacing::new().before(240))
            .add_run(run(layout.salutation, BODY_FONT, BODY_SIZE)),
    );
    for line in &layout.body {
        doc = doc.add_paragraph(
            Paragraph::new()
                .first_line_chars(200)
                .add_run(run(line, BODY_FONT, BODY_SIZE)),
        );
    }
    for (i, line) in layout.signature.iter().enumerate() {
        let spacing = if i == 0 {
            LineSpacing::new().before(480)
        } else {
            LineSpacing::new()
        };
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .line_spacing(spacing)
                .add_run(run(line, BODY_FONT, BODY_SIZE)),
        );
    }
    let mut out = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| ReportError::Render(format!("DOCX: {e}")))?;
    Ok(out.into_inner())
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

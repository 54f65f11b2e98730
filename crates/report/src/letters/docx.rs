//! The letter or notice as a Word document on the GB/T 9704 page of [`super::page`]: the same margins, the
//! title in 小标宋 二号 centred, the 发文字号 under it, the text in 仿宋 三号 with a two-character first-line
//! indent on a fixed 22-line pitch, the 落款 right-aligned with the date four characters in, and `— 1 —`
//! page numbers in the footer.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts,
};

use super::page::{
    BODY_FONTS, BODY_PT, DATE_RIGHT_INDENT_CHARS, LINE_PITCH_PT, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_NO_PT, SEAL, TITLE_FONTS, TITLE_PT, twips,
};
use super::text::layout;
use crate::ReportError;

const LATIN_FONT: &str = "Times New Roman";
/// A4 portrait in twips.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;

/// Word takes one family per run: the first of each chain (Word substitutes on machines without it).
fn body_font() -> &'static str {
    BODY_FONTS[2]
}

fn title_font() -> &'static str {
    TITLE_FONTS[1]
}

/// Half-points.
fn half_points(pt: f64) -> usize {
    (pt * 2.0).round() as usize
}

pub(super) fn render(text: &str) -> Result<Vec<u8>, ReportError> {
    let layout = layout(text);
    let body_size = half_points(BODY_PT);
    let pitch = (LINE_PITCH_PT * 20.0).round() as i32;
    let exact = || {
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(pitch)
    };
    let page_no = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run("— ", body_font(), half_points(PAGE_NO_PT)))
        .add_page_num(PageNum::new())
        .add_run(run(" —", body_font(), half_points(PAGE_NO_PT)));
    let mut doc = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(PageMargin {
            top: twips(MARGIN_TOP_MM) as i32,
            left: twips(MARGIN_LEFT_MM) as i32,
            bottom: twips(MARGIN_BOTTOM_MM) as i32,
            right: twips(MARGIN_RIGHT_MM) as i32,
            header: 851,
            footer: twips(MARGIN_BOTTOM_MM - 7.0) as i32,
            gutter: 0,
        })
        .footer(Footer::new().add_paragraph(page_no))
        .default_fonts(fonts(body_font()))
        .default_size(body_size);
    let last = layout.heading.len().saturating_sub(1);
    for (i, line) in layout.heading.iter().enumerate() {
        let paragraph = Paragraph::new().align(AlignmentType::Center);
        doc = doc.add_paragraph(if i < last || last == 0 {
            paragraph.add_run(run(line, title_font(), half_points(TITLE_PT)).bold())
        } else {
            paragraph
                .line_spacing(exact().before(pitch as u32))
                .add_run(run(line, body_font(), body_size))
        });
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .line_spacing(exact().before(pitch as u32))
            .add_run(run(layout.salutation, body_font(), body_size)),
    );
    for line in &layout.body {
        doc = doc.add_paragraph(
            Paragraph::new()
                .line_spacing(exact())
                .first_line_chars(200)
                .add_run(run(line, body_font(), body_size)),
        );
    }
    // The date four characters from the right edge; the agency and the seal's place over it.
    let right = (DATE_RIGHT_INDENT_CHARS * BODY_PT * 20.0).round() as i32;
    let mut signature = vec![SEAL];
    signature.extend(layout.signature.iter().copied());
    for (i, line) in signature.into_iter().enumerate() {
        let spacing = if i == 0 {
            exact().before((2.0 * LINE_PITCH_PT * 20.0).round() as u32)
        } else {
            exact()
        };
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .indent(None, None, Some(right), None)
                .line_spacing(spacing)
                .add_run(run(line, body_font(), body_size)),
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

//! The typst source of a report. Every piece of report text enters the source as a typst string literal
//! (`"…"` with escapes), never as markup, so that `#`, `*`, `$`, `[`, `<` or `//` in a section or a cell print
//! as themselves instead of being evaluated.

use std::fmt::Write as _;

use gongkai_domain::report::AnnualReport;
use gongkai_domain::report::layout::SECTIONS;

use super::grid::{self, Grid, Kind};
use crate::render::text::{paragraphs, preamble, section_body, section_heading};

/// A typst string literal holding `text` exactly.
pub(crate) fn lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The document: page and text set-up, title, the six sections with the three tables after the bodies of
/// sections 二, 三 and 四.
pub(super) fn source(report: &AnnualReport, body_font: &str, heading_font: &str) -> String {
    let title = super::super::title(report);
    let body = format!("({}, {})", lit(body_font), lit(heading_font));
    let heading = format!("({}, {})", lit(heading_font), lit(body_font));
    let mut s = String::new();
    // `cjk-latin-spacing: none`: typst would otherwise put a gap between hanzi and digits, which text
    // extraction turns into a space (`12 件`).
    let _ = write!(
        s,
        "#set document(title: {title})\n\
         #set page(paper: \"a4\", margin: (x: 1.6cm, y: 2cm))\n\
         #set text(font: {body}, size: 11pt, lang: \"zh\", region: \"cn\", cjk-latin-spacing: none)\n\
         #set par(justify: true, leading: 0.8em, spacing: 0.8em, first-line-indent: (amount: 2em, all: true))\n\
         #show heading: set text(font: {heading}, size: 13pt, weight: \"bold\")\n\
         #show heading: set block(above: 1.4em, below: 0.9em)\n\
         #set table(stroke: 0.5pt, inset: (x: 2.5pt, y: 4pt), align: center + horizon)\n\
         #show table: set par(first-line-indent: 0pt, justify: false, leading: 0.5em)\n\
         #align(center, text(font: {heading}, size: 18pt, weight: \"bold\", {}))\n\
         #v(0.8em)\n",
        lit(&title),
        title = lit(&title),
    );
    for line in paragraphs(preamble(report)) {
        let _ = writeln!(s, "#par({})", lit(line));
    }
    // All six sections, as the text renderer prints them: three of them carry the tables.
    for i in 0..SECTIONS.len() {
        let _ = writeln!(
            s,
            "#heading(level: 1, {})",
            lit(&section_heading(report, i))
        );
        for line in paragraphs(section_body(report, i)) {
            let _ = writeln!(s, "#par({})", lit(line));
        }
        if let Some(table) = grid::section_table(report, i) {
            table_source(&mut s, &table);
        }
    }
    s
}

/// A typst table whose cells carry their spans; typst places each cell in the next free position, exactly as
/// the grid lists them.
fn table_source(s: &mut String, grid: &Grid) {
    let columns: Vec<String> = grid.widths.iter().map(|w| format!("{w}fr")).collect();
    // Table 四's fifteen columns fit its four-character headings (结果维持) on one line only at 7 pt; a
    // heading broken over two lines comes out of text extraction as two half-words.
    let size = if grid.widths.len() > 10 {
        "7pt"
    } else {
        "8.5pt"
    };
    // Each table stays on one page, as in the published template, and so that text extraction meets its
    // rows without a page break in between; every table of the format is far shorter than a page.
    let _ = writeln!(s, "#block(breakable: false)[#set text(size: {size})");
    let _ = writeln!(s, "#table(columns: ({},),", columns.join(", "));
    for row in &grid.rows {
        for c in row {
            let body = match c.kind {
                Kind::Header => format!("text(weight: \"bold\", {})", lit(&c.text)),
                Kind::Label | Kind::Group | Kind::Value => lit(&c.text),
            };
            let align = match c.kind {
                Kind::Label => ", align: left + horizon",
                Kind::Group => ", align: left + top",
                Kind::Header | Kind::Value => "",
            };
            let _ = writeln!(
                s,
                "  table.cell(colspan: {}, rowspan: {}{align}, {body}),",
                c.colspan.max(1),
                c.rowspan.max(1)
            );
        }
    }
    s.push_str(")]\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_what_typst_would_read() {
        assert_eq!(lit("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(lit("#set *x* $y$ // z"), "\"#set *x* $y$ // z\"");
        assert_eq!(lit("\u{7}"), "\"\\u{7}\"");
    }
}

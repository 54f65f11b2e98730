//! The letter as a PDF through the report renderer's typst `World` (`crate::render::pdf::compile`): A4, the
//! machine's CJK serif for the text, its sans for the heading. Every piece of text enters the typst source as
//! a string literal, never as markup, so `#`, `*`, `$` or `//` in a name or a reason print as themselves.

use std::fmt::Write as _;

use super::text::{TITLE, layout};
use crate::ReportError;
use crate::render::pdf::lit;

pub(super) fn render(text: &str, agency: &str) -> Result<Vec<u8>, ReportError> {
    crate::render::pdf::compile(|body, heading| source(text, agency, body, heading))
}

fn source(text: &str, agency: &str, body_font: &str, heading_font: &str) -> String {
    let layout = layout(text);
    let body = format!("({}, {})", lit(body_font), lit(heading_font));
    let heading = format!("({}, {})", lit(heading_font), lit(body_font));
    let mut s = String::new();
    // `cjk-latin-spacing: none`: no gap between hanzi and digits, which extraction would turn into spaces.
    let _ = write!(
        s,
        "#set document(title: {})\n\
         #set page(paper: \"a4\", margin: (top: 3.7cm, bottom: 3.5cm, left: 2.8cm, right: 2.6cm))\n\
         #set text(font: {body}, size: 14pt, lang: \"zh\", region: \"cn\", cjk-latin-spacing: none)\n\
         #set par(justify: true, leading: 0.9em, spacing: 0.9em, first-line-indent: (amount: 2em, all: true))\n",
        lit(&format!("{}{TITLE}", agency.trim())),
    );
    let last = layout.heading.len().saturating_sub(1);
    for (i, line) in layout.heading.iter().enumerate() {
        let (font, size) = if i < last || last == 0 {
            (&heading, "20pt")
        } else {
            (&body, "14pt")
        };
        let _ = writeln!(
            s,
            "#align(center, text(font: {font}, size: {size}, {}))",
            lit(line)
        );
    }
    let _ = writeln!(s, "#v(1em)");
    let _ = writeln!(
        s,
        "#par(first-line-indent: 0pt, {})",
        lit(layout.salutation)
    );
    for line in &layout.body {
        let _ = writeln!(s, "#par({})", lit(line));
    }
    let _ = writeln!(s, "#v(2em)");
    for line in &layout.signature {
        let _ = writeln!(s, "#align(right, {})", lit(line));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_enters_as_string_literals() {
        let s = source(
            "某局\n标题\n申请编号：#x\n\n张三：\n理由：*a* $b$ // c\n\n某局\n2026年1月2日\n",
            "某局",
            "Serif",
            "Sans",
        );
        assert!(s.contains("#par(\"理由：*a* $b$ // c\")"), "{s}");
        assert!(s.contains("#align(right, \"2026年1月2日\")"), "{s}");
        assert_eq!(lit("a\"b\\"), "\"a\\\"b\\\\\"");
    }
}

//! The letter or notice as a PDF through the report renderer's typst `World` (`crate::render::pdf::compile`),
//! on the GB/T 9704 page of [`super::page`]. Every piece of text enters the typst source as a string literal,
//! never as markup, so `#`, `*`, `$` or `//` in a name or a reason print as themselves.

use std::fmt::Write as _;

use super::page::{
    BODY_FONTS, BODY_PT, DATE_RIGHT_INDENT_CHARS, LINE_PITCH_PT, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_NO_PT, SEAL, TITLE_FONTS, TITLE_PT,
};
use super::text::layout;
use crate::ReportError;
use crate::render::pdf::lit;

pub(super) fn render(text: &str, title: &str) -> Result<Vec<u8>, ReportError> {
    render_scaled(text, title, 1.0)
}

/// The same page with the type (and the line pitch with it) at `scale` of the 公文 sizes: a 回执 in 小四
/// (0.75) keeps to one page, which a receipt handed over the counter should.
pub(super) fn render_scaled(text: &str, title: &str, scale: f64) -> Result<Vec<u8>, ReportError> {
    crate::render::pdf::compile(|body, heading| source(text, title, body, heading, scale))
}

/// A typst array of font families: the preferred ones, then the machine's own serif and sans.
fn families(preferred: &[&str], body: &str, heading: &str) -> String {
    let all: Vec<String> = preferred
        .iter()
        .copied()
        .chain([body, heading])
        .map(lit)
        .collect();
    format!("({})", all.join(", "))
}

fn source(text: &str, title: &str, body_font: &str, heading_font: &str, scale: f64) -> String {
    let (body_pt, title_pt, pitch) = (BODY_PT * scale, TITLE_PT * scale, LINE_PITCH_PT * scale);
    let layout = layout(text);
    let body = families(&BODY_FONTS, body_font, heading_font);
    let title_fonts = families(&TITLE_FONTS, body_font, heading_font);
    // The line box is exactly one em (ascender to descender), so that the leading makes the 22-line pitch.
    let leading = pitch - body_pt;
    let mut s = String::new();
    // `cjk-latin-spacing: none`: no gap between hanzi and digits, which extraction would turn into spaces.
    let _ = write!(
        s,
        "#set document(title: {title})\n\
         #set page(paper: \"a4\", margin: (top: {MARGIN_TOP_MM}mm, bottom: {MARGIN_BOTTOM_MM}mm, \
         left: {MARGIN_LEFT_MM}mm, right: {MARGIN_RIGHT_MM}mm), footer-descent: 7mm, \
         footer: context align(center, text(font: {body}, size: {PAGE_NO_PT}pt, \
         \"— \" + str(counter(page).get().first()) + \" —\")))\n\
         #set text(font: {body}, size: {body_pt:.2}pt, lang: \"zh\", region: \"cn\", cjk-latin-spacing: none, \
         top-edge: \"ascender\", bottom-edge: \"descender\")\n\
         #set par(justify: true, leading: {leading:.2}pt, spacing: {leading:.2}pt, \
         first-line-indent: (amount: 2em, all: true))\n",
        title = lit(title),
    );
    // The heading: the title lines in 小标宋, then the 发文字号 in the body font, centred, with a blank line
    // after (7.3.1: 标题…居中排布; the number under it).
    let last = layout.heading.len().saturating_sub(1);
    for (i, line) in layout.heading.iter().enumerate() {
        if i < last || last == 0 {
            let _ = writeln!(
                s,
                "#align(center, text(font: {title_fonts}, weight: \"bold\", size: {title_pt:.2}pt, {}))",
                lit(line)
            );
        } else {
            let _ = writeln!(s, "#v({leading:.2}pt)\n#align(center, {})", lit(line));
        }
    }
    let _ = writeln!(s, "#v({body_pt:.2}pt)");
    let _ = writeln!(
        s,
        "#par(first-line-indent: 0pt, {})",
        lit(layout.salutation)
    );
    // The indent is written out rather than left to `first-line-indent`, which typst drops on paragraphs
    // that start a new page.
    let paragraph = |line: &str| format!("par(first-line-indent: 0pt, [#h(2em)#{}])", lit(line));
    let (closing, body) = layout
        .body
        .split_last()
        .map_or((None, &[][..]), |(l, b)| (Some(l), b));
    for line in body {
        let _ = writeln!(s, "#{}", paragraph(line));
    }
    // The 落款: the agency centred over the date, the date four characters from the right edge, and the
    // seal's place above them (7.3.5.1). It never stands alone on a page (7.3.5.4): the closing line
    // (特此告知。) goes with it.
    let mut signature: Vec<String> = vec![lit(SEAL)];
    signature.extend(layout.signature.iter().map(|l| lit(l)));
    let _ = writeln!(
        s,
        "#block(breakable: false, width: 100%, {{ {}\n v({}pt)\n align(right, block(inset: (right: {DATE_RIGHT_INDENT_CHARS}em), \
         stack(dir: ttb, spacing: {leading:.2}pt, {}))) }})",
        closing.map(|l| paragraph(l)).unwrap_or_default(),
        2.0 * pitch,
        signature
            .iter()
            .map(|l| format!("align(center, {l})"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_enters_as_string_literals() {
        let s = source(
            "某局\n标题\n申请编号：#x\n\n张三：\n理由：*a* $b$ // c\n\n某局\n2026年1月2日\n",
            "某局标题",
            "Serif",
            "Sans",
            1.0,
        );
        assert!(s.contains("[#h(2em)#\"理由：*a* $b$ // c\"]"), "{s}");
        assert!(s.contains("align(center, \"2026年1月2日\")"), "{s}");
        assert!(
            s.contains("margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm)"),
            "{s}"
        );
        assert_eq!(lit("a\"b\\"), "\"a\\\"b\\\\\"");
    }
}

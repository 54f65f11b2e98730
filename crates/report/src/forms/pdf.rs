//! The form as a PDF through the report renderer's typst `World`: one four-column table (label, blank,
//! label, blank) with the sections as shaded rows across it, tall blanks for free text and a box (□) before
//! each choice. Text enters the source as string literals, never as markup.

use std::fmt::Write as _;

use super::Element;
use crate::ReportError;
use crate::render::pdf::lit;

pub(super) fn render(elements: &[Element], title: &str) -> Result<Vec<u8>, ReportError> {
    crate::render::pdf::compile(|body, heading| source(elements, title, body, heading))
}

/// An empty cell with room to write by hand.
const BLANK: &str = "table.cell(inset: (y: 12pt), [])";

fn source(elements: &[Element], title: &str, body_font: &str, heading_font: &str) -> String {
    let body = format!("({}, {})", lit(body_font), lit(heading_font));
    let heading = format!("({}, {})", lit(heading_font), lit(body_font));
    let mut s = String::new();
    let _ = writeln!(
        s,
        "#set document(title: {})\n\
         #set page(paper: \"a4\", margin: (x: 1.8cm, y: 1.6cm))\n\
         #set text(font: {body}, size: 10.5pt, lang: \"zh\", region: \"cn\", cjk-latin-spacing: none)\n\
         #set par(leading: 0.6em, spacing: 0.6em)\n\
         #set table(stroke: 0.6pt, inset: (x: 5pt, y: 7pt), align: left + horizon)",
        lit(title)
    );
    let mut rows: Vec<String> = Vec::new();
    let mut notes = false;
    let flush = |s: &mut String, rows: &mut Vec<String>| {
        if !rows.is_empty() {
            let _ = writeln!(
                s,
                "#table(columns: (1.3fr, 2fr, 1.3fr, 2fr),\n{}\n)",
                rows.join(",\n")
            );
            rows.clear();
        }
    };
    for e in elements {
        match e {
            Element::Title(t) => {
                flush(&mut s, &mut rows);
                let _ = writeln!(
                    s,
                    "#align(center, text(font: {heading}, size: 18pt, weight: \"bold\", {}))\n#v(4pt)",
                    lit(t)
                );
            }
            // Lines before the first table address the form; those after it are notes, in small type.
            Element::Text(t) => {
                notes |= !rows.is_empty();
                flush(&mut s, &mut rows);
                if notes {
                    let _ = writeln!(s, "#v(4pt)\n#text(size: 9pt, {})", lit(t));
                } else {
                    let _ = writeln!(s, "#par({})", lit(t));
                }
            }
            Element::Section(t) => rows.push(format!(
                "table.cell(colspan: 4, fill: luma(235), text(font: {heading}, weight: \"bold\", {}))",
                lit(t)
            )),
            Element::Fields(labels) => {
                let mut cells: Vec<String> = labels
                    .iter()
                    .flat_map(|l| [lit(l), BLANK.to_owned()])
                    .collect();
                // A row with one field lets its blank run to the right edge.
                if labels.len() == 1 {
                    cells.pop();
                    cells.push("table.cell(colspan: 3, inset: (y: 12pt), [])".to_owned());
                }
                rows.push(cells.join(", "));
            }
            Element::Tall(label) => {
                rows.push(format!("table.cell(colspan: 4, {})", lit(label)));
                rows.push("table.cell(colspan: 4, [#v(38mm)])".to_owned());
            }
            Element::Choices { label, choices } => {
                let boxes: Vec<String> = choices.iter().map(|c| format!("□ {c}")).collect();
                rows.push(format!(
                    "{}, table.cell(colspan: 3, {})",
                    lit(label),
                    lit(&boxes.join("　　"))
                ));
            }
        }
    }
    flush(&mut s, &mut rows);
    s
}

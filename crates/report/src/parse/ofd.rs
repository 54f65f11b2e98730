//! OFD (GB/T 33190, the national format for electronic documents) → delimited text. An OFD file is a ZIP of
//! XML: `OFD.xml` names the document root (`Doc_0/Document.xml`), which lists the pages (`Pages/Page_0/
//! Content.xml`); each page places text objects (`TextObject` with a `Boundary` and `TextCode` runs at `X`,
//! `Y`, in millimetres). The runs are laid out as the PDF adapter lays out its text: one line per baseline,
//! left to right, a tab where a gap wider than a character separates two runs (a table's next cell).

use std::io::{Cursor, Read as _};

use roxmltree::{Document, Node};

use crate::ReportError;
use crate::error::{FileKind, Unreadable};

/// As for DOCX: a report is a few hundred kilobytes; a package that unpacks to far more is refused.
const MAX_INPUT: usize = 64 << 20;
const MAX_PART: u64 = 64 << 20;
/// Pages read at most: an annual report has a dozen.
const MAX_PAGES: usize = 500;

/// One run of text placed on a page.
struct Run {
    x: f64,
    /// Baseline.
    y: f64,
    /// Right end (the last glyph's advance included).
    end: f64,
    size: f64,
    text: String,
}

/// Whether a ZIP package is an OFD document (its root holds `OFD.xml`).
pub(super) fn is_ofd(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && memchr::memmem::find(bytes, b"OFD.xml").is_some()
        && memchr::memmem::find(bytes, b"word/document.xml").is_none()
}

pub(super) fn to_text(bytes: &[u8]) -> Result<String, ReportError> {
    if bytes.len() > MAX_INPUT {
        return Err(unreadable(Unreadable::TooLarge {
            kind: FileKind::Ofd,
            bytes: bytes.len(),
            limit: MAX_INPUT,
        }));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| reader(&format!("not a valid ZIP package: {e}")))?;
    let entry = read_part(&mut zip, "OFD.xml")?;
    let root = {
        let doc = parse_xml(&entry, "OFD.xml")?;
        descendants(&doc, "DocRoot")
            .next()
            .and_then(|n| n.text())
            .map(|t| part_path("", t))
            .ok_or_else(|| reader("OFD.xml names no DocRoot"))?
    };
    let document = read_part(&mut zip, &root)?;
    let document_dir = root.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
    let pages: Vec<String> = {
        let doc = parse_xml(&document, &root)?;
        descendants(&doc, "Page")
            .filter_map(|p| p.attribute("BaseLoc"))
            .map(|loc| part_path(&document_dir, loc))
            .take(MAX_PAGES)
            .collect()
    };
    if pages.is_empty() {
        return Err(reader("the document lists no pages"));
    }
    let mut text = String::new();
    for page in pages {
        let content = read_part(&mut zip, &page)?;
        let doc = parse_xml(&content, &page)?;
        text.push_str(&lay_out(runs(&doc)));
        text.push('\n');
    }
    if text.trim().is_empty() {
        return Err(reader("its pages hold no text"));
    }
    Ok(text)
}

/// Every text run of a page with its place on the page.
fn runs(page: &Document) -> Vec<Run> {
    let mut out = Vec::new();
    for object in descendants(page, "TextObject") {
        let boundary = numbers(object.attribute("Boundary").unwrap_or_default());
        let (bx, by) = (
            boundary.first().copied().unwrap_or(0.0),
            boundary.get(1).copied().unwrap_or(0.0),
        );
        let size = object
            .attribute("Size")
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| *s > 0.0)
            .unwrap_or(3.5);
        for code in object
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == "TextCode")
        {
            let text: String = code.text().unwrap_or_default().to_owned();
            if text.trim().is_empty() {
                continue;
            }
            let x = bx + attr_number(code, "X");
            let y = by + attr_number(code, "Y");
            let glyphs = text.chars().count();
            let deltas = delta_x(code.attribute("DeltaX").unwrap_or_default());
            let advance: f64 = if deltas.is_empty() {
                glyphs as f64 * size
            } else {
                deltas.iter().take(glyphs.saturating_sub(1)).sum::<f64>() + size
            };
            out.push(Run {
                x,
                y,
                end: x + advance,
                size,
                text,
            });
        }
    }
    out
}

/// The runs as lines: by baseline (within half a character), left to right, a tab for a gap wider than a
/// character, a space for a smaller one.
fn lay_out(mut runs: Vec<Run>) -> String {
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if (line[0].y - run.y).abs() <= line[0].size.min(run.size) * 0.5 => {
                line.push(run)
            }
            _ => lines.push(vec![run]),
        }
    }
    let mut text = String::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut end: Option<f64> = None;
        for run in line {
            if let Some(end) = end {
                let gap = run.x - end;
                if gap > run.size * 0.9 {
                    text.push('\t');
                } else if gap > run.size * 0.2 {
                    text.push(' ');
                }
            }
            text.push_str(&run.text);
            end = Some(run.end);
        }
        text.push('\n');
    }
    text
}

fn descendants<'a, 'input>(
    doc: &'a Document<'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    doc.descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

fn attr_number(node: Node, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0)
}

fn numbers(text: &str) -> Vec<f64> {
    text.split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// `DeltaX` as GB/T 33190 writes it: numbers, where `g N D` stands for N advances of D.
fn delta_x(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut tokens = text.split_whitespace();
    while let Some(t) = tokens.next() {
        if t == "g" {
            let count = tokens
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            let step = tokens
                .next()
                .and_then(|n| n.parse::<f64>().ok())
                .unwrap_or(0.0);
            out.extend(std::iter::repeat_n(step, count.min(10_000)));
        } else if let Ok(n) = t.parse() {
            out.push(n);
        }
    }
    out
}

/// A part's path inside the package: `loc` is relative to `dir` unless it starts with `/`.
fn part_path(dir: &str, loc: &str) -> String {
    let loc = loc.trim();
    match loc.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None if dir.is_empty() => loc.to_owned(),
        None => format!("{dir}/{loc}"),
    }
}

fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, ReportError> {
    let mut entry = zip
        .by_name(name)
        .map_err(|_| reader(&format!("{name} is missing")))?;
    if entry.size() > MAX_PART {
        return Err(reader(&format!("{name} unpacks to {} bytes", entry.size())));
    }
    let mut bytes = Vec::new();
    entry
        .by_ref()
        .take(MAX_PART)
        .read_to_end(&mut bytes)
        .map_err(|e| reader(&format!("{name}: {e}")))?;
    String::from_utf8(bytes).map_err(|_| reader(&format!("{name} is not UTF-8")))
}

fn parse_xml<'a>(text: &'a str, name: &str) -> Result<Document<'a>, ReportError> {
    Document::parse(text).map_err(|e| reader(&format!("{name}: {e}")))
}

fn reader(detail: &str) -> ReportError {
    unreadable(Unreadable::Reader {
        kind: FileKind::Ofd,
        detail: detail.to_owned(),
    })
}

fn unreadable(why: Unreadable) -> ReportError {
    ReportError::UnreadableInput(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_x_expands_its_repeats_and_paths_resolve() {
        assert_eq!(delta_x("g 3 2.5 1"), vec![2.5, 2.5, 2.5, 1.0]);
        assert_eq!(delta_x("1 2"), vec![1.0, 2.0]);
        assert_eq!(
            part_path("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(
            part_path("Doc_0", "/Doc_0/Pages/P1.xml"),
            "Doc_0/Pages/P1.xml"
        );
    }

    #[test]
    fn runs_on_one_baseline_become_one_line_with_cells() {
        let run = |x: f64, y: f64, text: &str| Run {
            x,
            y,
            end: x + text.chars().count() as f64 * 3.5,
            size: 3.5,
            text: text.into(),
        };
        let text = lay_out(vec![
            run(60.0, 20.2, "12"),
            run(20.0, 20.0, "予以公开"),
            run(80.0, 20.1, "3"),
            run(20.0, 10.0, "标题"),
        ]);
        assert_eq!(text, "标题\n予以公开\t12\t3\n");
    }
}

//! HTML → delimited text: one line per paragraph or table row, table cells separated by tabs (a blank cell
//! stays a blank field), page chrome such as scripts and styles dropped.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

const SKIPPED: [&str; 8] = [
    "script", "style", "noscript", "template", "svg", "iframe", "object", "select",
];
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "form",
    "table",
    "tr",
    "title",
    "main",
];

struct Out {
    text: String,
    /// Open table cells (nested tables flatten into the outermost cell).
    cell_depth: usize,
    /// Cells already written in the current row, per open table.
    row_cells: Vec<usize>,
}

impl Out {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            let c = if c.is_whitespace() && c != '\u{a0}' {
                ' '
            } else {
                c
            };
            if c == ' ' && self.text.ends_with([' ', '\n', '\t']) {
                continue;
            }
            self.text.push(c);
        }
    }

    fn line_break(&mut self) {
        if self.cell_depth > 0 {
            self.push_text(" ");
        } else if !self.text.ends_with('\n') && !self.text.is_empty() {
            while self.text.ends_with(' ') {
                self.text.pop();
            }
            self.text.push('\n');
        }
    }
}

pub(super) fn to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = Out {
        text: String::with_capacity(html.len() / 3),
        cell_depth: 0,
        row_cells: Vec::new(),
    };
    let mut skip_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if skip_depth > 0 || SKIPPED.contains(&name) {
                        skip_depth += 1;
                        continue;
                    }
                    match name {
                        "table" if out.cell_depth == 0 => {
                            out.line_break();
                            out.row_cells.push(0);
                        }
                        "tr" if out.cell_depth == 0 => {
                            out.line_break();
                            if let Some(n) = out.row_cells.last_mut() {
                                *n = 0;
                            }
                        }
                        "td" | "th" if out.cell_depth == 0 => {
                            if let Some(n) = out.row_cells.last_mut() {
                                if *n > 0 {
                                    while out.text.ends_with(' ') {
                                        out.text.pop();
                                    }
                                    out.text.push('\t');
                                }
                                *n += 1;
                            }
                            out.cell_depth += 1;
                        }
                        "td" | "th" => out.cell_depth += 1,
                        n if BLOCKS.contains(&n) => out.line_break(),
                        _ => {}
                    }
                }
                Node::Text(t) if skip_depth == 0 => out.push_text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    match name {
                        "td" | "th" => out.cell_depth = out.cell_depth.saturating_sub(1),
                        "table" if out.cell_depth == 0 => {
                            out.row_cells.pop();
                            out.line_break();
                        }
                        n if BLOCKS.contains(&n) => out.line_break(),
                        _ => {}
                    }
                }
            }
        }
    }
    out.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_lines_and_blank_cells_stay() {
        let html = "<html><head><title>T</title><style>td{}</style></head><body><p>一、总体<span>情况</span></p>\
            <table><tr><td colspan=3>一、本年新收</td><td>2&#xFF16;</td><td>&nbsp;</td><td><p>26</p></td></tr>\
            <tr><th rowspan=2>x</th><td><table><tr><td>in</td><td>ner</td></tr></table></td></tr></table>\
            <script>var a = 1;</script></body></html>";
        let t = to_text(html);
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines.contains(&"一、总体情况"), "{t:?}");
        assert!(lines.contains(&"一、本年新收\t2６\t\u{a0}\t26"), "{t:?}");
        assert!(lines.iter().any(|l| l.starts_with("x\tin")), "{t:?}");
        assert!(!t.contains("var a"));
    }
}

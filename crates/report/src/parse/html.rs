//! HTML → delimited text: one line per paragraph or table row, table cells separated by tabs (a blank cell
//! stays a blank field), scripts and styles dropped. It reads the stream of tags of a WHATWG tokenizer
//! (html5gum) without building a tree: an agency's whole page is read ten times faster that way, and a cell
//! left unclosed (`<td>a<td>b`) still starts a new cell, as a browser shows it.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

/// The callback emitter without parse-error reporting and without attributes: markup errors are the norm on
/// agency pages and tell us nothing, attributes carry no report content, and checking every character for
/// errors alone cost a quarter of the time.
struct QuietEmitter<E>(E);

impl<E: Emitter> ForwardingEmitter for QuietEmitter<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    // Attributes (Word's long style="…" on every span) are never read: nothing of them is kept.
    fn init_attribute(&mut self) {}

    fn init_attribute_value(&mut self) {}

    fn push_attribute_name(&mut self, _: &[u8]) {}

    fn push_attribute_value(&mut self, _: &[u8]) {}
}

const SKIPPED: [&[u8]; 8] = [
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"iframe",
    b"object",
    b"select",
];
const BLOCKS: [&[u8]; 25] = [
    b"p",
    b"div",
    b"br",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"li",
    b"ul",
    b"ol",
    b"dl",
    b"dt",
    b"dd",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"blockquote",
    b"pre",
    b"hr",
    b"form",
    b"title",
    b"main",
];

/// One open table: how many cells its current row has, whether a cell is open, whether it sits inside a cell
/// of an outer table (then it is flattened into that cell).
struct Table {
    row_cells: usize,
    in_cell: bool,
    nested: bool,
}

#[derive(Default)]
struct Out {
    /// UTF-8 bytes of the text: the tokenizer hands out bytes of a `&str`, so they stay valid, and one check
    /// at the end replaces one per text event.
    text: Vec<u8>,
    tables: Vec<Table>,
    /// Inside a skipped element (script, style…): its name.
    skipping: Option<Vec<u8>>,
}

impl Out {
    fn in_cell(&self) -> bool {
        self.tables.iter().any(|t| t.in_cell || t.nested)
    }

    fn ends_with_space(&self) -> bool {
        matches!(self.text.last(), None | Some(b' ' | b'\n' | b'\t'))
    }

    /// Appends text, collapsing ASCII whitespace (HTML's own) to one space; other spaces such as U+3000 are
    /// text and stay for the normaliser.
    fn push_text(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if b.is_ascii_whitespace() {
                if !self.ends_with_space() {
                    self.text.push(b' ');
                }
            } else {
                self.text.push(b);
            }
        }
    }

    fn trim_trailing_spaces(&mut self) {
        while self.text.last() == Some(&b' ') {
            self.text.pop();
        }
    }

    fn line_break(&mut self) {
        if self.in_cell() {
            self.push_text(b" ");
        } else if !self.text.is_empty() && self.text.last() != Some(&b'\n') {
            self.trim_trailing_spaces();
            self.text.push(b'\n');
        }
    }

    fn open(&mut self, name: &[u8]) {
        if self.skipping.is_some() {
            return;
        }
        if SKIPPED.contains(&name) {
            self.skipping = Some(name.to_vec());
            return;
        }
        match name {
            b"table" => {
                let nested = self.in_cell();
                self.line_break();
                self.tables.push(Table {
                    row_cells: 0,
                    in_cell: false,
                    nested,
                });
            }
            b"tr" => match self.tables.last_mut() {
                Some(t) if !t.nested => {
                    t.row_cells = 0;
                    t.in_cell = false;
                    self.line_break();
                }
                _ => self.push_text(b" "),
            },
            b"td" | b"th" => match self.tables.last_mut() {
                Some(t) if !t.nested => {
                    let first = t.row_cells == 0;
                    t.row_cells += 1;
                    t.in_cell = true;
                    if !first {
                        self.trim_trailing_spaces();
                        self.text.push(b'\t');
                    }
                }
                _ => self.push_text(b" "),
            },
            n if BLOCKS.contains(&n) => self.line_break(),
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8]) {
        if let Some(skipped) = &self.skipping {
            if skipped.as_slice() == name {
                self.skipping = None;
            }
            return;
        }
        match name {
            b"td" | b"th" => {
                if let Some(t) = self.tables.last_mut().filter(|t| !t.nested) {
                    t.in_cell = false;
                }
            }
            b"table" => {
                self.tables.pop();
                self.line_break();
            }
            n if BLOCKS.contains(&n) => self.line_break(),
            _ => {}
        }
    }
}

pub(super) fn to_text(html: &str) -> String {
    let mut out = Out {
        text: Vec::with_capacity(html.len() / 4),
        ..Out::default()
    };
    {
        let mut emitter =
            CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| -> Option<()> {
                match event {
                    CallbackEvent::OpenStartTag { name } => out.open(name),
                    CallbackEvent::EndTag { name } => out.close(name),
                    CallbackEvent::String { value } if out.skipping.is_none() => {
                        out.push_text(value)
                    }
                    _ => {}
                }
                None
            });
        // Script and style content is raw text, not markup: the tokenizer must switch state on those tags.
        emitter.naively_switch_states(true);
        Tokenizer::new_with_emitter(html, QuietEmitter(emitter)).for_each(drop);
    }
    match String::from_utf8(out.text) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_lines_and_blank_cells_stay() {
        let html = "<html><head><title>T</title><style>td{}</style></head><body><p>一、总体<span>情况</span></p>\
            <table><tr><td colspan=3>一、本年新收</td><td>2&#xFF16;</td><td>&nbsp;</td><td><p>26</p></td></tr>\
            <tr><th rowspan=2>x</th><td><table><tr><td>in</td><td>ner</td></tr></table></td></tr></table>\
            <script>var a = '<td>';</script></body></html>";
        let t = to_text(html);
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines.contains(&"一、总体情况"), "{t:?}");
        assert!(lines.contains(&"一、本年新收\t2６\t\u{a0}\t26"), "{t:?}");
        assert!(lines.iter().any(|l| l.starts_with("x\tin ner")), "{t:?}");
        assert!(!t.contains("var a"));
    }

    #[test]
    fn unclosed_cells_and_rows_still_break() {
        let t = to_text("<table><tr><td>a<td>b<td>c<tr><td>d<td></table>");
        assert_eq!(t.lines().collect::<Vec<_>>(), vec!["a\tb\tc", "d\t"]);
    }
}

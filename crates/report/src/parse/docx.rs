//! DOCX → delimited text: each paragraph one line, each table row one line with its cells separated by tabs.
//! A cell merged across columns (`gridSpan`) is one `w:tc` and so one cell; a cell merged down (`vMerge`)
//! continues as an empty cell in the rows below. Tables used for page layout (a table holding tables) are
//! flattened into the lines of their content.

use crate::error::{FileKind, Unreadable};
use std::io::{Cursor, Read as _};

use docx_rs::{
    DocumentChild, InsertChild, MoveToChild, Paragraph, ParagraphChild, Run, RunChild,
    StructuredDataTagChild, Table, TableCell, TableCellContent, TableChild, TableRowChild,
};

use crate::ReportError;

/// Published reports are a few hundred kilobytes; anything far larger is not one, and a zip whose parts
/// unpack to more than this is refused before docx-rs unpacks it into memory.
const MAX_INPUT: usize = 64 << 20;
const MAX_UNPACKED: u64 = 512 << 20;

/// Extracts the text of a docx report: paragraphs as lines, each table row as one line with its cells separated
/// by tabs.
pub(super) fn to_text(bytes: &[u8]) -> Result<String, ReportError> {
    check_package(bytes)?;
    // docx-rs was not written for hostile input; a panic inside it is a bad file, not a bug of ours.
    let read = std::panic::catch_unwind(|| docx_rs::read_docx(bytes));
    let docx = match read {
        Ok(Ok(docx)) => docx,
        Ok(Err(e)) => {
            return Err(unreadable(Unreadable::Reader {
                kind: FileKind::Docx,
                detail: e.to_string(),
            }));
        }
        Err(_) => return Err(unreadable(Unreadable::Damaged(FileKind::Docx))),
    };
    let mut lines = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => lines.push(paragraph_text(p)),
            DocumentChild::Table(t) => table_lines(t, &mut lines),
            DocumentChild::StructuredDataTag(sdt) => sdt_lines(&sdt.children, &mut lines),
            // A table of contents repeats the headings; the parser must see each heading once.
            _ => {}
        }
    }
    Ok(lines.join("\n"))
}

fn unreadable(why: Unreadable) -> ReportError {
    ReportError::UnreadableInput(why)
}

/// Refuses what is not a DOCX package before docx-rs sees it, with a message that says what it is instead.
fn check_package(bytes: &[u8]) -> Result<(), ReportError> {
    if bytes.len() > MAX_INPUT {
        return Err(unreadable(Unreadable::TooLarge {
            kind: FileKind::Docx,
            bytes: bytes.len(),
            limit: MAX_INPUT,
        }));
    }
    // Word 97-2003 files and password-protected DOCX are OLE compound files, not zips.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(unreadable(Unreadable::LegacyDoc));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        unreadable(Unreadable::NotZip {
            detail: e.to_string(),
        })
    })?;
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            unpacked = unpacked.saturating_add(entry.size());
        }
    }
    if unpacked > MAX_UNPACKED {
        return Err(unreadable(Unreadable::UnpacksTooLarge { bytes: unpacked }));
    }
    let mut document = zip
        .by_name("word/document.xml")
        .map_err(|_| unreadable(Unreadable::NoDocumentXml))?;
    // A truncated archive can keep its central directory and lose the data; read the main part through to
    // its checksum so that damage is reported here and not as a panic further in.
    let mut sink = Vec::new();
    document.read_to_end(&mut sink).map_err(|e| {
        unreadable(Unreadable::DocumentXmlDamaged {
            detail: e.to_string(),
        })
    })?;
    Ok(())
}

fn sdt_lines(children: &[StructuredDataTagChild], lines: &mut Vec<String>) {
    let mut runs = String::new();
    for child in children {
        match child {
            StructuredDataTagChild::Paragraph(p) => lines.push(paragraph_text(p)),
            StructuredDataTagChild::Table(t) => table_lines(t, lines),
            StructuredDataTagChild::StructuredDataTag(s) => sdt_lines(&s.children, lines),
            StructuredDataTagChild::Run(r) => run_text(r, &mut runs),
            _ => {}
        }
    }
    if !runs.is_empty() {
        lines.push(runs);
    }
}

/// One line per row; a row any of whose cells holds a table is page layout, and its content is flattened.
fn table_lines(table: &Table, lines: &mut Vec<String>) {
    for TableChild::TableRow(row) in &table.rows {
        let cells: Vec<&TableCell> = row
            .cells
            .iter()
            .map(|TableRowChild::TableCell(c)| c)
            .collect();
        if cells.iter().any(|c| holds_table(c)) {
            for cell in cells {
                cell_lines(&cell.children, lines);
            }
        } else {
            let texts: Vec<String> = cells.iter().map(|c| cell_text(c)).collect();
            lines.push(texts.join("\t"));
        }
    }
}

fn holds_table(cell: &TableCell) -> bool {
    cell.children.iter().any(|c| match c {
        TableCellContent::Table(_) => true,
        TableCellContent::StructuredDataTag(s) => s
            .children
            .iter()
            .any(|c| matches!(c, StructuredDataTagChild::Table(_))),
        _ => false,
    })
}

fn cell_lines(content: &[TableCellContent], lines: &mut Vec<String>) {
    for c in content {
        match c {
            TableCellContent::Paragraph(p) => lines.push(paragraph_text(p)),
            TableCellContent::Table(t) => table_lines(t, lines),
            TableCellContent::StructuredDataTag(s) => sdt_lines(&s.children, lines),
            TableCellContent::TableOfContents(_) => {}
        }
    }
}

/// A cell's paragraphs on one line: tabs and breaks become spaces (a tab would start a new cell), and
/// paragraphs are joined without a space unless that would glue two Latin words or numbers together.
fn cell_text(cell: &TableCell) -> String {
    let mut lines = Vec::new();
    cell_lines(&cell.children, &mut lines);
    let mut out = String::new();
    for line in lines {
        let line = line.replace(['\t', '\n', '\r'], " ");
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let glue = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if glue {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// The visible text of a paragraph: runs, insertions, moved-in text, hyperlinks and content controls; deleted
/// and moved-away text is skipped as Word does not show it.
fn paragraph_text(p: &Paragraph) -> String {
    let mut s = String::new();
    paragraph_children(&p.children, &mut s);
    s
}

fn paragraph_children(children: &[ParagraphChild], s: &mut String) {
    for child in children {
        match child {
            ParagraphChild::Run(r) => run_text(r, s),
            ParagraphChild::Insert(ins) => {
                for c in &ins.children {
                    if let InsertChild::Run(r) = c {
                        run_text(r, s);
                    }
                }
            }
            ParagraphChild::MoveTo(mv) => {
                for c in &mv.children {
                    if let MoveToChild::Run(r) = c {
                        run_text(r, s);
                    }
                }
            }
            ParagraphChild::Hyperlink(link) => paragraph_children(&link.children, s),
            ParagraphChild::StructuredDataTag(sdt) => {
                for c in &sdt.children {
                    match c {
                        StructuredDataTagChild::Run(r) => run_text(r, s),
                        StructuredDataTagChild::Paragraph(p) => paragraph_children(&p.children, s),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

fn run_text(run: &Run, s: &mut String) {
    for child in &run.children {
        match child {
            RunChild::Text(t) => s.push_str(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => s.push('\t'),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => s.push('\n'),
            // Field instructions (`HYPERLINK "…"`, `PAGE`) are not text a reader sees.
            _ => {}
        }
    }
}

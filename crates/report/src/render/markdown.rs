//! Markdown: the same content as the plain text, with `#` headings and GitHub pipe tables. Each table row
//! keeps its label in the first cell and its cells after it, so the text parser reads it back the same way.
//! Plain `---` separators and plain block titles, as in converted reports (`fixtures/reports/004.txt`).

use gongkai_domain::report::layout::{
    SECTIONS, T3_COLUMNS, T4_COLUMNS, T4_GROUPS, t2_blocks, t3_rows,
};
use gongkai_domain::report::{AnnualReport, Cell};

use super::text::{
    T3_NOTE, paragraphs, preamble, section_body, section_heading, t2_header, t3_group_starts,
};

pub(super) fn render(report: &AnnualReport) -> String {
    let mut blocks: Vec<String> = vec![format!("# {}", escape_markup(&super::title(report)))];
    blocks.extend(
        paragraphs(preamble(report))
            .into_iter()
            .map(escape_paragraph),
    );
    for i in 0..SECTIONS.len() {
        blocks.push(format!("## {}", section_heading(report, i)));
        blocks.extend(
            paragraphs(section_body(report, i))
                .into_iter()
                .map(escape_paragraph),
        );
        match i {
            1 => blocks.extend(t2_tables(report)),
            2 => blocks.push(t3_table(report)),
            3 => blocks.push(t4_table(report)),
            _ => {}
        }
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// A paragraph of body text that Markdown would otherwise read as a heading, quote or table row.
fn escape_paragraph(p: &str) -> String {
    let p = escape_markup(p);
    if p.starts_with(['#', '>', '|']) {
        format!("\\{p}")
    } else {
        p
    }
}

/// A cell's text made safe inside a pipe table: a `|` would end the cell and a newline the row.
fn escape_cell(text: &str) -> String {
    escape_markup(text)
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// Escapes a `<` that starts what Markdown passes through as raw HTML (`<script`, `</p`, `<!--`), so text
/// from a report is never rendered as markup. Other `<` (as in `<数据>`) are literal text already.
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One pipe-table row.
fn row<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> String {
    let cells: Vec<String> = cells.into_iter().map(|c| escape_cell(c.as_ref())).collect();
    format!("| {} |", cells.join(" | "))
}

/// A header row and the `---` row under it.
fn header<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> String {
    let cells: Vec<S> = cells.into_iter().collect();
    let rule = format!("|{}", "---|".repeat(cells.len()));
    format!("{}\n{rule}", row(cells))
}

/// A row label followed by the cells as printed (blank for an empty cell).
fn data_row<'a>(label: &str, cells: impl IntoIterator<Item = &'a Cell>) -> String {
    row(std::iter::once(label.to_string()).chain(cells.into_iter().map(Cell::display)))
}

/// Table 二 as one small table per block, each under a `###` heading with the block's title.
fn t2_tables(report: &AnnualReport) -> Vec<String> {
    let mut out = Vec::new();
    for (bi, block) in t2_blocks(report.format).iter().enumerate() {
        out.push(format!("### {}", block.title));
        let mut lines = vec![header(t2_header(block))];
        for (ri, r) in block.rows.iter().enumerate() {
            let blank = vec![Cell::Empty; block.cols.len()];
            let cells = report
                .t2
                .blocks
                .get(bi)
                .and_then(|b| b.get(ri))
                .unwrap_or(&blank);
            lines.push(data_row(r.label, cells));
        }
        out.push(lines.join("\n"));
    }
    out
}

/// Table 三 as one table: the printed note over the labels, the seven applicant columns, one row per table
/// row. The merged group cells (三、本年度办理结果, （三）不予公开 …) become rows of their own with blank
/// cells, since a pipe table cannot span rows.
fn t3_table(report: &AnnualReport) -> String {
    let rows = t3_rows(report.format);
    let mut lines = vec![header(
        std::iter::once(T3_NOTE).chain(T3_COLUMNS.iter().map(|c| c.label)),
    )];
    let blank: [Cell; 7] = Default::default();
    for (i, r) in rows.iter().enumerate() {
        for group in t3_group_starts(rows, i) {
            lines.push(data_row(group, &blank));
        }
        lines.push(data_row(r.label, report.t3.rows.get(i).unwrap_or(&blank)));
    }
    lines.join("\n")
}

/// Table 四 as one table of 15 columns, each header naming its group and its column
/// (行政复议·结果维持 … 行政诉讼（复议后起诉）·总计).
fn t4_table(report: &AnnualReport) -> String {
    let heads: Vec<String> = T4_GROUPS
        .iter()
        .flat_map(|(_, g)| T4_COLUMNS.iter().map(move |(_, c)| format!("{g}·{c}")))
        .collect();
    let values = row(report.t4.groups.iter().flatten().map(Cell::display));
    format!("{}\n{values}", header(heads))
}

//! Plain text in the published layout (like `shared/fixtures/reports/mengzhou-ggzyjy-2020.txt`): the title,
//! the six sections, and each table as tab-separated lines. Every table row keeps its label and its cells on
//! one line, because the text parser finds a row by its label and reads the delimited cells after it.

use gongkai_domain::report::layout::{
    SECTIONS, T2Block, T3_COLUMNS, T3Role, T3Row, T4_COLUMNS, T4_GROUPS, t2_blocks, t3_rows,
};
use gongkai_domain::report::{AnnualReport, Cell};

/// The printed note in the top-left header cell of table 三 (spec §2a).
pub(super) const T3_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// The merged cell to the left of every result row and （七）总计 (spec §2b).
pub(super) const T3_RESULTS_GROUP: &str = "三、本年度办理结果";
/// The header of table 三 above the seven columns.
pub(super) const T3_APPLICANTS: &str = "申请人情况";
/// The header over the five organisation columns of table 三.
pub(super) const T3_ORGS: &str = "法人或其他组织";
/// The first header cell of every block of table 二.
pub(super) const T2_CONTENT: &str = "信息内容";
/// The two top headers of table 四.
pub(super) const T4_REVIEW: &str = "行政复议";
pub(super) const T4_LITIGATION: &str = "行政诉讼";
/// The second-level headers over the two litigation groups of table 四.
pub(super) const T4_LIT_GROUPS: [&str; 2] = ["未经复议直接起诉", "复议后起诉"];

pub(super) fn render(report: &AnnualReport) -> String {
    let mut out = String::new();
    out.push_str(&super::title(report));
    out.push_str("\n\n");
    let preamble = preamble(report);
    if !preamble.is_empty() {
        out.push_str(preamble);
        out.push_str("\n\n");
    }
    for i in 0..SECTIONS.len() {
        out.push_str(&section_heading(report, i));
        out.push_str("\n\n");
        let body = section_body(report, i);
        if !body.is_empty() {
            out.push_str(body);
            out.push_str("\n\n");
        }
        let table = match i {
            1 => t2_lines(report),
            2 => t3_lines(report),
            3 => t4_lines(report),
            _ => Vec::new(),
        };
        if !table.is_empty() {
            out.push_str(&table.join("\n"));
            out.push_str("\n\n");
        }
    }
    // One newline at the end of the file, not a blank line.
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The heading of section `i` (0-based) as printed in the report, or the national wording when the report
/// has none: a rendered report always shows all six sections, since three of them carry the tables.
pub(super) fn section_heading(report: &AnnualReport, i: usize) -> String {
    let printed = report.sections.get(i).and_then(|s| s.as_ref());
    match printed.map(|s| s.heading.trim()).filter(|h| !h.is_empty()) {
        Some(h) => h.to_string(),
        None => SECTIONS
            .get(i)
            .map(|(num, words)| format!("{num}、{words}"))
            .unwrap_or_default(),
    }
}

/// The text before section 一 without the title line: a parsed report's preamble starts with the title as
/// the agency printed it, and the renderer prints the title already.
pub(super) fn preamble(report: &AnnualReport) -> &str {
    let text = report.preamble.trim_matches(['\n', '\r']);
    let title = super::title(report);
    match text.split_once('\n') {
        Some((first, rest)) if first.trim() == title => rest.trim_matches(['\n', '\r']),
        None if text.trim() == title => "",
        _ => text,
    }
}

/// The body of section `i` (0-based) without surrounding blank lines.
pub(super) fn section_body(report: &AnnualReport, i: usize) -> &str {
    report.section_body(i + 1).trim_matches(['\n', '\r'])
}

/// The body of a section as paragraphs: one per non-blank line, as agencies print them.
pub(super) fn paragraphs(body: &str) -> Vec<&str> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The merged group cells printed to the left of a row of table 三, outermost first: 三、本年度办理结果 on
/// the first result row, and （三）不予公开 … on the first row of each sub-group. Empty for the other rows.
pub(super) fn t3_group_starts(rows: &[T3Row], i: usize) -> Vec<&'static str> {
    let Some(row) = rows.get(i) else {
        return Vec::new();
    };
    let prev = i.checked_sub(1).and_then(|p| rows.get(p));
    let mut starts = Vec::new();
    if in_results(row) && !prev.is_some_and(in_results) {
        starts.push(T3_RESULTS_GROUP);
    }
    if row.group.is_some() && prev.and_then(|p| p.group) != row.group {
        starts.extend(row.group);
    }
    starts
}

/// Is this row under the merged cell 三、本年度办理结果 (the results and （七）总计)?
pub(super) fn in_results(row: &T3Row) -> bool {
    matches!(row.role, T3Role::Result(_) | T3Role::Total)
}

/// A row of cells as printed, joined by tabs (blank cells stay as empty fields so columns keep their place).
fn cells_line<'a>(cells: impl IntoIterator<Item = &'a Cell>) -> String {
    cells
        .into_iter()
        .map(Cell::display)
        .collect::<Vec<_>>()
        .join("\t")
}

/// Table 二: for each block its title line, its header line and one line per row.
fn t2_lines(report: &AnnualReport) -> Vec<String> {
    let mut lines = Vec::new();
    for (bi, block) in t2_blocks(report.format).iter().enumerate() {
        lines.push(block.title.to_string());
        lines.push(t2_header(block).join("\t"));
        for (ri, row) in block.rows.iter().enumerate() {
            let cells = report.t2.blocks.get(bi).and_then(|b| b.get(ri));
            let values = cells.map(|c| cells_line(c.iter())).unwrap_or_default();
            lines.push(format!("{}\t{values}", row.label));
        }
    }
    lines
}

/// The header cells of a block of table 二: 信息内容 and the column labels.
pub(super) fn t2_header(block: &T2Block) -> Vec<&'static str> {
    std::iter::once(T2_CONTENT)
        .chain(block.cols.iter().map(|c| c.label))
        .collect()
}

/// Table 三: the three header lines, then one line per row: its group cells, its printed label, 7 cells.
fn t3_lines(report: &AnnualReport) -> Vec<String> {
    let rows = t3_rows(report.format);
    let mut lines = vec![
        format!("{T3_NOTE}\t{T3_APPLICANTS}"),
        // 自然人 and 总计 span two header rows; 法人或其他组织 spans the five organisation columns.
        format!(
            "\t{}\t{T3_ORGS}\t\t\t\t\t{}",
            T3_COLUMNS[0].label, T3_COLUMNS[6].label
        ),
        format!(
            "\t\t{}",
            T3_COLUMNS[1..6]
                .iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
                .join("\t")
        ),
    ];
    for (i, row) in rows.iter().enumerate() {
        let mut fields: Vec<String> = t3_group_starts(rows, i)
            .into_iter()
            .map(str::to_string)
            .collect();
        fields.push(row.label.to_string());
        let blank: [Cell; 7] = Default::default();
        let cells = report.t3.rows.get(i).unwrap_or(&blank);
        fields.push(cells_line(cells.iter()));
        lines.push(fields.join("\t"));
    }
    lines
}

/// Table 四: the three header lines of the national layout and the one data line of 15 cells.
fn t4_lines(report: &AnnualReport) -> Vec<String> {
    let subheads: Vec<&str> = T4_COLUMNS.iter().map(|(_, label)| *label).collect();
    let subheads = subheads.join("\t");
    vec![
        format!("{T4_REVIEW}\t\t\t\t\t{T4_LITIGATION}"),
        format!(
            "{subheads}\t{}\t\t\t\t\t{}",
            T4_LIT_GROUPS[0], T4_LIT_GROUPS[1]
        ),
        format!("\t\t\t\t\t{subheads}\t{subheads}"),
        cells_line(report.t4.groups.iter().take(T4_GROUPS.len()).flatten()),
    ]
}

//! HTML: a standalone page with the three tables in the national layout, merged header cells included
//! (spec §1-3). The layout (spans, scopes, which cell is a header) is decided here and handed to the template
//! as plain rows of cells, so the template only prints what it is given and no figure is worked out in it.

use gongkai_domain::report::layout::{
    SECTIONS, T2Block, T3_COLUMNS, T4_COLUMNS, t2_blocks, t3_rows,
};
use gongkai_domain::report::{AnnualReport, Cell};
use minijinja::value::Value;
use minijinja::{Environment, UndefinedBehavior, context};

use super::text::{
    T2_CONTENT, T3_APPLICANTS, T3_NOTE, T3_ORGS, T3_RESULTS_GROUP, T4_LIT_GROUPS, T4_LITIGATION,
    T4_REVIEW, in_results, paragraphs, preamble, section_body, section_heading, t3_group_starts,
};
use crate::ReportError;

const TEMPLATE_NAME: &str = "report.html";
const TEMPLATE: &str = include_str!("../../templates/report.html");

pub(super) fn render(report: &AnnualReport) -> Result<String, ReportError> {
    let mut env = Environment::new();
    // Every key the template reads is always given (absent values as none), so an unknown name is a bug in
    // this file or the template and must fail loudly instead of printing an empty cell.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // The `.html` name turns on HTML autoescaping: agency names and body text are escaped.
    env.add_template(TEMPLATE_NAME, TEMPLATE)
        .map_err(render_error)?;
    let template = env.get_template(TEMPLATE_NAME).map_err(render_error)?;
    template.render(page(report)).map_err(render_error)
}

fn render_error(e: minijinja::Error) -> ReportError {
    ReportError::Render(format!("HTML template: {e:#}"))
}

/// The whole page as template data.
fn page(report: &AnnualReport) -> Value {
    let sections: Vec<Value> = (0..SECTIONS.len())
        .map(|i| {
            let tables = match i {
                1 => vec![t2_table(report)],
                2 => vec![t3_table(report)],
                3 => vec![t4_table(report)],
                _ => Vec::new(),
            };
            context! {
                id => format!("s{}", i + 1),
                heading => section_heading(report, i),
                paragraphs => owned_paragraphs(section_body(report, i)),
                tables => tables,
            }
        })
        .collect();
    context! {
        title => super::title(report),
        preamble => owned_paragraphs(preamble(report)),
        sections => sections,
    }
}

/// Paragraphs as owned strings: template values outlive the borrowed report.
fn owned_paragraphs(text: &str) -> Vec<String> {
    paragraphs(text).into_iter().map(str::to_string).collect()
}

/// One table cell of the view model: the tag, its text and its attributes (none when not printed).
struct HCell {
    tag: &'static str,
    text: String,
    scope: Option<&'static str>,
    rowspan: Option<usize>,
    colspan: Option<usize>,
    class: Option<&'static str>,
}

impl HCell {
    /// A header cell; `scope` is `col`, `colgroup`, `row` or `rowgroup`.
    fn th(text: impl Into<String>, scope: &'static str) -> HCell {
        HCell {
            tag: "th",
            text: text.into(),
            scope: Some(scope),
            rowspan: None,
            colspan: None,
            class: None,
        }
    }

    /// A data cell holding a reported value exactly as printed (blank when empty).
    fn value(cell: &Cell) -> HCell {
        HCell {
            tag: "td",
            text: cell.display(),
            scope: None,
            rowspan: None,
            colspan: None,
            class: Some("num"),
        }
    }

    /// Spans; a span of 1 is left out, as hand-written tables do.
    fn span(mut self, rows: usize, cols: usize) -> HCell {
        self.rowspan = (rows > 1).then_some(rows);
        self.colspan = (cols > 1).then_some(cols);
        self
    }

    fn class(mut self, class: &'static str) -> HCell {
        self.class = Some(class);
        self
    }

    fn into_value(self) -> Value {
        context! {
            tag => self.tag,
            text => self.text,
            scope => self.scope,
            rowspan => self.rowspan,
            colspan => self.colspan,
            class => self.class,
        }
    }
}

type Row = Vec<HCell>;

fn row_values(rows: Vec<Row>) -> Vec<Vec<Value>> {
    rows.into_iter()
        .map(|r| r.into_iter().map(HCell::into_value).collect())
        .collect()
}

/// A table of the view model: `colgroups` are the widths of the column groups (the targets of
/// `scope="colgroup"` headers); `bodies` are the `<tbody>` sections.
fn table(
    class: &str,
    caption: &str,
    colgroups: &[usize],
    head: Vec<Row>,
    bodies: Vec<Vec<Row>>,
) -> Value {
    let bodies: Vec<Vec<Vec<Value>>> = bodies.into_iter().map(row_values).collect();
    context! {
        class => class,
        caption => caption,
        colgroups => colgroups.to_vec(),
        head => row_values(head),
        bodies => bodies,
    }
}

/// Table 二 in one grid as wide as the widest block (4 columns in both formats). Each block is a `<tbody>`:
/// a title row across the grid, its header row, its rows. A block with fewer value columns widens its last
/// column to fill the grid (F2021 (五)(六)(八): one value cell over 3 columns; F2019 (八)(九): the second of two
/// over 2), as the national tables print them.
fn t2_table(report: &AnnualReport) -> Value {
    let blocks = t2_blocks(report.format);
    let value_cols = blocks.iter().map(|b| b.cols.len()).max().unwrap_or(1);
    let width = value_cols + 1;
    let bodies = blocks
        .iter()
        .enumerate()
        .map(|(bi, block)| {
            let mut rows = vec![vec![
                HCell::th(block.title, "rowgroup")
                    .span(1, width)
                    .class("block"),
            ]];
            let mut head = vec![HCell::th(T2_CONTENT, "col")];
            head.extend(block.cols.iter().map(|c| HCell::th(c.label, "col")));
            rows.push(widen_last(head, block, value_cols));
            for (ri, r) in block.rows.iter().enumerate() {
                let mut cells = vec![HCell::th(r.label, "row").class("label")];
                let printed = report.t2.blocks.get(bi).and_then(|b| b.get(ri));
                for ci in 0..block.cols.len() {
                    let cell = printed.and_then(|p| p.get(ci)).unwrap_or(&Cell::Empty);
                    cells.push(HCell::value(cell));
                }
                rows.push(widen_last(cells, block, value_cols));
            }
            rows
        })
        .collect();
    table(
        "t2",
        "表二：主动公开政府信息情况",
        &[1, value_cols],
        Vec::new(),
        bodies,
    )
}

/// Makes the last cell of a block's row span the grid columns the block has no column for.
fn widen_last(mut cells: Row, block: &T2Block, value_cols: usize) -> Row {
    let missing = value_cols.saturating_sub(block.cols.len());
    if let Some(last) = cells.last_mut().filter(|_| missing > 0) {
        last.colspan = Some(missing + 1);
    }
    cells
}

/// Table 三 with the national header (spec §2a) and the merged group cells on the left (spec §2b): the
/// label area is 3 columns wide; 一, 二 and 四 span all three, rows directly under 三、本年度办理结果 span two,
/// rows inside a group (（三）不予公开 …) take one.
fn t3_table(report: &AnnualReport) -> Value {
    let rows = t3_rows(report.format);
    let orgs = &T3_COLUMNS[1..6];
    let head = vec![
        vec![
            HCell::th(T3_NOTE, "colgroup").span(3, 3).class("note"),
            HCell::th(T3_APPLICANTS, "colgroup").span(1, T3_COLUMNS.len()),
        ],
        vec![
            HCell::th(T3_COLUMNS[0].label, "col").span(2, 1),
            HCell::th(T3_ORGS, "colgroup").span(1, orgs.len()),
            HCell::th(T3_COLUMNS[6].label, "col").span(2, 1),
        ],
        orgs.iter().map(|c| HCell::th(c.label, "col")).collect(),
    ];
    let results_span = rows.iter().filter(|r| in_results(r)).count();
    let blank: [Cell; 7] = Default::default();
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut cells: Row = t3_group_starts(rows, i)
                .into_iter()
                .map(|g| {
                    let span = if g == T3_RESULTS_GROUP {
                        results_span
                    } else {
                        rows.iter().filter(|x| x.group == Some(g)).count()
                    };
                    HCell::th(g, "rowgroup").span(span, 1).class("group")
                })
                .collect();
            let label_cols = match (in_results(r), r.group) {
                (false, _) => 3,
                (true, None) => 2,
                (true, Some(_)) => 1,
            };
            cells.push(HCell::th(r.label, "row").span(1, label_cols).class("label"));
            let printed = report.t3.rows.get(i).unwrap_or(&blank);
            cells.extend(printed.iter().map(HCell::value));
            cells
        })
        .collect();
    table(
        "t3",
        "表三：收到和处理政府信息公开申请情况",
        &[3, 1, orgs.len(), 1],
        head,
        vec![body],
    )
}

/// Table 四 with its three header rows (spec §3) and its one row of 15 values.
fn t4_table(report: &AnnualReport) -> Value {
    let n = T4_COLUMNS.len();
    let subheads = || T4_COLUMNS.iter().map(|(_, label)| HCell::th(*label, "col"));
    let mut second: Row = subheads().map(|c| c.span(2, 1)).collect();
    second.extend(
        T4_LIT_GROUPS
            .iter()
            .map(|g| HCell::th(*g, "colgroup").span(1, n)),
    );
    let head = vec![
        vec![
            HCell::th(T4_REVIEW, "colgroup").span(1, n),
            HCell::th(T4_LITIGATION, "colgroup").span(1, 2 * n),
        ],
        second,
        subheads().chain(subheads()).collect(),
    ];
    let values = report
        .t4
        .groups
        .iter()
        .flatten()
        .map(HCell::value)
        .collect();
    table(
        "t4",
        "表四：政府信息公开行政复议、行政诉讼情况",
        &[n, n, n],
        head,
        vec![vec![values]],
    )
}

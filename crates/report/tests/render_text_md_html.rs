//! The text, Markdown and HTML renderers: every label and every value is printed, tables sit in their
//! sections, the HTML tables have the national merged headers and a full grid, and what is rendered parses
//! back to the same tables.

use gongkai_domain::report::layout::{
    SECTIONS, T3_COLUMNS, T4_COLUMNS, T4_GROUPS, cell_paths, t2_blocks, t3_rows,
};
use gongkai_domain::report::{AnnualReport, Cell, CellKind, Format};
use gongkai_report::{RenderTarget, render};
use rust_decimal::Decimal;
use scraper::{ElementRef, Html, Selector};

const FORMATS: [Format; 2] = [Format::F2019, Format::F2021];
const TARGETS: [RenderTarget; 3] = [RenderTarget::Txt, RenderTarget::Md, RenderTarget::Html];

fn set(report: &mut AnnualReport, path: &str, cell: Cell) {
    *report.cell_mut(path).expect("layout path") = cell;
}

/// A report whose every cell holds a different 4-digit value, with negative 增/减, an amount, a
/// not-applicable mark, a blank cell, a preamble and two paragraphs per section.
fn distinctive(format: Format) -> AnnualReport {
    let mut report = AnnualReport::zeroed(format);
    report.agency = Some("测试市<数据>局".into());
    report.year = Some(if format == Format::F2019 { 2020 } else { 2023 });
    report.preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。".into();
    for (i, path) in cell_paths(format).iter().enumerate() {
        set(
            &mut report,
            path,
            Cell::Int(1000 + i64::try_from(i).expect("small")),
        );
    }
    for (bi, block) in t2_blocks(format).iter().enumerate() {
        for (ci, col) in block.cols.iter().enumerate() {
            let cell = &mut report.t2.blocks[bi][0][ci];
            match col.kind {
                CellKind::AmountWan => *cell = Cell::Amount(Decimal::new(5_479_659, 4)),
                CellKind::SignedCount => *cell = Cell::Int(-7 - i64::try_from(bi).expect("small")),
                CellKind::Count => {}
            }
        }
    }
    set(
        &mut report,
        "t3.r3_3_8_admin_query.org_npo",
        Cell::NotApplicable("/".into()),
    );
    set(&mut report, "t3.r4_carry_out.org_legal", Cell::Empty);
    for (i, section) in report.sections.iter_mut().enumerate() {
        let section = section.as_mut().expect("zeroed has all sections");
        section.body = format!("第{}节第一段，包含 A&B。\n\n第{}节第二段。", i + 1, i + 1);
    }
    report
}

fn render_str(report: &AnnualReport, target: RenderTarget) -> String {
    String::from_utf8(render(report, target).expect("renders")).expect("UTF-8")
}

#[track_caller]
fn has_all(out: &str, needles: &[&str], what: impl std::fmt::Display) {
    for needle in needles {
        assert!(out.contains(needle), "{what}: missing {needle:?}");
    }
}

/// A table row as the target prints it: the label, then the cells as printed (blank when empty).
fn row_line<'a>(
    target: RenderTarget,
    label: &str,
    cells: impl IntoIterator<Item = &'a Cell>,
) -> String {
    let mut fields = vec![label.to_string()];
    fields.extend(cells.into_iter().map(Cell::display));
    match target {
        RenderTarget::Md => format!("| {} |\n", fields.join(" | ")),
        _ => format!("{}\n", fields.join("\t")),
    }
}

// ------------------------------------------------------------------------------------ text, Markdown

#[test]
fn text_and_markdown_print_every_row_label_with_its_cells_on_one_line() {
    for format in FORMATS {
        let report = distinctive(format);
        for target in [RenderTarget::Txt, RenderTarget::Md] {
            let out = render_str(&report, target);
            let what = format!("{target:?} {format}");
            for (bi, block) in t2_blocks(format).iter().enumerate() {
                for (ri, row) in block.rows.iter().enumerate() {
                    let line = format!(
                        "\n{}",
                        row_line(target, row.label, &report.t2.blocks[bi][ri])
                    );
                    has_all(&out, &[&line], &what);
                }
            }
            for (i, row) in t3_rows(format).iter().enumerate() {
                // Not anchored at the line start: in text a group cell (（三）不予公开 …) may precede the label.
                has_all(
                    &out,
                    &[&row_line(target, row.label, &report.t3.rows[i])],
                    &what,
                );
            }
            let cells: Vec<String> = report
                .t4
                .groups
                .iter()
                .flatten()
                .map(Cell::display)
                .collect();
            let t4 = match target {
                RenderTarget::Md => format!("\n| {} |\n", cells.join(" | ")),
                _ => format!("\n{}\n", cells.join("\t")),
            };
            has_all(&out, &[&t4], &what);
        }
    }
    let text = render_str(&distinctive(Format::F2019), RenderTarget::Txt);
    let kept = [
        "\t547.9659\n",
        "\t-8\t",
        "\t1177\t1178\t1179\t\t1181",
        "\t/\t",
    ];
    has_all(&text, &kept, "amount, sign, blank and mark as printed");
}

#[test]
fn text_has_sections_in_order_with_tables_and_national_headers_inside() {
    for format in FORMATS {
        let report = distinctive(format);
        let text = render_str(&report, RenderTarget::Txt);
        assert!(text.starts_with(&format!(
            "{}\n\n本报告",
            gongkai_report::render::title(&report)
        )));
        let mut bounds = Vec::new();
        for (num, words) in SECTIONS {
            let from = bounds.last().map_or(0, |p| p + 1);
            let pos = text[from..]
                .find(&format!("\n{num}、{words}\n"))
                .expect("heading in order");
            bounds.push(pos + from);
        }
        bounds.push(text.len());
        for (needle, section) in [
            ("第二十条第（一）项\n信息内容\t", 1),
            ("第2节第二段", 1),
            (
                "\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n一、",
                2,
            ),
            (
                "\n行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\t\t\t\t\t结果维持\t",
                3,
            ),
            ("第6节第一段，包含 A&B。", 5),
        ] {
            let pos = text
                .find(needle)
                .unwrap_or_else(|| panic!("{format}: {needle:?}"));
            assert!(
                bounds[section] < pos && pos < bounds[section + 1],
                "{format}: {needle:?}"
            );
        }
        // The body of a section comes before its table.
        assert!(text.find("第3节第二段") < text.find("一、本年新收政府信息公开申请数量"));
        assert!(text.ends_with("第6节第二段。\n"));
        let other = if format == Format::F2019 {
            "\n（六）其他处理\t1"
        } else {
            "\n（六）其他处理\t1.申请人"
        };
        has_all(
            &text,
            &[
                other,
                "\n三、本年度办理结果\t（一）予以公开\t1",
                "\n（五）不予处理\t1.信访举报投诉类申请\t1",
            ],
            format,
        );
        for group in [
            "三、本年度办理结果",
            "（三）不予公开",
            "（四）无法提供",
            "（五）不予处理",
        ] {
            assert_eq!(
                text.matches(group).count(),
                1,
                "{format}: {group} printed once"
            );
        }
    }
}

#[test]
fn preamble_follows_the_title_and_a_repeated_title_is_printed_once() {
    let mut report = distinctive(Format::F2021);
    report.preamble = format!(
        "{}\n\n本报告依据条例编制。",
        gongkai_report::render::title(&report)
    );
    for target in TARGETS {
        let out = render_str(&report, target);
        // HTML prints the title in <title> and <h1>.
        let expected = if target == RenderTarget::Html { 2 } else { 1 };
        assert_eq!(
            out.matches("局2023年政府信息公开工作年度报告").count(),
            expected,
            "{target:?}"
        );
        let (p, s1) = (out.find("本报告依据条例编制。"), out.find("一、总体情况"));
        assert!(
            p.is_some() && p < s1,
            "{target:?}: preamble before section 一"
        );
    }
}

#[test]
fn markdown_has_headings_and_pipe_tables_with_header_rows() {
    for format in FORMATS {
        let md = render_str(&distinctive(format), RenderTarget::Md);
        assert!(md.starts_with("# 测试市<数据>局20"));
        let mut needles: Vec<String> = SECTIONS
            .iter()
            .map(|(n, w)| format!("\n## {n}、{w}\n"))
            .collect();
        for block in t2_blocks(format) {
            let head: Vec<&str> = block.cols.iter().map(|c| c.label).collect();
            let rule = "---|".repeat(head.len() + 1);
            needles.push(format!(
                "### {}\n\n| 信息内容 | {} |\n|{rule}\n",
                block.title,
                head.join(" | ")
            ));
        }
        let cols: Vec<&str> = T3_COLUMNS.iter().map(|c| c.label).collect();
        needles.push(format!(
            "第三项加第四项之和） | {} |\n|{}\n",
            cols.join(" | "),
            "---|".repeat(8)
        ));
        needles.push("\n| （三）不予公开 |  |  |  |  |  |  |  |\n".into());
        let heads: Vec<String> = T4_GROUPS
            .iter()
            .flat_map(|(_, g)| T4_COLUMNS.iter().map(move |(_, c)| format!("{g}·{c}")))
            .collect();
        needles.push(format!(
            "| {} |\n|{}\n",
            heads.join(" | "),
            "---|".repeat(15)
        ));
        needles.push("| 行政复议·结果维持 | 行政复议·结果纠正 |".into());
        needles.push("\n\n第1节第一段，包含 A&B。\n\n第1节第二段。\n\n".into());
        has_all(
            &md,
            &needles.iter().map(String::as_str).collect::<Vec<_>>(),
            format,
        );
        assert!(md.ends_with("第6节第二段。\n"));
    }
}

#[test]
fn markdown_escapes_pipes_in_cells_and_markup_in_paragraphs() {
    let mut report = distinctive(Format::F2021);
    set(&mut report, "t3.r1_new.np", Cell::Text("3|4".into()));
    report.sections[0].as_mut().expect("section").body =
        "# 不是标题\n见<script>x</script>与 a<b。".into();
    let md = render_str(&report, RenderTarget::Md);
    let escaped = [
        "\n见\\<script>x\\</script>与 a\\<b。\n",
        "| 一、本年新收政府信息公开申请数量 | 3\\|4 |",
        "\n\\# 不是标题\n",
    ];
    has_all(&md, &escaped, "escaped");
}

// ---------------------------------------------------------------------------------------------- HTML

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn span(e: &ElementRef, attr: &str) -> usize {
    e.value()
        .attr(attr)
        .map_or(1, |v| v.parse().expect("numeric span"))
}

/// Lays the table's cells on a grid (honouring rowspan and colspan) and returns the width of each row, so a
/// misplaced span shows up as a ragged row.
fn grid_widths(doc: &Html, table: &str) -> Vec<usize> {
    let table = doc.select(&sel(table)).next().expect("table");
    let mut carried: Vec<usize> = Vec::new(); // rows each column is still covered by a rowspan from above
    let mut widths = Vec::new();
    for tr in table.select(&sel("tr")) {
        let mut col = 0;
        let mut next: Vec<usize> = carried.iter().map(|r| r.saturating_sub(1)).collect();
        let skip_covered = |col: &mut usize| {
            while carried.get(*col).is_some_and(|r| *r > 0) {
                *col += 1;
            }
        };
        for cell in tr.select(&sel("th, td")) {
            skip_covered(&mut col);
            let (rs, cs) = (span(&cell, "rowspan"), span(&cell, "colspan"));
            next.resize(next.len().max(col + cs), 0);
            next[col..col + cs].fill(rs - 1);
            col += cs;
        }
        skip_covered(&mut col);
        widths.push(col);
        carried = next;
    }
    widths
}

#[test]
fn html_is_a_standalone_document_with_escaped_text() {
    let html = render_str(&distinctive(Format::F2019), RenderTarget::Html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    let mut needles = vec![
        r#"<meta charset="utf-8">"#,
        r#"<meta name="viewport""#,
        "<h1>测试市&lt;数据&gt;局2020年政府信息公开工作年度报告</h1>",
        "<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p>",
        "<p>第1节第一段，包含 A&amp;B。</p>",
        "text-align: right",
    ];
    let headings: Vec<String> = SECTIONS
        .iter()
        .map(|(n, w)| format!("<h2>{n}、{w}</h2>"))
        .collect();
    needles.extend(headings.iter().map(String::as_str));
    has_all(&html, &needles, "HTML");
    assert!(!html.contains("<数据>"), "agency text is escaped");
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("table > caption")).count(), 3);
    for table in [
        "section#s2 table.t2",
        "section#s3 table.t3",
        "section#s4 table.t4",
    ] {
        assert_eq!(doc.select(&sel(table)).count(), 1, "{table}");
    }
    for th in doc.select(&sel("th")) {
        let scope = th.value().attr("scope");
        assert!(
            matches!(scope, Some("col" | "colgroup" | "row" | "rowgroup")),
            "th scope {scope:?}"
        );
    }
}

#[test]
fn html_t3_has_the_national_merged_header_and_group_cells() {
    for (format, results_span) in [(Format::F2019, 20), (Format::F2021, 22)] {
        let html = render_str(&distinctive(format), RenderTarget::Html);
        let results = format!(
            r#"<th scope="rowgroup" rowspan="{results_span}" class="group">三、本年度办理结果</th><th scope="row" colspan="2" class="label">（一）予以公开</th>"#
        );
        let other = match format {
            Format::F2019 => r#"<th scope="row" colspan="2" class="label">（六）其他处理</th>"#,
            Format::F2021 => {
                r#"<th scope="rowgroup" rowspan="3" class="group">（六）其他处理</th><th scope="row" class="label">1.申请人"#
            }
        };
        let needles = [
            r#"<th scope="colgroup" rowspan="3" colspan="3" class="note">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th scope="colgroup" colspan="7">申请人情况</th>"#,
            r#"<th scope="col" rowspan="2">自然人</th><th scope="colgroup" colspan="5">法人或其他组织</th><th scope="col" rowspan="2">总计</th>"#,
            r#"<tr><th scope="col">商业企业</th><th scope="col">科研机构</th><th scope="col">社会公益组织</th><th scope="col">法律服务机构</th><th scope="col">其他</th></tr>"#,
            r#"<th scope="rowgroup" rowspan="8" class="group">（三）不予公开</th><th scope="row" class="label">1.属于国家秘密</th>"#,
            r#"<th scope="rowgroup" rowspan="3" class="group">（四）无法提供</th>"#,
            r#"<th scope="rowgroup" rowspan="5" class="group">（五）不予处理</th>"#,
            r#"<th scope="row" colspan="3" class="label">一、本年新收政府信息公开申请数量</th>"#,
            r#"<th scope="row" colspan="3" class="label">二、上年结转政府信息公开申请数量</th>"#,
            r#"<th scope="row" colspan="2" class="label">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</th>"#,
            r#"<th scope="row" colspan="2" class="label">（七）总计</th>"#,
            r#"<th scope="row" colspan="3" class="label">四、结转下年度继续办理</th>"#,
            &results,
            other,
        ];
        has_all(&html, &needles, format);
        let widths = grid_widths(&Html::parse_document(&html), "table.t3");
        assert_eq!(
            widths,
            vec![10; 3 + t3_rows(format).len()],
            "{format}: every row 10 columns wide"
        );
    }
}

#[test]
fn html_t4_and_t2_layouts_fill_their_grids() {
    for format in FORMATS {
        let html = render_str(&distinctive(format), RenderTarget::Html);
        let needles = [
            r#"<tr><th scope="colgroup" colspan="5">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th></tr>"#,
            r#"<tr><th scope="col" rowspan="2">结果维持</th>"#,
            r#"<th scope="col" rowspan="2">总计</th><th scope="colgroup" colspan="5">未经复议直接起诉</th><th scope="colgroup" colspan="5">复议后起诉</th></tr>"#,
            r#"<tr><th scope="rowgroup" colspan="4" class="block">第二十条第（一）项</th></tr>"#,
        ];
        has_all(&html, &needles, format);
        let doc = Html::parse_document(&html);
        assert_eq!(grid_widths(&doc, "table.t4"), vec![15; 4], "{format}");
        assert!(
            grid_widths(&doc, "table.t2").iter().all(|w| *w == 4),
            "{format}: t2 4 wide"
        );
    }
    // The value cells of F2021 (五)(六)(八) span 3 columns; the second of F2019 (八)(九) spans 2.
    let html = render_str(&distinctive(Format::F2021), RenderTarget::Html);
    let needles = [
        r#"<th scope="row" class="label">行政许可</th><td colspan="3" class="num">1006</td>"#,
        r#"<th scope="col" colspan="3">本年收费金额（单位：万元）</th>"#,
    ];
    has_all(&html, &needles, Format::F2021);
    let html = render_str(&distinctive(Format::F2019), RenderTarget::Html);
    let needles = [
        r#"<th scope="col" colspan="2">采购总金额（单位：万元，保留4位小数）</th>"#,
        r#"<td colspan="2" class="num">547.9659</td>"#,
    ];
    has_all(&html, &needles, Format::F2019);
}

#[test]
fn html_prints_every_value_in_a_data_cell() {
    for format in FORMATS {
        let report = distinctive(format);
        let doc = Html::parse_document(&render_str(&report, RenderTarget::Html));
        let printed: Vec<String> = doc
            .select(&sel("td"))
            .map(|td| td.text().collect())
            .collect();
        let expected: Vec<String> = cell_paths(format)
            .iter()
            .map(|p| report.cell(p).expect("path").display())
            .collect();
        assert_eq!(printed, expected, "{format}: td cells in contract order");
    }
}

// ------------------------------------------------------------------------------------------ round trip

/// Renders, parses the result back and compares the three tables with the original.
fn assert_round_trip(report: &AnnualReport, target: RenderTarget) {
    let bytes = render(report, target).expect("renders");
    let what = format!("{target:?} {}", report.format);
    let parsed = match target {
        RenderTarget::Html => gongkai_report::parse_bytes(&bytes, Some("x.html")),
        _ => gongkai_report::parse_text(std::str::from_utf8(&bytes).expect("UTF-8")),
    }
    .unwrap_or_else(|e| panic!("{what}: parses back: {e}"));
    assert_eq!(parsed.format, report.format, "{what}: format");
    // `AnnualReport::zeroed` puts `Int(0)` in money columns, while a money column reads back as an amount.
    let mut t2 = report.t2.clone();
    for (block, rows) in t2_blocks(report.format).iter().zip(&mut t2.blocks) {
        for (col, cell) in rows
            .iter_mut()
            .flat_map(|r| block.cols.iter().zip(r.iter_mut()))
        {
            if let (CellKind::AmountWan, Cell::Int(n)) = (col.kind, cell.clone()) {
                *cell = Cell::Amount(Decimal::from(n));
            }
        }
    }
    assert_eq!(parsed.t2, t2, "{what}: table 二");
    assert_eq!(parsed.t3, report.t3, "{what}: table 三");
    assert_eq!(parsed.t4, report.t4, "{what}: table 四");
}

/// What published reports print besides numbers: blank cells inside a row, not-applicable marks, a foreign
/// unit in a money column.
fn sparse(format: Format) -> AnnualReport {
    let mut report = distinctive(format);
    for path in [
        "t3.r1_new.org_biz",
        "t3.r3_7_total.org_other",
        "t4.review.correct",
        "t4.lit_direct.total",
    ] {
        set(&mut report, path, Cell::Empty);
    }
    set(
        &mut report,
        "t3.r2_carry_in.org_other",
        Cell::NotApplicable("-".into()),
    );
    set(
        &mut report,
        "t3.r3_1_open.np",
        Cell::NotApplicable("不适用".into()),
    );
    let money = match format {
        Format::F2019 => "t2.a20_9.gov_procurement.amount",
        Format::F2021 => "t2.a20_8.admin_fees.fee_amount_wan",
    };
    set(&mut report, money, Cell::Text("251000元".into()));
    report.t2.blocks[0][0][1] = Cell::Empty;
    report
}

/// Blank cells next to the label and at the end of a row, where published text often has layout artefacts:
/// a rendered row has exactly its number of fields, so they keep their place.
fn blank_edges(format: Format) -> AnnualReport {
    let mut report = distinctive(format);
    let edges = [
        "t3.r1_new.np",
        "t3.r3_7_total.total",
        "t4.review.maintain",
        "t4.lit_after_review.total",
    ];
    for path in edges {
        set(&mut report, path, Cell::Empty);
    }
    report.t2.blocks[0][0][0] = Cell::Empty;
    report
}

#[test]
fn round_trip_text_markdown_html_keep_every_cell() {
    for format in FORMATS {
        for target in TARGETS {
            assert_round_trip(&distinctive(format), target);
            assert_round_trip(&AnnualReport::zeroed(format), target);
            assert_round_trip(&sparse(format), target);
            assert_round_trip(&blank_edges(format), target);
        }
    }
}

/// The seed report of the project, parsed, rendered in each format and parsed again.
#[test]
fn round_trip_of_the_seed_report() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/reports/mengzhou-ggzyjy-2020.txt"
    );
    let seed = gongkai_report::parse_text(&std::fs::read_to_string(path).expect("seed fixture"))
        .expect("parses");
    for target in TARGETS {
        assert_round_trip(&seed, target);
        let out = render_str(&seed, target);
        let kept = [
            "孟州市公共资源交易中心2020年政府信息公开工作年度报告",
            "孟州市公共资源交易中心无其他需要报告的事项",
        ];
        has_all(&out, &kept, format!("{target:?}"));
    }
}

/// The content a site embeds is the page's report (title, sections, tables) without its document shell.
#[test]
fn html_content_is_the_report_without_its_page() {
    let mut report =
        gongkai_domain::report::AnnualReport::zeroed(gongkai_domain::report::Format::F2021);
    report.year = Some(2024);
    report.agency = Some("测试县人民政府办公室".into());
    let page = String::from_utf8(
        gongkai_report::render::render(&report, gongkai_report::render::RenderTarget::Html)
            .expect("HTML"),
    )
    .expect("UTF-8");
    let content = gongkai_report::render::html_content(&page).expect("content");
    assert!(content.starts_with("<h1>测试县人民政府办公室2024年政府信息公开工作年度报告</h1>"));
    assert_eq!(content.matches("<table").count(), 3);
    for shell in ["<style", "<html", "<body", "<main", "</main>"] {
        assert!(!content.contains(shell), "{shell}");
    }
    assert_eq!(
        gongkai_report::render::html_content("<p>not ours</p>"),
        None
    );
}

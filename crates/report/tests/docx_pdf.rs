//! DOCX and PDF, both ways: rendered files are real Word tables with the national merges and PDFs with an
//! embedded CJK font whose text extracts back; bad input is an error, never a panic.
//!
//! Needs poppler-utils (`pdftotext`, `pdffonts`) and a CJK font (fonts-noto-cjk) on the machine.

use std::io::{Cursor, Read as _, Write as _};
use std::process::{Command, Stdio};

use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{AnnualReport, Cell, Format, Section};
use gongkai_report::parse::{InputKind, extract_text};
use gongkai_report::render::{RenderTarget, render, title};
use rust_decimal::Decimal;

const AGENCY: &str = "测试县人民政府办公室";
/// Section text that would be markup if it reached typst unescaped.
const TRICKY: &str =
    "#set text(red) *不加粗* $x$ // 不是注释 \"引号\" \\ 反斜杠 [方括号] <标签> @引用";

const PREAMBLE: &str = "本报告根据《中华人民共和国政府信息公开条例》要求编制。";

/// A report whose every cell holds its own figure (1000, 1001, …), so that a figure found in the output can
/// only have come from its cell.
fn distinctive(format: Format) -> AnnualReport {
    let mut report = AnnualReport::zeroed(format);
    report.year = Some(if format == Format::F2019 { 2020 } else { 2023 });
    report.agency = Some(AGENCY.into());
    for (i, path) in cell_paths(format).iter().enumerate() {
        let n = 1000 + i as i64;
        let cell = report.cell_mut(path).expect("path of the layout");
        *cell =
            if path.ends_with("fee_amount_wan") || path.ends_with("a20_9.gov_procurement.amount") {
                Cell::Amount(Decimal::new(n * 10_000 + 1234, 4))
            } else {
                Cell::Int(n)
            };
    }
    *report.cell_mut("t3.r1_new.np").expect("cell") = Cell::Int(7301);
    report.preamble = PREAMBLE.into();
    report.sections[0] = Some(Section {
        heading: "一、总体情况".into(),
        body: format!("本年度共收到申请若干件。\n{TRICKY}"),
        drafted: false,
    });
    report
}

fn figures(report: &AnnualReport) -> Vec<String> {
    cell_paths(report.format)
        .iter()
        .map(|p| report.cell(p).expect("cell").display())
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn run_tool(tool: &str, args: &[&str], input: &[u8]) -> String {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{tool}` ({e}): install poppler-utils (apt-get install poppler-utils)"
            )
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write to tool");
    let out = child.wait_with_output().expect("tool output");
    assert!(out.status.success(), "{tool} failed: {:?}", out.status);
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// pdffonts cannot read standard input; the PDF goes through a temporary file.
fn pdffonts(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("gongkai-pdffonts-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).expect("write temp pdf");
    let out = Command::new("pdffonts")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `pdffonts` ({e}): install poppler-utils (apt-get install poppler-utils)"
            )
        });
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "pdffonts failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    xml
}

#[test]
fn docx_has_word_tables_with_the_national_merges() {
    for format in [Format::F2019, Format::F2021] {
        let report = distinctive(format);
        let docx = render(&report, RenderTarget::Docx).expect("render DOCX");
        assert!(docx.starts_with(b"PK\x03\x04"), "{format}: not a zip");
        docx_rs::read_docx(&docx).expect("docx-rs reads its own output");
        let xml = document_xml(&docx);
        assert_eq!(xml.matches("<w:tbl>").count(), 3, "{format}: three tables");
        for merge in [
            r#"<w:gridSpan w:val="7" />"#,  // 申请人情况
            r#"<w:gridSpan w:val="10" />"#, // 行政诉讼
            r#"<w:gridSpan w:val="3" />"#,  // the T3 note cell, 一、… rows
            r#"<w:vMerge w:val="restart" />"#,
            r#"<w:vMerge w:val="continue" />"#,
        ] {
            assert!(xml.contains(merge), "{format}: missing {merge}");
        }
        assert!(
            xml.contains(r#"w:eastAsia="宋体""#),
            "{format}: East Asian font"
        );

        let text = extract_text(&docx, InputKind::Docx).expect("DOCX to text");
        assert!(text.lines().next().is_some_and(|l| l == title(&report)));
        assert!(text.contains(TRICKY), "{format}: section text verbatim");
        assert_eq!(text.lines().nth(1), Some(PREAMBLE), "{format}: preamble");
        let first = text
            .lines()
            .find(|l| l.starts_with("一、本年新收"))
            .expect("row 一 on one line");
        let cells: Vec<&str> = first.split('\t').collect();
        assert_eq!(cells.len(), 8, "{format}: label + 7 cells: {first:?}");
        assert_eq!(cells[1], "7301");
        let denied = text
            .lines()
            .find(|l| l.contains("2.其他法律行政法规禁止公开"))
            .expect("row （三）2");
        // The 三 and （三） cells continue (vMerge) as empty cells before the label.
        assert!(denied.starts_with("\t\t2."), "{format}: {denied:?}");
        assert!(text.contains("行政复议\t行政诉讼"), "{format}: T4 head");
        for f in figures(&report) {
            assert!(
                text.contains(&f),
                "{format}: figure {f} missing from DOCX text"
            );
        }
    }
}

#[test]
fn pdf_embeds_a_cjk_font_and_extracts_back() {
    for format in [Format::F2019, Format::F2021] {
        let report = distinctive(format);
        let started = std::time::Instant::now();
        let pdf = render(&report, RenderTarget::Pdf).expect("render PDF");
        eprintln!(
            "{format}: PDF of {} bytes in {:?}",
            pdf.len(),
            started.elapsed()
        );
        assert!(pdf.starts_with(b"%PDF"), "{format}: PDF header");

        let fonts = pdffonts(&pdf);
        assert!(fonts.contains("CJK"), "{format}: a CJK font: {fonts}");
        assert!(
            fonts.lines().skip(2).all(|l| l.contains(" yes ")),
            "{format}: every font embedded: {fonts}"
        );

        let poppler = run_tool("pdftotext", &["-layout", "-enc", "UTF-8", "-", "-"], &pdf);
        let extracted = extract_text(&pdf, InputKind::Pdf).expect("pdf-extract reads our PDF");
        for (tool, text) in [("pdftotext", &poppler), ("pdf-extract", &extracted)] {
            let flat = squeeze(text);
            assert!(
                flat.contains(&squeeze(&title(&report))),
                "{format}/{tool}: title"
            );
            assert!(
                flat.contains("本年新收政府信息公开申请数量"),
                "{format}/{tool}: T3 label"
            );
            assert!(
                flat.contains(&squeeze(TRICKY)),
                "{format}/{tool}: escaped text"
            );
            let tokens: Vec<&str> = text.split_whitespace().collect();
            for f in figures(&report) {
                assert!(
                    tokens.contains(&f.as_str()),
                    "{format}/{tool}: figure {f} is not a token of the extracted text"
                );
            }
        }
    }
}

/// What agencies' Word files contain: hyperlinks, tracked changes, several runs per word, line breaks and tabs
/// inside cells, and the whole report inside a one-cell layout table.
#[test]
fn docx_text_of_agency_style_files() {
    use docx_rs::{
        Delete, Docx, Hyperlink, HyperlinkType, Insert, Paragraph, Run, Table, TableCell, TableRow,
    };
    let cell =
        |t: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)));
    let inner = Table::new(vec![
        TableRow::new(vec![cell("行政复议"), cell("行政诉讼")]),
        TableRow::new(vec![
            TableCell::new()
                .add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text("结果").add_tab().add_text("维持")),
                )
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("（件）"))),
            TableCell::new().add_paragraph(
                Paragraph::new().add_run(
                    Run::new()
                        .add_text("12")
                        .add_break(docx_rs::BreakType::TextWrapping),
                ),
            ),
        ]),
    ]);
    let layout = Table::new(vec![TableRow::new(vec![
        TableCell::new()
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("四、政府信息公开行政复议、行政诉讼情况")),
            )
            .add_table(inner),
    ])]);
    let docx = Docx::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("本机关"))
                .add_run(Run::new().add_text("2023年"))
                .add_hyperlink(
                    Hyperlink::new("https://example.gov.cn/", HyperlinkType::External)
                        .add_run(Run::new().add_text("门户网站")),
                )
                .add_delete(Delete::new().add_run(Run::new().add_delete_text("已删除")))
                .add_insert(Insert::new(Run::new().add_text("新增"))),
        )
        .add_table(layout);
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).expect("pack");
    let text = extract_text(bytes.get_ref(), InputKind::Docx).expect("to text");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "本机关2023年门户网站新增",
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议\t行政诉讼",
            "结果 维持（件）\t12",
        ]
    );
}

/// A DOCX from another producer: LibreOffice's conversion of `shared/fixtures/reports/030.html` (an agency's
/// published page), with its own `gridSpan`/`vMerge` merges and empty cells. It must read as the page does.
#[test]
fn docx_from_another_producer_reads_like_its_html() {
    let docx = include_bytes!("fixtures/030-libreoffice.docx");
    let html_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/reports/030.html");
    let html = std::fs::read(&html_path).expect("shared/fixtures/reports/030.html");
    let from_docx = gongkai_report::parse_bytes(docx, Some("030.docx")).expect("parse DOCX");
    let from_html = gongkai_report::parse_bytes(&html, Some("030.html")).expect("parse HTML");
    assert_eq!(from_docx.t2, from_html.t2);
    assert_eq!(from_docx.t3, from_html.t3);
    assert_eq!(from_docx.t4, from_html.t4);
    // truth.tsv, row 030: 26 new, 26 granted, 26 results, 1 reconsideration.
    for (path, figure) in [
        ("t3.r1_new.total", 26),
        ("t3.r3_1_open.total", 26),
        ("t3.r3_7_total.total", 26),
        ("t4.review.total", 1),
    ] {
        assert_eq!(from_docx.cell(path), Some(&Cell::Int(figure)), "{path}");
    }
}

/// A PDF from another producer: this suite's DOCX of `distinctive(F2021)` printed by LibreOffice 7.4
/// (`soffice --headless --convert-to pdf`), with Type 1 CJK fonts and its own line breaks. Regenerate it the
/// same way if `distinctive` changes.
#[test]
fn pdf_from_another_producer_reads_every_cell() {
    let report = distinctive(Format::F2021);
    let pdf = include_bytes!("fixtures/distinctive-f2021-libreoffice.pdf");
    let parsed = gongkai_report::parse_bytes(pdf, Some("x.pdf")).expect("parse LibreOffice PDF");
    for path in cell_paths(Format::F2021) {
        assert_eq!(parsed.cell(&path), report.cell(&path), "{path}");
    }
}

/// A report with nothing in it (no sections found, every cell blank) still renders the national skeleton.
#[test]
fn blank_report_renders_the_skeleton() {
    let report = AnnualReport::blank(Format::F2021);
    let docx = render(&report, RenderTarget::Docx).expect("docx");
    let pdf = render(&report, RenderTarget::Pdf).expect("pdf");
    let docx_text = extract_text(&docx, InputKind::Docx).expect("docx text");
    let pdf_text = squeeze(&extract_text(&pdf, InputKind::Pdf).expect("pdf text"));
    for (num, words) in gongkai_domain::report::layout::SECTIONS {
        let heading = format!("{num}、{words}");
        assert!(docx_text.lines().any(|l| l == heading), "DOCX: {heading}");
        assert!(pdf_text.contains(&heading), "PDF: {heading}");
    }
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    // A fixed pseudo-random byte string (xorshift), so that a failure reproduces.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let report = distinctive(Format::F2021);
    let docx = render(&report, RenderTarget::Docx).expect("docx");
    let pdf = render(&report, RenderTarget::Pdf).expect("pdf");
    let mut pdf_noise = b"%PDF-1.7\n".to_vec();
    pdf_noise.extend_from_slice(&noise);
    let mut zip_noise = b"PK\x03\x04".to_vec();
    zip_noise.extend_from_slice(&noise);
    let cases: [(&str, &[u8], InputKind); 8] = [
        ("random as docx", &noise, InputKind::Docx),
        ("random as pdf", &noise, InputKind::Pdf),
        ("empty docx", b"", InputKind::Docx),
        ("empty pdf", b"", InputKind::Pdf),
        ("zip header and noise", &zip_noise, InputKind::Docx),
        ("pdf header and noise", &pdf_noise, InputKind::Pdf),
        ("truncated docx", &docx[..docx.len() / 2], InputKind::Docx),
        ("truncated pdf", &pdf[..pdf.len() / 3], InputKind::Pdf),
    ];
    for (name, bytes, kind) in cases {
        match extract_text(bytes, kind) {
            Err(e) => assert_eq!(e.code(), "report.unreadable_input", "{name}: {e}"),
            Ok(text) => panic!("{name}: accepted, gave {} chars", text.len()),
        }
    }
    let legacy = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let err = extract_text(&legacy, InputKind::Docx).expect_err("legacy .doc");
    assert!(err.to_string().contains(".doc"), "{err}");
}

#[test]
fn docx_and_pdf_round_trip_through_the_parser() {
    for format in [Format::F2019, Format::F2021] {
        let report = distinctive(format);
        for (target, name) in [(RenderTarget::Docx, "x.docx"), (RenderTarget::Pdf, "x.pdf")] {
            let bytes = render(&report, target).expect("render");
            let parsed = gongkai_report::parse_bytes(&bytes, Some(name))
                .unwrap_or_else(|e| panic!("{format} {name}: {e}"));
            assert_eq!(parsed.format, format, "{format} {name}: format");
            assert_eq!(parsed.year, report.year, "{format} {name}: year");
            assert_eq!(parsed.agency, report.agency, "{format} {name}: agency");
            for path in cell_paths(format) {
                assert_eq!(
                    parsed.cell(&path),
                    report.cell(&path),
                    "{format} {name}: {path}"
                );
            }
            assert_eq!(parsed.t2, report.t2, "{format} {name}: t2");
            assert_eq!(parsed.t3, report.t3, "{format} {name}: t3");
            assert_eq!(parsed.t4, report.t4, "{format} {name}: t4");
        }
    }
}

//! Issue 17: OFD (GB/T 33190) input. An OFD package is built here the way another producer lays a report out
//! (text objects placed on pages, table cells as separate objects, border paths between them), from a report
//! gongkai renders; it must read to the same tables as the report written and as gongkai's own PDF of it.

use std::io::Write as _;

use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{AnnualReport, Format};
use gongkai_report::parse::{InputKind, detect_kind};
use gongkai_report::{RenderTarget, parse_bytes, render};

mod common;

fn distinctive(format: Format) -> AnnualReport {
    common::distinctive(format, "某市生态环境局", 2024, 2000)
}

const SIZE: f64 = 3.5;
const LINES_PER_PAGE: usize = 45;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One page's Content.xml: each cell of each line a TextObject of its own, a border line under each row.
fn page_xml(lines: &[&str]) -> String {
    let mut objects = String::new();
    let mut id = 100;
    for (row, line) in lines.iter().enumerate() {
        let y = 20.0 + row as f64 * 6.0;
        let mut x = 15.0;
        for cell in line.split('\t') {
            let glyphs = cell.chars().count();
            if glyphs > 0 {
                id += 1;
                let width = glyphs as f64 * SIZE;
                // The object's origin is its boundary's corner; the run's baseline is 3 mm below it.
                objects.push_str(&format!(
                    r#"<ofd:TextObject ID="{id}" Boundary="{x:.2} {:.2} {width:.2} 5" Font="3" Size="{SIZE}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="3" DeltaX="g {} {SIZE}">{}</ofd:TextCode></ofd:TextObject>"#,
                    y - 3.0,
                    glyphs.saturating_sub(1),
                    escape(cell)
                ));
                x += width;
            }
            x += 8.0;
        }
        id += 1;
        objects.push_str(&format!(
            r#"<ofd:PathObject ID="{id}" Boundary="10 {:.2} 190 0.2"><ofd:AbbreviatedData>M 0 0 L 190 0</ofd:AbbreviatedData></ofd:PathObject>"#,
            y + 1.5
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>"#
    )
}

/// The text as an OFD package: OFD.xml → Doc_0/Document.xml → one Content.xml per page.
fn ofd_package(text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let pages: Vec<&[&str]> = lines.chunks(LINES_PER_PAGE).collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut part = |name: &str, body: &str| {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(body.as_bytes()).expect("zip write");
    };
    part(
        "OFD.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0c5f</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#,
    );
    let page_list: String = (0..pages.len())
        .map(|i| {
            format!(
                r#"<ofd:Page ID="{}" BaseLoc="Pages/Page_{i}/Content.xml"/>"#,
                i + 10
            )
        })
        .collect();
    part(
        "Doc_0/Document.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"#
        ),
    );
    part(
        "Doc_0/PublicRes.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>"#,
    );
    for (i, page) in pages.iter().enumerate() {
        part(
            &format!("Doc_0/Pages/Page_{i}/Content.xml"),
            &page_xml(page),
        );
    }
    zip.finish().expect("zip finish").into_inner()
}

#[track_caller]
fn same_cells(read: &AnnualReport, written: &AnnualReport, what: &str) {
    for path in cell_paths(written.format) {
        assert_eq!(read.cell(&path), written.cell(&path), "{what}: cell {path}");
    }
}

#[test]
fn an_ofd_laid_out_by_another_producer_reads_to_the_same_tables_as_its_pdf() {
    for format in [Format::F2019, Format::F2021] {
        let written = distinctive(format);
        let text =
            String::from_utf8(render(&written, RenderTarget::Txt).expect("text")).expect("UTF-8");
        let ofd = ofd_package(&text);
        assert_eq!(detect_kind(&ofd, Some("report.ofd")), InputKind::Ofd);
        let from_ofd =
            parse_bytes(&ofd, Some("report.ofd")).unwrap_or_else(|e| panic!("{format} OFD: {e}"));
        assert_eq!(from_ofd.agency.as_deref(), Some("某市生态环境局"));
        assert_eq!(from_ofd.year, Some(2024));
        assert_eq!(from_ofd.format, format);
        same_cells(&from_ofd, &written, &format!("{format} OFD"));

        let pdf = render(&written, RenderTarget::Pdf).expect("PDF");
        let from_pdf = parse_bytes(&pdf, Some("report.pdf")).expect("PDF parses");
        same_cells(&from_ofd, &from_pdf, &format!("{format} OFD against PDF"));
    }
}

#[test]
fn a_damaged_or_empty_ofd_is_an_error_not_a_panic() {
    let text = "标题\t1\n";
    let mut ofd = ofd_package(text);
    // Cut off the end: the ZIP's directory is gone.
    ofd.truncate(ofd.len() / 2);
    assert!(parse_bytes(&ofd, Some("x.ofd")).is_err());
    let empty = ofd_package("");
    let err = parse_bytes(&empty, Some("x.ofd")).expect_err("no pages");
    assert!(
        err.to_string().contains("OFD") || err.to_string().contains("Ofd"),
        "{err}"
    );
}

//! The DOCX report's tables break across pages the way a reader needs (issue 13: in LibreOffice, table 四's
//! figures sat alone on the page after its headings): read back from `word/document.xml`, every row is
//! `cantSplit`, the heading rows of tables 三 and 四 repeat (`tblHeader`), and the heading rows and the
//! paragraph introducing each table keep with the next.

use std::io::{Cursor, Read as _};

use gongkai_domain::report::{AnnualReport, Format, Section};
use gongkai_report::render::{RenderTarget, render};

fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    xml
}

fn report(format: Format) -> AnnualReport {
    let mut report = AnnualReport::zeroed(format);
    report.year = Some(2024);
    report.agency = Some("测试县人民政府办公室".into());
    report.sections[3] = Some(Section {
        heading: "四、政府信息公开行政复议、行政诉讼情况".into(),
        body: "本年度行政复议、行政诉讼情况如下表。".into(),
        drafted: false,
    });
    report
}

/// The rows (`<w:tr>…</w:tr>`) of a table's XML.
fn rows(table: &str) -> Vec<&str> {
    table.split("<w:tr>").skip(1).collect()
}

#[test]
fn table_rows_never_split_and_headings_repeat_on_each_page() {
    for format in [Format::F2019, Format::F2021] {
        let docx = render(&report(format), RenderTarget::Docx).expect("DOCX");
        let xml = document_xml(&docx);
        let parts: Vec<&str> = xml.split("<w:tbl>").collect();
        assert_eq!(parts.len(), 4, "{format}: three tables");
        let tables: Vec<&str> = parts[1..]
            .iter()
            .map(|p| p.split("</w:tbl>").next().unwrap_or_default())
            .collect();
        for (name, table) in ["二", "三", "四"].iter().zip(&tables) {
            let rows = rows(table);
            assert!(rows.len() > 3, "{format} table {name}: rows");
            for (i, row) in rows.iter().enumerate() {
                assert!(
                    row.contains("<w:cantSplit"),
                    "{format} table {name} row {i} may split"
                );
            }
        }
        // Table 二's blocks carry their own headings: none of its rows repeats.
        assert!(
            !tables[0].contains("tblHeader"),
            "{format}: table 二 repeats a block's heading"
        );
        for (name, table) in [("三", tables[1]), ("四", tables[2])] {
            let rows = rows(table);
            for (i, row) in rows.iter().enumerate() {
                let heading = i < 3;
                assert_eq!(
                    row.contains("<w:tblHeader"),
                    heading,
                    "{format} table {name} row {i}: tblHeader"
                );
                // Every paragraph of a heading row keeps with the next row; a figure row does not.
                let paragraphs = row.matches("<w:p>").count() + row.matches("<w:p ").count();
                let keep = row.matches("<w:keepNext").count();
                if heading {
                    assert_eq!(keep, paragraphs, "{format} table {name} row {i}: keepNext");
                } else {
                    assert_eq!(
                        keep, 0,
                        "{format} table {name} row {i}: keepNext on figures"
                    );
                }
            }
        }
        // The paragraph right before each table (its caption or section heading) keeps with the table.
        for (k, before) in parts[..3].iter().enumerate() {
            let start = before
                .rfind("<w:p ")
                .max(before.rfind("<w:p>"))
                .unwrap_or(0);
            let last = &before[start..];
            assert!(
                last.contains("<w:keepNext"),
                "{format}: the paragraph before table {k} can be left alone: {last}"
            );
        }
    }
}

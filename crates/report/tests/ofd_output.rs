//! Issue 17, item 4: a report rendered as OFD (GB/T 33190). What an archive and an OFD reader rely on is
//! checked from the package alone: the text reads back to the same tables as the PDF of the same report
//! (both formats, a real report with figures in every table and a report with a distinct figure in every
//! cell), every text object names an embedded font, every glyph a page addresses exists in that font, the
//! font's own cmap maps each character to the glyph the page names, identifiers are unique, and the same
//! report gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read as _};

use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{AnnualReport, Cell, Format};
use gongkai_report::parse::{InputKind, detect_kind};
use gongkai_report::{RenderTarget, parse_bytes, parse_text, render};

mod common;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../../shared/fixtures/reports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A report whose every number cell holds its own figure, so a figure read into the wrong cell shows.
fn distinctive(format: Format) -> AnnualReport {
    let year = if format == Format::F2019 { 2020 } else { 2025 };
    common::distinctive(format, "某市交通运输局", year, 300)
}

fn parts(ofd: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(ofd)).expect("a ZIP package");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read entry");
        out.insert(entry.name().to_owned(), bytes);
    }
    out
}

fn xml(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .clone(),
    )
    .expect("UTF-8")
}

/// The figures of `expected` read back (a cell the source left unread renders blank, so only figures are
/// compared with the source; against the PDF every cell is compared).
#[track_caller]
fn same_tables(read: &AnnualReport, expected: &AnnualReport, what: &str, figures_only: bool) {
    assert_eq!(read.format, expected.format, "{what}: format");
    assert_eq!(read.agency, expected.agency, "{what}: agency");
    assert_eq!(read.year, expected.year, "{what}: year");
    for path in cell_paths(expected.format) {
        let want = expected.cell(&path);
        if figures_only && !matches!(want, Some(Cell::Int(_))) {
            continue;
        }
        assert_eq!(read.cell(&path), want, "{what}: cell {path}");
    }
}

#[test]
fn an_ofd_written_by_gongkai_reads_to_the_same_tables_as_its_pdf() {
    // (what, report, whether every figure must read back): a report read from a real text keeps the cells
    // that text left blank, and a row printed with blanks cannot say which columns its figures are in, in a
    // PDF as in an OFD (016's table 三); there only the PDF is the reference.
    let mut reports: Vec<(String, AnnualReport, bool)> = [Format::F2019, Format::F2021]
        .into_iter()
        .map(|f| (format!("distinct figures {f}"), distinctive(f), true))
        .collect();
    // Real reports with figures in their tables (016: 2020, blanks in table 三; the seed: 2020, all zeros).
    for (name, every_figure) in [("016.txt", false), ("mengzhou-ggzyjy-2020.txt", true)] {
        let report = parse_text(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        reports.push((name.to_owned(), report, every_figure));
    }
    for (what, report, every_figure) in reports {
        let ofd = render(&report, RenderTarget::Ofd).unwrap_or_else(|e| panic!("{what}: OFD: {e}"));
        assert_eq!(
            detect_kind(&ofd, Some("report.ofd")),
            InputKind::Ofd,
            "{what}"
        );
        let from_ofd =
            parse_bytes(&ofd, Some("report.ofd")).unwrap_or_else(|e| panic!("{what}: {e}"));
        if every_figure {
            same_tables(
                &from_ofd,
                &report,
                &format!("{what}: OFD against the report"),
                true,
            );
        }
        let pdf = render(&report, RenderTarget::Pdf).expect("PDF");
        let from_pdf = parse_bytes(&pdf, Some("report.pdf")).expect("PDF parses");
        same_tables(
            &from_ofd,
            &from_pdf,
            &format!("{what}: OFD against its PDF"),
            false,
        );
        let again = render(&report, RenderTarget::Ofd).expect("OFD again");
        assert!(
            again == ofd,
            "{what}: the same report gives the same OFD bytes"
        );
    }
}

/// The attributes of every element named `name` in a part.
fn elements<'a>(
    doc: &'a roxmltree::Document<'a>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

#[test]
fn every_glyph_a_page_names_is_in_its_embedded_font_and_the_cmap_agrees() {
    let report = parse_text(&fixture("016.txt")).expect("016 parses");
    let parts = parts(&render(&report, RenderTarget::Ofd).expect("OFD"));

    let root = xml(&parts, "OFD.xml");
    let root = roxmltree::Document::parse(&root).expect("OFD.xml");
    let doc_root = elements(&root, "DocRoot")
        .next()
        .and_then(|n| n.text())
        .expect("DocRoot");
    assert_eq!(doc_root, "Doc_0/Document.xml");
    let title = elements(&root, "Title")
        .next()
        .and_then(|n| n.text())
        .expect("Title");
    assert!(title.contains("年政府信息公开工作年度报告"), "{title}");

    let document = xml(&parts, "Doc_0/Document.xml");
    let document = roxmltree::Document::parse(&document).expect("Document.xml");
    let max_id: u64 = elements(&document, "MaxUnitID")
        .next()
        .and_then(|n| n.text())
        .and_then(|t| t.parse().ok())
        .expect("MaxUnitID");
    let pages: Vec<String> = elements(&document, "Page")
        .map(|p| format!("Doc_0/{}", p.attribute("BaseLoc").expect("BaseLoc")))
        .collect();
    assert!(pages.len() >= 2, "a report takes pages: {pages:?}");

    let public = xml(&parts, "Doc_0/PublicRes.xml");
    let public = roxmltree::Document::parse(&public).expect("PublicRes.xml");
    let base = public
        .root_element()
        .attribute("BaseLoc")
        .expect("Res BaseLoc");
    let fonts: BTreeMap<String, Vec<u8>> = elements(&public, "Font")
        .map(|f| {
            let file = f
                .children()
                .find(|c| c.has_tag_name(("http://www.ofdspec.org/2016", "FontFile")));
            let path = format!(
                "Doc_0/{base}/{}",
                file.and_then(|n| n.text()).expect("FontFile")
            );
            let bytes = parts
                .get(&path)
                .unwrap_or_else(|| panic!("{path} is not in the package"))
                .clone();
            (f.attribute("ID").expect("font ID").to_owned(), bytes)
        })
        .collect();
    assert!(!fonts.is_empty());

    let mut ids = BTreeSet::new();
    let mut checked = 0;
    for page in &pages {
        let content = xml(&parts, page);
        let content = roxmltree::Document::parse(&content).expect("Content.xml");
        for node in content.descendants().filter(|n| n.is_element()) {
            if let Some(id) = node.attribute("ID") {
                let id: u64 = id.parse().expect("numeric ID");
                assert!(id <= max_id, "ID {id} above MaxUnitID {max_id}");
                assert!(ids.insert(id), "ID {id} used twice");
            }
        }
        for object in elements(&content, "TextObject") {
            let font_id = object.attribute("Font").expect("Font");
            let bytes = fonts
                .get(font_id)
                .unwrap_or_else(|| panic!("font {font_id} not declared"));
            let face = ttf_parser::Face::parse(bytes, 0).expect("the embedded font parses");
            let code = object
                .children()
                .find(|c| c.has_tag_name(("http://www.ofdspec.org/2016", "TextCode")))
                .expect("TextCode");
            let chars: Vec<char> = code.text().unwrap_or_default().chars().collect();
            for cg in object
                .children()
                .filter(|c| c.has_tag_name(("http://www.ofdspec.org/2016", "CGTransform")))
            {
                let at: usize = cg
                    .attribute("CodePosition")
                    .and_then(|v| v.parse().ok())
                    .expect("CodePosition");
                let count: usize = cg
                    .attribute("CodeCount")
                    .and_then(|v| v.parse().ok())
                    .expect("CodeCount");
                let glyphs: Vec<u16> = cg
                    .children()
                    .find(|c| c.has_tag_name(("http://www.ofdspec.org/2016", "Glyphs")))
                    .and_then(|g| g.text())
                    .expect("Glyphs")
                    .split_whitespace()
                    .map(|g| g.parse().expect("glyph number"))
                    .collect();
                assert!(at + count <= chars.len(), "CGTransform beyond its text");
                for glyph in &glyphs {
                    assert!(
                        *glyph < face.number_of_glyphs(),
                        "glyph {glyph} not in font {font_id}"
                    );
                }
                // As many glyphs as characters: the i-th character is drawn by the i-th glyph.
                if count == glyphs.len() {
                    for (c, glyph) in chars[at..at + count].iter().zip(&glyphs) {
                        let mapped = face.glyph_index(*c).map(|g| g.0);
                        assert_eq!(mapped, Some(*glyph), "cmap of font {font_id} for {c:?}");
                        if !c.is_whitespace() {
                            let bbox = face.glyph_bounding_box(ttf_parser::GlyphId(*glyph));
                            assert!(bbox.is_some(), "glyph for {c:?} has no outline");
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    // 016 is a whole report: thousands of characters, every one checked.
    assert!(checked > 2000, "only {checked} characters checked");
}

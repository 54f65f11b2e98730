//! Issue 17: scanned reports, read through OCR (Debian's Tesseract with its simplified-Chinese model). The
//! report gongkai renders is printed to PDF, rasterised at 200 dpi with `pdftoppm` as a scanner would, the pages
//! stacked into one PNG, and parsed: every cell of tables 三 and 四 must read right or stay unread, never wrong,
//! and the output must say the cells came from OCR.

use std::process::Command;

use gongkai_domain::report::layout::cell_paths;
use gongkai_domain::report::{AnnualReport, Cell, Format};
use gongkai_report::{RenderTarget, parse_bytes, render};

mod common;

/// A small office's report: table 三's figures and one review in table 四, each table adding up.
fn seed(format: Format) -> AnnualReport {
    let figures: Vec<(&str, i64)> = common::SMALL_OFFICE_T3
        .into_iter()
        .chain([("t4.review.maintain", 1), ("t4.review.total", 1)])
        .collect();
    common::with_figures(format, "某县人民政府办公室", 2023, &figures)
}

/// The report as a scanner gives it: its PDF's pages at 200 dpi, stacked into one image.
fn scanned_png(report: &AnnualReport) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&pdf, render(report, RenderTarget::Pdf).expect("PDF")).expect("write PDF");
    let status = Command::new("pdftoppm")
        .args(["-r", "200", "-gray", "-png"])
        .arg(&pdf)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm (apt: poppler-utils)");
    assert!(status.success());
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    let images: Vec<image::GrayImage> = pages
        .iter()
        .map(|p| image::open(p).expect("page PNG").to_luma8())
        .collect();
    let width = images.iter().map(|i| i.width()).max().expect("pages");
    let height = images.iter().map(|i| i.height()).sum();
    let mut sheet = image::GrayImage::from_pixel(width, height, image::Luma([255]));
    let mut y = 0;
    for page in &images {
        image::imageops::replace(&mut sheet, page, 0, i64::from(y));
        y += page.height();
    }
    let mut png = Vec::new();
    sheet
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("encode PNG");
    png
}

#[test]
fn a_scanned_report_reads_each_cell_right_or_leaves_it_unread() {
    let written = seed(Format::F2021);
    let png = scanned_png(&written);
    let read = parse_bytes(&png, Some("scan.png")).unwrap_or_else(|e| panic!("OCR parse: {e}"));
    let (mut right, mut unread) = (0, 0);
    for path in cell_paths(Format::F2021)
        .iter()
        .filter(|p| p.starts_with("t3.") || p.starts_with("t4."))
    {
        match read.cell(path) {
            Some(Cell::Unresolved) => unread += 1,
            got => {
                assert_eq!(got, written.cell(path), "cell {path} read wrong by OCR");
                right += 1;
            }
        }
    }
    println!("tables 三 and 四 from the scan: {right} cells right, {unread} unread");
    // With the words placed in the cells the ruling lines draw and the cells read a second time alone, this
    // scan reads 176 of the 190 cells (Debian's Tesseract 5.3, chi_sim); the page read as plain text gave 28.
    assert!(
        right >= 140,
        "OCR read only {right} cells ({unread} unread)"
    );
    // The output says the cells came from OCR.
    assert!(read.notes.iter().any(|n| n.code == "P-OCR-CELLS"));
    assert!(read.provenance.iter().all(|(_, s)| s.how == "ocr"));
    let (by_ocr, kept) = read.ocr_cells();
    assert_eq!(kept, right, "kept cells are the ones read right");
    assert!(by_ocr >= kept);
}

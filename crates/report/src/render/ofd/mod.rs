//! OFD (GB/T 33190-2016, the national format for electronic documents, the one agencies archive in): the
//! report laid out exactly as the PDF (the same typst layout), written as an OFD package: `OFD.xml` with the
//! document's metadata, `Doc_0/Document.xml` with the page list, `Doc_0/PublicRes.xml` naming the embedded
//! font subsets in `Doc_0/Res/`, and one `Doc_0/Pages/Page_N/Content.xml` per page with its text and path
//! objects. The output is the same bytes for the same report (no clock, no random identifier).

mod content;
mod fonts;
mod page;
mod xml;

use std::io::{Cursor, Write as _};

use gongkai_domain::report::AnnualReport;
use zip::write::SimpleFileOptions;

use crate::ReportError;

pub(super) fn render(report: &AnnualReport) -> Result<Vec<u8>, ReportError> {
    let document = super::pdf::lay_out_report(report)?;
    let mut font_set = fonts::FontSet::default();
    let pages: Vec<page::Page> = document
        .pages()
        .iter()
        .map(|p| page::page(&p.frame, &mut font_set))
        .collect();
    let embedded = font_set.embed()?;
    let info = xml::DocInfo {
        title: super::title(report),
        author: report.agency.clone().unwrap_or_default(),
    };
    let parts = xml::parts(&info, &pages, embedded).map_err(xml_error)?;
    package(parts)
}

/// The parts zipped. `OFD.xml` comes first, as readers look for it at the root.
fn package(parts: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, ReportError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fixed time keeps the output the same bytes for the same report.
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).map_err(zip_error)?;
        zip.write_all(&bytes).map_err(xml_error)?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

fn xml_error(e: std::io::Error) -> ReportError {
    ReportError::Render(format!("OFD: {e}"))
}

fn zip_error(e: zip::result::ZipError) -> ReportError {
    ReportError::Render(format!("OFD package: {e}"))
}

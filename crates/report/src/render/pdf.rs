//! PDF through typst used as a library: the report becomes typst source (`markup`), is compiled in a small
//! `World` over the machine's CJK fonts (`world`) and exported by typst-pdf, which embeds subsets of the
//! fonts with their ToUnicode maps so that the text extracts back (pdftotext, pdf-extract).

pub(super) mod grid;
mod markup;
/// Typst string literals, shared with the letters.
pub(crate) use markup::lit;
mod world;

use gongkai_domain::report::AnnualReport;
use typst::diag::{SourceDiagnostic, Warned};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::ReportError;

pub(super) fn render(report: &AnnualReport) -> Result<Vec<u8>, ReportError> {
    compile(|body, heading| markup::source(report, body, heading))
}

/// Compiles the typst source that `source` makes from the body and heading font families found on this
/// machine, and exports it as PDF (also used by the 告知书 of `crate::letters`).
pub(crate) fn compile(source: impl FnOnce(&str, &str) -> String) -> Result<Vec<u8>, ReportError> {
    let document = lay_out(source)?;
    typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|errors| diagnostics("typst-pdf", &errors))
}

/// The report laid out in pages, as the PDF prints it (also what the OFD writer places on its pages).
pub(super) fn lay_out_report(report: &AnnualReport) -> Result<PagedDocument, ReportError> {
    lay_out(|body, heading| markup::source(report, body, heading))
}

fn lay_out(source: impl FnOnce(&str, &str) -> String) -> Result<PagedDocument, ReportError> {
    let fonts = world::fonts()?;
    let source = source(&fonts.body, &fonts.heading);
    let world = world::ReportWorld::new(fonts, source);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    // typst memoises layouts across compilations; a long-running server rendering many reports would keep
    // them all. Drop what the last few compilations did not reuse.
    typst::comemo::evict(10);
    output.map_err(|errors| diagnostics("typst", &errors))
}

fn diagnostics(stage: &str, errors: &[SourceDiagnostic]) -> ReportError {
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    ReportError::Render(format!("PDF ({stage}): {}", messages.join("; ")))
}
